"""Taught titles ("这个职位是…") in staffing, on SQLite and PostgreSQL: the staffing page reads a roster's skills
with the workspace's taught titles, typed or uploaded, and a staffing job reads them from the plan it is given
(as `POST /api/v1/staff` does) — a title taught once is never an unknown post again."""

from __future__ import annotations

import time
from collections.abc import Iterator
from html import unescape
from typing import Any

import pytest
from fastapi.testclient import TestClient
from test_web_staffing import staffed_names
from test_web_titles import teach, team_with
from web_support import Browser, bearer, make_app, viewer_of

from douyin_team.jobs.kinds import run_staff

ROSTER = [("老周", "负责人5、直播运营4、投手3"), ("小美", "品宣5"), ("阿杰", "场控4、中控4"), ("小敏", "抖店运营4、客服5")]


@pytest.fixture
def site(engine: Any, monkeypatch: pytest.MonkeyPatch, fast_hashing: None) -> Iterator[dict[str, Any]]:
    """The app with its local job pool, an owner whose workspace has a merchant with 小美 titled 品宣."""
    monkeypatch.setenv("DOUYIN_TEAM_JOBS", "local")
    monkeypatch.setenv("DOUYIN_TEAM_JOB_PROCESSES", "1")
    app = make_app(engine)
    with TestClient(app) as client:
        owner = Browser(app).sign_up("owner@example.com", "周老板")
        merchant = team_with(owner, owner.workspace())
        yield {"client": client, "owner": owner, "merchant": merchant, "headers": bearer(owner.api_token())}


def typed(rows: list[tuple[str, str]]) -> dict[str, str]:
    data: dict[str, str] = {}
    for k, (name, skills) in enumerate(rows):
        data.update({f"name_{k}": name, f"skills_{k}": skills, f"hours_{k}": "44"})
    return data


def csv_roster(rows: list[tuple[str, str]]) -> bytes:
    return ("姓名,技能,每周工时\n" + "".join(f"{n},{s},44\n" for n, s in rows)).encode()


def holder(html: str, name: str) -> str:
    """The posts the staffed table gives `name` (the row after their name cell)."""
    table = html.split('id="staffing"', 1)[1].split("</table>", 1)[0]
    row = table.split(f'<td data-label="姓名">{name}', 1)[1].split("</tr>", 1)[0]
    return unescape(row)


def test_the_page_reads_typed_and_uploaded_rosters_with_the_taught_titles(site: dict[str, Any]) -> None:
    owner, merchant = site["owner"], site["merchant"]
    owner.get(f"/m/{merchant}/staffing")
    before = owner.post(f"/m/{merchant}/staffing", typed(ROSTER))
    assert before.status_code == 422 and "品宣" in unescape(before.text)  # not taught yet: an unknown post
    upload = {"file": ("人员.csv", csv_roster(ROSTER), "text/csv")}
    assert owner.post(f"/m/{merchant}/staffing", {}, files=upload).status_code == 422
    assert teach(owner, merchant, "品宣", "anchor").status_code == 303  # this workspace's 品宣 are hosts
    owner.get(f"/m/{merchant}/staffing")
    for result in (owner.post(f"/m/{merchant}/staffing", typed(ROSTER)),
                   owner.post(f"/m/{merchant}/staffing", {}, files={"file": ("人员.csv", csv_roster(ROSTER), "text/csv")})):
        assert result.status_code == 200, unescape(result.text)[:2000]
        assert "小美" in staffed_names(result.text) and "主播" in holder(result.text, "小美")


def test_another_workspace_does_not_read_them(site: dict[str, Any]) -> None:
    owner, merchant = site["owner"], site["merchant"]
    assert teach(owner, merchant, "品宣", "anchor").status_code == 303
    elsewhere = team_with(owner, owner.workspace("另一家"), name="别家")
    owner.get(f"/m/{elsewhere}/staffing")
    upload = {"file": ("人员.csv", csv_roster(ROSTER), "text/csv")}
    assert owner.post(f"/m/{elsewhere}/staffing", {}, files=upload).status_code == 422


def finished(client: TestClient, url: str, headers: dict[str, str]) -> dict[str, Any]:
    deadline = time.monotonic() + 120
    while True:
        job: dict[str, Any] = client.get(url, headers=headers).json()
        if job["state"] in ("done", "failed") or time.monotonic() > deadline:
            return job
        time.sleep(0.3)


