"""Hostile text through the API and the page forms, on SQLite and PostgreSQL (issue 17): refused text (NUL,
lone surrogates) is a 4xx naming the field, never a 500 (PostgreSQL cannot store a NUL); everything else is
stored and rendered well-formed in every format."""

from __future__ import annotations

import io
import json
import time
import xml.etree.ElementTree as ET
from collections.abc import Iterator
from typing import Any

import pytest
from fastapi.testclient import TestClient
from web_support import Browser, bearer, make_app

from hostile import EXTERNAL, LAUGHS, REFUSED, SURVIVING, hostile_team, leftovers, row, with_text, write_book

CHART_FORMATS = ("svg", "png", "pdf", "html", "json", "mmd", "dot", "drawio")


@pytest.fixture
def api(engine: Any, fast_hashing: None) -> dict[str, Any]:
    app = make_app(engine)
    browser = Browser(app).sign_up("hostile@example.com", "红队")
    return {"client": TestClient(app), "headers": bearer(browser.api_token()), "browser": browser, "app": app}


@pytest.fixture
def api_with_jobs(engine: Any, monkeypatch: pytest.MonkeyPatch, fast_hashing: None) -> Iterator[dict[str, Any]]:
    """As `api`, with the app's lifespan and its local job pool running: the API's kit PDF is the export job's."""
    monkeypatch.setenv("DOUYIN_TEAM_JOBS", "local")
    monkeypatch.setenv("DOUYIN_TEAM_JOB_PROCESSES", "1")
    app = make_app(engine)
    with TestClient(app) as client:
        browser = Browser(app).sign_up("hostile@example.com", "红队")
        yield {"client": client, "headers": bearer(browser.api_token()), "browser": browser, "app": app}


def rendered(client: TestClient, answer: Any, headers: dict[str, str]) -> Any:
    """The render itself: a 202 (the render became a job, e.g. on a busy machine) is followed to its artefact."""
    if answer.status_code != 202:
        return answer
    deadline = time.monotonic() + 120
    while (job := client.get(answer.headers["location"], headers=headers).json())["state"] not in ("done", "failed"):
        assert time.monotonic() < deadline, job
        time.sleep(0.3)
    assert job["state"] == "done", job
    return client.get(job["artefact_url"], headers=headers)


def raw_json(client: TestClient, method: str, url: str, body: Any, headers: dict[str, str]) -> Any:
    """Send JSON as written by `json.dumps` (\\u0000 and \\ud800 escapes: what a hostile script sends)."""
    return client.request(method, url, content=json.dumps(body), headers={**headers, "content-type": "application/json"})


def test_compute_endpoints_render_hostile_text_well_formed(api_with_jobs: dict[str, Any]) -> None:
    client, headers = api_with_jobs["client"], api_with_jobs["headers"]
    team = hostile_team()
    for fmt in CHART_FORMATS:
        answer = rendered(client, raw_json(client, "POST", f"/api/v1/chart?format={fmt}&date=2026%01-12", team,
                                           headers), headers)
        assert answer.status_code == 200, (fmt, answer.text[:300])
        if fmt in ("svg", "drawio"):
            ET.fromstring(answer.content)
        if fmt not in ("png", "pdf"):
            assert not leftovers(answer.text), fmt
    for fmt in ("xlsx", "md", "html", "pdf"):
        answer = rendered(client, raw_json(client, "POST", f"/api/v1/kit?format={fmt}", team, headers), headers)
        assert answer.status_code == 200 and answer.content, fmt
    assert answer.content.startswith(b"%PDF")
    for url in ("/api/v1/check", "/api/v1/roadmap"):
        answer = raw_json(client, "POST", url, team, headers)
        assert answer.status_code == 200 and not leftovers(answer.text)
    plan = raw_json(client, "POST", "/api/v1/plan", {"monthly_sales": 1, "merchant": "".join(SURVIVING.values())},
                    headers)
    assert plan.status_code == 200 and not leftovers(plan.text)


