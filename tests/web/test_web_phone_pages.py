"""Every page a merchant opens, read on a phone held upright (390×844, touch) and on an agency's laptop
(1366×768), in Debian's Chromium against `douyin-team serve` (issue #15).

On the phone no page scrolls sideways (measured against the layout width, which a phone browser widens to
fit content that is too wide), and every link, button, field and tickbox is a finger's tap, 44 px or more
(a link inside running text aside). The pages say what a merchant would otherwise stumble on: units on the
roster's numbers, the two download groups by name, what the background buttons are for, which answers the
wizard needs, the stage at once under the sales field, the roadmap by sales level as people say it (50万元),
what to do while the history holds one revision. English pages say their own words in English.
Screenshots: test-output/web-<db>-phone-pages-*.png.
"""

from __future__ import annotations

import re

from browser_support import database, new_merchant, open_page, overflow, server, shot, sign_up, small_targets
from playwright.sync_api import Browser, Page, expect

__all__ = ["server"]

LAPTOP = {"width": 1366, "height": 768}

def fits_a_finger(page: Page) -> None:
    """The page neither scrolls sideways nor has a control too small to tap."""
    page.wait_for_load_state("networkidle")
    assert overflow(page) == 0, page.url
    small = small_targets(page)
    assert not small, (page.url, small)


def cut_off(page: Page, selector: str) -> list[str]:
    """The values of the fields matched that do not fit in their box (text hidden past the right edge)."""
    return list(page.locator(selector).evaluate_all(
        "els => els.filter(e => e.value && e.scrollWidth > e.clientWidth + 1).map(e => e.value)"))


def test_a_merchants_pages_on_a_phone(server: str, browser: Browser, request) -> None:  # type: ignore[no-untyped-def]
    db = database(request)
    context, page, errors = open_page(browser, on_phone=True)
    sign_up(page, server, "phone-pages@example.com", "周老板")
    fits_a_finger(page)
    page.fill("input[name=name]", "手机代运营")
    page.tap("text=创建")
    expect(page).to_have_url(re.compile(r"/w/\d+$"))
    workspace = page.url
    expect(page.locator("#no-merchants")).to_contain_text("点下面的“新建商家”")  # the empty list's next step
    page.tap("#new-merchant")
    expect(page.locator("#wizard-hint")).to_contain_text("只有商家名称和月销售额必填")
    page.fill("input[name=name]", "山野茶铺")
    page.fill("input[name=monthly_sales]", "500000")
    page.fill("input[name=live_hours]", "8")
    inline = page.locator("[data-field=monthly_sales] #diagnosis-inline")  # the stage at once, under the sales
    expect(inline).to_have_text(re.compile(r"^成长阶段 · 推荐\d+人 · 诊断见下方"))
    expect(page.locator("#diagnosis-people li").first).to_contain_text("：")  # Chinese colon in a Chinese list
    fits_a_finger(page)
    shot(page, f"{db}-phone-pages-wizard")
    page.tap("#create")
    expect(page.locator("h1")).to_contain_text("山野茶铺")
    team = page.url

    fits_a_finger(page)
    heads = page.locator("#roster-form thead th").all_inner_texts()
    assert "周工时（小时）" in heads and "月成本（元）" in heads, heads
    expect(page.locator("#roster-scroll-hint")).to_be_visible()
    assert not cut_off(page, "#roster-form input[name^=name_]")  # 短视频编导 whole, not 短视频编
    expect(page.locator("#chart-downloads")).to_contain_text("下载架构图")
    expect(page.locator("#kit-downloads")).to_contain_text("岗位说明书、考核表、直播SOP、排班、预算")
    expect(page.locator("#job-exports-label")).to_contain_text("在后台生成")
    shot(page, f"{db}-phone-pages-team")
    page.emulate_media(media="print")  # the printed team: the chart and the roster, no buttons nor their notes
    expect(page.locator("#job-exports")).to_be_hidden()
    expect(page.locator("#roster-scroll-hint")).to_be_hidden()
    page.emulate_media(media="screen")
    kit = page.context.request.get(team + "/kit.html").text()  # a download: opened as the phone would show it
    page.set_content(kit)  # the kit on a phone: a wide table scrolls in its own box, the page does not
    expect(page.locator("section.part").first).to_be_visible()
    fits_a_finger(page)
    page.goto(team)

    page.goto(team + "/history")  # one revision: nothing to compare yet, and the way to a second one
    expect(page.locator("#history-empty")).to_contain_text("现在只有一个版本")
    expect(page.locator("#revisions input[type=radio]")).to_have_count(0)
    expect(page.locator("#compare-chosen")).to_have_count(0)
    fits_a_finger(page)
    page.tap("#history-edit-roster")
    expect(page).to_have_url(team + "#roster")

    page.goto(team + "/next")
    fits_a_finger(page)
    levels = page.locator("#roadmap .steps-at").all_inner_texts()
    assert levels and levels[0] == "月销达到50万元时" and len(levels) == len(set(levels)), levels
    assert "500,000元" not in page.locator("#roadmap").inner_text()

    page.goto(team + "/staffing")
    fits_a_finger(page)
    run = page.locator("#run-staffing")
    expect(run).to_have_text("开始排岗")
    assert (run.bounding_box() or {"width": 0})["width"] > 340  # the page's one action, across the screen
    severities = page.locator(".finding-list li .sev").all_inner_texts()  # how much each finding matters, in words
    assert severities and set(severities) <= {"错误", "警告", "提示"}, severities
    shot(page, f"{db}-phone-pages-staffing")

    page.goto(team + "/share")
    page.fill("input[name=label]", "给合伙人")
    page.tap("#make-link")
    fits_a_finger(page)
    form, links = page.locator("#share-form").bounding_box(), page.locator("#links").bounding_box()
    assert form and links and links["y"] >= form["y"] + form["height"] + 10  # the button does not touch the list
    shared = page.locator("#share-url").inner_text()

    page.goto(workspace)
    fits_a_finger(page)
    for label in page.locator("#batch-export label.choice").all():  # a tickbox beside its merchant, one line
        box = label.bounding_box()
        assert box and box["height"] < 50, box
    options_fit = page.locator("#batch-export select[name=what]").evaluate(  # no option cut off in its box
        "s => { const c = document.createElement('canvas').getContext('2d'); c.font = getComputedStyle(s).font;"
        " return [...s.options].every(o => c.measureText(o.text).width + 40 <= s.clientWidth); }")
    assert options_fit
    shot(page, f"{db}-phone-pages-portfolio")

    page.goto(shared)
    fits_a_finger(page)

    page.goto(workspace + "/merchants/new")  # a novice's roadmap in English: its rules' long titles wrap
    page.fill("input[name=name]", "小白鞋铺")
    page.fill("input[name=monthly_sales]", "30000")
    page.tap("#create")
    expect(page.locator("h1")).to_contain_text("小白鞋铺")
    page.goto(page.url + "/next?lang=en")
    expect(page.locator("#roadmap .tag").first).to_be_visible()
    fits_a_finger(page)
    assert not errors, errors
    context.close()


