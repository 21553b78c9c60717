"""The database tables as typed SQLAlchemy 2 models. Migrations in `migrations/versions` create them."""

from __future__ import annotations

import datetime as dt
from typing import Any

from sqlalchemy import (
    JSON,
    CheckConstraint,
    DateTime,
    ForeignKey,
    Index,
    MetaData,
    String,
    Text,
    TypeDecorator,
    UniqueConstraint,
)
from sqlalchemy.engine import Dialect
from sqlalchemy.orm import DeclarativeBase, Mapped, mapped_column, relationship

ROLES = ("owner", "editor", "viewer")
ROLE_CHECK = "role IN (" + ", ".join(f"'{r}'" for r in ROLES) + ")"
KINDS = ("agency", "merchant")

# Stable constraint names, so migrations can refer to them on SQLite and PostgreSQL alike.
NAMING = {
    "ix": "ix_%(column_0_label)s",
    "uq": "uq_%(table_name)s_%(column_0_name)s",
    "ck": "ck_%(table_name)s_%(constraint_name)s",
    "fk": "fk_%(table_name)s_%(column_0_name)s_%(referred_table_name)s",
    "pk": "pk_%(table_name)s",
}


def utcnow() -> dt.datetime:
    """The current time in UTC, timezone-aware."""
    return dt.datetime.now(dt.UTC)


class UTCDateTime(TypeDecorator[dt.datetime]):
    """A moment stored as naive UTC and read back timezone-aware, the same on SQLite and PostgreSQL."""

    impl = DateTime
    cache_ok = True

    def process_bind_param(self, value: dt.datetime | None, dialect: Dialect) -> dt.datetime | None:
        if value is None:
            return None
        if value.tzinfo is None:
            raise ValueError("naive datetime given to a UTC column")
        return value.astimezone(dt.UTC).replace(tzinfo=None)

    def process_result_value(self, value: dt.datetime | None, dialect: Dialect) -> dt.datetime | None:
        return None if value is None else value.replace(tzinfo=dt.UTC)


class Base(DeclarativeBase):
    """The declarative base: naming convention and type map shared by every table."""

    metadata = MetaData(naming_convention=NAMING)
    type_annotation_map = {dt.datetime: UTCDateTime(), dict[str, Any]: JSON()}


class User(Base):
    """A person with an account (email + argon2id password hash)."""

    __tablename__ = "users"

    id: Mapped[int] = mapped_column(primary_key=True)
    email: Mapped[str] = mapped_column(String(254), unique=True)
    display_name: Mapped[str] = mapped_column(String(100))
    password_hash: Mapped[str] = mapped_column(String(200))
    created_at: Mapped[dt.datetime] = mapped_column(default=utcnow)
    email_verified_at: Mapped[dt.datetime | None] = mapped_column(default=None)

    def __repr__(self) -> str:
        return f"User(id={self.id}, email={self.email!r})"


class AuthSession(Base):
    """A signed-in browser session; only the SHA-256 of its token is kept."""

    __tablename__ = "auth_sessions"

    id: Mapped[int] = mapped_column(primary_key=True)
    token_hash: Mapped[str] = mapped_column(String(64), unique=True)
    user_id: Mapped[int] = mapped_column(ForeignKey("users.id", ondelete="CASCADE"), index=True)
    created_at: Mapped[dt.datetime] = mapped_column(default=utcnow)
    expires_at: Mapped[dt.datetime] = mapped_column()


class ApiToken(Base):
    """A token for scripts using the JSON API; shown once, only its SHA-256 kept."""

    __tablename__ = "api_tokens"

    id: Mapped[int] = mapped_column(primary_key=True)
    token_hash: Mapped[str] = mapped_column(String(64), unique=True)
    user_id: Mapped[int] = mapped_column(ForeignKey("users.id", ondelete="CASCADE"), index=True)
    name: Mapped[str] = mapped_column(String(100))
    created_at: Mapped[dt.datetime] = mapped_column(default=utcnow)
    last_used_at: Mapped[dt.datetime | None] = mapped_column(default=None)
    expires_at: Mapped[dt.datetime | None] = mapped_column(default=None)  # None: made before 0003, no expiry


class LoginAttempt(Base):
    """A sign-in (until it succeeds) or a sign-up, counted per email and client address for the rate limits
    (store/throttle.py)."""

    __tablename__ = "login_attempts"
    __table_args__ = (Index("ix_login_attempts_email_ip_at", "email", "client_ip", "at"),
                      Index("ix_login_attempts_client_ip_at", "client_ip", "at"),
                      Index("ix_login_attempts_at", "at"))

    id: Mapped[int] = mapped_column(primary_key=True)
    email: Mapped[str] = mapped_column(String(254))
    client_ip: Mapped[str] = mapped_column(String(64))
    at: Mapped[dt.datetime] = mapped_column(default=utcnow)
    kind: Mapped[str] = mapped_column(String(10), default="signin", server_default="signin")


