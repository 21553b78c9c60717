"""Hostile text, as an attacker or a damaged spreadsheet would give it: the corpus every input path is tested with.

`REFUSED` must be refused wherever text comes in (a clear error naming the field: exit 2, or a 4xx);
`SURVIVING` must come out of every renderer as well-formed output (control and bidi characters removed).
"""

from __future__ import annotations

import zipfile
from pathlib import Path

REFUSED = {
    "nul": "a\x00b",
    "lone-high-surrogate": "名\ud800",
    "lone-low-surrogate": "\udfff名",
}
SURVIVING = {
    "soh": "A\x01B",
    "escape": "红\x1b[31m色",
    "del": "D\x7fE",
    "c1": "N\x85E\x9bL",
    "rtl-override": "\u202egnp.exe",
    "bidi-isolate": "\u2066隔离\u2069",
    "line-separator": "一\u2028二",
    "non-character": "X\ufffeY\uffffZ",
    "newline-tab": "换\n行\t制表",
    "xml": "<b>&amp;</b>\"'",
    "cdata": "]]><!--",
    "dot-syntax": '"; } digraph x { a -> b',
    "backslash": "back\\slash\\",
    "mermaid": "a]) --> b((c",
    "template": "{{7*7}}${x}%s",
    "emoji": "主播😀🇨🇳",
    "markdown-link": "[x](javascript:alert(1))",
}
CONTROL_OR_BIDI = [chr(c) for c in (*range(0x00, 0x09), 0x0B, 0x0C, *range(0x0E, 0x20), *range(0x7F, 0xA0))] + [
    "\u202a", "\u202b", "\u202c", "\u202d", "\u202e", "\u2066", "\u2067", "\u2068", "\u2069", "\ufffe", "\uffff"]


def hostile_team() -> dict[str, object]:
    """A team whose merchant, people and departments carry every surviving hostile string."""
    people: list[dict[str, object]] = [{"name": "老板" + SURVIVING["rtl-override"], "roles": "老板、运营",
                                        "department": SURVIVING["xml"]}]
    for i, (key, text) in enumerate(SURVIVING.items()):
        people.append({"name": f"{text}{i}", "roles": ["主播", "客服", "场控"][i % 3],
                       "reports_to": people[0]["name"], "department": f"{key}{text}"})
    return {"merchant": SURVIVING["soh"] + SURVIVING["cdata"] + SURVIVING["rtl-override"], "monthly_sales": 300000,
            "people": people}


def with_text(text: str, where: str) -> dict[str, object]:
    """A small valid team with `text` put in one place: merchant, name, department, reports_to or roles."""
    team: dict[str, object] = {"merchant": "山野茶铺", "monthly_sales": 300000,
                               "people": [{"name": "老周", "roles": "老板"}, {"name": "小雅", "roles": "主播",
                                                                          "reports_to": "老周"}]}
    people = team["people"]
    assert isinstance(people, list)
    if where == "merchant":
        team["merchant"] = text
    elif where in ("name", "department", "roles"):
        people[1][where] = text if where != "name" else "小雅" + text
    elif where == "reports_to":
        people[1]["reports_to"] = "老周" + text
    return team


def leftovers(data: str) -> list[str]:
    """The control and bidi characters still in rendered text (there should be none)."""
    return sorted({hex(ord(ch)) for ch in data if ch in CONTROL_OR_BIDI})


# --- Hand-written XLSX files (so they can lie about their dimension or carry a DOCTYPE) ---------------------

NS = 'xmlns="http://schemas.openxmlformats.org/spreadsheetml/2006/main"'
WORKBOOK = (f'<?xml version="1.0"?><workbook {NS} xmlns:r="http://schemas.openxmlformats.org/officeDocument/2006/'
            'relationships"><sheets><sheet name="名单" sheetId="1" r:id="rId1"/></sheets></workbook>')
RELS = ('<?xml version="1.0"?><Relationships xmlns="http://schemas.openxmlformats.org/package/2006/relationships">'
        '<Relationship Id="rId1" Type="http://schemas.openxmlformats.org/officeDocument/2006/relationships/worksheet"'
        ' Target="worksheets/sheet1.xml"/></Relationships>')
TYPES = ('<?xml version="1.0"?><Types xmlns="http://schemas.openxmlformats.org/package/2006/content-types">'
         '<Override PartName="/xl/workbook.xml" ContentType="application/vnd.openxmlformats-officedocument.'
         'spreadsheetml.sheet.main+xml"/></Types>')


def cell(ref: str, text: str) -> str:
    return f'<c r="{ref}" t="inlineStr"><is><t>{text}</t></is></c>'


def row(number: int, *texts: str) -> str:
    return f'<row r="{number}">' + "".join(cell(f"{chr(65 + i)}{number}", t) for i, t in enumerate(texts)) + "</row>"


def write_book(path: Path, rows: str, dimension: str | None = None, prolog: str = "",
               strings: str | None = None) -> Path:
    """A minimal XLSX written by hand (so it can lie about its dimension or carry a DOCTYPE)."""
    dim = f'<dimension ref="{dimension}"/>' if dimension else ""
    sheet = f'<?xml version="1.0"?>{prolog}<worksheet {NS}>{dim}<sheetData>{rows}</sheetData></worksheet>'
    with zipfile.ZipFile(path, "w", compression=zipfile.ZIP_DEFLATED) as archive:
        archive.writestr("[Content_Types].xml", TYPES)
        archive.writestr("xl/workbook.xml", WORKBOOK)
        archive.writestr("xl/_rels/workbook.xml.rels", RELS)
        archive.writestr("xl/worksheets/sheet1.xml", sheet)
        if strings is not None:
            archive.writestr("xl/sharedStrings.xml", strings)
    return path


EXTERNAL = '<!DOCTYPE worksheet [<!ENTITY xxe SYSTEM "file:///etc/passwd">]>'
LAUGHS = ('<!DOCTYPE worksheet [<!ENTITY a "aaaaaaaaaa">' +
          "".join(f'<!ENTITY {chr(98 + i)} "{("&" + chr(97 + i) + ";") * 10}">' for i in range(9)) + "]>")
