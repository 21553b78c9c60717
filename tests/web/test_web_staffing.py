"""Staffing in the page (排岗) with FastAPI's TestClient on SQLite and PostgreSQL: the roster entered or uploaded,
run, errors shown with the rows kept, and the result adopted as the team's new revision."""

from __future__ import annotations

import io
import json
import re
from html import unescape
from pathlib import Path
from typing import Any

import pytest
from openpyxl import Workbook
from web_support import Browser, make_app

EXAMPLES = Path(__file__).resolve().parents[2] / "examples"
ROWS = [("小美", "主播5、助播3", "44", "12000", ""), ("阿杰", "场控4、助播4、直播运营2", "44", "8000", ""),
        ("老周", "负责人5、直播运营4、投手3", "60", "0", ""), ("小敏", "中控3、抖店运营4、客服5", "44", "6500", "")]


@pytest.fixture
def owner(engine: Any) -> Browser:
    return Browser(make_app(engine)).sign_up("owner@example.com", "周老板")


def form(rows: list[tuple[str, ...]]) -> dict[str, str]:
    data: dict[str, str] = {}
    for k, row in enumerate(rows):
        for field, value in zip(("name", "skills", "hours", "monthly_cost", "available"), row, strict=True):
            data[f"{field}_{k}"] = value
    return data


def staffed_names(html: str) -> list[str]:
    table = html.split('id="staffing"', 1)[1].split("</table>", 1)[0]
    return [unescape(n).strip() for n in re.findall(r'<td data-label="姓名">([^<]+)', table)]


def test_the_page_starts_from_the_teams_people_and_staffs_the_plan(owner: Browser) -> None:
    merchant = owner.merchant(owner.workspace())
    page = owner.get(f"/m/{merchant}/staffing")
    assert page.status_code == 200 and 'id="staffing-form"' in page.text
    assert 'name="name_0"' in page.text  # the form, with room to add people


def test_a_roster_entered_in_the_page_is_staffed_and_adopted(owner: Browser) -> None:
    merchant = owner.merchant(owner.workspace())
    owner.get(f"/m/{merchant}/staffing")
    result = owner.post(f"/m/{merchant}/staffing", {**form(ROWS), "start": "19:00"})
    assert result.status_code == 200, result.text
    names = staffed_names(result.text)
    assert {"小美", "阿杰", "老周", "小敏"} & set(names)  # the roster's people hold the plan's posts
    assert 'value="小美"' in result.text and 'value="主播5、助播3"' in result.text  # the rows are kept as typed
    document = unescape(re.search(r'name="document" value="([^"]*)"', result.text).group(1))
    assert json.loads(document)["people"]
    adopted = owner.post(f"/m/{merchant}/staffing/adopt", {"base_revision": "1", "document": document})
    assert adopted.status_code == 303 and adopted.headers["location"] == f"/m/{merchant}"
    team = owner.get(f"/m/{merchant}").text
    assert 'value="小美"' in team and "采用排岗结果" in team  # the new revision, with its message in history


def test_an_uploaded_roster_is_staffed(owner: Browser) -> None:
    merchant = owner.merchant(owner.workspace())
    owner.get(f"/m/{merchant}/staffing")
    book = Workbook()
    book.active.append(["姓名", "技能", "每周工时", "月薪"])
    for name, skills, hours, cost, _ in ROWS:
        book.active.append([name, skills, float(hours), float(cost)])
    buffer = io.BytesIO()
    book.save(buffer)
    result = owner.post(f"/m/{merchant}/staffing", {},
                        files={"file": ("人员.xlsx", buffer.getvalue(), "application/octet-stream")})
    assert result.status_code == 200 and {"小美", "小敏"} & set(staffed_names(result.text))
    yaml_roster = (EXAMPLES / "roster.yaml").read_bytes()
    result = owner.post(f"/m/{merchant}/staffing", {}, files={"file": ("roster.yaml", yaml_roster, "text/yaml")})
    assert result.status_code == 200 and "阿豪" in result.text


