"""What changed, in the reader's language: revision diffs, merges and field values as people read them.

Posts by their names (not ids), money as money (`30万元`, `300,000 CNY`), lists joined the language's way
(、 in Chinese, `, ` in English), fields by their labels (岗位, not `roles`).
"""

from __future__ import annotations

from typing import Any

from ..text import Lang
from .compute import Core
from .errortext import FIELD_NAMES
from .phones import masked_phone
from .profilefields import CATEGORIES, DAY_PARTS, FULFILMENT, SERVICE, TIERS, Choice

LIST_FIELDS = ("roles", "can_cover", "resources", "unknown_titles", "day_parts")
MONEY_FIELDS = ("monthly_cost", "monthly_sales", "ad_spend", "budget_cny", "order_value")
PSEUDO_FIELDS = {"(removed)": ("人员", "person"), "(added)": ("新增", "added")}  # a whole person, in diffs and merges
RESOURCE_NAMES = {"supply_chain": ("自有供应链", "own supply chain"), "offline_stores": ("线下门店", "offline stores"),
                  "ecommerce_team": ("已有电商团队", "an e-commerce team")}
FOCUS_NAMES = {"live": ("直播", "live"), "store": ("抖店", "store"), "video": ("短视频", "short video")}


def _choices(choices: tuple[Choice, ...]) -> dict[str, tuple[str, str]]:
    return {c.value: (c.zh, c.en) for c in choices}


# A field holding one of a few values: each value in words (the questions' own wording where the wizard asks it).
CHOICE_NAMES: dict[str, dict[str, tuple[str, str]]] = {
    "resources": RESOURCE_NAMES, "focus": FOCUS_NAMES, "category": _choices(CATEGORIES),
    "day_parts": _choices(DAY_PARTS), "fulfilment": _choices(FULFILMENT), "service": _choices(SERVICE),
    "city_tier": _choices(TIERS),
    "employment": {"part_time": ("兼职", "part-time"), "outsourced": ("外包", "outsourced"), "intern": ("实习", "intern")},
    "scope": {"company": ("整个公司", "the whole company"), "live_room": ("一个直播间的班组", "one live room's crew"),
              "department": ("一个部门", "a department")},
}


def joined(items: list[str], lang: Lang) -> str:
    """A list as text: 、 between items in Chinese, `, ` in English."""
    return ("、" if lang == "zh" else ", ").join(items)


def money(value: float, lang: Lang) -> str:
    """An amount of CNY as people write it: 30万元 / 12,000元, or 300,000 CNY."""
    if lang == "en":
        return f"{value:,.0f} CNY" if value == int(value) else f"{value:,.2f} CNY"
    if value >= 100_000 and value % 1000 == 0:  # sales: 30万元; a salary stays 12,000元
        return f"{value / 10_000:g}万元"
    return f"{value:,.0f}元" if value == int(value) else f"{value:,.2f}元"


def field_label(name: str, lang: Lang) -> str:
    """A field's label in the reader's language (岗位 for `roles`): every field of the team model has one
    (errors.yaml `labels`); an unknown key is shown as a field, never as the raw key."""
    pair = FIELD_NAMES.get(name) or PSEUDO_FIELDS.get(name)
    if pair is None:
        return f"字段“{name}”" if lang == "zh" else f"field '{name}'"
    return pair[1] if lang == "en" else pair[0]


def value_text(core: Core, name: str, value: Any, lang: Lang) -> str:
    """One field's value as the reader reads it: posts by name, choices by their words, phones masked."""
    zh = lang == "zh"
    if value is None or value == [] or value == "":
        return "—"
    if isinstance(value, dict):  # a whole person
        return f"{value.get('name', '')}: {value_text(core, 'roles', value.get('roles'), lang)}"
    if name in LIST_FIELDS or isinstance(value, list):
        items = [value] if isinstance(value, str) else list(value)
        return joined([_name(core, name, str(v.get("text") or v.get("name") or "…") if isinstance(v, dict) else str(v),
                             lang) for v in items], lang)
    if isinstance(value, bool):
        return ("是" if value else "否") if zh else ("yes" if value else "no")
    if name in MONEY_FIELDS and isinstance(value, int | float):
        return money(float(value), lang)
    if name == "phone":
        return masked_phone(str(value)) or "—"
    if isinstance(value, float):
        return f"{value:g}"
    if name == "stage" and str(value) in core.kb.stage:
        return core.kb.stage[str(value)].name.get(lang)
    return _pair(CHOICE_NAMES.get(name, {}), str(value), lang)


def _name(core: Core, name: str, item: str, lang: Lang) -> str:
    if name in CHOICE_NAMES:
        return _pair(CHOICE_NAMES[name], item, lang)
    role = core.kb.role.get(item)
    return role.name.get(lang) if role else item


def _pair(names: dict[str, tuple[str, str]], key: str, lang: Lang) -> str:
    pair = names.get(key)
    return (pair[1] if lang == "en" else pair[0]) if pair else key


