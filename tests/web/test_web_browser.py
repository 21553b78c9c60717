"""The web app in a real browser: Debian's Chromium (Playwright) against `douyin-team serve` (uvicorn) on a free port.

Signs up, makes a merchant through the wizard, sees the chart, collapses a group, edits a person, sees a finding
appear, downloads the PNG and the Excel kit, and is refused as an outsider. Screenshots go to test-output/web-*.png.
"""

from __future__ import annotations

import io
from pathlib import Path

import pytest
from browser_support import OUT, server, shot, sign_up
from openpyxl import load_workbook
from PIL import Image
from playwright.sync_api import Browser, Frame, Page, expect

__all__ = ["server"]  # `douyin-team serve --workers 2` on SQLite and on PostgreSQL (browser_support.server)


def test_merchant_journey_in_chromium(server: str, browser: Browser, request: pytest.FixtureRequest) -> None:
    database = request.node.callspec.params["server"]
    context = browser.new_context(viewport={"width": 1440, "height": 1000}, accept_downloads=True)
    page = context.new_page()
    errors: list[str] = []
    page.on("pageerror", lambda e: errors.append(str(e)))
    page.on("console", lambda m: errors.append(m.text) if m.type == "error" else None)

    sign_up(page, server, "owner@example.com", "周老板")
    shot(page, f"{database}-workspaces-empty")
    page.fill("input[name=name]", "星火代运营")
    page.click("text=创建")
    page.click("#new-merchant")

    page.fill("input[name=name]", "山野茶铺")
    page.fill("input[name=monthly_sales]", "60000")
    expect(page.locator("#diagnosis-stage")).to_have_text("新手/初创阶段")
    page.fill("input[name=monthly_sales]", "300000")  # the diagnosis follows the answer
    expect(page.locator("#diagnosis-stage")).to_have_text("成长阶段")
    expect(page.locator("#diagnosis-people li")).to_have_count(6)
    page.fill("input[name=live_hours]", "4")
    shot(page, f"{database}-wizard")
    page.click("#create")

    expect(page.locator("h1")).to_contain_text("山野茶铺")
    frame = page.frame_locator("#chart")
    cards = frame.locator(".card")
    expect(cards).to_have_count(6)
    shot(page, f"{database}-team")
    toggle = frame.locator(".toggle").first
    toggle.click()  # collapse the lead's reports
    expect(frame.locator(".card:visible")).to_have_count(1)
    shot(page, f"{database}-team-collapsed")
    toggle.click()
    expect(frame.locator(".card:visible")).to_have_count(6)

    assert page.locator('#findings [data-rule="single-host-dependence"]').count() == 0
    row = page.locator("#roster-form tr", has=page.locator('input[value="助播"]'))
    row.locator("input[name^=roles_]").fill("场控")  # the assistant host stops hosting
    page.fill("input[name=message]", "助播改做场控")
    page.click("#save-roster")
    finding = page.locator('#findings [data-rule="single-host-dependence"]')
    expect(finding).to_have_count(1)
    finding.locator("summary").click()
    expect(finding).to_contain_text("原因")
    shot(page, f"{database}-team-finding")

    with page.expect_download() as download:
        page.click("#download-png")
    png = Path(download.value.path()).read_bytes()
    image = Image.open(io.BytesIO(png))
    assert image.format == "PNG" and image.width > 400
    assert download.value.suggested_filename == "山野茶铺-r2.png"
    with page.expect_download() as download:
        page.click("#download-kit")
    book = load_workbook(io.BytesIO(Path(download.value.path()).read_bytes()))
    assert download.value.suggested_filename == "山野茶铺-团队工具包-r2.xlsx" and len(book.sheetnames) >= 5
    assert any("助播" in str(cell.value) for sheet in book.worksheets for row in sheet.iter_rows() for cell in row)

    page.click("#tab-next")
    expect(page.locator("#roadmap li").first).to_be_visible()
    expect(page.frame_locator("#chart-now").locator(".card")).to_have_count(6)  # both charts interactive
    expect(page.frame_locator("#chart-next").locator(".card").first).to_be_visible()
    assert page.frame_locator("#chart-next").locator(".card").count() > 6
    shot(page, f"{database}-next-stage")
    page.click("#tab-history")
    expect(page.locator("#revisions tbody tr")).to_have_count(2)
    page.click("text=对比所选的两个版本")
    expect(page.locator("#diff")).to_contain_text("助播")
    shot(page, f"{database}-history-compare")
    page.click("#lang-switch")
    expect(page.locator("h1")).to_contain_text("Compare revisions")
    merchant_url = page.url.split("/history")[0]
    assert not errors, errors

    outsider = browser.new_context(viewport={"width": 1200, "height": 800}).new_page()
    sign_up(outsider, server, "outsider@example.com", "外人")
    response = outsider.goto(merchant_url)
    assert response is not None and response.status == 404
    assert "山野茶铺" not in outsider.content()
    shot(outsider, f"{database}-outsider-refused")
    png_url = merchant_url + "/chart.png"
    assert outsider.request.get(png_url).status == 404
    context.close()


