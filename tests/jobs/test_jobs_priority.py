"""Job processes yield the CPU to request serving (jobs/priority.py): the process that ran a job — in the
SQLite default's local pool and under `douyin-team worker` on PostgreSQL — runs at niceness 19 and SCHED_BATCH,
read from the kernel by the pid the job's row names; a wrong $DOUYIN_TEAM_JOB_NICE is one line at start."""

from __future__ import annotations

import os
import subprocess
import sys
from typing import Any

import pytest
from jobwait import finished, wait_for
from test_jobs_local import kit_params, owner, sqlite  # noqa: F401  (fixtures)
from test_jobs_queue import Workers, pg  # noqa: F401  (fixture)
from test_jobs_queue import owner as pg_owner

from douyin_team import jobs, store
from douyin_team.cli import main
from douyin_team.errors import InvalidValue
from douyin_team.jobs.priority import lower_priority


def priority_of(job: jobs.Job) -> tuple[int, int]:
    """(niceness, scheduling policy) of the process that ran the job, as the kernel has them now."""
    pid = int(job.worker.rsplit(":", 1)[1])
    assert pid != os.getpid()
    return os.getpriority(os.PRIO_PROCESS, pid), os.sched_getscheduler(pid)


def run_one(engine: Any, dispatcher: jobs.Dispatcher, user: store.User, workspace: int) -> jobs.Job:
    with store.session_factory(engine)() as s:
        job = jobs.submit(s, dispatcher, user, "kit", {**kit_params(4), "fmt": "xlsx", "filename": "k.xlsx"},
                          workspace)
    done = wait_for(engine, job.id, finished, timeout=300)
    assert done.state == "done", done.error
    return done


def test_the_local_pools_processes_run_low(sqlite: Any, owner: Any) -> None:  # noqa: F811
    pool = jobs.LocalPool(sqlite, processes=1)
    try:
        done = run_one(sqlite, pool, owner[0], owner[1])
        assert priority_of(done) == (19, os.SCHED_BATCH)  # while the pool process lives on
    finally:
        pool.stop()


def test_a_postgresql_workers_processes_run_low(pg: tuple[Any, str]) -> None:  # noqa: F811
    engine, url = pg
    user, workspace = pg_owner(engine)
    workers = Workers(url, 1)
    try:
        done = run_one(engine, jobs.QueueDispatcher(url), user, workspace)
        assert priority_of(done) == (19, os.SCHED_BATCH)
    finally:
        assert workers.stop() == 0


def test_a_wrong_niceness_stops_the_worker_in_one_line(pg: tuple[Any, str], monkeypatch: pytest.MonkeyPatch,  # noqa: F811
                                                       capsys: pytest.CaptureFixture[str]) -> None:
    monkeypatch.setenv("DATABASE_URL", pg[1])
    monkeypatch.setenv("DOUYIN_TEAM_JOB_NICE", "20")
    assert main(["worker", "--processes", "1"]) == 2
    err = capsys.readouterr().err.strip()
    assert len(err.splitlines()) == 1 and "DOUYIN_TEAM_JOB_NICE" in err and "20" in err


def test_the_niceness_is_configurable_and_never_raised() -> None:
    """In fresh processes: DOUYIN_TEAM_JOB_NICE=12 from the test's own niceness (never lower: an unprivileged
    process cannot go back up), 0 leaves the process as it was."""
    code = ("import os; from douyin_team.jobs.priority import lower_priority; "
            "print(lower_priority(), os.sched_getscheduler(0) == os.SCHED_BATCH)")
    own = os.getpriority(os.PRIO_PROCESS, 0)
    for nice, expected in (("12", f"{max(12, own)} True"), ("0", f"{own} False")):
        out = subprocess.run([sys.executable, "-c", code], env={**os.environ, "DOUYIN_TEAM_JOB_NICE": nice},
                             capture_output=True, text=True, check=True).stdout.strip()
        assert out == expected, (nice, out)


def test_a_wrong_niceness_is_refused_before_any_process_starts(sqlite: Any,  # noqa: F811
                                                              monkeypatch: pytest.MonkeyPatch) -> None:
    for wrong in ("20", "-5", "low"):
        monkeypatch.setenv("DOUYIN_TEAM_JOB_NICE", wrong)
        with pytest.raises(InvalidValue) as caught:
            jobs.dispatcher_for(sqlite)  # `serve` starts its local pool with this: refused before any process
        assert caught.value.field == "DOUYIN_TEAM_JOB_NICE" and "0" in (caught.value.hint or "")
        with pytest.raises(InvalidValue):
            lower_priority()
