"""Ads are a fact the merchant states, never an assumption warned about: a corpus of small teams that say
nothing about paid traffic gets no ad-buyer warning of any kind (no one buys ads; the boss runs ops but cannot
buy ads), only the assumption, which the web words as where to answer it (not a team file's key)."""

from __future__ import annotations

from pathlib import Path

import pytest

from douyin_team.checking import check_team, result_team
from douyin_team.cli.main import main
from douyin_team.team import convert_team, resolve_team

AD_RULES = {"paid-traffic-owner", "boss-ops-without-ads-skill"}
# Small teams as merchants write them, none with an ad buyer and none saying whether they buy traffic.
TEAMS: dict[str, list[dict[str, object]]] = {
    "老板兼运营+主播": [{"name": "老周", "roles": "老板、运营"}, {"name": "小雅", "roles": "主播", "reports_to": "老周"}],
    "夫妻店": [{"name": "老周", "roles": "负责人、直播运营、客服"}, {"name": "阿芳", "roles": "主播、打包"}],
    "铁三角": [{"name": "小雅", "roles": "主播"}, {"name": "阿杰", "roles": "中控"}, {"name": "小美", "roles": "运营"}],
    "老板带三人": [{"name": "老周", "roles": "负责人、直播运营"}, {"name": "小雅", "roles": "主播", "reports_to": "老周"},
              {"name": "阿杰", "roles": "场控、中控", "reports_to": "老周"},
              {"name": "小敏", "roles": "客服、抖店运营", "reports_to": "老周"}],
    "一个人的店": [{"name": "老周", "roles": "老板、主播、运营、客服、打包"}],
    "短视频小组": [{"name": "老周", "roles": "负责人、运营"}, {"name": "小林", "roles": "剪辑师", "reports_to": "老周"},
              {"name": "小美", "roles": "编导", "reports_to": "老周"}],
}
KEYS = ("ads:", "live_hours", "fulfilment:", "owner_implicit")


def _team(people: list[dict[str, object]], kb, **facts: object):  # type: ignore[no-untyped-def]
    return resolve_team(convert_team({"people": people, **facts}), kb)


@pytest.mark.parametrize("stage", ["novice", "growth", "mature"])
@pytest.mark.parametrize("name", list(TEAMS))
def test_unsaid_ads_are_never_warned_about(name: str, stage: str, kb) -> None:  # type: ignore[no-untyped-def]
    result = check_team(_team(TEAMS[name], kb), kb, stage)
    assert not {f.rule for f in result.findings} & AD_RULES
    assert all("ad_buyer" not in f.roles for f in result.findings if f.severity != "info")
    assumed = [f.message.zh for f in result.findings if f.rule == "assumed-facts"]
    assert any("没有说明是否投放付费流量" in m for m in assumed)


def test_said_ads_are_checked(kb) -> None:  # type: ignore[no-untyped-def]
    team = _team(TEAMS["老板带三人"], kb, ads=True)
    assert AD_RULES <= {f.rule for f in check_team(team, kb, "growth").findings}
    assert not {f.rule for f in check_team(_team(TEAMS["老板带三人"], kb, ads=False), kb, "growth").findings} & AD_RULES


@pytest.mark.parametrize("lang", ["zh", "en"])
def test_the_web_says_where_to_answer_not_which_key(lang: str, kb) -> None:  # type: ignore[no-untyped-def]
    team = _team(TEAMS["老板带三人"], kb)
    result = check_team(team, kb, "mature")
    web = [f.message for f in result_team(team, result, kb, lang, web=True).findings or [] if f.rule == "assumed-facts"]
    cli = [f.message for f in result_team(team, result, kb, lang).findings or [] if f.rule == "assumed-facts"]
    assert len(web) == len(cli) == 3  # ads, live hours, shipping (the team has a lead)
    assert not any(key in m for m in web for key in KEYS), web
    assert all(any(key in m for key in KEYS) for m in cli), cli  # a team file's reader is told what to write
    words = ("商家信息", "“付费流量”", "“每天开播时长”", "“发货方式”") if lang == "zh" else \
        ("merchant's answers", "Paid traffic", "Live hours a day", "Fulfilment")
    assert all(any(w in m for m in web) for w in words), web


def test_check_on_a_small_file_without_ads(tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    path = tmp_path / "team.yaml"
    path.write_text("monthly_sales: 50000\npeople:\n  - {name: 老周, roles: 负责人、直播运营}\n"
                    "  - {name: 小雅, roles: 主播, reports_to: 老周}\n", encoding="utf-8")
    assert main(["check", str(path)]) == 0
    out = capsys.readouterr().out
    assert "投手" not in out.replace("不据此提示投手", "").replace("检查有没有投手", "")
    assert "不会投放" not in out and "没有人担任投手" not in out
    assert "假设：没有说明是否投放付费流量" in out
