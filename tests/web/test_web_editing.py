"""Editing in Chromium against `douyin-team serve`: a 2,000-person team saved through the page, errors shown in
the page with the edit kept, a rename that keeps every reporting line, and two people editing at once (two
browser contexts) — different fields merge by themselves, the same field is decided field by field.
"""

from __future__ import annotations

import re
from pathlib import Path

from browser_support import (
    database,
    desktop,
    new_merchant,
    open_page,
    server,
    shot,
    sign_up,
    verify_email,
    watch,
)
from playwright.sync_api import Browser, Page, expect

__all__ = ["server"]


def roster_row(page: Page, name: str):  # type: ignore[no-untyped-def]
    """The roster editor's row of the person with this name."""
    return page.locator("#roster-form tbody tr", has=page.locator(f'input[name^=name_][value="{name}"]'))


def test_a_2000_person_team_saves_and_errors_keep_the_edit(server: str, browser: Browser, request,  # type: ignore[no-untyped-def]
                                                          tmp_path: Path) -> None:
    db = database(request)
    context, page, errors = open_page(browser)
    team_url = new_merchant(page, server, "big@example.com", "大团队代运营", "大商家", owner="大老板")
    lines = ["姓名,岗位,上级,部门,月薪(元)", "老板,负责人,,管理,30000"]
    lines += [f"员工{i},{'客服' if i % 2 else '主播'},老板,组{i % 20},{6000 + i}" for i in range(1, 2000)]
    sheet = tmp_path / "big.csv"
    sheet.write_text("\n".join(lines), encoding="utf-8")
    page.set_input_files("#import-form input[type=file]", str(sheet))
    page.click("#import-form button[type=submit]")
    # The waits on this page of 20,000 fields are wait_for, not expect(...): a missed poll of Playwright's
    # expect costs a snapshot of the page's accessibility tree, half a minute here (60 s ran out on a slower CI).
    page.locator("#roster-form tbody tr").nth(2000 + 2).wait_for(state="attached", timeout=60_000)
    # a form of 20,000 fields only the page's script can save: the button waits for it, then the note goes
    page.locator("#save-roster:enabled").wait_for(timeout=60_000)
    expect(page.locator("#save-waits")).to_be_hidden()

    bad = roster_row(page, "员工1500")
    bad.locator("input[name^=reports_to_]").fill("不存在的人")
    page.fill("input[name=message]", "改一个人")
    page.click("#save-roster")
    message = page.locator("#save-error")
    message.wait_for(state="visible", timeout=60_000)
    expect(message).to_contain_text("第1501行 · 上级：“不存在的人”不在团队里（提示：上级要写团队里另一个人的姓名")  # Chinese first, naming row and field
    expect(bad).to_have_class(re.compile("bad-row"))
    expect(bad.locator("input[name^=reports_to_]")).to_have_value("不存在的人")  # the edit is kept
    shot(page, f"{db}-edit-error", full_page=False)

    bad.locator("input[name^=reports_to_]").fill("员工1")
    roster_row(page, "员工7").locator("input[name^=monthly_cost_]").fill("7777")
    page.click("#save-roster")
    page.locator("p.muted", has_text="版本 3").first.wait_for(timeout=60_000)  # the saved page, loaded
    page.locator("#save-roster:enabled").wait_for(timeout=60_000)
    assert page.url == team_url
    expect(page.locator("#roster-form tbody tr")).to_have_count(2000 + 3)
    expect(roster_row(page, "员工1500").locator("input[name^=reports_to_]")).to_have_value("员工1")
    expect(roster_row(page, "员工7").locator("input[name^=monthly_cost_]")).to_have_value("7777")
    assert not [e for e in errors if "422" not in e], errors  # the refused save logs its 422, nothing else
    context.close()


