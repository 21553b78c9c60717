"""The kit as plain blocks (headings, tables, lists, the chart) that the Markdown and HTML renderers share."""

from __future__ import annotations

import msgspec

from ...staffing import on_air_text
from ...text import Lang, Text
from ..build import Kit
from ..jd import JobDescription, hiring_sections
from ..labels import people_label
from ..scorecard import direction_text, target_label, value_text
from ..sop import PHASE_NAMES, crew_text, owner_text, sheet_title
from . import PARTS


class Heading(msgspec.Struct, frozen=True):
    """A heading at a level (2 = a part's sub-heading, 3 = a person)."""

    text: str
    level: int = 3


class Table(msgspec.Struct, frozen=True):
    """A table of plain-text cells; `key` is the column that names a row (kept in sight on a phone)."""

    headers: list[str]
    rows: list[list[str]]
    key: int = 0


class Items(msgspec.Struct, frozen=True):
    """A labelled bullet list."""

    label: str
    items: list[str]


class Para(msgspec.Struct, frozen=True):
    """A paragraph of plain text."""

    text: str


class Picture(msgspec.Struct, frozen=True):
    """The org chart (each renderer embeds it its own way)."""


Block = Heading | Table | Items | Para | Picture

HEADERS: dict[str, list[Text]] = {
    "org": [Text("姓名", "Name"), Text("岗位", "Posts"), Text("所属组", "Groups"), Text("汇报对象", "Reports to"),
            Text("状态", "Status"), Text("月成本（元）", "Monthly cost (CNY)"), Text("成本依据", "Cost basis")],
    "kpis": [Text("岗位", "Post"), Text("指标", "Metric"), Text("方向", "Direction"), Text("权重", "Weight"),
             Text("目标范围", "Target range"), Text("目标", "Target"), Text("实际", "Actual"), Text("得分", "Score"),
             Text("加权得分", "Weighted"), Text("说明", "Note"), Text("目标依据", "Target basis"), Text("数据来源", "Data source"),
             Text("定义", "Definition"), Text("公式", "Formula")],
    "review": [Text("指标", "Metric"), Text("负责人", "Owners"), Text("方向", "Direction"), Text("目标范围", "Target range"),
               Text("本期目标", "Target this period"), Text("实际", "Actual"), Text("差距", "Gap"), Text("得分", "Score"),
               Text("原因", "Why")],
    "actions": [Text("问题", "Problem"), Text("下次要改什么", "What we change next time"), Text("负责人", "Owner"),
                Text("截止时间", "Deadline"), Text("怎么验收", "How we check it")],
    "sop": [Text("阶段", "Phase"), Text("相对时间", "When"), Text("相对开播（分钟）", "Minutes from start"),
            Text("时间", "Clock"), Text("事项", "Task"), Text("岗位", "Post"), Text("负责人", "Owner")],
    "shifts": [Text("日期", "Day"), Text("时间", "Time"), Text("主播", "Host"), Text("同场配合（控场在前）", "On air with the host (control first)")],
    "budget": [Text("人员", "Person"), Text("岗位", "Post"), Text("每周工时", "Hours a week"),
               Text("人员月成本（元）", "Person's monthly cost"), Text("岗位月成本（元）", "Post's monthly cost")],
}


def headers(part: str, lang: Lang) -> list[str]:
    """A part's column headers in the kit's language."""
    return [h.get(lang) for h in HEADERS[part]]


def t(zh: str, en: str, lang: Lang) -> str:
    """A short interface text in `lang`."""
    return zh if lang == "zh" else en


def money(value: float | None) -> str:
    """CNY with thousands separators, or a dash when unknown."""
    return "—" if value is None else f"{value:,.0f}"


def kit_parts(kit: Kit) -> list[tuple[str, list[Block]]]:
    """(part name, blocks) for each part of the kit, in order."""
    lang = kit.lang
    parts: list[tuple[str, list[Block]]] = [
        ("org", [Para(t(f"阶段：{kit.stage_name}，共{len(kit.org)}人", f"Stage: {kit.stage_name}, {len(kit.org)} people",
                       lang)), Table(headers(lang=lang, part="org"), _org_rows(kit)), Picture()]),
        ("jobs", [b for jd in kit.jobs for b in _job_blocks(jd, lang)]),
        ("kpis", _kpi_blocks(kit)),
        ("sop", _sop_blocks(kit)),
        ("review", _review_blocks(kit)),
    ]
    if kit.shifts is not None:
        parts.append(("shifts", _shift_blocks(kit)))
    parts.append(("budget", _budget_blocks(kit)))
    return [(PARTS[key].get(lang), blocks) for key, blocks in parts]


