"""The pay model's data: what each post costs a month at the reference city tier, the tiers' factors,
commission where practitioners pay it, and the prices of outsourced service and cloud warehouses.

The values live in `pay.yaml`; each cites its sources and says when it is our own estimate. A playbook
overrides a post by id (`pay_posts`), a tier by id (`pay_tiers`) or a figure by key (`pay`).
"""

# No `from __future__ import annotations`: msgspec reads these classes' annotations when a command first
# decodes the cached knowledge base, and as strings they would be compiled there (3 ms of every start).

import msgspec

from ..text import Text
from .workload import Figure


class PayTier(msgspec.Struct, frozen=True, forbid_unknown_fields=True):
    """A city tier (1 = 一线 … 5 = 县城) and its pay relative to the reference tier."""

    id: str
    name: Text
    factor: float
    sources: list[str]
    estimate: bool = False


class CommissionData(msgspec.Struct, frozen=True, forbid_unknown_fields=True):
    """Commission as a share of the merchant's monthly sales, shared among the people holding the post."""

    rate: float
    rate_low: float
    rate_high: float
    note: Text


class PostPayData(msgspec.Struct, frozen=True, forbid_unknown_fields=True):
    """A post's monthly base pay at the reference tier, [low, typical, high] in CNY, and its commission."""

    id: str
    base: tuple[float, float, float]
    sources: list[str]
    commission: CommissionData | None = None
    estimate: bool = False


class StagesFigure(msgspec.Struct, frozen=True, forbid_unknown_fields=True):
    """A figure with one number per stage."""

    value: dict[str, float]
    note: Text
    sources: list[str]
    estimate: bool = False


class StageListFigure(msgspec.Struct, frozen=True, forbid_unknown_fields=True):
    """A figure that is a list of stages."""

    value: list[str]
    note: Text
    sources: list[str]
    estimate: bool = False


class RoleListFigure(msgspec.Struct, frozen=True, forbid_unknown_fields=True):
    """A figure that is a list of posts (role ids)."""

    value: list[str]
    note: Text
    sources: list[str]
    estimate: bool = False


class PayFigures(msgspec.Struct, frozen=True, forbid_unknown_fields=True):
    """The pay model's figures (see pay.yaml)."""

    reference_tier: Figure
    stage_factor: StagesFigure
    combined_premium: Figure
    lead_premium: Figure
    commission_cap: Figure
    owner_stages: StageListFigure
    outsourced_per_chat: Figure
    outsourced_minimum: Figure
    cloud_per_order: Figure
    cost_share_ceiling: Figure
    cost_share_large: Figure
    part_time_posts: RoleListFigure
    part_time_rate: Figure
    part_time_max_load: Figure
    part_time_min_hours: Figure
    part_time_hours: Figure
