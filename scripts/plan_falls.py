"""Where a plan's headcount falls as the live hours rise: a grid of merchants (sales × category × focus) planned
at 1–16 live hours a day, printing each fall (profile, the hours before and after, the sizes) and the count.

The property test tests/planning/test_workload.py draws from the same space; this grid shows how far the
packing search is from the property everywhere, before and after a change (`python scripts/plan_falls.py`).
Twice: the work's plans, then the plans as given, which stay within what the sales can pay (so past that
ceiling a merchant asking more hours is offered the hours the sales pay for, with the people they pay).
"""

from __future__ import annotations

import itertools

from douyin_team.knowledge import KnowledgeBase, load_knowledge
from douyin_team.planning import plan_team
from douyin_team.team import Profile

SALES = [30e3, 80e3, 150e3, 250e3, 400e3, 600e3, 900e3, 1.5e6, 3e6, 6e6, 12e6, 25e6]
CATEGORIES = ["general", "apparel", "beauty", "food", "home", "accessories", "bulky"]
FOCUS = [None, "store"]


def falls_of(kb: KnowledgeBase, ceiling: bool) -> tuple[int, list[tuple[float, str, str, int, int, int, int]]]:
    """(plans made, the falls: sales, category, focus, hours before → after, people before → after)."""
    falls, plans = [], 0
    for sales, category, focus in itertools.product(SALES, CATEGORIES, FOCUS):
        most: tuple[int, int] | None = None  # the hours and size of the largest plan so far
        for hours in range(1, 17):
            profile = Profile(monthly_sales=sales, category=category, focus=focus, live_hours=float(hours))
            size = len(plan_team(profile, kb, ceiling=ceiling).people)
            plans += 1
            if most is not None and size < most[1]:
                falls.append((sales, category, focus or "live", most[0], hours, most[1], size))
            if most is None or size > most[1]:
                most = (hours, size)
    return plans, falls


def main() -> None:
    kb = load_knowledge()
    for ceiling, what in ((False, "the work's plans (no labour ceiling)"), (True, "the plans as given (within what the sales pay)")):
        plans, falls = falls_of(kb, ceiling)
        print(f"## {what}")
        print(f"{'sales':>10} {'category':12} {'focus':6} {'hours':>7} {'people':>7}")
        for sales, category, focus, before, after, was, now in falls:
            print(f"{sales:10,.0f} {category:12} {focus:6} {before:>3}→{after:<3} {was:>3}→{now:<3}")
        print(f"{plans} plans, {len(falls)} falls\n")


if __name__ == "__main__":
    main()
