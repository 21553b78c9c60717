"""The JSON API accepts exactly what its OpenAPI description documents (issue #17), with FastAPI's TestClient on
SQLite and PostgreSQL: values of another type are a 422 in the API's one error shape naming the field, bad
staffing input is refused before a job is queued, and every documented example is accepted."""

from __future__ import annotations

from pathlib import Path
from typing import Any

import pytest
import yaml
from fastapi.testclient import TestClient
from web_support import Browser, bearer, make_app

EXAMPLES = Path(__file__).resolve().parents[2] / "examples"
PERSON = {"name": "老周", "roles": ["负责人", "主播"]}


@pytest.fixture
def api(engine: Any) -> dict[str, Any]:
    """A signed-up user with an API token and a workspace holding one merchant; requests go without cookies."""
    app = make_app(engine)
    browser = Browser(app).sign_up("api@example.com", "脚本")
    client, headers = TestClient(app), bearer(browser.api_token())
    workspace = client.post("/api/v1/workspaces", json={"name": "星火"}, headers=headers).json()["id"]
    merchant = client.post(f"/api/v1/workspaces/{workspace}/merchants",
                           json={"name": "山野茶铺", "profile": {"monthly_sales": 300000}}, headers=headers).json()["id"]
    return {"client": client, "headers": headers, "workspace": workspace, "merchant": merchant, "app": app}


def refused(response: Any, field: str) -> dict[str, Any]:
    """The error of a 422 in the API's one shape, checked to name `field` (the field's path ends with it)."""
    assert response.status_code == 422, response.text
    error: dict[str, Any] = response.json()["error"]
    assert {"type", "message", "field", "hint", "line"} <= set(error), error
    assert error["field"] is not None and error["field"].endswith(field), error
    assert "\n" not in error["message"]
    return error


def team(**fields: Any) -> dict[str, Any]:
    return {"people": [{**PERSON, **fields.pop("person", {})}], **fields}


@pytest.mark.parametrize(("document", "field"), [
    (team(owner_implicit=0), "owner_implicit"),
    (team(person={"vacancy": "yes"}), "people[0].vacancy"),
    (team(person={"vacancy": 1}), "people[0].vacancy"),
    (team(monthly_sales=False), "monthly_sales"),
    (team(person={"hours": "40"}), "people[0].hours"),
    (team(live_hours=True), "live_hours"),
])
def test_a_team_value_of_another_type_is_a_422_naming_its_field(api: dict[str, Any], document: dict[str, Any],
                                                               field: str) -> None:
    client, headers = api["client"], api["headers"]
    for path in ("/api/v1/check", "/api/v1/roadmap", "/api/v1/chart?format=svg", "/api/v1/kit?format=md"):
        refused(client.post(path, json=document, headers=headers), field)
    refused(client.post("/api/v1/compare", json={"a": team(), "b": document}, headers=headers), field)
    saved = client.put(f"/api/v1/merchants/{api['merchant']}/team", json={"document": document, "base_revision": 1},
                       headers=headers)
    refused(saved, field)
    assert client.get(f"/api/v1/merchants/{api['merchant']}/team", headers=headers).json()["number"] == 1


def test_a_team_file_keeps_its_lenient_reading(tmp_path: Path) -> None:
    """What a person types in a file (`vacancy: 1`, `hours: "40"`) still reads on the command line."""
    from douyin_team.cli import main

    path = tmp_path / "team.yaml"
    path.write_text("owner_implicit: 0\npeople:\n  - {name: 老周, roles: [主播], vacancy: 1, hours: '40'}\n",
                    encoding="utf-8")
    assert main(["check", str(path), "--format", "json", "-o", str(tmp_path / "out.json")]) in (0, 1)


@pytest.mark.parametrize(("body", "field"), [
    ({"monthly_sales": False}, "monthly_sales"),
    ({"monthly_sales": 300000, "ads": 0}, "ads"),
    ({"monthly_sales": 300000, "city_tier": "3"}, "city_tier"),
])
def test_a_profile_value_of_another_type_is_a_422(api: dict[str, Any], body: dict[str, Any], field: str) -> None:
    client, headers = api["client"], api["headers"]
    refused(client.post("/api/v1/plan", json=body, headers=headers), field)
    refused(client.post(f"/api/v1/workspaces/{api['workspace']}/merchants", json={"name": "新店", "profile": body},
                        headers=headers), field)
    refused(client.put(f"/api/v1/merchants/{api['merchant']}", json={"name": "山野茶铺", "profile": body},
                       headers=headers), field)


