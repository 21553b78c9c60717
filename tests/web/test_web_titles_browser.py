"""Teaching a title in a real browser (Debian's Chromium against `douyin-team serve`), on a desktop window and
on a phone held upright (390×844, touch): import a team whose title the tool does not know, choose
"这个职位是…" in its finding, tick the post, and see the finding gone and the reading shown instead; the
workspace page lists the taught title. Screenshots: test-output/web-<db>-titles-*.png."""

from __future__ import annotations

from browser_support import database, new_merchant, open_page, overflow, server, shot, small_targets
from playwright.sync_api import Browser, Page, expect

__all__ = ["server"]

TEAM_CSV = "姓名,岗位,上级\n老周,负责人、直播运营,\n小雅,主播,老周\n小美,品宣,老周\n".encode()
UNKNOWN = "details[data-rule=title-unknown]"


def make_team(page: Page, server: str, email: str, workspace: str) -> None:
    """Sign up, make a workspace and a merchant, and import the team with the unknown title 品宣."""
    new_merchant(page, server, email, workspace)
    page.set_input_files("#import-form input[type=file]",
                         files=[{"name": "团队.csv", "mimeType": "text/csv", "buffer": TEAM_CSV}])
    page.click("#import-form button[type=submit]")
    expect(page.locator(UNKNOWN)).to_have_count(1)


def open_choice(page: Page, press: str) -> None:
    """From the finding: 这个职位是… → tick 市场营销 → remember (clicked, or tapped on a phone)."""
    finding = page.locator(UNKNOWN)
    expect(finding).to_contain_text("品宣")
    getattr(finding.locator("a.teach"), press)()
    expect(page.locator("h1")).to_have_text("这个职位是…")
    expect(page.locator("#taught-title")).to_have_text("“品宣”")
    getattr(page.locator("input[data-post=marketing]"), press)()
    expect(page.locator("input[data-post=marketing]")).to_be_checked()


def test_teaching_a_title_on_the_desktop(server: str, browser: Browser, request) -> None:  # type: ignore[no-untyped-def]
    db = database(request)
    context, page, errors = open_page(browser)
    make_team(page, server, "titles-desk@example.com", "星火代运营")
    shot(page, f"{db}-titles-desktop-before")
    open_choice(page, "click")
    shot(page, f"{db}-titles-desktop-choice")
    page.click("#teach-save")
    expect(page.locator(UNKNOWN)).to_have_count(0)  # the team was read again with the taught title
    expect(page.locator("details[data-rule=title-read-as]")).to_contain_text("“品宣”读作市场营销（按已教过的职位名称）")
    shot(page, f"{db}-titles-desktop-after")
    page.click(".crumbs a >> nth=1")  # the workspace: its taught titles, with delete
    row = page.locator("#taught-titles tr[data-title=品宣]")
    expect(row).to_contain_text("市场营销")
    row.locator("button.danger").click()
    expect(page.locator("#taught-titles")).to_have_count(0)
    assert errors == []
    context.close()


def test_teaching_a_title_on_a_phone_in_english(server: str, browser: Browser, request) -> None:  # type: ignore[no-untyped-def]
    db = database(request)
    context, page, errors = open_page(browser, on_phone=True)
    make_team(page, server, "titles-phone@example.com", "手机代运营")
    page.goto(page.url.split("?")[0] + "?lang=en")
    finding = page.locator(UNKNOWN)
    expect(finding.locator("a.teach")).to_have_text("This title means…")
    finding.locator("a.teach").tap()
    expect(page.locator("h1")).to_have_text("This title means…")
    box = page.locator("input[data-post=marketing]").bounding_box()
    assert box is not None and box["width"] >= 18  # a box a thumb can hit
    assert overflow(page) == 0
    page.locator("input[data-post=marketing]").tap()
    shot(page, f"{db}-titles-phone-choice")
    page.locator("#teach-save").tap()
    expect(page.locator(UNKNOWN)).to_have_count(0)
    expect(page.locator("details[data-rule=title-read-as]")).to_contain_text("'品宣' read as Marketing (as taught)")
    assert overflow(page) == 0
    shot(page, f"{db}-titles-phone-after")
    page.goto(page.url.split("?")[0].split("#")[0] + "/titles/teach?title=财务")  # a job outside the team: nothing to map
    expect(page.locator("#outside-tag")).to_have_text("Outside the team")  # the English the phone chose
    expect(page.locator("#teach-form")).to_have_count(0)
    assert overflow(page) == 0 and not small_targets(page)
    shot(page, f"{db}-titles-phone-outside")
    page.locator("#outside-back").tap()
    expect(page.locator("h1")).to_contain_text("山野茶铺")
    assert errors == []
    context.close()
