"""Phone numbers a viewer reads through the API are masked like on the pages (138****8000): the team and
revision documents, the revision comparison and the check result; editors read them as saved. A scenario
keeps the phones through its editor, and back into the team when adopted. SQLite and PostgreSQL."""

from __future__ import annotations

import json
import re
from html import unescape
from typing import Any

import yaml
from fastapi.testclient import TestClient
from web_support import Browser, bearer, viewer_of

from douyin_team.web.phones import masked_document, masked_phone

CSV = "姓名,岗位,上级,手机\n老周,负责人,,138 0013 8000\n小雅,主播,老周,+86-139-0000-1234\n小美,中控,老周,\n"
RAW = ("0013", "139-0000", "0000-1234")


def with_phones(owner: Browser) -> tuple[int, int]:
    """A merchant whose team was imported with its phones (revision 2); its workspace and id."""
    workspace = owner.workspace()
    merchant = owner.merchant(workspace)
    owner.get(f"/m/{merchant}")
    response = owner.post(f"/m/{merchant}/import", {"base_revision": "1", "keep_phone": "on"},
                          files={"file": ("通讯录.csv", CSV.encode(), "text/csv")})
    assert response.status_code == 303, unescape(response.text)[:1000]
    return workspace, merchant


def phones_in(document: dict[str, Any]) -> dict[str, Any]:
    return {p["name"]: p.get("phone") for p in document["people"]}


def test_masking_keeps_the_first_three_and_last_four_digits() -> None:
    assert masked_phone("+86-139-0000-1234") == "861****1234" and masked_phone("12345") == "*****"
    assert masked_phone("") == "" and masked_phone(None) == ""
    document = {"merchant": "店", "people": [{"name": "老周", "phone": "138 0013 8000"}, {"name": "小美"}]}
    assert masked_document(document) == {"merchant": "店", "people": [{"name": "老周", "phone": "138****8000"},
                                                                     {"name": "小美"}]}


def test_a_viewer_reads_phones_masked_in_every_api_answer(app: Any, owner: Browser) -> None:
    workspace, merchant = with_phones(owner)
    viewer = viewer_of(app, owner, workspace)
    client = TestClient(app)
    mine, theirs = bearer(owner.api_token()), bearer(viewer.api_token())
    change = client.get(f"/api/v1/merchants/{merchant}/team", headers=mine).json()["document"]
    change["people"][0]["phone"] = "139 1111 2222"
    saved = client.put(f"/api/v1/merchants/{merchant}/team", headers=mine,
                       json={"document": change, "base_revision": 2, "message": "换号"})
    assert saved.status_code == 200, saved.text
    base = f"/api/v1/merchants/{merchant}"
    for url in ("/team", "/revisions/2", "/revisions/3", "/revisions/compare?a=2&b=3", "/check",
                "/check?format=yaml", "/chart?format=json", "/chart?format=drawio"):
        seen = client.get(base + url, headers=theirs)
        assert seen.status_code == 200, (url, seen.text[:300])
        assert not [raw for raw in (*RAW, "1111") if raw in seen.text], url
    assert phones_in(client.get(base + "/revisions/2", headers=theirs).json()["document"]) == {
        "老周": "138****8000", "小雅": "861****1234", "小美": None}
    assert phones_in(client.get(base + "/team", headers=theirs).json()["document"])["老周"] == "139****2222"
    compared = client.get(base + "/revisions/compare?a=2&b=3", headers=theirs).json()
    assert compared["values"]["老周"]["phone"] == ["138****8000", "139****2222"]
    checked = client.get(base + "/check", headers=theirs).json()
    assert phones_in(checked)["小雅"] == "861****1234" and checked["findings"]
    assert phones_in(yaml.safe_load(client.get(base + "/check?format=yaml", headers=theirs).text))["老周"] == "139****2222"
    # the owner (and any editor) reads them as saved
    assert phones_in(client.get(base + "/revisions/2", headers=mine).json()["document"])["老周"] == "138 0013 8000"
    assert client.get(base + "/revisions/compare?a=2&b=3", headers=mine).json()["values"]["老周"]["phone"] == [
        "138 0013 8000", "139 1111 2222"]
    assert phones_in(client.get(base + "/check", headers=mine).json())["小雅"] == "+86-139-0000-1234"


def form_of(page: str, form_id: str) -> dict[str, str]:
    """What the browser would post for a form of the page, as it stands (text inputs and ticked boxes)."""
    html = page.split(f'id="{form_id}"', 1)[1].split("</form>", 1)[0]
    data = {}
    for tag in re.findall(r"<input [^>]*>", html):
        name = re.search(r'name="([^"]+)"', tag)
        value = re.search(r'value="([^"]*)"', tag)
        if name and ('type="checkbox"' not in tag or " checked" in tag):
            data[name.group(1)] = unescape(value.group(1)) if value else ("on" if "checkbox" in tag else "")
    return data


def test_the_scenario_editor_keeps_the_phones(app: Any, owner: Browser) -> None:
    _, merchant = with_phones(owner)
    owner.get(f"/m/{merchant}")
    url = owner.post(f"/m/{merchant}/scenarios", {"source": "current", "name": "换班"}).headers["location"]
    page = unescape(owner.get(url).text)
    assert 'value="138 0013 8000"' in page  # the editor shows the phones …
    form = form_of(page, "scenario-form")
    form.pop("csrf_token", None)
    form["department_0"] = "直播部"
    saved = owner.post(url, form)
    assert saved.status_code == 303, unescape(saved.text)[:1000]
    page = unescape(owner.get(url).text)
    assert 'value="138 0013 8000"' in page and 'value="+86-139-0000-1234"' in page  # … and saving keeps them
    diff = page.split('id="scenario-diff"', 1)[1].split("</ul>", 1)[0]
    assert "直播部" in diff and "手机号" not in diff  # the one change made, the phones unchanged
    adopted = owner.post(f"{url}/adopt", {"base_revision": "2"})
    assert adopted.status_code == 303, unescape(adopted.text)[:1000]
    client = TestClient(app)
    team = client.get(f"/api/v1/merchants/{merchant}/team", headers=bearer(owner.api_token())).json()["document"]
    assert phones_in(team) == {"老周": "138 0013 8000", "小雅": "+86-139-0000-1234", "小美": None}
    assert json.dumps(team, ensure_ascii=False).count("直播部") == 1
