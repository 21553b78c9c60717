"""Security of the web app: an outsider is refused on every route, CSRF on every form, user text escaped."""

from __future__ import annotations

import re
from typing import Any

import pytest
from fastapi.routing import APIRoute, iter_route_contexts
from fastapi.testclient import TestClient
from web_support import Browser, bearer, make_app

# Routes that name no workspace, merchant, member or token: what they show is the caller's own.
OWN_ROUTES = {
    "/", "/workspaces", "/signup", "/signin", "/signout", "/lang/{code}", "/tokens", "/docs", "/verify", "/account", "/account/password",
    "/account/signout-everywhere", "/reset", "/reset/{token}", "/signup/sent",
    "/api/v1/plan", "/api/v1/check", "/api/v1/staff", "/api/v1/chart", "/api/v1/roadmap", "/api/v1/compare", "/api/v1/kit",
    "/api/v1/workspaces", "/api/v1/imports", "/api/v1/staff/jobs",
}
# Anonymous by design: a share link's token is the permission (a wrong one is 404, like an expired one).
PUBLIC_ROUTES = {"/s/{token}", "/s/{token}/chart.html"}
TEAM = {"people": [{"name": "老周", "roles": ["负责人"]}]}
API_BODIES: dict[tuple[str, str], Any] = {
    ("POST", "/api/v1/workspaces/{workspace_id}/members"): {"email": "spy@example.com", "role": "owner"},
    ("POST", "/api/v1/workspaces/{workspace_id}/merchants"): {"name": "x", "profile": {"monthly_sales": 1}},
    ("PUT", "/api/v1/merchants/{merchant_id}"): {"name": "stolen", "profile": {}},
    ("PUT", "/api/v1/workspaces/{workspace_id}/titles"): {"title": "品宣", "posts": ["市场营销"]},
    ("POST", "/api/v1/merchants/{merchant_id}/archive"): {},
    ("POST", "/api/v1/merchants/{merchant_id}/unarchive"): {},
    ("PUT", "/api/v1/merchants/{merchant_id}/team"): {"document": TEAM, "base_revision": 2},
    ("POST", "/api/v1/merchants/{merchant_id}/revisions/{number}/restore"): {"base_revision": 2},
    ("POST", "/api/v1/merchants/{merchant_id}/exports"): {"what": "chart", "fmt": "svg"},
    ("POST", "/api/v1/workspaces/{workspace_id}/exports"): {"what": "charts", "fmt": "pdf"},
    ("POST", "/api/v1/jobs/{job_id}/cancel"): {},
}
QUERIES = {"/api/v1/merchants/{merchant_id}/revisions/compare": "?a=1&b=2",
           "/m/{merchant_id}/history/compare": "?a=1&b=2"}
FORMS: dict[str, dict[str, str]] = {
    "/w/{workspace_id}/members": {"email": "spy@example.com", "role": "owner"},
    "/w/{workspace_id}/members/{user_id}/role": {"role": "viewer"},
    "/w/{workspace_id}/merchants": {"name": "x", "monthly_sales": "1"},
    "/m/{merchant_id}/roster": {"rows": "1", "name_0": "x", "roles_0": "主播", "base_revision": "2"},
    "/m/{merchant_id}/share": {"days": "7"},
    "/m/{merchant_id}/delete": {"confirm": "山野茶铺"},
    "/m/{merchant_id}/history/{number}/restore": {"base_revision": "2"},
    "/m/{merchant_id}/profile": {"name": "stolen", "monthly_sales": "1", "base_revision": "2"},
    "/m/{merchant_id}/exports": {"what": "chart", "fmt": "svg"},
    "/w/{workspace_id}/exports": {"what": "charts", "fmt": "pdf"},
}


@pytest.fixture
def world(engine: Any) -> dict[str, Any]:
    """An owner with a workspace, a merchant with two revisions and a token; an outsider with their own."""
    app = make_app(engine)
    owner = Browser(app).sign_up("owner@example.com", "店主")
    workspace = owner.workspace("受害者代运营")
    merchant = owner.merchant(workspace)
    owner.get(f"/m/{merchant}")
    owner.post(f"/m/{merchant}/roster", {"rows": "1", "name_0": "老周", "roles_0": "负责人、主播", "base_revision": "1"})
    owner_token = owner.api_token()
    job = owner.client.post(f"/api/v1/merchants/{merchant}/exports", json={"what": "chart", "fmt": "svg"},
                            headers=bearer(owner_token)).json()["id"]
    outsider = Browser(app).sign_up("outsider@example.com", "外人")
    outsider.workspace("自己的")
    ids = {"workspace_id": workspace, "merchant_id": merchant, "number": 1, "user_id": 1, "token_id": 1,
           "fmt": "svg", "code": "en", "invite_id": 1, "draft_id": 1, "link_id": 1, "scenario_id": 1, "title_id": 1, "token": "s_not-a-live-link",
           "job_id": job}
    return {"app": app, "owner": owner, "outsider": outsider, "ids": ids, "owner_token": owner_token,
            "outsider_token": outsider.api_token()}


