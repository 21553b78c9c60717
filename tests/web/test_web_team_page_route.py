"""The team page's own route (routers/pages_team.py `TeamPageRoute`, matched before every router) and the page
cache it sends from: never a page older than the last save, wherever the save was made; the same answers as the
ordinary route for ids it does not take; the cache's pieces put together with each browser's token."""

from __future__ import annotations

import re
from typing import Any

from web_support import PASSWORD, Browser, make_app

from douyin_team.web.pagecache import MAX_PAGE, PageCache, page


def signed_in(app: Any, email: str) -> Browser:
    """A second browser of a user who already signed up: signed in on `app`."""
    browser = Browser(app)
    browser.get("/signin")
    assert browser.post("/signin", {"email": email, "password": PASSWORD}).status_code == 303
    browser.get("/")
    return browser


def version(html: str) -> int:
    found = re.search(r"版本 (\d+)", html)
    assert found, html[:2000]
    return int(found.group(1))


def test_a_save_made_by_another_worker_shows_on_the_next_request(engine: Any) -> None:
    """Two apps on one database are two `serve` workers, each with its own page cache. A page remembered by the
    first is never sent again once the second has saved: the next request shows the new revision."""
    first, second = make_app(engine), make_app(engine)
    owner = Browser(first).sign_up("workers@example.com", "店主")
    merchant = owner.merchant(owner.workspace())
    page_one = owner.get(f"/m/{merchant}").text
    assert version(page_one) == 1 and owner.get(f"/m/{merchant}").text == page_one  # remembered, sent again
    assert len(first.state.page_cache._pages) >= 1

    elsewhere = signed_in(second, "workers@example.com")  # the same owner on a phone, whose requests go to worker 2
    elsewhere.get(f"/m/{merchant}")
    saved = elsewhere.post(f"/m/{merchant}/roster", {"rows": "2", "base_revision": "1", "name_0": "老周",
                                                      "roles_0": "负责人", "name_1": "小美", "roles_1": "主播",
                                                      "reports_to_1": "老周", "message": "两个人"})
    assert saved.status_code == 303, saved.text
    page_two = owner.get(f"/m/{merchant}").text
    assert version(page_two) == 2 and "两个人" in page_two and 'value="小美"' in page_two
    # The same browser's cookies on the other worker: the same page, with the same token.
    twin = Browser(second)
    for name in ("dt_session", "dt_csrf"):
        twin.client.cookies.set(name, owner.client.cookies[name])
    assert twin.get(f"/m/{merchant}").text == page_two

    # A save made on the first worker itself, then the answers changed on the second: both show at once.
    assert owner.post(f"/m/{merchant}/roster", {"rows": "1", "base_revision": "2", "name_0": "老周",
                                                 "roles_0": "负责人", "message": "只剩老板"}).status_code == 303
    assert version(elsewhere.get(f"/m/{merchant}").text) == 3
    assert elsewhere.post(f"/m/{merchant}/profile", {"base_revision": "3", "name": "山野茶铺二店",
                                                      "monthly_sales": "300000"}).status_code == 303
    assert "山野茶铺二店" in owner.get(f"/m/{merchant}").text


def test_ids_the_route_does_not_take_get_the_answers_they_always_got(engine: Any) -> None:
    """Out of range or not a number: refused (422) by the ordinary route, as before; unknown: 404; no session:
    to the sign-in page; HEAD answers like GET, and other methods are not allowed."""
    app = make_app(engine)
    owner = Browser(app).sign_up("ids@example.com")
    merchant = owner.merchant(owner.workspace())
    for path in ("/m/0", "/m/-1", "/m/abc", "/m/2147483648", "/m/99999999999999999999"):
        response = owner.get(path)
        assert response.status_code == 422 and "<html" in response.text, path
    assert owner.get("/m/2147483647").status_code == 404
    assert owner.get(f"/m/{merchant + 1}").status_code == 404
    assert owner.get(f"/m/0{merchant}").status_code == 200
    assert owner.client.head(f"/m/{merchant}").status_code == 200
    assert owner.post(f"/m/{merchant}").status_code == 405
    anonymous = Browser(app)
    moved = anonymous.get(f"/m/{merchant}?lang=en")
    assert moved.status_code == 303 and moved.headers["location"] == f"/signin?next=/m/{merchant}%3Flang%3Den"
    anonymous.client.cookies.set("dt_session", "not-a-session")
    assert anonymous.get(f"/m/{merchant}").status_code == 303
    # An outsider's session: 404, and nothing of the page (the remembered page is the owner's).
    outsider = Browser(app).sign_up("ids-outsider@example.com")
    refused = outsider.get(f"/m/{merchant}")
    assert refused.status_code == 404 and "山野茶铺" not in refused.text


def test_the_cache_keeps_a_page_as_pieces_around_its_token() -> None:
    cache = PageCache(pages=2, size=10_000)
    html = f'<form><input value="{cache.placeholder}"></form><meta content="{cache.placeholder}">山野'
    pieces = cache.put("a", html)
    assert cache.get("a") == pieces and len(pieces) == 3
    assert page(pieces, "TOKEN").decode() == html.replace(cache.placeholder, "TOKEN")
    cache.put("b", "<p>b</p>")
    cache.put("c", "<p>c</p>")  # a third page: the least recently used one goes
    assert cache.get("a") is None and cache.get("b") is not None
    big = "x" * (MAX_PAGE + 1)
    assert page(cache.put("big", big), "t").decode() == big and cache.get("big") is None  # sent, not kept
    small = PageCache(pages=10, size=100)
    for key in "defg":
        small.put(key, "y" * 40)
    assert [k for k in "defg" if small.get(k) is not None] == ["f", "g"]  # bytes bound: two of 40 fit in 100


def at_once(count: int, call: Any) -> list[Any]:
    """`call()` in `count` threads started together; what each returned or raised."""
    import threading

    results: list[Any] = []

    def run() -> None:
        try:
            results.append(call())
        except RuntimeError as err:
            results.append(err)

    threads = [threading.Thread(target=run) for _ in range(count)]
    for thread in threads:
        thread.start()
    for thread in threads:
        thread.join()
    return results


def test_a_page_asked_for_by_many_at_once_is_made_once() -> None:
    """Twenty requests for a page that is not kept (the first after a save): one renders it, the others are
    given its pieces; a page too big to keep is shared the same way; a maker that fails leaves each waiter to
    make the page itself."""
    import time

    cache = PageCache()
    for key, body in (("team", "团队"), ("big", "x" * (MAX_PAGE + 1))):
        made: list[str] = []

        def make(body: str = body, made: list[str] = made) -> str:
            made.append(body)
            time.sleep(0.2)  # long enough that every request asks while it is being made
            return f"<p>{cache.placeholder}{body}</p>"

        results = at_once(20, lambda key=key, make=make: page(cache.made(key, make), "T"))
        assert len(made) == 1 and results == [f"<p>T{body}</p>".encode()] * 20, key
    assert cache.get("team") is not None and cache.get("big") is None

    attempts: list[int] = []

    def failing() -> str:
        attempts.append(1)
        time.sleep(0.1)
        if len(attempts) == 1:
            raise RuntimeError("the database went away")
        return "<p>ok</p>"

    outcomes = at_once(5, lambda: page(cache.made("flaky", failing), "T"))
    assert sum(isinstance(o, RuntimeError) for o in outcomes) == 1 and outcomes.count(b"<p>ok</p>") == 4
