"""The live-session run sheet: every line on the clock, every line owned by somebody in the team."""

from __future__ import annotations

import json
from pathlib import Path

from douyin_team.cli import main
from douyin_team.kit import render_sop, run_sheet
from douyin_team.team import Person, Team, read_team

ROOT = Path(__file__).resolve().parents[2]


def lines_of(sheet, step: str):  # type: ignore[no-untyped-def]
    return [x for x in sheet.lines if x.step == step]


def test_every_line_has_an_owner_and_a_person_with_two_posts_gets_both(kb) -> None:  # type: ignore[no-untyped-def]
    team = read_team(ROOT / "examples" / "my-team.yaml", kb)
    sheet = run_sheet(team, kb, "20:00", 5)
    names = {p.name for p in team.people}
    assert sheet.lines and all(x.owners and set(x.owners) <= names for x in sheet.lines)
    ajie = {x.step for x in sheet.by_person()["阿杰"]}  # 场控 + 中控
    assert {"equipment", "pacing"} <= ajie and {"listings", "backend-on-cue", "link-drill"} <= ajie
    assert not lines_of(sheet, "assistant-props")  # optional, and nobody is an assistant host
    assert lines_of(sheet, "stock-check")[0].owners == ["小敏"]  # no merchandiser: the store operator takes it


def test_timeline_is_relative_to_the_start_and_in_order(kb) -> None:  # type: ignore[no-untyped-def]
    team = Team(people=[Person(name="A", roles=["team_lead", "live_ops"]), Person(name="B", roles=["anchor"])])
    sheet = run_sheet(team, kb, "20:00", 2)
    briefing = lines_of(sheet, "team-briefing")[0]
    assert (briefing.offset, briefing.clock, briefing.when) == (-30, "19:30", "开播前30分钟")
    assert lines_of(sheet, "plan-and-prices")[0].clock == "前一天 20:00"
    assert lines_of(sheet, "opening")[0].clock == "20:00–22:00"
    review = lines_of(sheet, "review")[0]
    assert review.clock == "22:00–次日 22:00" and review.when == "下播后24小时内"
    phases = [x.phase for x in sheet.lines]
    assert phases == sorted(phases, key=["before", "during", "after"].index)
    assert sheet.lines[-1].step == "review"  # the review is due last
    assert run_sheet(team, kb, "20:00", 2, "en").lines[0].when == "1 day before air"


def test_fallback_cover_and_vacancies(kb) -> None:  # type: ignore[no-untyped-def]
    alone = run_sheet(Team(people=[Person(name="Solo", roles=["anchor"])]), kb)
    assert all(x.owners == ["Solo"] for x in alone.lines)
    plan = lines_of(alone, "plan-and-prices")[0]
    assert plan.fallback and plan.role == "team_lead"  # nobody runs ops: it falls to the lead (here the only person)
    covered = run_sheet(Team(people=[Person(name="L", roles=["team_lead"]),
                                     Person(name="C", roles=["anchor"], can_cover=["floor_control"])]), kb)
    assert lines_of(covered, "pacing")[0].owners == ["C"]  # can cover floor control, so not the lead
    mixed = run_sheet(Team(people=[Person(name="L", roles=["team_lead"]),
                                   Person(name="H1", roles=["anchor"]),
                                   Person(name="H2 (to hire)", roles=["anchor"], vacancy=True),
                                   Person(name="H3", roles=["anchor"])]), kb)
    assert lines_of(mixed, "opening")[0].owners == ["H1"]  # the session's host, from its crew; the open post waits


def test_markdown_and_json(kb) -> None:  # type: ignore[no-untyped-def]
    team = Team(people=[Person(name="A|<b>", roles=["team_lead", "anchor"])])
    sheet = run_sheet(team, kb, "09:00", 3)
    md = render_sop(sheet, "zh", "markdown")
    assert md.startswith("# 直播SOP") and "A\\|&lt;b&gt;" in md and "<b>" not in md
    assert "## 按人员" in md
    data = json.loads(render_sop(sheet, "en", "json"))
    assert data["start"] == "09:00" and all(line["owners"] for line in data["lines"])


def test_sop_command(tmp_path: Path, capsys) -> None:  # type: ignore[no-untyped-def]
    assert main(["sop", str(ROOT / "examples" / "my-team.yaml"), "--start", "19:30", "--lang", "en"]) == 0
    out = capsys.readouterr().out
    assert "| Before | 30 min before air | 19:00 |" in out and "阿杰" in out
    out_file = tmp_path / "sop.json"
    assert main(["sop", str(ROOT / "examples" / "my-team.yaml"), "-o", str(out_file), "--live-hours", "2"]) == 0
    assert json.loads(out_file.read_text(encoding="utf-8"))["live_hours"] == 2
    assert main(["sop", str(tmp_path / "missing.yaml")]) == 2
    assert "missing.yaml" in capsys.readouterr().err


def test_off_camera_work_during_the_live_goes_to_someone_off_camera(kb) -> None:  # type: ignore[no-untyped-def]
    team = Team(people=[Person(name="Host", roles=["team_lead", "anchor", "store_ops", "customer_service"]),
                        Person(name="Ops", roles=["live_ops", "central_control"], can_cover=["customer_service"])])
    sheet = run_sheet(team, kb, "20:00", 2)
    assert lines_of(sheet, "service-live")[0].owners == ["Ops"]  # the host is on camera; Ops covers Feige
    assert lines_of(sheet, "opening")[0].owners == ["Host"]  # hosting itself stays with the host
    alone = run_sheet(Team(people=[Person(name="Solo", roles=["anchor", "customer_service"])]), kb)
    assert lines_of(alone, "service-live")[0].owners == ["Solo"]  # nobody else: still owned
