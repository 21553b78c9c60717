"""Start-up cost of `douyin-team plan` as a fresh process, against a bare `python3 -c pass` in the same run.

Target (issue #2): `plan` takes no more than 10x the bare interpreter, with the packaged knowledge or a
playbook laid over it. Prints a table; asserts nothing.
Two columns: as installed (our modules' bytecode cached in __pycache__, as pip leaves it), and with our
modules compiled from source on every start (an editable install where PYTHONDONTWRITEBYTECODE=1, as on
this project's machines; the standard library and the dependencies keep their bytecode). The ratio to the
bare interpreter is taken on the first column; the CPU columns (user + system time of the process, as
installed) say the same with less of what other programs on a busy machine cost.
Usage: python bench/bench_startup.py [--runs N]
"""

from __future__ import annotations

import argparse
import os
import resource
import shutil
import statistics
import subprocess
import sys
import tempfile
import time
from pathlib import Path


def timed(cmd: list[str], runs: int, env: dict[str, str], cpu: list[float] | None = None) -> list[float]:
    """Wall-clock seconds of `runs` fresh processes (after one warm-up run, which writes the bytecode cache);
    `cpu` gets each one's CPU seconds (user and system), steadier than wall time on a busy machine."""
    subprocess.run(cmd, stdout=subprocess.DEVNULL, check=True, env=env)
    out = []
    for _ in range(runs):
        before = resource.getrusage(resource.RUSAGE_CHILDREN)
        start = time.perf_counter()
        subprocess.run(cmd, stdout=subprocess.DEVNULL, check=True, env=env)
        out.append(time.perf_counter() - start)
        after = resource.getrusage(resource.RUSAGE_CHILDREN)
        if cpu is not None:
            cpu.append(after.ru_utime + after.ru_stime - before.ru_utime - before.ru_stime)
    return out


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__)
    parser.add_argument("--runs", type=int, default=30)
    args = parser.parse_args()
    script = shutil.which("douyin-team", path=str(Path(sys.executable).parent)) or "douyin-team"
    playbook = Path(tempfile.mkdtemp()) / "playbook.yaml"  # a user's playbook: its knowledge base is cached too
    playbook.write_text("rules:\n  - id: headcount-over-budget\n    enabled: false\n", encoding="utf-8")
    cases = [
        ("python3 -c pass", [sys.executable, "-c", "pass"]),
        ("douyin-team --help", [script, "--help"]),
        ("douyin-team plan (novice)", [script, "plan", "--sales", "60000"]),
        ("douyin-team plan (growth)", [script, "plan", "--sales", "300000"]),
        ("douyin-team plan (mature, json)", [script, "plan", "--sales", "2500000", "--format", "json"]),
        ("douyin-team plan --knowledge", [script, "plan", "--sales", "300000", "--knowledge", str(playbook)]),
    ]
    installed = {k: v for k, v in os.environ.items() if k not in ("PYTHONDONTWRITEBYTECODE", "PYTHONPYCACHEPREFIX")}
    cpus: list[list[float]] = [[] for _ in cases]
    first = [timed(cmd, args.runs, installed, cpu) for (_, cmd), cpu in zip(cases, cpus, strict=True)]
    import douyin_team

    for cache in Path(douyin_team.__file__).parent.rglob("__pycache__"):
        shutil.rmtree(cache)
    from_source = {**installed, "PYTHONDONTWRITEBYTECODE": "1"}
    rows = [(name, times, timed(cmd, args.runs, from_source)) for (name, cmd), times in zip(cases, first, strict=True)]
    base, base_cpu = statistics.median(rows[0][1]), statistics.median(cpus[0])
    print(f"{'command':34} {'median ms':>10} {'p90 ms':>8} {'x bare':>7}  {'no .pyc ms':>10}  {'CPU ms':>7} {'x bare':>7}  target")
    for (name, times, compiled), cpu in zip(rows, cpus, strict=True):
        med = statistics.median(times)
        p90 = sorted(times)[int(0.9 * (len(times) - 1))]
        target = "<= 10x" if name.startswith("douyin-team plan") else ""
        verdict = ("ok" if med / base <= 10 else "OVER") if target else ""
        used = statistics.median(cpu)
        print(f"{name:34} {med * 1000:10.1f} {p90 * 1000:8.1f} {med / base:7.1f}  {statistics.median(compiled) * 1000:10.1f}"
              f"  {used * 1000:7.1f} {used / base_cpu:7.1f}  {target} {verdict}")
    shutil.rmtree(playbook.parent, ignore_errors=True)


if __name__ == "__main__":
    main()
