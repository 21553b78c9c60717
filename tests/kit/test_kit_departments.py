"""The kit's 架构 table lists the company's own departments when its people have them."""

from __future__ import annotations

from douyin_team.kit.build import org_rows
from douyin_team.team import convert_team, resolve_team

TEAM = {"stage": "mature", "people": [
    {"name": "老板", "roles": "负责人", "department": "总经办"},
    {"name": "阿杰", "roles": "中控", "department": "直播部/一组；客服部", "reports_to": "老板"},
    {"name": "小敏", "roles": "客服", "department": "客服部", "reports_to": "老板"},
    {"name": "阿豪", "roles": "店铺运营", "reports_to": "老板"},
]}


def test_the_kit_lists_the_company_departments(kb) -> None:  # type: ignore[no-untyped-def]
    rows = {r.name: r.groups for r in org_rows(resolve_team(convert_team(TEAM), kb), kb, "mature", "zh")}
    assert rows["小敏"] == ["客服部"] and rows["阿杰"] == ["直播部/一组", "客服部"]
    assert rows["阿豪"] == ["抖店组"]  # no department written: the knowledge base's group
