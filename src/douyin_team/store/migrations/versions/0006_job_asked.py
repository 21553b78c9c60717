"""A job's count of the requests that still want it is a column (`jobs.asked`), no longer a key in its params.

Before, the count lived in the params under "_asked" (missing meant 1), written only when a second request
joined a job or one left. The artefact key (`jobs.key`) was computed from the params without it and is stored,
never recomputed, so moving the count out changes no key: it gives back the very params the key was computed
from. Upgrade copies each row's "_asked" into `asked` and removes it from the params; downgrade writes a count
other than 1 back into the params (1, the column's default, was the missing key's meaning). The params are
read and written as the app writes them (SQLAlchemy's JSON type), the same on SQLite and PostgreSQL.

Revision ID: 0006_job_asked
Revises: 0005_archive_titles
Create Date: 2026-12-03
"""

from __future__ import annotations

from typing import Any

import sqlalchemy as sa
from alembic import op

revision = "0006_job_asked"
down_revision = "0005_archive_titles"
branch_labels = None
depends_on = None

ASKED = "_asked"  # the params' key the count was kept under before this revision
JOBS = sa.table("jobs", sa.column("id", sa.Integer()), sa.column("params", sa.JSON()),
                sa.column("asked", sa.Integer()))


def upgrade() -> None:
    with op.batch_alter_table("jobs") as batch:
        batch.add_column(sa.Column("asked", sa.Integer(), nullable=False, server_default="1"))
    bind = op.get_bind()
    # Only the rows a second request ever joined hold the key; one row at a time, as each holds a team.
    for job_id in bind.scalars(sa.select(JOBS.c.id).where(JOBS.c.params[ASKED].as_string().is_not(None))).all():
        params = _params(bind, job_id)
        asked = int(params.pop(ASKED))
        bind.execute(sa.update(JOBS).where(JOBS.c.id == job_id).values(params=params, asked=max(0, asked)))


def _params(bind: sa.Connection, job_id: int) -> dict[str, Any]:
    params: dict[str, Any] = bind.scalars(sa.select(JOBS.c.params).where(JOBS.c.id == job_id)).one()
    return dict(params)


def downgrade() -> None:
    bind = op.get_bind()
    for job_id, asked in bind.execute(sa.select(JOBS.c.id, JOBS.c.asked).where(JOBS.c.asked != 1)).all():
        bind.execute(sa.update(JOBS).where(JOBS.c.id == job_id).values(params={**_params(bind, job_id), ASKED: asked}))
    with op.batch_alter_table("jobs") as batch:
        batch.drop_column("asked")
