"""Archived merchants, and the titles a workspace has taught the tool ("this title means …").

Revision ID: 0005_archive_titles
Revises: 0004_scenarios
Create Date: 2026-12-02
"""

from __future__ import annotations

import sqlalchemy as sa
from alembic import op

revision = "0005_archive_titles"
down_revision = "0004_scenarios"
branch_labels = None
depends_on = None


def upgrade() -> None:
    with op.batch_alter_table("merchants") as batch:
        batch.add_column(sa.Column("archived_at", sa.DateTime(), nullable=True))
    op.create_table(
        "title_meanings",
        sa.Column("id", sa.Integer(), primary_key=True),
        sa.Column("workspace_id", sa.Integer(), sa.ForeignKey("workspaces.id", ondelete="CASCADE",
                                                             name="fk_title_meanings_workspace_id_workspaces"),
                  nullable=False),
        sa.Column("title", sa.String(100), nullable=False),
        sa.Column("posts", sa.JSON(), nullable=False),
        sa.Column("author_id", sa.Integer(), sa.ForeignKey("users.id", ondelete="SET NULL",
                                                          name="fk_title_meanings_author_id_users"), nullable=True),
        sa.Column("created_at", sa.DateTime(), nullable=False),
        sa.UniqueConstraint("workspace_id", "title", name="uq_title_meanings_workspace_id"),
    )


def downgrade() -> None:
    op.drop_table("title_meanings")
    with op.batch_alter_table("merchants") as batch:
        batch.drop_column("archived_at")
