"""Plan and check results as documents (JSON/YAML) and as text or Markdown for people to read."""

from __future__ import annotations

from typing import Any

import msgspec

from ..dump import dump_data
from ..knowledge import KnowledgeBase
from ..team import FindingOut, GroupOut, Person, Reason, Team, shown_title
from ..text import Lang
from .grouping import GROUP_AFTER, grouped, same_of_others

OUTPUT_FORMATS = ("text", "json", "yaml", "markdown")
SEVERITY_MARK = {"error": "✗", "warning": "!", "info": "i"}
SEVERITY_NAME = {"zh": {"error": "错误", "warning": "警告", "info": "提示"}, "en": {"error": "error", "warning": "warning", "info": "info"}}


def document(team: Team) -> dict[str, Any]:
    """The JSON-able document; every person carries `reports_to` and `vacancy` even when unset."""
    data: dict[str, Any] = msgspec.to_builtins(team)
    for person in data["people"]:
        person.setdefault("reports_to", None)
        person.setdefault("vacancy", False)
    return data


def render(team: Team, fmt: str, kb: KnowledgeBase, lang: Lang, title: str) -> str:
    """Render a checked team or plan in one of OUTPUT_FORMATS."""
    if fmt in ("json", "yaml"):
        return dump_data(document(team), fmt)
    lines = markdown_lines(team, kb, lang, title) if fmt == "markdown" else text_lines(team, kb, lang, title)
    return "\n".join(lines) + "\n"


def _roles(kb: KnowledgeBase, roles: list[str], lang: Lang) -> str:
    return ("、" if lang == "zh" else ", ").join(kb.role[r].name.get(lang) for r in roles)


def _maps_to(kb: KnowledgeBase, group: GroupOut, lang: Lang) -> str:
    """' (= 客户服务部)' after a company's own department whose name differs from the group it maps to."""
    if group.maps_to is None or group.maps_to not in kb.group:
        return ""
    name = kb.group[group.maps_to].name.get(lang)
    return "" if name == group.name else (f"（对应{name}）" if lang == "zh" else f" (= {name})")


def _cost(team: Team, person: Person, lang: Lang) -> str:
    """'约9,000元/月（7,000–13,000）' for a priced person ('老板本人' for the unpaid owner), '' when unpriced."""
    cost = next((c for c in (team.labour.people if team.labour else []) if c.name == person.name), None)
    if cost is None:
        return ""
    if cost.basis == "owner":
        return "老板本人" if lang == "zh" else "the owner"
    if cost.basis == "own":
        return f"{cost.total:,.0f}元/月" if lang == "zh" else f"{cost.total:,.0f} CNY/month"
    if not person.posts and person.name in team.outside_people():  # 财务, 行政: the company's, not the e-commerce team's labour
        return "不计入团队人力成本" if lang == "zh" else "not counted in the team's labour cost"
    if not person.posts and not cost.high:  # no post the pay model knows: no market price to say
        return "没有团队岗位，未估算月成本" if lang == "zh" else "no team post, not priced"
    span = f"{cost.low:,.0f}–{cost.high:,.0f}"
    return f"约{cost.total:,.0f}元/月（{span}）" if lang == "zh" else f"about {cost.total:,.0f} CNY/month ({span})"


def _label(kb: KnowledgeBase, team: Team, person: Person, lang: Lang) -> str:
    cost = _cost(team, person, lang)
    tag = (" [待招聘]" if lang == "zh" else " [to hire]") if person.vacancy else ""
    if cost in ("老板本人", "the owner"):  # the owner leads: nobody to hire, nothing to pay
        tag, cost = (" [老板本人]" if lang == "zh" else " [the owner]"), ""
    cover = ""
    if person.covers:
        cover = ("；可替岗：" if lang == "zh" else "; can cover: ") + _roles(kb, person.covers, lang)
    unknown = ("、" if lang == "zh" else ", ").join(shown_title(t, kb, lang) for t in person.unknown_titles)
    if unknown and person.posts:  # titles nobody could read (or jobs outside the team), shown as written
        unknown = ("、" if lang == "zh" else ", ") + unknown
    cost = f" · {cost}" if cost else ""
    return f"{person.name}{tag} — {_roles(kb, person.posts, lang)}{unknown}{cover}{cost}"


