"""Two workers never render the same artefact at once (issue 16): two users ask for the same kit (so two job
rows, one artefact key) while two `douyin-team worker` processes run on PostgreSQL. procrastinate's lock on
the key lets one draw it; the other job then finds the artefact and is done without drawing — its attempts
stay 0. Had both drawn at once, both would show an attempt."""

from __future__ import annotations

from typing import Any

from jobwait import finished, wait_for
from sqlalchemy import func, select
from test_jobs_queue import Workers, kit, pg  # noqa: F401  (fixture)

from douyin_team import jobs, store


def test_two_jobs_of_one_artefact_are_drawn_once_by_two_workers(pg: tuple[Any, str]) -> None:  # noqa: F811
    engine, url = pg
    dispatcher = jobs.QueueDispatcher(url)
    with store.session_factory(engine)() as s:
        first = store.create_user(s, "first@example.com", "password first", "甲")
        second = store.create_user(s, "second@example.com", "password second", "乙")
        params = kit(60)
        one = jobs.submit(s, dispatcher, first, "kit", params, None)
        two = jobs.submit(s, dispatcher, second, "kit", params, None)  # not allowed to see the first: its own row
    assert one.id != two.id and one.key == two.key
    workers = Workers(url, 2)
    try:
        done = [wait_for(engine, j.id, finished, timeout=240) for j in (one, two)]
        assert [j.state for j in done] == ["done", "done"], [j.error for j in done]
        assert sorted(j.attempts for j in done) == [0, 1]  # one drew it; the other found it drawn
        with store.session_factory(engine)() as s:
            assert s.scalar(select(func.count()).select_from(jobs.Artefact)) == 1
    finally:
        assert workers.stop() == 0
