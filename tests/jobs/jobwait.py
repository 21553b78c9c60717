"""Waiting for a job's row to reach a state (the jobs run in other processes)."""

from __future__ import annotations

import time
from collections.abc import Callable
from typing import Any

from douyin_team import jobs, store


def wait_for(engine: Any, job_id: int, ready: Callable[[jobs.Job], bool], timeout: float = 120.0) -> jobs.Job:
    """The job once `ready(job)` holds; fails the test after `timeout` seconds with the job's last state."""
    deadline = time.monotonic() + timeout
    while True:
        with store.session_factory(engine)() as s:
            job = s.get(jobs.Job, job_id)
            assert job is not None
            if ready(job):
                return job
        if time.monotonic() > deadline:
            raise AssertionError(f"job {job_id} still {job.state} ({job.done}/{job.total} {job.unit}) "
                                 f"after {timeout:.0f} s: {job.error}")
        time.sleep(0.2)


def rendering(job: jobs.Job) -> bool:
    """Mid-render: running, a worker named, some pages laid out."""
    return job.state == "running" and bool(job.worker) and job.done >= 1


def finished(job: jobs.Job) -> bool:
    """Done or failed."""
    return job.state in ("done", "failed")
