"""Golden findings for small real-style teams: the 铁三角 and 黄金四人组 starter teams, a two-person shop whose
owner is implicit, and a live-room crew judged as a crew. Besides the golden files, what must never happen to
them: an error, a size warning, 负责人 reported missing, an ad-buyer warning for ads nobody mentioned."""

from __future__ import annotations

from pathlib import Path

import pytest

from douyin_team.checking import check_team
from douyin_team.team import read_team

TEAMS = sorted((Path(__file__).parent / "teams").glob("*.yaml"))


@pytest.mark.parametrize("path", TEAMS, ids=[p.stem for p in TEAMS])
def test_small_team_findings(path: Path, kb, golden) -> None:  # type: ignore[no-untyped-def]
    team = read_team(path, kb)
    result = check_team(team, kb)
    golden(f"findings/{path.stem}.json", [[f.rule, f.severity, f.message.zh, f.message.en] for f in result.findings])
    rules = {f.rule for f in result.findings}
    assert result.errors == 0
    assert "headcount-above-stage" not in rules
    missing = [f for f in result.findings if f.rule == "required-post-missing"]
    assert all("team_lead" not in f.roles for f in missing)
    if team.ads is None:
        assert "paid-traffic-owner" not in rules and all("ad_buyer" not in f.roles for f in missing)


def test_the_crew_is_judged_as_a_crew(kb) -> None:  # type: ignore[no-untyped-def]
    team = read_team(Path(__file__).parent / "teams" / "live-room-crew.yaml", kb)
    rules = {f.rule for f in check_team(team, kb).findings}
    assert not rules & {"required-post-missing", "short-video-dropped", "mature-dedicated-teams", "crew-post-missing"}
    as_company = check_team(type(team)(**{**{f: getattr(team, f) for f in team.__struct_fields__}, "scope": None}), kb)
    assert {"required-post-missing", "short-video-dropped"} <= {f.rule for f in as_company.findings}


def test_starter_teams_are_information_not_warnings(kb) -> None:  # type: ignore[no-untyped-def]
    for name in ("iron-triangle", "golden-four"):
        result = check_team(read_team(Path(__file__).parent / "teams" / f"{name}.yaml", kb), kb)
        size = [f for f in result.findings if f.rule.startswith("headcount")]
        assert [(f.rule, f.severity) for f in size] == [("headcount-modest-excess", "info")]
        assert "520zimeiti-48283" in size[0].sources
