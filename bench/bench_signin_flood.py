"""Sign-in flood: 50 clients post random emails to /signin while a real user signs in every half second.

Starts `douyin-team serve --workers 2 --proxy-headers` on loopback (each flooding client claims its own
address with X-Forwarded-For, as clients behind a proxy would), on SQLite. Prints the flood's statuses and
rate and the real user's sign-in latency (issue 17: under 2 s while 50 clients flood). Asserts nothing.
Usage: python bench/bench_signin_flood.py [--duration 20] [--clients 50]
"""

from __future__ import annotations

import argparse
import re
import statistics
import sys
import tempfile
import threading
import time
import uuid
from collections import Counter
from pathlib import Path

import httpx

sys.path.insert(0, str(Path(__file__).resolve().parents[1] / "tests" / "web"))
from web_server import serve  # noqa: E402

TOKEN = re.compile(r'name="csrf_token" value="([^"]+)"')
PASSWORD = "a real user's password"


def client(url: str, address: str) -> tuple[httpx.Client, str]:
    """A browser-like client from `address` with the sign-in page's CSRF token."""
    http = httpx.Client(base_url=url, headers={"x-forwarded-for": address}, timeout=60, follow_redirects=False)
    match = TOKEN.search(http.get("/signin").text)
    assert match
    return http, match.group(1)


def flood(url: str, index: int, stop: threading.Event, statuses: Counter[int]) -> None:
    http, token = client(url, f"10.{index // 250}.{index % 250}.9")
    while not stop.is_set():
        answer = http.post("/signin", data={"csrf_token": token, "email": f"{uuid.uuid4().hex}@example.com",
                                            "password": "guess"})
        statuses[answer.status_code] += 1


def main() -> None:
    parser = argparse.ArgumentParser()
    parser.add_argument("--duration", type=float, default=20)
    parser.add_argument("--clients", type=int, default=50)
    args = parser.parse_args()
    with tempfile.TemporaryDirectory() as folder, \
            serve(f"sqlite:///{folder}/flood.sqlite", Path(folder), 2, ("--proxy-headers",)) as url:
        user, token = client(url, "192.168.1.20")
        user.post("/signup", data={"csrf_token": token, "email": "real@example.com", "password": PASSWORD,
                                   "display_name": "Real"})
        stop, statuses = threading.Event(), Counter[int]()
        threads = [threading.Thread(target=flood, args=(url, i, stop, statuses)) for i in range(args.clients)]
        for t in threads:
            t.start()
        time.sleep(2)  # the flood under way
        latencies, outcomes = [], Counter[int]()
        started = time.monotonic()
        while time.monotonic() - started < args.duration:
            real, token = client(url, "192.168.1.20")
            begin = time.perf_counter()
            answer = real.post("/signin", data={"csrf_token": token, "email": "real@example.com", "password": PASSWORD})
            latencies.append(time.perf_counter() - begin)
            outcomes[answer.status_code] += 1
            time.sleep(0.5)
        stop.set()
        for t in threads:
            t.join()
        elapsed = time.monotonic() - started + 2
    print("| flood clients | flood requests/s | flood statuses | real sign-ins | real p50 s | real max s |")
    print("| --- | --- | --- | --- | --- | --- |")
    print(f"| {args.clients} | {sum(statuses.values()) / elapsed:.0f} | {dict(sorted(statuses.items()))} | "
          f"{dict(outcomes)} | {statistics.median(latencies):.3f} | {max(latencies):.3f} |")


if __name__ == "__main__":
    main()
