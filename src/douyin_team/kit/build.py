"""The team kit: everything a merchant needs to run the team, built from a team and the knowledge base.

A pure core: `build_kit` returns a `Kit` (the org table and chart, one job description and one scorecard
per person, the 复盘 template over the team's scorecards, the run sheet, the weekly shifts and the budget); renderers in `douyin_team.kit.render` turn
it into XLSX, Markdown, HTML or PDF.
"""

from __future__ import annotations

import msgspec

from ..chart import Chart, ChartOptions, build_chart
from ..knowledge import KnowledgeBase
from ..money import price_team
from ..planning import live_sessions
from ..staffing import ShiftTable, plan_posts, shift_table
from ..team import Labour, Person, Team, departments_of, in_language, shown_title
from ..text import Lang, Text
from .jd import JobDescription, job_description
from .review import Review, review_template
from .scorecard import Scorecard, scorecard
from .sop import Sop, run_sheets


class OrgRow(msgspec.Struct, frozen=True):
    """One person in the 架构 table."""

    name: str
    posts: list[str]
    groups: list[str]
    reports_to: str | None
    vacancy: bool
    monthly_cost: float | None
    cost_basis: str | None = None  # own: the team's figure; market: our estimate at market pay; owner: unpaid


class CostLine(msgspec.Struct, frozen=True):
    """One post of one person in the budget: its weekly hours and its part of the person's monthly cost
    (`basis`: the team's own figure, the market estimate, the unpaid owner, or work bought outside)."""

    person: str
    post: str
    hours: float | None
    person_cost: float | None
    cost: float | None
    basis: str = "own"


class Budget(msgspec.Struct, frozen=True):
    """Labour cost per post and in total (priced as `money.price_team` prices it: own figures, then market
    pay), and as a share of monthly sales against the usual range (None when sales are unknown)."""

    lines: list[CostLine]
    per_post: dict[str, float]
    total: float
    monthly_sales: float | None
    share: float | None
    unpriced: list[str]  # people priced at market pay (no own figure)
    share_min: float = 0.0
    share_max: float = 0.0


class Kit(msgspec.Struct, frozen=True):
    """The whole kit, every text already in the chosen language. People who hold exactly the same posts
    share one job description and one scorecard."""

    title: str
    merchant: str
    stage: str
    stage_name: str
    lang: Lang
    org: list[OrgRow]
    chart: Chart
    jobs: list[JobDescription]
    scorecards: list[Scorecard]
    review: Review
    sop: Sop
    shifts: ShiftTable | None
    budget: Budget


class KitOptions(msgspec.Struct, frozen=True):
    """When the session starts, how long it runs, how many live days a week, and the chart's date."""

    start: str | None = None  # None: the plan's sessions
    live_hours: float | None = None
    sessions: int | None = None
    date: str = ""


def build_kit(team: Team, kb: KnowledgeBase, stage: str, lang: Lang = "zh", options: KitOptions | None = None) -> Kit:
    """Build every part of the kit for a resolved team at `stage` (the planner's seat names in `lang`: a Chinese
    plan's 主播A is Host A in an English kit)."""
    opts = options or KitOptions()
    team = in_language(team, kb, lang)
    hours = opts.live_hours if opts.live_hours is not None else team.live_hours
    merchant = team.merchant or ("我们的团队" if lang == "zh" else "Our team")
    holders: dict[tuple[str, ...], list[Person]] = {}  # people with the same posts share one description
    for person in team.people:
        holders.setdefault(tuple(person.posts), []).append(person)
    sessions = live_sessions(team, kb, opts.live_hours, opts.sessions, opts.start) if hours != 0 else []  # the JDs' on-air hours
    cards = scorecards(team, kb, stage, lang, holders)
    labour = team_labour(team, kb, stage)
    return Kit(
        title=f"{merchant} · " + ("团队工具包" if lang == "zh" else "Team kit"), merchant=merchant, stage=stage,
        stage_name=kb.stage[stage].name.get(lang), lang=lang, org=org_rows(team, kb, stage, lang, labour),
        chart=build_chart(team, kb, stage, ChartOptions(lang=lang, date=opts.date)),
        jobs=[job_description(kb, list(posts), stage, lang, who, team, sessions) for posts, who in holders.items()],
        scorecards=cards, review=review_template(cards, [p.name for p in team.people], lang),
        sop=run_sheets(team, kb, opts.start, opts.live_hours, opts.sessions, lang),
        shifts=shift_table(team, kb, opts.live_hours, opts.sessions, opts.start, lang) if hours != 0 else None,
        budget=budget(team, kb, stage, lang, labour))


