"""采用排岗结果 keeps the plan's seats (issues #13/#15), on SQLite and PostgreSQL: each seat a roster person fills
keeps its id, department, budget and 可替岗, a seat left open keeps its name, hours and budget, history says who
took which seat (主播 由 小美 担任 / 小美 takes the seat of Host) instead of everyone removed and added, a second
adoption on top fills only what changed, and an adoption meeting an edit of a seat names the seat on each side
as that side names it."""

from __future__ import annotations

import json
import re
from html import unescape
from typing import Any

import pytest
from web_support import Browser, bearer, make_app

DEPARTMENTS = {"负责人": "运营部", "主播": "直播部", "助播": "直播部", "中控": "直播部", "短视频编导": "内容部", "客服": "客服部"}
SEAT_DETAILS = {"主播": {"monthly_cost": "11000", "hours": "30"}, "客服": {"monthly_cost": "5000", "hours": "30"},
                "中控": {"monthly_cost": "6000", "hours": "42", "can_cover": "客服"}}
# 小美 says no hours (the 主播 seat's 30 stay), 小敏 no pay (the 客服 seat's budget stays) and an explicit 40 hours
ROSTER = [("小美", "主播5、助播3", "", "12000"), ("阿杰", "场控4、助播4、直播运营2", "44", "8000"),
          ("老周", "负责人5、直播运营4、投手3", "60", "0"), ("小敏", "中控3、抖店运营4、客服5", "40", "")]


@pytest.fixture
def owner(engine: Any) -> Browser:
    return Browser(make_app(engine)).sign_up("owner@example.com", "周老板")


def planned_with_details(owner: Browser) -> int:
    """A merchant whose wizard plan (revision 1) got departments, budgets, hours and 可替岗 on its seats (revision 2),
    each seat keeping its id and 待招聘 as the team page's form sends them back."""
    merchant = owner.merchant(owner.workspace())
    page = owner.get(f"/m/{merchant}").text
    rows = {k: unescape(v) for k, v in re.findall(
        r'name="((?:name|roles|reports_to|department|hours|monthly_cost|can_cover|id)_\d+)"[^>]*?value="([^"]*)"', page)}
    count = sum(1 for k in rows if k.startswith("name_") and rows[k])
    for i in range(count):
        name = rows[f"name_{i}"]
        rows[f"department_{i}"] = DEPARTMENTS[name]
        rows.update({f"{field}_{i}": value for field, value in SEAT_DETAILS.get(name, {}).items()})
        if re.search(rf'name="vacancy_{i}"[^>]*checked', page):
            rows[f"vacancy_{i}"] = "on"
    saved = owner.post(f"/m/{merchant}/roster", {"rows": str(count), "base_revision": "1", "message": "座位细节", **rows})
    assert saved.status_code == 303, saved.text[-1500:]
    return merchant


def staffed_document(owner: Browser, merchant: int, rows: list[tuple[str, str, str, str]], lang: str = "zh") -> str:
    """The staffing page run with these roster rows; the staffed team the page would adopt."""
    owner.get(f"/m/{merchant}/staffing?lang={lang}")
    form = {f"{field}_{k}": value for k, row in enumerate(rows)
            for field, value in zip(("name", "skills", "hours", "monthly_cost"), row, strict=True)}
    page = owner.post(f"/m/{merchant}/staffing?lang={lang}", {**form, "start": "19:00"})
    assert page.status_code == 200 and 'id="staffing"' in page.text, page.text[-1500:]
    return unescape(re.search(r'name="document" value="([^"]*)"', page.text).group(1))  # type: ignore[union-attr]


def revision(owner: Browser, token: str, merchant: int, number: int) -> dict[str, dict[str, Any]]:
    """A revision's people by name, with their ids, as the API gives them."""
    answer = owner.client.get(f"/api/v1/merchants/{merchant}/revisions/{number}?ids=true", headers=bearer(token))
    assert answer.status_code == 200, answer.text
    return {p["name"]: p for p in answer.json()["document"]["people"]}


