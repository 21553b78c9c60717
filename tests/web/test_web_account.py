"""Account basics (issue 17): change the password, sign out everywhere, reset by a mailed link that never
tells whether an address has an account, and API tokens that expire."""

from __future__ import annotations

import datetime as dt
from typing import Any

import pytest
from fastapi.testclient import TestClient
from web_support import PASSWORD, Browser, bearer, mailed_link, make_app

from douyin_team.store.models import ApiToken, utcnow

pytestmark = pytest.mark.usefixtures("fast_hashing")


def signed_in(app: Any, email: str, password: str = PASSWORD) -> Browser:
    browser = Browser(app)
    browser.get("/signin")
    answer = browser.post("/signin", {"email": email, "password": password})
    assert answer.status_code == 303, answer.text[:300]
    browser.get("/")
    return browser


def test_change_password_and_sign_out_everywhere(engine: Any) -> None:
    app = make_app(engine)
    here = Browser(app).sign_up("me@example.com")
    elsewhere = signed_in(app, "me@example.com")
    here.get("/account")
    assert here.post("/account/password", {"current_password": "wrong one", "password": "x" * 12}).status_code == 401
    assert here.post("/account/password", {"current_password": PASSWORD, "password": "a brand new password"}).status_code == 200
    assert here.get("/").status_code == 200  # this browser stays signed in
    assert elsewhere.get("/").status_code == 303  # the other one was signed out
    again = signed_in(app, "me@example.com", "a brand new password")
    here.get("/account")
    assert here.post("/account/signout-everywhere").status_code == 303
    assert here.get("/").status_code == 303 and again.get("/").status_code == 303


def test_reset_by_mail_reveals_nothing_and_is_single_use(engine: Any) -> None:
    app = make_app(engine)
    Browser(app).sign_up("me@example.com")
    asker = Browser(app)
    asker.get("/reset")
    known = asker.post("/reset", {"email": "me@example.com"})
    unknown = asker.post("/reset", {"email": "nobody@example.com"})
    assert known.status_code == unknown.status_code == 200
    assert known.text.replace("me@example.com", "") == unknown.text.replace("nobody@example.com", "")
    link = mailed_link(app, "me@example.com", "/reset/")
    asker.get(link)
    assert asker.post(link, {"password": "short"}).status_code == 422
    assert asker.post(link, {"password": "the reset password"}).status_code == 303
    assert asker.post(link, {"password": "the reset password"}).status_code == 404
    signed_in(app, "me@example.com", "the reset password")


def test_api_tokens_expire(engine: Any, db: Any) -> None:
    app = make_app(engine)
    token = Browser(app).sign_up("me@example.com").api_token()
    client = TestClient(app)
    assert client.get("/api/v1/workspaces", headers=bearer(token)).status_code == 200
    made = db.query(ApiToken).one()
    assert made.expires_at is not None and made.expires_at > utcnow() + dt.timedelta(days=170)
    made.expires_at = utcnow() - dt.timedelta(seconds=1)
    db.commit()
    assert client.get("/api/v1/workspaces", headers=bearer(token)).status_code == 401


def test_sign_up_does_not_tell_who_is_registered(engine: Any) -> None:
    app = make_app(engine)
    Browser(app).sign_up("taken@example.com")
    answers = []
    for email in ("taken@example.com", "free@example.com"):
        stranger = Browser(app)
        stranger.get("/signup")
        answers.append(stranger.post("/signup", {"email": email, "password": "some password", "display_name": "X"}))
    assert [(a.status_code, a.headers["location"]) for a in answers] == [(303, "/signup/sent")] * 2
    assert not any("dt_session=" in a.headers.get("set-cookie", "") for a in answers)  # nobody is signed in
    to_owner = [body for to, _subject, body in app.state.mailer.outbox if to == "taken@example.com"]
    assert "/reset" in to_owner[-1]  # the owner is told instead
    signed_in(app, "taken@example.com")  # the first account's password still works
