"""Address-book exports Chinese companies already have — DingTalk (钉钉), Feishu/Lark (飞书) and WeCom (企业微信)
通讯录 — recognised by their header rows and read into the importer's records. The layouts we support are
documented in docs/directory-exports.md. Personal data (e-mail, ID numbers) is never kept: only name, title,
department(s), manager and the phone column are read, and the importer drops the phone unless asked to keep it."""

from __future__ import annotations

import re

import msgspec

from ..knowledge import normalize

HEADER_ROWS = 20  # exports put a title or a note above the header


class Layout(msgspec.Struct, frozen=True):
    """One export's columns: the headers that identify it, and which header holds each field."""

    id: str
    name: str
    marks: tuple[str, ...]  # headers only this export has (any one, with 姓名 and a department column)
    name_cols: tuple[str, ...]
    title_cols: tuple[str, ...]
    department_cols: tuple[str, ...]
    manager_cols: tuple[str, ...] = ()
    id_cols: tuple[str, ...] = ()
    phone_cols: tuple[str, ...] = ("手机", "手机号", "手机号码")


LAYOUTS = (
    Layout("dingtalk", "钉钉通讯录", marks=("员工userid", "userid", "分机号", "办公地点", "主管"),
           name_cols=("姓名",), title_cols=("职位", "职称"), department_cols=("部门",),
           manager_cols=("直属主管", "主管"), id_cols=("工号", "员工userid", "userid")),
    Layout("feishu", "飞书通讯录", marks=("用户id", "人员类型", "飞书账号"),
           name_cols=("姓名",), title_cols=("职务", "职位"), department_cols=("部门",),
           manager_cols=("直属上级", "上级"), id_cols=("工号", "用户id")),
    Layout("wecom", "企业微信通讯录", marks=("帐号", "账号", "别名", "英文名", "对外职务"),
           name_cols=("姓名",), title_cols=("职务",), department_cols=("部门",),
           manager_cols=("直属上级", "上级"), id_cols=("帐号", "账号")),
)
SEVERAL = re.compile(r"\s*[;；\n]\s*")  # one person in several departments (兼任)
PATH = re.compile(r"\s*[/／>＞\\-]\s*(?=\S)")


class Directory(msgspec.Struct, frozen=True):
    """A recognised export: its layout, the header row's index and each field's column."""

    layout: Layout
    header: int
    columns: dict[str, int]


def detect_directory(rows: list[list[str]]) -> Directory | None:
    """The export a table comes from, by its header row (姓名, a department column and a mark of the export),
    or None for an ordinary team table."""
    for index, row in enumerate(rows[:HEADER_ROWS]):
        keys = [normalize(cell).replace("_", "") for cell in row]
        for layout in LAYOUTS:
            if not any(m in keys for m in layout.marks) or not _col(keys, layout.department_cols):
                continue
            columns = {f: c for f, c in (("name", _col(keys, layout.name_cols)), ("roles", _col(keys, layout.title_cols)),
                                         ("department", _col(keys, layout.department_cols)),
                                         ("reports_to", _col(keys, layout.manager_cols)),
                                         ("id", _col(keys, layout.id_cols)),
                                         ("phone", _col(keys, layout.phone_cols))) if c is not None}
            if "name" in columns:
                return Directory(layout, index, columns)
    return None


def _col(keys: list[str], names: tuple[str, ...]) -> int | None:
    return next((keys.index(n) for n in names if n in keys), None)


def directory_records(rows: list[list[str]], found: Directory) -> tuple[list[dict[str, str]], list[int]]:
    """The people of an export as the importer's records ({field: text}) and their row numbers: departments
    as paths joined by ；, managers only when they are in the export, a name shared by two people told apart
    by their 工号/账号, the phone (for the importer to drop unless asked), and nothing else (no e-mail or ID)."""
    records: list[dict[str, str]] = []
    row_of: list[int] = []
    for index in range(found.header + 1, len(rows)):
        cells = rows[index]
        cell = {f: cells[c].strip() for f, c in found.columns.items() if c < len(cells) and cells[c].strip()}
        if not cell.get("name"):
            continue
        if "department" in cell:
            cell["department"] = "；".join("/".join(PATH.split(d)) for d in SEVERAL.split(cell["department"]) if d)
        records.append(cell)
        row_of.append(index + 1)
    _tell_apart(records)
    names = {r["name"] for r in records}
    for record in records:
        if record.get("reports_to") not in names:
            record.pop("reports_to", None)  # a manager outside the export (or the boss) is not an error
        record.pop("id", None)
    return records, row_of


def _tell_apart(records: list[dict[str, str]]) -> None:
    seen: dict[str, int] = {}
    for record in records:
        seen[record["name"]] = seen.get(record["name"], 0) + 1
    for record in records:
        if seen[record["name"]] > 1 and record.get("id"):
            record["name"] = f"{record['name']}（{record['id']}）"