def reporting_tree(team: Team) -> list[tuple[int, Person]]:
    """People in reporting order with their depth (iterative: any depth works)."""
    children: dict[str | None, list[Person]] = {}
    names = {p.name for p in team.people}
    for person in team.people:
        boss = person.reports_to if person.reports_to in names else None
        children.setdefault(boss, []).append(person)
    out: list[tuple[int, Person]] = []
    stack = [(0, p) for p in reversed(children.get(None, []))]
    while stack:
        depth, person = stack.pop()
        out.append((depth, person))
        stack.extend((depth + 1, c) for c in reversed(children.get(person.name, [])))
    return out


def _summary(team: Team, kb: KnowledgeBase, lang: Lang) -> list[str]:
    stage = kb.stage[team.stage or kb.stages[0].id]
    d = team.diagnosis or {}
    usual_zh = f"{stage.team_min}–{stage.team_max}人" if stage.team_max is not None else f"{stage.team_min}人以上"
    usual_en = f"{stage.team_min}–{stage.team_max}" if stage.team_max is not None else f"{stage.team_min} or more"
    lines = [d.get("reason", "")]
    if d.get("next_stage") and d.get("sales_to_next") is not None:
        nxt = kb.stage[d["next_stage"]].name
        gap = d["sales_to_next"]  # a distance to go, not a figure to the yuan: 7.4万 of 74,362
        lines.append((f"距{nxt.zh}还差约{round(gap / 10000, 1):g}万元" if gap >= 10_000 else f"距{nxt.zh}还差{gap:,.0f}元")
                     if lang == "zh" else f"about {round(gap, -3) if gap >= 10_000 else gap:,.0f} CNY a month more to reach {nxt.en}")
    size, others = team.headcount(), len(team.people) - team.headcount()
    lines.append((f"团队{size}人（{stage.name.zh}通常{usual_zh}）" + (f"，另有{others}人是团队以外的职位" if others else ""))
                 if lang == "zh" else f"Team of {size} (the {stage.name.en} stage usually runs {usual_en})"
                 + (f", and {others} in jobs outside the team" if others else ""))
    if team.labour is not None:
        labour = team.labour
        share = labour.share_of_sales
        tail = "" if share is None else (f"，占月销{share:.1%}" if lang == "zh" else f", {share:.1%} of sales")
        lines.append(f"月人力成本约{labour.monthly_cost:,.0f}元{tail}" if lang == "zh"
                     else f"Labour about {labour.monthly_cost:,.0f} CNY a month{tail}")
    return [x for x in lines if x]


def _findings(team: Team, lang: Lang) -> list[str]:
    findings = team.findings or []
    counts = {s: sum(1 for f in findings if f.severity == s) for s in ("error", "warning", "info")}
    names = SEVERITY_NAME[lang]
    head = ("检查结果：" if lang == "zh" else "Findings: ") + ", ".join(f"{counts[s]} {names[s]}" for s in counts)
    return [head] + [line for group in grouped(findings) for line in _group_lines(group, lang)]


def _group_lines(group: list[FindingOut], lang: Lang, shown: int = 20) -> list[str]:
    """A finding's line; for a rule found for many people, its first finding and the others (by name when they
    say the same, else the first few and how many more: `--format json` lists every one)."""
    first = group[0]
    line = f"  {SEVERITY_MARK[first.severity]} [{first.rule}] {first.message}"
    if len(group) == 1:
        return [line]
    others = same_of_others([f.message for f in group], lang)
    if others:
        sep, more = ("、", f"等{len(others)}人") if lang == "zh" else (", ", f"… {len(others)} in all")
        names = sep.join(others[:shown]) + (more if len(others) > shown else "")
        return [line + (f"（同样的还有：{names}）" if lang == "zh" else f" (the same for: {names})")]
    rest = [f"    {f.message}" for f in group[1:GROUP_AFTER]]
    left = len(group) - GROUP_AFTER
    return [line, *rest, f"    ……另有{left}条同类" if lang == "zh" else f"    … and {left} more like these"]


def text_lines(team: Team, kb: KnowledgeBase, lang: Lang, title: str) -> list[str]:
    """A plain-text report: summary, reporting tree, groups, reasons, findings."""
    lines = [title, *_summary(team, kb, lang), ""]
    lines.append("组织架构" if lang == "zh" else "Organisation")
    for depth, person in reporting_tree(team):
        lines.append("  " + "   " * depth + ("└─ " if depth else "") + _label(kb, team, person, lang))
    lines += ["", "分组" if lang == "zh" else "Groups"]
    for group in team.groups or []:
        posts = ", ".join(f"{kb.role[p.role].name.get(lang)}({p.person})" for p in group.positions)
        lines.append(f"  {group.name}{_maps_to(kb, group, lang)}: {posts}")
    reasons = _reasons(team)
    if reasons or team.decisions:
        lines += ["", "理由" if lang == "zh" else "Why"]
        lines += [f"  · {d.text}" for d in team.decisions or []]
        lines += [f"  · {_who(names, kb, r.about, lang)}: {r.text}" for names, r in reasons]
    return lines + ["", *_findings(team, lang)]


