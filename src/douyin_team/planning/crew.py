"""A team's live sessions with their crews: the plan's own, or placed from a team file's profile the way the
planner places them, with the team's hosts and controls put on air.

`shifts`, `sop`, staffing and the checker all read sessions from here, so a plan, its shift table and its
run sheet agree (the same sessions, the same hosts).
"""

from __future__ import annotations

import math

import msgspec

from ..knowledge import DAY, KnowledgeBase, clock, label
from ..team import Person, Session, Team
from .diagnosis import diagnose
from .sessions import Slot, place_sessions
from .situation import situation

EPS = 1e-9


def live_sessions(team: Team, kb: KnowledgeBase, live_hours: float | None = None, days: int | None = None,
                  start: str | None = None) -> list[Session]:
    """The team's sessions: the plan's when it has them and nothing is overridden, else placed from its profile
    (with `live_hours` a day and `days` a week if given) and crewed from its people; `start` moves them so the
    first begins then."""
    if team.sessions is not None and live_hours is None and days is None:
        sessions = list(team.sessions)
        names = {p.name for p in team.people}
        if any(n not in names for x in sessions for n in x.crew):  # people renamed or replaced since: crew anew
            slots = [Slot(x.room, *window(x), x.part or "") for x in sessions]
            sessions = [msgspec.structs.replace(x, crew=crew)
                        for x, crew in zip(sessions, _crews(kb, team.people, slots), strict=True)]
    else:
        sessions = _placed(team, kb, live_hours, days)
    return _moved(sessions, start) if start else sessions


def _placed(team: Team, kb: KnowledgeBase, live_hours: float | None, days: int | None) -> list[Session]:
    profile = msgspec.structs.replace(
        team, live_hours=live_hours if live_hours is not None else team.live_hours,
        live_days=days if days is not None else team.live_days, sessions=None)
    diagnosis = diagnose(kb, team.monthly_sales, team.stage, len(team.people))
    sit = situation(profile, kb, diagnosis)
    slots = place_sessions(kb, sit)
    return [Session(room=s.room, start=_hhmm(s.start), end=_hhmm(s.end), days_per_week=sit.live_days,
                    crew=crew, part=s.part) for s, crew in zip(slots, _crews(kb, team.people, slots), strict=True)]


def _crews(kb: KnowledgeBase, people: list[Person], slots: list[Slot]) -> list[list[str]]:
    """For each session one person per on-air post the team has: never one person in two sessions at the same
    time, a person's day on air within `max_session_hours` while anyone else can take it, real people before
    open posts, and the sessions spread over the people who hold the post."""
    s = kb.settings
    held = {r for p in people for r in p.posts}
    controls = [r for r in s.control_roles if r in held] or [r for r in s.follow_live_roles if r in held]
    posts = [r for r in s.host_roles if r in held] + controls
    longest = kb.figures.max_session_hours.value * 60
    busy: dict[str, list[tuple[int, int]]] = {}
    out = []
    for slot in slots:
        crew: list[str] = []
        for role in posts:
            able = [p for p in people if role in p.posts and p.name not in crew]
            pick = _pick(able, busy, slot, longest, people)
            if pick is not None:
                crew.append(pick.name)
                busy.setdefault(pick.name, []).append((slot.start, slot.end))
        out.append(crew)
    return out


def _pick(able: list[Person], busy: dict[str, list[tuple[int, int]]], slot: Slot, longest: float,
          people: list[Person]) -> Person | None:
    """Who of `able` takes the slot: someone free then, within a day's hours on air, real before open, least busy."""
    free = [p for p in able if not any(_overlap((slot.start, slot.end), w) for w in busy.get(p.name, []))]

    def key(p: Person) -> tuple[bool, bool, int, int]:
        day = sum(b - a for a, b in busy.get(p.name, []))
        return (day + slot.end - slot.start > longest, p.vacancy, day, people.index(p))

    return min(free or able, key=key, default=None)


def _overlap(a: tuple[int, int], b: tuple[int, int]) -> bool:
    return any(a[0] < b[1] + k * DAY and b[0] + k * DAY < a[1] for k in (-1, 0, 1))


def _hhmm(minutes: int) -> str:
    return f"{minutes % DAY // 60:02d}:{minutes % 60:02d}"


def _moved(sessions: list[Session], start: str) -> list[Session]:
    """The sessions moved so that the earliest-placed first one starts at `start`."""
    if not sessions:
        return sessions
    shift = clock(start, "--start") - clock(sessions[0].start)
    return [msgspec.structs.replace(x, start=_hhmm(clock(x.start) + shift), end=_hhmm(clock(x.end) + shift))
            for x in sessions]


def window(session: Session) -> tuple[int, int]:
    """A session's window in minutes of the day (the end past midnight when it crosses it)."""
    start, end = clock(session.start) % DAY, clock(session.end)
    return start, end + (DAY if end <= start else 0)


def session_hours(session: Session) -> float:
    """How long a session runs, in hours."""
    a, b = window(session)
    return (b - a) / 60


def span(session: Session) -> str:
    """'19:00–23:00' for a session."""
    return label(window(session))


def hosts_needed(kb: KnowledgeBase, sessions: list[Session]) -> int:
    """Hosts the sessions need: their weekly hours on air over a host's, and one host a session a day over a
    host's days a week (at least one for each room live at the same time)."""
    w = kb.figures
    if not sessions:
        return 0
    hours = sum(session_hours(x) * x.days_per_week for x in sessions)
    days = sum(x.days_per_week for x in sessions)
    by_hours = hours / (w.host_hours_per_day.value * w.host_days_per_week.value)
    by_days = days / w.host_days_per_week.value
    return max(1, math.ceil(max(by_hours, by_days) - EPS))
