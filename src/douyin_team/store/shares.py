"""Read-only share links: a random token that shows one merchant's chart and findings to anyone holding it,
until it expires or is revoked. Only the token's SHA-256 is kept, so a link is shown once, when it is made."""

from __future__ import annotations

import datetime as dt
import hashlib
import secrets

from sqlalchemy import select
from sqlalchemy.orm import Session

from ..errors import InvalidValue
from .access import merchant_for
from .errors import NotFound
from .models import Merchant, Revision, ShareLink, User, utcnow

SHARE_PREFIX = "s_"
MAX_DAYS = 365


def _digest(token: str) -> str:
    return hashlib.sha256(token.encode("utf-8")).hexdigest()


def create_share_link(s: Session, actor: User, merchant_id: int, days: int, label: str = "") -> tuple[ShareLink, str]:
    """Editors and owners: a link valid for `days` (1–365); returns it and its token (shown once)."""
    merchant_for(s, actor, merchant_id, "editor")
    if not isinstance(days, int) or not 1 <= days <= MAX_DAYS:
        raise InvalidValue(f"a share link lasts 1 to {MAX_DAYS} days", field="days")
    token = SHARE_PREFIX + secrets.token_urlsafe(24)
    now = utcnow()
    link = ShareLink(token_hash=_digest(token), merchant_id=merchant_id, created_by=actor.id,
                     label=" ".join(label.split())[:100], created_at=now, expires_at=now + dt.timedelta(days=days))
    s.add(link)
    s.commit()
    return link, token


def list_share_links(s: Session, actor: User, merchant_id: int) -> list[ShareLink]:
    """The merchant's share links, newest first (revoked and expired ones too, marked by their dates)."""
    merchant_for(s, actor, merchant_id, "viewer")
    query = select(ShareLink).where(ShareLink.merchant_id == merchant_id).order_by(ShareLink.id.desc())
    return list(s.scalars(query))


def revoke_share_link(s: Session, actor: User, merchant_id: int, link_id: int) -> None:
    """Editors and owners: the link stops working now."""
    merchant_for(s, actor, merchant_id, "editor")
    link = s.scalar(select(ShareLink).where(ShareLink.id == link_id, ShareLink.merchant_id == merchant_id))
    if link is None:
        raise NotFound(f"no share link {link_id}", field="link_id")
    if link.revoked_at is None:
        link.revoked_at = utcnow()
        s.commit()


def merchant_for_share(s: Session, token: str) -> Merchant | None:
    """The merchant a live share token shows, or None (unknown, expired or revoked: all look the same)."""
    if not token.startswith(SHARE_PREFIX) or len(token) > 100:
        return None
    link = s.scalar(select(ShareLink).where(ShareLink.token_hash == _digest(token)))
    if link is None or link.revoked_at is not None or link.expires_at <= utcnow():
        return None
    return s.get(Merchant, link.merchant_id)


def shared_revision(s: Session, merchant: Merchant) -> Revision | None:
    """The latest revision of a merchant reached through a live share link (no member check: the link is it)."""
    query = select(Revision).where(Revision.merchant_id == merchant.id).order_by(Revision.number.desc()).limit(1)
    return s.scalar(query)