class Workspace(Base):
    """An agency (代运营) or a merchant's own space: it holds members and merchants."""

    __tablename__ = "workspaces"
    __table_args__ = (CheckConstraint("kind IN ('agency', 'merchant')", name="kind"),)

    id: Mapped[int] = mapped_column(primary_key=True)
    name: Mapped[str] = mapped_column(String(200))
    kind: Mapped[str] = mapped_column(String(20))
    created_at: Mapped[dt.datetime] = mapped_column(default=utcnow)


class Membership(Base):
    """A user's role in a workspace: owner, editor or viewer."""

    __tablename__ = "memberships"
    __table_args__ = (
        UniqueConstraint("workspace_id", "user_id", name="uq_memberships_workspace_user"),
        CheckConstraint(ROLE_CHECK, name="role"),
    )

    id: Mapped[int] = mapped_column(primary_key=True)
    workspace_id: Mapped[int] = mapped_column(ForeignKey("workspaces.id", ondelete="CASCADE"))
    user_id: Mapped[int] = mapped_column(ForeignKey("users.id", ondelete="CASCADE"), index=True)
    role: Mapped[str] = mapped_column(String(20))
    created_at: Mapped[dt.datetime] = mapped_column(default=utcnow)

    user: Mapped[User] = relationship(lazy="joined")


class Invite(Base):
    """An invitation to a workspace: a single-use link (only its SHA-256 kept) with an expiry, accepted by a
    signed-in user whose verified email is the invited one. Accepting deletes it."""

    __tablename__ = "invites"
    __table_args__ = (
        UniqueConstraint("workspace_id", "email", name="uq_invites_workspace_email"),
        CheckConstraint(ROLE_CHECK, name="role"),
        Index("ix_invites_token_hash", "token_hash", unique=True),
    )

    id: Mapped[int] = mapped_column(primary_key=True)
    workspace_id: Mapped[int] = mapped_column(ForeignKey("workspaces.id", ondelete="CASCADE"))
    email: Mapped[str] = mapped_column(String(254), index=True)
    role: Mapped[str] = mapped_column(String(20))
    invited_by: Mapped[int | None] = mapped_column(ForeignKey("users.id", ondelete="SET NULL"))
    created_at: Mapped[dt.datetime] = mapped_column(default=utcnow)
    token_hash: Mapped[str | None] = mapped_column(String(64), default=None)  # None: made before links (0003)
    expires_at: Mapped[dt.datetime | None] = mapped_column(default=None)


class EmailToken(Base):
    """A single-use link mailed to an address: `verify` proves the user owns their email."""

    __tablename__ = "email_tokens"
    __table_args__ = (CheckConstraint("purpose IN ('verify', 'reset')", name="purpose"),)

    id: Mapped[int] = mapped_column(primary_key=True)
    token_hash: Mapped[str] = mapped_column(String(64), unique=True)
    user_id: Mapped[int] = mapped_column(ForeignKey("users.id", ondelete="CASCADE"), index=True)
    purpose: Mapped[str] = mapped_column(String(20))
    email: Mapped[str] = mapped_column(String(254))
    created_at: Mapped[dt.datetime] = mapped_column(default=utcnow)
    expires_at: Mapped[dt.datetime] = mapped_column()


class Merchant(Base):
    """A merchant (商家) of a workspace, with the planner's profile answers."""

    __tablename__ = "merchants"

    id: Mapped[int] = mapped_column(primary_key=True)
    workspace_id: Mapped[int] = mapped_column(ForeignKey("workspaces.id", ondelete="CASCADE"), index=True)
    name: Mapped[str] = mapped_column(String(200))
    profile: Mapped[dict[str, Any]] = mapped_column()
    created_at: Mapped[dt.datetime] = mapped_column(default=utcnow)
    updated_at: Mapped[dt.datetime] = mapped_column(default=utcnow, onupdate=utcnow)
    # Set when an agency archives the merchant: kept with its history, hidden from the list unless asked for.
    archived_at: Mapped[dt.datetime | None] = mapped_column(default=None)


