"""The app on a phone held upright (390×844, touch) in Debian's Chromium, against `douyin-team serve`.

The wizard is one column with the diagnosis below it and is submitted by tapping; the header navigation is a
menu; the team page's chart fills the width and pans and pinch-zooms; the roster keeps its name column in
view; history and downloads fit the screen. Screenshots: test-output/web-<db>-phone-*.png.
"""

from __future__ import annotations

import io
from pathlib import Path

from browser_support import database, enter, new_merchant, open_page, overflow, server, shot, sign_up
from PIL import Image
from playwright.sync_api import Browser, Frame, Page, expect

__all__ = ["server"]


def chart_scale(frame: Frame) -> float:
    """The zoom of the chart's world group (its transform's scale)."""
    transform = frame.locator("#world").get_attribute("transform") or ""
    return float(transform.split("scale(")[1].rstrip(")"))


def pinch(page: Page, x: float, y: float, start: float, end: float) -> None:
    """Two fingers on (x ± start, y) moving apart to (x ± end, y): real touch events through the DevTools protocol."""
    cdp = page.context.new_cdp_session(page)

    def touch(kind: str, d: float) -> None:
        points = [] if kind == "touchEnd" else [{"x": x - d, "y": y, "id": 1}, {"x": x + d, "y": y, "id": 2}]
        cdp.send("Input.dispatchTouchEvent", {"type": kind, "touchPoints": points})

    touch("touchStart", start)
    for step in range(1, 11):
        touch("touchMove", start + (end - start) * step / 10)
    touch("touchEnd", end)
    cdp.detach()


def test_phone_wizard_team_roster_history(server: str, browser: Browser, request) -> None:  # type: ignore[no-untyped-def]
    db = database(request)
    context, page, errors = open_page(browser, on_phone=True)
    sign_up(page, server, "phone@example.com", "小周")
    nav = page.locator("#top-nav")
    expect(nav).to_be_hidden()  # the navigation waits behind the menu button
    page.tap("#menu-button")
    expect(nav).to_be_visible()
    for link in nav.locator("a").all():  # one line each, not one character per line, easy to tap
        box = link.bounding_box()
        assert box and box["height"] < 60 and box["width"] > 300  # a full-width row each
    shot(page, f"{db}-phone-menu", full_page=False)
    page.tap("#menu-button")
    page.tap("input[name=name]")
    page.keyboard.type("手机代运营")
    page.tap("text=创建")

    page.tap("#new-merchant")
    page.tap("input[name=name]")  # the required name field can be tapped: nothing lies on top of it
    page.keyboard.type("山野茶铺")
    page.tap("input[name=monthly_sales]")
    page.keyboard.type("300000")
    expect(page.locator("#diagnosis-stage")).to_have_text("成长阶段")
    form, diagnosis = page.locator("#wizard").bounding_box(), page.locator("#diagnosis").bounding_box()
    assert form and diagnosis and diagnosis["y"] >= form["y"] + form["height"]  # below the fields
    assert form["width"] > 340 and diagnosis["width"] > 340
    submit = page.locator("#create").bounding_box()
    assert submit and submit["width"] > 300 and submit["height"] >= 40
    assert overflow(page) == 0
    shot(page, f"{db}-phone-wizard")
    page.tap("#create")

    expect(page.locator("h1")).to_contain_text("山野茶铺")
    frame = page.frame_locator("#chart")
    expect(frame.locator(".card")).to_have_count(6)
    page.wait_for_function("document.getElementById('chart').style.height !== ''")  # fitted to the chart (app.js)
    page.wait_for_timeout(200)
    chart = page.locator("#chart").bounding_box()
    assert chart and chart["width"] > 360 and chart["height"] >= 280  # the chart fills the width
    assert overflow(page) == 0
    links = page.locator("#downloads a").all()
    assert len(links) >= 4
    for link in links:
        box = link.bounding_box()
        assert box and box["height"] < 50 and box["x"] + box["width"] <= 390
    shot(page, f"{db}-phone-team", full_page=False)

    inner = page.frame(url=lambda u: "/chart.html" in u)
    assert inner is not None
    before = chart_scale(inner)
    pinch(page, chart["x"] + chart["width"] / 2, chart["y"] + chart["height"] / 2, 40, 140)
    assert chart_scale(inner) > before * 2  # pinch-zoom
    assert inner.evaluate("String(getSelection())") == ""  # panning never selects the text layer
    shot(page, f"{db}-phone-chart-zoomed", full_page=False)

    scroller = page.locator("#roster-form .scroll")
    name_cell = page.locator("#roster-form tbody tr").first.locator("td").first
    left = name_cell.bounding_box()
    scroller.evaluate("s => { s.scrollLeft = 400; }")
    after = name_cell.bounding_box()
    assert left and after and abs(after["x"] - left["x"]) < 1  # the name column stays in view
    assert scroller.evaluate("s => s.scrollLeft") > 100
    row = page.locator("#roster-form tr", has=page.locator('input[value="助播"]'))
    row.locator("input[name^=roles_]").tap()
    row.locator("input[name^=roles_]").fill("场控")
    page.locator("#save-roster").tap()
    expect(page.locator('#findings [data-rule="single-host-dependence"]')).to_have_count(1)
    shot(page, f"{db}-phone-roster", full_page=True)

    with page.expect_download() as download:
        page.tap("#download-png")
    assert Image.open(io.BytesIO(Path(download.value.path()).read_bytes())).format == "PNG"

    page.tap("#tab-history")
    expect(page.locator("#revisions tbody tr")).to_have_count(2)
    assert overflow(page) == 0
    card = page.locator("#revisions tbody tr").first.bounding_box()
    assert card and card["width"] <= 390 and card["height"] > 80  # a card per revision, not a squeezed row
    shot(page, f"{db}-phone-history")
    assert not errors, errors
    context.close()


