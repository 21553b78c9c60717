"""Initial schema: accounts, workspaces, merchants and team revisions.

Revision ID: 0001
Revises:
Create Date: 2026-11-25
"""

from __future__ import annotations

import datetime as dt

import sqlalchemy as sa
from alembic import op

revision = "0001"
down_revision = None
branch_labels = None
depends_on = None


def _id() -> sa.Column[int]:
    return sa.Column("id", sa.Integer(), primary_key=True)


def _moment(name: str, nullable: bool = False) -> sa.Column[dt.datetime]:
    """A UTC moment, stored naive (see models.UTCDateTime)."""
    return sa.Column(name, sa.DateTime(), nullable=nullable)


def _user_fk(name: str, ondelete: str, nullable: bool = False) -> sa.Column[int]:
    return sa.Column(name, sa.Integer(), sa.ForeignKey("users.id", ondelete=ondelete), nullable=nullable)


def _workspace_fk() -> sa.Column[int]:
    return sa.Column("workspace_id", sa.Integer(), sa.ForeignKey("workspaces.id", ondelete="CASCADE"),
                     nullable=False)


def _role_check() -> sa.CheckConstraint:
    return sa.CheckConstraint("role IN ('owner', 'editor', 'viewer')", name="role")


def upgrade() -> None:
    op.create_table(
        "users", _id(),
        sa.Column("email", sa.String(254), nullable=False, unique=True),
        sa.Column("display_name", sa.String(100), nullable=False),
        sa.Column("password_hash", sa.String(200), nullable=False),
        _moment("created_at"),
    )
    for table in ("auth_sessions", "api_tokens"):
        extra = ([sa.Column("name", sa.String(100), nullable=False), _moment("last_used_at", nullable=True)]
                 if table == "api_tokens" else [_moment("expires_at")])
        op.create_table(
            table, _id(),
            sa.Column("token_hash", sa.String(64), nullable=False, unique=True),
            _user_fk("user_id", "CASCADE"), _moment("created_at"), *extra,
        )
        op.create_index(op.f(f"ix_{table}_user_id"), table, ["user_id"])
    op.create_table(
        "login_attempts", _id(),
        sa.Column("email", sa.String(254), nullable=False),
        sa.Column("client_ip", sa.String(64), nullable=False),
        _moment("at"),
    )
    op.create_index("ix_login_attempts_email_ip_at", "login_attempts", ["email", "client_ip", "at"])
    op.create_table(
        "workspaces", _id(),
        sa.Column("name", sa.String(200), nullable=False),
        sa.Column("kind", sa.String(20), nullable=False),
        _moment("created_at"),
        sa.CheckConstraint("kind IN ('agency', 'merchant')", name="kind"),
    )
    op.create_table(
        "memberships", _id(), _workspace_fk(), _user_fk("user_id", "CASCADE"),
        sa.Column("role", sa.String(20), nullable=False), _moment("created_at"),
        sa.UniqueConstraint("workspace_id", "user_id", name="uq_memberships_workspace_user"), _role_check(),
    )
    op.create_index(op.f("ix_memberships_user_id"), "memberships", ["user_id"])
    op.create_table(
        "invites", _id(), _workspace_fk(),
        sa.Column("email", sa.String(254), nullable=False),
        sa.Column("role", sa.String(20), nullable=False),
        _user_fk("invited_by", "SET NULL", nullable=True), _moment("created_at"),
        sa.UniqueConstraint("workspace_id", "email", name="uq_invites_workspace_email"), _role_check(),
    )
    op.create_index(op.f("ix_invites_email"), "invites", ["email"])
    op.create_table(
        "merchants", _id(), _workspace_fk(),
        sa.Column("name", sa.String(200), nullable=False),
        sa.Column("profile", sa.JSON(), nullable=False),
        _moment("created_at"), _moment("updated_at"),
    )
    op.create_index(op.f("ix_merchants_workspace_id"), "merchants", ["workspace_id"])
    op.create_table(
        "revisions", _id(),
        sa.Column("merchant_id", sa.Integer(), sa.ForeignKey("merchants.id", ondelete="CASCADE"), nullable=False),
        sa.Column("number", sa.Integer(), nullable=False),
        sa.Column("document", sa.JSON(), nullable=False),
        _user_fk("author_id", "SET NULL", nullable=True),
        sa.Column("author_name", sa.String(100), nullable=False),
        _moment("created_at"),
        sa.Column("message", sa.Text(), nullable=False),
        sa.Column("summary", sa.Text(), nullable=False),
        sa.UniqueConstraint("merchant_id", "number", name="uq_revisions_merchant_number"),
    )


def downgrade() -> None:
    for table in ("revisions", "merchants", "invites", "memberships", "workspaces", "login_attempts",
                  "api_tokens", "auth_sessions", "users"):
        op.drop_table(table)
