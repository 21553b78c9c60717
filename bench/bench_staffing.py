"""Staffing speed and quality: CP-SAT against a greedy baseline (each post to the cheapest qualified free
person), on generated rosters of 10, 50, 200 and 1,000 people and plans of all three stages.

Targets (issue #4): a proven-optimal answer for 200 people under 1 s and 1,000 under 10 s. Each size is
solved `--runs` times (the machine is shared, so the spread matters) and the range is printed; in the same
run the greedy baseline shows how many more posts it leaves open, how much more it costs, and how many
pairings it makes that the stage's rules forbid or warn about (it is cheaper when it breaks them); a
careful greedy that skips those pairings, as a person staffing by hand would, shows the price of doing it
without a solver. Prints a table; asserts nothing.
Usage: python bench/bench_staffing.py [--quick] [--runs N]
"""

from __future__ import annotations

import argparse
import random
import time
from itertools import combinations

from douyin_team.knowledge import KnowledgeBase, covers, load_knowledge
from douyin_team.planning import plan_team
from douyin_team.staffing import Post, forbidden_by, plan_posts, staff
from douyin_team.team import Candidate, Profile, Roster, Team, resolve_roster

SALES = {"novice": 60_000, "growth": 300_000, "mature": 2_500_000}


def roster(n: int, kb: KnowledgeBase, rng: random.Random) -> Roster:
    """People with 1–4 random skills (levels 1–5), 30–50 hours, 4,000–20,000 CNY; one in five works days
    only, and one in four is a copy of someone else's profile (as in a real candidate pool)."""
    roles = [r.id for r in kb.roles]
    people: list[Candidate] = []
    for i in range(n):
        if people and rng.random() < 0.25:
            people.append(Candidate(**{**{f: getattr(rng.choice(people), f) for f in Candidate.__struct_fields__},
                                       "name": f"P{i}"}))
            continue
        people.append(Candidate(name=f"P{i}", skills={r: rng.randint(1, 5) for r in rng.sample(roles, rng.randint(1, 4))},
                                hours=rng.choice([30, 40, 44, 50]), monthly_cost=rng.randrange(4000, 20000, 500),
                                days_only=rng.random() < 0.2))
    return resolve_roster(Roster(people=people), kb)


def greedy(posts: list[Post], people: list[Candidate], kb: KnowledgeBase, stage: str,
           careful: bool = False) -> tuple[int, float, int, int, float]:
    """Each post in plan order to the cheapest person with the skill at the post's minimum level, free for its
    shift and with hours left (someone already paid for comes first); `careful` also skips pairings the rules
    forbid or warn about. Returns (open posts, monthly cost, forbidden pairs, uncommon pairs, skill-weighted
    cost as staffing counts it: cost + a level's worth × levels short of 5/5)."""
    forbidden = forbidden_by(kb, stage)
    common = {frozenset(p) for c in kb.combinations_at(stage) for p in combinations(c.roles, 2)}

    def fits(c: Candidate, role: str) -> bool:
        mine = held.get(c.name, [])
        return not careful or not any(forbidden(role, r) or (r != role and frozenset((r, role)) not in common)
                                      or {r, role} & set(c.never_with) for r in mine)

    left = {c.name: c.hours for c in people}
    held: dict[str, list[str]] = {}
    for post in posts:
        able = [c for c in people if c.levels.get(post.role, 0) >= kb.min_level(post.role) and left[c.name] >= post.hours
                and covers(c.window(kb.settings), post.window) and fits(c, post.role)]
        if able:
            pick = min(able, key=lambda c: (c.name not in held, c.monthly_cost))
            left[pick.name] -= post.hours
            held.setdefault(pick.name, []).append(post.role)
    pairs = [(a, b) for roles in held.values() for a, b in combinations(roles, 2)]
    bad = sum(1 for a, b in pairs if forbidden(a, b))
    odd = sum(1 for a, b in pairs if not forbidden(a, b) and a != b and frozenset((a, b)) not in common)
    cost = sum(c.monthly_cost for c in people if c.name in held)
    level = {c.name: c.levels for c in people}
    short = sum(5 - level[name][r] for name, roles in held.items() for r in roles)
    return len(posts) - sum(map(len, held.values())), cost, bad, odd, cost + kb.skills.worth * short


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__)
    parser.add_argument("--quick", action="store_true", help="up to 200 people")
    parser.add_argument("--runs", type=int, default=3, help="solves per size (default 3)")
    parser.add_argument("--time-limit", type=float, default=60.0)
    args = parser.parse_args()
    kb, rng = load_knowledge(), random.Random(11)
    sizes = [10, 50, 200] if args.quick else [10, 50, 200, 1000]
    staff(plan_team(Profile(monthly_sales=60_000), kb), roster(3, kb, rng), kb, "novice")  # import the solver
    print(f"{'stage':7} {'people':>6} {'posts':>5} {'in model':>8} {'status':>8} {'seconds (min–max)':>18} "
          f"{'open':>4} {'cost':>7} {'skill-wtd':>9} | {'greedy open':>11} {'+open':>5} {'+cost':>7} {'+skill-wtd':>10} "
          f"{'forbidden':>9} {'uncommon':>8} | {'careful open':>12} {'+open':>5} {'+cost':>7} {'+skill-wtd':>10}")
    for stage, sales in SALES.items():
        plan: Team = plan_team(Profile(monthly_sales=sales), kb)
        posts = plan_posts(plan, kb, stage)
        for n in sizes:
            people = roster(n, kb, rng)
            times = []
            for _ in range(args.runs):
                start = time.perf_counter()
                result = staff(plan, people, kb, stage, time_limit=args.time_limit)
                times.append(time.perf_counter() - start)
            g_open, g_cost, g_bad, g_odd, g_value = greedy(posts, people.people, kb, stage)
            c_open, c_cost, _, _, c_value = greedy(posts, people.people, kb, stage, careful=True)
            spread = f"{min(times):.3f}–{max(times):.3f}"
            print(f"{stage:7} {n:6d} {len(posts):5d} {result.considered:8d} {result.status:>8} {spread:>18} "
                  f"{result.uncovered:4d} {result.monthly_cost:7.0f} {result.value:9d} | {g_open:11d} "
                  f"{g_open - result.uncovered:+5d} {g_cost - result.monthly_cost:+7.0f} {g_value - result.value:+10.0f} "
                  f"{g_bad:9d} {g_odd:8d} | {c_open:12d} {c_open - result.uncovered:+5d} "
                  f"{c_cost - result.monthly_cost:+7.0f} {c_value - result.value:+10.0f}")


if __name__ == "__main__":
    main()