def _reasons(team: Team) -> list[tuple[list[str], Reason]]:
    """Each person's reasons, a reason that several people share said once with all their names (16 hosts
    sized by the same work read one line, not sixteen)."""
    found: dict[tuple[str, str], tuple[list[str], Reason]] = {}
    for person in team.people:
        for reason in person.reasons:
            found.setdefault((reason.about, reason.text), ([], reason))[0].append(person.name)
    return list(found.values())


def _who(names: list[str], kb: KnowledgeBase, about: str, lang: Lang) -> str:
    """Who a reason is about: 'name · post', or 'post ×n (first … last)' for a reason several people share."""
    if len(names) == 1:
        return f"{names[0]} · {_about(kb, about, lang)}"
    some = "、".join(names) if len(names) <= 3 else f"{names[0]}…{names[-1]}"
    return f"{_about(kb, about, lang)} ×{len(names)}（{some}）" if lang == "zh" else f"{_about(kb, about, lang)} ×{len(names)} ({some})"


def markdown_lines(team: Team, kb: KnowledgeBase, lang: Lang, title: str) -> list[str]:
    """A Markdown report with a people table, groups, decisions and findings."""
    zh = lang == "zh"
    lines = [f"# {title}", "", *[f"- {x}" for x in _summary(team, kb, lang)], ""]
    lines += ["## " + ("人员" if zh else "People"), ""]
    lines += ["| 姓名 | 岗位 | 上级 | 状态 | 月成本 |" if zh else "| Name | Posts | Reports to | Status | Monthly cost |",
              "|---|---|---|---|---|"]
    for person in team.people:
        status = ("待招聘" if zh else "to hire") if person.vacancy else ("在岗" if zh else "in post")
        lines.append(f"| {_md(person.name)} | {_roles(kb, person.posts, lang)} | {_md(person.reports_to or '—')} | {status} "
                     f"| {_cost(team, person, lang) or '—'} |")
    lines += ["", "## " + ("分组" if zh else "Groups"), ""]
    for group in team.groups or []:
        posts = "、".join(f"{kb.role[p.role].name.get(lang)}（{_md(p.person)}）" for p in group.positions)
        lines.append(f"- **{group.name}**{_maps_to(kb, group, lang)}: {posts}")
    if team.decisions or any(p.reasons for p in team.people):
        lines += ["", "## " + ("理由" if zh else "Why"), ""]
        lines += [f"- {_md(d.text)}" for d in team.decisions or []]
        lines += [(f"- **{_md(names[0])}** · {_about(kb, r.about, lang)}" if len(names) == 1 else
                   f"- **{_md(_who(names, kb, r.about, lang))}**") + f": {_md(r.text)}" for names, r in _reasons(team)]
    lines += ["", "## " + ("检查" if zh else "Findings"), ""]
    lines += [f"- {_md(x.strip())}" for x in _findings(team, lang)]
    return lines


def _about(kb: KnowledgeBase, about: str, lang: Lang) -> str:
    """What a reason is about: a post's name, or 'combination'."""
    if about in kb.role:
        return kb.role[about].name.get(lang)
    labels = {"combination": ("兼任", "combination"), "assignment": ("安排", "assignment"),
              "vacancy": ("待招聘", "to hire"), "pay": ("预计成本", "expected cost"),
              "left_out": ("未排岗", "left out"), "must_keep": ("必须保留", "must keep"), "owner": ("老板本人", "the owner"),
              "span": ("组长", "lead"), "host_hours": ("上镜时长", "time on camera"),
              "part_time": ("兼职", "part-time"), "live_chats": ("直播中的咨询", "chats on air")}
    return labels.get(about, (about, about))[0 if lang == "zh" else 1]


def _md(text: str) -> str:
    """Escape text for a Markdown table cell or list item."""
    out = text.replace("\\", "\\\\").replace("|", "\\|").replace("<", "&lt;").replace(">", "&gt;")
    for ch in "*_`[]#":
        out = out.replace(ch, "\\" + ch)
    return out