def upload(path: str) -> dict[str, Any] | None:
    """A small CSV for the import route (so the request reaches the permission check)."""
    return {"file": ("team.csv", "姓名,岗位\n小偷,主播\n".encode(), "text/csv")} if path.endswith("/import") else None


def routes(app: Any) -> list[tuple[str, str]]:
    """Every (method, path) of the app's own endpoints in its route table (included routers flattened)."""
    out = []
    for route in iter_route_contexts(app.routes):
        if isinstance(route.original_route, APIRoute):
            out += [(m, str(route.path)) for m in (route.methods or set()) - {"HEAD"}]
    assert len(out) >= 40
    return sorted(out)


def test_every_route_refuses_an_outsider(world: dict[str, Any]) -> None:
    app, outsider, ids = world["app"], world["outsider"], world["ids"]
    tried = 0
    for method, path in routes(app):
        if path in OWN_ROUTES:
            continue
        url = path.format(**{**ids, "fmt": "xlsx" if "/kit." in path else "svg"}) + QUERIES.get(path, "")
        if path.startswith("/api/"):
            body = API_BODIES.get((method, path)) if method in ("POST", "PUT") else None
            if method in ("POST", "PUT"):
                assert body is not None, f"add a sample body for {method} {path}"
            response = outsider.client.request(method, url, json=body, headers=bearer(world["outsider_token"]))
        elif method == "GET":
            response = outsider.get(url)
        else:
            response = outsider.post(url, FORMS.get(path, {}), files=upload(path))
        assert response.status_code in (403, 404), f"{method} {path} → {response.status_code}"
        tried += 1
    assert tried >= 30
    owner = world["owner"]
    merchant = ids["merchant_id"]
    assert owner.get(f"/api/v1/merchants/{merchant}/team", headers=bearer(world["owner_token"])).json()["number"] == 2
    members = owner.client.get(f"/api/v1/workspaces/{ids['workspace_id']}/members", headers=bearer(world["owner_token"]))
    assert [m["email"] for m in members.json()] == ["owner@example.com"]


def test_own_routes_do_not_name_other_workspaces(world: dict[str, Any]) -> None:
    outsider = world["outsider"]
    home = outsider.get("/").text
    assert "受害者代运营" not in home and "自己的" in home
    listed = outsider.client.get("/api/v1/workspaces", headers=bearer(world["outsider_token"])).json()
    assert [w["name"] for w in listed] == ["自己的"]


def test_signed_out_pages_redirect_and_api_says_401(world: dict[str, Any]) -> None:
    anonymous = Browser(world["app"])
    anonymous.get("/signin")
    for method, path in routes(world["app"]):
        # /docs: public, as /openapi.json it shows; /verify/{token}: a mailed link, opened before signing in
        if path in ("/signup", "/signin", "/lang/{code}", "/docs", "/verify/{token}", "/reset", "/reset/{token}",
                    "/signup/sent"):
            continue
        if path in PUBLIC_ROUTES:
            assert anonymous.get(path.format(**world["ids"])).status_code == 404
            continue
        url = path.format(**world["ids"]) + QUERIES.get(path, "")
        if path.startswith("/api/"):
            response = anonymous.client.request(method, url, json={} if method in ("POST", "PUT") else None)
            assert response.status_code == 401, f"{method} {path} → {response.status_code}"
            assert response.headers["www-authenticate"] == "Bearer"
            continue
        response = anonymous.get(url) if method == "GET" else anonymous.post(url, FORMS.get(path, {}), files=upload(path))
        if path == "/signout":
            assert response.status_code == 303
            continue
        assert response.status_code == 303, f"{method} {path} → {response.status_code}"
        assert response.headers["location"].startswith("/signin?next=")


def test_every_form_post_needs_the_csrf_token(world: dict[str, Any]) -> None:
    owner, ids = world["owner"], world["ids"]
    posts = [p for m, p in routes(world["app"]) if m == "POST" and not p.startswith("/api/")]
    assert len(posts) >= 10
    for path in posts:
        url = path.format(**ids)
        for token in (None, "forged.0000", owner.token.split(".")[0] + ".deadbeef"):
            data = {**FORMS.get(path, {}), **({"csrf_token": token} if token else {})}
            response = owner.client.post(url, data=data)
            assert response.status_code == 403, f"POST {path} with token {token!r} → {response.status_code}"
    # a token from another browser (another nonce cookie and session) does not work either
    stolen = world["outsider"].token
    assert owner.client.post("/workspaces", data={"csrf_token": stolen, "name": "x"}).status_code == 403


