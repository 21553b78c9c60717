"""A client that leaves while it waits on a render's job takes back its ask (issues 16 and 17): the job is
cancelled when nobody else asked for it, and goes on for the others when someone did.

Real sockets that close, a real app served on a loopback port, a real local job pool of one process. The
proof is state, never a clock: the job's row (cancelled, its ask count), the app's record of stopped work,
no artefact, and the pool's next job done by the same process (so the cancelled render let go of it)."""

from __future__ import annotations

import json
import socket
import sys
import threading
from collections.abc import Iterator
from pathlib import Path
from typing import Any

import httpx
import pytest
from jobwait import finished, rendering, wait_for
from sqlalchemy import select

from douyin_team import jobs, store
from douyin_team.web import exports
from douyin_team.web.limits import RenderSlots
from samples import big_team

sys.path.insert(0, str(Path(__file__).resolve().parents[1] / "web"))
from test_web_cancel import live  # noqa: E402
from web_support import Browser, bearer, make_app  # noqa: E402

pytestmark = pytest.mark.usefixtures("fast_hashing")
SIZE = 60  # a kit PDF of 26 pages: still laying out when its client leaves


@pytest.fixture
def site(engine: Any, monkeypatch: pytest.MonkeyPatch) -> Iterator[dict[str, Any]]:
    """The app on a loopback port with a one-process job pool; every API kit PDF a job, and a 150-person
    one waited for (by the API and the page) for as long as the test needs."""
    monkeypatch.setattr(exports, "WAIT_SECONDS", 900.0)
    monkeypatch.setitem(exports.API_WAIT_PEOPLE, ("kit", "pdf"), SIZE)
    monkeypatch.setitem(exports.WAIT_PEOPLE, ("kit", "pdf"), SIZE)
    app = make_app(engine)
    app.state.render_slots = RenderSlots(0)  # no render in the request: each one is a job
    pool = jobs.LocalPool(engine, processes=1)
    pool.start(engine)
    app.state.jobs = pool
    owner = Browser(app).sign_up("owner@example.com", "店主")
    try:
        with live(app) as base:
            yield {"app": app, "engine": engine, "base": base, "owner": owner, "headers": bearer(owner.api_token())}
    finally:
        pool.stop()


def ask(base: str, method: str, path: str, headers: dict[str, str], body: bytes = b"") -> socket.socket:
    """Send one request over a raw socket and leave it waiting for its answer (the caller closes it)."""
    host, port = base.removeprefix("http://").split(":")
    lines = [f"{method} {path} HTTP/1.1", f"Host: {host}:{port}", *(f"{k}: {v}" for k, v in headers.items())]
    if body:
        lines += ["Content-Type: application/json", f"Content-Length: {len(body)}"]
    sock = socket.create_connection((host, int(port)))
    sock.sendall("\r\n".join([*lines, "", ""]).encode() + body)
    return sock


def newest_job(engine: Any, kind: str = "kit") -> jobs.Job:
    """The newest job of `kind` once there is one, rendering."""
    def made() -> jobs.Job | None:
        with store.session_factory(engine)() as s:
            return s.scalar(select(jobs.Job).where(jobs.Job.kind == kind).order_by(jobs.Job.id.desc()).limit(1))

    for _ in range(3000):
        job = made()
        if job is not None:
            return wait_for(engine, job.id, rendering, timeout=300)
        threading.Event().wait(0.1)
    raise AssertionError("no job was made")


def stopped(app: Any, count: int) -> list[str]:
    """The app's record of stopped work once it holds `count` lines."""
    for _ in range(3000):
        lines = list(getattr(app.state, "stopped_renders", None) or [])
        if len(lines) >= count:
            return lines
        threading.Event().wait(0.1)
    raise AssertionError(f"fewer than {count} stopped requests")


