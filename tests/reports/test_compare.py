"""Comparing two teams side by side."""

from __future__ import annotations

import json
from pathlib import Path

from douyin_team.cli import main
from douyin_team.reports import side
from douyin_team.team import read_team

EXAMPLES = Path(__file__).resolve().parents[2] / "examples"


def test_sides_summarise_posts_costs_and_findings(kb) -> None:  # type: ignore[no-untyped-def]
    now = side("now", read_team(EXAMPLES / "my-team.yaml", kb), kb)
    plan = side("plan", read_team(EXAMPLES / "plan-growth.yaml", kb), kb)
    assert now.headcount == 4 and now.monthly_cost == 25_500 and now.vacancies == 0
    assert "short-video-dropped" in now.errors and not plan.errors
    assert {"video_editor", "ad_buyer"} <= set(plan.posts) - set(now.posts)
    assert ["floor_control", "central_control"] in now.combinations


def test_compare_command(capsys) -> None:  # type: ignore[no-untyped-def]
    args = ["compare", str(EXAMPLES / "my-team.yaml"), str(EXAMPLES / "plan-growth.yaml")]
    assert main([*args, "--lang", "en"]) == 0
    out = capsys.readouterr().out
    assert "| Posts only here |" in out and "Video editor" in out
    assert main([*args, "--format", "json"]) == 0
    data = json.loads(capsys.readouterr().out)
    assert data["a"]["headcount"] == 4 and data["b"]["vacancies"] == 5


def test_posts_covered_and_cost_share(kb) -> None:  # type: ignore[no-untyped-def]
    now = side("now", read_team(EXAMPLES / "my-team.yaml", kb), kb)
    plan = side("plan", read_team(EXAMPLES / "plan-growth.yaml", kb), kb)
    assert now.covered == now.posts and plan.covered == []  # a plan's posts are all still open
    assert now.cost_share == 25_500 / 350_000 and now.cost_flag == "low"  # below the usual 8–15%
    assert plan.cost_share is None


def test_compare_a_staffed_plan(tmp_path: Path, capsys) -> None:  # type: ignore[no-untyped-def]
    staffed = tmp_path / "staffed.yaml"
    assert main(["staff", "--plan", str(EXAMPLES / "plan-growth.yaml"), "--roster", str(EXAMPLES / "roster.yaml"),
                 "-o", str(staffed)]) == 0
    assert main(["compare", str(EXAMPLES / "plan-growth.yaml"), str(staffed), "--lang", "en"]) == 0
    out = capsys.readouterr().out
    assert "| Posts covered | 0/12 | 10/12 |" in out and "| Posts open |" in out and "| Labour cost share | — | 11.5% |" in out
