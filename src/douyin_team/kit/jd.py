"""Job descriptions (岗位说明书), for one post or merged for a person's posts.

Duties, skills and KPIs come from the roles; requirements from `requirements` in kit.yaml for the stage.
The KPI scorecards (考核表) that go with them are in `scorecard.py`.
"""

from __future__ import annotations

import msgspec

from ..dump import dump_data
from ..knowledge import KnowledgeBase
from ..team import Person, Team
from ..text import Lang
from .labels import people_label
from .scorecard import Scorecard, score_lines
from .sop import PHASE_NAMES, cell


class JobDescription(msgspec.Struct, frozen=True):
    """One description: for a post, or merged for posts held together; with the people who hold them."""

    title: str
    holders: list[str]
    posts: list[str]
    purpose: list[str]
    before: list[str]
    during: list[str]
    after: list[str]
    skills: list[str]
    requirements: list[str]
    reports_to: list[str]
    manages: list[str]
    kpis: list[str]
    sources: list[str]


def _join(lang: Lang) -> str:
    return "、" if lang == "zh" else ", "


def job_description(kb: KnowledgeBase, roles: list[str], stage: str, lang: Lang, holders: list[Person] | None = None,
                    team: Team | None = None) -> JobDescription:
    """The description of `roles` (merged when several) at `stage`; with the people holding exactly these
    posts in `team`, also their names and reporting lines."""
    several = len(roles) > 1
    names = [kb.role[r].name.get(lang) for r in roles]

    def merged(items: list[tuple[str, str]]) -> list[str]:
        seen = dict.fromkeys((f"[{post}] {text}" if several else text) for post, text in items)
        return list(seen)

    duties = {phase: merged([(kb.role[r].name.get(lang), d.get(lang)) for r in roles
                             for d in getattr(kb.role[r].duties, phase)]) for phase in PHASE_NAMES}
    reqs = [q for q in kb.requirements if stage in q.stages and (not q.roles or set(q.roles) & set(roles))]
    kpis = list(dict.fromkeys(m for r in roles for m in kb.role[r].kpis))
    managers, manages = _reporting(holders or [], team, kb, lang)
    return JobDescription(
        title=" + ".join(names), holders=[p.name for p in holders or []], posts=roles, purpose=merged([(kb.role[r].name.get(lang), kb.role[r].purpose.get(lang)) for r in roles]),
        before=duties["before"], during=duties["during"], after=duties["after"],
        skills=list(dict.fromkeys(s.get(lang) for r in roles for s in kb.role[r].skills)),
        requirements=[q.text.get(lang) for q in reqs], reports_to=managers, manages=manages,
        kpis=[kb.metric[m].name.get(lang) for m in kpis],
        sources=list(dict.fromkeys(s for r in roles for s in kb.role[r].sources)) +
        list(dict.fromkeys(s for q in reqs for s in q.sources)))


def _reporting(holders: list[Person], team: Team | None, kb: KnowledgeBase, lang: Lang) -> tuple[list[str], list[str]]:
    """The holders' managers (with their posts) and the people who report to any holder."""
    if team is None:
        return [], []
    by_name = {p.name: p for p in team.people}
    bosses = [by_name[p.reports_to] for p in holders if p.reports_to in by_name]
    names = {p.name for p in holders}
    return (list(dict.fromkeys(f"{b.name}（{_join(lang).join(kb.role[r].name.get(lang) for r in b.posts)}）" for b in bosses)),
            [p.name for p in team.people if p.reports_to in names])


def render_jd(jd: JobDescription, card: Scorecard | None, lang: Lang, fmt: str) -> str:
    """One job description (with its scorecard) as Markdown (also used for text), JSON or YAML."""
    if fmt in ("json", "yaml"):
        return dump_data({"job_description": jd, "scorecard": card}, fmt)
    return "\n".join(jd_lines(jd, lang, 1) + (score_lines(card, lang) if card else [])) + "\n"


def jd_lines(jd: JobDescription, lang: Lang, level: int = 2) -> list[str]:
    """A job description as Markdown lines, headed at `level`."""
    zh = lang == "zh"
    h = "#" * level
    head = f"{cell(people_label(jd.holders, lang))} · {jd.title}" if jd.holders else jd.title
    lines = [f"{h} {head}", ""]
    if jd.reports_to or jd.manages:
        lines += [f"- {'汇报对象' if zh else 'Reports to'}: {cell(_join(lang).join(jd.reports_to) or '—')}",
                  f"- {'下属' if zh else 'Manages'}: {cell(_join(lang).join(jd.manages) or '—')}", ""]
    sections = [("岗位目的" if zh else "Purpose", jd.purpose),
                *((PHASE_NAMES[p].get(lang) + ("" if zh else " the session"), getattr(jd, p)) for p in PHASE_NAMES),
                ("技能" if zh else "Skills", jd.skills), ("任职要求" if zh else "Requirements", jd.requirements),
                ("考核指标" if zh else "KPIs", jd.kpis)]
    for name, items in sections:
        lines += [f"**{name}**", "", *(f"- {cell(x)}" for x in items or ["—"]), ""]
    return lines
