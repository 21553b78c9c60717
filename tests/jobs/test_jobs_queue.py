"""Jobs on the real PostgreSQL with procrastinate workers (`douyin-team worker` processes): a worker killed
with SIGKILL mid-render has its job retried by the library's stalled-job sweep into one artefact; two workers
never render one job twice; an agency's batch export of 30 merchants as one job."""

from __future__ import annotations

import os
import re
import signal
import subprocess
import sys
from collections.abc import Iterator
from pathlib import Path
from typing import Any

import pytest
from jobwait import finished, rendering, wait_for
from sqlalchemy import func, select, text

from conftest import TEAM_DOCUMENT, postgres_database
from douyin_team import jobs, store
from samples import big_team

EXE = Path(sys.executable).parent / "douyin-team"


@pytest.fixture
def pg(fast_hashing: None) -> Iterator[tuple[Any, str]]:
    """A migrated PostgreSQL database of its own (its queue holds only this test's jobs), and its URL."""
    with postgres_database() as url:
        engine = store.make_engine(url)
        store.upgrade(engine)
        yield engine, url
        engine.dispose()


class Workers:
    """`douyin-team worker --processes N` as a user starts it, stopped (SIGTERM) at the end; in a process group
    of its own, swept with SIGKILL once stopped, so no worker process outlives the test."""

    def __init__(self, url: str, processes: int) -> None:
        env = {**os.environ, "DATABASE_URL": url}
        self.process = subprocess.Popen([str(EXE), "worker", "--processes", str(processes)], env=env,
                                        stderr=subprocess.PIPE, text=True, start_new_session=True)

    def stop(self) -> int:
        self.process.send_signal(signal.SIGTERM)
        try:
            return self.process.wait(90)
        finally:
            try:
                os.killpg(self.process.pid, signal.SIGKILL)
            except ProcessLookupError:  # every worker process stopped with it
                pass


def owner(engine: Any) -> tuple[Any, int]:
    with store.session_factory(engine)() as s:
        user = store.create_user(s, "owner@example.com", "password owner", "Owner")
        return user, store.create_workspace(s, user, "星河代运营", "agency").id


def queue_rows(engine: Any) -> list[tuple[str, int]]:
    """procrastinate's jobs still in its table (status, attempts): succeeded ones are deleted by the workers."""
    with engine.connect() as conn:
        return [tuple(r) for r in conn.execute(text(
            "SELECT status::text, attempts FROM procrastinate.procrastinate_jobs "
            "WHERE task_name = 'douyin_team.run_job'"))]


def kit(size: int) -> dict[str, Any]:
    return {"document": big_team(size), "fmt": "pdf", "lang": "zh", "date": "2026-12-01", "filename": "kit.pdf"}


def test_a_worker_killed_mid_render_has_its_job_retried_into_one_artefact(pg: tuple[Any, str]) -> None:
    engine, url = pg
    user, workspace = owner(engine)
    workers = Workers(url, 1)
    try:
        with store.session_factory(engine)() as s:
            job = jobs.submit(s, jobs.QueueDispatcher(url), user, "kit", kit(150), workspace)
        running = wait_for(engine, job.id, rendering)
        os.kill(int(running.worker.rsplit(":", 1)[1]), signal.SIGKILL)  # the worker process, mid-render
        done = wait_for(engine, job.id, finished, timeout=240)
        assert done.state == "done", done.error
        assert done.attempts == 2 and done.worker != running.worker
        with store.session_factory(engine)() as s:
            assert s.scalar(select(func.count()).select_from(jobs.Artefact)) == 1
            artefact = jobs.artefact_of(s, done)
            assert artefact is not None and artefact.data.startswith(b"%PDF")
        assert queue_rows(engine) == []  # nothing left to run again: no duplicate
    finally:
        assert workers.stop() == 0


def test_two_workers_never_render_one_job_twice(pg: tuple[Any, str]) -> None:
    engine, url = pg
    user, workspace = owner(engine)
    dispatcher = jobs.QueueDispatcher(url)
    workers = Workers(url, 2)
    try:
        ids = []
        with store.session_factory(engine)() as s:
            for n in range(6):
                document = {**TEAM_DOCUMENT, "merchant": f"商家{n}"}
                params = {"document": document, "fmt": "png", "lang": "zh", "date": "2026-12-01", "filename": "c.png"}
                ids.append(jobs.submit(s, dispatcher, user, "chart", params, workspace).id)
                assert jobs.submit(s, dispatcher, user, "chart", params, workspace).id == ids[-1]  # asked twice
        done = [wait_for(engine, i, finished) for i in ids]
        assert [j.state for j in done] == ["done"] * 6
        assert [j.attempts for j in done] == [1] * 6  # each rendered exactly once
        assert len({j.worker for j in done}) == 2  # by both workers
        with store.session_factory(engine)() as s:
            assert s.scalar(select(func.count()).select_from(jobs.Artefact)) == 6
    finally:
        assert workers.stop() == 0


def test_a_batch_export_of_30_merchants_is_one_job_one_pdf(pg: tuple[Any, str], tmp_path: Path) -> None:
    from douyin_team.web.exports import batch_export

    engine, url = pg
    user, workspace = owner(engine)
    with store.session_factory(engine)() as s:
        for n in range(30):
            merchant = store.create_merchant(s, user, workspace, f"商家{n:02d}", {"monthly_sales": 200000 + n})
            store.save_team(s, user, merchant.id, {**TEAM_DOCUMENT, "merchant": merchant.name}, None)
        params = batch_export(s, user, workspace, "charts", "pdf", "zh", None)
        job = jobs.submit(s, jobs.QueueDispatcher(url), user, "batch", params, workspace)
    workers = Workers(url, 1)
    try:
        done = wait_for(engine, job.id, finished, timeout=240)
        assert done.state == "done", done.error
        assert (done.done, done.total, done.unit) == (30, 30, "merchants")
        with store.session_factory(engine)() as s:
            artefact = jobs.artefact_of(s, done)
            assert artefact is not None
        path = tmp_path / "charts.pdf"
        path.write_bytes(artefact.data)
        info = subprocess.run(["pdfinfo", str(path)], capture_output=True, text=True, check=True).stdout
        pages = int(re.search(r"Pages:\s+(\d+)", info).group(1))  # type: ignore[union-attr]
        assert pages == 32, info  # cover, index, one page per merchant
        words = subprocess.run(["pdftotext", str(path), "-"], capture_output=True, text=True, check=True).stdout
        index = words.split("目录", 1)[1]
        assert all(f"商家{n:02d}" in index for n in range(30))
        assert "商家29" in index and "32" in index  # the last merchant's page number in the index
    finally:
        assert workers.stop() == 0
