"""The staffing page (排岗) of a Chinese plan read in English (issue #15): the roster, the result, its reasons and
findings, the scenario kept from it and the history after adopting it are all in English (Team lead, not 负责人),
and adopting or keeping the result stores the seats' names as they were stored, so nobody is renamed. On SQLite
and PostgreSQL."""

from __future__ import annotations

import html
import re
from typing import Any

from web_support import Browser

CJK = re.compile(r"[\u3000-\u303f\u3400-\u9fff\uff00-\uffef]")


def shown_text(page: str) -> str:
    """What the page's main part shows a reader: its text, and the values, placeholders and labels of its fields
    (the hidden fields that carry data back to the server are not shown)."""
    main = page.split("<main", 1)[1].split("</main>", 1)[0]
    main = re.sub(r'<input type="hidden"[^>]*>', "", main)
    attributes = re.findall(r'(?:value|placeholder|aria-label|title)="([^"]*)"', main)
    return html.unescape(" ".join([re.sub(r"<[^>]+>", " ", main), *attributes]))


def staffed_in_english(owner: Browser) -> tuple[int, str]:
    """A merchant planned on a Chinese page, its staffing run on an English page with two people added; returns
    the merchant and the result page."""
    merchant = owner.merchant(owner.workspace(), name="Hill Tea")
    page = owner.get(f"/m/{merchant}/staffing?lang=en").text
    form = {k: html.unescape(v) for k, v in
            re.findall(r'name="((?:name|skills|hours|monthly_cost|available)_\d+)" value="([^"]*)"', page)}
    assert form["name_0"] == "Team lead", form  # the planner's 负责人, in the reader's language
    n = sum(1 for k, v in form.items() if k.startswith("name_") and v)
    form.update({f"name_{n}": "Lan", f"skills_{n}": "Host 4, Customer service 3", f"hours_{n}": "40",
                 f"monthly_cost_{n}": "8000", f"name_{n + 1}": "Mei", f"skills_{n + 1}": "Central control 4"})
    result = owner.post(f"/m/{merchant}/staffing?lang=en", form)
    assert result.status_code == 200 and 'id="staffing"' in result.text, result.text[:500]
    return merchant, result.text


def test_staffing_a_chinese_plan_on_an_english_page_is_english_throughout(app: Any) -> None:
    owner = Browser(app).sign_up("zhou@example.com", "Zhou")  # every name a reader sees is ASCII but the app's
    merchant, result = staffed_in_english(owner)
    text = shown_text(result)
    assert "Team lead holds Team lead" in text and "Lan holds Host" in text, text[:2000]
    assert not CJK.findall(text), [line for line in text.split("  ") if CJK.search(line)][:10]
    adopted = html.unescape(re.search(r'id="adopt-form".*?name="document" value="([^"]*)"', result, re.S).group(1))  # type: ignore[union-attr]
    assert '"name": "负责人"' in adopted and '"reports_to": "负责人"' in adopted  # stored as the team stores it

    kept = owner.post(f"/m/{merchant}/scenarios?lang=en", {"source": "staffing", "document": adopted, "name": "Trial"})
    assert kept.status_code == 303, kept.text[:300]
    scenario = shown_text(owner.get(kept.headers["location"] + "?lang=en").text)
    assert "Scenario: Trial" in scenario and "(current team " in scenario, scenario[:500]
    assert not CJK.findall(scenario), [line for line in scenario.split("  ") if CJK.search(line)][:10]

    saved = owner.post(f"/m/{merchant}/staffing/adopt?lang=en", {"document": adopted, "base_revision": "1"})
    assert saved.status_code == 303 and saved.headers["location"] == f"/m/{merchant}", saved.text[:300]
    page = owner.get(f"/m/{merchant}/history?lang=en").text
    history = shown_text(page)
    assert "Adopted the staffing result" in history and not CJK.findall(history), history[:1500]
    latest = [html.unescape(line) for line in re.findall(r"<div>(.*?)</div>", page.split('class="changes">', 1)[1]
                                                          .split("</td>", 1)[0])]
    # Lan and Mei fill the plan's open seats (each seat the same seat, not removed and added), the lead stays
    assert latest[:2] == ["Lan takes the seat of Host", "Mei takes the seat of Central control"], latest
    assert not [line for line in latest if line.startswith(("Added", "Removed")) and "Team lead" in line], latest
    assert any(line.startswith("Team lead: ") for line in latest), latest
    chinese = owner.get(f"/m/{merchant}/history?lang=zh").text
    assert "采用排岗结果" in chinese and "Adopted" not in chinese  # the app's own message, in the reader's language
    assert re.search(r'name="name_0" value="负责人"', owner.get(f"/m/{merchant}?lang=zh").text)
