"""Invites as single-use links with an expiry; verified emails and the mailed links that verify them;
sign-ups counted with sign-ins (login_attempts.kind) and indexes for the per-address limit and the clean-up;
API tokens that expire (tokens made before have none).

Revision ID: 0003_invites
Revises: 0002
Create Date: 2026-12-01

Invites made before this revision have no link (token_hash NULL): they cannot be accepted; inviting the
email again gives them a link.
"""

from __future__ import annotations

import sqlalchemy as sa
from alembic import op

revision = "0003_invites"
down_revision = "0002"
branch_labels = None
depends_on = None


def upgrade() -> None:
    op.add_column("users", sa.Column("email_verified_at", sa.DateTime(), nullable=True))
    op.add_column("api_tokens", sa.Column("expires_at", sa.DateTime(), nullable=True))
    op.add_column("invites", sa.Column("token_hash", sa.String(64), nullable=True))
    op.add_column("invites", sa.Column("expires_at", sa.DateTime(), nullable=True))
    op.create_index("ix_invites_token_hash", "invites", ["token_hash"], unique=True)
    op.create_table(
        "email_tokens",
        sa.Column("id", sa.Integer(), primary_key=True),
        sa.Column("token_hash", sa.String(64), nullable=False, unique=True),
        sa.Column("user_id", sa.Integer(), sa.ForeignKey("users.id", ondelete="CASCADE"), nullable=False),
        sa.Column("purpose", sa.String(20), nullable=False),
        sa.Column("email", sa.String(254), nullable=False),
        sa.Column("created_at", sa.DateTime(), nullable=False),
        sa.Column("expires_at", sa.DateTime(), nullable=False),
        sa.CheckConstraint("purpose IN ('verify', 'reset')", name="purpose"),
    )
    op.add_column("login_attempts", sa.Column("kind", sa.String(10), nullable=False, server_default="signin"))
    op.create_index("ix_login_attempts_client_ip_at", "login_attempts", ["client_ip", "at"])
    op.create_index("ix_login_attempts_at", "login_attempts", ["at"])
    op.create_index(op.f("ix_email_tokens_user_id"), "email_tokens", ["user_id"])


def downgrade() -> None:
    op.drop_index("ix_login_attempts_at", table_name="login_attempts")
    op.drop_index("ix_login_attempts_client_ip_at", table_name="login_attempts")
    with op.batch_alter_table("login_attempts") as batch:
        batch.drop_column("kind")
    op.drop_index("ix_email_tokens_user_id", table_name="email_tokens")
    op.drop_table("email_tokens")
    op.drop_index("ix_invites_token_hash", table_name="invites")
    with op.batch_alter_table("invites") as batch:
        batch.drop_column("expires_at")
        batch.drop_column("token_hash")
    with op.batch_alter_table("api_tokens") as batch:
        batch.drop_column("expires_at")
    with op.batch_alter_table("users") as batch:
        batch.drop_column("email_verified_at")
