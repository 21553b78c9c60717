"""Job descriptions and scorecards: merged for several posts, requirements and weights by stage."""

from __future__ import annotations

import json

from hypothesis import given, settings
from hypothesis import strategies as st

from douyin_team.cli import main
from douyin_team.kit.jd import job_description, people_label, render_jd, scorecard, whole_percents
from douyin_team.team import Person, Team


def kind_share(card, kinds: set[str]) -> float:  # type: ignore[no-untyped-def]
    return sum(x.share for x in card.lines if x.kind in kinds)


def test_one_post_has_its_duties_requirements_and_kpis(kb) -> None:  # type: ignore[no-untyped-def]
    jd = job_description(kb, ["anchor"], "growth", "zh")
    assert jd.title == "主播" and jd.holders == [] and jd.reports_to == []
    assert jd.before and jd.during and jd.after and jd.skills and jd.kpis
    assert any("3–4小时" in r for r in jd.requirements)  # the growth-stage host requirement
    novice = job_description(kb, ["anchor"], "novice", "zh")
    assert novice.requirements != jd.requirements and any("老板" in r for r in novice.requirements)


def test_several_posts_merge_into_one_description_with_the_reporting_line(kb) -> None:  # type: ignore[no-untyped-def]
    team = Team(people=[Person(name="老周", roles=["team_lead"]),
                        Person(name="阿杰", roles=["floor_control", "central_control"], reports_to="老周")])
    jd = job_description(kb, ["floor_control", "central_control"], "growth", "zh", [team.people[1]], team)
    assert jd.title == "场控 + 中控" and jd.holders == ["阿杰"]
    assert any(d.startswith("[场控]") for d in jd.before) and any(d.startswith("[中控]") for d in jd.before)
    assert jd.reports_to == ["老周（负责人）"]
    assert job_description(kb, ["team_lead"], "growth", "zh", [team.people[0]], team).manages == ["阿杰"]
    assert len(jd.kpis) == len(set(jd.kpis))


def test_weights_add_to_100_and_move_from_traffic_to_gmv_and_margin(kb) -> None:  # type: ignore[no-untyped-def]
    for role in kb.role:
        for stage in kb.stage:
            card = scorecard(kb, [role], stage, "zh")
            assert sum(x.weight for x in card.lines) == 100
            assert abs(sum(x.share for x in card.lines) - 1) < 1e-9
            assert all(x.data_source for x in card.lines)
    early = scorecard(kb, ["anchor", "live_ops"], "novice", "zh")
    mature = scorecard(kb, ["anchor", "live_ops"], "mature", "zh")
    assert kind_share(early, {"流量与互动"}) > kind_share(mature, {"流量与互动"})
    assert kind_share(mature, {"成交", "利润与投入产出"}) > 0.6 > kind_share(early, {"成交", "利润与投入产出"})


@given(st.dictionaries(st.text(min_size=1, max_size=3), st.floats(min_value=0.001, max_value=1), min_size=1, max_size=30))
@settings(max_examples=200, deadline=None)
def test_whole_percents_always_add_to_100(raw: dict[str, float]) -> None:
    total = sum(raw.values())
    percents = whole_percents({k: v / total for k, v in raw.items()})
    assert sum(percents.values()) == 100 and all(abs(percents[k] - raw[k] / total * 100) < 1 for k in raw)


def test_jd_command(capsys) -> None:  # type: ignore[no-untyped-def]
    assert main(["jd", "anchor", "--stage", "growth"]) == 0
    out = capsys.readouterr().out
    assert out.startswith("# 主播") and "**任职要求**" in out and "| 合计 | | | | | 100% |" in out
    assert main(["jd", "主播", "中控", "--stage", "novice", "--format", "json"]) == 0
    data = json.loads(capsys.readouterr().out)
    assert data["job_description"]["posts"] == ["anchor", "central_control"]
    assert main(["jd", "wizard"]) == 2 and "未知岗位“wizard”" in capsys.readouterr().err
    assert main(["jd", "anchor", "--stage", "huge"]) == 2 and "novice" in capsys.readouterr().err


def test_render_jd_text_in_english(kb) -> None:  # type: ignore[no-untyped-def]
    jd = job_description(kb, ["customer_service"], "mature", "en")
    text = render_jd(jd, scorecard(kb, ["customer_service"], "mature", "en"), "en", "markdown")
    assert "**Before the session**" in text and "Feige" in text and "| Total |" in text
    assert "**Scorecard: Customer service**" in text


def test_people_with_the_same_posts_share_one_description(kb) -> None:  # type: ignore[no-untyped-def]
    hosts = [Person(name=f"主播{i}", roles=["anchor"], reports_to="老周") for i in range(10)]
    team = Team(people=[Person(name="老周", roles=["team_lead"]), *hosts])
    jd = job_description(kb, ["anchor"], "mature", "zh", hosts, team)
    assert jd.holders == [p.name for p in hosts] and jd.reports_to == ["老周（负责人）"]
    assert people_label(jd.holders, "zh") == "主播0、主播1、主播2、主播3、主播4、主播5、主播6、主播7等10人"
    assert people_label(jd.holders, "en", 9) == "主播0, 主播1, 主播2, 主播3, 主播4, 主播5, 主播6, 主播7, 主播8 and 1 more"
