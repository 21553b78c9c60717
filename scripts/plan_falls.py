"""Where a plan's headcount falls as the live hours rise: a grid of merchants (sales × category × focus) planned
at 1–16 live hours a day, printing each fall (profile, the hours before and after, the sizes) and the count.

The property test tests/planning/test_workload.py draws from the same space; this grid shows how far the
packing search is from the property everywhere, before and after a change (`python scripts/plan_falls.py`).
"""

from __future__ import annotations

import itertools

from douyin_team.knowledge import load_knowledge
from douyin_team.planning import plan_team
from douyin_team.team import Profile

SALES = [30e3, 80e3, 150e3, 250e3, 400e3, 600e3, 900e3, 1.5e6, 3e6, 6e6, 12e6, 25e6]
CATEGORIES = ["general", "apparel", "beauty", "food", "home", "accessories", "bulky"]
FOCUS = [None, "store"]


def main() -> None:
    kb = load_knowledge()
    falls, plans = [], 0
    for sales, category, focus in itertools.product(SALES, CATEGORIES, FOCUS):
        most: tuple[int, int] | None = None  # the hours and size of the largest plan so far
        for hours in range(1, 17):
            size = len(plan_team(Profile(monthly_sales=sales, category=category, focus=focus, live_hours=float(hours)), kb).people)
            plans += 1
            if most is not None and size < most[1]:
                falls.append((sales, category, focus or "live", most[0], hours, most[1], size))
            if most is None or size > most[1]:
                most = (hours, size)
    print(f"{'sales':>10} {'category':12} {'focus':6} {'hours':>7} {'people':>7}")
    for sales, category, focus, before, after, was, now in falls:
        print(f"{sales:10,.0f} {category:12} {focus:6} {before:>3}→{after:<3} {was:>3}→{now:<3}")
    print(f"{plans} plans, {len(falls)} falls")


if __name__ == "__main__":
    main()
