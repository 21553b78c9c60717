"""API: merchants of a workspace, with the check and chart of their latest team."""

from __future__ import annotations

from functools import partial
from typing import Any, Literal

from fastapi import APIRouter, HTTPException, Request
from fastapi.responses import Response
from starlette.concurrency import run_in_threadpool

from ... import store
from ...text import Lang
from ..compute import CHART_MEDIA, stored_document
from ..deps import ApiUserDep, CoreDep, DbDep, Id
from ..exports import ACCEPTED, api_render, export_params, is_heavy
from ..limits import check_people
from ..schemas import TEAM_SCHEMA, Format, MerchantIn, report, report_responses
from ..teamview import base_document

router = APIRouter(prefix="/api/v1", tags=["merchants"])


def merchant_out(m: store.Merchant) -> dict[str, Any]:
    """A merchant as JSON."""
    return {"id": m.id, "workspace_id": m.workspace_id, "name": m.name, "profile": m.profile,
            "created_at": m.created_at.isoformat(), "updated_at": m.updated_at.isoformat(),
            "archived_at": m.archived_at.isoformat() if m.archived_at else None}


@router.get("/workspaces/{workspace_id}/merchants")
def list_merchants(workspace_id: Id, db: DbDep, user: ApiUserDep,
                   archived: Literal["false", "true", "all"] = "false") -> list[dict[str, Any]]:
    """The merchants of a workspace (members only): the active ones, or `archived=true` the archived ones,
    `archived=all` both."""
    which = {"false": False, "true": True, "all": None}[archived]
    return [merchant_out(m) for m in store.list_merchants(db, user, workspace_id, archived=which)]


@router.post("/workspaces/{workspace_id}/merchants", status_code=201)
def create_merchant(workspace_id: Id, body: MerchantIn, db: DbDep, user: ApiUserDep, core: CoreDep,
                    lang: Lang = "zh") -> dict[str, Any]:
    """Make a merchant; its first team revision is the plan for its profile (editors and owners)."""
    profile = body.profile.model_dump(exclude_none=True, exclude={"merchant"})
    team = core.plan_team(core.profile({**profile, "merchant": body.name}), lang)
    merchant = store.create_merchant(db, user, workspace_id, body.name, profile)
    store.save_team(db, user, merchant.id, stored_document(team), None, "plan")
    return merchant_out(merchant)


@router.get("/merchants/{merchant_id}")
def get_merchant(merchant_id: Id, db: DbDep, user: ApiUserDep) -> dict[str, Any]:
    """One merchant."""
    return merchant_out(store.get_merchant(db, user, merchant_id))


@router.put("/merchants/{merchant_id}")
def update_merchant(merchant_id: Id, body: MerchantIn, db: DbDep, user: ApiUserDep, core: CoreDep,
                    lang: Lang = "zh") -> dict[str, Any]:
    """Rename a merchant or change its profile (editors and owners). The profile must be one the planner can
    plan, as when the merchant was made (monthly sales or a stage): the pages plan from it."""
    store.get_merchant(db, user, merchant_id)  # a merchant the caller may not see is a 404 before any 422
    profile = body.profile.model_dump(exclude_none=True, exclude={"merchant"})
    core.plan_team(core.profile({**profile, "merchant": body.name}), lang)
    return merchant_out(store.update_merchant(db, user, merchant_id, body.name, profile))


@router.delete("/merchants/{merchant_id}", status_code=204)
def delete_merchant(merchant_id: Id, db: DbDep, user: ApiUserDep) -> None:
    """Delete a merchant and its history (owners)."""
    store.delete_merchant(db, user, merchant_id)


@router.post("/merchants/{merchant_id}/archive")
def archive_merchant(merchant_id: Id, db: DbDep, user: ApiUserDep) -> dict[str, Any]:
    """Archive a merchant: left out of the workspace's list, team and history kept (editors and owners)."""
    return merchant_out(store.archive_merchant(db, user, merchant_id))


@router.post("/merchants/{merchant_id}/unarchive")
def unarchive_merchant(merchant_id: Id, db: DbDep, user: ApiUserDep) -> dict[str, Any]:
    """Bring an archived merchant back into the workspace's list (editors and owners)."""
    return merchant_out(store.archive_merchant(db, user, merchant_id, archived=False))


def latest_document(db: DbDep, user: store.User, merchant_id: Id) -> tuple[dict[str, Any], Any]:
    """The merchant's latest team document (profile filled in) and its revision."""
    merchant = store.get_merchant(db, user, merchant_id)
    revision = store.latest_revision(db, user, merchant_id)
    if revision is None:
        raise HTTPException(404, "the merchant has no team yet")
    return base_document(merchant, revision), revision


def reads_masked(db: DbDep, user: store.User, merchant_id: Id) -> bool:
    """True when the caller only views the merchant's workspace: they read phones masked (138****8000)."""
    merchant = store.get_merchant(db, user, merchant_id)
    return store.role_in(db, user, merchant.workspace_id) == "viewer"


@router.get("/merchants/{merchant_id}/check", responses=report_responses(TEAM_SCHEMA))
def check_merchant(merchant_id: Id, db: DbDep, user: ApiUserDep, core: CoreDep, lang: Lang = "zh",
                   format: Format = "json") -> Response:
    """Check the merchant's latest team (as `douyin-team check`); a viewer reads the phones masked."""
    document, _ = latest_document(db, user, merchant_id)
    return report(core.check(document, lang, None, format, reads_masked(db, user, merchant_id)), format)


@router.get("/merchants/{merchant_id}/chart",
            responses={200: {"content": {m: {} for m in CHART_MEDIA.values()}}, **ACCEPTED})
async def chart_merchant(request: Request, merchant_id: Id, db: DbDep, user: ApiUserDep, core: CoreDep,
                         lang: Lang = "zh", format: Literal["svg", "png", "pdf", "html", "json", "mmd", "dot",
                                                            "drawio"] = "svg") -> Response:
    """The org chart of the merchant's latest team. PNG and PDF of a big team (or when the renderers are busy)
    are its export job, the same as the team page's download: 202, `Location` the job (web/exports.py)."""
    def read() -> tuple[dict[str, Any], Any]:
        try:
            return latest_document(db, user, merchant_id)
        finally:
            db.commit()  # no transaction held while the render (or its job) is waited for

    document, revision = await run_in_threadpool(read)
    draw = partial(core.chart, document, format, lang, revision.created_at.date().isoformat())
    if not is_heavy("chart", format):
        return Response(await run_in_threadpool(draw), media_type=CHART_MEDIA[format])
    check_people(document, "chart", format)

    def job_params() -> tuple[dict[str, Any], int]:  # the team page's download's: one artefact for both
        merchant = store.get_merchant(db, user, merchant_id)
        try:
            return export_params(merchant, revision, "chart", format, lang), merchant.workspace_id
        finally:
            db.commit()

    params, workspace_id = await run_in_threadpool(job_params)
    return await api_render(request, "chart", params, lambda: run_in_threadpool(draw), workspace_id)
