"""Web speed: the plan API and the chart pages under 50 concurrent clients, on SQLite and on PostgreSQL.

Starts `douyin-team serve --workers 2` on a free loopback port, makes a user, a merchant and an API token
through the app itself, then drives it with `wrk` (Debian package `wrk`: `apt-get install wrk`) and prints
requests/s, p50/p99 latency and errors. Baseline in the same run: one `douyin-team plan` process per plan
(what a script would do without the web app). Two plan workloads: 20 merchants' answers over and over (the
app's plan cache answers), and a new random profile on every request (each plan computed; only the packing
search is shared by merchants whose posts come out the same). Targets (issue #6): ≥ 500 plan requests/s, p99 < 100 ms;
(issue #15) the team page p99 < 300 ms.
`--compare-gc` also runs everything on a server with Python's own collector thresholds (`DOUYIN_TEAM_GC=default`)
beside one as served (start-up frozen, thresholds raised: gcpause.py); `--before DIR` also on the code of another
checkout's `src/` (e.g. `git archive <commit> src | tar -x -C DIR`), all in one run, each on a fresh database.
Asserts nothing. Usage: python bench/bench_web.py [--duration 10] [--connections 50] [--databases sqlite,postgresql]
[--compare-gc] [--before DIR] [--workloads 'team page'] [--rounds 3]
"""

from __future__ import annotations

import argparse
import json
import os
import re
import shutil
import subprocess
import sys
import tempfile
import time
import uuid
from collections.abc import Iterator
from contextlib import contextmanager
from pathlib import Path

import httpx

sys.path.insert(0, str(Path(__file__).resolve().parents[1] / "tests" / "web"))
from web_server import serve  # noqa: E402  (starts and stops `douyin-team serve`, as the browser test does)

POSTGRES = "postgresql://postgres@127.0.0.1:5432"
PROFILES = [{"monthly_sales": s, "focus": f, "live_hours": h} for s in (30_000, 80_000, 300_000, 600_000, 2_500_000)
            for f in ("live", "store") for h in (4, 8)]  # 20 merchants' answers, as the wizard sends them
TOKEN = re.compile(r'name="csrf_token" value="([^"]+)"')


@contextmanager
def database(kind: str) -> Iterator[str]:
    """A fresh SQLite file or a fresh, uniquely named PostgreSQL database (dropped afterwards)."""
    if kind == "sqlite":
        folder = tempfile.mkdtemp(prefix="dt-bench-")
        try:
            yield f"sqlite:///{folder}/bench.sqlite"
        finally:
            shutil.rmtree(folder, ignore_errors=True)
        return
    import psycopg

    name = f"dt_bench_{uuid.uuid4().hex[:10]}"
    with psycopg.connect(f"{POSTGRES}/test", autocommit=True) as conn:
        conn.execute(f'CREATE DATABASE "{name}"')
    try:
        yield f"{POSTGRES}/{name}"
    finally:
        with psycopg.connect(f"{POSTGRES}/test", autocommit=True) as conn:
            conn.execute(f'DROP DATABASE IF EXISTS "{name}" WITH (FORCE)')


def setup(base: str) -> tuple[str, str, int]:
    """Sign up, make a workspace and a merchant, and an API token; returns (token, session cookie, merchant id)."""
    with httpx.Client(base_url=base, follow_redirects=False) as client:
        def post(path: str, data: dict[str, str], page: str) -> httpx.Response:
            match = TOKEN.search(client.get(page).text)
            assert match, page
            return client.post(path, data={"csrf_token": match.group(1), **data})

        post("/signup", {"email": "bench@example.com", "password": "bench password", "display_name": "Bench"}, "/signup")
        post("/signin", {"email": "bench@example.com", "password": "bench password"}, "/signin")
        workspace = post("/workspaces", {"name": "Bench", "kind": "agency"}, "/").headers["location"].rsplit("/", 1)[1]
        merchant = post(f"/w/{workspace}/merchants", {"name": "山野茶铺", "monthly_sales": "300000"},
                        f"/w/{workspace}/merchants/new").headers["location"].rsplit("/", 1)[1]
        page = post("/tokens", {"name": "bench"}, "/tokens").text
        token = re.search(r"<code>(dt_[^<]+)</code>", page)
        assert token
        return token.group(1), client.cookies["dt_session"], int(merchant)


def lua_plan(token: str, folder: Path) -> Path:
    bodies = ", ".join(json.dumps(json.dumps(p)) for p in PROFILES)
    script = folder / "plan.lua"
    script.write_text(f'''wrk.method = "POST"
wrk.headers["Content-Type"] = "application/json"
wrk.headers["Authorization"] = "Bearer {token}"
local bodies = {{{bodies}}}
local i = 0
request = function()
  i = i % #bodies + 1
  return wrk.format(nil, "/api/v1/plan", nil, bodies[i])
end
''')
    return script