class Revision(Base):
    """One save of a merchant's team: the whole team document, numbered 1, 2, 3 … per merchant.

    The unique (merchant, number) pair is what makes concurrent saves safe: two saves on the same base
    both try to insert the same number, and the database lets only one of them in.
    """

    __tablename__ = "revisions"
    __table_args__ = (UniqueConstraint("merchant_id", "number", name="uq_revisions_merchant_number"),)

    id: Mapped[int] = mapped_column(primary_key=True)
    merchant_id: Mapped[int] = mapped_column(ForeignKey("merchants.id", ondelete="CASCADE"))
    number: Mapped[int] = mapped_column()
    document: Mapped[dict[str, Any]] = mapped_column()
    author_id: Mapped[int | None] = mapped_column(ForeignKey("users.id", ondelete="SET NULL"))
    author_name: Mapped[str] = mapped_column(String(100))
    created_at: Mapped[dt.datetime] = mapped_column(default=utcnow)
    message: Mapped[str] = mapped_column(Text, default="")
    summary: Mapped[str] = mapped_column(Text, default="")


class AppSecret(Base):
    """A random secret shared by every app process (e.g. the key that signs CSRF tokens), made on first use."""

    __tablename__ = "app_secrets"

    name: Mapped[str] = mapped_column(String(50), primary_key=True)
    value: Mapped[str] = mapped_column(String(200))
    created_at: Mapped[dt.datetime] = mapped_column(default=utcnow)


class Draft(Base):
    """An edit that could not be saved because someone saved first: kept until it is merged or dropped."""

    __tablename__ = "drafts"

    id: Mapped[int] = mapped_column(primary_key=True)
    merchant_id: Mapped[int] = mapped_column(ForeignKey("merchants.id", ondelete="CASCADE"), index=True)
    author_id: Mapped[int] = mapped_column(ForeignKey("users.id", ondelete="CASCADE"))
    base_revision: Mapped[int] = mapped_column()
    document: Mapped[dict[str, Any]] = mapped_column()
    message: Mapped[str] = mapped_column(Text, default="")
    created_at: Mapped[dt.datetime] = mapped_column(default=utcnow)


class Scenario(Base):
    """A "what if" team kept beside the merchant's current one (the next stage's plan, a staffing result, or a
    copy to try changes on): named, editable, comparable and adoptable as a new revision."""

    __tablename__ = "scenarios"

    id: Mapped[int] = mapped_column(primary_key=True)
    merchant_id: Mapped[int] = mapped_column(ForeignKey("merchants.id", ondelete="CASCADE"), index=True)
    name: Mapped[str] = mapped_column(String(100))
    kind: Mapped[str] = mapped_column(String(20))
    document: Mapped[dict[str, Any]] = mapped_column()
    author_id: Mapped[int | None] = mapped_column(ForeignKey("users.id", ondelete="SET NULL"))
    author_name: Mapped[str] = mapped_column(String(100), default="")
    created_at: Mapped[dt.datetime] = mapped_column(default=utcnow)
    updated_at: Mapped[dt.datetime] = mapped_column(default=utcnow)


class TitleMeaning(Base):
    """A job title a workspace has taught the tool once ("this title means …"): the posts it stands for, used
    whenever a team of that workspace is read, before the knowledge base's own aliases."""

    __tablename__ = "title_meanings"
    __table_args__ = (UniqueConstraint("workspace_id", "title", name="uq_title_meanings_workspace_id"),)

    id: Mapped[int] = mapped_column(primary_key=True)
    workspace_id: Mapped[int] = mapped_column(ForeignKey("workspaces.id", ondelete="CASCADE"))
    title: Mapped[str] = mapped_column(String(100))
    posts: Mapped[list[str]] = mapped_column(JSON)
    author_id: Mapped[int | None] = mapped_column(ForeignKey("users.id", ondelete="SET NULL"))
    created_at: Mapped[dt.datetime] = mapped_column(default=utcnow)


class ShareLink(Base):
    """A read-only link to a merchant's chart and findings for people without an account; only the SHA-256
    of its token is kept. It stops working at `expires_at` or once revoked."""

    __tablename__ = "share_links"

    id: Mapped[int] = mapped_column(primary_key=True)
    token_hash: Mapped[str] = mapped_column(String(64), unique=True)
    merchant_id: Mapped[int] = mapped_column(ForeignKey("merchants.id", ondelete="CASCADE"), index=True)
    created_by: Mapped[int | None] = mapped_column(ForeignKey("users.id", ondelete="SET NULL"))
    label: Mapped[str] = mapped_column(String(100), default="")
    created_at: Mapped[dt.datetime] = mapped_column(default=utcnow)
    expires_at: Mapped[dt.datetime] = mapped_column()
    revoked_at: Mapped[dt.datetime | None] = mapped_column(default=None)