@pytest.mark.parametrize("kind", sorted(REFUSED))
def test_refused_text_is_a_422_naming_the_field_everywhere(api: dict[str, Any], kind: str) -> None:
    client, headers, bad = api["client"], api["headers"], REFUSED[kind]
    for where in ("merchant", "name", "department", "roles", "reports_to"):
        for url in ("/api/v1/check", "/api/v1/chart?format=png", "/api/v1/kit?format=xlsx", "/api/v1/roadmap"):
            answer = raw_json(client, "POST", url, with_text(bad, where), headers)
            assert answer.status_code == 422, (url, where, answer.text)
            assert where in answer.json()["error"]["field"] or "people[1]" in answer.json()["error"]["field"]
    assert raw_json(client, "POST", "/api/v1/plan", {"monthly_sales": 1, "merchant": bad}, headers).status_code == 422
    compare = {"a": with_text("", "merchant"), "b": with_text("", "merchant"), "names": [bad, "B"]}
    assert raw_json(client, "POST", "/api/v1/compare", compare, headers).status_code == 422
    assert raw_json(client, "POST", "/api/v1/workspaces", {"name": bad}, headers).status_code == 422
    ws = client.post("/api/v1/workspaces", json={"name": "工作区"}, headers=headers).json()["id"]
    merchants = f"/api/v1/workspaces/{ws}/merchants"
    assert raw_json(client, "POST", merchants, {"name": bad}, headers).status_code == 422
    assert raw_json(client, "POST", merchants, {"name": "店", "profile": {"merchant": bad}}, headers).status_code == 422
    assert raw_json(client, "POST", f"/api/v1/workspaces/{ws}/members", {"email": f"x{bad}@example.com"},
                    headers).status_code == 422
    merchant = client.post(merchants, json={"name": "店", "profile": {"monthly_sales": 1}}, headers=headers).json()["id"]
    for body in ({"document": with_text(bad, "name")}, {"document": with_text("", "name"), "message": bad}):
        assert raw_json(client, "PUT", f"/api/v1/merchants/{merchant}/team", body, headers).status_code == 422
    assert raw_json(client, "POST", merchants, {"name": "店", bad: 1}, headers).status_code == 422  # a hostile key


def test_stored_hostile_text_is_cleaned_and_every_download_works(api: dict[str, Any]) -> None:
    client, headers = api["client"], api["headers"]
    ws = client.post("/api/v1/workspaces", json={"name": "工作区\u202e"}, headers=headers).json()
    assert ws["name"] == "工作区"
    made = raw_json(client, "POST", f"/api/v1/workspaces/{ws['id']}/merchants",
                    {"name": "茶\x01铺\u202e", "profile": {"monthly_sales": 300000, "merchant": "茶\x1b铺"}}, headers)
    assert made.status_code == 201 and made.json()["name"] == "茶铺"
    merchant = made.json()["id"]
    saved = raw_json(client, "PUT", f"/api/v1/merchants/{merchant}/team",
                     {"document": hostile_team(), "base_revision": 1, "message": "改\x07名"}, headers)
    assert saved.status_code == 200, saved.text
    stored = client.get(f"/api/v1/merchants/{merchant}/team", headers=headers).json()
    assert not leftovers(json.dumps(stored, ensure_ascii=False))
    for fmt in CHART_FORMATS:
        assert client.get(f"/api/v1/merchants/{merchant}/chart?format={fmt}", headers=headers).status_code == 200, fmt
    browser = api["browser"]
    assert browser.get(f"/m/{merchant}").status_code == 200


def test_forms_refuse_nul_with_a_4xx(api: dict[str, Any]) -> None:
    """A form is UTF-8 decoded with replacement, so it cannot carry a lone surrogate; a NUL it can."""
    app, bad = api["app"], REFUSED["nul"]
    stranger = Browser(app)
    stranger.get("/signin")
    # Unauthenticated sign-in with a NUL in the email: a 4xx on PostgreSQL too, never the driver's DataError.
    signin = stranger.client.post("/signin", content=f"csrf_token={stranger.token}&email=a%00b@x.io&password=x",
                                  headers={"content-type": "application/x-www-form-urlencoded"})
    assert signin.status_code in (401, 422), signin.text[:300]
    stranger.get("/signup")
    form = {"email": "new@example.com", "password": "long enough password", "display_name": "名"}
    for field in ("email", "display_name"):
        answer = stranger.post("/signup", {**form, field: bad})
        assert 400 <= answer.status_code < 500, answer.text[:300]
    browser = api["browser"]
    browser.get("/")
    for url, data in (("/workspaces", {"name": bad, "kind": "agency"}), ("/tokens", {"name": bad})):
        answer = browser.post(url, data)
        assert answer.status_code == 422, (url, answer.status_code)


