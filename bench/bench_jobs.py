"""Plan API latency while an agency asks for 50 kit PDFs, in one run: as API export jobs (POST …/exports), as
the team page's download links (GET /m/{id}/kit.pdf: the same jobs, each waited for up to WAIT_SECONDS, then
the job's page), and as the stateless API
(POST /api/v1/kit?format=pdf: the export job's kit, laid out by the job processes while a small team's request
waits up to 15 s, then 202 with the job; before, a small team's was laid out in a child process per request,
two at a time per app worker).

Starts `douyin-team serve --workers 2` on SQLite (jobs in its local pool, one process per app worker) or
PostgreSQL (plus `douyin-team worker --processes 2`), makes 50 merchants, then measures plan requests from 4
clients for --seconds while nothing else runs and during each burst; between bursts it waits for the jobs to
drain (or cancels them). Prints p50/p99 and requests/s and the status codes of every request (the plan requests' and the
burst's: a burst answered with 4xx/5xx costs the app nothing, so its figures mean nothing); asserts nothing. On a 2-core machine the renders still take the CPU
from the app either way: what jobs change is that no app thread or interpreter is held by a render.
Usage: python bench/bench_jobs.py [--seconds 20] [--database sqlite|postgresql] [--drain]

Between bursts the jobs still unfinished are cancelled (`--drain`: waited for, which on a busy shared
machine takes many minutes), so each burst starts with idle job processes either way.
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
from collections import Counter
from concurrent.futures import ThreadPoolExecutor
from pathlib import Path
from typing import Any

import httpx

HERE = Path(__file__).resolve().parent
sys.path[:0] = [str(HERE), str(HERE.parent / "tests" / "web")]
from web_server import serve  # noqa: E402

from bench_web import database, setup  # noqa: E402

BURST = 50
CLIENTS = 4


def plan_latencies(base: str, token: str, seconds: float) -> tuple[list[float], Counter[int]]:
    """Plan requests from CLIENTS clients for `seconds`: each 2xx request's latency in ms, and every status code."""
    stop = time.monotonic() + seconds
    out: list[float] = []
    codes: Counter[int] = Counter()

    def client(n: int) -> None:
        with httpx.Client(base_url=base, headers={"authorization": f"Bearer {token}"}, timeout=60) as c:
            k = 0
            while time.monotonic() < stop:
                body = {"monthly_sales": 50_000 + 1000 * ((n * 97 + k) % 400), "focus": "live"}
                t = time.perf_counter()
                code = c.post("/api/v1/plan", json=body).status_code
                codes[code] += 1
                if 200 <= code < 300:
                    out.append((time.perf_counter() - t) * 1000)
                k += 1

    threads = [threading.Thread(target=client, args=(n,)) for n in range(CLIENTS)]
    for t in threads:
        t.start()
    for t in threads:
        t.join()
    return out, codes


def codes_text(codes: Counter[int]) -> str:
    """Status codes and their counts, e.g. "200×48 202×2"."""
    return " ".join(f"{code}×{n}" for code, n in sorted(codes.items())) or "-"


def row(label: str, plan: tuple[list[float], Counter[int]], seconds: float, burst: Counter[int] | None = None,
        extra: str = "") -> str:
    ms, codes = plan
    q = statistics.quantiles(ms, n=100) if len(ms) > 1 else [float("nan")] * 99
    return (f"{label:<34} {len(ms) / seconds:>7.0f} {q[49]:>8.1f} {q[98]:>8.1f}  {codes_text(codes):<10} "
            f"{codes_text(burst) if burst is not None else '':<22} {extra}")


DRAIN = False  # --drain: wait for every job of a burst before the next; else cancel what is left


def drain(c: httpx.Client, urls: list[str], limit: float = 900) -> tuple[int, float]:
    """Before the next burst: wait until the jobs are finished (at most `limit` seconds), or with DRAIN off
    cancel the unfinished ones (their requester may). (How many were done, seconds taken.)"""
    started = time.monotonic()
    while True:
        done = sum(c.get(u).json()["state"] in ("done", "failed", "cancelled") for u in urls)
        if done == len(urls) or time.monotonic() - started > limit:
            return done, time.monotonic() - started
        if not DRAIN:
            for u in urls:
                c.post(u + "/cancel")
            return done, time.monotonic() - started
        time.sleep(2)


def load() -> str:
    """The machine's 1-minute load average now (other agents share it)."""
    return f"load {os.getloadavg()[0]:.1f}"