def lua_plan_fresh(token: str, folder: Path) -> Path:
    """Every request a profile not seen before (sales log-uniform over 10,000–5,000,000 CNY, so about a third
    of each stage; random focus, live hours and sometimes a headcount budget): no cached plan can answer."""
    script = folder / "plan_fresh.lua"
    script.write_text(f'''wrk.method = "POST"
wrk.headers["Content-Type"] = "application/json"
wrk.headers["Authorization"] = "Bearer {token}"
local foci = {{"live", "store", "video"}}
local n = 0
function setup(thread)
  n = n + 1
  thread:set("seed", n)
end
function init(args)
  math.randomseed(seed * 7919)
end
request = function()
  local sales = math.floor(math.exp(math.log(10000) + math.random() * math.log(500)))
  local budget = ""
  if math.random() < 0.3 then budget = string.format(', "headcount_budget": %d', math.random(1, 8)) end
  local body = string.format('{{"monthly_sales": %d, "focus": "%s", "live_hours": %.1f%s}}', sales,
    foci[math.random(3)], math.random() * 14, budget)
  return wrk.format(nil, "/api/v1/plan", nil, body)
end
''')
    return script


def lua_get(cookie: str, path: str, folder: Path) -> Path:
    script = folder / "get.lua"
    script.write_text(f'wrk.headers["Cookie"] = "dt_session={cookie}"\nwrk.path = "{path}"\n')
    return script


def server_cpu(base: str) -> float:
    """CPU seconds (user + system) used so far by the `douyin-team serve` listening on `base`'s port and all its
    processes (the workers): read from /proc, so it counts the app's own work, not wrk's nor other sessions'."""
    port = base.rsplit(":", 1)[1]
    parents: dict[int, int] = {}
    root = None
    for entry in Path("/proc").iterdir():
        if not entry.name.isdigit():
            continue
        try:
            cmdline = (entry / "cmdline").read_bytes().split(b"\0")
            stat = (entry / "stat").read_text()
        except OSError:
            continue
        parents[int(entry.name)] = int(stat.rsplit(")", 1)[1].split()[1])
        if b"serve" in cmdline and b"--port" in cmdline and port.encode() in cmdline:
            root = int(entry.name)
    assert root is not None, base
    family, grew = {root}, True
    while grew:
        more = {pid for pid, parent in parents.items() if parent in family} - family
        family |= more
        grew = bool(more)
    ticks = 0
    for pid in family:
        try:
            fields = Path(f"/proc/{pid}/stat").read_text().rsplit(")", 1)[1].split()
        except OSError:
            continue
        ticks += int(fields[11]) + int(fields[12])  # utime, stime
    return ticks / os.sysconf("SC_CLK_TCK")


def wrk(base: str, script: Path, seconds: int, connections: int) -> dict[str, float]:
    """Run wrk; returns requests/s, p50 and p99 in ms, the error count (non-2xx/3xx, socket errors) and the
    server's CPU ms per request (all its workers together)."""
    cpu = server_cpu(base)
    out = subprocess.run(["wrk", "-t2", f"-c{connections}", f"-d{seconds}s", "--latency", "-s", str(script), base],
                         capture_output=True, text=True, check=True).stdout
    def ms(label: str) -> float:
        match = re.search(rf"^\s+{label}\s+([\d.]+)(us|ms|s)\s*$", out, re.M)
        assert match, out
        return float(match.group(1)) * {"us": 0.001, "ms": 1.0, "s": 1000.0}[match.group(2)]

    cpu = server_cpu(base) - cpu
    errors = sum(int(n) for n in re.findall(r"(?:connect|read|write|timeout) (\d+)", out))
    non_ok = re.search(r"Non-2xx or 3xx responses: (\d+)", out)
    done = re.search(r"(\d+) requests in", out)
    return {"rps": float(re.search(r"Requests/sec:\s+([\d.]+)", out).group(1)),  # type: ignore[union-attr]
            "p50": ms("50%"), "p99": ms("99%"), "errors": errors + (int(non_ok.group(1)) if non_ok else 0),
            "cpu": 1000 * cpu / max(1, int(done.group(1)) if done else 1)}


