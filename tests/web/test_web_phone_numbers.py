"""Phone numbers in the web app, on SQLite and PostgreSQL: an import keeps them only when 保留手机号 is ticked;
editors see and edit them in the roster, viewers and the history see them masked (138****8000); a wrong one is
a one-line Chinese error naming the row and the column; the chart never shows them."""

from __future__ import annotations

from html import unescape
from typing import Any

from web_support import Browser, viewer_of

CSV = "姓名,岗位,上级,手机\n老周,负责人,,138 0013 8000\n小雅,主播,老周,+86-139-0000-1234\n小美,中控,老周,\n"


def imported(owner: Browser, keep: bool) -> int:
    merchant = owner.merchant(owner.workspace())
    owner.get(f"/m/{merchant}")
    data = {"base_revision": "1", **({"keep_phone": "on"} if keep else {})}
    response = owner.post(f"/m/{merchant}/import", data, files={"file": ("通讯录.csv", CSV.encode(), "text/csv")})
    assert response.status_code == 303, unescape(response.text)[:1000]
    return merchant


def roster(phones: list[str]) -> dict[str, str]:
    rows = [("老周", "负责人", ""), ("小雅", "主播", "老周"), ("小美", "中控", "老周")]
    data = {"rows": str(len(rows)), "base_revision": "2"}
    for i, ((name, roles, boss), phone) in enumerate(zip(rows, phones, strict=True)):
        data.update({f"name_{i}": name, f"roles_{i}": roles, f"reports_to_{i}": boss, f"phone_{i}": phone})
    return data


def test_an_import_leaves_phones_out_by_default(owner: Browser) -> None:
    page = owner.get(f"/m/{imported(owner, keep=False)}").text
    assert "0013" not in page and "1234" not in page
    assert "保留手机号" in page and 'name="keep_phone"' in page and "手机号默认不保存" in page


def test_editors_see_phones_viewers_and_history_see_them_masked(app: Any, owner: Browser) -> None:
    merchant = imported(owner, keep=True)
    page = unescape(owner.get(f"/m/{merchant}").text)
    assert 'value="138 0013 8000"' in page and 'value="+86-139-0000-1234"' in page  # editors edit them
    workspace = int(page.split('href="/w/', 1)[1].split('"', 1)[0].split("/")[0])
    viewer = viewer_of(app, owner, workspace)
    seen = unescape(viewer.get(f"/m/{merchant}").text)
    assert "138****8000" in seen and "861****1234" in seen and "手机号" in seen
    assert "0013" not in seen and "139-0000" not in seen
    assert "0013" not in viewer.get(f"/m/{merchant}/chart.svg").text  # never on the chart
    saved = owner.post(f"/m/{merchant}/roster", roster(["139 1111 2222", "+86-139-0000-1234", ""]))
    assert saved.status_code == 303, unescape(saved.text)[:1000]
    history = unescape(viewer.get(f"/m/{merchant}/history").text)
    assert "老周：手机号 138****8000 → 139****2222" in history and "1111" not in history
    english = unescape(viewer.get(f"/m/{merchant}/history?lang=en").text)
    assert "老周: phone 138****8000 → 139****2222" in english


def test_a_wrong_phone_is_one_chinese_line_naming_row_and_column(owner: Browser) -> None:
    merchant = imported(owner, keep=True)
    owner.get(f"/m/{merchant}")
    refused = owner.post(f"/m/{merchant}/roster", roster(["13800138000", "问前台", ""]))
    assert refused.status_code == 422
    text = unescape(refused.text)
    assert "第2行 · 手机号：“问前台”不是电话号码" in text  # row and column first, then the problem, all in Chinese
    assert "is not a phone number" not in text and "people[1]" not in text
    bad = "姓名,岗位,手机\n老周,负责人,13800138000\n小雅,主播,找小雅\n"
    upload = owner.post(f"/m/{merchant}/import", {"base_revision": "2", "keep_phone": "on"},
                        files={"file": ("team.csv", bad.encode(), "text/csv")})
    said = unescape(upload.text)
    assert upload.status_code == 422 and "team.csv：第3行：手机号：“找小雅”不是电话号码" in said
    english = owner.post(f"/m/{merchant}/import?lang=en", {"base_revision": "2", "keep_phone": "on"},
                         files={"file": ("team.csv", bad.encode(), "text/csv")})
    assert "team.csv: row 3: phone: '找小雅' is not a phone number" in unescape(english.text)


def test_a_phone_of_invisible_characters_is_refused_in_the_roster_as_in_the_api(owner: Browser) -> None:
    """The text policy drops control and zero-width characters, so such a phone would be saved as no phone:
    the roster refuses it, naming the row and the column, and keeps the phone that was there."""
    merchant = imported(owner, keep=True)
    owner.get(f"/m/{merchant}")
    refused = owner.post(f"/m/{merchant}/roster", roster(["\u200b\u200b", "+86-139-0000-1234", ""]))
    assert refused.status_code == 422
    assert "第1行 · 手机号" in unescape(refused.text)
    assert 'value="138 0013 8000"' in unescape(owner.get(f"/m/{merchant}").text)  # nothing saved