def test_renaming_the_lead_keeps_reporting_lines(server: str, browser: Browser, request) -> None:  # type: ignore[no-untyped-def]
    context, page, errors = open_page(browser)
    new_merchant(page, server, "rename@example.com", "改名代运营", "改名商家", owner="小美")
    roster_row(page, "负责人").locator("input[name^=name_]").fill("小美")  # the most natural first edit
    page.click("#save-roster")
    expect(page.locator("p.muted").first).to_contain_text("版本 2")
    expect(page.locator("#save-error")).to_be_hidden()
    expect(roster_row(page, "主播").locator("input[name^=reports_to_]")).to_have_value("小美")
    page.click("#tab-history")
    expect(page.locator("#revisions tbody tr").first).to_contain_text("负责人 改名为 小美")
    shot(page, f"{database(request)}-history-renamed")
    page.click("#lang-switch")
    # the planner's seat name in the reader's language, the name the owner typed as written
    expect(page.locator("#revisions tbody tr").first).to_contain_text("Team lead renamed to 小美")
    expect(page.locator("#revisions tbody tr").first).to_contain_text("Edited the roster")  # saved in Chinese
    assert not errors, errors
    context.close()


def test_two_people_editing_at_once_merge(server: str, browser: Browser, request) -> None:  # type: ignore[no-untyped-def]
    db = database(request)
    owner_context, editor_context = desktop(browser), desktop(browser)
    owner, editor = owner_context.new_page(), editor_context.new_page()
    errors = watch(owner) + watch(editor)
    team_url = new_merchant(owner, server, "a@example.com", "合并代运营", "合并商家", owner="阿周")
    owner.locator(".crumbs a").nth(1).click()  # the workspace: invite an editor
    owner.fill("form[action$='/members'] input[name=email]", "b@example.com")
    owner.click("form[action$='/members'] button[type=submit]")
    invite = owner.locator("#invite-link").inner_text()  # mailed, and shown once to the owner to pass on
    sign_up(editor, server, "b@example.com", "小贝")
    verify_email(server, "b@example.com")  # as the mailed verification link would
    editor.goto(invite)
    editor.click("form[action$='/accept'] button[type=submit]")
    editor.goto(team_url)
    owner.goto(team_url)

    # Different fields of different people: merged by themselves and listed.
    roster_row(owner, "主播").locator("input[name^=monthly_cost_]").fill("12000")
    owner.click("#save-roster")
    expect(owner.locator("p.muted").first).to_contain_text("版本 2")
    roster_row(editor, "中控").locator("input[name^=hours_]").fill("40")
    editor.click("#save-roster")  # still on revision 1
    notice = editor.locator("#merged-notice")
    expect(notice).to_contain_text("对方的修改：主播：月成本 — → 12,000元")
    expect(notice).to_contain_text("你的修改：中控：周工时 — → 40")
    expect(roster_row(editor, "主播").locator("input[name^=monthly_cost_]")).to_have_value("12000")
    expect(roster_row(editor, "中控").locator("input[name^=hours_]")).to_have_value("40")
    shot(editor, f"{db}-merge-automatic", full_page=False)

    # The same field: shown with both values, decided per field; the other field merges by itself.
    owner.goto(team_url)
    roster_row(owner, "主播").locator("input[name^=monthly_cost_]").fill("15000")
    roster_row(editor, "主播").locator("input[name^=monthly_cost_]").fill("18000")
    roster_row(editor, "主播").locator("input[name^=can_cover_]").fill("助播")
    owner.click("#save-roster")
    expect(owner.locator("p.muted").first).to_contain_text("版本 4")
    editor.click("#save-roster")
    expect(editor.locator("h1#merge")).to_be_visible()
    clash = editor.locator("#clashes tbody tr")
    expect(clash).to_have_count(1)
    expect(clash).to_contain_text("月成本")
    expect(clash.locator(".theirs mark")).to_have_text("15,000元")
    expect(clash.locator(".mine mark")).to_have_text("18,000元")
    expect(editor.locator("#merged")).to_contain_text("你的修改：主播 · 可替岗 → 助播")
    shot(editor, f"{db}-merge-clash")
    editor.check("input[name=pick_0][value=mine]")
    editor.click("#save-merge")
    expect(roster_row(editor, "主播").locator("input[name^=monthly_cost_]")).to_have_value("18000")
    expect(roster_row(editor, "主播").locator("input[name^=can_cover_]")).to_have_value("助播")
    expect(roster_row(editor, "中控").locator("input[name^=hours_]")).to_have_value("40")
    assert not errors, errors
    owner_context.close()
    editor_context.close()
