"""What a roadmap step costs a month: a new person's expected pay at the level where the step comes due,
priced by the pay model (`money.seat_pay`) at the team's city tier and that level's stage and sales."""

from __future__ import annotations

from collections import Counter

from ..knowledge import KnowledgeBase
from ..money import seat_pay
from ..team import Team


def step_cost(kb: KnowledgeBase, team: Team, plan: Team, seat: list[str],
              sales: float) -> tuple[float | None, float | None, float | None]:
    """(expected, low, high) monthly CNY of one person holding `seat` in the plan at this level: base plus
    commission on their share of each post (one over the plan's holders of it); the owner's posts cost 0."""
    holders = Counter(r for p in plan.people for r in p.posts)
    pay = seat_pay(kb, seat, plan.stage or "novice", team.city_tier, {r: 1 / max(1, holders[r]) for r in seat}, sales)
    return pay.total, pay.low, pay.high
