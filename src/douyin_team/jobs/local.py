"""Jobs without a server: with SQLite (the default) `serve` runs them in a local pool of processes.

The same job rows, the same `run_job` and the same retry policy as the procrastinate workers, so the pages
and the API cannot tell the difference. A pool process that dies (killed, out of memory) breaks the pool:
a new pool is made and the job is run again, up to the same number of attempts. Jobs a stopped `serve`
left unfinished are run again when the next one starts. A pool process whose `serve` is gone (killed with
SIGKILL, out of memory) ends too (lifeline.py); its job is one a stopped `serve` left behind.
"""

from __future__ import annotations

import multiprocessing
import os
import threading
from concurrent.futures import Future, ProcessPoolExecutor
from concurrent.futures.process import BrokenProcessPool

from sqlalchemy import Engine
from sqlalchemy.orm import Session

from ..lifeline import exit_with_parent
from .kinds import warm_up
from .models import Job
from .priority import lower_priority
from .queue import RETRIES
from .runner import engine_for, run_job, unfinished

LEFT_BEHIND = 60.0  # seconds: a queued or running job untouched this long was left by a process that is gone


def _started(parent: int) -> None:
    """A pool process's first step: yield the CPU (before any thread starts, jobs/priority.py), and end with
    the process that made the pool."""
    lower_priority()
    exit_with_parent(parent)


def _run(url: str, job_id: int, final: bool) -> str:
    """In a pool process: run the job on this process's own engine."""
    return run_job(engine_for(url), job_id, final=final)


class LocalPool:
    """A process pool that runs submitted job ids, retrying failures up to 1 + RETRIES runs in all."""

    def __init__(self, engine: Engine, processes: int = 2) -> None:
        self.url = engine.url.render_as_string(hide_password=False)
        self.processes = processes
        self._lock = threading.Lock()
        self._pool: ProcessPoolExecutor | None = None
        self._pending: set[Future[str]] = set()

    def start(self, engine: Engine) -> None:
        """Start the pool (its processes warmed up), and run again the jobs a stopped process left behind."""
        pool = self._executor()
        for _ in range(self.processes):
            pool.submit(warm_up)
        for job_id in unfinished(engine, LEFT_BEHIND):
            self.run(job_id)

    def _executor(self) -> ProcessPoolExecutor:
        with self._lock:
            if self._pool is None:
                # Each process yields the CPU to the web workers beside it, and ends with this one (`_started`).
                self._pool = ProcessPoolExecutor(self.processes, mp_context=multiprocessing.get_context("spawn"),
                                                 initializer=_started, initargs=(os.getpid(),))
            return self._pool

    def run(self, job_id: int, attempt: int = 0) -> None:
        """Run the job in a pool process; on an error (or a dead process) run it again until the last attempt."""
        try:
            future = self._executor().submit(_run, self.url, job_id, attempt >= RETRIES)
        except (BrokenProcessPool, RuntimeError):
            self._renew()
            future = self._executor().submit(_run, self.url, job_id, attempt >= RETRIES)
        self._pending.add(future)

        def done(f: Future[str]) -> None:
            self._pending.discard(f)
            if f.cancelled():  # `stop` dropped it before it started: run again by the next `serve` (start)
                return
            error = f.exception()
            if isinstance(error, BrokenProcessPool):
                self._renew()
            if error is not None and attempt < RETRIES:
                self.run(job_id, attempt + 1)

        future.add_done_callback(done)

    def _renew(self) -> None:
        with self._lock:
            if self._pool is not None:
                self._pool.shutdown(wait=False, cancel_futures=False)
            self._pool = None

    def pids(self) -> list[int]:
        """The pool's process ids (for tests and `serve`'s log)."""
        pool = self._executor()
        return list(getattr(pool, "_processes", {}) or {})

    def stop(self) -> None:
        """Let the jobs in hand finish, then stop the processes."""
        with self._lock:
            pool, self._pool = self._pool, None
        if pool is not None:
            pool.shutdown(wait=True, cancel_futures=True)

    # The Dispatcher protocol (jobs/records.py)
    def enqueue(self, s: Session, job: Job) -> None:
        """Nothing to write: the job row is the queue."""

    def committed(self, job: Job) -> None:
        """Start the job now that its row is committed."""
        self.run(job.id)