def test_a_kit_xlsx_of_hostile_text_opens(api: dict[str, Any]) -> None:
    from openpyxl import load_workbook

    answer = raw_json(api["client"], "POST", "/api/v1/kit?format=xlsx", hostile_team(), api["headers"])
    book = load_workbook(io.BytesIO(answer.content))
    assert not leftovers("".join(str(c) for ws in book.worksheets for r in ws.iter_rows(values_only=True)
                                 for c in r if c))


def test_hostile_spreadsheet_uploads_are_a_422_and_save_nothing(api: dict[str, Any], tmp_path: Any) -> None:
    browser = api["browser"]
    ws = browser.workspace()
    merchant = browser.merchant(ws)
    header = row(1, "姓名", "岗位", "上级")
    files = {"dtd.xlsx": write_book(tmp_path / "a.xlsx", header + row(2, "&xxe;", "主播"), prolog=EXTERNAL),
             "laughs.xlsx": write_book(tmp_path / "b.xlsx", header + row(2, "&j;", "主播"), prolog=LAUGHS),
             "far.xlsx": write_book(tmp_path / "c.xlsx", header + row(1_048_576, "x", "主播"), "A1:XFD1048576")}
    for name, path in files.items():
        browser.get(f"/m/{merchant}")
        answer = browser.post(f"/m/{merchant}/import", {"base_revision": "1"},
                              files={"file": (name, path.read_bytes(), "application/octet-stream")})
        assert answer.status_code == 422, (name, answer.status_code)
        assert name in answer.text
    revisions = api["client"].get(f"/api/v1/merchants/{merchant}/revisions", headers=api["headers"]).json()
    assert [r["number"] for r in revisions] == [1]
    short = write_book(tmp_path / "d.xlsx", header + row(2, "老板", "老板") +
                       "".join(row(n, f"主播{n}", "主播", "老板") for n in range(3, 400)), "A1:C3")
    browser.get(f"/m/{merchant}")
    answer = browser.post(f"/m/{merchant}/import", {"base_revision": "1"},
                          files={"file": ("short.xlsx", short.read_bytes(), "application/octet-stream")})
    assert answer.status_code == 303, answer.text[:300]
    team = api["client"].get(f"/api/v1/merchants/{merchant}/team", headers=api["headers"]).json()
    assert len(team["document"]["people"]) == 398  # every row, not the 2 the declared dimension held


# Every form field name the pages read (unknown ones are ignored): each is sent the hostile text at once.
FORM_FIELDS = ("name", "kind", "email", "role", "monthly_sales", "focus", "stage", "rows", "name_0", "roles_0",
               "reports_to_0", "department_0", "hours_0", "monthly_cost_0", "can_cover_0", "base_revision", "days",
               "confirm", "message", "password", "current_password", "new_password", "display_name", "token",
               "title", "what", "fmt", "merchant", "rev", "next", "choice", "time_limit", "label")
LAST = ("DELETE", "/signout", "/account/signout-everywhere")  # run at the end: they end the session or the data


def schema_value(spec: dict[str, Any], schema: dict[str, Any], bad: str) -> Any:
    """A value of the JSON schema with `bad` in every string it holds (enums keep a legal value)."""
    while "$ref" in schema:
        schema = spec["components"]["schemas"][schema["$ref"].rsplit("/", 1)[1]]
    options = [s for s in schema.get("anyOf", schema.get("oneOf", [])) if s.get("type") != "null"]
    if options:
        return schema_value(spec, options[0], bad)
    kind = schema.get("type")
    if "enum" in schema:
        return schema["enum"][0]
    if kind == "string":
        return f"x{bad}@example.com" if schema.get("format") == "email" else bad
    if kind in ("integer", "number"):
        return schema.get("minimum", 1)
    if kind == "boolean":
        return False
    if kind == "array":
        return [schema_value(spec, schema.get("items", {"type": "string"}), bad)]
    properties = schema.get("properties")
    if not properties:  # a team document (any object): the hostile text in a person's name
        return with_text(bad, "name")
    return {k: schema_value(spec, v, bad) for k, v in properties.items()}


