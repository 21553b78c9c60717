"""Read the cells of one XLSX sheet safely: a streaming parse of the sheet's XML with hard caps.

Not openpyxl's reader, which trusts the sheet's declared `<dimension ref>`: a sheet claiming `A1:C3` over
40,000 rows was cut to 3 rows, and a 5 KB one claiming `A1:XFD1048576` padded every row to 16,384 cells
(gigabytes). Here the rows are the `<row>` elements really present, every row as long as its last cell,
and rows, columns, cells, unpacked bytes and time are capped with an error naming the limit. XML with a
DOCTYPE (external entities, entity bombs) is refused before any entity is read.
"""

from __future__ import annotations

import re
import time
import zipfile
from collections.abc import Callable, Iterator
from posixpath import join, normpath
from typing import IO, Any
from xml.parsers import expat

from ..errors import InvalidValue, MalformedFile

MAX_COLUMNS = 1_000
MAX_CELLS = 5_000_000
MAX_SECONDS = 60.0
MAX_XML_BYTES = 200 * 1024 * 1024
CHUNK = 1 << 16
MAIN = "{http://schemas.openxmlformats.org/spreadsheetml/2006/main}"
RELS = "{http://schemas.openxmlformats.org/package/2006/relationships}"
OFFICE_REL = "{http://schemas.openxmlformats.org/officeDocument/2006/relationships}"
CELL_REF = re.compile(r"([A-Z]{1,3})(\d+)$")


class XmlRefused(Exception):
    """The XML declares a document type (the door to entity expansion): never parsed further."""


def sheet_rows(path: str, sheet: str | None, max_rows: int) -> list[list[str]]:
    """The rows of the named sheet (default: the first) as text cells, empty cells as ""; errors name the file."""
    try:
        with zipfile.ZipFile(path) as archive:
            target = _sheet_part(archive, sheet, path)
            strings = _shared_strings(archive, path)
            with archive.open(target) as stream:
                return _Sheet(strings, max_rows, path).read(stream)
    except (zipfile.BadZipFile, KeyError, OSError, EOFError, RuntimeError, NotImplementedError) as exc:
        raise MalformedFile(f"not a readable XLSX workbook ({type(exc).__name__})", file=path,
                            hint="save it from Excel/WPS as .xlsx, or export CSV") from None


def _sheet_part(archive: zipfile.ZipFile, sheet: str | None, path: str) -> str:
    """The archive member holding the sheet, from the workbook's sheet list and its relationships."""
    names: list[tuple[str, str]] = []  # (sheet name, relationship id)
    targets: dict[str, str] = {}

    def on_workbook(tag: str, attrs: dict[str, str]) -> None:
        if tag == MAIN + "sheet":
            names.append((attrs.get("name", ""), attrs.get(OFFICE_REL + "id", "")))

    def on_rels(tag: str, attrs: dict[str, str]) -> None:
        if tag == RELS + "Relationship":
            targets[attrs.get("Id", "")] = attrs.get("Target", "")

    _parse(archive, "xl/workbook.xml", path, on_workbook)
    _parse(archive, "xl/_rels/workbook.xml.rels", path, on_rels)
    if not names:
        raise MalformedFile("the workbook has no sheets", file=path)
    if sheet is not None and sheet not in {name for name, _ in names}:
        raise InvalidValue(f"no sheet named '{sheet}'", file=path, field="--sheet",
                           hint=f"sheets: {', '.join(name for name, _ in names)}")
    rel = next(r for name, r in names if sheet is None or name == sheet)
    target = targets.get(rel, "")
    member = normpath(target.lstrip("/")) if target.startswith("/") else normpath(join("xl", target))
    if member not in archive.NameToInfo:
        raise MalformedFile(f"the sheet's part '{target}' is missing", file=path)
    return member


def _shared_strings(archive: zipfile.ZipFile, path: str) -> list[str]:
    """The workbook's shared strings (a rich-text string is its runs' text joined)."""
    part = "xl/sharedStrings.xml"
    if part not in archive.NameToInfo:
        return []
    strings: list[str] = []
    parts: list[str] = []
    depth = {"t": False, "rph": False}

    def start(tag: str, _attrs: dict[str, str]) -> None:
        if tag == MAIN + "si":
            parts.clear()
        elif tag == MAIN + "t":
            depth["t"] = True
        elif tag == MAIN + "rPh":  # phonetic guide (furigana): not part of the text
            depth["rph"] = True

    def end(tag: str) -> None:
        if tag == MAIN + "si":
            strings.append("".join(parts))
        elif tag == MAIN + "t":
            depth["t"] = False
        elif tag == MAIN + "rPh":
            depth["rph"] = False

    def text(data: str) -> None:
        if depth["t"] and not depth["rph"]:
            parts.append(data)

    _parse(archive, part, path, start, end, text)
    return strings


