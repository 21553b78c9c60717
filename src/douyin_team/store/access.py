"""Who may do what: a member's role decides; a non-member is told the thing does not exist."""

from __future__ import annotations

from typing import Literal

from sqlalchemy import and_, select
from sqlalchemy.orm import Session

from .errors import Forbidden, NotFound
from .models import Membership, Merchant, User

Role = Literal["owner", "editor", "viewer"]
RANK = {"viewer": 1, "editor": 2, "owner": 3}
ACTION = {"viewer": "see", "editor": "edit", "owner": "manage"}
MAX_ID = 2**31 - 1  # ids and numbers are 32-bit integer columns: anything else cannot exist


def valid_id(value: int) -> bool:
    """Whether the value could be an id (or revision number) at all; others are NotFound without a query."""
    return isinstance(value, int) and 0 < value <= MAX_ID


def role_in(s: Session, actor: User, workspace_id: int) -> str | None:
    """The actor's role in the workspace (owner, editor or viewer), or None when not a member."""
    if not valid_id(workspace_id):
        return None
    return s.scalar(select(Membership.role).where(
        Membership.workspace_id == workspace_id, Membership.user_id == actor.id))


def require(s: Session, actor: User, workspace_id: int, need: Role) -> str:
    """The actor's role if it is at least `need`: NotFound for a non-member, Forbidden for a weaker role."""
    return _check(role_in(s, actor, workspace_id), need, NotFound(f"no workspace {workspace_id}", field="workspace_id"))


def merchant_for(s: Session, actor: User, merchant_id: int, need: Role) -> Merchant:
    """The merchant if the actor's role in its workspace is at least `need` (NotFound hides the rest).

    One query: the merchant and the actor's membership of its workspace, if any.
    """
    return merchant_and_role(s, actor, merchant_id, need)[0]


def merchant_and_role(s: Session, actor: User, merchant_id: int, need: Role) -> tuple[Merchant, str]:
    """`merchant_for`, and the actor's role in the merchant's workspace (the same one query)."""
    member = and_(Membership.workspace_id == Merchant.workspace_id, Membership.user_id == actor.id)
    row = s.execute(select(Merchant, Membership.role).outerjoin(Membership, member)
                    .where(Merchant.id == merchant_id)).first() if valid_id(merchant_id) else None
    role = _check(row[1] if row is not None else None, need, NotFound(f"no merchant {merchant_id}", field="merchant_id"))
    assert row is not None  # a role implies the row
    merchant: Merchant = row[0]
    return merchant, role


def _check(role: str | None, need: Role, missing: NotFound) -> str:
    if role is None:
        raise missing
    if RANK[role] < RANK[need]:
        raise Forbidden(f"a {role} cannot {ACTION[need]} this workspace", field="role",
                        hint=f"ask an owner to make you an {need}")
    return role
