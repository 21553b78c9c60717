"""What a roadmap step costs a month: a hire's expected pay at the level where it comes due."""

from __future__ import annotations

from ..knowledge import KnowledgeBase
from ..team import Team


def step_cost(kb: KnowledgeBase, team: Team, plan: Team, seat: list[str], sales: float) -> tuple[float | None, float | None, float | None]:
    """(expected, low, high) monthly CNY of one person holding `seat` at the plan's stage and the team's city."""
    return None, None, None