def api_request(spec: dict[str, Any], path: str, method: str, ids: dict[str, Any], bad: str) -> dict[str, Any]:
    """The keyword arguments of a request to the operation with `bad` in every string of its body and query."""
    operation = spec["paths"][path][method.lower()]
    encodable = bad.encode("utf-8", "replace").decode() == bad  # a lone surrogate cannot travel in a URL or a name
    params = {} if not encodable else {p["name"]: bad for p in operation.get("parameters", [])
              if p["in"] == "query" and p.get("schema", {}).get("type") == "string" and "enum" not in p["schema"]}
    content = operation.get("requestBody", {}).get("content", {})
    url = path.format(**ids)
    if "multipart/form-data" in content:
        return {"url": url, "params": params, "files": {"file": (f"名{bad if encodable else ''}.csv", f"姓名,岗位\n{bad},主播\n".encode(
            "utf-8", "surrogatepass"), "text/csv")}}
    body = schema_value(spec, content["application/json"]["schema"], bad) if content else None
    return {"url": url, "params": params, "content": json.dumps(body) if body is not None else None}


def sweep_world(api: dict[str, Any]) -> dict[str, Any]:
    """The signed-up user's own workspace, merchant (two revisions), a job, a token and a colleague's invite."""
    client, headers, browser = api["client"], api["headers"], api["browser"]
    ws = client.post("/api/v1/workspaces", json={"name": "工作区"}, headers=headers).json()["id"]
    merchant = client.post(f"/api/v1/workspaces/{ws}/merchants", json={"name": "店", "profile": {"monthly_sales": 1}},
                           headers=headers).json()["id"]
    client.put(f"/api/v1/merchants/{merchant}/team", json={"document": with_text("", "name"), "base_revision": 1},
               headers=headers)
    job = client.post(f"/api/v1/merchants/{merchant}/exports", json={"what": "chart", "fmt": "svg"},
                      headers=headers).json()["id"]
    client.post(f"/api/v1/workspaces/{ws}/members", json={"email": "colleague@example.com", "role": "viewer"},
                headers=headers)
    browser.get("/")
    return {"workspace_id": ws, "merchant_id": merchant, "number": 1, "job_id": job, "user_id": 1, "invite_id": 1,
            "token_id": 1, "draft_id": 1, "scenario_id": 1, "link_id": 1, "title_id": 1,
            "token": "not-a-live-token"}


def test_every_api_operation_and_page_form_survives_hostile_text(api: dict[str, Any]) -> None:
    """Each hostile string in every string of every API body and query and in every field of every page form:
    refused text is a 4xx, anything else is answered — never a 500."""
    from fastapi.routing import APIRoute, iter_route_contexts

    app, browser = api["app"], api["browser"]
    client = TestClient(app, raise_server_exceptions=False)
    ids = sweep_world(api)
    spec = client.get("/openapi.json").json()
    routes = sorted(((m, str(r.path)) for r in iter_route_contexts(app.routes) if isinstance(r.original_route, APIRoute)
                     for m in (r.methods or set()) - {"GET", "HEAD"}), key=lambda mp: any(x in mp for x in LAST) or
                    any(mp[1].endswith(x) for x in LAST))
    tried = 0
    for method, path in routes:
        for kind, bad in {**REFUSED, "soh": SURVIVING["soh"], "rtl": SURVIVING["rtl-override"]}.items():
            if path.startswith("/api/"):
                request = api_request(spec, path, method, ids, bad)
                json_body = {"content-type": "application/json"} if "content" in request else {}
                answer = client.request(method, **request, headers={**api["headers"], **json_body})
                sent = bool(request["params"]) or json.dumps(bad)[1:-1] in (request.get("content") or "")
                if kind in REFUSED and sent:  # (an import's file is read in its job: not `sent` here)
                    assert 400 <= answer.status_code < 500, (method, path, kind, answer.status_code, answer.text[:300])
            elif kind in ("nul", "soh", "rtl"):  # a form cannot carry a lone surrogate (UTF-8 with replacement)
                url = path.format(**ids)
                if path.endswith("roster.json"):
                    answer = browser.client.post(url, headers={"x-csrf-token": browser.token}, json={
                        "base_revision": 2, "people": [{"name": bad, "roles": "主播", "department": bad}]})
                else:
                    files = {"file": ("t.csv", f"姓名,岗位\n{bad},主播\n".encode(), "text/csv")} if "import" in path else None
                    answer = browser.post(url, dict.fromkeys(FORM_FIELDS, bad), files=files)
            else:
                continue
            assert answer.status_code < 500, (method, path, kind, answer.status_code, answer.text[:300])
            tried += 1
    assert tried >= 200
