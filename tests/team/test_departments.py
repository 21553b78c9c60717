"""Departments as the company names them: groups and chart frames keep the names people type (客服部, 直播部,
店铺运营部, paths like 总部/直播部/一组), each mapped to the knowledge base's group for the rules."""

from __future__ import annotations

from pathlib import Path

from douyin_team.chart import build_chart
from douyin_team.checking import check_team, result_team
from douyin_team.reports import render
from douyin_team.team import convert_team, department_group, department_path, resolve_team

TEAM = {"stage": "mature", "people": [
    {"name": "老板", "roles": "负责人", "department": "总经办"},
    {"name": "小美", "roles": "主播", "department": "直播部", "reports_to": "老板"},
    {"name": "阿杰", "roles": "中控", "department": "直播部/一组", "reports_to": "小美"},
    {"name": "小敏", "roles": "客服", "department": "客服部", "reports_to": "老板"},
    {"name": "小芳", "roles": "售后", "department": "客服部", "reports_to": "小敏"},
    {"name": "阿豪", "roles": "店铺运营", "department": "店铺运营部", "reports_to": "老板"},
    {"name": "老刘", "roles": "打包", "department": "发货小分队", "reports_to": "老板"},
]}


def test_the_company_names_are_kept_and_mapped(kb) -> None:  # type: ignore[no-untyped-def]
    team = resolve_team(convert_team(TEAM), kb)
    groups = result_team(team, check_team(team, kb), kb, "zh").groups or []
    named = {g.name: g.maps_to for g in groups}
    assert named == {"总经办": "lead", "直播部": "live", "直播部/一组": "live", "客服部": "service_dept",
                     "店铺运营部": "store", "发货小分队": "fulfillment_team"}
    sub = next(g for g in groups if g.name == "直播部/一组")
    assert sub.parent == next(g.id for g in groups if g.name == "直播部")


def test_an_unknown_department_maps_to_its_posts_group(kb) -> None:  # type: ignore[no-untyped-def]
    assert department_group("发货小分队", kb, ["fulfillment"], "mature") == "fulfillment_team"
    assert department_group("总部/直播部/二组", kb, [], "growth") == "live"
    assert department_path("总部 / 直播部 / 一组") == ["总部", "直播部", "一组"]


def test_the_report_shows_both_names_when_they_differ(kb) -> None:  # type: ignore[no-untyped-def]
    team = resolve_team(convert_team(TEAM), kb)
    text = render(result_team(team, check_team(team, kb), kb, "zh"), "text", kb, "zh", "t")
    groups = text.split("分组")[1].split("检查结果")[0]
    assert "客服部（对应客户服务部）: 客服(小敏), 客服(小芳)" in groups and "店铺运营部（对应抖店组）" in groups


def test_the_chart_frames_the_company_departments(kb, tmp_path: Path) -> None:  # type: ignore[no-untyped-def]
    team = resolve_team(convert_team(TEAM), kb)
    chart = build_chart(team, kb, "mature")
    names = [f.name for f in chart.frames if not f.empty]
    assert "客服部" in names and "直播组" not in names and "客户服务部" not in names
    assert {f.group for f in chart.frames if f.name == "客服部"} == {"service_dept"}

