"""The new-merchant wizard: the planner's questions, the stage diagnosis shown live, the first plan saved."""

from __future__ import annotations

from typing import Any

from fastapi import APIRouter, Depends, Request
from fastapi.responses import HTMLResponse, Response
from starlette.datastructures import FormData

from ... import store
from ...errors import DouyinTeamError, InvalidValue
from ...team import FOCI, RESOURCES
from ..compute import stored_document
from ..deps import CoreDep, DbDep, FormDep, Id, LangDep, PageUserDep, form_id, form_text, lang_of, verify_csrf
from ..pages import page, redirect
from ..teamview import base_document, names
from .pages_team import save_document, team_page

router = APIRouter(dependencies=[Depends(verify_csrf)], include_in_schema=False)
NUMBERS = {"monthly_sales": (float, 1e12), "headcount_budget": (int, 1_000_000), "live_hours": (float, 24),
           "city_tier": (int, 5)}


def profile_from_form(form: FormData) -> dict[str, Any]:
    """The planner's profile from the wizard's fields; a bad number raises InvalidValue naming its field."""
    profile: dict[str, Any] = {}
    for field, (kind, upper) in NUMBERS.items():
        text = form_text(form, field, 40).replace(",", "").replace("，", "")
        if not text:
            continue
        try:
            value = kind(float(text)) if kind is int else float(text)
        except ValueError:
            raise InvalidValue(f"'{text}' is not a number", field=field) from None
        if not 0 <= value <= upper:
            raise InvalidValue(f"{text} is out of range (0–{upper:g})", field=field)
        profile[field] = value
    focus = form_text(form, "focus")
    if focus in FOCI:
        profile["focus"] = focus
    profile["resources"] = [r for r in RESOURCES if r in form.getlist("resources")]
    profile["ads"] = form_text(form, "ads") != "no"
    return profile


@router.get("/w/{workspace_id}/merchants/new")
def wizard(request: Request, workspace_id: Id, db: DbDep, user: PageUserDep, core: CoreDep,
           lang: LangDep) -> HTMLResponse:
    """The wizard: a few questions, the diagnosis updating as they are answered."""
    ws = store.get_workspace(db, user, workspace_id)
    return page(request, "wizard.html", user=user, workspace=ws, error=None, values={}, foci=FOCI,
                resources=RESOURCES, **names(core, lang))


@router.post("/w/{workspace_id}/merchants", response_model=None)
def create_merchant(request: Request, form: FormDep, workspace_id: Id, db: DbDep, user: PageUserDep, core: CoreDep,
                          lang: LangDep) -> Response:
    """Save the merchant and, as its first team revision, the plan for its answers."""
    name = form_text(form, "name")
    ws = store.get_workspace(db, user, workspace_id)
    try:
        if not name:
            raise InvalidValue("the merchant needs a name", field="name")
        profile = profile_from_form(form)
        team = core.plan_team(core.profile({**profile, "merchant": name}), lang)
    except DouyinTeamError as err:
        values = {k: form_text(form, k) for k in ("name", *NUMBERS, "focus", "ads")}
        return page(request, "wizard.html", status_code=422, user=user, workspace=ws, error=err.render(lang_of(request), web=True),
                    values=values, foci=FOCI, resources=RESOURCES, **names(core, lang))
    merchant = store.create_merchant(db, user, workspace_id, name, profile)
    store.save_team(db, user, merchant.id, stored_document(team), None,
                    "向导生成的方案" if lang == "zh" else "Plan from the wizard")
    return redirect(f"/m/{merchant.id}")


@router.post("/m/{merchant_id}/delete")
def delete_merchant(merchant_id: Id, db: DbDep, user: PageUserDep) -> Response:
    """Delete a merchant and its history (owners and editors)."""
    merchant = store.get_merchant(db, user, merchant_id)
    store.delete_merchant(db, user, merchant_id)
    return redirect(f"/w/{merchant.workspace_id}")


@router.post("/m/{merchant_id}/profile", response_model=None)
def update_profile(request: Request, form: FormDep, merchant_id: Id, db: DbDep, user: PageUserDep, core: CoreDep,
                         lang: LangDep) -> Response:
    """Change the merchant's name and the planner's answers; the team's own copy of them is saved as a revision."""
    merchant = store.get_merchant(db, user, merchant_id)
    try:
        name = form_text(form, "name") or merchant.name
        profile = profile_from_form(form)
    except DouyinTeamError as err:
        return team_page(request, db, user, core, lang, merchant_id, err.render(lang_of(request), web=True), None, 422)
    store.update_merchant(db, user, merchant_id, name, profile)
    document = base_document(merchant, store.latest_revision(db, user, merchant_id))
    document.update({k: profile.get(k) for k in NUMBERS}, merchant=name, focus=profile.get("focus"), stage=None,
                    resources=profile["resources"], ads=profile["ads"])
    message = "修改商家信息" if lang == "zh" else "Changed the merchant's answers"
    return save_document(request, db, user, core, lang, merchant_id, document, form_id(form.get("base_revision")),
                         message)
