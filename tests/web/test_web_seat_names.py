"""A Chinese plan read on English pages (issue #15): the seats the planner named show English post names (Host,
not 主播（待招聘）) in the roster, the chart, the findings, the kit, the next stage, the scenarios, the history and
the merge page, and saving from the English page (the roster, a scenario's table, a merge) renames nobody: the
stored team keeps its names. On SQLite and PostgreSQL."""

from __future__ import annotations

import html
import re

from web_support import Browser

INPUTS = re.compile(r'<input (?:type="(?:checkbox|hidden)" )?name="((?:name|roles|reports_to|department|hours|monthly_cost|can_cover|phone|id|vacancy)_\d+)"([^>]*)>')


def roster_form(page: str) -> dict[str, str]:
    """The roster table's fields as the page filled them (a ticked box as 'on'), ready to post back."""
    form: dict[str, str] = {}
    for name, rest in INPUTS.findall(page):
        if name.startswith("vacancy_"):
            if "checked" in rest:
                form[name] = "on"
            continue
        value = re.search(r'value="([^"]*)"', rest)
        form[name] = html.unescape(value.group(1)) if value else ""
    form["rows"] = re.search(r'name="rows" value="(\d+)"', page).group(1)  # type: ignore[union-attr]
    base = re.search(r'name="base_revision" value="(\d+)"', page)  # the team page's (a scenario's form has none)
    if base:
        form["base_revision"] = base.group(1)
    return form


def test_a_chinese_plan_on_english_pages_names_its_seats_in_english(owner: Browser) -> None:
    merchant = owner.merchant(owner.workspace())  # planned on a Chinese page: 负责人, 主播, 助播 …
    chinese = owner.get(f"/m/{merchant}").text
    assert 'value="主播"' in chinese and 'value="负责人"' in chinese

    english = owner.get(f"/m/{merchant}?lang=en").text
    assert 'value="Host"' in english and 'value="Team lead"' in english and 'value="主播"' not in english
    chart = owner.get(f"/m/{merchant}/chart.html?lang=en").text
    assert "Host (to hire)" in chart and "主播" not in chart and "负责人" not in chart
    kit = owner.get(f"/m/{merchant}/kit.md?lang=en").text
    assert "Host" in kit and not re.search(r"[\u3400-\u9fff]", kit.replace("山野茶铺", "")), kit[:300]
    nxt = owner.get(f"/m/{merchant}/next?lang=en").text
    assert "主播" not in nxt and "负责人" not in nxt

    form = roster_form(english)  # saved from the English page, changing one cost: nobody is renamed
    form["monthly_cost_1"] = "9000"
    saved = owner.post(f"/m/{merchant}/roster?lang=en", form)
    assert saved.status_code == 303, saved.text[:500]
    after = owner.get(f"/m/{merchant}?lang=zh").text
    assert 'value="主播"' in after and 'value="Host"' not in after and 'value="9000"' in after
    history = owner.get(f"/m/{merchant}/history?lang=zh").text
    assert "编辑人员表" in history and "改名" not in history and "Host" not in history


def shown(page: str, element: str, tag: str = "ul") -> str:
    """The text of the element with this id (a list, table or section), markup and entities gone."""
    match = re.search(rf'id="{element}"[^>]*>(.*?)</{tag}>', page, re.S)
    assert match, element
    return html.unescape(re.sub(r"<[^>]+>", " ", match.group(1)))


