"""run_job and submit (jobs/runner.py, jobs/records.py) on SQLite and PostgreSQL: one artefact per key however
often a job runs, a repeated request served from the store at once, bad input failing without retries."""

from __future__ import annotations

from typing import Any

import pytest
from sqlalchemy import func, select

from conftest import TEAM_DOCUMENT
from douyin_team import jobs, store
from douyin_team.jobs.kinds import artefact_key


class Recorder:
    """A dispatcher that only remembers what it was given (the test runs the jobs itself)."""

    def __init__(self) -> None:
        self.queued: list[int] = []

    def enqueue(self, s: Any, job: jobs.Job) -> None:
        self.queued.append(job.id)

    def committed(self, job: jobs.Job) -> None:
        pass


def chart_params(document: dict[str, Any], fmt: str = "svg") -> dict[str, Any]:
    return {"document": document, "fmt": fmt, "lang": "zh", "date": "2026-12-01", "filename": f"team.{fmt}"}


def artefacts(engine: Any) -> int:
    with store.session_factory(engine)() as s:
        return int(s.scalar(select(func.count()).select_from(jobs.Artefact)) or 0)


def test_a_job_run_again_writes_the_same_single_artefact(engine: Any, world: Any) -> None:
    dispatcher = Recorder()
    job = jobs.submit(world.db, dispatcher, world.owner, "chart", chart_params(TEAM_DOCUMENT), world.workspace.id)
    assert dispatcher.queued == [job.id] and job.state == "queued"
    assert jobs.run_job(engine, job.id) == "done"
    with store.session_factory(engine)() as s:
        first = s.get(jobs.Artefact, job.key)
        assert first is not None and first.data.startswith(b"<svg") and first.filename == "team.svg"
        # At-least-once: the queue hands the job out again (its worker died after drawing, before acking).
        row = s.get(jobs.Job, job.id)
        assert row is not None
        row.state = "queued"
        s.commit()
    assert jobs.run_job(engine, job.id) == "done"
    assert artefacts(engine) == 1
    with store.session_factory(engine)() as s:
        row = s.get(jobs.Job, job.id)
        assert row is not None and row.attempts == 1  # the second delivery found the artefact: nothing drawn


def test_two_runs_of_one_key_store_one_artefact_with_the_same_bytes(engine: Any, world: Any) -> None:
    a = jobs.submit(world.db, Recorder(), world.owner, "chart", chart_params(TEAM_DOCUMENT), world.workspace.id)
    with store.session_factory(engine)() as s:  # a second job for the key, as if the first was retried meanwhile
        b = jobs.Job(kind="chart", key=a.key, params=a.params, user_id=world.owner.id, state="queued", done=0,
                     total=0, unit="", attempts=0, error="", worker="")
        s.add(b)
        s.commit()
        b_id = b.id
    assert jobs.run_job(engine, a.id) == jobs.run_job(engine, b_id) == "done"
    assert artefacts(engine) == 1


def test_a_repeated_request_is_served_from_the_store_at_once(engine: Any, world: Any) -> None:
    dispatcher = Recorder()
    first = jobs.submit(world.db, dispatcher, world.owner, "chart", chart_params(TEAM_DOCUMENT), world.workspace.id)
    waiting = jobs.submit(world.db, dispatcher, world.editor, "chart", chart_params(TEAM_DOCUMENT), world.workspace.id)
    assert waiting.id == first.id  # still queued: the same job, not a second one
    jobs.run_job(engine, first.id)
    again = jobs.submit(world.db, dispatcher, world.viewer, "chart", chart_params(TEAM_DOCUMENT), world.workspace.id)
    assert again.state == "done" and again.id != first.id
    assert dispatcher.queued == [first.id]  # nothing queued for the repeat
    artefact = jobs.artefact_of(world.db, again)
    assert artefact is not None and artefact.data.startswith(b"<svg")


def test_a_new_revision_is_a_new_key_and_leaves_the_old_artefact(engine: Any, world: Any) -> None:
    old = chart_params(TEAM_DOCUMENT)
    new = chart_params({**TEAM_DOCUMENT, "people": TEAM_DOCUMENT["people"][:2]})
    assert artefact_key("chart", old) == artefact_key("chart", dict(old))
    assert artefact_key("chart", old) != artefact_key("chart", new)
    assert artefact_key("chart", old) != artefact_key("chart", chart_params(TEAM_DOCUMENT, "png"))
    for params in (old, new):
        jobs.run_job(engine, jobs.submit(world.db, Recorder(), world.owner, "chart", params, world.workspace.id).id)
    assert artefacts(engine) == 2


def test_bad_input_fails_the_job_with_one_line_and_no_retry(engine: Any, world: Any) -> None:
    bad = chart_params({"people": [{"name": "老周", "roles": ["主播"], "reports_to": "不存在的人"}]})
    job = jobs.submit(world.db, Recorder(), world.owner, "chart", bad, world.workspace.id)
    assert jobs.run_job(engine, job.id, final=False) == "failed"  # not raised: the queue does not retry it
    with store.session_factory(engine)() as s:
        row = s.get(jobs.Job, job.id)
        assert row is not None and "不存在的人" in row.error and "\n" not in row.error
    assert artefacts(engine) == 0


def test_an_unexpected_error_is_raised_for_a_retry_and_fails_on_the_last_attempt(
        engine: Any, world: Any, monkeypatch: pytest.MonkeyPatch) -> None:
    from douyin_team.jobs import runner

    calls: list[int] = []

    def broken(params: dict[str, Any]) -> jobs.Output:
        calls.append(1)
        raise OSError("disk full")

    monkeypatch.setitem(runner.KINDS, "chart", broken)
    job = jobs.submit(world.db, Recorder(), world.owner, "chart", chart_params(TEAM_DOCUMENT), world.workspace.id)
    with pytest.raises(OSError):
        jobs.run_job(engine, job.id, final=False)
    with store.session_factory(engine)() as s:
        row = s.get(jobs.Job, job.id)
        assert row is not None and row.state == "queued" and "disk full" in row.error
    with pytest.raises(OSError):
        jobs.run_job(engine, job.id, final=True)
    with store.session_factory(engine)() as s:
        row = s.get(jobs.Job, job.id)
        assert row is not None and row.state == "failed" and row.attempts == 2
    assert len(calls) == 2


def test_a_job_is_seen_only_by_its_workspace(world: Any) -> None:
    job = jobs.submit(world.db, Recorder(), world.editor, "chart", chart_params(TEAM_DOCUMENT), world.workspace.id)
    assert jobs.get_job(world.db, world.viewer, job.id).id == job.id
    with pytest.raises(store.NotFound):
        jobs.get_job(world.db, world.outsider, job.id)
    with pytest.raises(store.NotFound):
        jobs.get_job(world.db, world.owner, 2**40)
