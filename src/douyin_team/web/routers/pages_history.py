"""History: every save is a revision; who changed what, compare two, restore one."""

from __future__ import annotations

from fastapi import APIRouter, Depends, Request
from fastapi.responses import HTMLResponse, Response

from ... import store
from ..deps import CoreDep, DbDep, FormDep, Id, LangDep, Number, PageUserDep, form_id, verify_csrf
from ..pages import page, redirect
from ..saving import after_conflict
from ..teamview import named_diff, roster_rows, shown_document, shown_names
from ..wording import adopted_staffing, diff_lines, message_text

router = APIRouter(dependencies=[Depends(verify_csrf)], include_in_schema=False)


@router.get("/m/{merchant_id}/history")
def history(request: Request, merchant_id: Id, db: DbDep, user: PageUserDep, core: CoreDep,
            lang: LangDep) -> HTMLResponse:
    """Every revision, newest first: number, author, time, message and what changed (in the reader's language)."""
    merchant = store.get_merchant(db, user, merchant_id)
    revisions = store.list_revisions(db, user, merchant_id)
    role = store.role_in(db, user, merchant.workspace_id)
    # The planner's seat names in `lang` (each revision read once), each side of a change named as its own
    # revision names it; compared as stored, so reading in English renames nobody.
    shown = [*(shown_names(core, [r.document], lang) for r in revisions), {}]
    older = [*revisions[1:], None]
    changes = [diff_lines(core, named_diff(store.compare_documents(o.document if o else None, r.document, core.kb),
                                           shown[i + 1], shown[i]), lang, seats=adopted_staffing(r.message))
               for i, (r, o) in enumerate(zip(revisions, older, strict=True))]
    return page(request, "history.html", user=user, merchant=merchant, revisions=revisions, changes=changes,
                message_text=lambda m: message_text(m, lang),
                can_edit=role in ("owner", "editor"), latest=revisions[0].number if revisions else None)


@router.get("/m/{merchant_id}/history/compare")
def compare(request: Request, merchant_id: Id, a: Number, b: Number, db: DbDep, user: PageUserDep, core: CoreDep,
            lang: LangDep) -> HTMLResponse:
    """Two revisions side by side, with the people added, removed and changed."""
    merchant = store.get_merchant(db, user, merchant_id)
    diff = store.compare_revisions(db, user, merchant_id, a, b)
    left, right = (store.get_revision(db, user, merchant_id, n) for n in (a, b))
    shown = named_diff(diff, shown_names(core, [left.document], lang), shown_names(core, [right.document], lang))
    return page(request, "compare.html", user=user, merchant=merchant, diff_lines=diff_lines(core, shown, lang),
                a=left, b=right, rows_a=roster_rows(core, core.team(shown_document(core, left.document, lang)), lang),
                rows_b=roster_rows(core, core.team(shown_document(core, right.document, lang)), lang))



@router.post("/m/{merchant_id}/history/{number}/restore", response_model=None)
def restore(request: Request, form: FormDep, merchant_id: Id, number: Id, db: DbDep, user: PageUserDep, core: CoreDep,
                  lang: LangDep) -> Response:
    """Make a new revision that copies an old one (the history keeps everything)."""
    try:
        store.restore_revision(db, user, merchant_id, number, form_id(form.get("base_revision")))
    except store.EditConflict as conflict:
        return redirect(after_conflict(db, user, merchant_id, conflict, f"restore #{number}"))
    return redirect(f"/m/{merchant_id}")
