"""The agency's portfolio page: stage, headcount, open posts, findings, labour share and last change per
merchant; search (also by pinyin), filters, sort by any column, pinyin order, delete with confirmation, archive."""

from __future__ import annotations

import re
from typing import Any

import pytest
from browser_support import (
    add_merchant,
    database,
    enter,
    make_workspace,
    open_page,
    overflow,
    press,
    server,
    shot,
    sign_up,
)
from playwright.sync_api import Browser, expect
from web_support import Browser as Client
from web_support import make_app

__all__ = ["server"]
SHOPS = {"张记": "60000", "阿里小铺": "300000", "北京烤鸭": "2500000", "茶叶": "80000", "山野茶铺": "600000"}


@pytest.fixture
def agency(engine: Any) -> tuple[Client, int]:
    owner = Client(make_app(engine)).sign_up("agency@example.com", "代运营老板")
    workspace = owner.workspace("星火代运营")
    for name, sales in SHOPS.items():
        owner.merchant(workspace, name, sales)
    return owner, workspace


def names(html: str) -> list[str]:
    return re.findall(r'<td data-label="[^"]+"[^>]*><a href="/m/\d+">([^<]+)</a>', html)


def test_portfolio_columns_pinyin_order_search_filters_and_sort(agency: tuple[Client, int]) -> None:
    owner, workspace = agency
    page = owner.get(f"/w/{workspace}").text
    assert names(page) == ["阿里小铺", "北京烤鸭", "茶叶", "山野茶铺", "张记"]  # pinyin, not code point order
    assert "5个商家" in page and "成熟阶段 1" in page
    row = re.search(r'<tr data-id="\d+"><td data-label="商家"[^>]*><a href="/m/\d+">北京烤鸭</a>.*?</tr>', page, re.S)
    assert row and "成熟阶段" in row.group(0) and "250万元" in row.group(0)
    assert names(owner.get(f"/w/{workspace}?q=cha").text) == ["茶叶", "山野茶铺"]  # pinyin search
    assert names(owner.get(f"/w/{workspace}?q=烤鸭").text) == ["北京烤鸭"]
    assert names(owner.get(f"/w/{workspace}?stage=growth").text) == ["阿里小铺", "山野茶铺"]
    by_sales = names(owner.get(f"/w/{workspace}?sort=monthly_sales&dir=desc").text)
    assert by_sales == ["北京烤鸭", "山野茶铺", "阿里小铺", "茶叶", "张记"]
    by_people = names(owner.get(f"/w/{workspace}?sort=open_posts").text)
    assert by_people[0] in ("张记", "茶叶") and by_people[-1] == "北京烤鸭"
    for key in ("stage", "headcount", "errors", "warnings", "labour_share", "updated", "nonsense"):
        assert owner.get(f"/w/{workspace}?sort={key}&dir=desc").status_code == 200
    flagged = names(owner.get(f"/w/{workspace}?problems=1").text)
    assert set(flagged) <= set(SHOPS)


def test_delete_asks_for_the_name_first(agency: tuple[Client, int]) -> None:
    owner, workspace = agency
    merchant = int(re.findall(r'href="/m/(\d+)/delete"', owner.get(f"/w/{workspace}").text)[0])
    confirm = owner.get(f"/m/{merchant}/delete")
    assert confirm.status_code == 200 and "不能恢复" in confirm.text
    assert owner.post(f"/m/{merchant}/delete", {"confirm": "wrong"}).status_code == 422
    name = re.search(r"<b>([^<]+)</b>", confirm.text).group(1)  # type: ignore[union-attr]
    assert owner.post(f"/m/{merchant}/delete", {"confirm": name}).status_code == 303
    assert owner.get(f"/m/{merchant}").status_code == 404 and len(names(owner.get(f"/w/{workspace}").text)) == 4


def ids_of(html: str) -> dict[str, int]:
    return {name: int(i) for i, name in re.findall(r'<a href="/m/(\d+)">([^<]+)</a>', html)}


def test_archive_hides_a_merchant_and_its_numbers_until_it_is_brought_back(agency: tuple[Client, int]) -> None:
    owner, workspace = agency
    page = owner.get(f"/w/{workspace}").text
    people = int(re.search(r"(\d+)人在岗", page).group(1))  # type: ignore[union-attr]
    duck = ids_of(page)["北京烤鸭"]
    duck_people = int(re.search(rf'<tr data-id="{duck}">.*?data-label="人数"[^>]*>(\d+)<', page, re.S).group(1))  # type: ignore[union-attr]
    assert owner.post(f"/m/{duck}/archive").headers["location"] == f"/w/{workspace}"
    page = owner.get(f"/w/{workspace}").text
    assert "北京烤鸭" not in names(page) and len(names(page)) == 4
    assert "4个商家" in page and f"{people - duck_people}人在岗" in page and "成熟阶段" not in page.split("</p>")[1]
    assert "只计在用的商家，1个已归档的不计入" in page and "已归档 (1)" in page
    archived = owner.get(f"/w/{workspace}?archived=1").text
    assert names(archived) == ["北京烤鸭"] and f'id="unarchive-{duck}"' in archived
    assert "4个商家" in archived  # the overview stays the active merchants' totals
    assert owner.get(f"/m/{duck}").status_code == 200  # its team and history are kept, by its link
    assert "已归档" in owner.get(f"/m/{duck}").text
    assert owner.post(f"/m/{duck}/unarchive").status_code == 303
    page = owner.get(f"/w/{workspace}").text
    assert "北京烤鸭" in names(page) and "5个商家" in page and "已归档的不计入" not in page


