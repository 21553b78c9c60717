"""Plan API latency while an agency asks for 50 kit PDFs: as jobs (POST …/exports, rendered by the job
processes) against the old way (50 kit downloads rendered inside the web requests), in one run.

Starts `douyin-team serve --workers 2` on SQLite (jobs in its local pool, one process per app worker) or
PostgreSQL (plus `douyin-team worker --processes 2`), makes 50 merchants, then measures plan requests from 4
clients for --seconds while nothing else runs, during the 50-job burst, and during 50 in-request kit
downloads. Prints p50/p99 and requests/s; asserts nothing. On a 2-core machine the renders still take the
CPU from the app either way: what jobs change is that no app thread or interpreter is held by a render.
Usage: python bench/bench_jobs.py [--seconds 20] [--database sqlite|postgresql]
"""

from __future__ import annotations

import argparse
import os
import statistics
import subprocess
import sys
import tempfile
import threading
import time
from concurrent.futures import ThreadPoolExecutor
from pathlib import Path

import httpx

HERE = Path(__file__).resolve().parent
sys.path[:0] = [str(HERE), str(HERE.parent / "tests" / "web")]
from web_server import serve  # noqa: E402

from bench_web import database, setup  # noqa: E402

BURST = 50
CLIENTS = 4


def plan_latencies(base: str, token: str, seconds: float) -> list[float]:
    """Plan requests from CLIENTS clients for `seconds`; each request's latency in ms."""
    stop = time.monotonic() + seconds
    out: list[float] = []

    def client(n: int) -> None:
        with httpx.Client(base_url=base, headers={"authorization": f"Bearer {token}"}, timeout=60) as c:
            k = 0
            while time.monotonic() < stop:
                body = {"monthly_sales": 50_000 + 1000 * ((n * 97 + k) % 400), "focus": "live"}
                t = time.perf_counter()
                c.post("/api/v1/plan", json=body).raise_for_status()
                out.append((time.perf_counter() - t) * 1000)
                k += 1

    threads = [threading.Thread(target=client, args=(n,)) for n in range(CLIENTS)]
    for t in threads:
        t.start()
    for t in threads:
        t.join()
    return out


def row(label: str, ms: list[float], seconds: float, extra: str = "") -> str:
    q = statistics.quantiles(ms, n=100)
    return f"{label:<34} {len(ms) / seconds:>7.0f} {q[49]:>8.1f} {q[98]:>8.1f}  {extra}"


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__)
    parser.add_argument("--seconds", type=float, default=20)
    parser.add_argument("--database", default="sqlite", choices=("sqlite", "postgresql"))
    args = parser.parse_args()
    os.environ["DOUYIN_TEAM_JOB_PROCESSES"] = "1"
    with database(args.database) as url, tempfile.TemporaryDirectory() as data, serve(url, Path(data)) as base:
        worker = None
        if args.database == "postgresql":
            worker = subprocess.Popen([sys.executable, "-m", "douyin_team", "worker", "--processes", "2"],
                                      env={**os.environ, "DATABASE_URL": url})
        token, cookie, _ = setup(base)
        auth = {"authorization": f"Bearer {token}"}
        with httpx.Client(base_url=base, headers=auth, timeout=120) as c:
            workspace = c.get("/api/v1/workspaces").json()[0]["id"]
            merchants = [c.post(f"/api/v1/workspaces/{workspace}/merchants",
                                json={"name": f"商家{n:02d}", "profile": {"monthly_sales": 300_000 + n * 10_000}}).json()["id"]
                         for n in range(BURST)]
        print(f"{'plan API, ' + str(CLIENTS) + ' clients':<34} {'req/s':>7} {'p50 ms':>8} {'p99 ms':>8}  burst")
        print(row("nothing else running", plan_latencies(base, token, args.seconds), args.seconds))

        with httpx.Client(base_url=base, headers=auth, timeout=120) as c:
            started = time.monotonic()
            ids = [c.post(f"/api/v1/merchants/{m}/exports", json={"what": "kit", "fmt": "pdf"}).json()["url"]
                   for m in merchants]
            enqueue = time.monotonic() - started
            ms = plan_latencies(base, token, args.seconds)
            done = sum(c.get(u).json()["state"] == "done" for u in ids)
        print(row(f"during {BURST} kit jobs", ms, args.seconds,
                  f"{BURST} enqueued in {enqueue:.1f} s; {done} done when measuring ended"))

        def download(m: int) -> None:
            with httpx.Client(base_url=base, cookies={"dt_session": cookie}, timeout=600) as c:
                c.get(f"/m/{m}/kit.pdf?rev=1&lang=en")  # rendered inside the request (lang=en: not the jobs' kit)

        pool = ThreadPoolExecutor(10)
        futures = [pool.submit(download, m) for m in merchants]
        ms = plan_latencies(base, token, args.seconds)
        finished = sum(f.done() for f in futures)
        print(row(f"during {BURST} in-request kit PDFs", ms, args.seconds, f"{finished} done when measuring ended"))
        pool.shutdown(wait=False, cancel_futures=True)
        if worker is not None:
            worker.terminate()
            worker.wait(60)


if __name__ == "__main__":
    main()
