"""Shifts: how many hosts and control staff the live hours need, and a weekly shift table from the team.

Practitioner figures, all settings in the knowledge base: a host plans about 60 live hours a month
(`host_hours_per_month`) over `live_days_per_month` days, and one shift lasts at most `shift_hours`;
every shift needs its own host and its own control (场控 or 中控, else live ops as 跟播运营); which posts
host and control is the playbook's `host_roles`, `control_roles` and `follow_live_roles`.
"""

from __future__ import annotations

import math

import msgspec

from ..dump import dump_data
from ..knowledge import KnowledgeBase, clock
from ..planning import hosts_needed
from ..team import Team
from ..text import Lang, Text

DAYS = {"zh": ["周一", "周二", "周三", "周四", "周五", "周六", "周日"], "en": ["Mon", "Tue", "Wed", "Thu", "Fri", "Sat", "Sun"]}


class Slot(msgspec.Struct, frozen=True):
    """One live shift on one day, with who hosts and who runs control."""

    day: str
    start: str
    end: str
    host: str | None
    control: str | None


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


def _clock(minutes: float) -> str:
    minutes = round(minutes) % (24 * 60)
    return f"{minutes // 60:02d}:{minutes % 60:02d}"


def shift_table(team: Team, kb: KnowledgeBase, live_hours: float, sessions_per_week: int = 6,
                start: str | None = None, lang: Lang = "zh") -> ShiftTable:
    """Spread the week's sessions over the days, split each into shifts, and rotate the team into them."""
    s = kb.settings
    shifts = max(1, math.ceil(live_hours / s.shift_hours - 1e-9)) if live_hours else 0
    needed = hosts_needed(kb, live_hours) if live_hours else 0
    held = {r for p in team.people for r in p.posts}
    control_roles = set(s.control_roles) | (set() if held & set(s.control_roles) else set(s.follow_live_roles))
    hosts = [p.name for p in team.people if not p.vacancy and set(s.host_roles) & set(p.posts)]
    controls = [p.name for p in team.people if not p.vacancy and control_roles & set(p.posts)]
    hh, mm = divmod(clock(start or s.live_start, "--start") % (24 * 60), 60)
    length = live_hours / shifts * 60 if shifts else 0
    days = [DAYS[lang][round(k * 7 / sessions_per_week) % 7] for k in range(sessions_per_week)]
    slots, hours = [], {p.name: 0.0 for p in team.people}
    for day in days:
        today: set[str] = set()  # one shift a day per person when the team allows it
        for k in range(shifts):
            begin = hh * 60 + mm + k * length
            host = _least_loaded(hosts, hours, today, None)
            control = _least_loaded(controls, hours, today, host)
            for who in (host, control):
                if who is not None:
                    hours[who] += length / 60
                    today.add(who)
            slots.append(Slot(day, _clock(begin), _clock(begin + length), host, control))
    notes = _shortfalls(hosts, controls, needed, shifts, lang)
    return ShiftTable(live_hours, sessions_per_week, shifts, needed, shifts, slots,
                      {k: round(v, 2) for k, v in hours.items() if v}, notes)


def _least_loaded(names: list[str], hours: dict[str, float], today: set[str], other: str | None) -> str | None:
    """The person with the fewest live hours so far, preferring those not yet on shift today; never the
    person already in this shift's other seat."""
    able = [n for n in names if n != other]
    choices = [n for n in able if n not in today] or able  # else a second shift for someone
    return min(choices, key=lambda n: (hours[n], names.index(n))) if choices else None


def _shortfalls(hosts: list[str], controls: list[str], hosts_needed: int, shifts: int, lang: Lang) -> list[str]:
    notes = []
    if len(hosts) < hosts_needed:
        notes.append(Text(zh=f"能上镜的只有{len(hosts)}人，这个开播时长需要{hosts_needed}人",
                          en=f"Only {len(hosts)} people can host; these live hours need {hosts_needed}").get(lang))
    if len(controls) < shifts:
        notes.append(Text(zh=f"每个班次要有自己的场控/中控，{shifts}个班次只有{len(controls)}人",
                          en=f"Each shift needs its own control; {shifts} shifts but {len(controls)} people").get(lang))
    return notes


def render_shifts(table: ShiftTable, lang: Lang, fmt: str) -> str:
    """The shift table as Markdown (also used for text) or JSON."""
    if fmt in ("json", "yaml"):
        return dump_data(table, fmt)
    zh = lang == "zh"
    none = "（缺）" if zh else "(missing)"
    head = ("| 日期 | 时间 | 主播 | 场控/中控 |" if zh else "| Day | Time | Host | Control |")
    lines = [f"# {'排班表' if zh else 'Shift table'}", "",
             (f"- 每天开播{table.live_hours:g}小时，每周{table.sessions_per_week}场，每天{table.shifts_per_day}个班次"
              if zh else f"- {table.live_hours:g} live hours a day, {table.sessions_per_week} sessions a week, "
              f"{table.shifts_per_day} shift(s) a day"),
             (f"- 需要能上镜的{table.hosts_needed}人，每个班次1名控场" if zh else
              f"- Needs {table.hosts_needed} people who can host and one control per shift"),
             *[f"- {n}" for n in table.notes], "", head, "|---|---|---|---|"]
    lines += [f"| {s.day} | {s.start}–{s.end} | {s.host or none} | {s.control or none} |" for s in table.slots]
    lines += ["", ("每周直播工时：" if zh else "Live hours a week: ")
              + ("、" if zh else ", ").join(f"{k} {v:g}" for k, v in table.hours.items())]
    return "\n".join(lines) + "\n"