def the_pool_let_go(site: dict[str, Any], cancelled: jobs.Job) -> None:
    """The one pool process runs a new job to its end: the cancelled render gave it back, stored nothing."""
    answer = httpx.post(f"{site['base']}/api/v1/kit?format=xlsx", json=big_team(4, "小店"), headers=site["headers"],
                        timeout=300)
    assert answer.status_code == 200 and answer.content[:2] == b"PK", answer.text[:300]
    with store.session_factory(site["engine"])() as s:
        after = s.scalar(select(jobs.Job).where(jobs.Job.params["fmt"].as_string() == "xlsx"))
        assert after is not None and after.state == "done" and after.worker == cancelled.worker
        job = s.get(jobs.Job, cancelled.id)
        assert job is not None and job.state == "cancelled" and job.attempts == 1
        assert 0 < job.done and job.state != "done"  # it laid out some pages, then stopped
        assert s.scalar(select(jobs.Artefact.key).where(jobs.Artefact.key == cancelled.key)) is None


def test_an_api_client_that_leaves_cancels_the_job_nobody_else_asked_for(site: dict[str, Any]) -> None:
    body = json.dumps(big_team(SIZE)).encode()
    sock = ask(site["base"], "POST", "/api/v1/kit?format=pdf", site["headers"], body)
    job = newest_job(site["engine"])
    sock.close()  # the client gives up while its kit is laid out
    done = wait_for(site["engine"], job.id, lambda j: j.state != "running", timeout=300)
    assert done.state == "cancelled" and done.asked == 0
    (line,) = stopped(site["app"], 1)
    assert line.startswith(f"POST /api/v1/kit: stopped waiting for job {job.id} (cancelled: nobody else asked")
    the_pool_let_go(site, job)


def test_a_job_two_clients_wait_for_goes_on_until_both_leave(site: dict[str, Any]) -> None:
    body = json.dumps(big_team(SIZE)).encode()
    first = ask(site["base"], "POST", "/api/v1/kit?format=pdf", site["headers"], body)
    job = newest_job(site["engine"])
    second = ask(site["base"], "POST", "/api/v1/kit?format=pdf", site["headers"], body)  # the same kit: joins
    wait_for(site["engine"], job.id, lambda j: j.asked == 2, timeout=300)
    first.close()
    (line,) = stopped(site["app"], 1)
    assert "it goes on: someone else asked for it" in line
    with store.session_factory(site["engine"])() as s:
        going = s.get(jobs.Job, job.id)
        assert going is not None and going.state == "running" and going.asked == 1
    second.close()
    done = wait_for(site["engine"], job.id, lambda j: j.state != "running", timeout=300)
    assert done.state == "cancelled"
    assert "cancelled: nobody else asked" in stopped(site["app"], 2)[1]
    with store.session_factory(site["engine"])() as s:  # one job for both clients
        assert len(s.scalars(select(jobs.Job.id).where(jobs.Job.key == job.key)).all()) == 1
    the_pool_let_go(site, job)


def test_a_page_download_left_behind_cancels_its_job(site: dict[str, Any]) -> None:
    owner, app = site["owner"], site["app"]
    merchant = owner.merchant(owner.workspace())
    saved = owner.client.put(f"/api/v1/merchants/{merchant}/team", headers=site["headers"],
                             json={"document": big_team(SIZE, "山野茶铺"), "base_revision": 1})
    assert saved.status_code in (200, 201), saved.text
    cookie = owner.client.cookies.get("dt_session")
    assert cookie
    sock = ask(site["base"], "GET", f"/m/{merchant}/kit.pdf?rev=2", {"Cookie": f"dt_session={cookie}"})
    job = newest_job(site["engine"])
    sock.close()  # a GET, no body: heard leaving all the same (middleware.ClientWatch)
    done = wait_for(site["engine"], job.id, lambda j: j.state != "running", timeout=300)
    assert done.state == "cancelled"
    (line,) = stopped(app, 1)
    assert line.startswith(f"GET /m/{merchant}/kit.pdf: stopped waiting for job {job.id} (cancelled")
    the_pool_let_go(site, job)


