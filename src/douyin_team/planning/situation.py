"""The merchant's situation: the profile with every default filled in, as the planner works from it."""

from __future__ import annotations

import math

import msgspec

from ..knowledge import KnowledgeBase
from ..team import Focus, Profile
from .diagnosis import Diagnosis
from .livehours import hosts_needed


class Situation(msgspec.Struct, frozen=True):
    """The profile with every default filled in."""

    stage: str
    focus: Focus
    resources: frozenset[str]
    ads: bool
    live_hours: float
    shifts: int
    hosts: int
    small_city: bool
    budget: int | None


def situation(profile: Profile, kb: KnowledgeBase, diagnosis: Diagnosis) -> Situation:
    """Fill in the defaults: focus live, ads bought, the stage's usual live hours."""
    stage = diagnosis.stage
    hours = profile.live_hours if profile.live_hours is not None else kb.stage[stage].live_hours_default
    s = kb.settings
    shifts = max(1, min(math.ceil(hours / s.shift_hours - 1e-9), s.max_shifts.get(stage, 1))) if hours else 1
    return Situation(
        stage=stage, focus=profile.focus or "live", resources=frozenset(profile.resources),
        ads=profile.ads is not False, live_hours=hours, shifts=shifts,
        hosts=hosts_needed(kb, hours) if hours else 1,
        small_city=(profile.city_tier or 1) >= s.small_city_tier, budget=profile.headcount_budget,
    )
