"""API: workspaces and their members."""

from __future__ import annotations

from typing import Any

from fastapi import APIRouter

from ... import store
from ..deps import ApiUserDep, DbDep, Id
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
    """The members of a workspace (members only)."""
    return [{"user_id": m.user_id, "email": m.user.email, "display_name": m.user.display_name, "role": m.role}
            for m in store.list_members(db, user, workspace_id)]


@router.post("/workspaces/{workspace_id}/members", status_code=201)
def add_member(workspace_id: Id, body: MemberIn, db: DbDep, user: ApiUserDep) -> dict[str, Any]:
    """Add a member, or invite an email that has no account yet (owners only)."""
    added = store.add_member(db, user, workspace_id, body.email, body.role)
    return {"email": body.email, "role": body.role, "invited": isinstance(added, store.Invite)}


@router.delete("/workspaces/{workspace_id}/members/{user_id}", status_code=204)
def remove_member(workspace_id: Id, user_id: Id, db: DbDep, user: ApiUserDep) -> None:
    """Remove a member (owners only; a workspace keeps an owner)."""
    store.remove_member(db, user, workspace_id, user_id)
