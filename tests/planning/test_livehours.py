"""Live hours on the clock: session windows, shifts per live post, who is free for them."""

from __future__ import annotations

import pytest

from douyin_team.errors import InvalidValue
from douyin_team.knowledge import clock, covers, hours_range, label
from douyin_team.planning import live_windows


def test_clock_and_ranges() -> None:
    assert clock("19:00") == 19 * 60 and clock("9：30") == 9 * 60 + 30
    assert hours_range("09:00-18:00") == (540, 1080)
    assert hours_range("20:00到02:00") == (1200, 1560)  # past midnight
    assert label((1200, 1560)) == "20:00–02:00"
    for bad in ("25:00", "noon", "9"):
        with pytest.raises(InvalidValue, match="time of day|range of hours"):
            hours_range(f"{bad}-18:00")


def test_who_is_free_for_a_shift() -> None:
    day, night = hours_range("09:00-18:00"), hours_range("18:00-03:00")
    evening = (19 * 60, 23 * 60)
    assert not covers(day, evening) and covers(night, evening) and covers(None, evening)
    assert covers(night, (23 * 60, 25 * 60))  # a shift that runs past midnight
    assert covers(night, (60, 120))  # 01:00–02:00 the next morning
    assert covers(day, None)  # posts off the air fit any hours


def test_live_posts_share_the_session_one_shift_each(kb) -> None:  # type: ignore[no-untyped-def]
    roles = ["anchor", "anchor", "central_control", "store_ops"]
    windows = live_windows(kb.settings, roles, 12, "08:00")
    assert windows == [(480, 840), (840, 1200), (480, 1200), None]  # two 6-hour host shifts, one control
    assert live_windows(kb.settings, roles, 0) == [None] * 4


def test_live_ops_takes_the_control_seat_without_floor_or_central_control(kb) -> None:  # type: ignore[no-untyped-def]
    assert live_windows(kb.settings, ["anchor", "live_ops"], 4)[1] == (19 * 60, 23 * 60)
    assert live_windows(kb.settings, ["anchor", "live_ops", "floor_control"], 4)[1] is None


def test_a_playbook_with_a_bad_start_time_is_refused(tmp_path) -> None:  # type: ignore[no-untyped-def]
    from douyin_team.errors import KnowledgeError
    from douyin_team.knowledge import load_knowledge

    playbook = tmp_path / "playbook.yaml"
    playbook.write_text('settings:\n  live_start: "7pm"\n', encoding="utf-8")
    with pytest.raises(KnowledgeError, match="settings.live_start: '7pm' is not a time of day"):
        load_knowledge(playbook)
    playbook.write_text('settings:\n  live_start: "20:00"\n  day_window: "08:30-17:30"\n', encoding="utf-8")
    kb = load_knowledge(playbook)
    assert live_windows(kb.settings, ["anchor"], 2) == [(1200, 1320)]
