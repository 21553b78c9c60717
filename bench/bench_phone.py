"""What keeping phone numbers costs: importing a CSV address book of 1,000 to 100,000 people with a 手机 column,
phones left out (the default) against kept and checked (`import --keep-phone`). Prints a table; asserts nothing.
Usage: python bench/bench_phone.py [--runs 3]
"""

from __future__ import annotations

import argparse
import tempfile
import time
from pathlib import Path

from douyin_team.knowledge import load_knowledge
from douyin_team.team import import_table

TITLES = ["主播", "中控", "场控", "客服", "运营", "剪辑师"]
PHONES = ["138{:08d}", "+86 139 {:04d} 0000", "010-8888 {:04d}"]


def csv_of(size: int) -> str:
    """A team table of `size` people, each with a phone written one of three ways."""
    rows = [f"员工{i},{TITLES[i % len(TITLES)]},{PHONES[i % 3].format(i % 10_000)}" for i in range(size)]
    return "姓名,岗位,手机\n" + "\n".join(rows) + "\n"


def timed(path: str, keep: bool, runs: int) -> float:
    """Best time over `runs` to import the file."""
    kb = load_knowledge()
    best = float("inf")
    for _ in range(runs):
        start = time.perf_counter()
        import_table(path, kb, keep_phone=keep)
        best = min(best, time.perf_counter() - start)
    return best


def main() -> None:
    """Print the table."""
    parser = argparse.ArgumentParser(description=__doc__)
    parser.add_argument("--runs", type=int, default=3)
    args = parser.parse_args()
    print(f"{'people':>8} | {'left out s':>10} | {'kept s':>7} | {'extra µs/person':>15}")
    print("-" * 50)
    with tempfile.TemporaryDirectory() as folder:
        for size in (1_000, 10_000, 100_000):
            path = Path(folder) / f"team-{size}.csv"
            path.write_text(csv_of(size), encoding="utf-8")
            dropped, kept = timed(str(path), False, args.runs), timed(str(path), True, args.runs)
            print(f"{size:>8} | {dropped:>10.3f} | {kept:>7.3f} | {(kept - dropped) / size * 1e6:>15.2f}")


if __name__ == "__main__":
    main()
