"""Migration 0006_job_asked on SQLite and PostgreSQL with job rows in place: a job's ask count moves from its
params ("_asked") to the `asked` column and back, and no row's params or artefact key change meaning."""

from __future__ import annotations

import datetime as dt
from collections.abc import Iterator
from pathlib import Path
from typing import Any

import pytest
import sqlalchemy as sa
from alembic import command

from conftest import postgres_database
from douyin_team import jobs, store
from douyin_team.jobs.kinds import artefact_key
from douyin_team.store import make_engine, upgrade
from douyin_team.store.engine import alembic_config

BEFORE = "0005_archive_titles"
THEN = dt.datetime(2026, 12, 1, 8, 0)
JOBS = sa.table("jobs", *(sa.column(name, sa.String()) for name in ("kind", "key", "state", "unit", "error", "worker")),
                *(sa.column(name, sa.Integer()) for name in ("id", "done", "total", "attempts")),
                sa.column("created_at", sa.DateTime()), sa.column("updated_at", sa.DateTime()),
                sa.column("params", sa.JSON()))
ARTEFACTS = sa.table("artefacts", sa.column("key", sa.String()), sa.column("media_type", sa.String()),
                     sa.column("filename", sa.String()), sa.column("size", sa.Integer()),
                     sa.column("data", sa.LargeBinary()), sa.column("created_at", sa.DateTime()))
# (state, the params' "_asked" before the migration, None when missing): made and never joined; joined twice;
# everyone left (cancelled); joined once and left again; done after two asks.
ROWS = [("done", None), ("running", 3), ("cancelled", 0), ("queued", 1), ("done", 2)]


@pytest.fixture(params=["sqlite", "postgresql"])
def old_engine(request: pytest.FixtureRequest, tmp_path: Path) -> Iterator[Any]:
    """A database at the revision before 0006 holding jobs as the old code wrote them."""
    if request.param == "sqlite":
        engine = make_engine(f"sqlite:///{tmp_path / 'old.sqlite'}")
        yield _with_old_jobs(engine)
        engine.dispose()
        return
    with postgres_database() as url:
        engine = make_engine(url)
        yield _with_old_jobs(engine)
        engine.dispose()


def inputs(n: int) -> dict[str, Any]:
    """A chart job's params (its inputs) as the app computes the artefact key from them."""
    return {"document": {"name": f"店{n}", "people": [{"name": "小美", "posts": ["host"]}]}, "fmt": "png",
            "lang": "zh", "date": "2026-12-01", "filename": f"chart-{n}.png", "ratio": 1.5}


def _with_old_jobs(engine: Any) -> Any:
    assert upgrade(engine, BEFORE) == BEFORE
    with engine.begin() as conn:
        for n, (state, asked) in enumerate(ROWS):
            params = inputs(n) if asked is None else {**inputs(n), "_asked": asked}
            conn.execute(sa.insert(JOBS).values(kind="chart", key=artefact_key("chart", inputs(n)), params=params,
                                                state=state, done=0, total=0, unit="", attempts=1, error="",
                                                worker="", created_at=THEN, updated_at=THEN))
        conn.execute(sa.insert(ARTEFACTS).values(key=artefact_key("chart", inputs(0)), media_type="image/png",
                                                 filename="chart-0.png", size=3, data=b"PNG", created_at=THEN))
    return engine


def rows(engine: Any) -> list[dict[str, Any]]:
    with engine.connect() as conn:
        return [dict(r._mapping) for r in conn.execute(sa.select(JOBS.c.key, JOBS.c.params).order_by(JOBS.c.id))]


def counts(engine: Any) -> list[int]:
    with engine.connect() as conn:
        return list(conn.execute(sa.text("SELECT asked FROM jobs ORDER BY id")).scalars())


def downgrade(engine: Any, revision: str) -> None:
    config = alembic_config()
    with engine.begin() as conn:
        config.attributes["connection"] = conn
        command.downgrade(config, revision)


def test_upgrade_moves_the_ask_count_into_its_column_and_keeps_every_key(old_engine: Any) -> None:
    keys = [row["key"] for row in rows(old_engine)]
    upgrade(old_engine)
    assert counts(old_engine) == [1, 3, 0, 1, 2]  # a missing "_asked" meant 1
    after = rows(old_engine)
    assert [row["params"] for row in after] == [inputs(n) for n in range(len(ROWS))]  # exactly the inputs
    # The stored keys are untouched, and each is again the key of the row's own params.
    assert [row["key"] for row in after] == keys == [artefact_key("chart", row["params"]) for row in after]
    with old_engine.connect() as conn:
        assert conn.execute(sa.text("SELECT key FROM artefacts")).scalars().all() == [keys[0]]


def test_the_new_code_counts_asks_on_migrated_rows(old_engine: Any) -> None:
    upgrade(old_engine)
    with store.session_factory(old_engine)() as s:
        running, queued = s.get(jobs.Job, 2), s.get(jobs.Job, 4)
        assert running is not None and queued is not None
        assert jobs.give_up(s, running) is False and running.asked == 2 and running.state == "running"
        assert jobs.give_up(s, queued) is True and queued.asked == 0 and queued.state == "cancelled"
        assert running.params == inputs(1) and queued.params == inputs(3)


def test_downgrade_puts_the_counts_back_into_the_params_and_up_again(old_engine: Any) -> None:
    upgrade(old_engine)
    with store.session_factory(old_engine)() as s:  # the new code counts: one of the running job's asks leaves
        running = s.get(jobs.Job, 2)
        assert running is not None and jobs.give_up(s, running) is False
    downgrade(old_engine, BEFORE)
    with old_engine.connect() as conn:
        assert "asked" not in {c["name"] for c in sa.inspect(conn).get_columns("jobs")}
    back = [row["params"] for row in rows(old_engine)]
    # A count of 1 goes back as a missing key, which the old code read as 1.
    assert back == [inputs(0), {**inputs(1), "_asked": 2}, {**inputs(2), "_asked": 0}, inputs(3),
                    {**inputs(4), "_asked": 2}]
    upgrade(old_engine)
    assert counts(old_engine) == [1, 2, 0, 1, 2]
    assert [row["params"] for row in rows(old_engine)] == [inputs(n) for n in range(len(ROWS))]