def test_bad_rosters_are_one_line_in_chinese_with_the_rows_kept(owner: Browser) -> None:
    merchant = owner.merchant(owner.workspace())
    owner.get(f"/m/{merchant}/staffing")
    bad = owner.post(f"/m/{merchant}/staffing", form([("小美", "魔法师5", "40", "", "")]))
    assert bad.status_code == 422 and 'id="staffing-error"' in bad.text
    error = re.search(r'id="staffing-error"[^>]*>([^<]+)', bad.text).group(1)
    assert "魔法师" in unescape(error) and "Traceback" not in bad.text and 'value="魔法师5"' in bad.text
    hours = owner.post(f"/m/{merchant}/staffing", form([("小美", "主播5", "很多", "", "")]))
    assert hours.status_code == 422 and "不是数字" in unescape(hours.text)
    empty = owner.post(f"/m/{merchant}/staffing", form([("", "", "", "", "")]))
    assert empty.status_code == 422 and "人员表里没有人" in unescape(empty.text)
    upload = owner.post(f"/m/{merchant}/staffing", {}, files={"file": ("x.exe", b"MZ", "application/octet-stream")})
    assert upload.status_code == 422 and "x.exe" in unescape(upload.text)
    junk = owner.post(f"/m/{merchant}/staffing/adopt", {"base_revision": "1", "document": "{not json"})
    assert junk.status_code == 422 and "排岗结果不是有效的团队数据" in unescape(junk.text)
    assert owner.get(f"/m/{merchant}/history").text.count("采用排岗结果") == 0  # nothing saved


def test_the_forms_need_the_csrf_token(owner: Browser) -> None:
    merchant = owner.merchant(owner.workspace())
    refused = owner.client.post(f"/m/{merchant}/staffing/adopt", data={"document": "{}"})
    assert refused.status_code == 403


def test_a_pasted_roster_is_staffed_and_its_errors_count_the_pasted_lines(owner: Browser) -> None:
    """Copied from a sheet (tabs, with or without the header) or typed one person a line with commas: read as
    the CSV upload is; a wrong number names the line as pasted."""
    merchant = owner.merchant(owner.workspace())
    owner.get(f"/m/{merchant}/staffing")
    typed = "小美，主播5、助播3，40，8000\n阿杰,场控4、中控4,44,6500\n小敏，客服5"
    page = owner.post(f"/m/{merchant}/staffing", {"roster_text": typed})
    assert page.status_code == 200 and 'value="小美"' in page.text and 'value="8000"' in page.text
    assert 'id="staffing"' in page.text and 'value="阿杰"' in page.text
    sheet = "姓名\t技能\t每周工时\t月薪\n小美\t主播5\t40\t8000\n阿杰\t场控4\t44\t6500"
    assert 'value="阿杰"' in owner.post(f"/m/{merchant}/staffing", {"roster_text": sheet}).text
    bad = owner.post(f"/m/{merchant}/staffing", {"roster_text": "小美，主播5，四十\n阿杰，场控4，44"})
    assert bad.status_code == 422 and "第1行" in bad.text and "每周工时" in bad.text, bad.text[:3000]


def test_an_english_page_fills_the_skills_in_english_and_staffs_them(owner: Browser) -> None:
    merchant = owner.merchant(owner.workspace())
    page = owner.get(f"/m/{merchant}/staffing?lang=en")  # starts from the team's people and their posts
    skills = [unescape(s) for s in re.findall(r'name="skills_\d+"[^>]*value="([^"]*)"', page.text) if s]
    assert skills and not [s for s in skills if re.search(r"[\u4e00-\u9fff]", s)], skills  # Team lead 4, …
    rows = [(f"P{k}", s, "44", "8000", "") for k, s in enumerate(skills)]
    result = owner.post(f"/m/{merchant}/staffing?lang=en", {**form(rows), "start": "19:00"})
    assert result.status_code == 200 and 'id="staffing"' in result.text, result.text[-500:]
