"""CPU time of planning new merchants' profiles, now and (optionally) at an earlier commit, in the same run.

Each profile is new to the process (no packing search remembered for it): random sales from 5k to 50M a month,
focus, resources, budget, live hours, city tier and ads, the same draws for both versions. Target (issue #12):
under 2 ms of CPU per new profile. Prints a table per stage; asserts nothing.
Usage: python bench/bench_plan.py [--profiles N] [--baseline COMMIT] [--cold] [--repeat N] [--huge SECONDS]   (e.g. --baseline aa16c13, the
planner before the workload model; it is unpacked with `git archive` into a temporary folder and run there; with
--repeat the two versions take turns, one process each, so both see the machine's load alike).
--cold: every plan with a fresh packer, so nothing the packer learnt from earlier merchants (which post sets the
rules allow) is reused either: the worst case, a process's first plans.
"""

from __future__ import annotations

import argparse
import json
import subprocess
import sys
import tempfile
from pathlib import Path
from typing import Any

ROOT = Path(__file__).resolve().parents[1]

# Run in a fresh interpreter with the version to measure on sys.path; prints JSON {stage: [ms, ...]}.
MEASURE = r"""
import json, random, sys, time
from douyin_team.knowledge import load_knowledge
from douyin_team.planning import plan_team
from douyin_team.team import Profile
kb = load_knowledge()
plan_team(Profile(monthly_sales=300000), kb)  # warm the imports and the packers
rng = random.Random(int(sys.argv[1]))
out = []
for _ in range(int(sys.argv[2])):
    sales = round(10 ** rng.uniform(3.7, 7.7))
    profile = Profile(monthly_sales=sales, focus=rng.choice(["live", "store", "video", None]),
                      resources=sorted(rng.sample(["supply_chain", "offline_stores", "ecommerce_team"], rng.randint(0, 2))),
                      headcount_budget=rng.choice([None, None, rng.randint(1, 30)]),
                      live_hours=rng.choice([None, round(rng.uniform(1, 16), 1)]),
                      city_tier=rng.choice([None, 1, 2, 3, 4, 5]), ads=rng.choice([None, True, False]))
    if sys.argv[3] == "cold":
        for key in [k for k in getattr(kb, "derived", {}) if k[0] == "packer"]:
            del kb.derived[key]
    start = time.process_time()
    team = plan_team(profile, kb)
    spent = (time.process_time() - start) * 1000
    labour = getattr(team, "labour", None)  # plans over the usual labour share also plan their cheaper variants
    extra = labour is not None and labour.share_of_sales is not None and labour.share_of_sales > labour.share_max
    out.append([team.stage, team.stage + (" +variants" if extra else " priced"), spent])
import gc
start = time.process_time()
gc.collect()  # what a full collection costs a process that has planned these merchants (served web workers)
print(json.dumps({"plans": out, "gc": (time.process_time() - start) * 1000}))
"""


# Plans near the 5,000-post limit squeezed into a small headcount budget (issues #12/#17): CPU ms of each case.
HUGE = r"""
import json, sys, time
from douyin_team.knowledge import load_knowledge
from douyin_team.planning import plan_team
from douyin_team.team import Profile
kb = load_knowledge()
plan_team(Profile(monthly_sales=300000), kb)
rooms, stage, budget = int(sys.argv[1]), sys.argv[2], int(sys.argv[3])
start = time.process_time()
team = plan_team(Profile(monthly_sales=50_000_000, rooms=rooms, live_hours=24, stage=stage, headcount_budget=budget), kb)
print(json.dumps([(time.process_time() - start) * 1000, len(team.people)]))
"""
HUGE_CASES = [(20, "growth", 20), (170, "growth", 20), (170, "novice", 5)]  # rooms, stage, headcount budget (170 rooms: near the 5,000-post limit)


def measure_huge(src: Path, timeout: float) -> list[str]:
    """Per huge case, its CPU ms and people (or that it ran past `timeout` seconds)."""
    out = []
    for rooms, stage, budget in HUGE_CASES:
        try:
            result = subprocess.run([sys.executable, "-c", HUGE, str(rooms), stage, str(budget)], capture_output=True,
                                    text=True, check=True, timeout=timeout, env={"PYTHONPATH": str(src), "PATH": "/usr/bin:/bin"})
            ms, people = json.loads(result.stdout)
            out.append(f"{ms:10.0f} ms, {people} people")
        except subprocess.TimeoutExpired:
            out.append(f"> {timeout:g} s (stopped)")
    return out


