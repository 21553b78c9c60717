"""Start-up cost of `douyin-team plan` as a fresh process, against a bare `python3 -c pass` in the same run.

Target (issue #2): `plan` takes no more than 10x the bare interpreter. Prints a table; asserts nothing.
Usage: python bench/bench_startup.py [--runs N]
"""

from __future__ import annotations

import argparse
import shutil
import statistics
import subprocess
import sys
import time
from pathlib import Path


def timed(cmd: list[str], runs: int) -> list[float]:
    """Wall-clock seconds of `runs` fresh processes (after one warm-up run)."""
    subprocess.run(cmd, stdout=subprocess.DEVNULL, check=True)
    out = []
    for _ in range(runs):
        start = time.perf_counter()
        subprocess.run(cmd, stdout=subprocess.DEVNULL, check=True)
        out.append(time.perf_counter() - start)
    return out


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__)
    parser.add_argument("--runs", type=int, default=30)
    args = parser.parse_args()
    script = shutil.which("douyin-team", path=str(Path(sys.executable).parent)) or "douyin-team"
    cases = [
        ("python3 -c pass", [sys.executable, "-c", "pass"]),
        ("douyin-team --help", [script, "--help"]),
        ("douyin-team plan (novice)", [script, "plan", "--sales", "60000"]),
        ("douyin-team plan (growth)", [script, "plan", "--sales", "300000"]),
        ("douyin-team plan (mature, json)", [script, "plan", "--sales", "2500000", "--format", "json"]),
    ]
    rows = [(name, timed(cmd, args.runs)) for name, cmd in cases]
    base = statistics.median(rows[0][1])
    print(f"{'command':34} {'median ms':>10} {'p90 ms':>8} {'x bare':>7}  target")
    for name, times in rows:
        med = statistics.median(times)
        p90 = sorted(times)[int(0.9 * (len(times) - 1))]
        target = "<= 10x" if name.startswith("douyin-team plan") else ""
        verdict = ("ok" if med / base <= 10 else "OVER") if target else ""
        print(f"{name:34} {med * 1000:10.1f} {p90 * 1000:8.1f} {med / base:7.1f}  {target} {verdict}")


if __name__ == "__main__":
    main()
