"""API: a merchant's team and its revisions (save with conflict detection, list, get, compare, restore)."""

from __future__ import annotations

from typing import Any

from fastapi import APIRouter
from fastapi.encoders import jsonable_encoder
from fastapi.responses import JSONResponse

from ... import store
from ..api_input import strict_team
from ..compute import error_body, stored_with_ids
from ..deps import ApiUserDep, CoreDep, DbDep, Id, Number
from ..phones import masked_diff, masked_document
from ..schemas import ERROR_SCHEMA, RestoreIn, TeamSave
from .api_merchants import reads_masked

router = APIRouter(prefix="/api/v1", tags=["teams and revisions"])
CONFLICT: dict[int | str, dict[str, Any]] = {409: {"description": "Saved meanwhile by someone else: both versions",
                  "content": {"application/json": {"schema": ERROR_SCHEMA}}}}


def revision_out(r: store.Revision, document: bool = True, ids: bool = False, masked: bool = False) -> dict[str, Any]:
    """A revision as JSON (with its document unless listing; people's ids only when asked for; phones
    masked for a viewer)."""
    out: dict[str, Any] = {"number": r.number, "author_id": r.author_id, "author_name": r.author_name,
                           "created_at": r.created_at.isoformat(), "message": r.message,
                           "summary": getattr(r, "summary", "")}
    if document:
        shown = r.document if ids else store.without_ids(r.document)
        out["document"] = masked_document(shown) if masked else shown
    return out


def conflict_response(conflict: store.EditConflict) -> JSONResponse:
    """409 with the latest saved version and the one that was not saved."""
    body = error_body(conflict)
    body.update(latest=revision_out(conflict.latest), yours=conflict.yours)
    return JSONResponse(jsonable_encoder(body), status_code=409)


@router.get("/merchants/{merchant_id}/team")
def get_team(merchant_id: Id, db: DbDep, user: ApiUserDep, ids: bool = False) -> dict[str, Any] | None:
    """The latest revision of the merchant's team (null when there is none); `?ids=true` keeps each person's
    stable id (send them back with a save and renames keep their reporting lines)."""
    revision = store.latest_revision(db, user, merchant_id)
    return revision_out(revision, ids=ids, masked=reads_masked(db, user, merchant_id)) if revision else None


@router.put("/merchants/{merchant_id}/team", responses=CONFLICT, response_model=None)
def save_team(merchant_id: Id, body: TeamSave, db: DbDep, user: ApiUserDep, core: CoreDep) -> Any:
    """Save a new revision; `base_revision` must be the latest, else 409 with both versions (nothing saved)."""
    store.get_merchant(db, user, merchant_id)
    strict_team(body.document)
    document = stored_with_ids(core, body.document)
    try:
        return revision_out(store.save_team(db, user, merchant_id, document, body.base_revision, body.message))
    except store.EditConflict as conflict:
        return conflict_response(conflict)


@router.get("/merchants/{merchant_id}/revisions")
def list_revisions(merchant_id: Id, db: DbDep, user: ApiUserDep) -> list[dict[str, Any]]:
    """Every revision, newest first: who saved it, when, and what changed."""
    return [revision_out(r, document=False) for r in store.list_revisions(db, user, merchant_id)]


@router.get("/merchants/{merchant_id}/revisions/compare")
def compare_revisions(merchant_id: Id, a: Number, b: Number, db: DbDep, user: ApiUserDep) -> Any:
    """What changed from revision `a` to revision `b`: people added, removed and changed, fields changed."""
    diff = store.compare_revisions(db, user, merchant_id, a, b)
    return jsonable_encoder(masked_diff(diff) if reads_masked(db, user, merchant_id) else diff)


@router.get("/merchants/{merchant_id}/revisions/{number}")
def get_revision(merchant_id: Id, number: Id, db: DbDep, user: ApiUserDep, ids: bool = False) -> dict[str, Any]:
    """One revision with its team document (`?ids=true`: with the people's ids)."""
    return revision_out(store.get_revision(db, user, merchant_id, number), ids=ids,
                        masked=reads_masked(db, user, merchant_id))


@router.post("/merchants/{merchant_id}/revisions/{number}/restore", responses=CONFLICT, response_model=None)
def restore_revision(merchant_id: Id, number: Id, body: RestoreIn, db: DbDep, user: ApiUserDep) -> Any:
    """A new revision copying an old one, on top of `base_revision` (409 if someone saved meanwhile)."""
    try:
        return revision_out(store.restore_revision(db, user, merchant_id, number, body.base_revision))
    except store.EditConflict as conflict:
        return conflict_response(conflict)