def test_phone_staffing_and_scenarios(server: str, browser: Browser, request) -> None:  # type: ignore[no-untyped-def]
    """On a phone: the staffing roster as cards, run by tapping, kept as a scenario, then the scenario adopted."""
    db = database(request)
    context, page, errors = open_page(browser, on_phone=True)
    new_merchant(page, server, "phone-staff@example.com", "手机代运营", "花间小铺", owner="小周", tap=True)
    expect(page.locator("#labour")).to_contain_text("月人力成本约")

    page.goto(page.url + "/staffing")
    expect(page.locator("input[name=name_0]")).to_have_value("负责人")  # the owner, from the team, comes first
    for k, (name, skills) in enumerate([("小美", "主播5、助播3"), ("阿杰", "场控4、助播4"), ("小敏", "中控3、客服5")], 1):
        row = page.locator("#roster-input tbody tr").nth(k)
        kind = row.get_attribute("class") or ""
        if "spare" in kind:  # one empty row shows; another comes with "+ 再加一人"
            page.locator("#add-person").tap()
        elif "folded" in kind:  # a person folded to a line: tapped open
            row.locator(".fold-button").tap()
        enter(page, f"input[name=name_{k}]", name, tap=True)
        enter(page, f"input[name=skills_{k}]", skills, tap=True)
    row = page.locator("#roster-input tbody tr").nth(1).bounding_box()
    assert row and row["width"] > 300 and row["height"] > 150  # opened, a card with every field on it
    assert overflow(page) == 0
    page.locator("#run-staffing").tap()
    expect(page.locator("#staffing")).to_contain_text("小美")
    assert overflow(page) == 0
    shot(page, f"{db}-phone-staffing")
    enter(page, "#keep-staffing-form input[name=name]", "三人上岗", tap=True)
    page.locator("#keep-staffing").tap()

    expect(page.locator("h1")).to_contain_text("三人上岗")
    expect(page.locator("#scenario-diff")).to_contain_text("小美")
    chart = page.locator("#scenario-chart").bounding_box()
    assert chart and chart["width"] > 340
    assert overflow(page) == 0
    shot(page, f"{db}-phone-scenario")
    page.locator("#adopt-scenario").tap()
    expect(page.locator("h1")).to_contain_text("花间小铺")
    expect(page.locator('#roster-form input[value="小美"]')).to_have_count(1)
    expect(page.locator("#scenario-list")).to_contain_text("三人上岗")
    assert not errors, errors
    context.close()
