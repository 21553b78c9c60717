"""Asking for a job and reading it back: one job row per request, served at once when its artefact exists.

`submit` computes the artefact key from the job's inputs. An artefact already stored under it makes the
job done on the spot (a repeated download costs one lookup); a job for the same key still queued or running
is returned instead of a second one; otherwise a new job row is written and handed to the dispatcher —
in the same transaction, so a job is never queued without its row nor written without being queued.

Who still wants a job: every request that asked for it counts once (the one that made it, and each that
joined it), in the job's `asked` column — not in its params, which are its inputs and name its artefact. A
request that waits for its job and whose client leaves takes its ask back (`give_up`); when no ask is left
the job is cancelled, and its render stops at its next progress report (jobs/runner.py). An export asked for
through the API, or a download sent on to the job's page, never takes its ask back: someone will come for it.
"""

from __future__ import annotations

from typing import Any, Protocol

from sqlalchemy import select, update
from sqlalchemy.orm import Session

from ..store import NotFound, User, role_in
from .kinds import artefact_key
from .models import Artefact, Job, utcnow
from .runner import KINDS

LIVE = ("queued", "running")


class Dispatcher(Protocol):
    """Where new jobs go: procrastinate's queue (jobs/queue.py) or the local pool (jobs/local.py)."""

    def enqueue(self, s: Session, job: Job) -> None:
        """Queue the job, within the session's transaction (before it commits)."""

    def committed(self, job: Job) -> None:
        """The job's row is committed: start it if this dispatcher runs jobs itself."""


def submit(s: Session, dispatcher: Dispatcher, actor: User, kind: str, params: dict[str, Any],
           workspace_id: int | None) -> Job:
    """A job making `kind` from `params` for `actor` (access to the workspace checked by the caller)."""
    assert kind in KINDS, kind
    key = artefact_key(kind, params)
    running = s.scalar(select(Job).where(Job.key == key, Job.state.in_(LIVE)).order_by(Job.id).limit(1))
    if running is not None and _may_read(s, actor, running) and _count(s, running, +1):
        return running
    made = s.scalar(select(Artefact.key).where(Artefact.key == key))
    job = Job(kind=kind, key=key, params=params, state="done" if made else "queued", user_id=actor.id,
              workspace_id=workspace_id, done=0, total=0, unit="", attempts=0, error="", worker="")
    if made:
        job.finished_at = utcnow()
    s.add(job)
    s.flush()
    if not made:
        dispatcher.enqueue(s, job)
    s.commit()
    if not made:
        dispatcher.committed(job)
    return job


def give_up(s: Session, job: Job) -> bool:
    """Take back one request's ask for a queued or running job (its client left while waiting); with no ask
    left the job is cancelled. Returns whether it was; the session's transaction is committed."""
    if not _count(s, job, -1):
        return False
    if job.asked > 0:
        return False
    now = utcnow()
    # Only while still nobody asks: a request joining between the two statements keeps the job going.
    cancelled = s.connection().execute(update(Job).where(Job.id == job.id, Job.state.in_(LIVE), Job.asked == 0)
                                       .values(state="cancelled", updated_at=now, finished_at=now)).rowcount
    s.commit()
    s.refresh(job)
    return bool(cancelled)


def _count(s: Session, job: Job, step: int) -> bool:
    """Add `step` (+1 or -1) to the job's ask count while it is queued or running, in one UPDATE that reads
    the count it changes (two requests joining or leaving at once both count, on SQLite and PostgreSQL
    alike; never below 0). False when the job was finished meanwhile; committed either way."""
    floor = (Job.asked > 0,) if step < 0 else ()
    written = s.connection().execute(update(Job).where(Job.id == job.id, Job.state.in_(LIVE), *floor)
                                     .values(asked=Job.asked + step)).rowcount
    s.commit()
    s.refresh(job)
    return bool(written)


def get_job(s: Session, actor: User, job_id: int) -> Job:
    """The job if the actor asked for it or may see its workspace; NotFound otherwise (never say it exists)."""
    job = s.get(Job, job_id) if 0 < job_id < 2**31 else None
    if job is None or not _may_read(s, actor, job):
        raise NotFound(f"no job {job_id}", field="job_id")
    return job


def _may_read(s: Session, actor: User, job: Job) -> bool:
    if job.user_id == actor.id:
        return True
    return job.workspace_id is not None and role_in(s, actor, job.workspace_id) is not None


def artefact_of(s: Session, job: Job) -> Artefact | None:
    """The job's artefact once it is done (None before)."""
    return s.get(Artefact, job.key) if job.state == "done" else None
