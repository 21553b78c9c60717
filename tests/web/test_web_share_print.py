"""Share links (random token, expiry, revocable; the anonymous page shows the chart and findings only) and the
team page's print stylesheet (chart and roster only, landscape), in Chromium and with TestClient."""

from __future__ import annotations

import datetime as dt
import re
from typing import Any

import pytest
from browser_support import database, new_merchant, open_page, server, shot
from playwright.sync_api import Browser, expect
from sqlalchemy import update
from web_support import Browser as Client
from web_support import make_app

from douyin_team.store import session_factory
from douyin_team.store.models import ShareLink

__all__ = ["server"]


def test_a_share_link_expires_and_can_be_revoked(engine: Any) -> None:
    owner = Client(make_app(engine)).sign_up("share@example.com", "周老板")
    merchant = owner.merchant(owner.workspace())
    owner.get(f"/m/{merchant}/share")
    made = owner.post(f"/m/{merchant}/share", {"days": "7", "label": "合伙人"})
    url = re.search(r'<code id="share-url">[^<]*(/s/s_[^<]+)</code>', made.text)
    assert made.status_code == 200 and url
    anonymous = Client(owner.client.app)  # type: ignore[arg-type]
    page = anonymous.get(url.group(1))
    assert page.status_code == 200 and "山野茶铺" in page.text and "检查结果" in page.text
    assert "roster" not in page.text and "history" not in page.text and "monthly_cost" not in page.text
    assert anonymous.get(url.group(1) + "/chart.html").status_code == 200
    assert anonymous.get(f"/m/{merchant}").status_code == 303  # the rest still needs an account
    assert owner.post(f"/m/{merchant}/share", {"days": "400"}).status_code == 422
    with session_factory(engine)() as db:  # a week later
        db.execute(update(ShareLink).values(expires_at=dt.datetime.now(dt.UTC) - dt.timedelta(seconds=1)))
        db.commit()
    assert anonymous.get(url.group(1)).status_code == 404
    assert "已过期" in owner.get(f"/m/{merchant}/share").text
    assert anonymous.get("/s/s_guessed-token").status_code == 404


def test_share_link_in_an_anonymous_browser_and_print(server: str, browser: Browser,
                                                      request: pytest.FixtureRequest) -> None:
    db = database(request)
    context, page, errors = open_page(browser)
    team_url = new_merchant(page, server, "print@example.com", "打印代运营")

    page.emulate_media(media="print")  # Ctrl+P: the chart and the roster, no buttons, inputs or menus
    for hidden in (".top", "#roster-form", "#findings", "#downloads", "#chart", "#profile"):
        expect(page.locator(hidden)).to_be_hidden()
    expect(page.locator("#print-chart img")).to_be_visible()
    expect(page.locator("#print-chart table tbody tr")).to_have_count(6)
    assert page.locator("#print-chart img").evaluate("i => i.naturalWidth") > 100
    pdf = page.pdf(prefer_css_page_size=True)
    box = [float(v) for v in re.search(rb"/MediaBox\s*\[([^\]]+)\]", pdf).group(1).split()]  # type: ignore[union-attr]
    assert box[2] > box[3]  # landscape
    shot(page, f"{db}-print")
    page.emulate_media(media="screen")

    # A chart taller than wide (a lead over a column of twelve agents) prints on a portrait page.
    rows = ["姓名,岗位,上级", "老周,负责人,"] + [f"客服{i},客服,老周" for i in range(1, 13)]
    page.set_input_files("#import-form input[type=file]", files=[
        {"name": "tall.csv", "mimeType": "text/csv", "buffer": "\n".join(rows).encode()}])
    page.click("#import-form button[type=submit]")
    expect(page.locator("#print-chart table tbody tr")).to_have_count(13)
    page.wait_for_function("() => document.querySelector('img.print-chart').naturalWidth > 0")
    size = page.locator("#print-chart img").evaluate("i => [i.naturalWidth, i.naturalHeight]")
    assert size[1] > size[0]
    page.emulate_media(media="print")
    pdf = page.pdf(prefer_css_page_size=True)
    box = [float(v) for v in re.search(rb"/MediaBox\s*\[([^\]]+)\]", pdf).group(1).split()]  # type: ignore[union-attr]
    assert box[3] > box[2]  # portrait
    shot(page, f"{db}-print-tall")
    page.emulate_media(media="screen")
    page.goto(team_url)

    page.click("#tab-share")
    page.fill("input[name=label]", "给合伙人")
    page.click("#make-link")
    link = page.locator("#share-url").inner_text()
    assert re.search(r"/s/s_[\w-]{20,}$", link)
    shot(page, f"{db}-share-links", full_page=False)

    anonymous = browser.new_context(viewport={"width": 1300, "height": 900}).new_page()
    anonymous.goto(link)
    expect(anonymous.locator("h1")).to_contain_text("山野茶铺")
    expect(anonymous.frame_locator("#chart").locator(".card")).to_have_count(13)  # the team as imported above
    expect(anonymous.locator("#findings")).to_be_visible()
    for absent in ("#roster-form", ".tabs", "#downloads", "#top-nav a[href='/']"):
        expect(anonymous.locator(absent)).to_have_count(0)
    shot(anonymous, f"{db}-shared-anonymous", full_page=False)
    assert anonymous.goto(team_url.replace("/m/", "/m/") + "/history") is not None
    expect(anonymous).to_have_url(re.compile("/signin"))  # nothing else without an account

    page.locator("#links button.revoke").first.click()
    expect(page.locator("#links .state").first).to_have_text("已撤销")
    response = anonymous.goto(link)
    assert response is not None and response.status == 404
    assert not errors, errors
    anonymous.context.close()
    context.close()