def burst(base: str, token: str, seconds: float, work: Any,
          merchants: list[int]) -> tuple[tuple[list[float], Counter[int]], int, list[Any]]:
    """Plan latencies and codes while `work(merchant)` runs for every merchant on 10 threads; how many were
    answered when measuring ended, and the futures (still running ones are left to finish)."""
    pool = ThreadPoolExecutor(10)
    futures = [pool.submit(work, m) for m in merchants]
    ms = plan_latencies(base, token, seconds)
    answered = sum(f.done() for f in futures)
    pool.shutdown(wait=False)
    return ms, answered, futures


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__)
    parser.add_argument("--seconds", type=float, default=20)
    parser.add_argument("--database", default="sqlite", choices=("sqlite", "postgresql"))
    parser.add_argument("--drain", action="store_true",
                        help="wait for each burst's jobs to finish before the next (else cancel the rest: faster)")
    args = parser.parse_args()
    global DRAIN
    DRAIN = args.drain
    os.environ["DOUYIN_TEAM_JOB_PROCESSES"] = "1"
    with database(args.database) as url, tempfile.TemporaryDirectory() as data, serve(url, Path(data)) as base:
        worker = None
        if args.database == "postgresql":
            worker = subprocess.Popen([sys.executable, "-m", "douyin_team", "worker", "--processes", "2"],
                                      env={**os.environ, "DATABASE_URL": url})
        try:
            run(base, args.seconds)
        finally:
            if worker is not None:
                worker.terminate()
                worker.wait(60)


def run(base: str, seconds: float) -> None:
    """Make the merchants, then measure the plan API alone and during each burst."""
    token, cookie, _ = setup(base)
    auth = {"authorization": f"Bearer {token}"}
    api = httpx.Client(base_url=base, headers=auth, timeout=120)
    workspace = api.get("/api/v1/workspaces").json()[0]["id"]
    merchants = [api.post(f"/api/v1/workspaces/{workspace}/merchants",
                          json={"name": f"商家{n:02d}", "profile": {"monthly_sales": 300_000 + n * 10_000}}).json()["id"]
                 for n in range(BURST)]
    documents = {m: api.get(f"/api/v1/merchants/{m}/team").json()["document"] for m in merchants}
    print(f"{'plan API, ' + str(CLIENTS) + ' clients':<34} {'req/s':>7} {'p50 ms':>8} {'p99 ms':>8}  {'plan codes':<10} "
          f"{'burst codes':<22} burst")
    print(row("nothing else running", plan_latencies(base, token, seconds), seconds, extra=load()), flush=True)

    started = time.monotonic()
    posted = [api.post(f"/api/v1/merchants/{m}/exports", json={"what": "kit", "fmt": "pdf"}) for m in merchants]
    enqueue = time.monotonic() - started
    urls = [answer.json()["url"] for answer in posted if answer.status_code in (200, 202)]
    ms = plan_latencies(base, token, seconds)
    done, waited = drain(api, urls)
    print(row(f"during {BURST} kit export jobs", ms, seconds, Counter(a.status_code for a in posted),
              f"{load()}; {BURST} enqueued in {enqueue:.1f} s; {done} done {waited:.0f} s after measuring"),
          flush=True)

    def page_download(m: int) -> tuple[int, str]:
        with httpx.Client(base_url=base, cookies={"dt_session": cookie}, timeout=600) as c:
            got = c.get(f"/m/{m}/kit.pdf?rev=1&lang=en")  # lang=en: a new kit, not the jobs' artefact
            return got.status_code, got.headers.get("location", "")

    ms, answered, futures = burst(base, token, seconds, page_download, merchants)
    answers = [f.result() for f in futures]  # each waits WAIT_SECONDS at most, then goes to its job page
    kinds = Counter(code for code, _ in answers)
    done, waited = drain(api, [location.replace("/jobs/", "/api/v1/jobs/") for code, location in answers if code == 303])
    print(row(f"during {BURST} page kit downloads", ms, seconds, kinds,
              f"{load()}; {answered} answered when measuring ended; 303: to the job page ({done} done "
              f"{waited:.0f} s after)"), flush=True)

    def stateless(m: int) -> tuple[int, str]:
        with httpx.Client(base_url=base, headers=auth, timeout=600) as c:
            got = c.post("/api/v1/kit?format=pdf", json=documents[m])  # lang=zh: not the page downloads' kits
            return got.status_code, got.headers.get("location", "")

    ms, answered, futures = burst(base, token, seconds, stateless, merchants)
    answers = [f.result() for f in futures]
    kinds = Counter(code for code, _ in answers)
    done, waited = drain(api, [location for code, location in answers if code == 202])
    print(row(f"during {BURST} POST /api/v1/kit PDFs", ms, seconds, kinds,
              f"{load()}; {answered} answered when measuring ended; 202: a job ({done} done {waited:.0f} s after)"),
          flush=True)


if __name__ == "__main__":
    main()
