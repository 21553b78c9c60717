"""Staffing speed and quality: CP-SAT against a greedy baseline (each post to the cheapest qualified free
person), on generated rosters of 10, 50, 200 and 1,000 people and plans of all three stages.

Targets (issue #4): a proven-optimal answer for 200 people under 1 s and 1,000 under 10 s.
Prints a table; asserts nothing. Usage: python bench/bench_staffing.py [--quick]
"""

from __future__ import annotations

import argparse
import random
import time

from douyin_team.checker import uncommon_pairs
from douyin_team.kb import load_knowledge
from douyin_team.model import Profile, Team
from douyin_team.planner import plan_team
from douyin_team.roster import Candidate, Roster, resolve_roster
from douyin_team.staffing import Post, plan_posts, staff

SALES = {"novice": 60_000, "growth": 300_000, "mature": 2_500_000}


def roster(n: int, kb, rng: random.Random) -> Roster:  # type: ignore[no-untyped-def]
    """People with 1–4 random skills (levels 1–5), 30–50 hours, 4,000–20,000 CNY."""
    roles = [r.id for r in kb.roles]
    people = [Candidate(name=f"P{i}", skills={r: rng.randint(1, 5) for r in rng.sample(roles, rng.randint(1, 4))},
                        hours=rng.choice([30, 40, 44, 50]), monthly_cost=rng.randrange(4000, 20000, 500))
              for i in range(n)]
    return resolve_roster(Roster(people=people), kb)


def greedy(posts: list[Post], people: list[Candidate], kb, stage: str) -> tuple[int, float, int]:  # type: ignore[no-untyped-def]
    """Each post in turn to the cheapest qualified person with hours left.

    Returns (uncovered posts, monthly cost, pairings it made that the stage's rules forbid or warn about).
    """
    left = {c.name: c.hours for c in people}
    held: dict[str, list[str]] = {}
    used: set[str] = set()
    uncovered = 0
    for post in posts:
        able = [c for c in people if post.role in c.levels and left[c.name] >= post.hours]
        if not able:
            uncovered += 1
            continue
        pick = min(able, key=lambda c: (c.name not in used and c.monthly_cost, c.monthly_cost))
        left[pick.name] -= post.hours
        used.add(pick.name)
        held.setdefault(pick.name, []).append(post.role)
    bad = sum(len(uncommon_pairs(kb, stage, sorted(set(roles)))) for roles in held.values())
    return uncovered, sum(c.monthly_cost for c in people if c.name in used), bad


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__)
    parser.add_argument("--quick", action="store_true", help="up to 200 people")
    parser.add_argument("--time-limit", type=float, default=60.0)
    args = parser.parse_args()
    kb, rng = load_knowledge(), random.Random(11)
    sizes = [10, 50, 200] if args.quick else [10, 50, 200, 1000]
    print(f"{'stage':7} {'people':>6} {'posts':>5} {'status':>9} {'seconds':>8} {'vacant':>6} {'cost':>9} "
          f"{'greedy vacant':>13} {'greedy cost':>11} {'greedy bad pairs':>16}")
    for stage, sales in SALES.items():
        plan: Team = plan_team(Profile(monthly_sales=sales), kb)
        posts = plan_posts(plan, kb, stage)
        for n in sizes:
            people = roster(n, kb, rng)
            start = time.perf_counter()
            result = staff(plan, people, kb, stage, time_limit=args.time_limit)
            seconds = time.perf_counter() - start
            g_vacant, g_cost, g_bad = greedy(posts, people.people, kb, stage)
            print(f"{stage:7} {n:6d} {len(posts):5d} {result.status:>9} {seconds:8.2f} {result.uncovered:6d} "
                  f"{result.monthly_cost:9.0f} {g_vacant:13d} {g_cost:11.0f} {g_bad:16d}")


if __name__ == "__main__":
    main()