def test_export_and_restore_numbers_are_numbers(api: dict[str, Any]) -> None:
    client, headers, merchant = api["client"], api["headers"], api["merchant"]
    refused(client.post(f"/api/v1/merchants/{merchant}/exports", json={"revision": True}, headers=headers), "revision")
    refused(client.post(f"/api/v1/merchants/{merchant}/revisions/1/restore", json={"base_revision": True},
                        headers=headers), "base_revision")
    refused(client.post("/api/v1/compare", json={"a": team(), "b": team(), "names": [1, 2]}, headers=headers), "names.0")
    compared = client.post("/api/v1/compare", json={"a": team(), "b": team(), "names": ["现在", "方案"]}, headers=headers)
    assert compared.status_code == 200 and compared.json()["a"]["name"] == "现在"


def test_the_examples_and_the_apis_own_answers_are_accepted_back(api: dict[str, Any]) -> None:
    """Strictness refuses no document the API documents: the examples, a plan, a check and a staffing."""
    client, headers = api["client"], api["headers"]
    plan = yaml.safe_load((EXAMPLES / "plan-growth.yaml").read_text(encoding="utf-8"))
    roster = yaml.safe_load((EXAMPLES / "roster.yaml").read_text(encoding="utf-8"))
    mine = yaml.safe_load((EXAMPLES / "my-team.yaml").read_text(encoding="utf-8"))
    planned = client.post("/api/v1/plan", json={"monthly_sales": 300000}, headers=headers).json()
    checked = client.post("/api/v1/check", json=mine, headers=headers).json()
    staffed = client.post("/api/v1/staff", json={"plan": plan, "roster": roster}, headers=headers)
    assert staffed.status_code == 200, staffed.text
    stored = client.get(f"/api/v1/merchants/{api['merchant']}/team?ids=true", headers=headers).json()["document"]
    for document in (plan, mine, planned, checked, staffed.json(), stored):
        assert client.post("/api/v1/check", json=document, headers=headers).status_code == 200


def staffing_body(plan: dict[str, Any] | None = None, **person: Any) -> dict[str, Any]:
    """The growth plan and the example roster, its first person changed by `person`."""
    roster = yaml.safe_load((EXAMPLES / "roster.yaml").read_text(encoding="utf-8"))
    roster["people"][0].update(person)
    return {"plan": plan or yaml.safe_load((EXAMPLES / "plan-growth.yaml").read_text(encoding="utf-8")),
            "roster": roster, "time_limit": 2}


def jobs_queued(api: dict[str, Any]) -> int:
    from sqlalchemy import text

    with api["app"].state.engine.connect() as conn:
        return int(conn.execute(text("SELECT count(*) FROM jobs")).scalar_one())


def with_session(**times: Any) -> dict[str, Any]:
    plan: dict[str, Any] = yaml.safe_load((EXAMPLES / "plan-growth.yaml").read_text(encoding="utf-8"))
    plan["sessions"] = [{**plan["sessions"][0], **times}]
    return plan


@pytest.mark.parametrize(("body", "field"), [
    (staffing_body(skills={"宇航员": 3}), "roster.people[0].skills"),
    (staffing_body(available="99:00-18:00"), "roster.people[0].available"),
    (staffing_body(hours="40"), "roster.people[0].hours"),
    (staffing_body(name=""), "roster.people[0].name"),
    (staffing_body(with_session(start="25:00")), "sessions[0].start"),
    (staffing_body(with_session(end="7pm")), "sessions[0].end"),
    (staffing_body(with_session(days_per_week="6")), "sessions[0].days_per_week"),
])
def test_a_staffing_job_with_a_bad_roster_or_session_is_refused_before_it_is_queued(
        api: dict[str, Any], body: dict[str, Any], field: str) -> None:
    client, headers = api["client"], api["headers"]
    refused(client.post("/api/v1/staff/jobs", json=body, headers=headers), field)
    assert jobs_queued(api) == 0
    refused(client.post("/api/v1/staff", json=body, headers=headers), field)  # the same answer, at once


@pytest.mark.parametrize("phone", ["\x01\x02\x03", "\u200b\u200d", "\x7f\u200b\x08"])
def test_a_phone_of_nothing_but_invisible_characters_is_refused_not_saved_blank(api: dict[str, Any], phone: str) -> None:
    client, headers, merchant = api["client"], api["headers"], api["merchant"]
    document = team(person={"phone": phone})
    saved = client.put(f"/api/v1/merchants/{merchant}/team", json={"document": document, "base_revision": 1},
                       headers=headers)
    error = refused(saved, "people[0].phone")
    assert f"U+{ord(phone[0]):04X}" in error["message"] and "老周" in error["message"]
    assert client.get(f"/api/v1/merchants/{merchant}/team", headers=headers).json()["number"] == 1
    refused(client.post("/api/v1/check", json=document, headers=headers), "people[0].phone")


