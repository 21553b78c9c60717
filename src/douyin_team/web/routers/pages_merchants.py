"""The new-merchant wizard: the planner's questions, the stage diagnosis shown live, the first plan saved."""

from __future__ import annotations

from typing import Any

from fastapi import APIRouter, Depends, Request
from fastapi.responses import HTMLResponse, Response

from ... import store
from ...errors import DouyinTeamError, InvalidValue
from ..compute import stored_document
from ..deps import CoreDep, DbDep, FormDep, Id, LangDep, PageUserDep, form_id, form_text, lang_of, verify_csrf
from ..errortext import localized
from ..pages import page, redirect
from ..profilefields import QUESTIONS, form_values, profile_from_form
from ..teamview import base_document, names
from .pages_team import save_document, team_page

router = APIRouter(dependencies=[Depends(verify_csrf)], include_in_schema=False)


def wizard_page(request: Request, user: store.User, ws: Any, core: CoreDep, lang: LangDep, values: dict[str, Any],
                error: str | None = None, status_code: int = 200) -> HTMLResponse:
    """The wizard with the planner's questions (profilefields.QUESTIONS) and what was typed so far."""
    kinds = [{"name": q.name, "kind": q.kind, "integer": q.integer} for q in QUESTIONS]
    return page(request, "wizard.html", status_code=status_code, user=user, workspace=ws, error=error,
                values=values, questions=QUESTIONS, kinds=kinds, **names(core, lang))


@router.get("/w/{workspace_id}/merchants/new")
def wizard(request: Request, workspace_id: Id, db: DbDep, user: PageUserDep, core: CoreDep,
           lang: LangDep) -> HTMLResponse:
    """The wizard: a few questions, the diagnosis updating as they are answered."""
    return wizard_page(request, user, store.get_workspace(db, user, workspace_id), core, lang, {})


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
        values = {"name": name, **form_values(form)}
        return wizard_page(request, user, ws, core, lang, values, localized(err, lang), 422)
    merchant = store.create_merchant(db, user, workspace_id, name, profile)
    store.save_team(db, user, merchant.id, stored_document(team), None,
                    "向导生成的方案" if lang == "zh" else "Plan from the wizard")
    return redirect(f"/m/{merchant.id}")


@router.get("/m/{merchant_id}/delete")
def confirm_delete(request: Request, merchant_id: Id, db: DbDep, user: PageUserDep) -> HTMLResponse:
    """Ask before deleting: the merchant's name typed again."""
    merchant = store.get_merchant(db, user, merchant_id)
    return page(request, "delete.html", user=user, merchant=merchant, error=None)


@router.post("/m/{merchant_id}/delete", response_model=None)
def delete_merchant(request: Request, form: FormDep, merchant_id: Id, db: DbDep, user: PageUserDep,
                    lang: LangDep) -> Response:
    """Delete a merchant and its whole history (owners), once its name was typed to confirm."""
    merchant = store.get_merchant(db, user, merchant_id)
    if form_text(form, "confirm") != merchant.name:
        error = ("请输入商家名称以确认删除" if lang == "zh" else "Type the merchant's name to confirm")
        return page(request, "delete.html", status_code=422, user=user, merchant=merchant, error=error)
    store.delete_merchant(db, user, merchant_id)
    return redirect(f"/w/{merchant.workspace_id}")


@router.post("/m/{merchant_id}/archive", response_model=None)
def archive_merchant(merchant_id: Id, db: DbDep, user: PageUserDep) -> Response:
    """Archive a merchant (editors and owners): out of the portfolio and its totals, team and history kept."""
    merchant = store.archive_merchant(db, user, merchant_id)
    return redirect(f"/w/{merchant.workspace_id}")


@router.post("/m/{merchant_id}/unarchive", response_model=None)
def unarchive_merchant(merchant_id: Id, db: DbDep, user: PageUserDep) -> Response:
    """Bring an archived merchant back into the portfolio (editors and owners)."""
    merchant = store.archive_merchant(db, user, merchant_id, archived=False)
    return redirect(f"/w/{merchant.workspace_id}?archived=1")


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
    document.update({q.name: profile.get(q.name) for q in QUESTIONS}, merchant=name, stage=None)
    message = "修改商家信息" if lang == "zh" else "Changed the merchant's answers"
    return save_document(request, db, user, core, lang, merchant_id, document, form_id(form.get("base_revision")),
                         message)
