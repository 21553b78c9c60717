"""Field names never reach the reader: the history's 改动 column and the merge page say every field of the team
model in words (zh and en), values too (choices, money, posts, masked phones); a refused form (CSRF) says so in
the reader's language, Chinese by default."""

from __future__ import annotations

import re
from html import unescape
from typing import Any

import pytest
from web_support import Browser, make_app

from douyin_team.knowledge import load_knowledge
from douyin_team.store.diff import RevisionDiff
from douyin_team.team import Candidate, Person, Team
from douyin_team.web.compute import Core
from douyin_team.web.wording import change_line, diff_lines, field_label, value_text

CORE = Core(load_knowledge())
PERSON_VALUES: dict[str, list[Any]] = {
    "roles": [["anchor"], ["anchor", "floor_control"]], "reports_to": [None, "老周"], "vacancy": [False, True],
    "hours": [40.0, 48.0], "monthly_cost": [6000.0, 6500.0], "department": ["直播部", "直播部/一组"],
    "can_cover": [[], ["live_ops"]], "reasons": [[], [{"about": "anchor", "text": "主播"}]],
    "unknown_titles": [[], ["品宣"]], "employment": [None, "part_time"], "phone": [None, "138 0013 8000"],
}
TEAM_VALUES: dict[str, list[Any]] = {
    "monthly_sales": [300000, 1200000], "stage": ["growth", "mature"], "focus": ["live", "store"],
    "resources": [[], ["supply_chain"]], "ads": [True, False], "fulfilment": ["own", "cloud"],
    "service": ["in_house", "outsourced"], "category": ["general", "apparel"], "day_parts": [["evening"], ["noon"]],
    "city_tier": [2, 3], "scope": ["company", "live_room"], "owner_implicit": [None, True], "ad_spend": [0, 50000],
    "budget_cny": [None, 80000], "order_value": [80.0, 120.0],
}
FIELDS = sorted({*Person.__struct_fields__, *Team.__struct_fields__, *Candidate.__struct_fields__} - {"name"})
RAW = re.compile(r"\b[a-z]+_[a-z_]+\b")  # a snake_case key as it would leak: can_cover, part_time …


@pytest.mark.parametrize("lang", ["zh", "en"])
def test_every_field_and_value_in_the_changes_column_is_in_words(lang: str) -> None:
    diff = RevisionDiff(a=1, b=2, values={"小雅": PERSON_VALUES}, changed={"小雅": list(PERSON_VALUES)},
                        fields=list(TEAM_VALUES))
    lines = diff_lines(CORE, diff, lang)
    text = "\n".join(lines)
    assert not RAW.search(text) and "{" not in text, text
    words = ("可替岗", "直播运营", "兼职", "手机号", "138****8000", "看不懂的岗位名") if lang == "zh" else \
        ("can cover", "Live ops", "part-time", "phone", "138****8000", "unknown titles")
    assert all(w in text for w in words), text
    assert "0013" not in text  # a phone is masked in the history, whoever reads it
    for name, (before, after) in TEAM_VALUES.items():
        for value in (before, after):
            shown = value_text(CORE, name, value, lang)
            assert not RAW.search(shown), (name, value, shown)


@pytest.mark.parametrize("lang", ["zh", "en"])
@pytest.mark.parametrize("field", FIELDS)
def test_every_field_has_a_label_not_its_key(field: str, lang: str) -> None:
    label = field_label(field, lang)
    assert label != field or "_" not in field and lang == "en"
    assert "_" not in label


def test_merge_lines_name_fields_in_words() -> None:
    class Change:
        side, person, field, value = "theirs", "小雅", "can_cover", ["live_ops"]

    assert change_line(CORE, Change(), "zh") == "对方的修改：小雅 · 可替岗 → 直播运营"
    assert change_line(CORE, Change(), "en") == "theirs: 小雅 · can cover → Live ops"
    assert field_label("no_such_field", "zh") == "字段“no_such_field”"  # never bare, even for a key we do not know


@pytest.fixture
def owner(engine: Any) -> Browser:
    return Browser(make_app(engine)).sign_up("owner@example.com", "周老板")


def test_a_refused_form_says_why_in_the_readers_language(owner: Browser) -> None:
    owner.get("/")
    chinese = owner.client.post("/workspaces", data={"name": "x"})
    said = unescape(chinese.text)
    assert chinese.status_code == 403 and "页面已过期或不是从本站提交的" in said and "请刷新页面后再试" in said
    assert "CSRF" not in said.split("<main", 1)[-1] and "<h1>页面已过期</h1>" in said and "没有权限" not in said
    owner.get("/?lang=en")
    english = owner.client.post("/workspaces", data={"name": "x"})
    said = unescape(english.text)
    assert english.status_code == 403 and "<h1>This page has expired</h1>" in said
    assert "the form was not sent from this site" in said and "reload the page and try again" in said
    assert "CSRF" not in said.split("<main", 1)[-1] and not re.search(r"[\u4e00-\u9fff]", said.split("<main", 1)[-1])
    api = owner.client.post("/api/v1/plan?lang=zh", json={"monthly_sales": 1})
    assert api.status_code == 403 and api.json()["error"]["message"].startswith("页面已过期")


@pytest.mark.parametrize("lang", ["zh", "en"])
def test_the_findings_panel_names_posts_and_fields_in_words(owner: Browser, lang: str) -> None:
    """A team that sets off many rules (covers that do not hold, leads without ad skills, an unknown title):
    every finding in the page, its title, reason and hints, speaks in words, never a team-file key."""
    merchant = owner.merchant(owner.workspace())
    owner.get(f"/m/{merchant}")
    rows = {"rows": "5", "base_revision": "1", "name_0": "老周", "roles_0": "负责人、直播运营", "can_cover_0": "客服",
            "name_1": "小美", "roles_1": "主播", "reports_to_1": "老周", "can_cover_1": "场控",
            "name_2": "阿杰", "roles_2": "场控", "reports_to_2": "老周", "hours_2": "70",
            "name_3": "小敏", "roles_3": "打杂的", "reports_to_3": "老周",
            "name_4": "小白", "roles_4": "客服", "reports_to_4": "老周", "monthly_cost_4": "4000"}
    assert owner.post(f"/m/{merchant}/roster", rows).status_code == 303
    page = unescape(owner.get(f"/m/{merchant}?lang={lang}").text)
    panel = page.split('id="findings"')[1].split("</aside>")[0]
    text = re.sub(r"<[^>]+>", " ", panel)
    assert text.count("规则编号" if lang == "zh" else "Rule") >= 4, text
    assert not RAW.findall(text), RAW.findall(text)
    if lang == "en":
        assert not re.search(r"[、；]", text), text
