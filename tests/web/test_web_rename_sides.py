"""Renames in the history and the compare page (issue #15): each side of a change is named as its own revision
names it. A seat name the planner gave is said in the reader's language only where it was that seat's name: a
name typed for someone else (an assistant host a person called 主播) stays as typed, so swapping names reads
"主播 renamed to 小红", not "Host renamed to 小红", and a rename both sides would show alike (Host typed as 主播)
keeps its stored names instead of reading "主播 改名为 主播". On SQLite and PostgreSQL."""

from __future__ import annotations

import html
import re

from test_web_seat_names import roster_form, shown
from web_support import Browser


def renamed(owner: Browser, merchant: int, lang: str, names: dict[int, str]) -> None:
    """Save the roster from the page in `lang` with these rows renamed (each person keeps their id)."""
    form = roster_form(owner.get(f"/m/{merchant}?lang={lang}").text)
    form.update({f"name_{row}": name for row, name in names.items()})
    saved = owner.post(f"/m/{merchant}/roster?lang={lang}", form)
    assert saved.status_code == 303 and saved.headers["location"] == f"/m/{merchant}", saved.text[:500]


def history_lines(owner: Browser, merchant: int, lang: str) -> list[str]:
    """The history's change cells, newest revision first, each as its lines joined by ' | '."""
    page = owner.get(f"/m/{merchant}/history?lang={lang}").text
    cells = re.findall(r'class="changes">(.*?)</td>', page, re.S)
    assert cells, page[:500]
    return [" | ".join(html.unescape(line) for line in re.findall(r"<div>(.*?)</div>", cell, re.S)) for cell in cells]


def test_swapped_names_are_each_named_as_their_own_revision_names_them(owner: Browser) -> None:
    merchant = owner.merchant(owner.workspace())  # a Chinese plan: 负责人, 主播 (row 1), 助播 (row 2) …
    renamed(owner, merchant, "zh", {1: "小美", 2: "主播"})  # the host is 小美; the assistant host takes 主播
    renamed(owner, merchant, "zh", {1: "主播", 2: "小红"})  # and back: the host is 主播 again, the assistant 小红

    third, second = history_lines(owner, merchant, "en")[:2]
    # Revision 2: the assistant host's new name 主播 is a name typed for an assistant host, not the host seat.
    assert "Host renamed to 小美" in second and "Assistant host renamed to 主播" in second, second
    assert "renamed to Host" not in second, second
    # Revision 3: the old 主播 was the assistant host's typed name; the new 主播 is the host seat again.
    assert "主播 renamed to 小红" in third and "小美 renamed to Host" in third, third
    assert "Host renamed to 小红" not in third, third

    compare = html.unescape(owner.get(f"/m/{merchant}/history/compare?a=2&b=3&lang=en").text)
    listed = shown(compare, "diff")
    assert "主播 renamed to 小红" in listed and "小美 renamed to Host" in listed, listed
    backwards = shown(html.unescape(owner.get(f"/m/{merchant}/history/compare?a=3&b=2&lang=en").text), "diff")
    assert "Host renamed to 小美" in backwards and "小红 renamed to 主播" in backwards, backwards


def test_an_english_plan_read_in_chinese_names_each_side_in_its_own_revision(owner: Browser) -> None:
    workspace = owner.workspace()
    owner.get(f"/w/{workspace}/merchants/new?lang=en")
    made = owner.post(f"/w/{workspace}/merchants?lang=en", {"name": "Hill Tea", "monthly_sales": "300000",
                                                             "focus": "live"})
    assert made.status_code == 303, made.text[:500]
    merchant = int(made.headers["location"].rsplit("/", 1)[1])
    rows = roster_form(owner.get(f"/m/{merchant}?lang=en").text)
    assert (rows["name_1"], rows["name_2"]) == ("Host", "Assistant host"), rows  # stored in English
    renamed(owner, merchant, "en", {1: "小美", 2: "Host"})  # the assistant host is now called Host
    renamed(owner, merchant, "en", {1: "Host", 2: "小红"})
    renamed(owner, merchant, "en", {1: "主播"})  # the host seat typed in Chinese: shown alike on a Chinese page

    fourth, third, second = history_lines(owner, merchant, "zh")[:3]
    assert "主播 改名为 小美" in second and "助播 改名为 Host" in second and "改名为 主播" not in second, second
    assert "Host 改名为 小红" in third and "小美 改名为 主播" in third and "主播 改名为 小红" not in third, third
    assert fourth == "Host 改名为 主播", fourth  # not 主播 改名为 主播
