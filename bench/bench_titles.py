"""How long reading a team takes with titles as people write them: posts as names (主播, 中控) against job-ad
titles and compound forms (中控（兼客服）, 千川投手, 客服主管, an unknown 打杂), for 1,000 to 100,000 people.
Each title is read once per team; the generic 运营 is decided by the team. Prints a table; asserts nothing.
Usage: python bench/bench_titles.py [--runs 3]
"""

from __future__ import annotations

import argparse
import time

from douyin_team.knowledge import load_knowledge
from douyin_team.team import convert_team, resolve_team

PLAIN = ["主播", "直播运营", "中控", "场控", "客服", "美工", "拍摄剪辑", "投手"]
WRITTEN = ["带货主播", "运营", "中控（兼客服）", "千川投手", "剪辑师", "客服主管", "打杂", "场控/助播", "仓库管理员", "美工设计"]


def timed(titles: list[str], size: int, runs: int) -> tuple[float, int]:
    """Best time over `runs` to validate and resolve a team of `size` people cycling through `titles`."""
    kb = load_knowledge()
    data = {"people": [{"name": f"员工{i}", "roles": titles[i % len(titles)]} for i in range(size)]}
    best, notes = float("inf"), 0
    for _ in range(runs):
        kb.derived.clear()  # titles are cached per knowledge base: time the first read of each
        start = time.perf_counter()
        team = resolve_team(convert_team(data), kb)
        best = min(best, time.perf_counter() - start)
        notes = len(team.readings or [])
    return best, notes


def main() -> None:
    """Print the table."""
    parser = argparse.ArgumentParser(description=__doc__)
    parser.add_argument("--runs", type=int, default=3)
    args = parser.parse_args()
    print(f"{'people':>8} | {'titles':<10} | {'best s':>7} | {'µs/person':>9} | notes")
    print("-" * 52)
    for size in (1_000, 10_000, 100_000):
        for label, titles in (("post names", PLAIN), ("as written", WRITTEN)):
            best, notes = timed(titles, size, args.runs)
            print(f"{size:>8,} | {label:<10} | {best:>7.3f} | {best / size * 1e6:>9.1f} | {notes}")


if __name__ == "__main__":
    main()