def test_a_blank_phone_is_no_phone_and_a_real_one_is_kept(api: dict[str, Any]) -> None:
    client, headers, merchant = api["client"], api["headers"], api["merchant"]
    people = [{**PERSON, "phone": "  "}, {"name": "小美", "roles": ["主播"], "phone": "138\u200b0013 8000"}]
    saved = client.put(f"/api/v1/merchants/{merchant}/team", json={"document": {"people": people}, "base_revision": 1},
                       headers=headers)
    refused(saved, "people[1].phone")  # a zero-width space inside a number is no digit, + or - either
    people[1]["phone"] = "138 0013 8000"
    saved = client.put(f"/api/v1/merchants/{merchant}/team", json={"document": {"people": people}, "base_revision": 1},
                       headers=headers)
    assert saved.status_code == 200, saved.text
    assert [p.get("phone") for p in saved.json()["document"]["people"]] == [None, "138 0013 8000"]


def no_flag(error: dict[str, Any]) -> None:
    from douyin_team.web.api_errors import CLI_WORDS

    for key in ("message", "hint", "field", "where"):
        assert not CLI_WORDS.search(error.get(key) or "") and "--" not in (error.get(key) or ""), error


def test_error_hints_name_the_apis_fields_never_a_flag(api: dict[str, Any]) -> None:
    client, headers = api["client"], api["headers"]
    error = refused(client.post("/api/v1/roadmap?to=zzz", json=team(monthly_sales=300000), headers=headers), "to")
    assert error["field"] == "to" and "novice" in error["hint"]
    no_flag(error)
    error = refused(client.post("/api/v1/roadmap?to=novice", json=team(monthly_sales=300000), headers=headers), "to")
    no_flag(error)
    mature = client.post("/api/v1/roadmap", json=team(monthly_sales=5e7), headers=headers)
    assert mature.status_code == 422 and "`monthly_sales`" in mature.json()["error"]["hint"]
    assert "月销" in mature.json()["error"]["hint"]  # the Chinese hint, its flag named as the field
    no_flag(mature.json()["error"])
    for lang, words in (("zh", "月销"), ("en", "monthly sales")):
        error = refused(client.post(f"/api/v1/plan?lang={lang}", json={}, headers=headers), "monthly_sales")
        assert words in error["hint"] and "`monthly_sales`" in error["hint"] and "`stage`" in error["hint"]
        no_flag(error)
    error = refused(client.post("/api/v1/check", json={"people": "小美"}, headers=headers), "people")
    assert "接口文档" in error["hint"]  # "see `douyin-team schema`" on the command line: the API docs here
    no_flag(error)


@pytest.mark.parametrize("lang", ["zh", "en"])
def test_every_hint_the_api_can_give_names_no_flag(lang: str) -> None:
    """A hint naming a flag the API has no field for (`-o`, `--processes`) must be the command line's only."""
    from douyin_team.errors import _catalogue
    from douyin_team.web.api_errors import CLI_OPTIONS, CLI_WORDS, FLAG, api_hint

    for entry in _catalogue()["hints"]:
        hint = api_hint(entry["en"], "zh" if lang == "zh" else "en") or ""
        flags = set(FLAG.findall(entry["en"]) + FLAG.findall(entry.get(f"web_{lang}", "")))
        if CLI_WORDS.search(hint):
            assert entry.get("cli") and (flags - set(CLI_OPTIONS) or " -o " in f" {entry['en']}"), entry


def test_updating_a_merchant_needs_a_profile_the_planner_can_plan(api: dict[str, Any]) -> None:
    client, headers, merchant = api["client"], api["headers"], api["merchant"]
    for profile in ({}, {"focus": "live"}):
        error = refused(client.put(f"/api/v1/merchants/{merchant}", json={"name": "山野茶铺", "profile": profile},
                                   headers=headers), "monthly_sales")
        no_flag(error)
    refused(client.put(f"/api/v1/merchants/{merchant}", json={"name": "山野茶铺", "profile": {"stage": "zzz"}},
                       headers=headers), "stage")
    assert client.get(f"/api/v1/merchants/{merchant}", headers=headers).json()["profile"] == {"monthly_sales": 300000.0}
    updated = client.put(f"/api/v1/merchants/{merchant}", json={"name": "山野茶铺二店", "profile": {"stage": "mature"}},
                         headers=headers)
    assert updated.status_code == 200 and updated.json()["profile"] == {"stage": "mature"}
    assert client.put("/api/v1/merchants/99999", json={"name": "x", "profile": {}}, headers=headers).status_code == 404


