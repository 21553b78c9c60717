"""What staffing works on and returns: a plan's posts with their hours and live shifts, the staffed result,
and which pairs of posts one person may never hold together.
"""

from __future__ import annotations

from collections.abc import Callable
from typing import Literal

import msgspec

from ..knowledge import FULL_TIME_HOURS, KnowledgeBase
from ..planning import live_windows
from ..team import Reason, Team

Status = Literal["optimal", "feasible", "unknown"]


class Post(msgspec.Struct, frozen=True):
    """One post of the plan: its role, the plan seat it came from, weekly hours and its live shift."""

    role: str
    seat: str
    hours: float
    window: tuple[int, int] | None = None


class Staffing(msgspec.Struct, frozen=True):
    """The staffed team, how good the answer is, and the goal values it reached."""

    team: Team
    status: Status
    seconds: float
    uncovered: int
    uncommon: int
    monthly_cost: float
    fit: int
    broken_keeps: int = 0
    considered: int = 0  # people left in the model after dropping those never needed
    notes: list[Reason] = []  # must-keep posts not kept, and why


def plan_posts(plan: Team, kb: KnowledgeBase, stage: str, start: str | None = None) -> list[Post]:
    """The plan's posts with weekly hours (the stage's load × a 40-hour week) and live shifts on the clock."""
    loads = {spec.role: spec.load for spec in kb.posts.get(stage, [])}
    seats = [(role, p.name) for p in plan.people for role in p.posts]
    live = plan.live_hours if plan.live_hours is not None else kb.stage[stage].live_hours_default
    windows = live_windows(kb.settings, [r for r, _ in seats], live, start)
    return [Post(role, seat, round(loads.get(role, 0.5) * FULL_TIME_HOURS, 2), window)
            for (role, seat), window in zip(seats, windows, strict=True)]


def forbidden_by(kb: KnowledgeBase, stage: str) -> Callable[[str, str], str | None]:
    """For two posts, the rule (or knowledge-base field) that forbids one person holding both, else None."""
    rules = [r for r in kb.rule.values() if stage in r.stages and r.severity == "error"]
    exclusive = {frozenset(p) for p in kb.settings.exclusive_pairs}

    def forbidden(a: str, b: str) -> str | None:
        if a == b:  # two shifts of one core post are two people
            return f"roles.{a}.core" if kb.role[a].core else None
        if frozenset((a, b)) in exclusive:
            return "settings.exclusive_pairs"
        for rule in rules:
            if rule.check == "forbidden_combination" and {a, b} <= set(rule.params["roles"]):
                return rule.id
            if rule.check == "core_single" and (kb.role[a].core or kb.role[b].core):
                return rule.id
            if rule.check == "dedicated_posts" and {a, b} & set(rule.params["need"]):
                return rule.id
        return None

    return forbidden