def latest_changes(owner: Browser, merchant: int, lang: str) -> list[str]:
    page = owner.get(f"/m/{merchant}/history?lang={lang}").text
    cell = page.split('class="changes">', 1)[1].split("</td>", 1)[0]
    return [unescape(line) for line in re.findall(r"<div>(.*?)</div>", cell)]


def test_an_adopted_staffing_keeps_the_plans_seats(owner: Browser) -> None:
    token = owner.api_token()
    merchant = planned_with_details(owner)
    document = staffed_document(owner, merchant, ROSTER)
    adopted = owner.post(f"/m/{merchant}/staffing/adopt", {"base_revision": "2", "document": document})
    assert adopted.status_code == 303 and adopted.headers["location"] == f"/m/{merchant}"
    seats, team = revision(owner, token, merchant, 2), revision(owner, token, merchant, 3)
    took = {"老周": "负责人", "小美": "主播", "阿杰": "助播", "小敏": "客服"}
    for person, seat in took.items():  # one seat filled, not one person removed and another added
        assert team[person]["id"] == seats[seat]["id"] and team[person]["department"] == DEPARTMENTS[seat]
        assert not team[person].get("vacancy"), team[person]
    assert team["小美"]["monthly_cost"] == 12000 and team["小美"]["hours"] == 30  # her pay; the seat's hours
    assert team["小敏"]["monthly_cost"] == 5000 and team["小敏"]["hours"] == 40  # the seat's budget; her explicit 40
    assert team["老周"]["monthly_cost"] == 0  # the unpaid boss said 0: not the budget, not "not said"
    assert team["阿杰"]["can_cover"] == ["live_ops"]  # 可替岗 kept: the roster says 阿杰 can do live ops
    for seat in ("中控", "短视频编导"):  # left open: the same seat with everything it had
        assert team[seat] == {**seats[seat], "reports_to": "老周"}, team[seat]
    assert team["中控"]["monthly_cost"] == 6000 and team["中控"]["hours"] == 42
    assert team["中控"]["can_cover"] == ["customer_service"]
    assert set(team) - {*took, "中控", "短视频编导"} == {"仓储配送（待招聘）"}  # the 客服 seat's post 小敏 did not take
    document_3 = owner.client.get(f"/api/v1/merchants/{merchant}/team", headers=bearer(token)).json()["document"]
    assert document_3["sessions"][0]["crew"] == ["小美", "阿杰", "中控"]

    zh = latest_changes(owner, merchant, "zh")
    assert zh[:4] == ["负责人 由 老周 担任", "主播 由 小美 担任", "助播 由 阿杰 担任", "客服 由 小敏 担任"], zh
    assert "新增：仓储配送（待招聘）" in zh and not [line for line in zh if line.startswith("删除")], zh
    assert not [line for line in zh if "待招聘 是" in line], zh  # "由…担任" already says the seat is filled
    assert "小美：周工时 30 → 30" not in zh and any(line.startswith("小美：月成本 11,000元 → 12,000元") for line in zh), zh
    en = latest_changes(owner, merchant, "en")
    assert en[:4] == ["老周 takes the seat of Team lead", "小美 takes the seat of Host",
                      "阿杰 takes the seat of Assistant host", "小敏 takes the seat of Customer service"], en
    assert not [line for line in en if line.startswith("Removed")], en


