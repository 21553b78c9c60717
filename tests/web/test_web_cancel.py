"""A client that goes away stops its render (issue 17): a real server on a loopback port, a real client that
sends a big chart or kit request and closes its socket mid-render. The proof is the app's state, not a clock:
the render's progress reports stop where the client left (the Watch raised there, middleware.ClientWatch),
the app records the stopped work, and the next request on that worker is answered."""

from __future__ import annotations

import json
import socket
import threading
import time
from collections.abc import Callable, Iterator
from contextlib import contextmanager
from typing import Any

import httpx
import pytest
import uvicorn
from web_server import free_port
from web_support import Browser, bearer, make_app

from douyin_team import progress
from samples import big_team

pytestmark = pytest.mark.usefixtures("fast_hashing")


@contextmanager
def live(app: Any) -> Iterator[str]:
    """uvicorn serving the app on a free loopback port, in a thread of this process (its state readable)."""
    port = free_port()
    server = uvicorn.Server(uvicorn.Config(app, host="127.0.0.1", port=port, log_level="warning", lifespan="off"))
    thread = threading.Thread(target=server.run, daemon=True)
    thread.start()
    deadline = time.monotonic() + 30
    while not server.started:
        assert thread.is_alive() and time.monotonic() < deadline, "the test server did not start"
        time.sleep(0.05)
    try:
        yield f"http://127.0.0.1:{port}"
    finally:
        server.should_exit = True
        thread.join(30)


class Reports:
    """Every progress report the renderers make in this process (a wrapper around progress.report)."""

    def __init__(self, monkeypatch: pytest.MonkeyPatch) -> None:
        self.seen: list[tuple[int, int, str]] = []
        real = progress.report

        def counting(done: int, total: int, what: progress.Text) -> None:
            self.seen.append((done, total, what.en))
            real(done, total, what)

        monkeypatch.setattr(progress, "report", counting)

    def wait(self, ready: Callable[[], bool], what: str, timeout: float = 60.0) -> None:
        deadline = time.monotonic() + timeout
        while not ready():
            assert time.monotonic() < deadline, f"{what}: not after {timeout:.0f} s ({len(self.seen)} reports)"
            time.sleep(0.02)


def send_and_leave(base: str, path: str, headers: dict[str, str], body: bytes, reports: Reports,
                   after: int) -> None:
    """POST `body` over a raw socket, wait until the render has made `after` progress reports, then close."""
    host, port = base.removeprefix("http://").split(":")
    lines = [f"POST {path} HTTP/1.1", f"Host: {host}:{port}", "Content-Type: application/json",
             f"Content-Length: {len(body)}", *(f"{k}: {v}" for k, v in headers.items()), "", ""]
    sock = socket.create_connection((host, int(port)))
    sock.sendall("\r\n".join(lines).encode() + body)
    reports.wait(lambda: len(reports.seen) >= after, "the render did not start")
    sock.close()  # the client gives up mid-render


# A chain of 150, each reporting to the one before: a chart tall enough for many PNG strips (a lead's compact
# columns are not), at the biggest size the API still draws in the request (web/exports.py INLINE_PEOPLE); a
# bigger team is a job, which a client leaving does not stop (its requester cancels it: the test at the end).
@pytest.mark.parametrize(("path", "size", "unit"), [("/api/v1/chart?format=png", 150, "tiles"),
                                                     ("/api/v1/kit?format=xlsx", 150, "tiles")])
def test_a_render_stops_when_its_client_goes_away(engine: Any, monkeypatch: pytest.MonkeyPatch, path: str,
                                                  size: int, unit: str) -> None:
    app = make_app(engine)
    headers = bearer(Browser(app).sign_up("gone@example.com").api_token())
    reports = Reports(monkeypatch)
    with live(app) as base:
        send_and_leave(base, path, headers, json.dumps(big_team(size, span=1)).encode(), reports, after=2)
        reports.wait(lambda: bool(getattr(app.state, "stopped_renders", None)), "the render was not stopped")
        stopped_at = len(reports.seen)
        (line,) = app.state.stopped_renders
        assert line.startswith(f"POST {path.split('?')[0]}: stopped after ") and line.endswith("the client went away")
        done, total, what = reports.seen[-1]
        assert what == unit and 0 < done < total  # it stopped mid-render: the rest was never drawn
        # The worker is free at once: a small chart is answered, and the big render drew nothing more.
        answer = httpx.post(f"{base}/api/v1/chart?format=svg", json=big_team(5), headers=headers, timeout=30)
        assert answer.status_code == 200 and answer.content.lstrip().startswith(b"<")
        assert len(reports.seen) == stopped_at
        assert list(app.state.stopped_renders) == [line]


def test_a_render_whose_client_stays_is_not_stopped(engine: Any, monkeypatch: pytest.MonkeyPatch) -> None:
    app = make_app(engine)
    headers = bearer(Browser(app).sign_up("stays@example.com").api_token())
    reports = Reports(monkeypatch)
    with live(app) as base:
        answer = httpx.post(f"{base}/api/v1/chart?format=png", json=big_team(150, span=1), headers=headers, timeout=120)
    assert answer.status_code == 200 and answer.content.startswith(b"\x89PNG")
    done, total, _ = reports.seen[-1]
    assert done == total > 1 and not getattr(app.state, "stopped_renders", None)


def test_the_api_and_the_job_page_cancel_a_running_export(engine: Any, monkeypatch: pytest.MonkeyPatch) -> None:
    from fastapi.testclient import TestClient

    monkeypatch.setenv("DOUYIN_TEAM_JOBS", "local")
    monkeypatch.setenv("DOUYIN_TEAM_JOB_PROCESSES", "1")
    app = make_app(engine)
    with TestClient(app) as client:  # with its lifespan: the local job pool
        owner = Browser(app).sign_up("owner@example.com", "店主")
        merchant = owner.merchant(owner.workspace())
        headers = bearer(owner.api_token())
        team = big_team(150, "山野茶铺")
        saved = client.put(f"/api/v1/merchants/{merchant}/team", json={"document": team, "base_revision": 1},
                           headers=headers)
        assert saved.status_code in (200, 201), saved.text
        job = client.post(f"/api/v1/merchants/{merchant}/exports", json={"what": "kit", "fmt": "pdf"},
                          headers=headers).json()
        assert job["cancel_url"] == f"/api/v1/jobs/{job['id']}/cancel"
        page = owner.get(job["page"])
        assert "取消任务" in page.text  # the requester's page has the button while the job is not finished
        deadline = time.monotonic() + 120
        while client.get(job["url"], headers=headers).json()["progress"]["done"] < 1:
            assert time.monotonic() < deadline, "the export never started"
            time.sleep(0.2)
        answer = owner.post(f"/jobs/{job['id']}/cancel")  # the page's button
        assert answer.status_code == 303 and answer.headers["location"] == job["page"]
        cancelled = client.get(job["url"], headers=headers).json()
        assert (cancelled["state"], cancelled["state_text"], cancelled["cancel_url"]) == ("cancelled", "已取消", None)
        download = client.get(f"/api/v1/jobs/{job['id']}/artefact", headers=headers)
        assert download.status_code == 409 and download.json()["error"]["message"] == "the job was cancelled"
        again = client.post(job["cancel_url"], headers=headers)
        assert again.status_code == 200 and again.json()["state"] == "cancelled"
        assert "取消任务" not in owner.get(job["page"]).text
