"""Invites over HTTP (issue 17): the takeover by signing up as `NEW.HIRE@example.com` first fails; the
link is mailed (in development: logged and kept in the outbox), single-use, cancellable, and accepted only
by the invited address once verified by its own mailed link."""

from __future__ import annotations

import logging
from typing import Any

import pytest
from fastapi.testclient import TestClient
from web_support import Browser, bearer, mailed_link, make_app

pytestmark = pytest.mark.usefixtures("fast_hashing")


def test_the_invite_takeover_fails(engine: Any, caplog: pytest.LogCaptureFixture) -> None:
    app = make_app(engine)
    owner = Browser(app).sign_up("owner@example.com", "店主")
    workspace = owner.workspace()
    owner.get(f"/w/{workspace}")
    with caplog.at_level(logging.WARNING, logger="douyin_team.mail"):
        invited = owner.post(f"/w/{workspace}/members", {"email": "new.hire@example.com", "role": "owner"})
    assert invited.status_code == 200
    assert "/invites/" in caplog.text and "new.hire@example.com" in caplog.text  # the development log line
    link = mailed_link(app, "new.hire@example.com", "/invites/")
    # The stranger signs up with the address in capitals; cannot verify it (the link goes to the real mailbox).
    stranger = Browser(app).sign_up("NEW.HIRE@example.com", "陌生人", verify=False)
    assert stranger.get(f"/w/{workspace}").status_code == 404
    page = stranger.get(link)  # even holding the link (forwarded by mistake)
    assert page.status_code == 200 and "验证" in page.text
    assert stranger.post(link + "/accept").status_code == 403
    members = owner.client.get(f"/api/v1/workspaces/{workspace}/members",
                               headers=bearer(owner.api_token())).json()
    assert [m["email"] for m in members] == ["owner@example.com"]
    # The real new hire (here, whoever reads that mailbox) verifies and accepts; the link is then spent.
    assert stranger.get(mailed_link(app, "new.hire@example.com", "/verify/")).status_code == 200
    stranger.get(link)
    assert stranger.post(link + "/accept").status_code == 303
    assert stranger.post(link + "/accept").status_code == 404


def test_invites_by_api_are_listed_cancelled_and_refuse_other_addresses(engine: Any) -> None:
    app = make_app(engine)
    owner = Browser(app).sign_up("owner@example.com", "店主")
    client, headers = TestClient(app), bearer(owner.api_token())
    workspace = client.post("/api/v1/workspaces", json={"name": "星火"}, headers=headers).json()["id"]
    made = client.post(f"/api/v1/workspaces/{workspace}/members", json={"email": "Hire@Example.com", "role": "editor"},
                       headers=headers).json()
    assert made["invited"] and made["invite_url"].endswith(mailed_link(app, "hire@example.com", "/invites/"))
    listed = client.get(f"/api/v1/workspaces/{workspace}/invites", headers=headers).json()
    assert [(i["email"], i["role"]) for i in listed] == [("hire@example.com", "editor")] and listed[0]["expires_at"]
    other = Browser(app).sign_up("other@example.com", "别人")
    path = made["invite_url"].split("testserver", 1)[1]
    other.get(path)
    assert other.post(path + "/accept").status_code == 403
    assert client.delete(f"/api/v1/workspaces/{workspace}/invites/{made['invite_id']}", headers=headers).status_code == 204
    assert client.get(f"/api/v1/workspaces/{workspace}/invites", headers=headers).json() == []
    assert other.get(path).status_code == 404
    verified = client.post(f"/api/v1/workspaces/{workspace}/members", json={"email": "other@example.com"},
                           headers=headers).json()
    assert verified["invited"] is False  # a verified account joins at once


def test_cancel_from_the_workspace_page(engine: Any) -> None:
    app = make_app(engine)
    owner = Browser(app).sign_up("owner@example.com", "店主")
    workspace = owner.workspace()
    owner.get(f"/w/{workspace}")
    owner.post(f"/w/{workspace}/members", {"email": "later@example.com", "role": "viewer"})
    page = owner.get(f"/w/{workspace}").text
    assert "later@example.com" in page and "/invites/" in page
    invite_id = page.split(f"/w/{workspace}/invites/", 1)[1].split("/", 1)[0]
    assert owner.post(f"/w/{workspace}/invites/{invite_id}/cancel").status_code == 303
    assert "later@example.com" not in owner.get(f"/w/{workspace}").text
    assert owner.get(mailed_link(app, "later@example.com", "/invites/")).status_code == 404
