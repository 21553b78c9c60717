"""RecentCallers: API tokens trusted for a few seconds by the compute endpoints, confirmed ahead of time."""

from __future__ import annotations

import pytest

from douyin_team.web import callers
from douyin_team.web.callers import RecentCallers


def test_a_token_is_trusted_for_its_time_and_one_call_confirms_it_ahead(monkeypatch: pytest.MonkeyPatch) -> None:
    now = [100.0]
    monkeypatch.setattr(callers.time, "monotonic", lambda: now[0])
    recent = RecentCallers(ttl=10)
    assert recent.get("dt_a") == (None, True)  # never seen: ask the database
    recent.remember("dt_a", 7)
    now[0] = 104.0
    assert recent.get("dt_a") == (7, False)
    now[0] = 106.0  # past half its time: the first caller confirms, the others go on meanwhile
    assert recent.get("dt_a") == (7, True)
    assert recent.get("dt_a") == (7, False)
    recent.remember("dt_a", 7)  # confirmed: trusted for another 10 s
    now[0] = 110.0
    assert recent.get("dt_a") == (7, False)
    now[0] = 112.0
    assert recent.get("dt_a") == (7, True)
    recent.forget("dt_a")  # the database no longer knows it
    assert recent.get("dt_a") == (None, True)
    recent.remember("dt_b", 8)
    now[0] = 127.0  # not confirmed in time: not trusted
    assert recent.get("dt_b") == (None, True)


def test_no_time_means_no_trust_and_the_oldest_token_goes_first() -> None:
    off = RecentCallers(ttl=0)
    off.remember("dt_a", 1)
    assert off.get("dt_a") == (None, True)
    small = RecentCallers(ttl=10, size=2)
    for n, token in enumerate(("dt_a", "dt_b", "dt_c")):
        small.remember(token, n)
    assert small.get("dt_a") == (None, True) and small.get("dt_c") == (2, False)
    small.forget_all()
    assert small.get("dt_c") == (None, True)
