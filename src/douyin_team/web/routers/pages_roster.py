"""The roster editor's save (one JSON document, any size) and the merge page for edits that met a newer save."""

from __future__ import annotations

import json
from typing import Any

from fastapi import APIRouter, Depends, Request
from fastapi.responses import HTMLResponse, JSONResponse, Response
from starlette.concurrency import run_in_threadpool

from ... import store
from ...errors import DouyinTeamError, InvalidValue
from ..csrf import CSRF_COOKIE, CSRF_HEADER, refusal, valid
from ..deps import (
    SESSION_COOKIE,
    CoreDep,
    DbDep,
    FormDep,
    Id,
    LangDep,
    PageUserDep,
    csrf_secret,
    form_id,
    verify_csrf,
)
from ..errortext import localized, row_of
from ..pages import page, redirect
from ..saving import merged_message, save_or_merge
from ..teamview import base_document, named_merge, people_from_rows, rows_from_json, shown_names, stored_rows
from ..wording import change_lines, field_label, value_text

router = APIRouter(include_in_schema=False)
forms = APIRouter(dependencies=[Depends(verify_csrf)], include_in_schema=False)


def error_json(err: DouyinTeamError, lang: str, status: int = 422) -> JSONResponse:
    """An error for the page's script: the line to show (in the reader's language) and the row it is about."""
    field = (err.field or "").rpartition(".")[2] if row_of(err) is not None else err.field
    return JSONResponse({"error": {"message": localized(err, "en" if lang == "en" else "zh"), "row": row_of(err),
                                   "field": field}}, status_code=status)


@router.post("/m/{merchant_id}/roster.json", response_model=None)
async def save_roster_json(request: Request, merchant_id: Id, db: DbDep, user: PageUserDep, core: CoreDep,
                           lang: LangDep) -> Response:
    """Save the roster the page's script sends as one JSON document: `{base_revision, message, people: [rows]}`.

    No per-field form limit, so a team of any size saves. Answers `{location}` (saved, or merged, or the merge
    page) or 422 with `{error: {message, row, field}}`: the page shows it and keeps the edit.
    """
    secret = request.app.state.secret or await run_in_threadpool(csrf_secret, request)
    if not valid(secret, request.headers.get(CSRF_HEADER), request.cookies.get(CSRF_COOKIE),
                 request.cookies.get(SESSION_COOKIE)):
        return JSONResponse({"error": {"message": refusal(lang)}}, status_code=403)
    try:
        body = json.loads(await request.body())
    except (UnicodeDecodeError, json.JSONDecodeError):
        return error_json(InvalidValue("the roster is not valid JSON", field="people"), lang)
    return await run_in_threadpool(_save_json, db, user, core, lang, merchant_id, body)


def _save_json(db: Any, user: store.User, core: CoreDep, lang: LangDep, merchant_id: int, body: Any) -> Response:
    try:
        rows = rows_from_json(body)
        merchant = store.get_merchant(db, user, merchant_id)
        document = base_document(merchant, store.latest_revision(db, user, merchant_id))
        document["people"] = people_from_rows(stored_rows(core, document, rows, lang))  # seat names as stored
        text = body.get("message") if isinstance(body.get("message"), str) else ""
        message = text.strip()[:200] or ("编辑人员表" if lang == "zh" else "Edited the roster")
        location = save_or_merge(db, user, core, merchant_id, document, form_id(body.get("base_revision")), message)
    except (store.NotFound, store.Forbidden) as err:
        return error_json(err, lang, 404 if isinstance(err, store.NotFound) else 403)
    except DouyinTeamError as err:
        return error_json(_row_in_table(err, rows if "rows" in locals() else []), lang)
    return JSONResponse({"location": location})


def _row_in_table(err: DouyinTeamError, rows: list[dict[str, Any]]) -> DouyinTeamError:
    """The error's `people[i]` counted among the table's rows (blank and removed rows are not in `people`)."""
    index = row_of(err)
    kept = [i for i, r in enumerate(rows) if r["name"] and not r.get("remove")]
    if index is not None and index < len(kept) and err.field:
        err.field = f"people[{kept[index]}]" + err.field.partition("]")[2]
    return err


