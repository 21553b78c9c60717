"""API tokens for scripts: make one (shown once), list, revoke."""

from __future__ import annotations

from fastapi import APIRouter, Depends, Request
from fastapi.responses import HTMLResponse, Response

from ... import store
from ...errors import DouyinTeamError
from ..deps import DbDep, FormDep, Id, PageUserDep, form_text, lang_of, verify_csrf
from ..pages import page, redirect

router = APIRouter(dependencies=[Depends(verify_csrf)], include_in_schema=False)


@router.get("/tokens")
def tokens(request: Request, db: DbDep, user: PageUserDep) -> HTMLResponse:
    """The user's API tokens."""
    return page(request, "tokens.html", user=user, tokens=store.list_api_tokens(db, user), new_token=None, error=None)


@router.post("/tokens", response_model=None)
def create_token(request: Request, form: FormDep, db: DbDep, user: PageUserDep) -> Response:
    """Make a token; it is shown this once and stored only as a hash."""
    try:
        token = store.create_api_token(db, user, form_text(form, "name", 100))
    except DouyinTeamError as err:
        return page(request, "tokens.html", status_code=422, user=user, tokens=store.list_api_tokens(db, user),
                    new_token=None, error=err.render(lang_of(request), web=True))
    return page(request, "tokens.html", user=user, tokens=store.list_api_tokens(db, user), new_token=token,
                error=None)


@router.post("/tokens/{token_id}/revoke")
def revoke(request: Request, token_id: Id, db: DbDep, user: PageUserDep) -> Response:
    """Revoke one of the user's tokens (at once in this process; see web/callers.py for the others)."""
    store.revoke_api_token(db, user, token_id)
    request.app.state.callers.forget_all()
    return redirect("/tokens")
