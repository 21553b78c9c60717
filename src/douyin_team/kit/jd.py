"""Job descriptions (岗位说明书), for one post or merged for a person's posts.

Duties, skills and KPIs come from the roles; requirements, hours, interview questions and the first-30-days plan
from the knowledge base's `requirements` and `hiring` (see `hiring.py`), the hours also from the plan's sessions.
The KPI scorecards (考核表) that go with them are in `scorecard.py`.
"""

from __future__ import annotations

import msgspec

from ..dump import dump_data
from ..knowledge import KnowledgeBase
from ..team import Person, Session, Team
from ..text import Lang
from .hiring import (
    OnboardingStep,
    fitting_requirements,
    hiring_sources,
    interview_questions,
    onboarding_plan,
    requirement_lines,
    working_hours,
)
from .jobpay import JobPay, job_pay, pay_lines
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
    hours: list[str] = []
    pay: JobPay | None = None
    pay_text: list[str] = []
    interview: list[str] = []
    onboarding: list[OnboardingStep] = []
    estimate: bool = False  # the hiring kit (questions, plan) or a requirement is our own estimate


def _join(lang: Lang) -> str:
    return "、" if lang == "zh" else ", "


def job_description(kb: KnowledgeBase, roles: list[str], stage: str, lang: Lang, holders: list[Person] | None = None,
                    team: Team | None = None, sessions: list[Session] | None = None,
                    city_tier: int | None = None) -> JobDescription:
    """The description of `roles` (merged when several) at `stage`; with the people holding exactly these
    posts in `team`, also their names and reporting lines; with the plan's `sessions`, the on-air hours; the
    pay at `city_tier` (else the team's, else the pay model's reference tier)."""
    several = len(roles) > 1
    names = [kb.role[r].name.get(lang) for r in roles]

    def merged(items: list[tuple[str, str]]) -> list[str]:
        seen = dict.fromkeys((f"[{post}] {text}" if several else text) for post, text in items)
        return list(seen)

    duties = {phase: merged([(kb.role[r].name.get(lang), d.get(lang)) for r in roles
                             for d in getattr(kb.role[r].duties, phase)]) for phase in PHASE_NAMES}
    reqs = fitting_requirements(kb, roles, stage)
    kpis = list(dict.fromkeys(m for r in roles for m in _scored(kb, r, stage)))
    managers, manages = _reporting(holders or [], team, kb, lang)
    kit_sources, kit_estimate = hiring_sources(kb, roles, stage)
    pay = job_pay(kb, roles, stage, city_tier if city_tier is not None else team.city_tier if team else None, lang)
    return JobDescription(
        title=" + ".join(names), holders=[p.name for p in holders or []], posts=roles, purpose=merged([(kb.role[r].name.get(lang), kb.role[r].purpose.get(lang)) for r in roles]),
        before=duties["before"], during=duties["during"], after=duties["after"],
        skills=list(dict.fromkeys(s.get(lang) for r in roles for s in kb.role[r].skills)),
        requirements=requirement_lines(kb, roles, reqs, lang), reports_to=managers, manages=manages,
        kpis=[kb.metric[m].name.get(lang) for m in kpis],
        sources=list(dict.fromkeys([*(s for r in roles for s in kb.role[r].sources), *(s for q in reqs for s in q.sources),
                                    *kit_sources, *(pay.sources if pay else [])])),
        hours=working_hours(kb, roles, holders or [], sessions or [], lang), pay=pay, pay_text=pay_lines(pay, kb, lang),
        interview=interview_questions(kb, roles, lang, stage), onboarding=onboarding_plan(kb, roles, lang, stage),
        estimate=kit_estimate or any(q.estimate for q in reqs))


def _reporting(holders: list[Person], team: Team | None, kb: KnowledgeBase, lang: Lang) -> tuple[list[str], list[str]]:
    """The holders' managers (with their posts) and the people who report to any holder."""
    if team is None:
        return [], []
    by_name = {p.name: p for p in team.people}
    bosses = [by_name[p.reports_to] for p in holders if p.reports_to in by_name]
    names = {p.name for p in holders}
    left, right = ("（", "）") if lang == "zh" else (" (", ")")
    return (list(dict.fromkeys(f"{b.name}{left}{_join(lang).join(kb.role[r].name.get(lang) for r in b.posts)}{right}"
                               for b in bosses)),
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
    sections = [*hiring_sections(jd, lang, first=True), ("岗位目的" if zh else "Purpose", jd.purpose),
                *((PHASE_NAMES[p].get(lang) + ("" if zh else " the session"), getattr(jd, p)) for p in PHASE_NAMES),
                ("技能" if zh else "Skills", jd.skills), ("任职要求" if zh else "Requirements", jd.requirements),
                ("考核指标" if zh else "KPIs", jd.kpis), *hiring_sections(jd, lang, first=False)]
    for name, items in sections:
        lines += [f"**{name}**", "", *(f"- {cell(x)}" for x in items or ["—"]), ""]
    return lines


def hiring_sections(jd: JobDescription, lang: Lang, first: bool) -> list[tuple[str, list[str]]]:
    """The hiring parts of a description as (label, lines): pay and hours (`first`, shown before the duties),
    else interview questions, the first-30-days plan and a note where they are our own estimate."""
    zh = lang == "zh"
    if first:
        return [("薪资" if zh else "Pay", jd.pay_text), ("工作时间" if zh else "Hours", jd.hours)]
    note = ["面试问题、入职计划和标注为估算的要求为本工具估算，可在手册（--knowledge）中修改" if zh else
            "Interview questions, the onboarding plan and requirements marked as estimates are our own estimate; "
            "change them in a playbook (--knowledge)"] if jd.estimate else []
    return [("面试问题" if zh else "Interview questions", jd.interview),
            ("入职30天计划" if zh else "First 30 days", [onboarding_text(s, lang) for s in jd.onboarding]),
            *([("说明" if zh else "Note", note)] if note else [])]


def onboarding_text(step: OnboardingStep, lang: Lang) -> str:
    """'第7天前：[主播] 试播…' / 'By day 7: [Host] trial sessions…'."""
    post = f"[{step.post}] " if step.post else ""
    return f"第{step.days}天前：{post}{step.task}" if lang == "zh" else f"By day {step.days}: {post}{step.task}"


def _scored(kb: KnowledgeBase, role: str, stage: str) -> list[str]:
    """The metrics a post is judged by at the stage: its scorecard's lines, heaviest first (the same the 考核表
    weighs), else the role's KPI list for a post without a card."""
    card = kb.card.get(role)
    if card is None:
        return kb.role[role].kpis
    lines = sorted((x for x in card.lines if x.weights.get(stage, 0) > 0), key=lambda x: -x.weights[stage])
    return [x.metric for x in lines]