def merge_view(core: CoreDep, lang: LangDep, merge: store.Merge) -> tuple[list[str], list[dict[str, Any]]]:
    """What merged by itself (lines) and each clash as a row: person, field, the value before and each side's."""
    clashes = []
    for i, c in enumerate(merge.clashes):
        clashes.append({"index": i, "person": c.person or ("商家信息" if lang == "zh" else "Merchant"),
                        "field": field_label(c.field, lang),
                        "base": value_text(core, c.field, c.base, lang),
                        "theirs": value_text(core, c.field, c.theirs, lang) if c.theirs is not None else
                        ("（已删除）" if lang == "zh" else "(removed)"),
                        "mine": value_text(core, c.field, c.mine, lang) if c.mine is not None else
                        ("（已删除）" if lang == "zh" else "(removed)")})
    return change_lines(core, merge.changes, lang), clashes


def _merge_parts(db: Any, user: store.User, merchant_id: int, draft_id: int) -> tuple[Any, Any, dict[str, Any], Any]:
    draft = store.get_draft(db, user, merchant_id, draft_id)
    latest = store.latest_revision(db, user, merchant_id)
    base = (store.get_revision(db, user, merchant_id, draft.base_revision).document if draft.base_revision
            else {"people": []})
    return draft, latest, base, store.merge_documents(base, latest.document if latest else {"people": []},
                                                      draft.document)


@forms.get("/m/{merchant_id}/merge/{draft_id}")
def merge(request: Request, merchant_id: Id, draft_id: Id, db: DbDep, user: PageUserDep, core: CoreDep,
          lang: LangDep) -> HTMLResponse:
    """Your edit and the revision saved meanwhile: merged changes listed, clashes field by field to decide."""
    return merge_page(request, merchant_id, draft_id, db, user, core, lang)


def merge_page(request: Request, merchant_id: int, draft_id: int, db: Any, user: store.User, core: CoreDep,
               lang: LangDep, error: str | None = None, status_code: int = 200) -> HTMLResponse:
    """The merge page (with an error line after a refused save)."""
    draft, latest, base, merge = _merge_parts(db, user, merchant_id, draft_id)
    # The planner's seat names in `lang`, shown only: the save resolves the stored documents (`save_merge`).
    theirs = latest.document if latest else {"people": []}
    names = (shown_names(core, [base], lang), shown_names(core, [theirs], lang), shown_names(core, [draft.document], lang))
    changes, clashes = merge_view(core, lang, named_merge(merge, (base, theirs, draft.document), names, lang))
    return page(request, "merge.html", status_code=status_code, user=user,
                merchant=store.get_merchant(db, user, merchant_id), draft=draft, latest=latest, changes=changes,
                clashes=clashes, error=error)


@forms.post("/m/{merchant_id}/merge/{draft_id}", response_model=None)
def save_merge(request: Request, form: FormDep, merchant_id: Id, draft_id: Id, db: DbDep, user: PageUserDep,
               core: CoreDep, lang: LangDep) -> Response:
    """Save the merge with the user's pick for every clash (on the revision the page showed)."""
    draft, latest, base, merge = _merge_parts(db, user, merchant_id, draft_id)
    if latest is None or form_id(form.get("latest")) != latest.number:  # saved again meanwhile: decide again
        message = "又有人保存了新版本，请重新确认" if lang == "zh" else "Saved again meanwhile: please check again"
        return merge_page(request, merchant_id, draft_id, db, user, core, lang, message, 409)
    picks = {i: str(form.get(f"pick_{i}")) for i in range(len(merge.clashes))}
    document = store.resolve(base, latest.document, draft.document, picks)
    try:
        store.save_team(db, user, merchant_id, document, latest.number, merged_message(draft.message))
    except DouyinTeamError as err:
        db.rollback()
        return merge_page(request, merchant_id, draft_id, db, user, core, lang, localized(err, lang), 422)
    store.drop_draft(db, user, merchant_id, draft_id)
    return redirect(f"/m/{merchant_id}")


@forms.post("/m/{merchant_id}/merge/{draft_id}/drop", response_model=None)
def drop_merge(merchant_id: Id, draft_id: Id, db: DbDep, user: PageUserDep) -> Response:
    """Give the edit up and keep the saved version."""
    store.drop_draft(db, user, merchant_id, draft_id)
    return redirect(f"/m/{merchant_id}")