def test_a_staffing_job_reads_the_plans_taught_titles(site: dict[str, Any]) -> None:
    client, headers, merchant = site["client"], site["headers"], site["merchant"]
    teach(site["owner"], merchant, "品宣", "anchor")
    plan = client.get(f"/api/v1/merchants/{merchant}/check", headers=headers).json()
    assert plan["titles"] == {"品宣": ["anchor"]}  # the merchant's team as read, with its workspace's titles
    roster = {"people": [{"name": n, "skills": s, "hours": 44} for n, s in ROSTER]}
    body = {"plan": plan, "roster": roster, "time_limit": 2}
    job = finished(client, client.post("/api/v1/staff/jobs", json=body, headers=headers).json()["url"], headers)
    assert job["state"] == "done", job
    staffed = client.get(job["artefact_url"], headers=headers).json()
    assert "anchor" in next(p for p in staffed["people"] if p["name"] == "小美")["roles"]
    direct = client.post("/api/v1/staff", json=body, headers=headers).json()  # the same as the job
    assert "anchor" in next(p for p in direct["people"] if p["name"] == "小美")["roles"]


def test_a_staffing_job_given_its_workspace_reads_the_taught_titles(site: dict[str, Any]) -> None:
    """The merchant's team as stored (GET …/team: no titles in it) and `?workspace=`: the job reads the roster
    with the workspace's taught titles, the plan's own titles first; the workspace's members see the job; a
    workspace the caller is not in is a 404, and without one 品宣 stays unknown."""
    client, headers, merchant, owner = site["client"], site["headers"], site["merchant"], site["owner"]
    teach(owner, merchant, "品宣", "anchor")
    plan = client.get(f"/api/v1/merchants/{merchant}/team", headers=headers).json()["document"]
    assert "titles" not in plan
    workspace = client.get(f"/api/v1/merchants/{merchant}", headers=headers).json()["workspace_id"]
    roster = {"people": [{"name": n, "skills": s, "hours": 44} for n, s in ROSTER]}
    body = {"plan": plan, "roster": roster, "time_limit": 2}

    viewer = bearer(viewer_of(client.app, owner, workspace).api_token())

    def staffed(query: str, sent: dict[str, Any]) -> dict[str, Any]:
        started = client.post(f"/api/v1/staff/jobs{query}", json=sent, headers=headers)
        assert started.status_code in (200, 202), started.text
        job = finished(client, started.json()["url"], headers)
        assert job["state"] == "done", job
        assert client.get(job["url"], headers=viewer).status_code == 200  # the workspace's job
        data: dict[str, Any] = client.get(job["artefact_url"], headers=headers).json()
        return next(p for p in data["people"] if p["name"] == "小美")

    assert "anchor" in staffed(f"?workspace={workspace}", body)["roles"]
    own = staffed(f"?workspace={workspace}", {**body, "plan": {**plan, "titles": {"品宣": ["marketing"]}}})
    assert own["roles"] == ["marketing"]  # the plan's own reading of the title wins
    refused_now = client.post("/api/v1/staff/jobs", json=body, headers=headers)  # no workspace: not taught
    assert refused_now.status_code == 422 and "品宣" in refused_now.json()["error"]["message"]  # never queued
    stranger = Browser(site["client"].app).sign_up("stranger@example.com", "路人")
    refused = client.post(f"/api/v1/staff/jobs?workspace={workspace}", json=body,
                          headers=bearer(stranger.api_token()))
    assert refused.status_code == 404
    # the answer at once (POST /api/v1/staff) reads them the same way, and refuses the same stranger
    direct = client.post(f"/api/v1/staff?workspace={workspace}", json=body, headers=headers)
    assert direct.status_code == 200 and "anchor" in next(p for p in direct.json()["people"] if p["name"] == "小美")["roles"]
    assert client.post("/api/v1/staff", json=body, headers=headers).status_code == 422  # not taught: 品宣 unknown
    assert client.post(f"/api/v1/staff?workspace={workspace}", json=body,
                       headers=bearer(stranger.api_token())).status_code == 404


def test_the_job_kind_itself_reads_them() -> None:
    plan = {"people": [{"name": "负责人", "roles": "负责人"}, {"name": "待招-达人", "roles": "marketing", "vacancy": True}],
            "titles": {"品宣": ["marketing"]}}
    roster = {"people": [{"name": "老周", "skills": {"负责人": 4}}, {"name": "小美", "skills": "品宣4"}]}
    out = run_staff({"plan": plan, "roster": roster, "lang": "zh", "time_limit": 2, "seed": 0, "filename": "x.json"})
    import json

    staffed = json.loads(out.data)
    assert next(p for p in staffed["people"] if p["name"] == "小美")["roles"] == ["marketing"]
