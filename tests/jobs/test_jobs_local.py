"""The SQLite default: jobs in a local process pool (jobs/local.py) — the same job rows and run_job as the
workers, a pool process killed with SIGKILL mid-render retried, and one artefact."""

from __future__ import annotations

import os
import signal
from pathlib import Path
from typing import Any

import pytest
from jobwait import finished, rendering, wait_for
from sqlalchemy import func, select

from douyin_team import jobs, store
from samples import big_team


@pytest.fixture
def sqlite(tmp_path: Path) -> Any:
    engine = store.make_engine(f"sqlite:///{tmp_path / 'jobs.sqlite'}")
    store.upgrade(engine)
    yield engine
    engine.dispose()


@pytest.fixture
def owner(sqlite: Any, fast_hashing: None) -> Any:
    with store.session_factory(sqlite)() as s:
        user = store.create_user(s, "owner@example.com", "password owner", "Owner")
        workspace = store.create_workspace(s, user, "星河代运营", "agency")
    return user, workspace.id


def kit_params(size: int) -> dict[str, Any]:
    return {"document": big_team(size), "fmt": "pdf", "lang": "zh", "date": "2026-12-01", "filename": "kit.pdf"}


def test_the_local_pool_runs_a_job_to_its_artefact(sqlite: Any, owner: Any) -> None:
    pool = jobs.LocalPool(sqlite, processes=1)
    try:
        with store.session_factory(sqlite)() as s:
            job = jobs.submit(s, pool, owner[0], "kit", {**kit_params(4), "fmt": "xlsx", "filename": "kit.xlsx"},
                              owner[1])
        done = wait_for(sqlite, job.id, finished)
        assert done.state == "done", done.error
        with store.session_factory(sqlite)() as s:
            artefact = jobs.artefact_of(s, done)
            assert artefact is not None and artefact.data[:2] == b"PK"  # an xlsx is a zip
    finally:
        pool.stop()


def test_a_pool_process_killed_mid_render_is_retried_into_one_artefact(sqlite: Any, owner: Any) -> None:
    pool = jobs.LocalPool(sqlite, processes=1)
    try:
        with store.session_factory(sqlite)() as s:
            job = jobs.submit(s, pool, owner[0], "kit", kit_params(150), owner[1])
        running = wait_for(sqlite, job.id, rendering)
        pid = int(running.worker.rsplit(":", 1)[1])
        os.kill(pid, signal.SIGKILL)
        done = wait_for(sqlite, job.id, finished, timeout=180)
        assert done.state == "done", done.error
        assert done.attempts == 2 and done.worker != running.worker  # a new process ran it again
        with store.session_factory(sqlite)() as s:
            assert s.scalar(select(func.count()).select_from(jobs.Artefact)) == 1
            artefact = jobs.artefact_of(s, done)
            assert artefact is not None and artefact.data.startswith(b"%PDF")
    finally:
        pool.stop()


def test_jobs_a_stopped_serve_left_behind_run_when_the_next_starts(sqlite: Any, owner: Any,
                                                                    monkeypatch: pytest.MonkeyPatch) -> None:
    from douyin_team.jobs import local

    class Nowhere:
        def enqueue(self, s: Any, job: jobs.Job) -> None:
            pass

        def committed(self, job: jobs.Job) -> None:
            pass  # the process that queued it stopped before running it

    with store.session_factory(sqlite)() as s:
        job = jobs.submit(s, Nowhere(), owner[0], "chart", {**kit_params(4), "fmt": "svg", "filename": "c.svg"},
                          owner[1])
    monkeypatch.setattr(local, "LEFT_BEHIND", 0.0)
    pool = jobs.LocalPool(sqlite, processes=1)
    try:
        pool.start(sqlite)
        assert wait_for(sqlite, job.id, finished).state == "done"
    finally:
        pool.stop()


