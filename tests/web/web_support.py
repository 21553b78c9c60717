"""Helpers for the web tests: an app on the test database and a browser-like client that signs up and posts forms."""

from __future__ import annotations

import re
from typing import Any

from fastapi import FastAPI
from fastapi.testclient import TestClient

from douyin_team.web.app import create_app
from douyin_team.web.config import WebSettings

PASSWORD = "correct horse battery"
TOKEN = re.compile(r'name="csrf_token" value="([^"]+)"')


def make_app(engine: Any, **settings: Any) -> FastAPI:
    """The app on a migrated test engine."""
    return create_app(WebSettings(**{"secret_key": "test-secret", **settings}), engine)


class Browser:
    """A TestClient with its own cookies that fills in the CSRF token of the page it last saw."""

    def __init__(self, app: FastAPI, base_url: str = "http://testserver") -> None:
        self.client = TestClient(app, follow_redirects=False, base_url=base_url)
        self.token = ""

    def get(self, url: str, **kwargs: Any) -> Any:
        response = self.client.get(url, **kwargs)
        match = TOKEN.search(response.text) if "text/html" in response.headers.get("content-type", "") else None
        if match:
            self.token = match.group(1)
        return response

    def post(self, url: str, data: dict[str, Any] | None = None, **kwargs: Any) -> Any:
        if not self.token:
            self.get("/signin")
        return self.client.post(url, data={"csrf_token": self.token, **(data or {})}, **kwargs)

    def sign_up(self, email: str, name: str = "测试", verify: bool = True) -> Browser:
        """Sign up (and, unless `verify` is false, open the verification link the app "mailed")."""
        self.get("/signup")
        response = self.post("/signup", {"email": email, "password": PASSWORD, "display_name": name})
        assert response.status_code == 303 and response.headers["location"] == "/signup/sent", response.text
        if verify:
            assert self.get(mailed_link(self.client.app, email, "/verify/")).status_code == 200
        self.get("/signin")
        response = self.post("/signin", {"email": email, "password": PASSWORD})
        assert response.status_code == 303, response.text
        self.get("/")  # a new session: the CSRF token is signed over it
        return self

    def workspace(self, name: str = "代运营") -> int:
        response = self.post("/workspaces", {"name": name, "kind": "agency"})
        assert response.status_code == 303, response.text
        return int(response.headers["location"].rsplit("/", 1)[1])

    def merchant(self, workspace_id: int, name: str = "山野茶铺", sales: str = "300000") -> int:
        self.get(f"/w/{workspace_id}/merchants/new")
        response = self.post(f"/w/{workspace_id}/merchants", {"name": name, "monthly_sales": sales, "focus": "live"})
        assert response.status_code == 303, response.text
        return int(response.headers["location"].rsplit("/", 1)[1])

    def api_token(self) -> str:
        self.get("/tokens")
        response = self.post("/tokens", {"name": "script"})
        match = re.search(r"<code>(dt_[^<]+)</code>", response.text)
        assert match, response.text
        return match.group(1)


def mailed_link(app: Any, email: str, path: str) -> str:
    """The path of the last link mailed to `email` that starts with `path` (the development outbox)."""
    for to, _subject, body in reversed(app.state.mailer.outbox):
        match = re.search(r"https?://[^/\s]+(" + re.escape(path) + r"\S+)", body)
        if to == email.strip().lower() and match:
            return match.group(1)
    raise AssertionError(f"no {path} link mailed to {email}")


def viewer_of(app: Any, owner: Browser, workspace: int) -> Browser:
    """viewer@example.com invited to the owner's workspace as a viewer, signed up and in."""
    owner.get(f"/w/{workspace}")
    owner.post(f"/w/{workspace}/members", {"email": "viewer@example.com", "role": "viewer"})
    viewer = Browser(app).sign_up("viewer@example.com", "看客")
    link = mailed_link(app, "viewer@example.com", "/invites/")
    viewer.get(link)
    viewer.post(link + "/accept")
    return viewer


def bearer(token: str) -> dict[str, str]:
    """The Authorization header for an API token."""
    return {"authorization": f"Bearer {token}"}