def test_english_pages_on_a_laptop(server: str, browser: Browser) -> None:
    context = browser.new_context(viewport=LAPTOP)
    page = context.new_page()
    team = new_merchant(page, server, "laptop-en@example.com", "Laptop agency", "山野茶铺")
    workspace = server + (page.locator(".crumbs a").nth(1).get_attribute("href") or "")
    page.goto(team + "?lang=en")
    expect(page.locator("#top-nav a[href='/docs']")).to_have_text("API docs")  # not the raw openapi.json
    heads = page.locator("#roster-form thead th").all_inner_texts()
    assert "Hours a week" in heads and "Monthly cost (CNY)" in heads, heads
    assert not cut_off(page, "#roster-form input[name^=roles_]")  # 'Team lead, Live ops, Ad buyer' whole
    expect(page.locator("#kit-downloads")).to_contain_text("job descriptions, scorecards, live SOP, shifts, budget")

    page.goto(team + "/staffing")
    page.locator("#roster-paste summary").click()
    chrome = " ".join([*page.locator("#roster-input thead th").all_inner_texts(),
                       page.locator("#roster-paste").inner_text(),
                       page.locator("#roster-text").get_attribute("placeholder") or ""])
    assert "Host 4, Assistant host 3" in chrome and "name, skills, hours, salary" in chrome, chrome
    assert not re.search(r"[\u3400-\u9fff]", chrome), chrome
    assert not cut_off(page, "#roster-input input[name^=skills_]")  # 'Team lead 4, Live ops 4, Ad buyer 4, …' whole
    wrapped = page.locator("#staffing tbody td:first-child").evaluate_all(
        "tds => tds.filter(td => { const r = document.createRange(); r.selectNodeContents(td);"
        " return new Set([...r.getClientRects()].map(x => Math.round(x.bottom))).size > 1; }).map(td => td.innerText)")
    assert not wrapped, wrapped  # 'Host A (to hire)' on one line, not three

    page.goto(workspace)
    overview = page.locator("#overview").inner_text()
    assert overview.startswith("1 merchant · 1 person in post"), overview
    page.goto(team + "/history")
    expect(page.locator("#history-empty")).to_contain_text("There is one revision so far")
    page.goto(team + "/share")
    assert page.locator("select[name=days] option").all_inner_texts()[:2] == ["1 day", "7 days"]

    page.goto(workspace + "/merchants/new")
    page.fill("input[name=name]", "Big shop")
    page.fill("input[name=monthly_sales]", "3000000")
    page.click("#create")
    page.click("#tab-next")  # the last stage: what to do instead of a next one
    expect(page.locator("#last-stage-next a")).to_have_text(["Staff the plan with your people",
                                                             "Keep a scenario to try changes"])
    big = page.url.rsplit("/next", 1)[0]
    page.goto(workspace)
    page.click(f"#archive-{big.rsplit('/', 1)[1]}")  # archived: its notes in English punctuation, not （…）
    expect(page.locator("#archived-note")).to_have_text("(active merchants only; 1 archived not counted)")
    page.goto(big)
    expect(page.locator("#archived-notice span")).to_contain_text("This merchant is archived (20")
    assert "（" not in page.locator("#archived-notice").inner_text()
    context.close()
