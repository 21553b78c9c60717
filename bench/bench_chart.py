"""Chart speed and size: our layout (+ the whole chart to SVG) against Graphviz `dot -Tsvg` and d3-flextree.

Trees: org-like (3–8 reports per manager, varied names), one wide level, one deep chain; 100 to 100,000
people. Targets (issue #3): 10,000 people under 0.5 s and 100,000 under 3 s for layout + SVG, growing
linearly (100k ≤ 12× 10k); a drawing no wider than d3-flextree's (compact off, same spacing).
Our chart + SVG is timed --repeat times (the machine is shared: the table shows the fastest and slowest
wall time, and the fastest CPU time). Prints a table and writes bench/out/chart.png (time against N).
Asserts nothing. For a count that does not depend on load, see bench/chart_instructions.py.
Usage: python bench/bench_chart.py [--quick] [--repeat R] [--dot-timeout S]
"""

from __future__ import annotations

import argparse
import json
import random
import shutil
import subprocess
import tempfile
import time
from pathlib import Path

from douyin_team.chart import ChartOptions, LayoutOptions, build_chart, layout
from douyin_team.chart.render import render
from douyin_team.gcpause import paused_gc
from douyin_team.knowledge import load_knowledge
from douyin_team.team import Person, Team

HERE = Path(__file__).parent
ROLES = ["anchor", "live_ops", "customer_service", "store_ops", "video_editor", "fulfillment", "designer"]
SURNAMES = "王李张刘陈杨黄赵吴周徐孙马朱胡郭何高林罗"


def tree(shape: str, n: int, rng: random.Random) -> list[int]:
    """Parent indices for a generated tree of n nodes."""
    if shape == "deep":
        return [-1, *range(n - 1)]
    if shape == "wide":
        return [-1] + [0] * (n - 1)
    parents, frontier, i = [-1], [0], 1
    while i < n:
        boss = frontier.pop(0)
        for _ in range(rng.randint(3, 8)):
            if i == n:
                break
            parents.append(boss)
            frontier.append(i)
            i += 1
    return parents


def team_of(parents: list[int], rng: random.Random) -> Team:
    names = [f"{rng.choice(SURNAMES)}{'小' * rng.randint(0, 1)}{i}" for i in range(len(parents))]
    return Team(people=[Person(name=names[i], roles=[ROLES[i % len(ROLES)], *ROLES[: i % 2]][:2],
                               reports_to=names[p] if p >= 0 else None) for i, p in enumerate(parents)])


def timed(fn, *args):  # type: ignore[no-untyped-def]
    start = time.perf_counter()
    out = fn(*args)
    return time.perf_counter() - start, out


def chart_and_svg(team: Team, kb, repeat: int):  # type: ignore[no-untyped-def]
    """(fastest wall s, slowest wall s, fastest CPU s, chart, SVG bytes) of build_chart + SVG, as the CLI
    runs them."""
    walls, cpus, size = [], [], 0
    chart = None
    for _ in range(repeat):
        chart = None  # one chart alive at a time, as in the CLI: the last run's chart made the next run slower
        wall, cpu = time.perf_counter(), time.process_time()
        chart = build_chart(team, kb, "mature", ChartOptions(date="bench", compact="off"))
        svg = render(chart, "svg")
        walls.append(time.perf_counter() - wall)
        cpus.append(time.process_time() - cpu)
        size = len(svg.encode() if isinstance(svg, str) else svg)
        del svg
    return min(walls), max(walls), min(cpus), chart, size


def run_dot(dot_text: str, timeout: float) -> str:
    if not shutil.which("dot"):
        return "n/a"
    with tempfile.NamedTemporaryFile("w", suffix=".dot", encoding="utf-8", delete=False) as handle:
        handle.write(dot_text)
    start = time.perf_counter()
    try:
        subprocess.run(["dot", "-Tsvg", handle.name, "-o", "/dev/null"], check=True, timeout=timeout,
                       capture_output=True)
    except subprocess.TimeoutExpired:
        return f">{timeout:g}s"
    except subprocess.CalledProcessError:
        return "error"
    return f"{time.perf_counter() - start:.2f}"


