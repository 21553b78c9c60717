"""Part-time (兼职) hires: which of a plan's posts may be hired part-time, for how many hours a week, and the
plan's people marked so (名字带「兼职」, `employment: part_time`, `hours`), for pricing's part-time variant.

A post may be hired part-time when the pay model lists it (`pay.part_time_posts`), it is not on air for whole
live sessions (never a host, assistant host, 场控 or 中控 of a session) and its work is a fraction of a person
(at most `pay.part_time_max_load`). Posts the unpaid owner holds are left with the owner: hiring them out
could only cost more.
"""

from __future__ import annotations

import math
from collections.abc import Callable

import msgspec

from ..knowledge import FULL_TIME_HOURS, KnowledgeBase
from ..team import Person, Reason, Team
from ..text import Lang, Text
from .packing import Post

MARK = Text(zh="（兼职）", en=" (part-time)")


def picker(kb: KnowledgeBase, kept: frozenset[str]) -> Callable[[list[Post]], list[int]]:
    """Which posts of a plan to hire part-time (their places, in order); `kept`: roles left where they are
    (the owner's)."""
    figures = kb.pay_figures
    allowed = frozenset(figures.part_time_posts.value) - frozenset(kb.settings.on_camera_roles) - kept
    most = figures.part_time_max_load.value

    def pick(posts: list[Post]) -> list[int]:
        return [k for k, p in enumerate(posts) if p.role in allowed and not p.days and 0 < p.load <= most]
    return pick


def weekly_hours(kb: KnowledgeBase, load: float) -> float:
    """The hours a week a part-timer is hired for to do `load` of a person's work (at least the minimum)."""
    return max(kb.pay_figures.part_time_min_hours.value, float(math.ceil(load * FULL_TIME_HOURS - 1e-9)))


def mark_part_time(team: Team, loads: list[float], kb: KnowledgeBase, lang: Lang) -> Team:
    """The team with its last `len(loads)` people hired part-time for those loads: named with 兼职, their
    hours a week set, with the reason; names that others report to or that crew a session follow."""
    first = len(team.people) - len(loads)
    renamed: dict[str, str] = {}
    people = list(team.people)
    rate = kb.pay_figures.part_time_rate
    for k, load in enumerate(loads, start=first):
        person, hours = people[k], weekly_hours(kb, load)
        renamed[person.name] = name = person.name + MARK.get(lang)
        why = Text(zh=f"工作量约{load:.1f}人，请兼职每周约{hours:g}小时，按小时计薪（约全职时薪的{rate.value:g}倍）",
                   en=f"About {load:.1f} of a person's work: hire part-time for about {hours:g} hours a week, paid by "
                      f"the hour (about {rate.value:g}× the full-time hourly rate)")
        reason = Reason(about="part_time", text=why.get(lang), sources=[*kb.pay_figures.part_time_posts.sources])
        people[k] = msgspec.structs.replace(person, name=name, employment="part_time", hours=hours,
                                            reasons=[*person.reasons, reason])
    people = [p if p.reports_to not in renamed else msgspec.structs.replace(p, reports_to=renamed[p.reports_to])
              for p in people]
    sessions = [msgspec.structs.replace(s, crew=[renamed.get(c, c) for c in s.crew]) for s in team.sessions or []]
    return msgspec.structs.replace(team, people=people, sessions=sessions if team.sessions is not None else None)


def part_timer(kb: KnowledgeBase, person: Person, load: float) -> Person:
    """The person hired part-time for `load` of a person's work (for pricing a variant's seats)."""
    return msgspec.structs.replace(person, employment="part_time", hours=weekly_hours(kb, load))


def part_time_text(kb: KnowledgeBase, roles: list[str], loads: list[float]) -> Text:
    """What the part-time variant changes, in words: which posts go part-time and their hours a week."""
    zh = "、".join(dict.fromkeys(kb.role[r].name.zh for r in roles))
    en = ", ".join(dict.fromkeys(kb.role[r].name.en for r in roles))
    hours = sum(weekly_hours(kb, load) for load in loads)
    return Text(zh=f"{zh}请兼职（按小时计薪，每周共约{hours:g}小时）",
                en=f"hire {en} part-time (paid by the hour, about {hours:g} hours a week in all)")
