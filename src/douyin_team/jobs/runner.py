"""Running one job, the same way under a procrastinate worker and in the local process pool.

At-least-once delivery means a job may run twice (its worker was killed after it finished drawing, a
retry raced a slow first attempt); running it is idempotent: the artefact is stored under its key once
(an existing one is kept), and a job whose artefact already exists is done without drawing anything.
Bad input (the project's own errors) fails the job at once with the one-line message; anything else is
raised for the queue's retry policy, and fails the job on the last attempt. A job cancelled by its requester
(state `cancelled`) stops at its next progress report: the recorder finds its row no longer running.
"""

from __future__ import annotations

import os
import socket
import time
from collections.abc import Callable
from functools import cache
from typing import Any

from sqlalchemy import Engine, select, update
from sqlalchemy.exc import IntegrityError
from sqlalchemy.orm import Session

from .. import progress
from ..errors import DouyinTeamError
from ..store import make_engine
from ..text import Text
from .batch import run_batch
from .kinds import Output, run_chart, run_import, run_kit, run_staff
from .models import Artefact, Job, utcnow

KINDS: dict[str, Callable[[dict[str, Any]], Output]] = {
    "kit": run_kit, "chart": run_chart, "import": run_import, "staff": run_staff, "batch": run_batch,
}
PROGRESS_EVERY = 0.5  # seconds between two progress writes of one job


@cache
def engine_for(url: str) -> Engine:
    """One engine per database URL in a worker process (a small pool: one job at a time)."""
    return make_engine(url, pool_size=2, max_overflow=2)


class ProgressRecorder:
    """A progress listener that writes "done of total unit" into the job's row, at most every half second."""

    def __init__(self, engine: Engine, job_id: int) -> None:
        self.engine, self.job_id, self.last = engine, job_id, 0.0

    def __call__(self, done: int, total: int, what: Text) -> None:
        now = time.monotonic()
        if now - self.last < PROGRESS_EVERY and done != total:
            return
        self.last = now
        with self.engine.begin() as conn:
            written = conn.execute(update(Job).where(Job.id == self.job_id, Job.state == "running")
                                   .values(done=done, total=total, unit=what.en, updated_at=utcnow()))
        if written.rowcount == 0:  # cancelled (web/exports.py): stop drawing for nobody
            raise progress.Cancelled(f"job {self.job_id} was cancelled")


def run_job(engine: Engine, job_id: int, final: bool = True) -> str:
    """Run job `job_id` once; returns its state afterwards (done, failed, or queued when it will be retried)."""
    with Session(engine, expire_on_commit=False) as s:
        job = s.get(Job, job_id)
        if job is None or job.state in ("done", "failed", "cancelled"):
            return job.state if job else "failed"
        if s.get(Artefact, job.key) is not None:  # made already (by this job's earlier run or another job)
            _finish(s, job, "done")
            return "done"
        job.state, job.attempts, job.done, job.total, job.updated_at = "running", job.attempts + 1, 0, 0, utcnow()
        job.worker = f"{socket.gethostname()}:{os.getpid()}"
        s.commit()
        kind, params, key = job.kind, job.params, job.key
    try:
        with progress.listening(ProgressRecorder(engine, job_id)):
            output = KINDS[kind](params)
    except progress.Cancelled:
        return "cancelled"  # its row says so already; nothing is stored
    except DouyinTeamError as err:
        _record(engine, job_id, "failed", str(err))
        return "failed"
    except Exception as exc:
        _record(engine, job_id, "failed" if final else "queued", f"{type(exc).__name__}: {exc}")
        raise
    _store(engine, job_id, key, output)
    return "done"


def _store(engine: Engine, job_id: int, key: str, output: Output) -> None:
    """Keep the artefact (unless another run stored it first) and mark the job done, in one transaction."""
    with Session(engine, expire_on_commit=False) as s:
        if s.get(Artefact, key) is None:
            s.add(Artefact(key=key, media_type=output.media_type, filename=output.filename, size=len(output.data),
                           data=output.data))
            try:
                s.flush()
            except IntegrityError:  # a concurrent run of the same key won: its bytes are the same
                s.rollback()
        job = s.get(Job, job_id)
        if job is not None:
            _finish(s, job, "done")


def _finish(s: Session, job: Job, state: str) -> None:
    job.state, job.updated_at, job.finished_at = state, utcnow(), utcnow()
    if state == "done" and job.total:
        job.done = job.total
    s.commit()


def _record(engine: Engine, job_id: int, state: str, error: str) -> None:
    values: dict[str, Any] = {"state": state, "error": error[:2000], "updated_at": utcnow()}
    if state == "failed":
        values["finished_at"] = utcnow()
    with engine.begin() as conn:
        conn.execute(update(Job).where(Job.id == job_id).values(**values))


def unfinished(engine: Engine, older_than: float) -> list[int]:
    """Jobs left queued or running by a process that is gone (not touched for `older_than` seconds)."""
    import datetime as dt

    cutoff = utcnow() - dt.timedelta(seconds=older_than)
    with Session(engine) as s:
        return list(s.scalars(select(Job.id).where(Job.state.in_(("queued", "running")), Job.updated_at < cutoff)
                              .order_by(Job.id)))
