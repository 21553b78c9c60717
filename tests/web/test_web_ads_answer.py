"""The paid-traffic question as a merchant answers it (是 / 否 / 不确定), in the wizard and in the merchant's
answers on the team page, on SQLite and PostgreSQL: 不确定 (or no answer) leaves `ads` unset, so the check
states the assumption and never warns about an ad buyer; 是 and 否 are stored as said."""

from __future__ import annotations

import re
from html import unescape
from typing import Any

import pytest
from fastapi.testclient import TestClient
from starlette.datastructures import FormData
from web_support import Browser, bearer

from douyin_team.web.profilefields import QUESTIONS, profile_from_form, profile_values

ASSUMED = "没有说明是否投放付费流量"
WARNED = 'data-rule="paid-traffic-owner"'  # 买流量却没人会投放


@pytest.mark.parametrize(("answer", "stored"), [("yes", True), ("no", False), ("", None), (None, None)])
def test_the_form_answer_is_yes_no_or_unset(answer: str | None, stored: bool | None) -> None:
    form = FormData({"monthly_sales": "300000", **({"ads": answer} if answer is not None else {})})
    profile = profile_from_form(form)
    assert profile.get("ads", None) is stored and ("ads" in profile) == (stored is not None)
    assert profile_values(profile)["ads"] == {True: "yes", False: "no", None: ""}[stored]  # the form shows it again


def checked_answer(page: str) -> str:
    """The value of the ticked 付费流量 radio on a page."""
    block = page.split('data-field="ads"', 1)[1].split("</fieldset>", 1)[0]
    return re.search(r'name="ads" value="([^"]*)" checked', block).group(1)  # type: ignore[union-attr]


def created(owner: Browser, answer: str | None) -> tuple[int, int]:
    workspace = owner.workspace()
    wizard = unescape(owner.get(f"/w/{workspace}/merchants/new").text)
    assert re.findall(r'name="ads" value="([^"]*)"', wizard) == ["yes", "no", ""]
    assert "是" in wizard and "否" in wizard and "不确定" in wizard and checked_answer(wizard) == ""
    data = {"name": "山野茶铺", "monthly_sales": "300000", "focus": "live", **({"ads": answer} if answer is not None else {})}
    response = owner.post(f"/w/{workspace}/merchants", data)
    assert response.status_code == 303, unescape(response.text)[:800]
    return workspace, int(response.headers["location"].rsplit("/", 1)[1])


def without_ad_buyer(owner: Browser, merchant: int) -> str:
    """Save a two-person team that nobody buys ads in, and return its team page."""
    owner.get(f"/m/{merchant}")
    rows = {"rows": "2", "base_revision": "1", "name_0": "老周", "roles_0": "负责人", "name_1": "小雅",
            "roles_1": "主播", "reports_to_1": "老周"}
    response = owner.post(f"/m/{merchant}/roster", rows)
    assert response.status_code == 303, unescape(response.text)[:800]
    return unescape(owner.get(f"/m/{merchant}").text)


def stored_ads(app: Any, owner: Browser, merchant: int) -> Any:
    client, headers = TestClient(app), bearer(owner.api_token())
    team = client.get(f"/api/v1/merchants/{merchant}/team", headers=headers).json()
    profile = client.get(f"/api/v1/merchants/{merchant}", headers=headers).json()["profile"]
    return team["document"].get("ads"), profile.get("ads")


@pytest.mark.parametrize("answer", [None, ""])
def test_not_saying_leaves_ads_unset_and_the_check_says_it_assumed(app: Any, owner: Browser,
                                                                    answer: str | None) -> None:
    _, merchant = created(owner, answer)
    page = unescape(owner.get(f"/m/{merchant}").text)
    assert ASSUMED in page and checked_answer(page) == ""  # an assumption, and the answers show 不确定
    assert stored_ads(app, owner, merchant) == (None, None)
    page = without_ad_buyer(owner, merchant)
    assert ASSUMED in page and WARNED not in page  # nobody buys ads, and nobody is warned about it


@pytest.mark.parametrize(("answer", "stored"), [("yes", True), ("no", False)])
def test_yes_and_no_are_stored_as_said(app: Any, owner: Browser, answer: str, stored: bool) -> None:
    _, merchant = created(owner, answer)
    page = unescape(owner.get(f"/m/{merchant}").text)
    assert ASSUMED not in page and checked_answer(page) == answer
    assert stored_ads(app, owner, merchant) == (stored, stored)
    page = without_ad_buyer(owner, merchant)
    assert (WARNED in page) is stored  # said yes and nobody can buy ads: that is worth a warning


def test_the_answer_can_go_back_to_not_sure_on_the_team_page(app: Any, owner: Browser) -> None:
    _, merchant = created(owner, "no")
    owner.get(f"/m/{merchant}")
    response = owner.post(f"/m/{merchant}/profile", {"name": "山野茶铺", "monthly_sales": "300000", "focus": "live",
                                                    "ads": "", "base_revision": "1"})  # 不确定
    assert response.status_code == 303, unescape(response.text)[:800]
    page = unescape(owner.get(f"/m/{merchant}").text)
    assert checked_answer(page) == "" and ASSUMED in page
    assert stored_ads(app, owner, merchant) == (None, None)


def test_every_question_kind_is_one_the_forms_draw() -> None:
    assert {q.kind for q in QUESTIONS} <= {"number", "radio", "checks", "select", "yesno"}
