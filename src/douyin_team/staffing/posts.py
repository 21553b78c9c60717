"""What staffing works on and returns: a plan's posts with their hours and live shifts, the staffed result,
and which pairs of posts one person may never hold together.
"""

from __future__ import annotations

from collections.abc import Callable
from typing import Literal

import msgspec

from ..knowledge import FULL_TIME_HOURS, KnowledgeBase
from ..planning import live_sessions, session_hours, window
from ..team import Reason, Team
from ..text import Text

Status = Literal["optimal", "feasible", "unknown"]


class Post(msgspec.Struct, frozen=True):
    """One post of the plan: its role, the plan seat it came from, weekly hours and its live shift."""

    role: str
    seat: str
    hours: float
    window: tuple[int, int] | None = None


class Placement(msgspec.Struct, frozen=True):
    """One post of the plan and who holds it in the staffed team: the plan seat the post came from, its role,
    and the name of the staffed team's person holding it (a roster person, or the open post left to hire)."""

    seat: str
    role: str
    holder: str


class Staffing(msgspec.Struct, frozen=True):
    """The staffed team, how good the answer is, and the goal values it reached."""

    team: Team
    status: Status
    seconds: float
    uncovered: int
    uncommon: int
    monthly_cost: float  # the roster people placed
    fit: int  # skill levels short of 5/5, summed over the posts held
    broken_keeps: int = 0
    considered: int = 0  # people left in the model after dropping those never needed
    notes: list[Reason] = []  # must-keep posts not kept, and why
    value: int = 0  # skill-weighted cost: monthly cost + a level's worth × fit
    open_cost: float = 0.0  # the expected monthly cost of the posts left to hire (the pay model's figures)
    left_out: list[Reason] = []  # every roster person not placed, and why
    worth: int = 0  # one skill level's worth a month, CNY, as the objective counted it
    worth_sources: list[str] = []  # where that figure comes from
    worth_estimate: bool = True  # the figure is our estimate (a playbook may give its own)
    placements: list[Placement] = []  # every post of the plan, in plan order, with who holds it


def plan_posts(plan: Team, kb: KnowledgeBase, stage: str, start: str | None = None) -> list[Post]:
    """The plan's posts with weekly hours and, for on-air posts, the span of the sessions their seat is on air for.

    Hours: an on-air post takes its sessions' hours plus preparation (on-air posts a seat holds in the same
    sessions share those hours); any other its share of the plan's workload for the post (`Team.workload`: the
    people its work needs, shared evenly by those holding it) × a 40-hour week, or, for a team without a
    workload (or a post the workload does not size), the stage's load for the post.
    """
    loads = {spec.role: spec.load for spec in kb.posts.get(stage, [])}
    holders: dict[str, int] = {}
    for person in plan.people:
        for role in person.posts:
            holders[role] = holders.get(role, 0) + 1
    for line in plan.workload or []:
        if line.post in holders:
            loads[line.post] = sum(w.people for w in plan.workload or [] if w.post == line.post) / holders[line.post]
    sessions = live_sessions(plan, kb, start=start)
    s = kb.settings
    live = set(s.host_roles) | set(s.control_roles) | set(s.follow_live_roles)
    prep_share = kb.figures.crew_prep_share.value
    posts = []
    for person in plan.people:
        mine = [x for x in sessions if person.name in x.crew]
        # On-air posts one person holds in the same sessions (助播 + 场控) are worked at the same time: they
        # share the hours on air evenly, and each adds its own preparation.
        on_air = [r for r in person.posts if r in live] if mine else []
        hours_on_air = sum(session_hours(x) * x.days_per_week for x in mine)
        for role in person.posts:
            if role in on_air:
                spans = [window(x) for x in mine]
                hours = hours_on_air * (1 / len(on_air) + prep_share)
                posts.append(Post(role, person.name, round(min(hours, FULL_TIME_HOURS), 2),
                                  (min(a for a, _ in spans), max(b for _, b in spans))))
            else:
                posts.append(Post(role, person.name, round(min(loads.get(role, 0.5), 1.0) * FULL_TIME_HOURS, 2)))
    return posts


def forbidden_by(kb: KnowledgeBase, stage: str) -> Callable[[str, str], Text | None]:
    """For two posts, why one person may never hold both (the rule's title, or the knowledge base's reason
    in words, never an internal id), else None."""
    rules = [r for r in kb.rule.values() if stage in r.stages and r.severity == "error"]
    exclusive = {frozenset(p) for p in kb.settings.exclusive_pairs}

    def forbidden(a: str, b: str) -> Text | None:
        if a == b:  # two posts of one kind are two people (a plan sizes each to a person's share)
            name = kb.role[a].name
            return Text(zh=f"每个{name.zh}岗位都按一人的工作量安排，两个要由两个人担任",
                        en=f"each {name.en} post is sized to one person, so two are two people")
        if frozenset((a, b)) in exclusive:
            return Text(zh=f"{kb.role[a].name.zh}和{kb.role[b].name.zh}按定义是两个人",
                        en=f"{kb.role[a].name.en} and {kb.role[b].name.en} are two people by definition")
        for rule in rules:
            if rule.check == "forbidden_combination" and {a, b} <= set(rule.params["roles"]):
                return rule.title
            if rule.check == "core_single" and (kb.role[a].core or kb.role[b].core):
                return rule.title
            if rule.check == "dedicated_posts" and {a, b} & set(rule.params["need"]):
                return rule.title
        return None

    return forbidden
