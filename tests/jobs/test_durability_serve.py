"""The kill -9 run (issue 17): a real `douyin-team serve` (two workers) on SQLite and on PostgreSQL under a
burst of team saves through the API and conflicting roster saves through the page (which keep drafts), the
whole server killed with SIGKILL mid-burst, then started again on the same database. Every save that was
answered 2xx is there with its own content, each merchant's revision numbers run 1…N with no gap, every
latest team still loads and checks (nothing half-written), and every draft the page announced is kept."""

from __future__ import annotations

import os
import re
import signal
import socket
import subprocess
import sys
import threading
import time
from collections.abc import Iterator
from contextlib import contextmanager
from pathlib import Path
from typing import Any

import httpx
import pytest
from sqlalchemy import text

from conftest import postgres_database
from douyin_team import store

MERCHANTS = 4
PASSWORD = "a long enough password"
CSRF = re.compile(r'<meta name="csrf-token" content="([^"]+)"')
FIELD = re.compile(r'name="csrf_token" value="([^"]+)"')


def free_port() -> int:
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        port: int = s.getsockname()[1]
        return port


def team(department: str) -> dict[str, Any]:
    """A small team whose anchor's department marks which save wrote it."""
    return {"people": [{"name": "老板", "roles": ["负责人"]},
                       {"name": "主播", "roles": ["主播"], "reports_to": "老板", "department": department},
                       {"name": "中控", "roles": ["中控"], "reports_to": "老板"}]}


@pytest.fixture(params=["sqlite", "postgresql"])
def database(request: pytest.FixtureRequest, tmp_path: Path) -> Iterator[str]:
    if request.param == "sqlite":
        yield f"sqlite:///{tmp_path / 'team.sqlite'}"
    else:
        with postgres_database() as url:
            yield url


def prepare(url: str) -> tuple[str, list[int]]:
    """A verified owner, an API token and MERCHANTS merchants with a first revision; (token, merchant ids)."""
    engine = store.make_engine(url)
    store.upgrade(engine)
    with store.session_factory(engine)() as s:
        owner = store.create_user(s, "owner@example.com", PASSWORD, "店主")
        owner.email_verified_at = owner.created_at
        s.commit()
        workspace = store.create_workspace(s, owner, "星河代运营", "agency").id
        ids = []
        for n in range(MERCHANTS):
            merchant = store.create_merchant(s, owner, workspace, f"商家{n}", {"monthly_sales": 300000})
            store.save_team(s, owner, merchant.id, team("起点"), None)
            ids.append(merchant.id)
        token = store.create_api_token(s, owner, "burst")
    engine.dispose()
    return token, ids


@contextmanager
def server(url: str, data: Path) -> Iterator[tuple[str, subprocess.Popen[bytes]]]:
    """`douyin-team serve --workers 2` in its own process group (so SIGKILL takes all of it at once)."""
    port = free_port()
    env = {**os.environ, "DATABASE_URL": url, "DOUYIN_TEAM_DATA": str(data)}
    env.pop("DOUYIN_TEAM_SECRET", None)
    log = (data / f"server-{port}.log").open("ab")
    process = subprocess.Popen([sys.executable, "-m", "douyin_team", "serve", "--port", str(port), "--workers", "2",
                                "--quiet"], env=env, stdout=log, stderr=subprocess.STDOUT, start_new_session=True)
    base = f"http://127.0.0.1:{port}"
    deadline = time.monotonic() + 60
    while True:
        try:
            if httpx.get(base + "/signin", timeout=2).status_code == 200:
                break
        except httpx.HTTPError:
            pass
        assert process.poll() is None and time.monotonic() < deadline, (data / f"server-{port}.log").read_text()
        time.sleep(0.1)
    try:
        yield base, process
    finally:
        if process.poll() is None:
            os.killpg(process.pid, signal.SIGTERM)
            process.wait(60)
        log.close()


