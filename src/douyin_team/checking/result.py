"""A checked team: the team with the stage, groups, findings and diagnosis of its check filled in."""

from __future__ import annotations

import msgspec

from ..knowledge import KnowledgeBase
from ..team import FindingOut, Team, team_groups
from ..text import Lang
from .checker import CheckResult


def result_team(team: Team, result: CheckResult, kb: KnowledgeBase, lang: Lang) -> Team:
    """The team with the stage, groups, findings and diagnosis of a check filled in."""
    d = result.diagnosis
    findings = [FindingOut(f.rule, f.severity, f.message.get(lang), f.people, f.roles, f.sources) for f in result.findings]
    diagnosis = {"stage": d.stage, "basis": d.basis, "reason": d.reason.get(lang), "next_stage": d.next_stage,
                 "sales_to_next": d.sales_to_next, "sources": d.sources}
    return msgspec.structs.replace(team, stage=d.stage, groups=team_groups(team, kb, d.stage, lang),
                                   findings=findings, diagnosis=diagnosis)