def test_api_docs_page_lists_every_operation_offline(server: str, browser: Browser,
                                                     request: pytest.FixtureRequest) -> None:
    """/docs is Swagger UI served by the app itself: it loads under the app's CSP, asks nothing of other hosts,
    and lists every operation of /openapi.json."""
    page = browser.new_page(viewport={"width": 1300, "height": 900})
    errors: list[str] = []
    outside: list[str] = []
    page.on("pageerror", lambda e: errors.append(str(e)))
    page.on("console", lambda m: errors.append(m.text) if m.type == "error" else None)
    page.on("request", lambda r: None if r.url.startswith(server) or r.url.startswith("data:") else outside.append(r.url))
    page.on("response", lambda r: errors.append(f"{r.status} {r.url}") if r.status >= 400 else None)
    page.goto(server + "/docs")
    operations = [(method, path) for path, item in page.request.get(server + "/openapi.json").json()["paths"].items()
                  for method in item]
    blocks = page.locator(".opblock")
    expect(blocks).to_have_count(len(operations))
    expect(page.locator('.opblock-summary-path[data-path="/api/v1/plan"]')).to_have_count(1)
    expect(page.locator(".btn.authorize")).to_be_visible()  # the API token scheme is declared
    shot(page, f"{request.node.callspec.params['server']}-api-docs")
    assert not errors and not outside, (errors, outside)
    page.close()


def chart_view(frame: Frame) -> tuple[float, float, float]:
    """The chart's pan and zoom: x, y and scale of its world group."""
    transform = frame.locator("#world").get_attribute("transform") or ""
    x, y = transform.split("translate(")[1].split(")")[0].split()
    return float(x), float(y), float(transform.split("scale(")[1].rstrip(")"))


def press_on(page: Page, x: float, y: float, touch: bool) -> None:
    """A tap (phone) or a click (desktop) at a point of the page."""
    page.touchscreen.tap(x, y) if touch else page.mouse.click(x, y)


def drag(page: Page, x: float, y: float, dx: float, dy: float, touch: bool) -> None:
    """One finger (real touch events through the DevTools protocol) or the mouse dragged across the chart."""
    if not touch:
        page.mouse.move(x, y)
        page.mouse.down()
        page.mouse.move(x + dx, y + dy, steps=8)
        page.mouse.up()
        return
    cdp = page.context.new_cdp_session(page)
    for step in range(11):
        kind = "touchStart" if step == 0 else "touchMove"
        point = {"x": x + dx * step / 10, "y": y + dy * step / 10, "id": 1}
        cdp.send("Input.dispatchTouchEvent", {"type": kind, "touchPoints": [point]})
    cdp.send("Input.dispatchTouchEvent", {"type": "touchEnd", "touchPoints": []})
    cdp.detach()


