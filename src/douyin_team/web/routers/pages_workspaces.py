"""Workspaces (an agency or a merchant's own space), their merchants and members."""

from __future__ import annotations

from collections.abc import Callable

from fastapi import APIRouter, Depends, Request
from fastapi.responses import HTMLResponse, Response

from ... import store
from ...errors import DouyinTeamError
from ..deps import DbDep, FormDep, Id, PageUserDep, form_text, lang_of, verify_csrf
from ..mail import mail_invite
from ..pages import page, redirect
from ..portfolio import SORTS, merchant_rows, select_rows, totals
from ..wording import money
from .pages_titles import taught_rows

router = APIRouter(dependencies=[Depends(verify_csrf)], include_in_schema=False)
ROLES = ("owner", "editor", "viewer")


@router.get("/")
def home(request: Request, db: DbDep, user: PageUserDep) -> HTMLResponse:
    """The signed-in user's workspaces, and a form to make one."""
    return page(request, "workspaces.html", user=user, workspaces=store.list_workspaces(db, user), error=None)


@router.post("/workspaces", response_model=None)
def create_workspace(request: Request, form: FormDep, db: DbDep, user: PageUserDep) -> Response:
    """Make a workspace; the maker becomes its owner."""
    kind = "merchant" if form_text(form, "kind") == "merchant" else "agency"
    try:
        workspace = store.create_workspace(db, user, form_text(form, "name"), kind)
    except DouyinTeamError as err:
        return page(request, "workspaces.html", status_code=422, user=user,
                    workspaces=store.list_workspaces(db, user), error=err.render(lang_of(request), web=True))
    return redirect(f"/w/{workspace.id}")


@router.get("/w/{workspace_id}")
def workspace(request: Request, workspace_id: Id, db: DbDep, user: PageUserDep) -> HTMLResponse:
    """A workspace: its merchants (the agency's portfolio: search, filters, sort by any column) and its members."""
    return _workspace_page(request, db, user, workspace_id, None)


def _workspace_page(request: Request, db: DbDep, user: store.User, workspace_id: Id, error: str | None,
                    status_code: int = 200, invite_link: str | None = None) -> HTMLResponse:
    ws = store.get_workspace(db, user, workspace_id)
    role = store.role_in(db, user, workspace_id)
    core, lang = request.app.state.core, lang_of(request)
    params = request.query_params
    query, stage, sort = params.get("q", "")[:100], params.get("stage", ""), params.get("sort", "name")
    problems, descending = params.get("problems") == "1", params.get("dir") == "desc"
    archived = params.get("archived") == "1"
    view = {"q": query, "stage": stage, "problems": problems, "sort": sort, "dir": "desc" if descending else "asc",
            "archived": archived}
    merchants = store.list_merchants(db, user, workspace_id, archived=None)
    active = [m for m in merchants if m.archived_at is None]
    latest = store.latest_revisions(db, user, workspace_id)
    rows = merchant_rows(core, active, latest, lang)
    # The archived ones are only checked when asked for: they are out of the overview's totals.
    listed = merchant_rows(core, [m for m in merchants if m.archived_at is not None], latest, lang) if archived else rows
    shown = select_rows(listed, query, stage, problems, sort, descending)
    members = store.list_members(db, user, workspace_id)
    invites = store.list_invites(db, user, workspace_id) if role == "owner" else []
    return page(request, "workspace.html", status_code=status_code, user=user, workspace=ws, role=role,
                merchants=shown, all_count=len(merchants), archived_count=len(merchants) - len(active),
                totals=totals(rows), view=view, sorts=SORTS,
                stage_names={s.id: s.name.get(lang) for s in core.kb.stages}, money=lambda v: money(v, lang),
                members=members, invites=invites, roles=ROLES, error=error, invite_link=invite_link,
                titles=taught_rows(db, user, core, lang, workspace_id))


def _member_change(request: Request, db: DbDep, user: store.User, workspace_id: int,
                   change: Callable[[], object]) -> Response:
    """Run an owner's change to the members; a refused change shows the workspace page with the reason."""
    try:
        change()
    except (store.NotFound, store.Forbidden):
        raise
    except DouyinTeamError as err:
        return _workspace_page(request, db, user, workspace_id, err.render(lang_of(request), web=True), 422)
    return redirect(f"/w/{workspace_id}")


@router.post("/w/{workspace_id}/members", response_model=None)
def add_member(request: Request, form: FormDep, workspace_id: Id, db: DbDep, user: PageUserDep) -> Response:
    """Add a member whose email is verified, or mail an invite link (shown once to the owner, who may pass it
    on: only the invited, verified address can accept it). Owners only."""
    try:
        added = store.add_member(db, user, workspace_id, form_text(form, "email", 254), form_text(form, "role"))
    except (store.NotFound, store.Forbidden):
        raise
    except DouyinTeamError as err:
        return _workspace_page(request, db, user, workspace_id, err.render(lang_of(request), web=True), 422)
    if isinstance(added, store.Invitation):
        workspace = store.get_workspace(db, user, workspace_id)
        url = mail_invite(request, added.invite.email, workspace.name, added.token)
        return _workspace_page(request, db, user, workspace_id, None, invite_link=url)
    return redirect(f"/w/{workspace_id}")


@router.post("/w/{workspace_id}/members/{user_id}/role", response_model=None)
def change_role(request: Request, form: FormDep, workspace_id: Id, user_id: Id, db: DbDep,
                user: PageUserDep) -> Response:
    """Change a member's role (owners only; a workspace keeps at least one owner)."""
    role = form_text(form, "role")
    return _member_change(request, db, user, workspace_id,
                          lambda: store.change_role(db, user, workspace_id, user_id, role))


@router.post("/w/{workspace_id}/members/{user_id}/remove", response_model=None)
def remove_member(request: Request, workspace_id: Id, user_id: Id, db: DbDep, user: PageUserDep) -> Response:
    """Remove a member (owners only; a workspace keeps at least one owner)."""
    return _member_change(request, db, user, workspace_id,
                          lambda: store.remove_member(db, user, workspace_id, user_id))
