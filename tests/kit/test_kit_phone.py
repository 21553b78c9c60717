"""The kit's HTML on a phone held upright (390×844, touch), in Chromium: the page never scrolls sideways; a wide
table scrolls in its own box with the column that names a row kept in sight; a narrow table is a card a row;
long names wrap. The desktop page lays out as before: no table box scrolls at 1280 px (issue #15).
Screenshots land in test-output/kit/phone-*.png for a look."""

from __future__ import annotations

from pathlib import Path

import pytest
from playwright.sync_api import Browser, Page

from douyin_team.kit import Kit, KitOptions, build_kit, render_kit
from douyin_team.kit.render.html import CARDS
from douyin_team.team import Person, Team, read_team

ROOT = Path(__file__).resolve().parents[2]
OUT = ROOT / "test-output" / "kit"
PHONE = {"width": 390, "height": 844}
LONG = "Shanyetea" * 11  # 99 letters with no space: a name that must wrap, not widen the page

# Each table box: [columns, scrollWidth, clientWidth, is cards, the key cell's left edge before and after the
# box is scrolled to its end, the box's left edge, the box's scrollLeft after that scroll].
BOXES = """() => Array.from(document.querySelectorAll('div.table-box')).map(box => {
  const key = box.querySelector('td.key');
  const before = key ? key.getBoundingClientRect().left : null;
  box.scrollLeft = box.scrollWidth;
  const after = key ? key.getBoundingClientRect().left : null;
  const row = [box.querySelector('tr').cells.length, box.scrollWidth, box.clientWidth,
               box.classList.contains('cards'), before, after, box.getBoundingClientRect().left, box.scrollLeft];
  box.scrollLeft = 0;
  return row;
})"""


@pytest.fixture(scope="module", params=["zh", "en"])
def kit(kb, request: pytest.FixtureRequest) -> Kit:  # type: ignore[no-untyped-def]
    team = read_team(ROOT / "examples" / "my-team.yaml", kb)
    return build_kit(team, kb, "growth", request.param, KitOptions(date="2026-11-25"))


def opened(browser: Browser, html: str, tmp_path: Path, viewport: dict[str, int], touch: bool = True) -> Page:
    """The kit page opened from a file, as a phone (touch, its own viewport meta honoured) or a desktop shows it."""
    OUT.mkdir(parents=True, exist_ok=True)
    page_file = tmp_path / "kit.html"
    page_file.write_text(html, encoding="utf-8")
    page = browser.new_page(viewport=viewport, is_mobile=touch, has_touch=touch)  # type: ignore[arg-type]
    page.goto(page_file.as_uri())
    return page


def test_the_kit_on_a_phone_never_scrolls_sideways(kit: Kit, browser: Browser, tmp_path: Path) -> None:
    page = opened(browser, str(render_kit(kit, "html")), tmp_path, PHONE)
    assert page.evaluate("document.documentElement.scrollWidth <= innerWidth"), page.evaluate(
        "[document.documentElement.scrollWidth, innerWidth]")
    boxes = page.evaluate(BOXES)
    wide = [b for b in boxes if b[0] > CARDS]
    cards = [b for b in boxes if b[0] <= CARDS]
    assert len(wide) >= 6 and cards  # the org table, scorecards, the run sheet, the review; the budget, shifts
    for _columns, scroll_width, client_width, is_cards, before, after, left, scrolled in wide:
        assert not is_cards and scroll_width > client_width and scrolled > 0  # the box scrolls, not the page
        assert after == pytest.approx(left, abs=1) and before is not None  # the row's name stays at the box's edge
    for _columns, scroll_width, client_width, is_cards, *_ in cards:
        assert is_cards and scroll_width <= client_width  # a card a row: nothing to scroll
    label = page.locator("div.cards td[data-label]").first.evaluate("td => getComputedStyle(td, '::before').content")
    assert label.strip('"') == page.locator("div.cards th").first.inner_text()  # each value says what it is
    page.screenshot(path=str(OUT / f"phone-{kit.lang}-top.png"))
    page.locator("#part2 div.table-box").first.evaluate("box => box.scrollLeft = 600")
    page.locator("#part2 div.table-box").first.screenshot(path=str(OUT / f"phone-{kit.lang}-scorecard.png"))
    page.locator("#part6").screenshot(path=str(OUT / f"phone-{kit.lang}-budget.png"))
    page.locator("#part3 div.table-box").first.evaluate("box => box.scrollLeft = box.scrollWidth")
    page.locator("#part3 div.table-box").first.screenshot(path=str(OUT / f"phone-{kit.lang}-run-sheet.png"))
    page.close()


@pytest.mark.parametrize("width", [360, 430])
def test_the_kit_fits_the_narrowest_and_widest_phones(kit: Kit, browser: Browser, tmp_path: Path, width: int) -> None:
    page = opened(browser, str(render_kit(kit, "html")), tmp_path, {"width": width, "height": 844})
    assert page.evaluate("document.documentElement.scrollWidth <= innerWidth")
    assert all(b[3] or b[1] > b[2] for b in page.evaluate(BOXES))  # every wide table still scrolls in its box
    page.close()


def test_the_desktop_kit_has_no_table_to_scroll(kit: Kit, browser: Browser, tmp_path: Path) -> None:
    page = opened(browser, str(render_kit(kit, "html")), tmp_path, {"width": 1280, "height": 900}, touch=False)
    boxes = page.evaluate(BOXES)
    assert boxes and all(b[1] <= b[2] for b in boxes)  # every table fits the 1200 px column, as before
    assert page.evaluate("getComputedStyle(document.querySelector('td.key')).position") == "static"
    assert page.evaluate("getComputedStyle(document.querySelector('div.cards tr')).display") == "table-row"
    page.close()


def test_long_names_wrap_on_a_phone(kb, browser: Browser, tmp_path: Path) -> None:  # type: ignore[no-untyped-def]
    people = [Person(name="老周", roles=["team_lead", "live_ops"], monthly_cost=9000),
              Person(name=LONG, roles=["anchor"], reports_to="老周", monthly_cost=8000)]
    team = Team(merchant=LONG + LONG, monthly_sales=200_000, live_hours=3, people=people)
    kit = build_kit(team, kb, "growth", "en", KitOptions(date="2026-11-25"))
    page = opened(browser, str(render_kit(kit, "html")), tmp_path, PHONE)
    assert page.evaluate("document.documentElement.scrollWidth <= innerWidth")
    heading = page.locator("h1").bounding_box()
    assert heading is not None and heading["x"] + heading["width"] <= PHONE["width"] and heading["height"] > 60
    spilled = page.evaluate("""() => Array.from(document.querySelectorAll('td.key, div.cards td'))
        .filter(td => td.scrollWidth > td.clientWidth + 1).map(td => td.textContent)""")
    assert spilled == []  # the frozen name and the cards' values wrap inside their cells, over nothing else
    page.screenshot(path=str(OUT / "phone-long-names.png"))
    page.close()

