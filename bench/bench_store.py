"""Storage speed: the store on SQLite and PostgreSQL against what a CLI user does instead (a team file on
disk, written and read back through the team-file parser).

Measures, for a 30-person team: saving a revision, loading the latest, the per-request session lookup the
web app pays, and 4 threads saving the same team at once (each retrying on EditConflict: nothing lost).
Prints a table; asserts nothing. PostgreSQL: 127.0.0.1:5432, user postgres (a scratch database is made and
dropped). Usage: python bench/bench_store.py [--quick]
"""

from __future__ import annotations

import argparse
import statistics
import tempfile
import threading
import time
import uuid
from collections.abc import Callable, Iterator
from contextlib import contextmanager
from pathlib import Path
from typing import Any

from sqlalchemy import create_engine, text

from douyin_team import store
from douyin_team.knowledge import load_knowledge
from douyin_team.team import convert_team, dump_team, read_team, resolve_team

SERVER = "postgresql+psycopg://postgres@127.0.0.1:5432/test"
ROLES = ["主播", "副播", "场控", "中控", "运营", "投手", "客服", "剪辑"]


def team(n: int = 30, version: int = 0) -> dict[str, Any]:
    people: list[dict[str, Any]] = [{"name": "老板", "roles": "运营", "monthly_cost": version}]
    people += [{"name": f"员工{i}", "roles": ROLES[i % len(ROLES)], "reports_to": "老板", "hours": 40}
               for i in range(1, n)]
    return {"merchant": "基准店", "monthly_sales": 800000, "focus": "live", "people": people}


def timed(fn: Callable[[int], object], n: int) -> tuple[float, float, float]:
    """(operations per second, p50 ms, p99 ms) of n calls."""
    laps = []
    for i in range(n):
        start = time.perf_counter()
        fn(i)
        laps.append(time.perf_counter() - start)
    laps.sort()
    return n / sum(laps), statistics.median(laps) * 1000, laps[min(n - 1, int(n * 0.99))] * 1000


@contextmanager
def databases(folder: Path) -> Iterator[list[tuple[str, str]]]:
    name = f"dt_bench_{uuid.uuid4().hex[:8]}"
    admin = create_engine(SERVER, isolation_level="AUTOCOMMIT")
    with admin.connect() as conn:
        conn.execute(text(f'CREATE DATABASE "{name}"'))
    try:
        yield [("SQLite", f"sqlite:///{folder / 'bench.sqlite'}"), ("PostgreSQL", SERVER.rsplit("/", 1)[0] + "/" + name)]
    finally:
        with admin.connect() as conn:
            conn.execute(text(f'DROP DATABASE IF EXISTS "{name}" WITH (FORCE)'))
        admin.dispose()


def bench_database(label: str, url: str, n: int) -> list[tuple[str, str, tuple[float, float, float]]]:
    engine = store.make_engine(url)
    store.upgrade(engine)
    factory = store.session_factory(engine)
    rows = []
    with factory() as s:
        user = store.create_user(s, f"bench-{uuid.uuid4().hex[:6]}@example.com", "bench password", "Bench")
        workspace = store.create_workspace(s, user, "Bench", "agency")
        shop = store.create_merchant(s, user, workspace.id, "基准店", {})
        rows.append(("save a revision", label, timed(
            lambda i: store.save_team(s, user, shop.id, team(version=i), i or None), n)))
        rows.append(("load the latest", label, timed(lambda i: store.latest_revision(s, user, shop.id), n * 2)))
        token = store.start_session(s, user)
        rows.append(("session lookup", label, timed(lambda i: store.user_for_session(s, token), n * 5)))
    rows.append(("4 threads saving", label, concurrent_saves(label, factory, user, shop.id, n)))
    engine.dispose()
    return rows


def concurrent_saves(label: str, factory: Any, user: Any, merchant_id: int, n: int) -> tuple[float, float, float]:
    """4 threads each save n/4 times on whatever is latest, retrying on EditConflict; every save must land."""
    per, conflicts, laps = max(1, n // 4), [0], []
    lock = threading.Lock()

    def worker() -> None:
        with factory() as s:
            for _ in range(per):
                start = time.perf_counter()
                while True:
                    latest = store.latest_revision(s, user, merchant_id)
                    try:
                        store.save_team(s, user, merchant_id, team(), latest.number if latest else None)
                        break
                    except store.EditConflict:
                        with lock:
                            conflicts[0] += 1
                with lock:
                    laps.append(time.perf_counter() - start)

    with factory() as s:
        before = len(store.list_revisions(s, user, merchant_id))
    threads = [threading.Thread(target=worker) for _ in range(4)]
    wall = time.perf_counter()
    for t in threads:
        t.start()
    for t in threads:
        t.join()
    wall = time.perf_counter() - wall
    with factory() as s:
        landed = len(store.list_revisions(s, user, merchant_id)) - before
    laps.sort()
    lost = f", {4 * per - landed} LOST" if landed != 4 * per else ", none lost"
    print(f"  {label}: {landed} of {4 * per} concurrent saves landed{lost}; {conflicts[0]} conflicts retried")
    return landed / wall, statistics.median(laps) * 1000, laps[int(len(laps) * 0.99)] * 1000


def bench_files(folder: Path, n: int) -> list[tuple[str, str, tuple[float, float, float]]]:
    kb = load_knowledge()
    path = folder / "team.yaml"

    def save(i: int) -> None:  # validate as `douyin-team check` would, then write the file
        path.write_text(dump_team(resolve_team(convert_team(team(version=i)), kb), "yaml"), encoding="utf-8")

    rows = [("save a revision", "YAML file", timed(save, n)),
            ("load the latest", "YAML file", timed(lambda i: read_team(path, kb), n * 2))]
    return rows


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__)
    parser.add_argument("--quick", action="store_true", help="fewer operations")
    args = parser.parse_args()
    n = 40 if args.quick else 200
    with tempfile.TemporaryDirectory() as tmp:
        folder = Path(tmp)
        rows = bench_files(folder, n)
        with databases(folder) as urls:
            for label, url in urls:
                rows += bench_database(label, url, n)
    print(f"\n{'operation':<18} {'backend':<11} {'ops/s':>9} {'p50 ms':>8} {'p99 ms':>8}")
    for op in ("save a revision", "load the latest", "session lookup", "4 threads saving"):
        for name, label, (rate, p50, p99) in rows:
            if name == op:
                print(f"{name:<18} {label:<11} {rate:>9.0f} {p50:>8.2f} {p99:>8.2f}")


if __name__ == "__main__":
    main()
