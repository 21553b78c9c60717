"""Off-air work on the clock: moved into working hours, and the work done once a day per room.

A step with `per: room` (the daily report, the 复盘) is not repeated after every session: a room live around
the clock in six shifts gets one 复盘 a day, on the sheet of its last session of the day, covering them all.
It is run by whoever runs that room: the rooms are shared out among the holders of the step's first post
(fewest first), at most `show.reviews_per_person_per_day` each; past that, the next post of the step (the
team lead, then the room's own floor control). A meeting (a step with `until`) is booked for
`show.review_minutes` inside working hours, from an hour after they open (the day's figures come first);
one person's meetings of a day follow one another.
"""

from __future__ import annotations

import math

import msgspec

from ..knowledge import DAY, KnowledgeBase, SopStep
from ..planning import window
from ..team import Person, Session, Team

FIGURES_FIRST = 60  # minutes of a working day before its first meeting: the daily report is compiled first


class Daily(msgspec.Struct, frozen=True):
    """Who runs a room's daily step: the post, the person, whether it fell to the fallback, and how many of
    that person's meetings of the day come before it (`slot`)."""

    role: str
    owners: list[str]
    fallback: bool
    slot: int


def last_sessions(sessions: list[Session]) -> dict[int, Session]:
    """Each room's last session of the day: the one that ends latest (a night session ends the next day)."""
    out: dict[int, Session] = {}
    for x in sessions:
        if x.room not in out or window(x)[1] > window(out[x.room])[1]:
            out[x.room] = x
    return out


def daily_owners(team: Team, kb: KnowledgeBase, step: SopStep, sessions: list[Session]) -> dict[int, Daily]:
    """The runner of `step` for each room (None for an optional step nobody can take is left out)."""
    cap = kb.show.reviews_per_person_per_day.value if kb.show is not None else math.inf
    on_air = set(kb.settings.host_roles) | set(kb.settings.control_roles)
    load: dict[str, int] = {}
    out: dict[int, Daily] = {}
    for room, last in sorted(last_sessions(sessions).items()):
        found = _runner(team, step, set(last.crew), on_air, load, cap)
        if found is None:
            continue
        role, person, fallback = found
        out[room] = Daily(role, [person], fallback, load.get(person, 0))
        load[person] = load.get(person, 0) + 1
    return out


def _runner(team: Team, step: SopStep, crew: set[str], on_air: set[str], load: dict[str, int],
            cap: float) -> tuple[str, str, bool] | None:
    """(post, person, fallback): the least-loaded holder (else coverer) of the first of the step's posts with
    one under the cap (an on-air post: only in the room's crew); all at the cap, the first post's least-loaded
    holder; nobody, the team lead (else the first person), or None for an optional step."""
    first: tuple[str, list[Person]] | None = None
    for role in step.roles:
        for attr in ("posts", "covers"):
            people = [p for p in team.people if role in getattr(p, attr)
                      and (role not in on_air or p.name in crew)]
            people = [p for p in people if not p.vacancy] or people
            if not people:
                continue
            first = first or (role, people)
            free = [p for p in people if load.get(p.name, 0) < cap]
            if free:
                return role, min(free, key=lambda p: load.get(p.name, 0)).name, False
    if first is not None:
        return first[0], min(first[1], key=lambda p: load.get(p.name, 0)).name, False
    if step.optional:
        return None
    lead = [p.name for p in team.people if "team_lead" in p.posts]
    return "team_lead", (lead or [team.people[0].name])[0], True


def fit_window(t: int, hours: tuple[int, int], before: bool, start: int) -> int:
    """The time nearest `t` inside the daily window `hours` (an hour before its end at the latest, so the work
    fits): for work before air, the nearest such time no later than an hour before the start; after air, the
    earliest such time from `t` on. Minutes are counted from the session day's midnight."""
    lo, hi = hours
    if hi - lo >= DAY:
        return t
    days = range(t // DAY - 2, t // DAY + 3)
    if before:
        cands = []
        for d in days:
            a, b = d * DAY + lo, min(d * DAY + hi - 60, start - 60)
            if a <= b:
                cands.append(min(max(t, a), b))
        return min(cands, key=lambda c: (abs(c - t), c), default=t)
    for d in days:
        a, b = d * DAY + lo, d * DAY + hi - 30
        if t <= b:
            return max(t, a)
    return t


def meeting_start(t: int, hours: tuple[int, int], minutes: int, slot: int) -> int:
    """The start of a meeting of `minutes` due from `t`: the first working day's window that still holds it
    after the `slot` meetings its owner already has that day (an hour into the window at the earliest)."""
    lo, hi = hours
    if hi - lo >= DAY:
        return t + slot * minutes
    for d in range(t // DAY - 1, t // DAY + 4):
        begin = max(t, d * DAY + lo + FIGURES_FIRST) + slot * minutes
        if begin + minutes <= d * DAY + hi:
            return begin
    return t + slot * minutes