def run_once(src: Path, seed: int, n: int, cold: bool) -> tuple[list[list[Any]], float]:
    """One fresh process planning the profiles with the package under `src`: its plans' (stage, kind, CPU ms)
    and the CPU ms of a full garbage collection after them."""
    result = subprocess.run([sys.executable, "-c", MEASURE, str(seed), str(n), "cold" if cold else "warm"],
                            capture_output=True, text=True,
                            check=True, env={"PYTHONPATH": str(src), "PATH": "/usr/bin:/bin"})
    found = json.loads(result.stdout)
    return found["plans"], found["gc"]


def measure(src: Path, seed: int, n: int, cold: bool = False, repeat: int = 1,
            done: list[tuple[list[list[Any]], float]] | None = None) -> tuple[dict[str, list[float]], float]:
    """Per stage, the CPU milliseconds of each new profile's plan with the package under `src`: each profile's
    least over `repeat` fresh processes (the same profiles in the same order, so each plan is as cold every
    time; the least is the plan's own cost with less of what other programs on the machine cost it); and the
    least CPU milliseconds of a full garbage collection after the plans. `done`: runs already made."""
    made = done if done is not None else [run_once(src, seed, n, cold) for _ in range(repeat)]
    runs, gcs = [plans for plans, _ in made], [collect for _, collect in made]
    data: dict[str, list[float]] = {}
    for plans in zip(*runs, strict=True):
        stage, kind, _ = plans[0]
        spent = min(p[2] for p in plans)
        data.setdefault(stage, []).append(spent)
        data.setdefault(kind, []).append(spent)
    return data, min(gcs)


def baseline(commit: str, into: Path) -> Path:
    """The `src` folder of an earlier commit, unpacked into `into`."""
    archive = subprocess.run(["git", "-C", str(ROOT), "archive", commit, "src"], capture_output=True, check=True)
    subprocess.run(["tar", "-x", "-C", str(into)], input=archive.stdout, check=True)
    return into / "src"


def quantile(values: list[float], q: float) -> float:
    ordered = sorted(values)
    return ordered[min(len(ordered) - 1, int(q * (len(ordered) - 1)))]


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__)
    parser.add_argument("--profiles", type=int, default=400)
    parser.add_argument("--seed", type=int, default=12)
    parser.add_argument("--baseline", help="an earlier commit to measure in the same run")
    parser.add_argument("--cold", action="store_true", help="a fresh packer for every plan (see above)")
    parser.add_argument("--repeat", type=int, default=1, help="measure each profile in this many fresh processes, "
                        "keeping its least CPU time (steadier on a busy machine)")
    parser.add_argument("--huge", type=float, metavar="SECONDS",
                        help="also plan the huge cases (50M a month, many rooms, 24 h live, small budget), each stopped after SECONDS")
    args = parser.parse_args()
    if args.baseline:  # the two versions take turns, so a change in the machine's load falls on both alike
        with tempfile.TemporaryDirectory() as tmp:
            old = baseline(args.baseline, Path(tmp))
            turns: dict[str, list[tuple[list[list[Any]], float]]] = {"now": [], args.baseline: []}
            for _ in range(args.repeat):
                turns["now"].append(run_once(ROOT / "src", args.seed, args.profiles, args.cold))
                turns[args.baseline].append(run_once(old, args.seed, args.profiles, args.cold))
        versions = {name: measure(ROOT / "src", args.seed, args.profiles, done=made) for name, made in turns.items()}
    else:
        versions = {"now": measure(ROOT / "src", args.seed, args.profiles, args.cold, args.repeat)}
    if args.cold:
        print("cold: a fresh packer for every plan")
    print(f"{'version':10} {'stage':18} {'plans':>6} {'median ms':>10} {'p90 ms':>8} {'max ms':>8}  target < 2 ms (median)")
    for name, (stages, _) in versions.items():
        for stage in (f"{s}{part}" for s in ("novice", "growth", "mature") for part in ("", " priced", " +variants")):
            times = stages.get(stage, [])
            if times:
                med = quantile(times, 0.5)
                print(f"{name:10} {stage:18} {len(times):6d} {med:10.2f} {quantile(times, 0.9):8.2f} "
                      f"{max(times):8.2f}  {'ok' if med < 2 else 'OVER'}")
    print(f"\n{'version':10} full garbage collection after the plans (CPU ms)")
    for name, (_, collect) in versions.items():
        print(f"{name:10} {collect:8.1f}")
    if args.huge:
        print(f"\n{'version':10} {'huge plan (rooms, stage, budget)':34} CPU (target well under 1 s)")
        for name, src in [("now", ROOT / "src"), *([(args.baseline, None)] if args.baseline else [])]:
            with tempfile.TemporaryDirectory() as tmp:
                rows = measure_huge(src or baseline(args.baseline, Path(tmp)), args.huge)
            for (rooms, stage, budget), row in zip(HUGE_CASES, rows, strict=True):
                print(f"{name:10} {f'{rooms} rooms, {stage}, {budget}':34} {row}")


if __name__ == "__main__":
    main()
