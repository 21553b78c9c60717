"""A checked team: the team with the stage, groups, findings and diagnosis of its check filled in."""

from __future__ import annotations

import msgspec

from ..knowledge import KnowledgeBase
from ..money import price_team
from ..team import FindingOut, Labour, Team, team_groups
from ..text import Lang
from .checker import CheckResult


def result_team(team: Team, result: CheckResult, kb: KnowledgeBase, lang: Lang, web: bool = False) -> Team:
    """The team with the stage, groups, findings, diagnosis and labour cost of a check filled in (findings
    worded for the web app when `web`: where to say a fact, not the team file's key). The labour is priced
    again, as the checker priced it; a plan's own section (with its cheaper variants) is kept while it still
    adds up to the same cost."""
    d = result.diagnosis
    findings = [FindingOut(f.rule, f.severity, f.text(lang, web), f.people, f.roles, f.sources) for f in result.findings]
    diagnosis = {"stage": d.stage, "basis": d.basis, "reason": d.reason.get(lang), "next_stage": d.next_stage,
                 "sales_to_next": d.sales_to_next, "sources": d.sources}
    return msgspec.structs.replace(team, stage=d.stage, groups=team_groups(team, kb, d.stage, lang),
                                   findings=findings, diagnosis=diagnosis,
                                   labour=_labour(team, kb, d.stage))


def _labour(team: Team, kb: KnowledgeBase, stage: str) -> Labour:
    labour = price_team(team, kb, stage)
    same = team.labour is not None and team.labour.monthly_cost == labour.monthly_cost and team.labour.people == labour.people
    return team.labour if same and team.labour is not None else labour