COST_BASIS = {"own": Text("本人填写", "Own figure"), "market": Text("按市场价估算", "Market estimate"),
              "owner": Text("老板本人，不计薪", "The owner, unpaid"),
              "unknown": Text("没有团队岗位，未估算", "No team post, not priced")}


def cost_basis(basis: str | None, lang: Lang) -> str:
    """Where a person's monthly cost comes from, in words."""
    return COST_BASIS[basis].get(lang) if basis in COST_BASIS else "—"


def _org_rows(kit: Kit) -> list[list[str]]:
    sep = "、" if kit.lang == "zh" else ", "
    status = (t("待招聘", "To hire", kit.lang), t("在岗", "In post", kit.lang))
    return [[r.name, sep.join(r.posts), sep.join(r.groups), r.reports_to or "—", status[0] if r.vacancy else status[1],
             money(r.monthly_cost), cost_basis(r.cost_basis, kit.lang)] for r in kit.org]


def _job_blocks(jd: JobDescription, lang: Lang) -> list[Block]:
    head = f"{people_label(jd.holders, lang)} · {jd.title}" if jd.holders else jd.title
    sep = "、" if lang == "zh" else ", "
    blocks: list[Block] = [Heading(head)]
    if jd.holders:
        blocks.append(Para(t("汇报对象：", "Reports to: ", lang) + (sep.join(jd.reports_to) or "—") + t("　", " · ", lang)
                           + t("下属：", "Manages: ", lang) + (people_label(jd.manages, lang, 20) or "—")))
    blocks += [Items(label, lines) for label, lines in hiring_sections(jd, lang, first=True)]
    blocks += [Items(t("岗位目的", "Purpose", lang), jd.purpose)]
    blocks += [Items(PHASE_NAMES[p].get(lang), getattr(jd, p)) for p in PHASE_NAMES]
    blocks += [Items(t("技能", "Skills", lang), jd.skills), Items(t("任职要求", "Requirements", lang), jd.requirements),
               Items(t("考核指标", "KPIs", lang), jd.kpis)]
    return blocks + [Items(label, lines) for label, lines in hiring_sections(jd, lang, first=False)]


def _kpi_blocks(kit: Kit) -> list[Block]:
    lang = kit.lang
    blocks: list[Block] = [Para(t(
        f"每个岗位按它存在的目的考核（{kit.stage_name}）：★为核心指标，权重最高。得分 = 实际 ÷ 目标，越低越好的指标为"
        f" 目标 ÷ 实际，封顶{kit.review.cap:.0%}；总分是已填各行的加权平均。“由你设定”的目标按说明自己定。",
        f"Each post is scored on what it exists for ({kit.stage_name}): ★ marks the purpose metric, which weighs most. "
        f"Score = actual ÷ target (target ÷ actual when lower is better), capped at {kit.review.cap:.0%}; the total is "
        "the weighted mean of the lines filled in. Set the \"set by you\" targets as the note says.", lang))]
    cols = headers("kpis", lang)
    for card in kit.scorecards:
        rows = [[x.post, ("★ " if x.purpose else "") + x.name, direction_text(x.direction, lang), f"{x.weight}%",
                 target_label(x, lang), "" if x.goal is None else value_text(x.goal, x.unit, lang), "", "", "",
                 x.note or "—", x.basis, x.data_source, x.definition, x.formula or "—"] for x in card.lines]
        rows.append([t("合计", "Total", lang), "", "", f"{sum(x.weight for x in card.lines)}%", *[""] * 10])
        blocks += [Heading(f"{people_label(card.holders, lang)} · {(' + ').join(card.posts)}"), Table(cols, rows, key=1)]  # the metric, not the post
    return blocks


def _review_blocks(kit: Kit) -> list[Block]:
    """The 复盘 template: metrics with targets to compare, then the changes for next time with their owners."""
    lang, review = kit.lang, kit.review
    rows = [[x.name, people_label(x.owners, lang), x.direction_text, x.goal_text,
             "" if x.goal is None else value_text(x.goal, x.unit, lang), "", "", "", ""] for x in review.rows]
    space = t("\u3000", "\u00a0", lang)  # a space that keeps each row tall enough to write in (full-width in Chinese)
    blank = [[space] * 5 for _ in range(review.action_rows)]
    sep = "、" if lang == "zh" else ", "
    return [Para(review.guide),
            Para(t("复盘对象（场次或周）：________　日期：________　参会人：________",
                   "Reviewing (session or week): ________   Date: ________   Present: ________", lang)),
            Heading(t("目标与实际", "Targets and actuals", lang)), Table(headers("review", lang), rows),
            Para(t("差距 = 实际 − 本期目标；得分的算法与考核表相同。", "Gap = actual − target; scored as on the scorecards.",
                   lang)),
            Heading(t("下次要改什么", "What we change next time", lang)), Table(headers("actions", lang), blank),
            Para(t("负责人从团队中选：", "Owners come from the team: ", lang) + sep.join(review.people))]