def test_an_export_asked_through_the_api_is_never_cancelled_by_a_leaving_download(site: dict[str, Any]) -> None:
    """The API export's requester polls for it later: a page download that joined it and left takes back only
    its own ask."""
    owner = site["owner"]
    merchant = owner.merchant(owner.workspace())
    saved = owner.client.put(f"/api/v1/merchants/{merchant}/team", headers=site["headers"],
                             json={"document": big_team(SIZE, "山野茶铺"), "base_revision": 1})
    assert saved.status_code in (200, 201), saved.text
    export = httpx.post(f"{site['base']}/api/v1/merchants/{merchant}/exports", json={"what": "kit", "fmt": "pdf"},
                        headers=site["headers"], timeout=60)
    assert export.status_code == 202, export.text
    job = wait_for(site["engine"], export.json()["id"], rendering, timeout=300)
    cookie = owner.client.cookies.get("dt_session")
    sock = ask(site["base"], "GET", f"/m/{merchant}/kit.pdf?rev=2&lang=zh", {"Cookie": f"dt_session={cookie}"})
    wait_for(site["engine"], job.id, lambda j: j.asked == 2, timeout=300)
    sock.close()
    assert "it goes on: someone else asked for it" in stopped(site["app"], 1)[0]
    done = wait_for(site["engine"], job.id, finished, timeout=900)
    assert done.state == "done", done.error


class Held:
    """A dispatcher that queues nothing: the jobs stay queued while the test counts their asks."""

    def enqueue(self, s: Any, job: jobs.Job) -> None:
        """Nothing: the row is the queue."""

    def committed(self, job: jobs.Job) -> None:
        """Nothing runs them."""


def test_asks_are_counted_under_concurrent_joins_and_leaves(engine: Any) -> None:
    """Eight requests join a job at once and leave at once: every join counts (one UPDATE of the count each,
    on SQLite and PostgreSQL), the job is cancelled exactly once, by the last to leave; a finished job is never cancelled."""
    sessions = store.session_factory(engine)
    with sessions() as s:
        user = store.create_user(s, "owner@example.com", "password owner", "Owner")
        workspace = store.create_workspace(s, user, "星河代运营", "agency").id
        params = {"document": big_team(4), "fmt": "pdf", "lang": "zh", "date": "2026-12-01", "filename": "kit.pdf"}
        first = jobs.submit(s, Held(), user, "kit", params, workspace)
    results: list[Any] = []

    def each(work: Any) -> None:
        threads = [threading.Thread(target=lambda: results.append(work())) for _ in range(8)]
        for t in threads:
            t.start()
        for t in threads:
            t.join()

    def join() -> int:
        with sessions() as s:
            return jobs.submit(s, Held(), user, "kit", params, workspace).id

    each(join)
    assert results == [first.id] * 8
    with sessions() as s:
        job = s.get(jobs.Job, first.id)
        assert job is not None and job.asked == 9 and job.state == "queued"
        assert job.params == params and job.key == jobs.artefact_key("kit", job.params)  # the count is no input
    results.clear()

    def leave() -> bool:
        with sessions() as s:
            found = s.get(jobs.Job, first.id)
            assert found is not None
            return jobs.give_up(s, found)

    each(leave)
    assert sorted(results) == [False] * 8  # one ask (the first request's) is left
    with sessions() as s:
        job = s.get(jobs.Job, first.id)
        assert job is not None and job.state == "queued" and job.asked == 1
        assert jobs.give_up(s, job) is True and job.state == "cancelled" and job.finished_at is not None
        assert jobs.give_up(s, job) is False  # gone already
        done = jobs.submit(s, Held(), user, "kit", {**params, "fmt": "md", "filename": "k.md"}, workspace)
        done.state = "done"
        s.commit()
        assert jobs.give_up(s, done) is False and done.state == "done"
