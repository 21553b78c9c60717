"""A Chinese plan read on English pages (issue #15): the seats the planner named show English post names (Host,
not 主播（待招聘）) in the roster, the chart, the findings, the kit and the next stage, and saving the roster from
the English page renames nobody: the stored team keeps its names. On SQLite and PostgreSQL."""

from __future__ import annotations

import html
import re

from web_support import Browser

INPUTS = re.compile(r'<input (?:type="checkbox" )?name="((?:name|roles|reports_to|department|hours|monthly_cost|can_cover|phone|id|vacancy)_\d+)"([^>]*)>')


def roster_form(page: str) -> dict[str, str]:
    """The roster table's fields as the page filled them (a ticked box as 'on'), ready to post back."""
    form: dict[str, str] = {}
    for name, rest in INPUTS.findall(page):
        if name.startswith("vacancy_"):
            if "checked" in rest:
                form[name] = "on"
            continue
        value = re.search(r'value="([^"]*)"', rest)
        form[name] = html.unescape(value.group(1)) if value else ""
    form["rows"] = re.search(r'name="rows" value="(\d+)"', page).group(1)  # type: ignore[union-attr]
    form["base_revision"] = re.search(r'name="base_revision" value="(\d+)"', page).group(1)  # type: ignore[union-attr]
    return form


def test_a_chinese_plan_on_english_pages_names_its_seats_in_english(owner: Browser) -> None:
    merchant = owner.merchant(owner.workspace())  # planned on a Chinese page: 负责人, 主播, 助播 …
    chinese = owner.get(f"/m/{merchant}").text
    assert 'value="主播"' in chinese and 'value="负责人"' in chinese

    english = owner.get(f"/m/{merchant}?lang=en").text
    assert 'value="Host"' in english and 'value="Team lead"' in english and 'value="主播"' not in english
    chart = owner.get(f"/m/{merchant}/chart.html?lang=en").text
    assert "Host (to hire)" in chart and "主播" not in chart and "负责人" not in chart
    kit = owner.get(f"/m/{merchant}/kit.md?lang=en").text
    assert "Host" in kit and not re.search(r"[\u3400-\u9fff]", kit.replace("山野茶铺", "")), kit[:300]
    nxt = owner.get(f"/m/{merchant}/next?lang=en").text
    assert "主播" not in nxt and "负责人" not in nxt

    form = roster_form(english)  # saved from the English page, changing one cost: nobody is renamed
    form["monthly_cost_1"] = "9000"
    saved = owner.post(f"/m/{merchant}/roster?lang=en", form)
    assert saved.status_code == 303, saved.text[:500]
    after = owner.get(f"/m/{merchant}?lang=zh").text
    assert 'value="主播"' in after and 'value="Host"' not in after and 'value="9000"' in after
    history = owner.get(f"/m/{merchant}/history?lang=zh").text
    assert "编辑人员表" in history and "改名" not in history and "Host" not in history