def scorecards(team: Team, kb: KnowledgeBase, stage: str, lang: Lang,
               holders: dict[tuple[str, ...], list[Person]]) -> list[Scorecard]:
    """One card per set of posts held together, each post weighted by its share of its holders' weekly hours
    (`staffing.plan_posts`), with the targets of the team's product category."""
    hours: dict[tuple[str, str], float] = {}
    for post in plan_posts(team, kb, stage):
        hours[post.seat, post.role] = hours.get((post.seat, post.role), 0.0) + post.hours
    return [scorecard(kb, list(posts), stage, lang, [p.name for p in who],
                      {r: sum(hours.get((p.name, r), 0.0) for p in who) for r in posts}, team.category)
            for posts, who in holders.items()]


def team_labour(team: Team, kb: KnowledgeBase, stage: str) -> Labour:
    """The team's labour cost: the plan's own when it still prices exactly these people, else priced anew (a
    plan file the merchant edited, a team file)."""
    labour = team.labour
    if labour is not None and [c.name for c in labour.people] == [p.name for p in team.people]:
        return labour
    return price_team(team, kb, stage)


def org_rows(team: Team, kb: KnowledgeBase, stage: str, lang: Lang, labour: Labour | None = None) -> list[OrgRow]:
    """The people, their posts and groups (the company's own departments when it names them), whom they
    report to, and what each costs a month (their own figure, else market pay)."""
    def groups(person: Person) -> list[str]:
        return departments_of(person) or list(dict.fromkeys(kb.group[kb.group_of(r, stage)].name.get(lang)
                                                            for r in person.posts))

    def posts(person: Person) -> list[str]:  # a title nobody knows is shown as written, marked unknown
        return [kb.role[r].name.get(lang) for r in person.posts] + [shown_title(t, kb, lang) for t in person.unknown_titles]

    costs = {c.name: c for c in (labour or team_labour(team, kb, stage)).people}
    unpriced = {p.name for p in team.people if not p.posts and costs[p.name].basis == "market"}  # no pay to look up
    return [OrgRow(p.name, posts(p), groups(p), p.reports_to, p.vacancy,
                   None if p.name in unpriced else costs[p.name].total,
                   "unknown" if p.name in unpriced else costs[p.name].basis) for p in team.people]


def budget(team: Team, kb: KnowledgeBase, stage: str, lang: Lang, labour: Labour | None = None) -> Budget:
    """Each person's monthly cost (own figure, else market pay) split over their posts by the hours each post
    takes at the stage, plus outsourced service and cloud-warehouse fees."""
    hours = {(p.seat, p.role): p.hours for p in plan_posts(team, kb, stage)}
    labour = labour or team_labour(team, kb, stage)
    priced = {c.name: c for c in labour.people}
    lines: list[CostLine] = []
    per_post: dict[str, float] = {}
    for person in team.people:
        own = [hours[person.name, r] for r in person.posts]
        total_hours = sum(own) or 1.0
        cost_of = priced[person.name]
        for role, h in zip(person.posts, own, strict=True):
            cost = cost_of.total * h / total_hours
            name = kb.role[role].name.get(lang)
            lines.append(CostLine(person.name, name, h, cost_of.total, cost, cost_of.basis))
            per_post[name] = per_post.get(name, 0.0) + cost
    for item in labour.outside:
        name = OUTSIDE_NAMES[item.what].get(lang)
        lines.append(CostLine(name, name, None, item.monthly, item.monthly, "outside"))
        per_post[name] = per_post.get(name, 0.0) + item.monthly
    return Budget(lines, per_post, labour.monthly_cost, team.monthly_sales or None, labour.share_of_sales,
                  [c.name for c in labour.people if c.basis == "market"], labour.share_min, labour.share_max)


OUTSIDE_NAMES = {"outsourced_service": Text(zh="外包客服", en="Outsourced service"),
                 "cloud_warehouse": Text(zh="云仓发货", en="Cloud warehouse")}
