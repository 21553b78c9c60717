"""Import a team from a spreadsheet (CSV or XLSX) with Chinese or English column headers."""

from __future__ import annotations

import csv
import io
import re
import zipfile
from pathlib import Path

import msgspec

from .. import progress
from ..errors import SHEETS, DouyinTeamError, InvalidValue, MalformedFile
from ..knowledge import KnowledgeBase, normalize
from .model import Person, Team
from .teamfile import read_bytes, read_team_file, read_text, resolve_team

MAX_UNZIPPED_BYTES = 200 * 1024 * 1024
MAX_ROWS = 200_000
HEADERS: dict[str, tuple[str, ...]] = {
    "name": ("姓名", "名字", "员工", "员工姓名", "人员", "name", "person", "employee"),
    "roles": ("岗位", "职位", "职务", "角色", "岗位名称", "roles", "role", "post", "posts", "position", "title"),
    "reports_to": ("上级", "直属上级", "汇报对象", "汇报给", "领导", "reports_to", "reportsto", "manager", "supervisor"),
    "department": ("部门", "组", "小组", "所属部门", "department", "dept", "group", "team"),
    "hours": ("工时", "每周工时", "周工时", "hours", "hoursperweek", "weeklyhours"),
    "monthly_cost": ("月成本", "月薪", "薪资", "工资", "成本", "monthly_cost", "monthlycost", "salary", "cost"),
    "vacancy": ("待招聘", "空缺", "招聘中", "vacancy", "open", "vacant"),
    "can_cover": ("可替岗", "可顶岗", "备岗", "can_cover", "cancover", "backup"),
    "phone": ("手机", "手机号", "手机号码", "电话", "联系电话", "phone", "mobile", "tel"),  # kept only when asked
}
TRUE_WORDS = {"是", "y", "yes", "true", "1", "√", "✓", "x", "待招聘", "空缺"}
NO_TITLE = "（未填职位）"
UNIT = re.compile(r"[（(【\[].*?[)）】\]]")


def read_team(path: str | Path, kb: KnowledgeBase) -> Team:
    """A team file (YAML or JSON), or a CSV/XLSX roster read as `import` reads it (errors name the row and
    column), for every command that takes a team."""
    if Path(path).suffix.lower() in SHEETS:
        return import_table(str(path), kb)
    return read_team_file(path, kb)


def import_table(path: str, kb: KnowledgeBase, sheet: str | None = None, keep_phone: bool = False) -> Team:
    """Read a CSV or XLSX file into a validated team; errors name the file, row and column. Phone numbers are
    personal data: left out unless `keep_phone` (then checked: digits, +, - and spaces)."""
    records, row_of, source = _team_records(path, sheet)
    if not keep_phone:
        for record in records:
            record.pop("phone", None)
    try:
        people = []
        for n, (cells, row) in enumerate(zip(records, row_of, strict=True), 1):
            people.append(_person(cells, row))
            if n % 1000 == 0 or n == len(records):
                progress.report(n, len(records), progress.ROWS)
        if source is not None:  # an address book: a person without a title is kept, their post unknown
            people = [p if p.roles else msgspec.structs.replace(p, roles=[], unknown_titles=[NO_TITLE]) for p in people]
        return resolve_team(Team(people=people), kb)
    except DouyinTeamError as err:
        locate_row(err, row_of)
        raise err.located(file=path) from None


def _team_records(path: str, sheet: str | None) -> tuple[list[dict[str, str]], list[int], str | None]:
    """A team table's records, row numbers and, for a DingTalk/Feishu/WeCom address book, its layout id."""
    from .directory import detect_directory, directory_records

    rows = table_rows(path, sheet)
    found = detect_directory(rows)
    if found is None:
        return (*read_rows(path, HEADERS, ("name", "roles"), sheet, rows), None)
    records, row_of = directory_records(rows, found)
    if not records:
        raise InvalidValue("the table has a header but no people", file=path, line=found.header + 1)
    return records, row_of, found.layout.id


def table_rows(path: str, sheet: str | None = None) -> list[list[str]]:
    """The cells of a CSV file or an XLSX sheet, as text."""
    return _xlsx_rows(path, sheet) if Path(path).suffix.lower() in (".xlsx", ".xlsm") else _csv_rows(path)


def read_rows(path: str, headers: dict[str, tuple[str, ...]], required: tuple[str, ...],
              sheet: str | None = None, rows: list[list[str]] | None = None) -> tuple[list[dict[str, str]], list[int]]:
    """The table's rows as {field: text} (empty cells left out) and each one's row number in the file."""
    rows = table_rows(path, sheet) if rows is None else rows
    try:
        header_row, columns = _find_header(rows, headers, required)
        return _records(rows, header_row, columns)
    except DouyinTeamError as err:
        raise err.located(file=path) from None


