"""Rosters from YAML, CSV and XLSX: Chinese or English headers, availability, bad rows named by row or line."""

from __future__ import annotations

import json
from pathlib import Path

import openpyxl
import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from douyin_team.errors import DouyinTeamError
from douyin_team.team import Candidate, Roster, read_roster, resolve_roster


def test_roster_from_a_spreadsheet_and_bad_rows(kb, tmp_path: Path) -> None:  # type: ignore[no-untyped-def]
    good = tmp_path / "people.csv"
    good.write_text("姓名,技能,每周工时,月薪\n小美,主播5、助播3,44,12000\n阿杰,场控:4/助播,40,\n", encoding="utf-8")
    people = read_roster(str(good), kb).people
    assert people[0].levels == {"anchor": 5, "assistant_anchor": 3} and people[1].levels["assistant_anchor"] == 3
    assert people[1].monthly_cost is None and people[1].cost == 0  # not said: the optimiser counts it as nothing
    bad = tmp_path / "bad.csv"
    bad.write_text("姓名,技能\n小美,主播5\n阿杰,魔术师\n", encoding="utf-8")
    with pytest.raises(DouyinTeamError, match=r"row 3: skills: unknown post '魔术师'"):
        read_roster(str(bad), kb)


def test_roster_spreadsheet_with_availability_and_bad_rows(kb, tmp_path: Path) -> None:  # type: ignore[no-untyped-def]
    book = openpyxl.Workbook()
    sheet = book.active
    sheet.append(["Name", "Skills", "Hours", "Salary", "Days only", "Available"])
    sheet.append(["Mia", "host 5", 40, 9000, "yes", None])
    sheet.append(["Jay", "场控4", 44, 7000, None, "20:00-02:00"])
    path = tmp_path / "people.xlsx"
    book.save(path)
    people = read_roster(str(path), kb).people
    assert people[0].days_only is True and people[0].window(kb.settings) == (540, 1080)
    assert people[1].window(kb.settings) == (1200, 1560)
    bad = tmp_path / "bad.csv"
    bad.write_text("姓名,技能,只能白天\n甲,主播5,是\n乙,主播5,也许\n", encoding="utf-8")
    with pytest.raises(DouyinTeamError, match=r"row 3: days_only: '也许' is not yes or no"):
        read_roster(str(bad), kb)
    bad.write_text("姓名,技能,可工作时间\n甲,主播5,09:00-18:00\n乙,主播5,晚上\n", encoding="utf-8")
    with pytest.raises(DouyinTeamError, match=r"row 3: available: '晚上' is not a range of hours"):
        read_roster(str(bad), kb)


def test_roster_yaml_errors_name_the_line(kb, tmp_path: Path) -> None:  # type: ignore[no-untyped-def]
    path = tmp_path / "people.yaml"
    path.write_text("people:\n  - name: A\n    skills: {主播: 5}\n  - name: B\n    skills: {主播: 5}\n    hours: lots\n",
                    encoding="utf-8")
    with pytest.raises(DouyinTeamError, match=r"people.yaml:6: person 2, hours"):
        read_roster(str(path), kb)


@settings(max_examples=150, deadline=None)
@given(skills=st.text(max_size=30), available=st.text(max_size=20), days=st.text(max_size=6),
       hours=st.one_of(st.floats(), st.text(max_size=5)))
def test_any_cell_is_read_or_refused_with_our_error(kb, tmp_path_factory, skills: str, available: str,  # type: ignore[no-untyped-def]
                                                    days: str, hours: object) -> None:
    path = tmp_path_factory.mktemp("roster") / "people.json"
    path.write_text(json.dumps({"people": [{"name": "甲", "skills": skills, "available": available,
                                             "days_only": days, "hours": hours}]}), encoding="utf-8")
    try:
        person = read_roster(str(path), kb).people[0]
    except DouyinTeamError as err:
        assert "\n" not in str(err) and "people" in str(err)
    else:
        assert person.levels and isinstance(person.days_only, bool)


def test_candidates_resolve_names_and_aliases(kb) -> None:  # type: ignore[no-untyped-def]
    roster = resolve_roster(Roster(people=[Candidate(name="甲", skills="host 5、场控", must_keep="主播",
                                                     cannot_combine=["中控"], days_only="是")]), kb)
    person = roster.people[0]
    assert person.levels == {"anchor": 5, "floor_control": 3} and person.keeps == ["anchor"]
    assert person.never_with == ["central_control"] and person.days_only is True


def test_skills_may_be_written_as_job_ad_titles(kb) -> None:  # type: ignore[no-untyped-def]
    from douyin_team.team.roster import parse_skills

    assert parse_skills("剪辑师5、千川投手:4、主播", kb, "skills") == {"video_editor": 5, "ad_buyer": 4, "anchor": 3}
    assert parse_skills({"客服组长": 2}, kb, "skills") == {"customer_service": 2}


def test_a_figure_equal_to_the_default_is_kept_as_said(kb, tmp_path: Path) -> None:  # type: ignore[no-untyped-def]
    """An explicit 40 hours a week or 0 CNY (an unpaid boss) is what the roster said, not "not said": a staffed
    seat keeps its own hours and budget only where the roster said nothing."""
    import msgspec

    path = tmp_path / "people.csv"
    path.write_text("姓名,技能,每周工时,月薪\n老周,负责人5,40,0\n小美,主播5,,\n", encoding="utf-8")
    said, silent = read_roster(str(path), kb).people
    assert (said.hours, said.monthly_cost, said.given) == (40, 0, {"hours", "monthly_cost"})
    assert (silent.hours, silent.monthly_cost, silent.given) == (None, None, frozenset())
    assert (silent.work_hours, silent.cost) == (40, 0)  # what the optimiser counts for what was not said
    assert msgspec.to_builtins(said)["hours"] == 40  # written back (the staffing page's form) as said
    typed = resolve_roster(msgspec.convert({"people": [{"name": "甲", "skills": "主播5", "hours": 40.0}]}, Roster), kb)
    assert typed.people[0].given == {"hours"}