def cli_baseline(runs: int = 8) -> dict[str, float]:
    """One `douyin-team plan --format json` process per plan."""
    times = []
    for i in range(runs):
        start = time.perf_counter()
        subprocess.run([sys.executable, "-m", "douyin_team", "plan", "--sales", str(300_000 + i), "--format", "json"],
                       check=True, capture_output=True)
        times.append((time.perf_counter() - start) * 1000)
    times.sort()
    return {"rps": 1000 / (sum(times) / runs), "p50": times[runs // 2], "p99": times[-1], "errors": 0,
            "cpu": float("nan")}


def variants(args: argparse.Namespace) -> list[tuple[str, dict[str, str]]]:
    """(label, environment) of each server to measure: the code before (`--before`), this code with Python's
    own collector thresholds (`--compare-gc`), and this code as served."""
    out = []
    if args.before:
        out.append((" before", {"PYTHONPATH": str(args.before.resolve() / "src"), "PYTHONDONTWRITEBYTECODE": "1"}))
    if args.compare_gc:
        out.append((" gc 700", {"DOUYIN_TEAM_GC": "default"}))
    out.append((" after" if args.before or args.compare_gc else "", {}))
    return out


def measure(label: str, kind: str, folder: Path, args: argparse.Namespace) -> list[tuple[str, str, dict[str, float]]]:
    """The four workloads, one after the other, on a fresh database and server (as a day's traffic would
    leave it: the pages are measured after the plan API filled the planner's caches)."""
    rows = []
    with (database(kind) as url, tempfile.TemporaryDirectory(prefix="dt-bench-data-") as data,
          serve(url, Path(data), args.workers) as base):
        token, cookie, merchant = setup(base)
        cases = [("plan API (20 profiles, cached)", lua_plan(token, folder)),
                 ("plan API (every profile new)", lua_plan_fresh(token, folder)),
                 ("chart page (HTML)", lua_get(cookie, f"/m/{merchant}/chart.html?rev=1", folder)),
                 ("team page", lua_get(cookie, f"/m/{merchant}", folder))]
        for name, script in cases:
            if args.workloads and not any(w.strip() and w.strip() in name for w in args.workloads.split(",")):
                continue
            wrk(base, script, 2, args.connections)  # warm-up: caches filled, connections pooled
            rows.append((label, name, wrk(base, script, args.duration, args.connections)))
    return rows


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.split("\n")[0] if __doc__ else None)
    parser.add_argument("--duration", type=int, default=10, help="seconds per measurement (default 10)")
    parser.add_argument("--connections", type=int, default=50, help="concurrent clients (default 50)")
    parser.add_argument("--workers", type=int, default=2, help="uvicorn worker processes (default 2)")
    parser.add_argument("--databases", default="sqlite,postgresql")
    parser.add_argument("--compare-gc", action="store_true", help="each database also with Python's GC thresholds")
    parser.add_argument("--before", type=Path, help="each database also on this checkout's src/ (the code before)")
    parser.add_argument("--workloads", default="", help="only the workloads whose name holds one of these (comma "
                        "separated), e.g. 'team page' (default: all four)")
    parser.add_argument("--rounds", type=int, default=1, help="measure each server this many times, alternating "
                        "before and after (a loaded machine's noise shows in the spread)")
    args = parser.parse_args()
    if not shutil.which("wrk"):
        sys.exit("bench_web: needs wrk (Debian: apt-get install wrk)")
    rows: list[tuple[str, str, dict[str, float]]] = []
    start_load = " ".join(f"{v:.2f}" for v in os.getloadavg())
    with tempfile.TemporaryDirectory() as tmp:
        folder = Path(tmp)
        for kind in args.databases.split(","):
            for label, env in variants(args) * args.rounds:
                os.environ.update(env)  # the served workers inherit it (web_server.serve passes the environment)
                rows += measure(f"{kind}{label}", kind, folder, args)
                for name in env:
                    os.environ.pop(name, None)
    rows.append(("—", "CLI: one `plan` process per plan", cli_baseline()))
    print(f"\nweb speed: {args.connections} concurrent clients, {args.workers} workers, {args.duration} s each, "
          f"{os.cpu_count()} CPUs (shared machine: noisy; load average {start_load} at the start, "
          f"{' '.join(f'{v:.2f}' for v in os.getloadavg())} at the end)\n")
    print(f"| {'database':<17} | {'what':<34} | {'req/s':>8} | {'p50 ms':>7} | {'p99 ms':>7} | {'CPU ms/req':>10} "
          f"| {'errors':>6} |")
    print(f"|{'-' * 19}|{'-' * 36}|{'-' * 10}|{'-' * 9}|{'-' * 9}|{'-' * 12}|{'-' * 8}|")
    for kind, name, r in rows:
        print(f"| {kind:<17} | {name:<34} | {r['rps']:>8.0f} | {r['p50']:>7.1f} | {r['p99']:>7.1f} | {r['cpu']:>10.2f} "
              f"| {int(r['errors']):>6} |")
    print("\ntargets: plan API ≥ 500 req/s and p99 < 100 ms, zero errors; team page p99 < 300 ms, zero errors")
    for kind, name, r in rows:
        if name.startswith("plan API"):
            met = r["rps"] >= 500 and r["p99"] < 100 and r["errors"] == 0
            print(f"  {kind:<17} {name:<34} {'met' if met else 'NOT met'}")
        if name == "team page":
            print(f"  {kind:<17} {name:<34} {'met' if r['p99'] < 300 and r['errors'] == 0 else 'NOT met'}")


if __name__ == "__main__":
    main()
