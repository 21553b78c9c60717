"""The roadmap to the next stage: splits first, then hires, each citing its rule."""

from __future__ import annotations

from pathlib import Path

import pytest

from douyin_team.cli import main
from douyin_team.errors import InvalidValue
from douyin_team.reports import roadmap
from douyin_team.team import read_team

EXAMPLES = Path(__file__).resolve().parents[2] / "examples"


def test_growth_team_to_mature(kb) -> None:  # type: ignore[no-untyped-def]
    steps = roadmap(read_team(EXAMPLES / "my-team.yaml", kb), kb, "mature")
    actions = [s.action for s in steps]
    assert actions == sorted(actions, key=["split", "hire"].index)  # splits before hires
    splits = {tuple(s.people): s.rule for s in steps if s.action == "split"}
    assert splits[("老周",)] == "mature-core-posts-single" and splits[("阿杰",)] == "mature-core-posts-single"
    assert splits[("小敏",)] == "mature-dedicated-teams"  # 客服 must become its own post
    hires = [s.roles[0] for s in steps if s.action == "hire"]
    assert {"video_editor", "merchandiser", "fulfillment", "data_analyst"} <= set(hires)
    assert "anchor" not in hires  # 小雅 already hosts
    assert all(s.sales == 1_000_000 for s in steps) and all(s.sources for s in steps)


def test_default_target_and_bad_targets(kb) -> None:  # type: ignore[no-untyped-def]
    team = read_team(EXAMPLES / "my-team.yaml", kb)
    assert {s.stage for s in roadmap(team, kb)} == {"mature"}
    with pytest.raises(InvalidValue, match="already"):
        roadmap(team, kb, "novice")
    with pytest.raises(InvalidValue, match="unknown stage"):
        roadmap(team, kb, "galaxy")


def test_roadmap_command(capsys) -> None:  # type: ignore[no-untyped-def]
    assert main(["roadmap", str(EXAMPLES / "my-team.yaml"), "--to", "mature", "--lang", "en"]) == 0
    out = capsys.readouterr().out
    assert out.startswith("# Roadmap") and "Split 老周's posts" in out and "Hire: Video editor" in out


def test_two_stages_hire_each_post_once_and_cite_a_rule_for_every_step(kb, tmp_path: Path) -> None:  # type: ignore[no-untyped-def]
    team = tmp_path / "team.yaml"
    team.write_text("monthly_sales: 50000\npeople:\n  - {name: 老板, roles: [负责人, 主播, 直播运营]}\n"
                    "  - {name: 小李, roles: [中控, 抖店运营, 客服, 剪辑]}\n", encoding="utf-8")
    steps = roadmap(read_team(team, kb), kb, "mature", "en")
    hires = [s.roles[0] for s in steps if s.action == "hire"]
    assert len(hires) == len(set(hires)) and {"floor_control", "fulfillment"} <= set(hires)
    assert [s.stage for s in steps] == sorted((s.stage for s in steps), key=["growth", "mature"].index)
    assert all(s.rule and s.sources for s in steps)
    assert all("兼任" not in s.why and "专人" not in s.why for s in steps)  # English sentences, names aside
    mature = [s for s in steps if s.stage == "mature" and s.action == "split"]
    assert {s.rule for s in mature} >= {"mature-core-posts-single"}  # stricter than growth's warning
    assert all(s.sales == 1_000_000 for s in mature)