def test_a_second_adoption_on_top_fills_only_the_seat_that_changed(owner: Browser) -> None:
    token = owner.api_token()
    merchant = planned_with_details(owner)
    first = staffed_document(owner, merchant, ROSTER)
    assert owner.post(f"/m/{merchant}/staffing/adopt", {"base_revision": "2", "document": first}).status_code == 303
    page = owner.get(f"/m/{merchant}/staffing").text  # the roster starts from the team's people
    rows = [tuple(unescape(re.search(rf'name="{field}_{k}"[^>]*value="([^"]*)"', page).group(1))  # type: ignore[union-attr]
                  for field in ("name", "skills", "hours", "monthly_cost")) for k in range(4)]
    assert [row[0] for row in rows] == ["老周", "小美", "阿杰", "小敏"], rows
    second = staffed_document(owner, merchant, [*rows, ("小王", "中控4", "44", "6500")])
    assert owner.post(f"/m/{merchant}/staffing/adopt", {"base_revision": "3", "document": second}).status_code == 303
    before, after = revision(owner, token, merchant, 3), revision(owner, token, merchant, 4)
    assert after["小王"]["id"] == before["中控"]["id"] and after["小王"]["department"] == "直播部"
    assert after["小王"]["monthly_cost"] == 6500 and after["小王"]["hours"] == 44
    assert "can_cover" not in after["小王"]  # the seat's 可替岗 客服: 小王's roster row says he cannot do it
    for name in ("老周", "小美", "阿杰", "小敏", "短视频编导"):
        assert after[name]["id"] == before[name]["id"], name
    zh = latest_changes(owner, merchant, "zh")
    assert zh[0] == "中控 由 小王 担任", zh
    assert not [line for line in zh if "由" in line and "小王" not in line], zh  # nobody else changed seats
    assert not [line for line in zh if line.startswith(("新增", "删除"))], zh


def test_an_adoption_meeting_an_edit_of_a_seat_names_the_seat_as_each_side_does(owner: Browser) -> None:
    merchant = planned_with_details(owner)
    document = staffed_document(owner, merchant, ROSTER)  # built on revision 2
    team = owner.get(f"/m/{merchant}").text
    row = re.search(r'name="name_(\d+)"[^>]*value="主播"', team).group(1)  # type: ignore[union-attr]
    fields = {k: unescape(v) for k, v in re.findall(
        r'name="((?:name|roles|reports_to|department|hours|monthly_cost|can_cover|id)_\d+)"[^>]*?value="([^"]*)"', team)}
    count = sum(1 for k in fields if k.startswith("name_") and fields[k])
    vacancies = {f"vacancy_{i}": "on" for i in range(count) if re.search(rf'name="vacancy_{i}"[^>]*checked', team)}
    fields[f"monthly_cost_{row}"] = "13000"  # a colleague raises the host seat's budget meanwhile
    edited = owner.post(f"/m/{merchant}/roster", {"rows": str(count), "base_revision": "2", **fields, **vacancies})
    assert edited.status_code == 303, edited.text[-1500:]
    merged = owner.post(f"/m/{merchant}/staffing/adopt", {"base_revision": "2", "document": document})
    assert merged.status_code == 303 and "/merge/" in merged.headers["location"], merged.headers
    for lang, person, took in (("zh", "主播（你的：小美）", "你的修改：主播 由 小美 担任"),
                               ("en", "Host (yours: 小美)", "yours: 小美 takes the seat of Host")):
        page = unescape(owner.get(merged.headers["location"] + f"?lang={lang}").text)
        clashes = page.split('id="clashes"', 1)[1].split("</table>", 1)[0]
        cells = [re.sub(r"<[^>]+>", "", c).strip() for c in re.findall(r"<td[^>]*>(.*?)</td>", clashes, re.S)]
        assert cells[:5] == [person, "月成本" if lang == "zh" else "monthly cost",
                             *(["11,000元", "13,000元", "12,000元"] if lang == "zh"
                               else ["11,000 CNY", "13,000 CNY", "12,000 CNY"])], cells
        merged_lines = page.split('id="merged"', 1)[1].split("</ul>", 1)[0]
        assert took in merged_lines, merged_lines
    picked = owner.post(merged.headers["location"], {"latest": "3", "pick_0": "mine"})
    assert picked.status_code == 303
    history = latest_changes(owner, merchant, "zh")
    assert "主播 由 小美 担任" in history, history


def test_the_adopted_document_is_the_team_the_page_showed(owner: Browser) -> None:
    """What the page adopts is the staffed team as shown: its people are the result table's people."""
    merchant = planned_with_details(owner)
    document = json.loads(staffed_document(owner, merchant, ROSTER, "en"))
    names = [p["name"] for p in document["people"]]
    assert "中控" in names and "Central control" not in names  # stored as the team stores it, on an English page
    assert [p["name"] for p in document["people"] if not p.get("id")] == [names[-1]]  # only the new open post is new
