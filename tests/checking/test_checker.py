"""The rule checker: every rule is proved by a case file with a team that breaks it and one that keeps it."""

from __future__ import annotations

from pathlib import Path

import msgspec
import pytest
import yaml

from douyin_team.checking import CHECKS, check_team
from douyin_team.errors import KnowledgeError
from douyin_team.knowledge import load_knowledge
from douyin_team.team import convert_team, resolve_team

CASES = Path(__file__).parents[1] / "cases"
RULE_IDS = [r["id"] for r in yaml.safe_load((Path(__file__).parents[2] / "src/douyin_team/knowledge/rules.yaml").read_text())["rules"]]


def _case(rule_id: str, tmp_path: Path):  # type: ignore[no-untyped-def]
    data = yaml.safe_load((CASES / f"{rule_id}.yaml").read_text(encoding="utf-8"))
    overlay = None
    if "playbook" in data:
        overlay = tmp_path / "playbook.yaml"
        overlay.write_text(yaml.safe_dump(data["playbook"], allow_unicode=True), encoding="utf-8")
    kb = load_knowledge(overlay)
    return kb, resolve_team(convert_team(data["bad"]), kb), resolve_team(convert_team(data["good"]), kb)


@pytest.mark.parametrize("rule_id", RULE_IDS)
def test_rule_case(rule_id: str, tmp_path: Path) -> None:
    kb, bad, good = _case(rule_id, tmp_path)
    bad_rules = [f.rule for f in check_team(bad, kb).findings]
    good_rules = [f.rule for f in check_team(good, kb).findings]
    assert rule_id in bad_rules, f"{rule_id} did not fire on its bad team: {bad_rules}"
    assert rule_id not in good_rules, f"{rule_id} fired on its good team"


def test_every_rule_has_a_case(kb) -> None:  # type: ignore[no-untyped-def]
    assert sorted(RULE_IDS) == sorted(p.stem for p in CASES.glob("*.yaml"))
    assert set(kb.rule) == set(RULE_IDS)


def test_every_check_is_used_by_a_rule(kb) -> None:  # type: ignore[no-untyped-def]
    assert {r.check for r in kb.rules} == set(CHECKS)


def test_findings_carry_message_people_roles_and_sources(kb, tmp_path: Path) -> None:  # type: ignore[no-untyped-def]
    _, bad, _ = _case("mature-no-ops-as-floor-control", tmp_path)
    finding = next(f for f in check_team(bad, kb).findings if f.rule == "mature-no-ops-as-floor-control")
    assert finding.severity == "error"
    assert finding.people == ["运营"]
    assert finding.roles == ["live_ops", "floor_control"]
    assert "直播运营" in finding.message.zh and "场控" in finding.message.zh
    assert "live ops" in finding.message.en.lower()
    assert finding.sources == ["seed-mature-ops"]


def test_a_long_list_of_people_is_cut_in_the_message_and_kept_whole_in_the_finding(kb) -> None:  # type: ignore[no-untyped-def]
    people = [{"name": "老板", "roles": ["team_lead"]}]
    people += [{"name": f"客服{i}", "roles": ["客服"], "vacancy": True, "reports_to": "老板"} for i in range(1, 31)]
    team = resolve_team(convert_team({"stage": "growth", "people": people}), kb)
    finding = next(f for f in check_team(team, kb).findings if f.rule == "post-vacant")
    assert len(finding.people) == 30
    assert finding.message.zh.startswith("客服1、客服2、") and "客服10等30人尚待招聘" in finding.message.zh
    assert "客服11" not in finding.message.zh
    assert "客服10 and 20 more still to be hired" in finding.message.en


def test_findings_are_ordered_errors_first(kb, tmp_path: Path) -> None:  # type: ignore[no-untyped-def]
    _, bad, _ = _case("mature-dedicated-teams", tmp_path)
    order = [f.severity for f in check_team(bad, kb).findings]
    assert order == sorted(order, key=["error", "warning", "info"].index)


