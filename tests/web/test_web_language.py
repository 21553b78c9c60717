"""Everything the app writes shown in the reader's language: history messages and changes (post names, not
field names), money as money, English lists joined with ', '."""

from __future__ import annotations

import re
from typing import Any

from web_support import Browser, make_app

from douyin_team.web.wording import message_text, money


def test_history_in_the_readers_language_with_post_names(engine: Any) -> None:
    owner = Browser(make_app(engine)).sign_up("lang@example.com", "周老板")
    merchant = owner.merchant(owner.workspace())
    owner.get(f"/m/{merchant}")
    page = owner.get(f"/m/{merchant}").text
    rows = {"rows": "5", "base_revision": "1"}
    for i, (name, roles, boss) in enumerate(re.findall(
            r'name="name_\d+" value="([^"]*)".*?name="roles_\d+" value="([^"]*)".*?name="reports_to_\d+" value="([^"]*)"',
            page, re.S)):
        rows.update({f"name_{i}": name, f"roles_{i}": roles, f"reports_to_{i}": boss, f"vacancy_{i}": "on"})
    rows["roles_2"] = "场控"
    rows["monthly_cost_1"] = "12000"
    assert owner.post(f"/m/{merchant}/roster", rows).status_code == 303
    chinese = owner.get(f"/m/{merchant}/history").text
    assert "岗位 助播、场控 → 场控" in chinese and "主播：月成本 — → 12,000元" in chinese
    assert "编辑人员表" in chinese and "roles" not in chinese and "monthly_cost" not in chinese
    english = owner.get(f"/m/{merchant}/history?lang=en").text
    assert "posts Assistant host, Floor control → Floor control" in english
    assert "Edited the roster" in english and "Plan from the wizard" in english and "编辑人员表" not in english
    assert "、" not in owner.get(f"/m/{merchant}/next?lang=en").text.split("<main")[1]


def test_money_and_app_messages() -> None:
    assert money(300000.0, "zh") == "30万元" and money(300000.0, "en") == "300,000 CNY"
    assert money(8500, "zh") == "8,500元"
    assert message_text("向导生成的方案", "en") == "Plan from the wizard"
    assert message_text("Imported 团队.xlsx", "zh") == "导入 团队.xlsx"
    assert message_text("restore #3（合并 / merged）", "zh") == "恢复版本 3（合并）"
    assert message_text("我自己写的说明", "en") == "我自己写的说明"  # a person's own words stay as typed
