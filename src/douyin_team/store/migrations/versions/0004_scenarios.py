"""Scenarios: "what if" teams kept beside a merchant's current team (next stage, staffing result, a copy).

Revision ID: 0004_scenarios
Revises: 0003_jobs
Create Date: 2026-12-02
"""

from __future__ import annotations

import sqlalchemy as sa
from alembic import op

revision = "0004_scenarios"
down_revision = "0003_jobs"
branch_labels = None
depends_on = None


def upgrade() -> None:
    op.create_table(
        "scenarios",
        sa.Column("id", sa.Integer(), primary_key=True),
        sa.Column("merchant_id", sa.Integer(), sa.ForeignKey("merchants.id", ondelete="CASCADE",
                                                            name="fk_scenarios_merchant_id_merchants"), nullable=False),
        sa.Column("name", sa.String(100), nullable=False),
        sa.Column("kind", sa.String(20), nullable=False),
        sa.Column("document", sa.JSON(), nullable=False),
        sa.Column("author_id", sa.Integer(), sa.ForeignKey("users.id", ondelete="SET NULL",
                                                          name="fk_scenarios_author_id_users"), nullable=True),
        sa.Column("author_name", sa.String(100), nullable=False),
        sa.Column("created_at", sa.DateTime(), nullable=False),
        sa.Column("updated_at", sa.DateTime(), nullable=False),
    )
    op.create_index("ix_scenarios_merchant_id", "scenarios", ["merchant_id"])


def downgrade() -> None:
    op.drop_index("ix_scenarios_merchant_id", table_name="scenarios")
    op.drop_table("scenarios")
