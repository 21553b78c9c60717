"""Invite links and verified emails: nobody joins a workspace by merely signing up with an invited address.

An invite is a single-use link (random token, only its SHA-256 stored) that expires after 7 days. It is
accepted by a signed-in user whose account email is the invited one *and* verified, by a link mailed to
that address. So a stranger who registers `NEW.HIRE@example.com` before the real new hire gets nothing:
they cannot read the new hire's mail, neither the invite nor the verification link.
"""

from __future__ import annotations

import datetime as dt
import hashlib
import secrets
from dataclasses import dataclass

from sqlalchemy import delete, select
from sqlalchemy.orm import Session

from .errors import AlreadyMember, Forbidden, NotFound
from .models import EmailToken, Invite, Membership, User, Workspace, utcnow

INVITE_DAYS = 7
VERIFY_HOURS = 48


class EmailNotVerified(Forbidden):
    """The action needs an account whose email address was verified by the mailed link."""


@dataclass(frozen=True)
class Invitation:
    """An invite just made or renewed, with its link's token (shown or mailed once, never stored)."""

    invite: Invite
    token: str


def digest(token: str) -> str:
    """The SHA-256 kept in place of a link's token."""
    return hashlib.sha256(token.encode("utf-8")).hexdigest()


def renew_invite(s: Session, invite: Invite) -> Invitation:
    """Give the invite a new link and expiry (the old link stops working); commits."""
    token = secrets.token_urlsafe(32)
    invite.token_hash = digest(token)
    invite.expires_at = utcnow() + dt.timedelta(days=INVITE_DAYS)
    s.commit()
    return Invitation(invite, token)


def invite_for_link(s: Session, token: str) -> tuple[Invite, Workspace]:
    """The invite of a link and its workspace; NotFound when the link is unknown, used or expired."""
    found = s.execute(select(Invite, Workspace).join(Workspace, Workspace.id == Invite.workspace_id)
                      .where(Invite.token_hash == digest(token))).first() if token else None
    if found is None or found[0].expires_at is None or found[0].expires_at <= utcnow():
        raise NotFound("this invite link is unknown, used or expired", field="invite",
                       hint="ask the workspace's owner to invite you again")
    return found[0], found[1]


def accept_invite(s: Session, actor: User, token: str) -> Membership:
    """The signed-in actor joins by the link: their verified email must be the invited one; the link is spent."""
    invite, _workspace = invite_for_link(s, token)
    if actor.email != invite.email:
        raise Forbidden(f"this invite is for {invite.email}, not for {actor.email}", field="invite",
                        hint="sign in with the invited address, or ask for an invite to yours")
    if actor.email_verified_at is None:
        raise EmailNotVerified("verify your email address before accepting an invite", field="email",
                               hint="open the link we mailed you, or ask for a new one on the page")
    s.delete(invite)
    if s.scalar(select(Membership.id).where(Membership.workspace_id == invite.workspace_id,
                                            Membership.user_id == actor.id)) is not None:
        s.commit()
        raise AlreadyMember(f"{actor.email} is already a member", field="email")
    member = Membership(workspace_id=invite.workspace_id, user_id=actor.id, role=invite.role)
    s.add(member)
    s.commit()
    return member


def verification_token(s: Session, user: User) -> str:
    """A new single-use link token proving the user owns their email (48 hours); earlier ones stop working."""
    token = secrets.token_urlsafe(32)
    s.execute(delete(EmailToken).where(EmailToken.user_id == user.id, EmailToken.purpose == "verify"))
    s.add(EmailToken(token_hash=digest(token), user_id=user.id, purpose="verify", email=user.email,
                     expires_at=utcnow() + dt.timedelta(hours=VERIFY_HOURS)))
    s.commit()
    return token


def verify_email(s: Session, token: str) -> User:
    """Mark the email of the link's user verified (the link is spent); NotFound for an unknown or old link."""
    found = s.execute(select(EmailToken, User).join(User, User.id == EmailToken.user_id)
                      .where(EmailToken.token_hash == digest(token), EmailToken.purpose == "verify")).first()
    if found is None or found[0].expires_at <= utcnow() or found[0].email != found[1].email:
        raise NotFound("this verification link is unknown, used or expired", field="token",
                       hint="sign in and ask for a new link")
    link, user = found
    user.email_verified_at = utcnow()
    s.delete(link)
    s.commit()
    return user
