"""The jobs' tables: a job (what to make, its state and progress) and an artefact (the bytes it made).

An artefact's key is the SHA-256 of everything its bytes depend on (kind, the team document of the
revision, the options, the program's version): a retried job writes the same key, so there is one artefact
however often a job runs, and a new revision has a new key, so it invalidates nothing else.
"""

from __future__ import annotations

import datetime as dt
from typing import Any

from sqlalchemy import ForeignKey, Index, LargeBinary, String, Text
from sqlalchemy.orm import Mapped, mapped_column

from ..store import Base

STATES = ("queued", "running", "done", "failed", "cancelled")


def utcnow() -> dt.datetime:
    """The current time in UTC, timezone-aware."""
    return dt.datetime.now(dt.UTC)


class Job(Base):
    """One piece of long work asked for by a user: its input, state, progress and (once done) its artefact."""

    __tablename__ = "jobs"
    __table_args__ = (Index("ix_jobs_key_state", "key", "state"),)

    id: Mapped[int] = mapped_column(primary_key=True)
    kind: Mapped[str] = mapped_column(String(20))
    key: Mapped[str] = mapped_column(String(64))  # the artefact's key
    params: Mapped[dict[str, Any]] = mapped_column()
    state: Mapped[str] = mapped_column(String(10), default="queued")
    done: Mapped[int] = mapped_column(default=0)
    total: Mapped[int] = mapped_column(default=0)
    unit: Mapped[str] = mapped_column(String(20), default="")  # progress.Text key: pages, tiles, rows …
    attempts: Mapped[int] = mapped_column(default=0)
    error: Mapped[str] = mapped_column(Text, default="")
    worker: Mapped[str] = mapped_column(String(100), default="")  # host:pid of the process running it last
    # How many requests still want it (the one that made it, each that joined it, less each that left): not an
    # input, so not in `params`, which the artefact key is computed from (jobs/records.py).
    asked: Mapped[int] = mapped_column(default=1, server_default="1")
    user_id: Mapped[int | None] = mapped_column(ForeignKey("users.id", ondelete="SET NULL"), index=True)
    workspace_id: Mapped[int | None] = mapped_column(ForeignKey("workspaces.id", ondelete="CASCADE"), index=True)
    created_at: Mapped[dt.datetime] = mapped_column(default=utcnow)
    updated_at: Mapped[dt.datetime] = mapped_column(default=utcnow)
    finished_at: Mapped[dt.datetime | None] = mapped_column(default=None)


class Artefact(Base):
    """The bytes a job made, under their key; served as a download named `filename`."""

    __tablename__ = "artefacts"

    key: Mapped[str] = mapped_column(String(64), primary_key=True)
    media_type: Mapped[str] = mapped_column(String(100))
    filename: Mapped[str] = mapped_column(String(300))
    size: Mapped[int] = mapped_column()
    data: Mapped[bytes] = mapped_column(LargeBinary)
    created_at: Mapped[dt.datetime] = mapped_column(default=utcnow)
