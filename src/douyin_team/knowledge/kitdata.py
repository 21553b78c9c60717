"""The team kit's knowledge, as typed models: the live-session SOP, job requirements, and each post's hiring
kit (hours, interview questions, onboarding; in `knowledge/hiring.yaml`). Scorecards are in `scoredata.py`.

The data lives in `knowledge/kit.yaml` next to the rest of the knowledge base (and can be changed by a
playbook like any other section); `model.KnowledgeBase` holds these lists and `validate.py` cross-checks them.
"""

# No `from __future__ import annotations`: msgspec reads these classes' annotations when a command first
# decodes the cached knowledge base, and as strings they would be compiled there (3 ms of every start).

from collections.abc import Iterator
from typing import Literal

import msgspec

from ..text import Text
from .workload import Figure, TextFigure


class SopStep(msgspec.Struct, frozen=True, forbid_unknown_fields=True):
    """One line of the live-session run sheet: when (minutes from the session's start or end), what,
    and the posts that own it in order of preference (the first post the team has takes the line)."""

    id: str
    phase: Literal["before", "during", "after"]
    at: int
    task: Text
    roles: list[str]
    sources: list[str]
    anchor: Literal["start", "end"] = "start"
    until: int | None = None
    # An optional line is left out when the team holds none of its posts (no fallback owner for it).
    optional: bool = False
    # When the line is worked: "crew" at its time by the session's crew (else the post's holders), "office"
    # in working hours (`show.working_hours`), "service" in the service window; None = "crew".
    window: Literal["crew", "office", "service"] | None = None
    # Only for some sessions: "starts" (the room was dark before it), "continues" (it follows another session
    # of the room), "ends" (the room goes dark after it), "hands_over" (another session follows it).
    only: Literal["starts", "continues", "ends", "hands_over"] | None = None
    # "room": once a day per room, for all its sessions (a 复盘 or a daily report), on the sheet of the room's
    # last session of the day, owned by whoever runs the room that day (kit/sopdaily.py); "session": every session.
    per: Literal["session", "room"] = "session"


class Segment(msgspec.Struct, frozen=True, forbid_unknown_fields=True):
    """A segment of the show the run sheet puts on the clock from the `show` figures: the opening, the product
    rounds, the hourly lucky bag, host breaks and hand-overs, the closing. `roles` are the posts of the
    session's crew it names (a host post means the host on air at that time); `{n}`, `{minutes}`, `{host}`,
    `{next}` … in the task are filled in per line."""

    id: Literal["opening", "rounds", "lucky_bag", "host_break", "host_break_alone", "host_handover",
                "host_too_long", "closing", "handover_out"]
    task: Text
    roles: list[str]
    sources: list[str]


class ShowFigures(msgspec.Struct, frozen=True, forbid_unknown_fields=True):
    """The figures a show's clock is built from (kit.yaml `show`); each cites sources or is our estimate."""

    opening_minutes: Figure
    product_round_minutes: Figure
    lucky_bag_every_minutes: Figure
    host_break_every_minutes: Figure
    host_break_minutes: Figure
    closing_minutes: Figure
    working_hours: TextFigure
    review_minutes: Figure  # how long a daily 复盘 meeting is booked for
    reviews_per_person_per_day: Figure  # the most daily 复盘 meetings one person runs


class Requirement(msgspec.Struct, frozen=True, forbid_unknown_fields=True):
    """A hiring requirement for posts (all posts when `roles` is empty) at the given stages; `holds` says whether
    it fits a description of one post, of several posts held together, or either."""

    id: str
    stages: list[str]
    text: Text
    sources: list[str]
    roles: list[str] = []
    holds: Literal["any", "one", "several"] = "any"
    estimate: bool = False


class Milestone(msgspec.Struct, frozen=True, forbid_unknown_fields=True):
    """What a new hire has done by `days` after starting."""

    days: int
    task: Text


class StageHiring(msgspec.Struct, frozen=True, forbid_unknown_fields=True):
    """What a post's hiring kit says at one stage: questions asked before the every-stage ones, and
    milestones that take the place of the every-stage milestone of the same day (or are added)."""

    interview: list[Text] = []
    onboarding: list[Milestone] = []
    sources: list[str] = []
    estimate: bool = False


class TogetherHiring(msgspec.Struct, frozen=True, forbid_unknown_fields=True):
    """What a post's hiring kit adds when the same person also holds any of `roles` (at `stages`; empty:
    every stage): questions and milestones about doing the posts together."""

    roles: list[str]
    interview: list[Text] = []
    onboarding: list[Milestone] = []
    stages: list[str] = []
    sources: list[str] = []
    estimate: bool = False


class Hiring(msgspec.Struct, frozen=True, forbid_unknown_fields=True):
    """A post's hiring kit (`id` is the role id): working hours outside the plan's sessions, interview
    questions and a first-30-days onboarding plan for every stage, what a stage changes (`stages`, by stage
    id) and what holding it together with other posts adds (`together`)."""

    id: str
    hours: Text
    interview: list[Text]
    onboarding: list[Milestone]
    sources: list[str]
    estimate: bool = False
    stages: dict[str, StageHiring] = {}
    together: list[TogetherHiring] = []


class DataSourceName(msgspec.Struct, frozen=True, forbid_unknown_fields=True):
    """The name shown for a metric's data source id (compass → 罗盘 …)."""

    id: str
    name: Text


def hiring_extras_problems(h: Hiring, roles: set[str], stages: set[str], sources: set[str]) -> Iterator[str]:
    """A hiring kit's `stages` and `together`: known stages, posts and sources; something to say; onboarding
    days rising within 1–30."""
    where = f"hiring '{h.id}'"
    items: list[tuple[str, list[Milestone], list[Text], list[str]]] = []
    for stage, extra in h.stages.items():
        if stage not in stages:
            yield f"{where} stages: unknown stage '{stage}'"
        items.append((f"{where} stages.{stage}", extra.onboarding, extra.interview, extra.sources))
    for k, t in enumerate(h.together, 1):
        yield from (f"{where} together #{k}: unknown {kind} '{x}'" for kind, xs, known in
                    (("role", t.roles, roles), ("stage", t.stages, stages)) for x in xs if x not in known)
        if not t.roles or h.id in t.roles:
            yield f"{where} together #{k}: name the other posts held with '{h.id}'"
        items.append((f"{where} together #{k}", t.onboarding, t.interview, t.sources))
    for label, milestones, questions, cited in items:
        days = [m.days for m in milestones]
        if not questions and not days:
            yield f"{label} needs interview questions or onboarding milestones"
        if days and (days != sorted(set(days)) or days[0] < 1 or days[-1] > 30):
            yield f"{label}: onboarding days must rise within 1–30, not {days}"
        yield from (f"{label} refers to unknown source '{x}'" for x in cited if x not in sources)
        if not cited:
            yield f"{label} cites no source"
