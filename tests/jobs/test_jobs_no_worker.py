"""On PostgreSQL with no job worker running (issue #16): an API render or a page download that is a job answers
with the job at once — 202, or the job's page — instead of waiting WAIT_SECONDS for nobody. With a live worker
(its heartbeat recent in procrastinate's `procrastinate_workers`) a short render is still waited for and sent.

The proof is state, never a clock: how often the request looked at its job again while waiting (none without a
worker), the answer's status, and the job's row."""

from __future__ import annotations

import sys
import time
from collections.abc import Iterator
from pathlib import Path
from typing import Any

import pytest
from fastapi.testclient import TestClient
from jobwait import finished, wait_for
from sqlalchemy import text
from test_jobs_queue import Workers, pg  # noqa: F401  (fixture)

from conftest import TEAM_DOCUMENT
from douyin_team import jobs, store
from douyin_team.jobs.queue import live_workers
from douyin_team.web import exports

sys.path.insert(0, str(Path(__file__).resolve().parents[1] / "web"))
from web_support import Browser, bearer, make_app  # noqa: E402


@pytest.fixture
def site(pg: tuple[Any, str], monkeypatch: pytest.MonkeyPatch) -> Iterator[dict[str, Any]]:  # noqa: F811
    """The app on its own PostgreSQL database with the default job queue (procrastinate), no worker started;
    a render waited for as long as the test needs, and every look again at a waited-for job counted."""
    engine, url = pg
    monkeypatch.delenv("DOUYIN_TEAM_JOBS", raising=False)
    monkeypatch.setattr(exports, "WAIT_SECONDS", 900.0)  # had it waited for nobody, the test would stall here
    looks: list[int] = []
    reread = exports._reread
    monkeypatch.setattr(exports, "_reread", lambda db, job: (looks.append(job.id), reread(db, job))[1])
    app = make_app(engine)
    with TestClient(app) as client:
        assert isinstance(app.state.jobs, jobs.QueueDispatcher)
        browser = Browser(app).sign_up("queue@example.com", "店主")
        merchant = browser.merchant(browser.workspace())
        yield {"engine": engine, "url": url, "client": client, "browser": browser, "merchant": merchant,
               "headers": bearer(browser.api_token()), "looks": looks}


def team(name: str) -> dict[str, Any]:
    """A small team (a kit PDF of a few seconds, waited for when a worker runs), one artefact per name."""
    return {**TEAM_DOCUMENT, "merchant": name}


def registered(engine: Any, timeout: float = 120.0) -> None:
    """Once a started worker has sent its first heartbeat (before it, the app rightly sees no worker)."""
    deadline = time.monotonic() + timeout
    while True:
        with store.session_factory(engine)() as s:
            if live_workers(s) > 0:
                return
        assert time.monotonic() < deadline, "the worker never sent a heartbeat"
        time.sleep(0.2)


def test_without_a_worker_a_kit_pdf_is_answered_202_at_once_and_with_one_it_is_waited_for(
        site: dict[str, Any]) -> None:
    client, headers, engine, looks = site["client"], site["headers"], site["engine"], site["looks"]
    answer = client.post("/api/v1/kit?format=pdf&date=2026-12-01", json=team("无人店"), headers=headers)
    assert answer.status_code == 202, answer.text[:300]
    job = answer.json()
    assert job["state"] == "queued" and answer.headers["location"] == job["url"]
    download = site["browser"].get(f"/m/{site['merchant']}/kit.pdf")  # the page's download: the job's page
    assert download.status_code == 303 and download.headers["location"].startswith("/jobs/")
    assert looks == []  # neither looked at its job again: nobody was there to run it

    workers = Workers(site["url"], 1)
    try:
        registered(engine)
        assert wait_for(engine, job["id"], finished).state == "done"  # the queued job is run once a worker is up
        waited = client.post("/api/v1/kit?format=pdf&date=2026-12-01", json=team("有人店"), headers=headers)
        assert waited.status_code == 200 and waited.content.startswith(b"%PDF")  # drawn by the worker, sent
        assert looks  # it waited for its job
    finally:
        assert workers.stop() == 0
    with store.session_factory(engine)() as s:
        assert live_workers(s) == 0  # a stopped worker takes its row away
    looks.clear()
    again = client.post("/api/v1/kit?format=pdf&date=2026-12-01", json=team("又无人"), headers=headers)
    assert again.status_code == 202 and looks == []


def test_a_worker_whose_heartbeat_stopped_is_not_waited_for(site: dict[str, Any]) -> None:
    """A worker killed with SIGKILL leaves its row, its heartbeat ageing: older than STALLED, it runs nothing."""
    engine = site["engine"]
    with engine.begin() as conn:
        conn.execute(text("INSERT INTO procrastinate.procrastinate_workers (last_heartbeat) "
                          "VALUES (now() - interval '1 minute')"))
    with store.session_factory(engine)() as s:
        assert live_workers(s) == 0
    answer = site["client"].post("/api/v1/kit?format=pdf&date=2026-12-01", json=team("停跳店"),
                                 headers=site["headers"])
    assert answer.status_code == 202 and answer.json()["state"] == "queued" and site["looks"] == []
