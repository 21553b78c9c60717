"""Shifts: the week's live sessions and who is on air for each, from the plan's sessions (or, for a team file,
the sessions the planner would place for its profile).

Each session needs a host and a control (场控 or 中控, else live ops as 跟播运营) for its whole length; which
posts host and control is the playbook's `host_roles`, `control_roles` and `follow_live_roles`. The rest of the
session's crew is on air with the host too (a growth room's 助播/场控 and 中控 work side by side, not in turn):
only people holding the same seat (the same posts: a relief host or a second 中控 for the days off) take the
days in turn — except that a session longer than a host's day on air (`host_hours_per_day`) is split between
its hosts (or its host and assistant host), one row per stint. The run sheet (`kit.sop`) uses the same stints,
so both agree.
"""

from __future__ import annotations

import msgspec

from ..dump import dump_data
from ..knowledge import KnowledgeBase, label
from ..planning import hosts_needed, live_sessions, session_hours, window
from ..team import Person, Session, Team
from ..text import Lang, Text

DAYS = {"zh": ["周一", "周二", "周三", "周四", "周五", "周六", "周日"], "en": ["Mon", "Tue", "Wed", "Thu", "Fri", "Sat", "Sun"]}


class Slot(msgspec.Struct, frozen=True):
    """One live session on one day, with who hosts and who runs control."""

    day: str
    start: str
    end: str
    host: str | None
    control: str | None
    room: int = 1
    crew: list[str] = []  # everyone on air with the host, the control first


class ShiftTable(msgspec.Struct, frozen=True):
    """The week's live shifts, what the hours need, and what the team is short of."""

    live_hours: float
    sessions_per_week: int
    shifts_per_day: int
    hosts_needed: int
    controls_needed: int
    slots: list[Slot]
    hours: dict[str, float]
    notes: list[str]
    rooms: int = 1


def shift_table(team: Team, kb: KnowledgeBase, live_hours: float | None = None, sessions_per_week: int | None = None,
                start: str | None = None, lang: Lang = "zh") -> ShiftTable:
    """The week's sessions day by day, each with its host and control from the session's crew."""
    sessions = live_sessions(team, kb, live_hours, sessions_per_week, start)
    people = {p.name: p for p in team.people}
    s = kb.settings
    held = {r for p in team.people for r in p.posts}
    control_roles = set(s.control_roles) | (set() if held & set(s.control_roles) else set(s.follow_live_roles))
    slots: list[Slot] = []
    hours = {p.name: 0.0 for p in team.people}
    days = max((x.days_per_week for x in sessions), default=sessions_per_week or 0)
    for k in range(days):
        day = DAYS[lang][round(k * 7 / days) % 7]
        for x in sessions:
            if k >= x.days_per_week:
                continue
            hosts = _host_seat(kb, x, people)
            for host, a, b in host_stints(kb, x, people, k):
                crew = _beside(x, people, {host, *hosts}, k)
                controls = [n for n in crew if control_roles & set(people[n].posts)]
                crew = controls[:1] + [n for n in crew if n not in controls[:1]]
                for who in (host, *crew):
                    if who is not None:
                        hours[who] += (b - a) / 60
                first, last = label((a, b)).split("–")
                slots.append(Slot(day, first, last, host, controls[0] if controls else None, x.room, crew))
    rooms = len({x.room for x in sessions}) or 1
    per_day = len(sessions) // rooms
    notes = _shortfalls(sessions, slots, hosts_needed(kb, sessions), team, kb, lang)
    hours_a_day = sum(session_hours(x) for x in sessions if x.room == 1)
    return ShiftTable(hours_a_day, days, per_day, hosts_needed(kb, sessions), len(sessions), slots,
                      {k: round(v, 2) for k, v in hours.items() if v}, notes, rooms)


def host_stints(kb: KnowledgeBase, session: Session, people: dict[str, Person], day: int
                ) -> list[tuple[str | None, int, int]]:
    """Who hosts which part of a session on a day: (host, start, end), minutes of the day (the end may pass
    midnight). The host is the crew's holder of the first host post they have (主播 before 助播); several take
    the days in turn. A session longer than `host_hours_per_day` is split evenly among those holders (at
    half hours), or, with one, the crew's next host post takes over once the host's hours are up."""
    start, end = window(session)
    by_role = [[n for n in session.crew if n in people and role in people[n].posts] for role in kb.settings.host_roles]
    by_role = [names for names in by_role if names]
    if not by_role:
        return [(None, start, end)]
    first, limit = by_role[0], round(kb.figures.host_hours_per_day.value * 60)
    if end - start <= limit:
        return [(_turn(first, day), start, end)]
    if len(first) > 1:
        cuts = [start + round((end - start) * k / len(first) / 30) * 30 for k in range(len(first) + 1)]
        cuts[-1] = end
        return [(first[k], cuts[k], cuts[k + 1]) for k in range(len(first))]
    relief = [n for names in by_role[1:] for n in names if n != first[0]]
    cut = start + limit // 30 * 30
    if not relief or cut >= end:
        return [(first[0], start, end)]
    return [(first[0], start, cut), (_turn(relief, day), cut, end)]


