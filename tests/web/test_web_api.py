"""The JSON API with FastAPI's TestClient on SQLite and PostgreSQL: the CLI's output contract, tokens, teams, revisions."""

from __future__ import annotations

import io
import json
import time
from pathlib import Path
from typing import Any

import pytest
import yaml
from fastapi.testclient import TestClient
from openpyxl import load_workbook
from sqlalchemy import text
from web_support import Browser, bearer, make_app

from douyin_team.cli import main

EXAMPLES = Path(__file__).resolve().parents[2] / "examples"


@pytest.fixture
def api(engine: Any) -> dict[str, Any]:
    """A signed-up user with a workspace and an API token; requests go without cookies."""
    app = make_app(engine)
    browser = Browser(app).sign_up("api@example.com", "脚本")
    token = browser.api_token()
    return {"client": TestClient(app), "headers": bearer(token), "browser": browser}


def cli_json(tmp_path: Path, *args: str) -> str:
    out = tmp_path / "out.json"
    assert main([*args, "--format", "json", "-o", str(out)]) in (0, 1)
    return out.read_text(encoding="utf-8")


def test_plan_is_the_clis_json_byte_for_byte(api: dict[str, Any], tmp_path: Path) -> None:
    body = {"monthly_sales": 300000, "focus": "live", "resources": ["supply_chain"], "live_hours": 6,
            "city_tier": 3, "merchant": "山野茶铺"}
    response = api["client"].post("/api/v1/plan", json=body, headers=api["headers"])
    assert response.status_code == 200 and response.headers["content-type"] == "application/json"
    expected = cli_json(tmp_path, "plan", "--sales", "300000", "--focus", "live", "--resource", "supply_chain",
                        "--live-hours", "6", "--city-tier", "3", "--merchant", "山野茶铺")
    assert response.text == expected
    english = api["client"].post("/api/v1/plan?lang=en&format=markdown", json=body, headers=api["headers"])
    assert english.headers["content-type"].startswith("text/markdown") and "# Douyin team plan" in english.text


def test_check_roadmap_and_compare_match_the_cli(api: dict[str, Any], tmp_path: Path) -> None:
    team = yaml.safe_load((EXAMPLES / "my-team.yaml").read_text(encoding="utf-8"))
    client, headers = api["client"], api["headers"]
    response = client.post("/api/v1/check", json=team, headers=headers)
    assert response.text == cli_json(tmp_path, "check", str(EXAMPLES / "my-team.yaml"))
    document = response.json()
    assert {f["rule"] for f in document["findings"]} >= {"short-video-dropped"}
    roadmap = client.post("/api/v1/roadmap", json=team, headers=headers)
    assert roadmap.text == cli_json(tmp_path, "roadmap", str(EXAMPLES / "my-team.yaml"))
    plan = yaml.safe_load((EXAMPLES / "plan-growth.yaml").read_text(encoding="utf-8"))
    compared = client.post("/api/v1/compare", json={"a": team, "b": plan, "names": ["现在", "方案"]}, headers=headers)
    assert compared.status_code == 200 and compared.json()["a"]["name"] == "现在"


def test_staff_and_chart(api: dict[str, Any]) -> None:
    client, headers = api["client"], api["headers"]
    plan = yaml.safe_load((EXAMPLES / "plan-growth.yaml").read_text(encoding="utf-8"))
    roster = yaml.safe_load((EXAMPLES / "roster.yaml").read_text(encoding="utf-8"))
    staffed = client.post("/api/v1/staff", json={"plan": plan, "roster": roster, "time_limit": 5}, headers=headers)
    assert staffed.status_code == 200, staffed.text
    names = {p["name"] for p in roster["people"]}
    assert {p["name"] for p in staffed.json()["people"] if not p["vacancy"]} <= names
    assert staffed.json()["decisions"][0]["about"] == "staffing"
    svg = client.post("/api/v1/chart?format=svg&date=2026-11-24", json=plan, headers=headers)
    assert svg.headers["content-type"] == "image/svg+xml" and svg.text.startswith("<svg")
    png = client.post("/api/v1/chart?format=png", json=plan, headers=headers)
    assert png.content[:8] == b"\x89PNG\r\n\x1a\n"
    kit = client.post("/api/v1/kit?format=xlsx&date=2026-11-24", json=plan, headers=headers)
    assert kit.status_code == 200, kit.text
    book = load_workbook(io.BytesIO(kit.content))
    assert len(book.sheetnames) >= 5


def test_bad_input_is_one_error_naming_the_field(api: dict[str, Any]) -> None:
    client, headers = api["client"], api["headers"]
    response = client.post("/api/v1/check", json={"people": [{"name": "a", "roles": ["主播"], "reports_to": "b"}]},
                           headers=headers)
    assert response.status_code == 422
    error = response.json()["error"]
    assert error["type"] == "UnknownManager" and error["field"] == "people[0].reports_to" and "\n" not in error["message"]
    # An unknown title is not bad input: the person is kept and the check names the nearest posts.
    response = client.post("/api/v1/check", json={"people": [{"name": "a", "roles": ["宇航员"]}]}, headers=headers)
    assert response.status_code == 200 and "title-unknown" in response.text
    assert client.post("/api/v1/plan", json={}, headers=headers).json()["error"]["field"] == "monthly_sales"
    assert client.post("/api/v1/plan", json={"monthly_sales": -1}, headers=headers).status_code == 422


