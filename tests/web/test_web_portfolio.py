"""The agency's portfolio page: stage, headcount, open posts, findings, labour share and last change per
merchant; search (also by pinyin), filters, sort by any column, pinyin order, delete with confirmation."""

from __future__ import annotations

import re
from typing import Any

import pytest
from browser_support import database, phone, server, shot, sign_up
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
    return re.findall(r'<td data-label="[^"]+"><a href="/m/\d+">([^<]+)</a>', html)


def test_portfolio_columns_pinyin_order_search_filters_and_sort(agency: tuple[Client, int]) -> None:
    owner, workspace = agency
    page = owner.get(f"/w/{workspace}").text
    assert names(page) == ["阿里小铺", "北京烤鸭", "茶叶", "山野茶铺", "张记"]  # pinyin, not code point order
    assert "5个商家" in page and "成熟阶段 1" in page
    row = re.search(r'<tr data-id="\d+"><td data-label="商家"><a href="/m/\d+">北京烤鸭</a>.*?</tr>', page, re.S)
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


def test_portfolio_on_a_phone(server: str, browser: Browser, request: pytest.FixtureRequest) -> None:
    context = phone(browser)
    page = context.new_page()
    sign_up(page, server, "portfolio@example.com", "代运营")
    page.tap("input[name=name]")
    page.keyboard.type("手机看商家")
    page.tap("text=创建")
    expect(page).to_have_url(re.compile(r"/w/\d+$"))
    workspace_url = page.url
    for name, sales in list(SHOPS.items())[:3]:
        page.goto(workspace_url + "/merchants/new")
        page.fill("input[name=name]", name)
        page.fill("input[name=monthly_sales]", sales)
        page.tap("#create")
        expect(page.locator("h1")).to_contain_text(name)
    page.goto(workspace_url + "?sort=monthly_sales&dir=desc")
    expect(page.locator("#merchants tbody tr")).to_have_count(3)
    expect(page.locator("#merchants tbody tr").first).to_contain_text("北京烤鸭")
    assert page.evaluate("document.documentElement.scrollWidth - window.innerWidth") == 0
    shot(page, f"{database(request)}-phone-portfolio")
    page.locator("#merchants tbody tr").first.locator("a.danger").tap()
    page.tap("input[name=confirm]")
    page.keyboard.type("北京烤鸭")
    page.tap("#confirm-delete")
    expect(page.locator("#merchants tbody tr")).to_have_count(2)
    context.close()