class Burst:
    """Threads saving as fast as they can until told to stop, recording every save answered 2xx."""

    def __init__(self, base: str, token: str, merchants: list[int]) -> None:
        self.base, self.token, self.merchants = base, token, merchants
        self.saved: dict[int, dict[int, str]] = {m: {} for m in merchants}  # merchant → number → department
        self.drafts: list[int] = []
        self.errors: list[str] = []  # why each thread ended, for the stall message
        self.stop = threading.Event()
        self.threads = [threading.Thread(target=self.recorded, args=(self.saves, m)) for m in merchants]
        self.threads.append(threading.Thread(target=self.recorded, args=(self.conflicts, merchants[0])))

    def recorded(self, work: Any, merchant: int) -> None:
        try:
            work(merchant)
        except Exception as exc:  # noqa: BLE001 - reported by the test's stall message
            self.errors.append(f"{work.__name__}({merchant}): {exc!r}")
            raise

    def start(self) -> None:
        for thread in self.threads:
            thread.start()

    def acknowledged(self) -> int:
        return sum(len(v) for v in self.saved.values())

    def saves(self, merchant: int) -> None:
        headers = {"authorization": f"Bearer {self.token}"}
        base_revision, k = 1, 0
        with httpx.Client(base_url=self.base, headers=headers, timeout=30) as client:
            while not self.stop.is_set():
                k += 1
                department = f"组{k}"
                try:
                    answer = client.put(f"/api/v1/merchants/{merchant}/team",
                                        json={"document": team(department), "base_revision": base_revision})
                except httpx.HTTPError as exc:
                    self.errors.append(f"saves({merchant}): {exc!r}")
                    return  # the server is gone
                if answer.status_code == 409:  # the page thread saved in between: go on from the latest
                    base_revision = answer.json()["latest"]["number"]
                    continue
                if answer.status_code == 503:  # SQLite's one writer kept it waiting too long: not saved, try again
                    time.sleep(0.1)
                    continue
                assert answer.status_code in (200, 201), answer.text
                base_revision = answer.json()["number"]
                self.saved[merchant][base_revision] = department

    def conflicts(self, merchant: int) -> None:
        """A signed-in page saving the anchor's department on the first revision: a clash, kept as a draft."""
        with httpx.Client(base_url=self.base, timeout=30) as page:
            token = FIELD.search(page.get("/signin").text).group(1)  # type: ignore[union-attr]
            signed = page.post("/signin", data={"csrf_token": token, "email": "owner@example.com",
                                                "password": PASSWORD})
            assert signed.status_code == 303, signed.text
            csrf = CSRF.search(page.get(f"/m/{merchant}").text).group(1)  # type: ignore[union-attr]
            j = 0
            while not self.stop.is_set():
                j += 1
                rows = [{"name": p["name"], "roles": "、".join(p["roles"]), "reports_to": p.get("reports_to", ""),
                         "department": f"页面{j}" if p["name"] == "主播" else ""} for p in team("")["people"]]
                try:
                    answer = page.post(f"/m/{merchant}/roster.json", headers={"x-csrf-token": csrf},
                                       json={"base_revision": 1, "people": rows})
                except httpx.HTTPError as exc:
                    self.errors.append(f"conflicts({merchant}): {exc!r}")
                    return
                if answer.status_code == 503:
                    time.sleep(0.1)
                    continue
                assert answer.status_code == 200, answer.text
                found = re.search(r"/merge/(\d+)$", answer.json()["location"])
                if found:
                    self.drafts.append(int(found.group(1)))


def server_log(data: Path) -> str:
    """What the servers of this test wrote (their logs in the test's data folder), for a failure message."""
    return "\n".join(log.read_text(errors="replace") for log in sorted(data.glob("server-*.log")))


def test_a_server_killed_mid_burst_keeps_every_answered_save(database: str, tmp_path: Path) -> None:
    token, merchants = prepare(database)
    with server(database, tmp_path) as (base, process):
        burst = Burst(base, token, merchants)
        burst.start()
        deadline = time.monotonic() + 120
        while burst.acknowledged() < 40 or len(burst.drafts) < 3:
            if time.monotonic() > deadline or not all(t.is_alive() for t in burst.threads):
                time.sleep(0.5)  # a thread that just ended has written why
                pytest.fail(f"the burst stalled: {burst.acknowledged()} saves, {len(burst.drafts)} drafts; "
                            f"{burst.errors}; server log:\n{server_log(tmp_path)}")
            time.sleep(0.05)
        os.killpg(process.pid, signal.SIGKILL)  # mid-burst: requests in flight, transactions open
        process.wait(30)
        burst.stop.set()
        for thread in burst.threads:
            thread.join(60)
    assert burst.acknowledged() >= 40
    with server(database, tmp_path) as (base, _):
        headers = {"authorization": f"Bearer {token}"}
        with httpx.Client(base_url=base, headers=headers, timeout=30) as client:
            for merchant, saved in burst.saved.items():
                numbers = [r["number"] for r in client.get(f"/api/v1/merchants/{merchant}/revisions").json()]
                assert sorted(numbers) == list(range(1, max(numbers) + 1)), f"gaps in {merchant}: {numbers}"
                assert set(saved) <= set(numbers)  # every answered save is there …
                for number, department in saved.items():  # … with its own content
                    document = client.get(f"/api/v1/merchants/{merchant}/revisions/{number}").json()["document"]
                    assert document["people"][1]["department"] == department
                latest = client.get(f"/api/v1/merchants/{merchant}/team").json()
                assert latest["number"] == max(numbers)
                assert client.post("/api/v1/check", json=latest["document"]).status_code == 200
        with httpx.Client(base_url=base, timeout=30) as page:
            token_field = FIELD.search(page.get("/signin").text).group(1)  # type: ignore[union-attr]
            page.post("/signin", data={"csrf_token": token_field, "email": "owner@example.com", "password": PASSWORD})
            for draft in burst.drafts:
                kept = page.get(f"/m/{merchants[0]}/merge/{draft}")
                assert kept.status_code == 200, f"draft {draft} lost"
    if database.startswith("sqlite"):
        engine = store.make_engine(database)
        with engine.connect() as conn:
            assert conn.execute(text("PRAGMA integrity_check")).scalar() == "ok"
        engine.dispose()