def test_archive_is_for_editors_and_the_api_lists_active_merchants(agency: tuple[Client, int]) -> None:
    owner, workspace = agency
    app = owner.client.app
    viewer = Client(app).sign_up("viewer@example.com", "只读")  # type: ignore[arg-type]
    editor = Client(app).sign_up("editor@example.com", "编辑")  # type: ignore[arg-type]
    owner.get(f"/w/{workspace}")
    assert owner.post(f"/w/{workspace}/members", {"email": "viewer@example.com", "role": "viewer"}).status_code == 303
    assert owner.post(f"/w/{workspace}/members", {"email": "editor@example.com", "role": "editor"}).status_code == 303
    tea = ids_of(owner.get(f"/w/{workspace}").text)["茶叶"]
    viewer.get(f"/w/{workspace}")
    assert 'id="archive-' not in viewer.get(f"/w/{workspace}").text
    assert viewer.post(f"/m/{tea}/archive").status_code == 403
    page = editor.get(f"/w/{workspace}").text
    assert f'id="archive-{tea}"' in page and f'id="delete-{tea}"' not in page  # editors archive, owners delete
    assert editor.post(f"/m/{tea}/archive").status_code == 303
    token = {"authorization": f"Bearer {owner.api_token()}"}
    listed = owner.client.get(f"/api/v1/workspaces/{workspace}/merchants", headers=token).json()
    assert "茶叶" not in [m["name"] for m in listed] and all(m["archived_at"] is None for m in listed)
    archived = owner.client.get(f"/api/v1/workspaces/{workspace}/merchants?archived=true", headers=token).json()
    assert [m["name"] for m in archived] == ["茶叶"] and archived[0]["archived_at"]
    both = owner.client.get(f"/api/v1/workspaces/{workspace}/merchants?archived=all", headers=token).json()
    assert len(both) == 5
    back = owner.client.post(f"/api/v1/merchants/{tea}/unarchive", headers=token)
    assert back.status_code == 200 and back.json()["archived_at"] is None
    again = owner.client.post(f"/api/v1/merchants/{tea}/archive", headers=token)
    assert again.status_code == 200 and again.json()["archived_at"]
    bad = owner.client.get(f"/api/v1/workspaces/{workspace}/merchants?archived=maybe", headers=token)
    assert bad.status_code == 422


@pytest.mark.parametrize("device", ["desktop", "phone"])
def test_portfolio_in_the_browser(server: str, browser: Browser, request: pytest.FixtureRequest, device: str) -> None:
    """Clicked on a desktop and tapped on a phone: sorted by monthly sales, one merchant archived and brought
    back, one deleted after its name is typed; nothing scrolls sideways."""
    tap = device == "phone"
    context, page, _ = open_page(browser, on_phone=tap)
    sign_up(page, server, f"portfolio-{device}@example.com", "代运营")
    workspace_url = make_workspace(page, f"{device}看商家", tap)
    for name, sales in list(SHOPS.items())[:3]:
        page.goto(workspace_url)
        add_merchant(page, name, sales, tap)
    page.goto(workspace_url + "?sort=monthly_sales&dir=desc")
    rows = page.locator("#merchants tbody tr")
    expect(rows).to_have_count(3)
    expect(rows.first).to_contain_text("北京烤鸭")
    expect(page.locator("#sort-by")).to_have_value("monthly_sales")  # the phone's sort control says so too
    assert overflow(page) == 0
    shot(page, f"{database(request)}-{device}-portfolio")

    archive = rows.filter(has_text="张记").locator("button[id^=archive-]")
    archive.tap() if tap else archive.click()
    expect(rows).to_have_count(2)
    expect(page.locator("#overview")).to_contain_text("2个商家")
    expect(page.locator("#archived-note")).to_contain_text("1个已归档的不计入")
    press(page, "#show-archived", tap)
    press(page, "#portfolio-filters button[type=submit]", tap)
    expect(rows).to_have_count(1)
    expect(rows.first).to_contain_text("张记")
    shot(page, f"{database(request)}-{device}-portfolio-archived")
    unarchive = rows.first.locator("button[id^=unarchive-]")
    unarchive.tap() if tap else unarchive.click()
    expect(page).to_have_url(workspace_url + "?archived=1")  # the archived list again, now with nobody
    expect(rows.first).to_contain_text("没有已归档的商家")
    page.goto(workspace_url)
    expect(rows).to_have_count(3)
    expect(page.locator("#overview")).to_contain_text("3个商家")
    page.goto(workspace_url + "?sort=monthly_sales&dir=desc")

    delete = rows.first.locator("a.danger")
    box = delete.bounding_box()
    assert box and (not tap or box["height"] >= 40)  # a button a thumb can hit
    delete.tap() if tap else delete.click()
    enter(page, "input[name=confirm]", "北京烤鸭", tap)
    press(page, "#confirm-delete", tap)
    expect(rows).to_have_count(2)
    context.close()
