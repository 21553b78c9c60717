"""Jobs and their artefacts (douyin_team/jobs); on PostgreSQL also procrastinate's queue, in a schema of
its own (`procrastinate`) so that our tables and its tables, types and procedures never mix.

Revision ID: 0003_jobs
Revises: 0003_team_pages
Create Date: 2026-12-01
"""

from __future__ import annotations

from typing import Any

import sqlalchemy as sa
from alembic import op

revision = "0003_jobs"
down_revision = "0003_team_pages"
branch_labels = None
depends_on = None


def upgrade() -> None:
    op.create_table(
        "jobs",
        sa.Column("id", sa.Integer(), primary_key=True),
        sa.Column("kind", sa.String(20), nullable=False),
        sa.Column("key", sa.String(64), nullable=False),
        sa.Column("params", sa.JSON(), nullable=False),
        sa.Column("state", sa.String(10), nullable=False),
        sa.Column("done", sa.Integer(), nullable=False),
        sa.Column("total", sa.Integer(), nullable=False),
        sa.Column("unit", sa.String(20), nullable=False),
        sa.Column("attempts", sa.Integer(), nullable=False),
        sa.Column("error", sa.Text(), nullable=False),
        sa.Column("worker", sa.String(100), nullable=False),
        sa.Column("user_id", sa.Integer(), sa.ForeignKey("users.id", ondelete="SET NULL",
                                                        name="fk_jobs_user_id_users"), nullable=True),
        sa.Column("workspace_id", sa.Integer(), sa.ForeignKey("workspaces.id", ondelete="CASCADE",
                                                             name="fk_jobs_workspace_id_workspaces"), nullable=True),
        sa.Column("created_at", sa.DateTime(), nullable=False),
        sa.Column("updated_at", sa.DateTime(), nullable=False),
        sa.Column("finished_at", sa.DateTime(), nullable=True),
    )
    op.create_index("ix_jobs_key_state", "jobs", ["key", "state"])
    op.create_index("ix_jobs_user_id", "jobs", ["user_id"])
    op.create_index("ix_jobs_workspace_id", "jobs", ["workspace_id"])
    op.create_table(
        "artefacts",
        sa.Column("key", sa.String(64), primary_key=True),
        sa.Column("media_type", sa.String(100), nullable=False),
        sa.Column("filename", sa.String(300), nullable=False),
        sa.Column("size", sa.Integer(), nullable=False),
        sa.Column("data", sa.LargeBinary(), nullable=False),
        sa.Column("created_at", sa.DateTime(), nullable=False),
    )
    if op.get_bind().dialect.name == "postgresql":
        _procrastinate_schema()


def _procrastinate_schema() -> None:
    """procrastinate's own schema.sql (its tables, types and procedures) in the `procrastinate` schema.

    Run on the driver's connection: the SQL holds `%` and `:` that SQLAlchemy would read as parameters."""
    from procrastinate.schema import SchemaManager

    driver: Any = op.get_bind().connection.driver_connection
    path = driver.execute("SHOW search_path").fetchone()[0]
    driver.execute("CREATE SCHEMA procrastinate")
    driver.execute("SET LOCAL search_path TO procrastinate")
    driver.execute(SchemaManager.get_schema())
    driver.execute(f"SET LOCAL search_path TO {path}")


def downgrade() -> None:
    if op.get_bind().dialect.name == "postgresql":
        op.execute("DROP SCHEMA procrastinate CASCADE")
    op.drop_table("artefacts")
    op.drop_table("jobs")