def diff_lines(core: Core, diff: Any, lang: Lang, seats: bool = False) -> list[str]:
    """A revision diff as lines: renamed, added, removed, each changed field with its values before and after.

    A rename that fills an open post is a seat taken (中控 由 小王 担任), one that leaves a person's post open a
    seat to hire again; with `seats` (a staffing result adopted: every rename is a seat changing hands) any
    rename into a person reads as the seat taken. The 待招聘 change those lines already say is not repeated."""
    zh = lang == "zh"
    lines = [rename_line(old, new, _vacancy_flip(diff, new), seats, lang) for old, new in diff.renamed.items()]
    if diff.added:
        lines.append(("新增：" if zh else "Added: ") + joined(diff.added, lang))
    if diff.removed:
        lines.append(("删除：" if zh else "Removed: ") + joined(diff.removed, lang))
    said = {new for new in diff.renamed.values() if _vacancy_flip(diff, new)}
    for person, fields in diff.values.items():
        parts = [f"{field_label(f, lang)} {value_text(core, f, a, lang)} → {value_text(core, f, b, lang)}"
                 for f, (a, b) in fields.items() if not (f == "vacancy" and person in said)]
        if parts:
            lines.append(f"{person}：" + "；".join(parts) if zh else f"{person}: " + "; ".join(parts))
    if diff.fields:
        lines.append(("商家信息：" if zh else "Merchant: ") + joined([field_label(f, lang) for f in diff.fields], lang))
    return lines or ["两个版本相同" if zh else "The two revisions hold the same team"]


def rename_line(old: str, new: str, flip: str | None, seats: bool, lang: Lang) -> str:
    """One person's new name as a line: a seat taken (`flip` "filled": an open post now has a person, or any
    rename into a person when `seats`), a seat to hire again ("opened"), else a rename."""
    zh = lang == "zh"
    if flip == "filled" or (seats and flip is None):
        return f"{old} 由 {new} 担任" if zh else f"{new} takes the seat of {old}"
    if flip == "opened":
        return f"{old} 的岗位改为待招聘：{new}" if zh else f"{old}'s seat is to hire again: {new}"
    return f"{old} 改名为 {new}" if zh else f"{old} renamed to {new}"


def _vacancy_flip(diff: Any, person: str) -> str | None:
    """"filled" when the person was an open post and is not any more, "opened" the other way, else None."""
    change = diff.values.get(person, {}).get("vacancy")
    if change is None or bool(change[0]) == bool(change[1]):
        return None
    return "filled" if change[0] else "opened"


def change_lines(core: Core, changes: list[Any], lang: Lang) -> list[str]:
    """The edits a merge took as lines (`change_line`); a person renamed and taken off or put on 待招聘 by the
    same side is one line saying the seat was taken or left open, as the history says it."""
    flips = {(c.side, c.person): "opened" if c.value else "filled" for c in changes
             if c.field == "vacancy" and bool(c.value) != bool(c.base)}
    renamed = {(c.side, c.person) for c in changes if c.field == "name" and c.base}
    out = []
    for change in changes:
        key = (change.side, change.person)
        if change.field == "vacancy" and key in flips and key in renamed:
            continue
        if change.field == "name" and change.base:
            line = rename_line(str(change.base), str(change.value), flips.get(key), False, lang)
            out.append(f"{_side(change, lang)}：{line}" if lang == "zh" else f"{_side(change, lang)}: {line}")
        else:
            out.append(change_line(core, change, lang))
    return out


def _side(change: Any, lang: Lang) -> str:
    if lang == "zh":
        return "你的修改" if change.side == "mine" else "对方的修改"
    return "yours" if change.side == "mine" else "theirs"


def change_line(core: Core, change: Any, lang: Lang) -> str:
    """One edit a merge took (yours or your colleague's), as a line."""
    zh = lang == "zh"
    who = _side(change, lang)
    if change.field == "(removed)":
        what = f"删除 {change.person}" if zh else f"removed {change.person}"
    elif change.field == "(added)":
        what = f"新增 {change.person}" if zh else f"added {change.person}"
    else:
        subject = f"{change.person} · " if change.person else ""
        what = f"{subject}{field_label(change.field, lang)} → {value_text(core, change.field, change.value, lang)}"
    return f"{who}：{what}" if zh else f"{who}: {what}"


# Messages the app itself writes into history, in both languages: shown in the reader's, whichever was saved.
ADOPTED = ("采用排岗结果", "Adopted the staffing result")  # the staffing page's 采用排岗结果
APP_MESSAGES = (("向导生成的方案", "Plan from the wizard"), ("编辑人员表", "Edited the roster"),
                ("修改商家信息", "Changed the merchant's answers"), ("解决冲突：保留我的版本", "Conflict resolved: kept my version"),
                ("合并修改", "Merged the edits"), ADOPTED)
PREFIXES = (("导入 ", "Imported "), ("恢复版本 ", "restore #"), ("采用方案：", "Adopted scenario: "))
MERGED = "（合并 / merged）"


def adopted_staffing(message: str) -> bool:
    """Whether a revision's message is the staffing page's "采用排岗结果" (merged or not): its renames are seats
    changing hands."""
    return message.removesuffix(MERGED) in ADOPTED


def message_text(message: str, lang: Lang) -> str:
    """A revision's message in the reader's language when the app wrote it (a person's own words stay as typed)."""
    merged = message.endswith(MERGED)
    text = message.removesuffix(MERGED)
    pick = 1 if lang == "en" else 0
    for pair in APP_MESSAGES:
        if text in pair:
            text = pair[pick]
            break
    else:
        for pair in PREFIXES:
            for prefix in pair:
                if text.startswith(prefix):
                    text = pair[pick] + text[len(prefix):]
                    break
            else:
                continue
            break
    return text + ((" (merged)" if lang == "en" else "（合并）") if merged else "")