class _Sheet:
    """The state of one sheet's streaming parse. A row is made only when a cell in it holds a value, so
    empty formatted rows far down (or a declared dimension) cost nothing."""

    def __init__(self, strings: list[str], max_rows: int, path: str) -> None:
        self.strings, self.max_rows, self.path = strings, max_rows, path
        self.rows: list[list[str]] = []
        self.number = 0  # the <row> being read (1-based), 0 outside one
        self.column = 0
        self.kind: str | None = None  # the type of the cell being read, None outside one
        self.value: list[str] = []
        self.in_value = False
        self.cells = 0
        self.deadline = time.monotonic() + MAX_SECONDS

    def read(self, stream: IO[bytes]) -> list[list[str]]:
        _feed(stream, self.path, self.start, self.end, self.text)
        return self.rows

    def start(self, tag: str, attrs: dict[str, str]) -> None:
        if tag == MAIN + "row":
            self.number = int(attrs["r"]) if attrs.get("r", "").isdigit() else self.number + 1
            self.column = 0
        elif tag == MAIN + "c" and self.number:
            self.column = _column(attrs.get("r"), self.column)
            self.kind, self.value = attrs.get("t", "n"), []
        elif tag in (MAIN + "v", MAIN + "t") and self.kind is not None:
            self.in_value = True

    def end(self, tag: str) -> None:
        if tag in (MAIN + "v", MAIN + "t"):
            self.in_value = False
        elif tag == MAIN + "c" and self.kind is not None:
            text = self._text(self.kind, "".join(self.value))
            self.kind = None
            if text:
                self._put(text)
            self.column += 1

    def text(self, data: str) -> None:
        if self.in_value:
            self.value.append(data)

    def _put(self, text: str) -> None:
        """Store a cell's value in its row, making the row (and the empty ones above it) when needed."""
        if self.column >= MAX_COLUMNS:
            raise InvalidValue(f"row {self.number} has a value in column {self.column + 1}, past the "
                               f"{MAX_COLUMNS}-column limit", file=self.path, hint="delete the columns right of the table")
        if self.number > self.max_rows:
            raise InvalidValue(f"the sheet has data in row {self.number}, past the {self.max_rows}-row limit",
                               file=self.path, hint="delete the rows below the team, or split the sheet")
        self.cells += 1
        if self.cells > MAX_CELLS:
            raise InvalidValue(f"the sheet has more than {MAX_CELLS} cells with values", file=self.path,
                               hint="split the sheet")
        if self.cells % 10_000 == 0 and time.monotonic() > self.deadline:
            raise InvalidValue(f"reading the sheet took over {MAX_SECONDS:g} s", file=self.path,
                               hint="split the sheet, or export it as CSV")
        if self.number > len(self.rows):
            self.rows.extend([] for _ in range(self.number - len(self.rows)))
        row = self.rows[self.number - 1]
        if self.column >= len(row):
            row.extend([""] * (self.column - len(row) + 1))
        row[self.column] = text

    def _text(self, kind: str, raw: str) -> str:
        if kind == "s":
            index = int(raw) if raw.strip().isdigit() else -1
            return self.strings[index] if 0 <= index < len(self.strings) else ""
        if kind == "b":
            return "True" if raw.strip() == "1" else "False" if raw.strip() == "0" else raw
        if kind in ("n", "") and raw:
            return _number(raw)
        return raw  # str (a formula's text), inlineStr, e (an error like #N/A)


def _column(ref: str | None, following: int) -> int:
    """The 0-based column of a cell reference like `C7` (a cell without one follows the previous cell)."""
    match = CELL_REF.match(ref or "")
    if match is None:
        return following
    column = 0
    for letter in match.group(1):
        column = column * 26 + ord(letter) - 64
    return column - 1


def _number(raw: str) -> str:
    """A number cell as openpyxl would show it: whole numbers without a decimal point."""
    text = raw.strip()
    try:
        value = float(text)
    except ValueError:
        return text
    if re.fullmatch(r"-?\d+", text):
        return str(int(text))
    return str(int(value)) if value.is_integer() and abs(value) < 1e15 else repr(value)


def _parse(archive: zipfile.ZipFile, part: str, path: str, start: Callable[[str, dict[str, str]], None],
           end: Callable[[str], None] | None = None, text: Callable[[str], None] | None = None) -> None:
    if part not in archive.NameToInfo:
        raise MalformedFile(f"not an XLSX workbook ('{part}' is missing)", file=path,
                            hint="save it from Excel/WPS as .xlsx, or export CSV")
    with archive.open(part) as stream:
        _feed(stream, path, start, end, text)


def _feed(stream: IO[bytes], path: str, start: Callable[[str, dict[str, str]], None],
          end: Callable[[str], None] | None, text: Callable[[str], None] | None) -> None:
    """Parse XML from the stream in chunks with expat, namespaces resolved, any DOCTYPE refused."""
    parser = expat.ParserCreate(namespace_separator="}")
    parser.SetParamEntityParsing(expat.XML_PARAM_ENTITY_PARSING_NEVER)
    parser.StartDoctypeDeclHandler = _refuse
    parser.EntityDeclHandler = _refuse
    parser.ExternalEntityRefHandler = _refuse
    parser.StartElementHandler = lambda tag, attrs: start(_clark(tag), {_clark(k): v for k, v in attrs.items()})
    if end is not None:
        parser.EndElementHandler = lambda tag: end(_clark(tag))
    if text is not None:
        parser.CharacterDataHandler = text
    try:
        for chunk in _chunks(stream, path):
            parser.Parse(chunk, False)
        parser.Parse(b"", True)
    except XmlRefused:
        raise MalformedFile("the workbook's XML declares a DOCTYPE (entities), which is refused", file=path,
                            hint="save the file again from Excel/WPS, or export CSV") from None
    except expat.ExpatError as exc:
        raise MalformedFile(f"the workbook's XML is damaged ({expat.errors.messages[exc.code]})", file=path,
                            hint="save it again from Excel/WPS, or export CSV") from None


def _chunks(stream: IO[bytes], path: str) -> Iterator[bytes]:
    seen = 0
    while chunk := stream.read(CHUNK):
        seen += len(chunk)
        if seen > MAX_XML_BYTES:
            raise MalformedFile(f"a part of the workbook unpacks to over {MAX_XML_BYTES} bytes", file=path)
        yield chunk


def _clark(name: str) -> str:
    """expat's `uri}local` as ElementTree's `{uri}local`."""
    return "{" + name if "}" in name else name


def _refuse(*_args: Any) -> int:
    raise XmlRefused()
