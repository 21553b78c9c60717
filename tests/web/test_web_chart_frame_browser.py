"""The chart as a merchant sees it in Debian's Chromium, against `douyin-team serve`: the team page's chart
frame is as tall as the chart (a 3-person team leaves no half-empty frame, a 30-person one gets most of the
window), and on a phone (390×844) the chart page's search box shows its whole placeholder, on screen, and its
controls (search, 适应窗口, a person panel's ×) are a finger's tap, 44 px or more.
Screenshots: test-output/web-<db>-chart-frame-*.png."""

from __future__ import annotations

from pathlib import Path

import pytest
from browser_support import (
    add_merchant,
    database,
    make_workspace,
    open_page,
    overflow,
    server,
    shot,
    sign_up,
    small_targets,
)
from playwright.sync_api import Browser, Page, expect

__all__ = ["server"]

SMALL = "姓名,岗位,上级\n老周,负责人,\n小雅,主播,老周\n小美,中控,老周\n"
POSTS = ("主播", "助播", "场控", "中控", "客服", "投手", "拍摄剪辑", "抖店运营")
LARGE = "姓名,岗位,上级\n老周,负责人,\n" + "".join(f"员工{i},{POSTS[i % len(POSTS)]},老周\n" for i in range(1, 30))


def imported(page: Page, tmp_path: Path, name: str, csv: str) -> None:
    """From the team page: replace the roster with a CSV, back on the team page."""
    path = tmp_path / f"{name}.csv"
    path.write_text(csv, encoding="utf-8")
    page.set_input_files("#import-form input[type=file]", str(path))
    page.click("#import-form button[type=submit]")
    expect(page.locator("#chart")).to_be_visible()


def frame_fit(page: Page) -> dict[str, float]:
    """The chart frame's height, the chart's drawn bottom inside it, and the window's height, once fitted."""
    page.wait_for_function("() => { const f = document.getElementById('chart');"
                           " return f && f.style.height && f.contentDocument.getElementById('world'); }")
    page.wait_for_timeout(300)  # the chart redraws at the new size on the next frame
    return page.evaluate("""() => {
      const frame = document.getElementById('chart'), doc = frame.contentDocument;
      const cards = [...doc.querySelectorAll('#world .card')].map(c => c.getBoundingClientRect().bottom);
      return {height: frame.clientHeight, bottom: Math.max(...cards), window: window.innerHeight};
    }""")


def test_the_chart_frame_fits_a_small_and_a_large_team(browser: Browser, server: str, tmp_path: Path,
                                                        request: pytest.FixtureRequest) -> None:
    db = database(request)
    context, page, errors = open_page(browser)
    page.set_viewport_size({"width": 1366, "height": 768})
    sign_up(page, server, "frame@example.com", "周老板")
    workspace = make_workspace(page, "代运营")
    add_merchant(page, "小店")
    imported(page, tmp_path, "small", SMALL)
    small = frame_fit(page)
    shot(page, f"{db}-chart-frame-3-people")
    assert small["height"] < 620  # the old fixed frame left half of it empty
    assert small["bottom"] <= small["height"]  # the whole chart is in the frame …
    assert small["height"] - small["bottom"] < 0.25 * small["height"]  # … and fills it
    page.goto(workspace)
    add_merchant(page, "大店")
    imported(page, tmp_path, "large", LARGE)
    large = frame_fit(page)
    shot(page, f"{db}-chart-frame-30-people")
    assert large["height"] >= 620 and large["height"] <= 0.86 * large["window"]  # most of the window, no more
    assert not errors, errors
    context.close()


def test_the_chart_pages_search_box_fits_a_phone(browser: Browser, server: str, request: pytest.FixtureRequest) -> None:
    context, page, errors = open_page(browser, on_phone=True)
    missing: list[str] = []
    page.on("response", lambda r: missing.append(r.url) if r.status == 404 else None)
    sign_up(page, server, "search@example.com", "周老板")
    make_workspace(page, "代运营", tap=True)
    team = add_merchant(page, "山野茶铺旗舰店", tap=True)  # a title as long as merchants' are
    page.goto(team + "/chart.html")
    search = page.locator("#search")
    expect(search).to_be_visible()
    box, fit = search.bounding_box(), page.locator("#fit").bounding_box()
    assert box is not None and fit is not None
    assert box["x"] >= 0 and box["x"] + box["width"] <= 390 and fit["x"] + fit["width"] <= 390  # all on screen
    assert not small_targets(page) and overflow(page) == 0  # 适应窗口 and the search box are a finger's tap (were 33, 38 px)
    room = page.evaluate("""() => {
      const input = document.getElementById('search'), style = getComputedStyle(input);
      const ctx = document.createElement('canvas').getContext('2d'); ctx.font = `${style.fontSize} ${style.fontFamily}`;
      const inside = input.clientWidth - parseFloat(style.paddingLeft) - parseFloat(style.paddingRight);
      return inside - ctx.measureText(input.placeholder).width;
    }""")
    assert room >= 0, f"the placeholder is cut by {-room:.0f} px"  # 搜索姓名或岗位, whole
    search.tap()
    page.keyboard.type("小")
    expect(page.locator("#count")).not_to_be_empty()
    shot(page, f"{database(request)}-chart-frame-phone-search", full_page=False)
    page.locator("#world .card").first.tap()  # a person's panel: its × too is a finger's tap
    expect(page.locator("#panel")).to_be_visible()
    assert not small_targets(page)
    page.tap("#close")
    expect(page.locator("#panel")).to_be_hidden()
    # the one 404 is Chromium's own favicon request (the bare chart page names none): no page resource is missing
    assert not [e for e in errors if "404" not in e] and not missing, (errors, missing)
    context.close()
