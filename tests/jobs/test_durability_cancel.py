"""A job its requester cancels stops rendering (issue 17): in the SQLite default's local pool and under a
`douyin-team worker` on PostgreSQL. The proof is state: with one worker process, a job started after the
cancelled one can only run once that process let go of it; had the cancelled render gone on, it would have
stored its artefact first. So: the next job is done by the same process, the cancelled one stored nothing,
and its progress stopped where it was cancelled."""

from __future__ import annotations

from typing import Any

from jobwait import finished, rendering, wait_for
from sqlalchemy import select
from test_jobs_local import kit_params, owner, sqlite  # noqa: F401  (fixtures)
from test_jobs_queue import Workers, pg  # noqa: F401  (fixture)
from test_jobs_queue import owner as pg_owner

from douyin_team import jobs, store
from douyin_team.web.exports import cancel_job


def cancel_then_run_another(engine: Any, dispatcher: jobs.Dispatcher, user: store.User, workspace: int) -> None:
    with store.session_factory(engine)() as s:
        big = jobs.submit(s, dispatcher, user, "kit", kit_params(150), workspace)
    running = wait_for(engine, big.id, rendering)
    with store.session_factory(engine)() as s:
        assert cancel_job(s, user, big.id).state == "cancelled"
    with store.session_factory(engine)() as s:
        small = jobs.submit(s, dispatcher, user, "kit", {**kit_params(4), "fmt": "xlsx", "filename": "k.xlsx"},
                            workspace)
    done = wait_for(engine, small.id, finished, timeout=240)
    assert done.state == "done", done.error
    assert done.worker == running.worker  # the same process, free again: it was not killed, it stopped
    with store.session_factory(engine)() as s:
        cancelled = s.get(jobs.Job, big.id)
        assert cancelled is not None and cancelled.state == "cancelled" and cancelled.attempts == 1
        assert 0 < cancelled.done  # laid out some pages (against an estimated total), never finished
        assert s.scalar(select(jobs.Artefact.key).where(jobs.Artefact.key == big.key)) is None
        assert jobs.artefact_of(s, cancelled) is None


def test_a_cancelled_job_stops_in_the_local_pool(sqlite: Any, owner: Any) -> None:  # noqa: F811
    pool = jobs.LocalPool(sqlite, processes=1)
    try:
        cancel_then_run_another(sqlite, pool, owner[0], owner[1])
    finally:
        pool.stop()


def test_a_cancelled_job_stops_on_a_postgresql_worker(pg: tuple[Any, str]) -> None:  # noqa: F811
    engine, url = pg
    user, workspace = pg_owner(engine)
    workers = Workers(url, 1)
    try:
        cancel_then_run_another(engine, jobs.QueueDispatcher(url), user, workspace)
    finally:
        assert workers.stop() == 0


def test_only_the_requester_cancels_and_a_finished_job_stays_done(sqlite: Any, owner: Any) -> None:  # noqa: F811
    pool = jobs.LocalPool(sqlite, processes=1)
    try:
        with store.session_factory(sqlite)() as s:
            job = jobs.submit(s, pool, owner[0], "kit", {**kit_params(4), "fmt": "md", "filename": "k.md"}, owner[1])
        assert wait_for(sqlite, job.id, finished).state == "done"
        with store.session_factory(sqlite)() as s:
            colleague = store.create_user(s, "colleague@example.com", "password colleague", "同事")
            colleague.email_verified_at = job.created_at  # verified: joins at once rather than by an invite
            s.commit()
            store.add_member(s, owner[0], owner[1], colleague.email, "editor")
            try:
                cancel_job(s, colleague, job.id)
                raise AssertionError("a colleague cancelled someone else's job")
            except store.Forbidden as err:
                assert err.field == "job_id"
            assert cancel_job(s, owner[0], job.id).state == "done"
    finally:
        pool.stop()
