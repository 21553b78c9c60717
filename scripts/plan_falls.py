"""Where a plan's headcount falls as the live hours rise: a grid of merchants (sales × category × focus) planned
at 1–16 live hours a day, printing each fall (profile, the hours before and after, the sizes) and the count.

The property test tests/planning/test_workload.py draws from the same space; this grid shows how far the
packing search is from the property everywhere, before and after a change (`python scripts/plan_falls.py`).
Twice: the work's plans, then the plans as given, which stay within what the sales can pay (so past that
ceiling a merchant asking more hours is offered the hours the sales pay for, with the people they pay). Each
time counted by heads and by full-time people (a part-timer counts as their hours a week over a full week: a
plan of 5 with two part-timers can be less work than a plan of 4), where a fall is half a person or more.
"""

from __future__ import annotations

import itertools

from douyin_team.knowledge import FULL_TIME_HOURS, KnowledgeBase, load_knowledge
from douyin_team.planning import plan_team
from douyin_team.team import Profile, Team

SALES = [30e3, 80e3, 150e3, 250e3, 400e3, 600e3, 900e3, 1.5e6, 3e6, 6e6, 12e6, 25e6]
CATEGORIES = ["general", "apparel", "beauty", "food", "home", "accessories", "bulky"]
FOCUS = [None, "store"]


Fall = tuple[float, str, str, int, int, float, float]  # sales, category, focus, hours before → after, size before → after


def falls_of(kb: KnowledgeBase, ceiling: bool) -> tuple[int, list[Fall], list[Fall]]:
    """(plans made, the falls of heads, the falls of full-time people)."""
    heads: list[Fall] = []
    full: list[Fall] = []
    plans = 0
    for sales, category, focus in itertools.product(SALES, CATEGORIES, FOCUS):
        most: dict[str, tuple[int, float]] = {}  # by measure: the hours and size of the largest plan so far
        for hours in range(1, 17):
            profile = Profile(monthly_sales=sales, category=category, focus=focus, live_hours=float(hours))
            team = plan_team(profile, kb, ceiling=ceiling)
            plans += 1
            for measure, size, falls in (("heads", float(len(team.people)), heads), ("full", full_time(team), full)):
                was = most.get(measure)
                if was is not None and size <= was[1] - 0.5:
                    falls.append((sales, category, focus or "live", was[0], hours, was[1], size))
                if was is None or size > was[1]:
                    most[measure] = (hours, size)
    return plans, heads, full


def full_time(team: Team) -> float:
    """The team's people as full-time people: a part-timer as their hours over a full week."""
    return sum((p.hours or FULL_TIME_HOURS) / FULL_TIME_HOURS if p.employment == "part_time" else 1.0 for p in team.people)


def main() -> None:
    kb = load_knowledge()
    for ceiling, what in ((False, "the work's plans (no labour ceiling)"), (True, "the plans as given (within what the sales pay)")):
        plans, heads, full = falls_of(kb, ceiling)
        print(f"## {what}")
        print(f"{'sales':>10} {'category':12} {'focus':6} {'hours':>7} {'people':>7}")
        for sales, category, focus, before, after, was, now in heads:
            print(f"{sales:10,.0f} {category:12} {focus:6} {before:>3}→{after:<3} {was:>3.0f}→{now:<3.0f}")
        print(f"{plans} plans, {len(heads)} falls of heads, {len(full)} of full-time people\n")


if __name__ == "__main__":
    main()
