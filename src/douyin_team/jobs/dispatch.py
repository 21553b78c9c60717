"""Which way an app runs its jobs: PostgreSQL → procrastinate's queue (workers run them, `douyin-team
worker`); SQLite, or DOUYIN_TEAM_JOBS=local → a local process pool inside `serve` (no server to run)."""

from __future__ import annotations

import os

from sqlalchemy import Engine
from sqlalchemy.orm import Session

from ..errors import InvalidValue
from .local import LocalPool
from .priority import job_nice
from .queue import QueueDispatcher, live_workers
from .records import Dispatcher

LOCAL_PROCESSES = 2


def dispatcher_for(engine: Engine) -> Dispatcher:
    """The dispatcher for the app's database, as $DOUYIN_TEAM_JOBS (local|queue) and
    $DOUYIN_TEAM_JOB_PROCESSES (the local pool's size, default 2) say; job processes run at the niceness of
    $DOUYIN_TEAM_JOB_NICE (jobs/priority.py)."""
    job_nice()  # a wrong $DOUYIN_TEAM_JOB_NICE is one line at start, not a pool whose processes die
    mode = os.environ.get("DOUYIN_TEAM_JOBS") or ("queue" if engine.dialect.name == "postgresql" else "local")
    if mode not in ("local", "queue"):
        raise InvalidValue(f"'{mode}' is not a way to run jobs", field="DOUYIN_TEAM_JOBS", hint="use local or queue")
    if mode == "queue":
        if engine.dialect.name != "postgresql":
            raise InvalidValue("the job queue needs PostgreSQL", field="DOUYIN_TEAM_JOBS",
                               hint="set DATABASE_URL=postgresql://…, or DOUYIN_TEAM_JOBS=local")
        return QueueDispatcher(engine.url.render_as_string(hide_password=False))
    text = os.environ.get("DOUYIN_TEAM_JOB_PROCESSES") or str(LOCAL_PROCESSES)
    if not text.isdigit() or not 1 <= int(text) <= 64:
        raise InvalidValue(f"'{text}' is not a number of processes", field="DOUYIN_TEAM_JOB_PROCESSES",
                           hint="e.g. DOUYIN_TEAM_JOB_PROCESSES=2")
    pool = LocalPool(engine, int(text))
    pool.start(engine)
    return pool


def runs_soon(s: Session, dispatcher: Dispatcher) -> bool:
    """Whether a job queued now starts soon: the local pool is the app's own; procrastinate's queue needs a
    worker whose heartbeat is recent (`douyin-team worker` may not be running at all, and then nobody should
    wait for a render). The session's transaction is left open (the caller ends it)."""
    return not isinstance(dispatcher, QueueDispatcher) or live_workers(s) > 0
