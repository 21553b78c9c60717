"""Instructions executed by our chart + SVG (valgrind's callgrind), a measure that does not depend on how
loaded the machine is. Each tree is run twice under valgrind — once stopping just before the chart, once
drawing it — after one run without valgrind that fills the caches. Both totals are printed, and their
difference, the chart's cost (the collector's work after a pause can fall on either side, so compare
the totals too). `--source DIR` counts another checkout's src/ (e.g. the main branch) on the same trees.
Slow: minutes per 10,000 people.
Usage: python bench/chart_instructions.py [--sizes 10000 100000] [--shape org] [--source DIR]
"""

from __future__ import annotations

import argparse
import os
import re
import shutil
import subprocess
import sys
import tempfile
from pathlib import Path

HERE = Path(__file__).parent


def child(shape: str, n: int, draw: bool) -> None:
    """Make the tree (and warm the caches), then draw it only if asked."""
    import random

    from bench_chart import team_of, tree
    from douyin_team.chart import ChartOptions, build_chart
    from douyin_team.chart.render import render
    from douyin_team.knowledge import load_knowledge

    kb, rng = load_knowledge(), random.Random(7)
    team = team_of(tree(shape, n, rng), rng)
    options = ChartOptions(date="bench", compact="off")
    render(build_chart(team_of(tree(shape, 100, rng), rng), kb, "mature", options), "svg")
    if draw:
        render(build_chart(team, kb, "mature", options), "svg")


def count(shape: str, n: int, draw: bool, source: Path) -> int:
    env = {**os.environ, "PYTHONPATH": f"{source / 'src'}{os.pathsep}{HERE}"}
    child_args = [sys.executable, __file__, "--child", shape, str(n), "draw" if draw else "skip"]
    with tempfile.TemporaryDirectory() as tmp:
        out = Path(tmp) / "callgrind.out"
        done = subprocess.run(["valgrind", "--tool=callgrind", f"--callgrind-out-file={out}", *child_args],
                              capture_output=True, text=True, env=env, check=True)
    found = re.search(r"Collected : (\d+)", done.stderr)
    if not found:
        raise SystemExit(f"no instruction count from valgrind:\n{done.stderr[-2000:]}")
    return int(found.group(1))


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__)
    parser.add_argument("--sizes", type=int, nargs="+", default=[10_000, 100_000])
    parser.add_argument("--shape", default="org", choices=["org", "wide", "deep"])
    parser.add_argument("--source", type=Path, default=HERE.parent, help="checkout whose src/ is measured")
    parser.add_argument("--child", nargs=3, help=argparse.SUPPRESS)
    args = parser.parse_args()
    if args.child:
        child(args.child[0], int(args.child[1]), args.child[2] == "draw")
        return
    if not shutil.which("valgrind"):
        raise SystemExit("valgrind is not installed (apt-get install valgrind)")
    print(f"{'shape':6} {'N':>8} {'with chart':>15} {'without':>15} {'chart':>15} {'per person':>11}  "
          f"source: {args.source.resolve()}")
    for n in args.sizes:
        env = {**os.environ, "PYTHONPATH": f"{args.source / 'src'}{os.pathsep}{HERE}"}
        subprocess.run([sys.executable, __file__, "--child", args.shape, "100", "draw"], env=env, check=True)
        drawn, bare = count(args.shape, n, True, args.source), count(args.shape, n, False, args.source)
        print(f"{args.shape:6} {n:8d} {drawn:15,d} {bare:15,d} {drawn - bare:15,d} {(drawn - bare) // n:11,d}",
              flush=True)


if __name__ == "__main__":
    main()