def run_flextree(parents: list[int], widths: list[float], heights: list[float]) -> dict[str, object]:
    script = HERE / "flextree.mjs"
    if not (HERE / "node_modules" / "d3-flextree").exists() or not shutil.which("node"):
        return {"error": "npm install in bench/"}
    payload = json.dumps({"parents": parents, "widths": widths, "heights": heights, "gap": 28, "level": 64})
    done = subprocess.run(["node", "--stack-size=984", str(script)], input=payload, capture_output=True, text=True,
                          timeout=300)
    try:
        result: dict[str, object] = json.loads(done.stdout)
        return result
    except json.JSONDecodeError:
        return {"error": "crashed"}


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__)
    parser.add_argument("--quick", action="store_true", help="stop at 10,000 people")
    parser.add_argument("--dot-timeout", type=float, default=60.0)
    parser.add_argument("--repeat", type=int, default=3, help="runs of our chart + SVG per tree")
    args = parser.parse_args()
    kb, rng = load_knowledge(), random.Random(7)
    sizes = [100, 1_000, 10_000] if args.quick else [100, 1_000, 10_000, 100_000]
    header = f"{'shape':6} {'N':>7} {'layout s':>9} {'chart+svg s':>13} {'cpu s':>6} {'svg MB':>7} {'dot s':>8} " \
             f"{'flextree s':>10} {'our width':>10} {'flextree width':>14}"
    print(header)
    print("-" * len(header))
    points: dict[str, list[tuple[int, float, float]]] = {}
    for shape in ("org", "wide", "deep"):
        for n in sizes:
            parents = tree(shape, n, rng)
            team = team_of(parents, rng)
            fastest, slowest, cpu, chart, size = chart_and_svg(team, kb, args.repeat)
            widths = [c.w for c in chart.cards]
            heights = [c.h for c in chart.cards]
            with paused_gc():  # as build_chart runs it
                lay_time, lay = timed(layout, parents, widths, heights,
                                      LayoutOptions(compact="off", level_gap=64, sibling_gap=28))
            dot = run_dot(str(render(chart, "dot")), args.dot_timeout) if n <= 10_000 else "skipped"
            flex = run_flextree(parents, widths, heights)
            flex_time = f"{flex['seconds']:.2f}" if "seconds" in flex else str(flex.get("error"))
            flex_width = f"{flex['width']:.0f}" if "width" in flex else "-"
            points.setdefault(shape, []).append((n, fastest, cpu))
            print(f"{shape:6} {n:7d} {lay_time:9.3f} {fastest:6.3f}–{slowest:<6.3f} {cpu:6.3f} {size / 1e6:7.1f} {dot:>8} {flex_time:>10} "
                  f"{lay.width:10.0f} {flex_width:>14}", flush=True)
    for shape, pts in points.items():
        by_n = {n: (wall, cpu) for n, wall, cpu in pts}
        if 10_000 in by_n and 100_000 in by_n:
            (w10, c10), (w100, c100) = by_n[10_000], by_n[100_000]
            print(f"{shape}: 100k / 10k time ratio = {w100 / w10:.1f} wall (fastest runs), {c100 / c10:.1f} CPU "
                  f"(target ≤ 12)")
    plot(points)


def plot(points: dict[str, list[tuple[int, float, float]]]) -> None:
    try:
        import matplotlib

        matplotlib.use("Agg")
        import matplotlib.pyplot as plt
    except ImportError:
        print("(no plot: pip install matplotlib to draw bench/out/chart.png)")
        return
    out = HERE / "out"
    out.mkdir(exist_ok=True)
    for k, (shape, pts) in enumerate(points.items()):
        color = f"C{k}"
        plt.loglog([n for n, _, _ in pts], [t for _, t, _ in pts], marker="o", color=color, label=f"{shape}, wall")
        plt.loglog([n for n, _, _ in pts], [c for _, _, c in pts], marker=".", ls="--", color=color,
                   label=f"{shape}, CPU")
    plt.xlabel("people")
    plt.ylabel("chart + SVG, seconds (fastest of the runs)")
    plt.legend()
    plt.grid(True, which="both", alpha=0.3)
    plt.savefig(out / "chart.png", dpi=120)
    print(f"plot: {out / 'chart.png'}")


if __name__ == "__main__":
    main()