def test_the_good_mature_team_has_no_errors(kb, tmp_path: Path) -> None:  # type: ignore[no-untyped-def]
    _, _, good = _case("mature-core-posts-single", tmp_path)
    assert check_team(good, kb).errors == 0


def test_stage_from_sales_when_the_file_gives_none(kb) -> None:  # type: ignore[no-untyped-def]
    team = resolve_team(convert_team({"monthly_sales": 2_000_000, "people": [{"name": "A", "roles": ["anchor"]}]}), kb)
    result = check_team(team, kb)
    assert result.diagnosis.stage == "mature"
    assert "headcount-below-stage" in [f.rule for f in result.findings]


def test_stage_override_beats_the_file(kb) -> None:  # type: ignore[no-untyped-def]
    team = resolve_team(convert_team({"stage": "novice", "people": [{"name": "A", "roles": ["anchor"]}]}), kb)
    assert check_team(team, kb, stage="growth").diagnosis.stage == "growth"


def test_stage_from_headcount_without_sales(kb) -> None:  # type: ignore[no-untyped-def]
    people = [{"name": f"P{i}", "roles": ["customer_service"]} for i in range(4)]
    team = resolve_team(convert_team({"people": people}), kb)
    result = check_team(team, kb)
    assert result.diagnosis.stage == "growth" and result.diagnosis.basis == "headcount"


def test_finding_struct_serialises(kb, tmp_path: Path) -> None:  # type: ignore[no-untyped-def]
    _, bad, _ = _case("weekly-hours-overload", tmp_path)
    data = msgspec.to_builtins(check_team(bad, kb).findings)
    hit = next(f for f in data if f["rule"] == "weekly-hours-overload")
    assert hit["people"] == ["A"] and "72" in hit["message"]["zh"]


def test_a_rule_naming_an_unknown_check_is_one_clear_error(tmp_path: Path) -> None:
    """The checker knows its checks, so it (not the knowledge loader) refuses a playbook's unknown one."""
    playbook = tmp_path / "bad.yaml"
    playbook.write_text("rules:\n  - {id: headcount-below-stage, check: telepathy}\n", encoding="utf-8")
    kb = load_knowledge(playbook)
    team = resolve_team(convert_team({"people": [{"name": "a", "roles": ["anchor"]}]}), kb)
    with pytest.raises(KnowledgeError) as info:
        check_team(team, kb)
    message = str(info.value)
    assert "telepathy" in message and "headcount-below-stage" in message and str(playbook) in message
    assert "\n" not in message


def test_an_unknown_cover_title_says_it_is_not_counted_as_cover(kb) -> None:  # type: ignore[no-untyped-def]
    """A title nobody knows written under can_cover is not a post the person holds: the finding says it was not
    counted as cover (not 'kept as unknown post'), and the alias example names the nearest post."""
    team = resolve_team(convert_team({"monthly_sales": 200_000, "people": [
        {"name": "老周", "roles": ["负责人"]},
        {"name": "阿杰", "roles": ["场控"], "reports_to": "老周", "can_cover": ["拍视频的"]},
        {"name": "小美", "roles": ["拍视频的"], "reports_to": "老周"}]}), kb)
    found = [f for f in check_team(team, kb).findings if f.rule == "title-unknown"]
    assert len(found) == 1 and found[0].people == ["阿杰", "小美"]  # one title, both writers
    team = resolve_team(convert_team({"monthly_sales": 200_000, "people": [
        {"name": "老周", "roles": ["负责人"]},
        {"name": "阿杰", "roles": ["场控"], "reports_to": "老周", "can_cover": ["拍视频的"]}]}), kb)
    found = [f for f in check_team(team, kb).findings if f.rule == "title-unknown"]
    assert [f.people for f in found] == [["阿杰"]] and team.people[1].can_cover == []
    assert "可替岗里的“拍视频的”不是已知岗位，没有算作可替岗" in found[0].message.zh
    assert "roles: [video_editor]" in found[0].message.zh and "not counted as cover" in found[0].message.en