def _sop_blocks(kit: Kit) -> list[Block]:
    """One block per session: its title, crew, notes, the timeline and each person's lines; the figures first."""
    lang = kit.lang
    if not kit.sop.sheets:
        return [Para(t("没有直播场次。", "No live sessions.", lang))]
    blocks: list[Block] = [
        Para(t(f"共{len(kit.sop.sheets)}场直播，每场一张流程表；每一行的负责人都来自本场的班组或本团队。",
               f"{len(kit.sop.sheets)} live session(s), one run sheet each; every line's owner is from that "
               "session's crew or this team.", lang)),
        Items(t("节奏依据", "What the clock rests on", lang), kit.sop.basis)]
    sep = "；" if lang == "zh" else "; "
    for sheet in kit.sop.sheets:
        rows = [[PHASE_NAMES[x.phase].get(lang), x.when, str(x.offset), x.clock, x.task, x.post, owner_text(x, lang)]
                for x in sheet.lines]
        blocks += [Heading(sheet_title(sheet, lang)), Para(crew_text(sheet, lang)), *(Para(n) for n in sheet.notes),
                   Table(headers("sop", lang), rows, key=3),  # the clock
                   Items(t("按人员", "By person", lang),
                         [who + t("：", ": ", lang) + sep.join(f"{x.clock} {x.task}" for x in own)
                          for who, own in sheet.by_person().items()])]
    return blocks


def _shift_blocks(kit: Kit) -> list[Block]:
    assert kit.shifts is not None
    lang, table = kit.lang, kit.shifts
    missing = t("（缺）", "(missing)", lang)
    rooms = table.rooms > 1
    rows = [[s.day, *([str(s.room)] if rooms else []), f"{s.start}–{s.end}", s.host or missing, on_air_text(s, lang)]
            for s in table.slots]
    head = t(f"{table.rooms}个直播间，每个每天开播{table.live_hours:g}小时、每周{table.sessions_per_week}天、每天{table.shifts_per_day}场，"
             f"需要能当主播的{table.hosts_needed}人。",
             f"{table.rooms} room(s), each live {table.live_hours:g} h a day, {table.sessions_per_week} days a week, "
             f"{table.shifts_per_day} session(s) a day; needs {table.hosts_needed} people who can host.", lang)
    names = headers("shifts", lang)
    if rooms:
        names = [names[0], t("直播间", "Room", lang), *names[1:]]
    return [Para(head), *(Para(n) for n in table.notes), Table(names, rows)]


def _budget_blocks(kit: Kit) -> list[Block]:
    lang, b = kit.lang, kit.budget
    rows = [[x.person, x.post, f"{x.hours:g}" if x.hours is not None else "—", money(x.person_cost), money(x.cost)]
            for x in b.lines]
    rows.append([t("合计", "Total", lang), "", "", "", money(b.total)])
    per_post = [[post, money(cost), f"{cost / b.total:.1%}" if b.total else "—"] for post, cost in b.per_post.items()]
    share = t("人力成本占月销：", "Labour cost as a share of monthly sales: ", lang)
    usual = f"{b.share_min:.0%}–{b.share_max:.0%}"
    share += (f"{b.share:.1%}" + t(f"（{money(b.total)} / {money(b.monthly_sales)}；常见{usual}）",
                                   f" ({money(b.total)} / {money(b.monthly_sales)}; usual {usual})", lang)
              if b.share is not None else
              t("未知（团队文件没有 monthly_sales）", "unknown (the team file has no monthly_sales)", lang))
    blocks: list[Block] = [Para(share), Table(headers("budget", lang), rows),
                           Table([t("岗位", "Post", lang), t("月成本（元）", "Monthly cost", lang),
                                  t("占总成本", "Share of cost", lang)], per_post)]
    if b.unpriced:
        blocks.append(Para(t("按市场价估算月成本的人员（没有填写月成本）：", "Priced at market pay (no monthly cost given): ", lang)
                           + ("、" if lang == "zh" else ", ").join(b.unpriced)))
    return blocks
