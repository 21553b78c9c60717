"""Weekly shift tables: hosts and controls the hours need, one role per person per shift, balanced hours."""

from __future__ import annotations

import json
from pathlib import Path

import pytest

from douyin_team.cli import main
from douyin_team.staffing import render_shifts, shift_table
from douyin_team.team import Person, Session, Team

TEAM = Team(stage="growth", live_hours=8, people=[
    Person(name="老周", roles=["team_lead", "live_ops"]),
    Person(name="小美", roles=["anchor"], reports_to="老周"),
    Person(name="阿杰", roles=["assistant_anchor", "floor_control"], reports_to="老周"),
    Person(name="小敏", roles=["central_control"], reports_to="老周"),
    Person(name="待招", roles=["anchor"], reports_to="老周", vacancy=True),
])


def test_needs_from_practitioner_figures(kb) -> None:  # type: ignore[no-untyped-def]
    table = shift_table(TEAM, kb, live_hours=8, sessions_per_week=6)
    assert table.shifts_per_day == 2  # 15:00–19:00 and 19:00–23:00: each session at most 6 hours
    assert [(s.start, s.end) for s in table.slots[:2]] == [("15:00", "19:00"), ("19:00", "23:00")]
    assert table.hosts_needed == 2  # 48 hours on air a week ÷ about 30 per host
    assert len(table.slots) == 12 and len({s.day for s in table.slots}) == 6
    assert {s.host for s in table.slots} == {"小美", "待招"}  # the open host post takes the second session
    alone = shift_table(Team(live_hours=12, people=TEAM.people[:2]), kb)
    assert any("3" in note for note in alone.notes)  # only one person can host 12 hours a day


def test_nobody_hosts_and_controls_the_same_shift_and_hours_are_balanced(kb) -> None:  # type: ignore[no-untyped-def]
    table = shift_table(TEAM, kb, live_hours=4, sessions_per_week=6)
    assert all(s.host and s.control and s.host != s.control for s in table.slots)
    assert "待招" not in {s.host for s in table.slots}  # open posts do not take shifts
    assert {s.host for s in table.slots} == {"小美"}  # the host hosts; the assistant assists
    # the crew works side by side: 阿杰 (助播、场控) and 小敏 (中控) are both on air every session, not in turn
    assert all(s.crew == ["阿杰", "小敏"] for s in table.slots)
    assert table.hours == {"小美": 24, "阿杰": 24, "小敏": 24}
    assert "老周" not in table.hours  # live ops takes no control seat while 场控/中控 are staffed
    assert table.slots[0].start == "19:00" and table.slots[0].end == "23:00"


def test_shifts_command(tmp_path: Path, capsys) -> None:  # type: ignore[no-untyped-def]
    team = tmp_path / "team.json"
    team.write_text(json.dumps({"live_hours": 6, "people": [
        {"name": "A", "roles": ["anchor"]}, {"name": "B", "roles": ["central_control"], "reports_to": "A"}]}),
        encoding="utf-8")
    assert main(["shifts", str(team), "--start", "10:30", "--sessions", "5", "--format", "json"]) == 0
    data = json.loads(capsys.readouterr().out)
    assert data["slots"][0]["start"] == "10:30" and len(data["slots"]) == 5
    with pytest.raises(SystemExit) as bad:
        main(["shifts", str(team), "--start", "25:00"])
    assert bad.value.code == 2 and "19:00" in capsys.readouterr().err


def test_a_session_longer_than_a_hosts_day_is_split_into_stints(kb) -> None:  # type: ignore[no-untyped-def]
    from douyin_team.planning import plan_team
    from douyin_team.team import Profile

    table = shift_table(plan_team(Profile(monthly_sales=600_000, live_hours=6), kb), kb)
    monday = [s for s in table.slots if s.day == table.slots[0].day]
    assert [(s.start, s.end, s.host) for s in monday] == [("17:00", "20:00", "主播A"), ("20:00", "23:00", "主播B")]
    assert len({s.control for s in monday}) == 1  # one control for the whole session
    assert table.hours["主播A"] == table.hours["主播B"] == 3 * table.sessions_per_week
    alone = Team(people=[Person(name="H", roles=["anchor"]), Person(name="A", roles=["assistant_anchor"]),
                         Person(name="C", roles=["central_control"])], live_hours=6)
    first = [s for s in shift_table(alone, kb).slots if s.day == "周一"]
    assert [s.host for s in first] == ["H", "A"] and first[0].end == first[1].start  # the assistant takes over


def test_only_people_holding_the_same_seat_take_the_days_in_turn(kb) -> None:  # type: ignore[no-untyped-def]
    """Two 中控 in a seven-day session's crew share the seat day by day; the 场控 beside them is there every day."""
    crew = ["小美", "阿杰", "小敏", "小王"]
    team = Team(stage="growth", sessions=[Session(room=1, start="19:00", end="23:00", days_per_week=7, crew=crew)],
                people=[
        Person(name="老周", roles=["team_lead"]), Person(name="小美", roles=["anchor"], reports_to="老周"),
        Person(name="阿杰", roles=["floor_control"], reports_to="老周"),
        Person(name="小敏", roles=["central_control"], reports_to="老周"),
        Person(name="小王", roles=["central_control"], reports_to="老周")])
    table = shift_table(team, kb)
    assert all(s.control == "阿杰" and s.crew[0] == "阿杰" and len(s.crew) == 2 for s in table.slots)
    assert [s.crew[1] for s in table.slots[:4]] == ["小敏", "小王", "小敏", "小王"]
    assert table.hours["阿杰"] == 28 and table.hours["小敏"] + table.hours["小王"] == 28
    text = render_shifts(table, "zh", "md")
    assert "| 同场配合（控场在前） |" in text and "| 小美 | 阿杰、小敏 |" in text
