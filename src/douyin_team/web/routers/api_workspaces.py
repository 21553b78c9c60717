"""API: workspaces and their members."""

from __future__ import annotations

from typing import Any

from fastapi import APIRouter, Request

from ... import store
from ..deps import ApiUserDep, DbDep, Id
from ..mail import mail_invite
from ..schemas import MemberIn, WorkspaceIn

router = APIRouter(prefix="/api/v1", tags=["workspaces"])


def workspace_out(ws: store.Workspace, role: str | None = None) -> dict[str, Any]:
    """A workspace as JSON."""
    return {"id": ws.id, "name": ws.name, "kind": ws.kind, "role": role}


@router.get("/workspaces")
def list_workspaces(db: DbDep, user: ApiUserDep) -> list[dict[str, Any]]:
    """The caller's workspaces with the caller's role in each."""
    return [workspace_out(ws, role) for ws, role in store.list_workspaces(db, user)]


@router.post("/workspaces", status_code=201)
def create_workspace(body: WorkspaceIn, db: DbDep, user: ApiUserDep) -> dict[str, Any]:
    """Make a workspace; the caller becomes its owner."""
    return workspace_out(store.create_workspace(db, user, body.name, body.kind), "owner")


@router.get("/workspaces/{workspace_id}/members")
def list_members(workspace_id: Id, db: DbDep, user: ApiUserDep) -> list[dict[str, Any]]:
    """The members of a workspace (members only): each one's `user_id`, email, name and role."""
    return [{"user_id": m.user_id, "email": m.user.email, "display_name": m.user.display_name, "role": m.role}
            for m in store.list_members(db, user, workspace_id)]


@router.post("/workspaces/{workspace_id}/members", status_code=201)
def add_member(request: Request, workspace_id: Id, body: MemberIn, db: DbDep, user: ApiUserDep) -> dict[str, Any]:
    """Add a member whose email is verified, or invite the email (owners only): the invite link is mailed and
    returned once in `invite_url`; only a signed-in user with that verified email can accept it. `user_id` is
    the member's (what removing them takes), null for an invite."""
    added = store.add_member(db, user, workspace_id, body.email, body.role)
    if isinstance(added, store.Invitation):
        workspace = store.get_workspace(db, user, workspace_id)
        url = mail_invite(request, added.invite.email, workspace.name, added.token)
        return {"user_id": None, "email": added.invite.email, "role": body.role, "invited": True,
                "invite_id": added.invite.id, "invite_url": url}
    return {"user_id": added.user_id, "email": added.user.email, "role": body.role, "invited": False,
            "invite_id": None, "invite_url": None}


@router.get("/workspaces/{workspace_id}/invites")
def list_invites(workspace_id: Id, db: DbDep, user: ApiUserDep) -> list[dict[str, Any]]:
    """The invites waiting to be accepted (members only)."""
    return [{"id": i.id, "email": i.email, "role": i.role,
             "expires_at": i.expires_at.isoformat() if i.expires_at else None}
            for i in store.list_invites(db, user, workspace_id)]


@router.delete("/workspaces/{workspace_id}/invites/{invite_id}", status_code=204)
def cancel_invite(workspace_id: Id, invite_id: Id, db: DbDep, user: ApiUserDep) -> None:
    """Withdraw an invite (owners only): its link stops working."""
    store.cancel_invite(db, user, workspace_id, invite_id)


@router.delete("/workspaces/{workspace_id}/members/{user_id}", status_code=204)
def remove_member(workspace_id: Id, user_id: Id, db: DbDep, user: ApiUserDep) -> None:
    """Remove a member (owners only; a workspace keeps an owner)."""
    store.remove_member(db, user, workspace_id, user_id)
