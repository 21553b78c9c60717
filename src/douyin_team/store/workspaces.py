"""Workspaces (an agency or a merchant's own) and their members: owners invite editors and viewers.

An email whose account is verified joins at once; any other gets an invite link (store/invites.py) that
only a signed-in user with that verified email can accept. A workspace always keeps at least one owner.
"""

from __future__ import annotations

from sqlalchemy import case, func, select
from sqlalchemy.orm import Session, contains_eager

from ..errors import InvalidValue
from ..textpolicy import clean_text
from .access import require, valid_id
from .accounts import normal_email
from .errors import AlreadyMember, LastOwner, NotFound
from .invites import Invitation, renew_invite
from .models import KINDS, ROLES, Invite, Membership, User, Workspace


def _check_role(role: str) -> None:
    if role not in ROLES:
        raise InvalidValue(f"unknown role '{role}'", field="role", hint=f"use one of: {', '.join(ROLES)}")


def create_workspace(s: Session, actor: User, name: str, kind: str) -> Workspace:
    """A new workspace of kind agency or merchant; the actor becomes its owner."""
    label = " ".join(clean_text(name, "name").split())
    if not label or len(label) > 200:
        raise InvalidValue("a workspace name must be 1 to 200 characters", field="name")
    if kind not in KINDS:
        raise InvalidValue(f"unknown workspace kind '{kind}'", field="kind", hint="use agency or merchant")
    workspace = Workspace(name=label, kind=kind)
    s.add(workspace)
    s.flush()
    s.add(Membership(workspace_id=workspace.id, user_id=actor.id, role="owner"))
    s.commit()
    return workspace


def list_workspaces(s: Session, actor: User) -> list[tuple[Workspace, str]]:
    """The workspaces the actor belongs to, with the actor's role in each, by name."""
    query = (select(Workspace, Membership.role).join(Membership, Membership.workspace_id == Workspace.id)
             .where(Membership.user_id == actor.id).order_by(Workspace.name, Workspace.id))
    return [(workspace, role) for workspace, role in s.execute(query)]


def get_workspace(s: Session, actor: User, workspace_id: int) -> Workspace:
    """One workspace the actor belongs to; NotFound otherwise."""
    require(s, actor, workspace_id, "viewer")
    workspace = s.get(Workspace, workspace_id)
    assert workspace is not None  # a membership row cannot outlive its workspace (foreign key, cascade)
    return workspace


def add_member(s: Session, actor: User, workspace_id: int, email: str, role: str) -> Membership | Invitation:
    """Owner only: give the person with this verified email a role, or make (or renew) an invite link for it.

    Only a verified address joins at once: an account someone registered with the address but never verified
    proves nothing, so it gets the link like everybody else.
    """
    require(s, actor, workspace_id, "owner")
    _check_role(role)
    address = normal_email(email)
    user = s.scalar(select(User).where(User.email == address))
    if user is not None and user.email_verified_at is not None:
        if s.scalar(select(Membership.id).where(Membership.workspace_id == workspace_id,
                                                Membership.user_id == user.id)) is not None:
            raise AlreadyMember(f"{address} is already a member", field="email", hint="change their role instead")
        member = Membership(workspace_id=workspace_id, user_id=user.id, role=role)
        s.add(member)
        s.commit()
        return member
    if user is not None and s.scalar(select(Membership.id).where(Membership.workspace_id == workspace_id,
                                                                 Membership.user_id == user.id)) is not None:
        raise AlreadyMember(f"{address} is already a member", field="email", hint="change their role instead")
    invite = s.scalar(select(Invite).where(Invite.workspace_id == workspace_id, Invite.email == address))
    if invite is None:
        invite = Invite(workspace_id=workspace_id, email=address, role=role, invited_by=actor.id)
        s.add(invite)
    else:  # inviting again renews the link (and the role): the old link stops working
        invite.role, invite.invited_by = role, actor.id
    s.flush()
    return renew_invite(s, invite)


def list_members(s: Session, actor: User, workspace_id: int) -> list[Membership]:
    """The workspace's members (each with `.user` and `.role`): owners, editors, viewers, each by email."""
    require(s, actor, workspace_id, "viewer")
    rank = case({"owner": 0, "editor": 1}, value=Membership.role, else_=2)
    query = (select(Membership).join(Membership.user).options(contains_eager(Membership.user))
             .where(Membership.workspace_id == workspace_id).order_by(rank, User.email))
    return list(s.scalars(query))


def list_invites(s: Session, actor: User, workspace_id: int) -> list[Invite]:
    """The invites still waiting for a sign-up; any member may look."""
    require(s, actor, workspace_id, "viewer")
    query = select(Invite).where(Invite.workspace_id == workspace_id).order_by(Invite.email)
    return list(s.scalars(query))


def cancel_invite(s: Session, actor: User, workspace_id: int, invite: str | int) -> None:
    """Owner only: withdraw a waiting invite, by its email or its id; its link stops working."""
    require(s, actor, workspace_id, "owner")
    if isinstance(invite, int):
        where = Invite.id == (invite if valid_id(invite) else 0)
    else:
        where = Invite.email == clean_text(invite, "email").strip().lower()
    found = s.scalar(select(Invite).where(Invite.workspace_id == workspace_id, where))
    if found is None:
        raise NotFound(f"no invite {str(invite).strip()[:80]}", field="invite")
    s.delete(found)
    s.commit()


def _membership(s: Session, workspace_id: int, user_id: int) -> Membership:
    # Owners' rows first, locked (PostgreSQL; SQLite lets one writer in at a time anyway), so two owners
    # demoting each other at once cannot both succeed. Then the member's row as it is now.
    s.scalars(select(Membership.id).where(Membership.workspace_id == workspace_id, Membership.role == "owner")
              .with_for_update()).all()
    query = (select(Membership).where(Membership.workspace_id == workspace_id, Membership.user_id == user_id)
             .execution_options(populate_existing=True))
    member = s.scalar(query) if valid_id(user_id) else None
    if member is None:
        raise NotFound(f"user {user_id} is not a member", field="user_id")
    return member


def _commit_keeping_an_owner(s: Session, workspace_id: int) -> None:
    """Commit the pending change unless it leaves the workspace without an owner (counted after the change)."""
    s.flush()
    owners = s.scalar(select(func.count()).select_from(Membership).where(
        Membership.workspace_id == workspace_id, Membership.role == "owner"))
    if not owners:
        s.rollback()
        raise LastOwner("the workspace would have no owner", field="role", hint="make someone else an owner first")
    s.commit()


def remove_member(s: Session, actor: User, workspace_id: int, user_id: int) -> None:
    """Owner only (or a member leaving by themselves): remove a member, never the last owner."""
    require(s, actor, workspace_id, "viewer" if user_id == actor.id else "owner")
    s.delete(_membership(s, workspace_id, user_id))
    _commit_keeping_an_owner(s, workspace_id)


def change_role(s: Session, actor: User, workspace_id: int, user_id: int, role: str) -> Membership:
    """Owner only: change a member's role, never demoting the last owner."""
    require(s, actor, workspace_id, "owner")
    _check_role(role)
    member = _membership(s, workspace_id, user_id)
    member.role = role
    _commit_keeping_an_owner(s, workspace_id)
    return member