def test_a_scenario_on_an_english_page_names_the_seats_in_english_and_saves_them_as_stored(owner: Browser) -> None:
    merchant = owner.merchant(owner.workspace())
    owner.get(f"/m/{merchant}")
    kept = owner.post(f"/m/{merchant}/scenarios", {"source": "current", "name": "双11"})
    assert kept.status_code == 303, kept.text[:300]
    url = kept.headers["location"]
    english = owner.get(f"{url}?lang=en").text
    assert 'value="Host"' in english and 'value="Team lead"' in english and 'value="主播"' not in english
    assert "主播" not in shown(english, "scenario-findings", "section")
    chart = owner.get(f"{url}/chart.html?lang=en").text
    assert "Host (to hire)" in chart and "主播" not in chart

    form = roster_form(english)  # edited in English: a new person reporting to the lead, one cost changed
    new = str(sum(1 for k in form if k.startswith("name_") and form[k]))
    form.update({"name": "双11", "monthly_cost_1": "9000", f"name_{new}": "Temp CS", f"roles_{new}": "Customer service",
                 f"reports_to_{new}": "Team lead"})
    saved = owner.post(f"{url}?lang=en", form)
    assert saved.status_code == 303, saved.text[:500]
    after = owner.get(f"{url}?lang=zh").text
    assert 'value="主播"' in after and 'value="Host"' not in after and 'value="Team lead"' not in after
    assert re.search(r'name="reports_to_\d+" value="负责人"', after)  # Temp CS reports to the lead as stored
    diff = shown(owner.get(f"{url}?lang=en").text, "scenario-diff")
    assert "Added: Temp CS" in diff and "Host: monthly cost" in diff.replace("Monthly", "monthly"), diff
    assert "主播" not in diff and "renamed" not in diff


def test_history_and_compare_on_an_english_page_name_the_seats_in_english(owner: Browser) -> None:
    merchant = owner.merchant(owner.workspace())
    form = roster_form(owner.get(f"/m/{merchant}?lang=en").text)
    form["monthly_cost_1"], form["reports_to_2"] = "9000", "Host"  # the host's cost; the assistant reports to them
    assert owner.post(f"/m/{merchant}/roster?lang=en", form).status_code == 303
    history = shown(owner.get(f"/m/{merchant}/history?lang=en").text, "revisions", "table")
    assert "Host:" in history and "Assistant host: reports to Team lead → Host" in history.replace("Reports", "reports")
    assert "主播" not in history and "负责人" not in history and "renamed" not in history
    chinese = owner.get(f"/m/{merchant}/history?lang=zh").text
    assert "助播：上级 负责人 → 主播" in html.unescape(chinese)
    compare = owner.get(f"/m/{merchant}/history/compare?a=1&b=2&lang=en").text
    assert 'value="Host"' in compare or ">Host<" in compare
    assert "主播" not in html.unescape(compare.split("<main", 1)[1]), compare[:300]


def test_a_merge_on_an_english_page_names_the_seats_in_english_and_stores_the_stored_names(owner: Browser) -> None:
    merchant = owner.merchant(owner.workspace())
    english = roster_form(owner.get(f"/m/{merchant}?lang=en").text)  # both pages opened at revision 1
    chinese = roster_form(owner.get(f"/m/{merchant}?lang=zh").text)
    chinese["monthly_cost_1"], chinese["reports_to_2"] = "8000", "中控"
    assert owner.post(f"/m/{merchant}/roster?lang=zh", chinese).status_code == 303  # revision 2 meanwhile
    english["monthly_cost_1"], english["reports_to_2"] = "9000", "Host"
    conflict = owner.post(f"/m/{merchant}/roster?lang=en", english)
    assert conflict.status_code == 303 and "/merge/" in conflict.headers["location"], conflict.headers
    page = owner.get(conflict.headers["location"] + "?lang=en").text
    clashes = shown(page, "clashes", "table")
    assert "Host" in clashes and "Assistant host" in clashes and "Central control" in clashes, clashes
    assert "主播" not in clashes and "助播" not in clashes and "中控" not in clashes
    picks = {f"pick_{i}": "mine" for i in range(len(re.findall(r'name="pick_(\d+)" value="mine"', page)))}
    latest = re.search(r'name="latest" value="(\d+)"', page).group(1)  # type: ignore[union-attr]
    saved = owner.post(conflict.headers["location"] + "?lang=en", {"latest": latest, **picks})
    assert saved.status_code == 303 and saved.headers["location"] == f"/m/{merchant}", saved.text[:500]
    after = html.unescape(owner.get(f"/m/{merchant}?lang=zh").text)
    assert 'value="主播"' in after and 'value="Host"' not in after and 'value="9000"' in after
    assert re.search(r'name="reports_to_2" value="主播"', after)  # the merge stored the stored name
