"""The language of a share link opened without an account (issue #15: it showed Chinese though the owner shared
from the English pages): the link's ?lang=, which the English pages put in the link they make; else the
visitor's own choice on the site (the language switch's cookie); else the browser's Accept-Language (zh* → zh,
en* → en, by weight); else Chinese. In either language the page shows the chart and the findings, nothing else.
TestClient on SQLite and PostgreSQL."""

from __future__ import annotations

import re
from typing import Any

import pytest
from web_support import Browser as Client
from web_support import make_app

from douyin_team.web.deps import accepted_lang

CJK = re.compile(r"[\u3000-\u303f\u3400-\u9fff\uff00-\uffef]")
MERCHANT = "山野茶铺"  # typed by the owner: a name, the same in either language


def made_link(owner: Client, merchant: int, lang: str) -> str:
    """A share link made from the owner's pages in `lang`, as the page shows it (path and query)."""
    owner.get(f"/m/{merchant}/share?lang={lang}")  # the owner's pages in that language from now on
    made = owner.post(f"/m/{merchant}/share", {"days": "7", "label": "partner"})
    found = re.search(r'<code id="share-url">http://testserver(/s/s_[^<]+)</code>', made.text)
    assert made.status_code == 200 and found, made.text
    return found.group(1).replace("&amp;", "&")


def page_lang(response: Any) -> str:
    """The language a shared page is in, checked three ways: the html tag, its words and the chart's address."""
    assert response.status_code == 200, response.text
    text = response.text
    tag = re.search(r'<html lang="([^"]+)">', text)
    assert tag
    lang = "en" if tag.group(1) == "en" else "zh"
    words = ("Shared, read-only", "Findings") if lang == "en" else ("只读分享", "检查结果")
    assert all(w in text for w in words), words
    assert f'/chart.html?lang={lang}"' in text
    return lang


def only_chart_and_findings(text: str) -> None:
    """Nothing on the page but its heading, the chart frame and the findings: no form, field or way into the app."""
    main = text.split("<main", 1)[1].split("</main>", 1)[0]
    assert "<form" not in text and "<input" not in text and "<button" not in main
    boxes = [tag for tag in re.findall(r"<(iframe|aside|section|table|nav|img|details)\b", main) if tag != "details"]
    assert boxes == ["section", "iframe", "aside"] and 'id="chart"' in main and 'id="findings"' in main
    links = re.findall(r'href="([^"]+)"', text)
    assert all(h in ("/", "/static/app.css", "data:,") or h.startswith("/lang/") for h in links), links
    for absent in ("monthly_cost", "roster", "/history", "/kit.", "/m/"):
        assert absent not in text, absent


@pytest.mark.parametrize(("header", "lang"), [
    ("en-GB,en;q=0.9", "en"), ("zh-CN,zh;q=0.9,en;q=0.8", "zh"), ("zh-Hant-TW", "zh"),
    ("fr-FR, zh-CN;q=0.8, en;q=0.5", "zh"), ("fr, en;q=0.3, zh;q=0.2", "en"), ("zh;q=0, en;q=0.1", "en"),
    ("EN-us", "en"), ("de, *;q=0.5", None), ("", None), ("en;q=abc, zh;q=0.4", "zh"), (";;,,=;q", None),
    (",".join(["de"] * 100) + ",en", None),  # read only as far as a browser's header goes
])
def test_accept_language_names_chinese_or_english(header: str, lang: str | None) -> None:
    assert accepted_lang(header) == lang


def test_a_link_from_the_english_pages_opens_in_english(engine: Any) -> None:
    owner = Client(make_app(engine)).sign_up("share-en@example.com", "Zhou")
    merchant = owner.merchant(owner.workspace())
    link = made_link(owner, merchant, "en")
    assert link.endswith("?lang=en")  # the link carries the language it was made in
    chinese_browser = Client(owner.client.app)  # type: ignore[arg-type]
    shared = chinese_browser.get(link, headers={"accept-language": "zh-CN,zh;q=0.9"})
    assert page_lang(shared) == "en"
    only_chart_and_findings(shared.text)
    left = CJK.findall(shared.text.replace(MERCHANT, "").replace('id="lang-switch">中文<', ""))
    assert not left, left  # every word of the app's in English (the switch names Chinese in Chinese)
    chart = chinese_browser.get(link.replace("?lang=en", "/chart.html?lang=en"))
    assert chart.status_code == 200 and "Team lead" in chart.text


def test_a_link_from_the_chinese_pages_follows_the_visitor(engine: Any) -> None:
    owner = Client(make_app(engine)).sign_up("share-zh@example.com", "周老板")
    merchant = owner.merchant(owner.workspace())
    link = made_link(owner, merchant, "zh")
    assert "?" not in link  # nothing to carry: Chinese is where a visitor with no preference starts
    app = owner.client.app

    def visitor(accept: str | None = None) -> Client:
        browser = Client(app)  # type: ignore[arg-type]
        if accept is not None:
            browser.client.headers["accept-language"] = accept
        return browser

    assert page_lang(visitor().get(link)) == "zh"  # no preference at all: Chinese
    english_browser = visitor("en-US,en;q=0.9")
    shared = english_browser.get(link)
    assert page_lang(shared) == "en" and "Accept-Language" in shared.headers["vary"]
    only_chart_and_findings(shared.text)
    assert page_lang(visitor("fr-FR,fr;q=0.9,zh-TW;q=0.8,en;q=0.7").get(link)) == "zh"
    assert page_lang(visitor("de-DE").get(link)) == "zh"  # neither asked for: Chinese
    zh = visitor("en-US").get(link + "?lang=zh")
    assert page_lang(zh) == "zh"  # the link's own ?lang= over the browser's
    only_chart_and_findings(zh.text)

    # The page's language switch is the visitor's own choice, over the browser's wish, on every later visit.
    switched = english_browser.get(f"/lang/zh?next={link}")
    assert switched.status_code == 303 and switched.headers["location"] == link
    assert page_lang(english_browser.get(link)) == "zh"
    assert page_lang(english_browser.get(link + "?lang=en")) == "en"  # and a link's ?lang= over that
