"""Whether a change to the planner leaves its plans byte-identical: random profiles planned now and at an
earlier commit, each plan dumped as JSON (msgspec), compared profile by profile.

The profiles are bench/bench_plan.py's draws (sales from 5k to 50M a month, focus, resources, headcount
budget, live hours, city tier, ads) with more variety: a money budget (`budget_cny`), several rooms, long live
hours, both languages and, now and then, no ceiling of what the sales can pay (a roadmap's plans). Each version
plans them in one fresh process, in the same order (so what the packers remember is alike too).
Usage: python scripts/plan_same.py --baseline COMMIT [--profiles 2000] [--seed 7]
Prints how many plans are identical and, for each that is not, its number and profile; exit 1 if any differ.
"""

from __future__ import annotations

import argparse
import subprocess
import sys
import tempfile
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]

# Run in a fresh interpreter with the version to compare on sys.path; writes one JSON plan a line to argv[3].
PLANS = r"""
import random, sys
import msgspec
from douyin_team.knowledge import load_knowledge
from douyin_team.planning import plan_team
from douyin_team.team import Profile
kb = load_knowledge()
rng = random.Random(int(sys.argv[1]))
encode = msgspec.json.Encoder().encode
with open(sys.argv[3], "w", encoding="utf-8") as out:
    for n in range(int(sys.argv[2])):
        sales = round(10 ** rng.uniform(3.7, 7.7))
        fields = dict(monthly_sales=sales, focus=rng.choice(["live", "store", "video", None]),
                      resources=sorted(rng.sample(["supply_chain", "offline_stores", "ecommerce_team"], rng.randint(0, 2))),
                      headcount_budget=rng.choice([None, None, rng.randint(1, 30)]),
                      live_hours=rng.choice([None, round(rng.uniform(1, 16), 1), float(rng.randint(8, 24))]),
                      city_tier=rng.choice([None, 1, 2, 3, 4, 5]), ads=rng.choice([None, True, False]),
                      rooms=rng.choice([None, None, None, rng.randint(1, 4), rng.randint(2, 12)]),
                      budget_cny=rng.choice([None, None, round(sales * rng.uniform(0.02, 0.3), -2) or 100.0]))
        profile = Profile(**{k: v for k, v in fields.items() if v is not None})
        lang = rng.choice(["zh", "en"])
        ceiling = rng.random() > 0.1
        team = plan_team(profile, kb, lang, ceiling)
        out.write(msgspec.json.encode([n, profile, lang, ceiling]).decode() + "\t" + encode(team).decode() + "\n")
"""


def plans(src: Path, seed: int, count: int, into: Path) -> list[tuple[str, str]]:
    """The (profile, plan) JSON lines of the package under `src`, planned in one fresh process."""
    subprocess.run([sys.executable, "-c", PLANS, str(seed), str(count), str(into)], check=True,
                   env={"PYTHONPATH": str(src), "PATH": "/usr/bin:/bin"})
    rows = into.read_text(encoding="utf-8").splitlines()
    return [(profile, plan) for profile, _, plan in (row.partition("\t") for row in rows)]


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__)
    parser.add_argument("--baseline", required=True, help="the earlier commit to compare with")
    parser.add_argument("--profiles", type=int, default=2000)
    parser.add_argument("--seed", type=int, default=7)
    args = parser.parse_args()
    with tempfile.TemporaryDirectory() as tmp:
        folder = Path(tmp)
        archive = subprocess.run(["git", "-C", str(ROOT), "archive", args.baseline, "src"], capture_output=True, check=True)
        (folder / "old").mkdir()
        subprocess.run(["tar", "-x", "-C", str(folder / "old")], input=archive.stdout, check=True)
        now = plans(ROOT / "src", args.seed, args.profiles, folder / "now.jsonl")
        then = plans(folder / "old" / "src", args.seed, args.profiles, folder / "then.jsonl")
    differ = [(a[0], b[0]) for a, b in zip(now, then, strict=True) if a != b]
    print(f"{len(now) - len(differ)} of {len(now)} plans identical to {args.baseline}'s")
    for profile, _ in differ:
        print("differs:", profile)
    return 1 if differ else 0


if __name__ == "__main__":
    sys.exit(main())
