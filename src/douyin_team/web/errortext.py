"""Core errors as the page's reader reads them: which row and field, what is wrong, in their language.

The core raises one English line naming the field (`people[3].reports_to: '小美' is not in the team`) and
says it in Chinese from errors.yaml. A Chinese reader gets the row and the field first (第4行 · 上级), then the
problem and the hint in Chinese; a message the catalogue cannot say in Chinese gets the kind of problem, with the
core's English line after it.
"""

from __future__ import annotations

import re

from ..errors import DouyinTeamError, field_labels
from ..text import Lang

FIELD_NAMES = field_labels()  # one table for the web and the core (errors.yaml `labels`)
KINDS = {"DuplicateName": ("姓名重复：同一个团队里每人的姓名要不同", "two people share a name"),
         "UnknownManager": ("上级不在团队里：填团队里某人的姓名，或留空", "the manager is not in the team"),
         "UnknownRole": ("不认识这个岗位：用岗位名称，如 主播、场控、中控", "unknown post"),
         "ReportingCycle": ("汇报关系成环：有人（间接）向自己汇报", "people report to each other in a loop"),
         "InvalidValue": ("填写有误", "invalid value"), "MalformedFile": ("文件无法读取", "the file cannot be read")}
PERSON_FIELD = re.compile(r"^people\[(\d+)\](?:\.(\w+))?")


def where(field: str | None, lang: Lang) -> str:
    """`people[3].reports_to` → '第4行 · 上级' (or 'row 4 · reports to'); a top-level field by its name."""
    if not field:
        return ""
    zh = lang != "en"
    match = PERSON_FIELD.match(field)
    if match:
        row = int(match.group(1)) + 1
        name = FIELD_NAMES.get(match.group(2) or "", ("", ""))[0 if zh else 1]
        return (f"第{row}行" if zh else f"row {row}") + (f" · {name}" if name else "")
    label = FIELD_NAMES.get(field.split(".")[-1].split("[")[0])
    return label[0 if zh else 1] if label else field


def localized(err: DouyinTeamError, lang: Lang) -> str:
    """One line for the page: in English the core's own line; in Chinese row, field and problem first."""
    line = err.render("en", web=True)  # fields by their labels, hints without flags
    if lang == "en":
        return line
    place = where(err.field, lang)
    said = err.message_in("zh", web=True)
    if said == err.message_in("en", web=True):  # no Chinese text for it: the kind, with the core's line after
        kind = KINDS.get(type(err).__name__, ("出错了", ""))[0]
        return f"{place}：{kind}（{line}）" if place else f"{kind}（{line}）"
    if not place:
        return err.render("zh", web=True)
    hint = err.hint_in("zh", web=True)
    return f"{place}：{said}" + (f"（提示：{hint}）" if hint else "")


def row_of(err: DouyinTeamError) -> int | None:
    """The person's index in `people` the error is about, if it is about one."""
    match = PERSON_FIELD.match(err.field or "")
    return int(match.group(1)) if match else None