@pytest.mark.parametrize("device", ["desktop", "phone"])
def test_chart_panel_pan_search_and_collapse(server: str, browser: Browser, request: pytest.FixtureRequest,
                                             device: str) -> None:
    """On the next-stage chart (interactive, like the team's): the person panel closes by ×, Esc and a click
    outside; a drag pans without selecting text; search zooms to the match; collapsing re-lays the chart out,
    shrinks frames to what is left and hides frames with nobody left; expanding restores the drawing."""
    database, touch = request.node.callspec.params["server"], device == "phone"
    size = {"width": 390, "height": 844} if touch else {"width": 1440, "height": 1000}
    context = browser.new_context(viewport=size, has_touch=touch, is_mobile=touch)
    page = context.new_page()
    errors: list[str] = []
    page.on("pageerror", lambda e: errors.append(str(e)))
    sign_up(page, server, f"chart-{device}@example.com", "看图")
    page.fill("input[name=name]", "看图代运营")
    page.locator("text=创建").first.dispatch_event("click")
    page.wait_for_url("**/w/*")
    page.goto(page.url + "/merchants/new")
    page.fill("input[name=name]", "山野茶铺")
    page.fill("input[name=monthly_sales]", "300000")
    page.locator("#create").dispatch_event("click")
    expect(page.locator("h1")).to_contain_text("山野茶铺")
    page.goto(page.url.split("?")[0] + "/next")
    cards = page.frame_locator("#chart-next").locator(".card")
    expect(cards.first).to_be_visible()
    chart = page.frame(url=lambda u: "/next/chart.html" in u)
    assert chart is not None and cards.count() > 10  # the mature plan, drawn interactive (not a thumbnail)
    page.locator("#chart-next").scroll_into_view_if_needed()
    panel = page.frame_locator("#chart-next").locator("#panel")

    def open_card() -> None:
        box = cards.nth(1).bounding_box()
        assert box
        press_on(page, box["x"] + box["width"] / 2, box["y"] + box["height"] / 2, touch)
        expect(panel).to_be_visible()

    open_card()
    page.frame_locator("#chart-next").locator("#close").click()  # ×
    expect(panel).to_be_hidden()
    open_card()
    page.keyboard.press("Escape")  # Esc
    expect(panel).to_be_hidden()
    open_card()
    view = page.locator("#chart-next").bounding_box()
    assert view
    empty = chart.evaluate("""() => { const v = document.getElementById('viewport').getBoundingClientRect();
      for (let y = v.top + 4; y < v.bottom; y += 6) for (let x = v.left + 4; x < v.right; x += 6) {
        const at = document.elementFromPoint(x, y);
        if (at && !at.closest('.card, .toggle, #panel')) return [x, y]; } return null; }""")
    assert empty
    press_on(page, view["x"] + empty[0], view["y"] + empty[1], touch)  # outside the panel and the cards
    expect(panel).to_be_hidden()

    before = chart_view(chart)
    drag(page, view["x"] + view["width"] / 2, view["y"] + view["height"] / 2, -80, 60, touch)
    after = chart_view(chart)
    assert abs(after[0] - before[0] + 80) < 2 and abs(after[1] - before[1] - 60) < 2  # panned with the pointer
    assert chart.evaluate("String(getSelection())") == "" and panel.is_hidden()  # no text selected, no panel

    page.frame_locator("#chart-next").locator("#fit").click()
    fitted = chart_view(chart)[2]
    page.frame_locator("#chart-next").locator("#search").fill("客服")
    assert chart_view(chart)[2] > fitted * 1.5  # zoomed to the match, not a 10 px box centred
    hit = page.frame_locator("#chart-next").locator(".card.hit").first.bounding_box()
    assert hit and hit["width"] > view["width"] / 4 * 0.5
    page.locator("#chart-next").screenshot(path=str(OUT / f"web-{database}-{device}-chart-search.png"))
    page.frame_locator("#chart-next").locator("#search").fill("")
    page.frame_locator("#chart-next").locator("#fit").click()

    drawn = chart.evaluate("() => data.cards.map(c => document.getElementById(c.id).getAttribute('transform'))")
    frames = chart.evaluate("() => [...document.querySelectorAll('rect.frame')].map(r => [r.id, +r.getAttribute('height')])")
    manager = chart.evaluate("""() => { let best = -1, most = 0; data.parents.forEach((p, i) => {
      if (p < 0) return; const n = descendants(i).length; if (n > most) { most = n; best = i; } }); return best; }""")
    toggle = page.frame_locator("#chart-next").locator(f'.toggle[data-card="p{manager}"]')
    toggle.tap() if touch else toggle.click()
    shown = chart.evaluate("() => [...document.querySelectorAll('rect.frame')].map(r => [r.id, +r.getAttribute('height'), r.style.display])")
    assert any(h < dict(frames)[i] for i, h, d in shown if d != "none")  # its frame shrank to what is left
    moved = chart.evaluate("() => data.cards.map(c => document.getElementById(c.id).getAttribute('transform'))")
    assert moved != drawn  # re-laid out, not only hidden
    page.locator("#chart-next").screenshot(path=str(OUT / f"web-{database}-{device}-chart-collapsed.png"))
    toggle.tap() if touch else toggle.click()
    assert chart.evaluate("() => data.cards.map(c => document.getElementById(c.id).getAttribute('transform'))") == drawn

    root = page.frame_locator("#chart-next").locator('.toggle[data-card="p0"]')
    root.tap() if touch else root.click()
    assert chart.evaluate("() => [...document.querySelectorAll('rect.frame')].every(r => r.style.display === 'none')")
    expect(cards.filter(has=page.frame_locator("#chart-next").locator("use")).nth(1)).to_be_hidden()
    root.tap() if touch else root.click()
    assert chart.evaluate("() => [...document.querySelectorAll('rect.frame')].every(r => r.style.display === '')")
    assert chart.evaluate("() => data.cards.map(c => document.getElementById(c.id).getAttribute('transform'))") == drawn
    assert not errors, errors
    context.close()
