"""Live sessions: hours placed in the day parts (prime time first), cut into sessions, crewed from a team."""

from __future__ import annotations

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from douyin_team.errors import InvalidValue
from douyin_team.knowledge import DAY, clock, covers, hours_range, label
from douyin_team.planning import live_sessions, plan_team, session_hours, window
from douyin_team.team import Person, Profile, Team


def spans(kb, hours: float, parts: list[str] | None = None) -> list[str]:  # type: ignore[no-untyped-def]
    # A labour budget that pays for these hours (without one, sales that cannot pay them would go live less).
    team = plan_team(Profile(monthly_sales=300_000, live_hours=hours, day_parts=parts or [], budget_cny=10**8), kb)
    return [f"{x.start}-{x.end}" for x in team.sessions or []]


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


def test_a_real_live_day(kb) -> None:  # type: ignore[no-untyped-def]
    assert spans(kb, 2) == ["20:00-22:00"]  # the middle of prime time
    assert spans(kb, 4) == ["19:00-23:00"]
    assert spans(kb, 6) == ["17:00-23:00"]  # one session of 6 hours: one crew
    assert spans(kb, 8) == ["15:00-19:00", "19:00-23:00"]  # afternoon and evening, not 23:00–03:00
    assert spans(kb, 16) == ["07:00-11:00", "11:00-15:00", "15:00-19:00", "19:00-23:00"]  # no night slots
    assert len(spans(kb, 24)) == 6 and "23:00-03:00" in spans(kb, 24)


def test_the_merchant_can_ask_for_day_parts(kb) -> None:  # type: ignore[no-untyped-def]
    assert spans(kb, 4, ["早场"]) == ["07:00-11:00"]
    assert spans(kb, 8, ["morning", "evening"]) == ["07:00-11:00", "19:00-23:00"]
    assert spans(kb, 2, ["夜场"]) == ["00:00-02:00"]
    with pytest.raises(InvalidValue, match="unknown day part 'brunch'"):
        spans(kb, 2, ["brunch"])


@settings(max_examples=80, deadline=None)
@given(hours=st.floats(min_value=0.5, max_value=24), rooms=st.integers(min_value=1, max_value=4),
       parts=st.lists(st.sampled_from(["morning", "noon", "afternoon", "evening", "night", "late_night"]), unique=True))
def test_sessions_add_up_to_the_hours_and_lie_in_day_parts(kb, hours: float, rooms: int,  # type: ignore[no-untyped-def]
                                                           parts: list[str]) -> None:
    team = plan_team(Profile(monthly_sales=2_000_000, live_hours=hours, rooms=rooms, day_parts=parts, budget_cny=10**8), kb)
    sessions = team.sessions or []
    assert {x.room for x in sessions} == set(range(1, rooms + 1))
    for room in range(1, rooms + 1):
        mine = [x for x in sessions if x.room == room]
        assert abs(sum(session_hours(x) for x in mine) - round(hours * 60) / 60) < 1e-6
        minutes = [m % DAY for x in mine for m in range(*window(x))]
        assert len(minutes) == len(set(minutes))  # a room's sessions never overlap
        assert all(session_hours(x) <= kb.figures.max_session_hours.value + 1e-9 or session_hours(x) <= 4 for x in mine)
        assert {x.part for x in mine} <= {p.id for p in kb.day_parts}
    wanted = set(parts)
    if hours <= 4 and wanted:  # what fits in the first asked-for part goes there
        assert sessions[0].part in wanted
    if not wanted and hours <= 16:
        assert all(not next(p for p in kb.day_parts if p.id == x.part).night for x in sessions)


def test_a_team_file_gets_sessions_and_crews_from_its_profile(kb) -> None:  # type: ignore[no-untyped-def]
    team = Team(stage="growth", live_hours=8, people=[
        Person(name="甲", roles=["anchor"]), Person(name="乙", roles=["anchor"]),
        Person(name="丙", roles=["central_control"]), Person(name="丁", roles=["team_lead"])])
    sessions = live_sessions(team, kb)
    assert [(x.start, x.end) for x in sessions] == [("15:00", "19:00"), ("19:00", "23:00")]
    assert [x.crew for x in sessions] == [["甲", "丙"], ["乙", "丙"]]
    moved = live_sessions(team, kb, start="14:00")
    assert [(x.start, x.end) for x in moved] == [("14:00", "18:00"), ("18:00", "22:00")]
    assert [x.days_per_week for x in live_sessions(team, kb, days=5)] == [5, 5]
