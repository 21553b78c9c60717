"""Engines, sessions and migrations: SQLite (WAL, foreign keys) by default, PostgreSQL by DATABASE_URL.

Nothing here runs at import time; the app and the CLI call `make_engine()` and `upgrade()` when they start.
"""

from __future__ import annotations

import os
import time
from pathlib import Path
from typing import TYPE_CHECKING, Any

from sqlalchemy import Connection, Engine, create_engine, event, make_url, text
from sqlalchemy.exc import DisconnectionError, OperationalError
from sqlalchemy.orm import Session, sessionmaker
from sqlalchemy.pool import StaticPool

from ..errors import InvalidValue
from .errors import DatabaseUnavailable

if TYPE_CHECKING:
    from alembic.config import Config

MIGRATIONS = Path(__file__).parent / "migrations"
DEFAULT_DATA = "douyin-team-data"
# Any constant works: the advisory lock that keeps two processes from migrating PostgreSQL at once.
MIGRATION_LOCK = 0x64745F6D6967


def database_url(url: str | None = None) -> str:
    """The database URL: the argument, else $DATABASE_URL, else SQLite in $DOUYIN_TEAM_DATA (./douyin-team-data)."""
    url = url or os.environ.get("DATABASE_URL")
    if not url:
        folder = Path(os.environ.get("DOUYIN_TEAM_DATA") or DEFAULT_DATA)
        folder.mkdir(parents=True, exist_ok=True)
        return f"sqlite:///{folder / 'douyin-team.sqlite'}"
    for plain in ("postgresql://", "postgres://"):
        if url.startswith(plain):
            return "postgresql+psycopg://" + url[len(plain):]
    return url


def make_engine(url: str | None = None, **kwargs: Any) -> Engine:
    """An engine for the URL (see `database_url`); SQLite connections get WAL, foreign keys and a busy timeout.

    Keyword arguments go to SQLAlchemy's `create_engine` (e.g. `pool_size`, or `pool_pre_ping=False` on
    PostgreSQL, which is otherwise on).
    """
    full = database_url(url)
    try:
        backend = make_url(full).get_backend_name()
    except Exception:
        raise InvalidValue(f"'{full}' is not a database URL", field="DATABASE_URL",
                           hint="use postgresql://user@host/db or sqlite:///path/file.sqlite") from None
    if backend not in ("sqlite", "postgresql"):
        raise InvalidValue(f"unsupported database '{backend}'", field="DATABASE_URL",
                           hint="use PostgreSQL or SQLite")
    if backend == "sqlite":
        args: dict[str, Any] = {"timeout": 30}
        if make_url(full).database in (None, "", ":memory:"):  # one shared connection, or each would be empty
            args["check_same_thread"] = False
            kwargs.setdefault("poolclass", StaticPool)
        engine = create_engine(full, connect_args=args, **kwargs)
        event.listen(engine, "connect", _sqlite_pragmas)
        return engine
    kwargs.setdefault("pool_pre_ping", True)  # survives server restarts; costs a round trip per checkout
    return create_engine(full, **kwargs)


def ping_when_idle(engine: Engine, seconds: float = 10.0) -> Engine:
    """Test a pooled connection on checkout only when it sat unused for `seconds` (instead of `pool_pre_ping`'s
    round trip on every checkout): a busy app pays nothing, and a connection the server dropped while idle
    (a restart, an idle timeout) is replaced by a fresh one instead of failing the request."""
    def checked_in(_dbapi_connection: Any, record: Any) -> None:
        record.info["idle_since"] = time.monotonic()

    def checked_out(dbapi_connection: Any, record: Any, _proxy: Any) -> None:
        idle_since = record.info.pop("idle_since", None)
        if idle_since is not None and time.monotonic() - idle_since > seconds:
            try:
                engine.dialect.do_ping(dbapi_connection)
            except engine.dialect.loaded_dbapi.Error:
                raise DisconnectionError() from None  # the pool retries with a new connection

    event.listen(engine, "checkin", checked_in)
    event.listen(engine, "checkout", checked_out)
    return engine


def _sqlite_pragmas(dbapi_connection: Any, _record: Any) -> None:
    cursor = dbapi_connection.cursor()
    cursor.execute("PRAGMA busy_timeout=30000")
    _wal(cursor)
    cursor.execute("PRAGMA foreign_keys=ON")
    cursor.execute("PRAGMA synchronous=NORMAL")
    cursor.close()


def _wal(cursor: Any) -> None:
    """Switch the file to WAL once. Switching needs the file to itself and SQLite reports "locked" at once,
    without waiting, when another process opening the new file holds it; so retry for a while."""
    import sqlite3
    import time

    for attempt in range(100):
        try:
            if cursor.execute("PRAGMA journal_mode").fetchone()[0] != "wal":
                cursor.execute("PRAGMA journal_mode=WAL")
            return
        except sqlite3.OperationalError as exc:
            if "locked" not in str(exc) or attempt == 99:
                raise
            time.sleep(0.05)


def session_factory(engine: Engine) -> sessionmaker[Session]:
    """Sessions whose objects stay readable after the service functions commit (expire_on_commit off)."""
    return sessionmaker(engine, expire_on_commit=False)


def alembic_config() -> Config:
    """The Alembic configuration pointing at the migrations shipped inside the package."""
    from alembic.config import Config

    config = Config()
    config.set_main_option("script_location", str(MIGRATIONS))
    return config


def connect(engine: Engine) -> Connection:
    """A connection, or DatabaseUnavailable in one line when the database cannot be reached."""
    try:
        return engine.connect()
    except OperationalError as exc:
        first = (str(exc.orig or exc).strip().splitlines() or ["unknown error"])[0]
        raise DatabaseUnavailable(f"cannot open the database: {first}", field="DATABASE_URL",
                                  hint="check that the server runs and that the URL is right") from None


def upgrade(engine: Engine, revision: str = "head") -> str | None:
    """Run the migrations up to `revision` (default: the newest); returns the revision now in place."""
    from alembic import command
    from alembic.runtime.migration import MigrationContext

    config = alembic_config()
    with connect(engine) as connection, connection.begin():
        # One process migrates at a time; the others wait, then find nothing left to do.
        if connection.dialect.name == "postgresql":
            connection.execute(text("SELECT pg_advisory_xact_lock(:key)"), {"key": MIGRATION_LOCK})
        else:
            connection.exec_driver_sql("BEGIN IMMEDIATE")
        config.attributes["connection"] = connection
        command.upgrade(config, revision)
        current: str | None = MigrationContext.configure(connection).get_current_revision()
    return current