def _csv_rows(path: str) -> list[list[str]]:
    text = _decode_csv(path)
    try:
        dialect = csv.Sniffer().sniff(text[:4096], delimiters=",\t;")
    except csv.Error:
        dialect = csv.excel
    try:
        return [row for _, row in zip(range(MAX_ROWS + 50), csv.reader(io.StringIO(text), dialect), strict=False)]
    except csv.Error as exc:
        raise MalformedFile(f"not valid CSV: {exc}", file=path) from None


def _decode_csv(path: str) -> str:
    try:
        return read_text(path)
    except MalformedFile as err:
        if "UTF-8" not in err.message:
            raise
    raw = read_bytes(path)
    try:
        return raw.decode("gb18030")  # CSV saved by Chinese Excel
    except UnicodeDecodeError:
        raise MalformedFile("not UTF-8 or GBK text", file=path, hint="save the CSV as UTF-8") from None


def _xlsx_rows(path: str, sheet: str | None) -> list[list[str]]:
    """The sheet's rows as they really are (not as its declared dimension says), capped: team/xlsxread.py."""
    from .xlsxread import sheet_rows

    read_bytes(path, limit=50 * 1024 * 1024)  # size and emptiness checks
    _check_zip(path)
    return sheet_rows(path, sheet, MAX_ROWS + 50)


def _check_zip(path: str) -> None:
    """Refuse archives that would unpack to far more than they weigh (zip bombs)."""
    try:
        with zipfile.ZipFile(path) as archive:
            total = sum(info.file_size for info in archive.infolist())
    except (zipfile.BadZipFile, OSError):
        raise MalformedFile("not an XLSX file (an XLSX is a zip archive)", file=path,
                            hint="save it from Excel/WPS as .xlsx, or export CSV") from None
    if total > MAX_UNZIPPED_BYTES:
        raise MalformedFile(f"unpacks to {total} bytes, over the {MAX_UNZIPPED_BYTES}-byte limit", file=path)


def _key(text: str) -> str:
    return normalize(UNIT.sub("", text)).replace("_", "")


def _find_header(rows: list[list[str]], headers: dict[str, tuple[str, ...]],
                 required: tuple[str, ...]) -> tuple[int, dict[str, int]]:
    lookup = {_key(label): field for field, labels in headers.items() for label in labels}
    for index, row in enumerate(rows[:20]):
        columns: dict[str, int] = {}
        for col, cell in enumerate(row):
            field = lookup.get(_key(cell))
            if field and field not in columns:
                columns[field] = col
        if all(field in columns for field in required):
            return index, columns
    wanted = " and ".join(f"{headers[f][0]}/{headers[f][-3] if len(headers[f]) > 3 else f}" for f in required)
    raise InvalidValue(f"no header row with the columns {wanted}", line=1,
                       hint="accepted headers: " + "; ".join("/".join(v[:3]) for v in headers.values()))


def _records(rows: list[list[str]], header: int, columns: dict[str, int]) -> tuple[list[dict[str, str]], list[int]]:
    records: list[dict[str, str]] = []
    row_of: list[int] = []
    for index in range(header + 1, len(rows)):
        cells = rows[index]
        if not any(c.strip() for c in cells):
            continue
        if len(records) >= MAX_ROWS:
            raise InvalidValue(f"more than {MAX_ROWS} people", line=index + 1)
        row_of.append(index + 1)
        records.append({f: cells[c].strip() for f, c in columns.items() if c < len(cells) and cells[c].strip()})
    if not records:
        raise InvalidValue("the table has a header but no people", line=header + 1)
    return records, row_of


def _person(cell: dict[str, str], row: int) -> Person:
    def number(field: str, upper: float) -> float | None:
        text = cell.get(field, "").replace(",", "").replace("元", "").replace("h", "").strip()
        if not text:
            return None
        try:
            value = float(text)
        except ValueError:
            raise InvalidValue(f"'{cell[field]}' is not a number", line=row, field=field) from None
        if not 0 <= value <= upper:
            raise InvalidValue(f"{value:g} is out of range (0–{upper:g})", line=row, field=field)
        return value

    if not cell.get("name"):
        raise InvalidValue("a person without a name", line=row, field="name", hint="fill in 姓名 or delete the row")
    return Person(
        name=cell["name"][:100], roles=cell.get("roles", ""), reports_to=cell.get("reports_to") or None,
        vacancy=cell.get("vacancy", "").casefold() in TRUE_WORDS, hours=number("hours", 168),
        monthly_cost=number("monthly_cost", 1e9), department=cell.get("department") or None,
        can_cover=[cell["can_cover"]] if cell.get("can_cover") else [], phone=cell.get("phone") or None,
    )


def locate_row(err: DouyinTeamError, row_of: list[int]) -> None:
    """Turn a `people[i].field` path from validation into the spreadsheet's row (the error's line)."""
    match = re.match(r"people\[(\d+)\]\.?([a-z_]*)", err.field or "")
    if match and int(match.group(1)) < len(row_of):
        err.line = row_of[int(match.group(1))]
        err.field = match.group(2) or None
