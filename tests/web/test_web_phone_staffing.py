"""The staffing page (排岗) on a phone held upright (390×844, touch) in Debian's Chromium with a 30-person roster:
the roster pasted in one box, each person folded to one tappable line (opened to edit), and the people left out
of the plan named together in one line, their reasons behind one tap. Screenshot:
test-output/web-<db>-phone-staffing-30.png."""

from __future__ import annotations

from browser_support import database, enter, new_merchant, open_page, overflow, server, shot
from playwright.sync_api import Browser, expect

__all__ = ["server"]


def test_a_30_person_roster_on_a_phone_is_short_and_groups_who_is_left_out(server: str, browser: Browser,  # type: ignore[no-untyped-def]
                                                                            request) -> None:
    db = database(request)
    context, page, errors = open_page(browser, on_phone=True)
    new_merchant(page, server, "phone-30@example.com", "手机排岗代运营", "三十人小铺", owner="老周", tap=True)
    page.goto(page.url + "/staffing")
    lines = [f"员工{i}，{'主播4、助播3' if i % 3 == 0 else '客服4' if i % 3 == 1 else '场控3、中控4'}，40，{5000 + 100 * i}"
             for i in range(1, 31)]
    page.locator("#roster-paste summary").tap()
    page.locator("#roster-text").tap()
    page.locator("#roster-text").fill("\n".join(lines))  # pasted, as from a chat or a sheet
    page.locator("#run-staffing").tap()
    expect(page.locator("#staffing")).to_be_visible(timeout=60_000)

    rows = page.locator("#roster-input tbody tr:not(.spare)")
    expect(rows).to_have_count(31)  # the 30 pasted, and one empty row to add someone
    form = page.locator("#staffing-form").bounding_box()
    assert form and form["height"] < 3_000, form  # folded: was about 12,000 px as cards of every field
    first = rows.first
    assert (first.bounding_box() or {"height": 999})["height"] < 70
    expect(first.locator(".fold-button")).to_contain_text("员工1 · 客服4 · 40小时/周 · 5100元")
    expect(first.locator("input[name=skills_0]")).to_be_hidden()

    left = page.locator("#left-out")
    expect(left).to_contain_text("没有排岗的员工（")
    count = int(left.inner_text().split("（", 1)[1].split("人", 1)[0])
    assert 1 <= count <= 30 and left.locator("span.name").count() == count
    summary = page.locator("#staffing-summary > li").all_inner_texts()
    assert not [line for line in summary if line.endswith("没有排岗") or "）没有排岗：" in line], summary
    expect(left.locator("details li").first).to_be_hidden()  # each one's reason is one tap away
    left.locator("details summary").tap()
    expect(left.locator("details li")).to_have_count(count)
    assert overflow(page) == 0
    shot(page, f"{db}-phone-staffing-30")

    first.locator(".fold-button").tap()  # opened to edit, the summary follows what is typed
    enter(page, "input[name=skills_0]", "客服5", tap=True)
    expect(first.locator(".fold-button")).to_contain_text("客服5")
    page.locator("#add-person").tap()
    expect(page.locator("#roster-input tbody tr:not(.spare)")).to_have_count(32)
    shot(page, f"{db}-phone-staffing-30-edit", full_page=False)
    assert not errors, errors
    context.close()
