"""Alembic environment: runs on the connection that `douyin_team.store.upgrade` hands over."""

from __future__ import annotations

from alembic import context
from sqlalchemy import Connection

from douyin_team.store.models import Base


def run_migrations(connection: Connection) -> None:
    """Migrate on an open connection (batch mode so SQLite can alter tables)."""
    context.configure(connection=connection, target_metadata=Base.metadata, render_as_batch=True)
    with context.begin_transaction():
        context.run_migrations()


connection = context.config.attributes.get("connection")
if connection is None:
    raise RuntimeError("run migrations through `douyin-team db upgrade`, which supplies the connection")
run_migrations(connection)
