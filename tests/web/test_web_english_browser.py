"""Every page an English reader walks through, in Debian's Chromium against `douyin-team serve` on SQLite and
PostgreSQL (issue #15): a merchant planned on the Chinese pages (the default), then read with the language switch
in English — the team page, a roster edit, a conflict merged, the history and the compare page, the next stage,
staffing run in the page, its result kept as a scenario and adopted, the agency's portfolio, a share link opened
by an anonymous browser, and the kit. Every name a person typed is ASCII (Hill Tea, Mei, Lan, Zhou), so any
Chinese character or full-width mark on these pages is the app's own words or a seat name the planner gave,
which an English page says in English. The chart frames are read too. Screenshots:
test-output/web-<db>-english-*.png.
"""

from __future__ import annotations

import re

from browser_support import database, open_page, server, shot, sign_up
from playwright.sync_api import Browser, Page, expect

__all__ = ["server"]

CJK = re.compile(r"[\u3000-\u303f\u3400-\u9fff\uff00-\uffef]")
LANGUAGE_SWITCH = "中文"  # the link to the Chinese pages names the language in itself
SHOWN = """() => {
  const parts = [document.body.innerText];
  for (const e of document.querySelectorAll('[placeholder],[title],[aria-label]'))
    parts.push(...['placeholder', 'title', 'aria-label'].map((a) => e.getAttribute(a) || ''));
  for (const e of document.querySelectorAll('input:not([type=hidden]),textarea')) parts.push(e.value || '');
  return parts.join('\\n');
}"""


def chinese_on(page: Page) -> list[str]:
    """The lines the page (and each frame in it) shows with a Chinese character or full-width mark, the language
    switch aside: text, fields' values, placeholders, titles and labels."""
    page.wait_for_load_state("networkidle")
    lines = []
    for frame in page.frames:
        text = frame.evaluate(SHOWN)
        lines += [line.strip() for line in text.split("\n") if CJK.search(line.replace(LANGUAGE_SWITCH, ""))]
    return lines


def english(page: Page, db: str, name: str) -> None:
    """The page is in English: no Chinese on it; screenshot test-output/web-<db>-english-<name>.png."""
    shot(page, f"{db}-english-{name}")
    assert page.locator("html").get_attribute("lang") == "en", page.url
    found = chinese_on(page)
    assert not found, (page.url, found[:10])


def test_an_english_reader_walks_a_chinese_plan_in_english(server: str, browser: Browser, request) -> None:  # type: ignore[no-untyped-def]
    db = database(request)
    context, page, errors = open_page(browser)
    page.goto(server + "/signup")
    page.click("#lang-switch")  # English from the first page on
    english(page, db, "signup")
    sign_up(page, server, "english-walk@example.com", "Zhou")
    english(page, db, "workspaces")
    page.fill("input[name=name]", "Agency One")
    page.click("text=Create")
    expect(page).to_have_url(re.compile(r"/w/\d+$"))
    workspace = page.url
    page.click("#lang-switch")  # planned on the Chinese pages, as most merchants do
    page.click("#new-merchant")
    page.fill("input[name=name]", "Hill Tea")
    page.fill("input[name=monthly_sales]", "300000")
    page.click("#create")
    expect(page.locator("h1")).to_contain_text("Hill Tea")
    team = page.url
    expect(page.locator("input[name=name_0]")).to_have_value("负责人")
    page.click("#lang-switch")  # and read in English
    expect(page.locator("input[name=name_0]")).to_have_value("Team lead")
    english(page, db, "team")

    page.fill("input[name=name_2]", "Mei")  # the assistant host's seat gets a person; the host a cost
    page.fill("input[name=monthly_cost_1]", "9000")
    page.click("#save-roster")
    expect(page.locator("p.muted", has_text="Revision 2 ·")).to_be_visible()
    english(page, db, "team-saved")

    mine, theirs = context.new_page(), context.new_page()  # two tabs on revision 2, both changing one cost
    for tab in (mine, theirs):
        tab.goto(team)
    theirs.fill("input[name=monthly_cost_3]", "7000")
    theirs.click("#save-roster")
    expect(theirs.locator("p.muted", has_text="Revision 3 ·")).to_be_visible()
    mine.fill("input[name=monthly_cost_3]", "7500")
    mine.fill("input[name=hours_4]", "30")
    mine.click("#save-roster")
    expect(mine).to_have_url(re.compile(r"/merge/\d+$"))
    expect(mine.locator("#clashes")).to_contain_text("7,500 CNY")
    english(mine, db, "merge")
    mine.locator("#clashes input[value=mine]").first.check()
    mine.click("#save-merge")
    expect(mine).to_have_url(team)
    english(mine, db, "merged")
    theirs.close()
    mine.close()

    page.goto(team + "/history")
    expect(page.locator("#revisions")).to_contain_text("Assistant host renamed to Mei")
    english(page, db, "history")
    page.goto(team + "/history/compare?a=1&b=4")
    expect(page.locator("#diff")).to_contain_text("Central control: monthly cost — → 7,500 CNY")
    english(page, db, "compare")
    page.goto(team + "/next")
    english(page, db, "next")

    page.goto(team + "/staffing")
    expect(page.locator("input[name=name_0]")).to_have_value("Team lead")
    first_blank = page.locator("#roster-input tbody tr").count() - 3
    page.fill(f"input[name=name_{first_blank}]", "Lan")
    page.fill(f"input[name=skills_{first_blank}]", "Host 4, Customer service 3")
    page.fill(f"input[name=hours_{first_blank}]", "40")
    page.fill(f"input[name=monthly_cost_{first_blank}]", "8000")
    page.click("#run-staffing")
    expect(page.locator("#staffing")).to_contain_text("Lan holds Host")
    english(page, db, "staffing")
    page.fill("#keep-staffing-form input[name=name]", "Tea Trial")
    page.click("#keep-staffing")
    expect(page.locator("h1")).to_contain_text("Scenario: Tea Trial")
    english(page, db, "scenario")
    page.click("#adopt-scenario")
    expect(page).to_have_url(team)
    expect(page.locator("input[name=name_0]")).to_have_value("Team lead")
    english(page, db, "adopted")
    page.goto(team + "/history")
    expect(page.locator("#revisions")).to_contain_text("Adopted scenario: Tea Trial")
    english(page, db, "history-adopted")

    page.goto(workspace)
    expect(page.locator("#merchants")).to_contain_text("Hill Tea")
    english(page, db, "portfolio")
    page.goto(team + "/share")
    page.click("#make-link")
    link = page.locator("#share-url").inner_text()
    english(page, db, "share")
    assert link.endswith("?lang=en")  # made from the English pages: the link opens in English for anyone
    partner, shared, partner_errors = open_page(browser)  # no account
    shared.goto(link)
    expect(shared.locator("h1")).to_contain_text("Hill Tea")
    english(shared, db, "shared")
    assert not partner_errors, partner_errors
    partner.close()

    kit = context.request.get(team + "/kit.html?lang=en")
    assert kit.ok, kit.status
    page.set_content(kit.text())
    text = page.evaluate("document.body.innerText")
    assert "Team lead" in text and not CJK.findall(text), [line for line in text.split("\n") if CJK.search(line)][:10]
    assert not errors, errors
    context.close()