def test_a_big_kit_pdf_is_laid_out_in_pieces_by_a_pool_process(sqlite: Any, owner: Any,
                                                                monkeypatch: pytest.MonkeyPatch) -> None:
    """DOUYIN_TEAM_PDF_PROCESSES=2: the pool's process lays the kit's parts out on two more processes; the
    job records the pages laid out over both, then the pages of the total; the artefact has the whole's pages."""
    import io

    from pypdf import PdfReader

    from douyin_team.jobs.kinds import BIG_KIT, kit_bytes
    from douyin_team.progress import LAYOUT

    monkeypatch.setenv("DOUYIN_TEAM_PDF_PROCESSES", "2")
    pool = jobs.LocalPool(sqlite, processes=1)
    try:
        with store.session_factory(sqlite)() as s:
            job = jobs.submit(s, pool, owner[0], "kit", kit_params(BIG_KIT), owner[1])
        pieces = wait_for(sqlite, job.id, lambda j: (j.unit == LAYOUT.en and j.done >= 1) or finished(j), timeout=300)
        assert pieces.state == "running", (pieces.state, pieces.error)  # "排版中：第12页，约共70页" so far
        done = wait_for(sqlite, job.id, finished, timeout=300)
        assert done.state == "done", done.error
        with store.session_factory(sqlite)() as s:
            artefact = jobs.artefact_of(s, done)
            assert artefact is not None
            pages = len(PdfReader(io.BytesIO(artefact.data)).pages)
    finally:
        pool.stop()
    assert (done.unit, done.done, done.total) == ("pages", pages, pages)
    monkeypatch.setenv("DOUYIN_TEAM_PDF_PROCESSES", "1")
    whole = kit_bytes(kit_params(BIG_KIT)["document"], "pdf", "zh", "2026-12-01")
    assert len(PdfReader(io.BytesIO(whole)).pages) == pages


def test_a_wrong_number_of_pdf_processes_is_one_clear_line(monkeypatch: pytest.MonkeyPatch) -> None:
    from douyin_team.errors import InvalidValue
    from douyin_team.jobs.kinds import pdf_processes

    for bad in ("0", "many", "99"):
        monkeypatch.setenv("DOUYIN_TEAM_PDF_PROCESSES", bad)
        with pytest.raises(InvalidValue, match="is not a number of processes") as err:
            pdf_processes()
        assert err.value.field == "DOUYIN_TEAM_PDF_PROCESSES" and "DOUYIN_TEAM_PDF_PROCESSES=2" in str(err.value.hint)


def test_stopping_the_pool_with_jobs_waiting_leaves_them_for_the_next_start(
        sqlite: Any, owner: Any, caplog: pytest.LogCaptureFixture) -> None:
    """`serve` stopping drops the jobs its pool had not started (no error from their callbacks), and the next
    pool started on the database runs them (they were left queued)."""
    pool = jobs.LocalPool(sqlite, processes=1)
    with store.session_factory(sqlite)() as s:
        waiting = [jobs.submit(s, pool, owner[0], "kit", {**kit_params(4 + n), "fmt": "md", "filename": "k.md"},
                               owner[1]).id for n in range(4)]
    pool.stop()
    assert not [r for r in caplog.records if r.name == "concurrent.futures"], caplog.text
    with store.session_factory(sqlite)() as s:
        left = [job_id for job_id in waiting if s.get(jobs.Job, job_id).state == "queued"]  # type: ignore[union-attr]
    assert left  # at least the last ones never started
    import datetime as dt

    with sqlite.begin() as conn:  # as if the stopped serve was a minute ago
        conn.execute(jobs.Job.__table__.update().values(updated_at=jobs.models.utcnow() - dt.timedelta(minutes=5)))
    again = jobs.LocalPool(sqlite, processes=1)
    again.start(sqlite)
    try:
        for job_id in left:
            assert wait_for(sqlite, job_id, finished, timeout=300).state == "done"
    finally:
        again.stop()
