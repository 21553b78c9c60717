"""The adapter between staffing and the pay model: what a post left open is expected to cost a month.

Staffing prices each open seat (the posts of one plan seat nobody on the roster took) with
`douyin_team.money.pay.seat_pay`, at the plan's stage and city tier, with that seat's share of each post's
commission. Everything staffing says about the cost of hiring goes through `open_seat_price`.
"""

from __future__ import annotations

from typing import NamedTuple

from ..knowledge import KnowledgeBase
from ..team import Team


class OpenPrice(NamedTuple):
    """The expected monthly cost of one open seat: total (base + commission), its range and sources."""

    total: float
    base: float
    commission: float
    low: float
    high: float
    owner: bool  # the post is the owner's (负责人 at novice/growth): unpaid
    sources: list[str]


def open_seat_price(kb: KnowledgeBase, plan: Team, roles: list[str], stage: str, holders: dict[str, int]) -> OpenPrice:
    """What hiring one person for `roles` costs a month; `holders` counts the plan's posts of each role, so a
    commission paid on the room's sales is split among everyone holding that post."""
    from ..money.pay import seat_pay

    share = {r: 1 / max(1, holders.get(r, 1)) for r in roles}
    pay = seat_pay(kb, roles, stage, plan.city_tier, share, plan.monthly_sales or 0.0)
    return OpenPrice(float(pay.total), float(pay.base), float(pay.commission), float(pay.low), float(pay.high),
                     bool(pay.owner), list(pay.sources))