def test_base_revision_is_documented_and_checked_as_one_or_more(api: dict[str, Any]) -> None:
    client, headers, merchant = api["client"], api["headers"], api["merchant"]
    spec = client.get("/openapi.json").json()["components"]["schemas"]
    for model in ("TeamSave", "RestoreIn"):
        number = next(s for s in spec[model]["properties"]["base_revision"]["anyOf"] if s.get("type") == "integer")
        assert number["minimum"] == 1, spec[model]
        assert "1" in spec[model]["properties"]["base_revision"]["description"]
    for base in (0, -1):
        refused(client.put(f"/api/v1/merchants/{merchant}/team", json={"document": team(), "base_revision": base},
                           headers=headers), "base_revision")
        refused(client.post(f"/api/v1/merchants/{merchant}/revisions/1/restore", json={"base_revision": base},
                            headers=headers), "base_revision")
    saved = client.put(f"/api/v1/merchants/{merchant}/team", json={"document": team(), "base_revision": 1},
                       headers=headers)
    assert saved.status_code == 200 and saved.json()["number"] == 2


def test_a_member_answer_has_the_users_id(api: dict[str, Any]) -> None:
    client, headers, workspace = api["client"], api["headers"], api["workspace"]
    members = client.get(f"/api/v1/workspaces/{workspace}/members", headers=headers).json()
    assert [set(m) for m in members] == [{"user_id", "email", "display_name", "role"}]
    me = members[0]
    assert isinstance(me["user_id"], int) and me["email"] == "api@example.com" and me["role"] == "owner"
    gone = client.delete(f"/api/v1/workspaces/{workspace}/members/{me['user_id']}", headers=headers)
    assert gone.status_code == 409  # the id is the one removing a member takes: here the last owner, kept


def test_adding_a_member_answers_with_their_user_id(api: dict[str, Any]) -> None:
    client, headers, workspace = api["client"], api["headers"], api["workspace"]
    Browser(api["app"]).sign_up("editor@example.com", "小编")
    added = client.post(f"/api/v1/workspaces/{workspace}/members", json={"email": "editor@example.com", "role": "editor"},
                        headers=headers)
    assert added.status_code == 201 and added.json()["invited"] is False
    listed = client.get(f"/api/v1/workspaces/{workspace}/members", headers=headers).json()
    assert added.json()["user_id"] == next(m["user_id"] for m in listed if m["email"] == "editor@example.com")
    invited = client.post(f"/api/v1/workspaces/{workspace}/members", json={"email": "new@example.com"}, headers=headers)
    assert invited.status_code == 201 and invited.json()["user_id"] is None and invited.json()["invited"] is True
    removed = client.delete(f"/api/v1/workspaces/{workspace}/members/{added.json()['user_id']}", headers=headers)
    assert removed.status_code == 204


def operations_with_a_body(spec: dict[str, Any]) -> list[tuple[str, str, dict[str, Any]]]:
    return [(method, path, operation) for path, operations in spec["paths"].items()
            for method, operation in operations.items() if "requestBody" in operation]


def test_every_documented_example_is_accepted_by_its_operation(api: dict[str, Any]) -> None:
    client, headers = api["client"], api["headers"]
    spec = client.get("/openapi.json").json()
    operations = operations_with_a_body(spec)
    assert len(operations) >= 18
    for method, path, operation in operations:
        content = operation["requestBody"]["content"]
        media, described = next(iter(content.items()))
        assert described.get("examples"), f"{method.upper()} {path} has no example"
        workspace = client.post("/api/v1/workspaces", json={"name": "例子"}, headers=headers).json()["id"]
        merchant = client.post(f"/api/v1/workspaces/{workspace}/merchants",
                               json={"name": "山野茶铺", "profile": {"monthly_sales": 300000}}, headers=headers).json()["id"]
        url = path.format(workspace_id=workspace, merchant_id=merchant, number=1)
        for name, example in described["examples"].items():
            value = example["value"]
            if media == "multipart/form-data":
                sent = client.request(method, url, headers=headers, data={"keep_phone": str(value["keep_phone"]).lower()},
                                      files={"file": ("shop.csv", value["file"].encode("utf-8"), "text/csv")})
            else:
                sent = client.request(method, url, json=value, headers=headers)
            assert 200 <= sent.status_code < 300, f"{method.upper()} {path} example {name}: {sent.text[:500]}"
