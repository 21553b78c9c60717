"""Job descriptions and scorecards: merged for several posts, requirements and weights by stage."""

from __future__ import annotations

import json

from douyin_team.cli import main
from douyin_team.kit.jd import job_description, people_label, render_jd
from douyin_team.kit.scorecard import scorecard
from douyin_team.team import Person, Team


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


def test_jd_command(capsys) -> None:  # type: ignore[no-untyped-def]
    assert main(["jd", "anchor", "--stage", "growth"]) == 0
    out = capsys.readouterr().out
    assert out.startswith("# 主播") and "**任职要求**" in out and "| 合计 | | | 100% |" in out
    assert "| 主播 | ★ 成交金额 GMV | 越高越好 | 40% | 由你设定 |" in out
    assert main(["jd", "投手", "--stage", "novice"]) == 0  # the ad buyer is paid for return, not for cheap traffic
    buyer = capsys.readouterr().out
    assert "| 投手 | ★ 支付ROI | 越高越好 | 40% |" in buyer and "| 投手 | 消耗偏差率 | 越低越好 | 25% | 10%–20%（估算） |" in buyer
    assert "CPM" not in buyer.split("**考核表")[1]
    assert main(["jd", "仓储", "--category", "nothing"]) == 2 and "未知品类“nothing”" in capsys.readouterr().err
    assert main(["jd", "抖店运营", "--category", "apparel"]) == 0 and "40%–50%" in capsys.readouterr().out
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
    assert "| Customer service | ★ Feige average response time | lower is better | 35% | 6 s–18 s |" in text


def test_people_with_the_same_posts_share_one_description(kb) -> None:  # type: ignore[no-untyped-def]
    hosts = [Person(name=f"主播{i}", roles=["anchor"], reports_to="老周") for i in range(10)]
    team = Team(people=[Person(name="老周", roles=["team_lead"]), *hosts])
    jd = job_description(kb, ["anchor"], "mature", "zh", hosts, team)
    assert jd.holders == [p.name for p in hosts] and jd.reports_to == ["老周（负责人）"]
    assert people_label(jd.holders, "zh") == "主播0、主播1、主播2、主播3、主播4、主播5、主播6、主播7等10人"
    assert people_label(jd.holders, "en", 9) == "主播0, 主播1, 主播2, 主播3, 主播4, 主播5, 主播6, 主播7, 主播8 and 1 more"