def test_tokens_are_required_and_revocable(api: dict[str, Any]) -> None:
    client = api["client"]
    assert client.post("/api/v1/plan", json={"monthly_sales": 1}).status_code == 401
    assert client.post("/api/v1/plan", json={"monthly_sales": 1}, headers=bearer("dt_wrong")).status_code == 401
    browser = api["browser"]
    page = browser.get("/tokens")
    token_id = int(page.text.split('action="/tokens/')[1].split("/")[0])
    assert client.post("/api/v1/plan", json={"monthly_sales": 1}, headers=api["headers"]).status_code == 200
    assert browser.post(f"/tokens/{token_id}/revoke").status_code == 303
    assert client.get("/api/v1/workspaces", headers=api["headers"]).status_code == 401
    # The compute endpoints trust a recently checked token, but a revocation in this process ends that at once.
    assert client.post("/api/v1/plan", json={"monthly_sales": 1}, headers=api["headers"]).status_code == 401


@pytest.mark.parametrize("seconds", [0.0, 30.0])
def test_a_token_revoked_by_another_process_stops_within_the_cache_time(engine: Any, seconds: float,
                                                                         monkeypatch: pytest.MonkeyPatch) -> None:
    app = make_app(engine, token_cache_seconds=seconds)
    headers = bearer(Browser(app).sign_up("cache@example.com").api_token())
    client = TestClient(app)
    assert client.post("/api/v1/plan", json={"monthly_sales": 1}, headers=headers).status_code == 200
    with engine.begin() as conn:  # as another app process would: straight in the database
        conn.execute(text("DELETE FROM api_tokens"))
    plan = client.post("/api/v1/plan", json={"monthly_sales": 1}, headers=headers)
    assert plan.status_code == (200 if seconds else 401)
    assert client.get("/api/v1/workspaces", headers=headers).status_code == 401  # stored data: always checked
    later = time.monotonic() + seconds + 1
    monkeypatch.setattr(time, "monotonic", lambda: later)
    assert client.post("/api/v1/plan", json={"monthly_sales": 1}, headers=headers).status_code == 401


def test_merchants_teams_revisions_and_conflicts(api: dict[str, Any]) -> None:
    client, headers = api["client"], api["headers"]
    workspace = client.post("/api/v1/workspaces", json={"name": "星火", "kind": "agency"}, headers=headers).json()
    created = client.post(f"/api/v1/workspaces/{workspace['id']}/merchants",
                          json={"name": "山野茶铺", "profile": {"monthly_sales": 300000}}, headers=headers)
    assert created.status_code == 201
    merchant = created.json()["id"]
    listed = client.get(f"/api/v1/workspaces/{workspace['id']}/merchants", headers=headers).json()
    assert [m["name"] for m in listed] == ["山野茶铺"]
    team = client.get(f"/api/v1/merchants/{merchant}/team", headers=headers).json()
    assert team["number"] == 1 and len(team["document"]["people"]) == 6
    edited = {**team["document"], "people": [{"name": "老周", "roles": "负责人、主播"}]}
    saved = client.put(f"/api/v1/merchants/{merchant}/team", json={"document": edited, "base_revision": 1,
                                                                   "message": "只剩老周"}, headers=headers)
    assert saved.status_code == 200 and saved.json()["number"] == 2
    stale = {**team["document"], "people": [{"name": "小雅", "roles": ["主播"]}]}
    conflict = client.put(f"/api/v1/merchants/{merchant}/team", json={"document": stale, "base_revision": 1},
                          headers=headers)
    assert conflict.status_code == 409
    body = conflict.json()
    assert body["latest"]["number"] == 2 and body["latest"]["document"]["people"][0]["name"] == "老周"
    assert body["yours"]["people"][0]["name"] == "小雅"
    revisions = client.get(f"/api/v1/merchants/{merchant}/revisions", headers=headers).json()
    assert [r["number"] for r in revisions] == [2, 1] and revisions[0]["author_name"] == "脚本"
    diff = client.get(f"/api/v1/merchants/{merchant}/revisions/compare?a=1&b=2", headers=headers).json()
    assert diff["added"] == ["老周"] and "主播" in diff["removed"]
    restored = client.post(f"/api/v1/merchants/{merchant}/revisions/1/restore", json={"base_revision": 2},
                           headers=headers)
    assert restored.json()["number"] == 3
    assert client.get(f"/api/v1/merchants/{merchant}/revisions/3", headers=headers).json()["document"] == team["document"]
    checked = client.get(f"/api/v1/merchants/{merchant}/check", headers=headers)
    assert checked.json()["stage"] == "growth"
    chart = client.get(f"/api/v1/merchants/{merchant}/chart?format=drawio", headers=headers)
    assert chart.text.startswith("<mxfile") or "<mxGraphModel" in chart.text
    assert client.delete(f"/api/v1/merchants/{merchant}", headers=headers).status_code == 204
    assert client.get(f"/api/v1/merchants/{merchant}", headers=headers).status_code == 404


def test_openapi_is_served_and_describes_every_api_route(api: dict[str, Any]) -> None:
    spec = api["client"].get("/openapi.json").json()
    assert spec["info"]["title"] == "douyin-team"
    paths = set(spec["paths"])
    assert {"/api/v1/plan", "/api/v1/check", "/api/v1/staff", "/api/v1/chart", "/api/v1/merchants/{merchant_id}/team",
            "/api/v1/merchants/{merchant_id}/revisions"} <= paths
    assert all(p.startswith("/api/v1/") for p in paths)  # pages stay out of the API description
    assert json.dumps(spec["components"]["schemas"]["ProfileIn"]).count("monthly_sales") == 1