def _host_seat(kb: KnowledgeBase, session: Session, people: dict[str, Person]) -> set[str]:
    """The crew's holders of its first host post: on air only when `host_stints` puts them there."""
    for role in kb.settings.host_roles:
        names = {n for n in session.crew if n in people and role in people[n].posts}
        if names:
            return names
    return set()


def _beside(session: Session, people: dict[str, Person], hosting: set[str | None], day: int) -> list[str]:
    """Who of the crew is on air beside the host on a day: everyone, except that people holding the same
    posts share one seat and take the days in turn."""
    seats: dict[tuple[str, ...], list[str]] = {}
    for n in session.crew:
        if n in people and n not in hosting:
            seats.setdefault(tuple(sorted(people[n].posts)), []).append(n)
    return [name for names in seats.values() if (name := _turn(names, day)) is not None]


def _turn(names: list[str], day: int) -> str | None:
    """Who of several people for one seat works on the given day (they take the days in turn)."""
    return names[day % len(names)] if names else None


def _shortfalls(sessions: list[Session], slots: list[Slot], needed: int, team: Team, kb: KnowledgeBase,
                lang: Lang) -> list[str]:
    notes = []
    able = [p for p in team.people if set(kb.settings.host_roles) & set(p.posts)]
    hosts, hiring = sum(not p.vacancy for p in able), sum(p.vacancy for p in able)
    if hosts < needed <= hosts + hiring:
        notes.append(Text(zh=f"这些直播场次需要能当主播的{needed}人：在岗{hosts}人，其余{needed - hosts}人待招聘",
                          en=f"These sessions need {needed} people who can host: {hosts} in post, "
                          f"{needed - hosts} to hire").get(lang))
    elif hosts < needed:
        notes.append(Text(zh=f"能当主播的只有{hosts}人，这些直播场次需要{needed}人",
                          en=f"Only {hosts} people can host; these sessions need {needed}").get(lang))
    if any(slot.host is None for slot in slots):
        notes.append(Text(zh="有场次没有主播", en="Some sessions have no host").get(lang))
    if any(slot.control is None for slot in slots):
        notes.append(Text(zh="有场次没有场控/中控：每场都要有自己的控场",
                          en="Some sessions have no control: each session needs its own").get(lang))
    return notes


def render_shifts(table: ShiftTable, lang: Lang, fmt: str) -> str:
    """The shift table as Markdown (also used for text) or JSON."""
    if fmt in ("json", "yaml"):
        return dump_data(table, fmt)
    zh = lang == "zh"
    none = "（缺）" if zh else "(missing)"
    head = ("| 日期 | 直播间 | 时间 | 主播 | 同场配合（控场在前） |" if zh else "| Day | Room | Time | Host | On air with the host (control first) |")
    lines = [f"# {'排班表' if zh else 'Shift table'}", "",
             (f"- 每个直播间每天开播{table.live_hours:g}小时，每周{table.sessions_per_week}天，每天{table.shifts_per_day}场"
              if zh else f"- {table.live_hours:g} live hours a day per room, {table.sessions_per_week} days a week, "
              f"{table.shifts_per_day} session(s) a day"),
             (f"- {table.rooms}个直播间；需要能当主播的{table.hosts_needed}人，每场1名控场" if zh else
              f"- {table.rooms} room(s); needs {table.hosts_needed} people who can host and one control per session"),
             *[f"- {n}" for n in table.notes], "", head, "|---|---|---|---|---|"]
    lines += [f"| {s.day} | {s.room} | {s.start}–{s.end} | {s.host or none} | {on_air_text(s, lang)} |" for s in table.slots]
    lines += ["", ("每周直播工时：" if zh else "Live hours a week: ")
              + ("、" if zh else ", ").join(f"{k} {v:g}" for k, v in table.hours.items())]
    return "\n".join(lines) + "\n"


def on_air_text(slot: Slot, lang: Lang) -> str:
    """Who is on air beside the host, control first, with the missing control said (for tables and sheets)."""
    missing = "（缺控场）" if lang == "zh" else "(no control)"
    names = ("、" if lang == "zh" else ", ").join(slot.crew)
    return names if slot.control is not None else (f"{names} {missing}" if names else missing)