def test_cookie_authenticated_api_writes_need_the_csrf_header(world: dict[str, Any]) -> None:
    owner = world["owner"]
    assert owner.client.post("/api/v1/plan", json={"monthly_sales": 1}).status_code == 403
    assert owner.client.post("/api/v1/plan", json={"monthly_sales": 1}, headers={"x-csrf-token": owner.token}).status_code == 200
    assert owner.client.get("/api/v1/workspaces").status_code == 200


def test_session_cookie_flags(engine: Any) -> None:
    app = make_app(engine, secure_cookies=True)
    browser = Browser(app, "https://testserver")  # Secure cookies travel over HTTPS only
    browser.get("/signup")
    browser.post("/signup", {"email": "a@example.com", "password": "correct horse", "display_name": "A"})
    browser.get("/signin")
    response = browser.post("/signin", {"email": "a@example.com", "password": "correct horse"})
    cookie = [c for c in response.headers.get_list("set-cookie") if c.startswith("dt_session=")][0].lower()
    assert "httponly" in cookie and "samesite=lax" in cookie and "secure" in cookie
    page = browser.get("/")
    assert page.headers["x-content-type-options"] == "nosniff"
    assert "script-src 'self'" in page.headers["content-security-policy"]
    assert "frame-ancestors 'self'" in page.headers["content-security-policy"]


EVIL = ["<script>alert(1)</script>", '"]; x -->', "</textarea><img src=x onerror=alert(1)>"]


def test_user_text_is_escaped_in_pages_charts_and_exports(engine: Any) -> None:
    browser = Browser(make_app(engine)).sign_up("evil@example.com", EVIL[0])
    workspace = browser.workspace(EVIL[0])
    merchant = browser.merchant(workspace, name=EVIL[1])
    browser.get(f"/m/{merchant}")
    rows = {"rows": "3", "base_revision": "1"}
    for i, name in enumerate(EVIL):
        rows.update({f"name_{i}": name, f"roles_{i}": "主播" if i else "负责人", f"department_{i}": EVIL[2]})
        if i:
            rows[f"reports_to_{i}"] = EVIL[0]
    assert browser.post(f"/m/{merchant}/roster", rows).status_code == 303
    for url in ("/", f"/w/{workspace}", f"/m/{merchant}", f"/m/{merchant}/history", f"/m/{merchant}/next",
                f"/m/{merchant}/staffing", f"/m/{merchant}/history/compare?a=1&b=2"):
        text = browser.get(url).text
        assert "<script>alert" not in text and "<img src=x" not in text, url
        assert "&lt;script&gt;alert(1)&lt;/script&gt;" in text, url
    html = browser.get(f"/m/{merchant}/chart.html").text
    scripts = re.findall(r"<script[^>]*>(.*?)</script>", html, re.S)
    assert all("alert(1)" not in s or "\\u003c" in s for s in scripts)  # names ride in JSON with < escaped
    assert html.count("<script") == 2  # the chart's data and its code: nothing a name injected
    svg = browser.get(f"/m/{merchant}/chart.svg").text
    assert "<script" not in svg and "<img" not in svg
    drawio = browser.get(f"/m/{merchant}/chart.drawio").text
    assert "<script" not in drawio
    mermaid = browser.get(f"/m/{merchant}/chart.mmd").text
    assert '"]; x -->' not in mermaid
    kit = browser.get(f"/m/{merchant}/kit.html").text
    assert "<script>alert" not in kit and "<img src=x" not in kit and "&lt;script&gt;" in kit


def test_processes_sharing_a_database_agree_on_csrf_tokens(engine: Any) -> None:
    """No secret configured: each app reads the one the database keeps, so a form from one process posts to another."""
    first, second = make_app(engine, secret_key=""), make_app(engine, secret_key="")
    browser = Browser(first)
    browser.get("/signup")
    other = TestClient(second, cookies=dict(browser.client.cookies), follow_redirects=False)  # the other process
    form = {"csrf_token": browser.token, "email": "x@example.com", "password": "correct horse", "display_name": "X"}
    assert other.post("/signup", data=form).status_code == 303
    assert other.post("/signup", data={**form, "csrf_token": "forged.00"}).status_code == 403
    stranger = TestClient(make_app(engine, secret_key="another key"), cookies=dict(browser.client.cookies))
    assert stranger.post("/signup", data=form).status_code == 403  # a different key does not accept it
