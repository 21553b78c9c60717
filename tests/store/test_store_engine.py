"""Engine and migrations (store/engine.py): URLs, SQLite pragmas, and upgrades from empty on both databases."""

from __future__ import annotations

from pathlib import Path

import pytest
from alembic.autogenerate import compare_metadata
from alembic.migration import MigrationContext
from sqlalchemy import inspect, text

from conftest import postgres_database
from douyin_team.errors import InvalidValue
from douyin_team.jobs import models as _jobs_tables  # noqa: F401  (the jobs' tables join Base.metadata)
from douyin_team.store import database_url, make_engine, ping_when_idle, upgrade
from douyin_team.store.models import Base


def _head() -> str:
    """The head revision as alembic's script directory says (branches' migrations are re-chained at merge)."""
    from alembic.script import ScriptDirectory

    from douyin_team.store.engine import alembic_config

    head = ScriptDirectory.from_config(alembic_config()).get_current_head()
    assert head is not None
    return head


HEAD = _head()


@pytest.fixture(params=["sqlite", "postgresql"])
def empty_url(request: pytest.FixtureRequest, tmp_path: Path):  # type: ignore[no-untyped-def]
    if request.param == "sqlite":
        yield f"sqlite:///{tmp_path / 'empty.sqlite'}"
        return
    with postgres_database() as url:
        yield url


def test_upgrade_from_empty_creates_exactly_the_models(empty_url: str) -> None:
    engine = make_engine(empty_url)
    assert inspect(engine).get_table_names() == []
    assert upgrade(engine) == HEAD
    assert upgrade(engine) == HEAD  # running it again is a no-op
    with engine.connect() as conn:
        diff = compare_metadata(MigrationContext.configure(conn, opts={"compare_type": True}), Base.metadata)
    assert diff == []
    assert set(inspect(engine).get_table_names()) == {*Base.metadata.tables, "alembic_version"}
    engine.dispose()


def test_downgrade_to_base_and_up_again(empty_url: str) -> None:
    engine = make_engine(empty_url)
    upgrade(engine)
    from alembic import command

    from douyin_team.store.engine import alembic_config

    config = alembic_config()
    with engine.begin() as conn:
        config.attributes["connection"] = conn
        command.downgrade(config, "base")
    assert set(inspect(engine).get_table_names()) <= {"alembic_version"}
    assert upgrade(engine) == HEAD
    engine.dispose()


def test_sqlite_is_wal_with_foreign_keys(tmp_path: Path) -> None:
    engine = make_engine(f"sqlite:///{tmp_path / 'x.sqlite'}")
    with engine.connect() as conn:
        assert conn.execute(text("PRAGMA journal_mode")).scalar() == "wal"
        assert conn.execute(text("PRAGMA foreign_keys")).scalar() == 1
    engine.dispose()


def test_default_url_is_sqlite_in_the_data_folder(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.delenv("DATABASE_URL", raising=False)
    monkeypatch.setenv("DOUYIN_TEAM_DATA", str(tmp_path / "data"))
    assert database_url() == f"sqlite:///{tmp_path / 'data' / 'douyin-team.sqlite'}"
    assert (tmp_path / "data").is_dir()
    monkeypatch.chdir(tmp_path)
    monkeypatch.delenv("DOUYIN_TEAM_DATA")
    assert database_url() == "sqlite:///douyin-team-data/douyin-team.sqlite"


def test_plain_postgresql_urls_use_psycopg(monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setenv("DATABASE_URL", "postgresql://u@h/d")
    assert database_url() == "postgresql+psycopg://u@h/d"
    assert database_url("postgres://u@h/d") == "postgresql+psycopg://u@h/d"
    assert make_engine("postgresql://u@h/d").dialect.driver == "psycopg"


@pytest.mark.parametrize("url", ["mysql://u@h/d", "not a url"])
def test_other_databases_are_refused(url: str) -> None:
    with pytest.raises(InvalidValue, match="DATABASE_URL"):
        make_engine(url)


def test_upgrade_step_by_step_keeps_the_data(empty_url: str) -> None:
    engine = make_engine(empty_url)
    assert upgrade(engine, "0001") == "0001"
    assert "app_secrets" not in inspect(engine).get_table_names()
    with engine.begin() as conn:
        conn.execute(text("INSERT INTO users (email, display_name, password_hash, created_at) "
                          "VALUES ('a@example.com', 'A', 'x', '2026-01-01 00:00:00')"))
    assert upgrade(engine) == HEAD
    with engine.connect() as conn:
        assert conn.execute(text("SELECT email FROM users")).scalars().all() == ["a@example.com"]
    engine.dispose()


def test_every_migration_file_is_in_one_chain() -> None:
    from alembic.script import ScriptDirectory

    from douyin_team.store.engine import MIGRATIONS, alembic_config

    scripts = ScriptDirectory.from_config(alembic_config())
    assert scripts.get_heads() == [HEAD]
    # A file's revision is its name (0003_invites) or the number its name starts with (0001_initial → 0001).
    files = {p.stem for p in (MIGRATIONS / "versions").glob("0*.py")}
    revisions = {s.revision for s in scripts.walk_revisions()}
    assert len(files) == len(revisions)
    assert all(r in files or any(f.split("_")[0] == r for f in files) for r in revisions)


def test_storage_doc_names_every_public_function_and_error() -> None:
    from douyin_team import store

    doc = (Path(__file__).resolve().parents[2] / "docs" / "storage.md").read_text(encoding="utf-8")
    documented = {name for name in store.__all__ if name[0].islower()
                  or (isinstance(obj := getattr(store, name), type) and issubclass(obj, Exception))}
    missing = sorted(name for name in documented if f"`{name}`" not in doc and f"`{name}(" not in doc)
    assert missing == []


def test_processes_starting_together_migrate_once(empty_url: str) -> None:
    """Several app processes start at once: one migrates, the others wait and find nothing left to do."""
    import threading

    results: list[object] = []

    def start() -> None:
        engine = make_engine(empty_url)
        try:
            results.append(upgrade(engine))
        except Exception as exc:  # collected, so the assertion below shows it
            results.append(exc)
        finally:
            engine.dispose()

    threads = [threading.Thread(target=start) for _ in range(3)]
    for thread in threads:
        thread.start()
    for thread in threads:
        thread.join(timeout=120)
    assert results == [HEAD] * 3


def test_engine_options_can_be_changed() -> None:
    assert make_engine("postgresql://u@h/d").pool._pre_ping
    assert not make_engine("postgresql://u@h/d", pool_pre_ping=False).pool._pre_ping
    assert make_engine("postgresql://u@h/d", pool_size=3).pool.size() == 3


def test_a_connection_dropped_while_idle_is_replaced_not_failed(postgres_url: str) -> None:
    """Without pre-ping, a pooled connection the server closed (restart, idle timeout) is tested after sitting idle."""
    engine = ping_when_idle(make_engine(postgres_url, pool_pre_ping=False, pool_size=1), seconds=0)
    with engine.connect() as conn:
        first = conn.execute(text("SELECT pg_backend_pid()")).scalar_one()
    with make_engine(postgres_url).connect() as admin:  # the server drops the idle pooled connection
        assert admin.execute(text("SELECT pg_terminate_backend(:pid)"), {"pid": first}).scalar_one()
    with engine.connect() as conn:
        assert conn.execute(text("SELECT pg_backend_pid()")).scalar_one() != first
    engine.dispose()


def test_in_memory_sqlite_is_one_database_for_every_session_and_thread() -> None:
    import threading

    from douyin_team.store import create_user, session_factory, start_session, user_for_session

    engine = make_engine("sqlite://")
    upgrade(engine)
    with session_factory(engine)() as s:
        token = start_session(s, create_user(s, "ann@example.com", "password ann", "Ann"))
    found: list[object] = []

    def look() -> None:
        with session_factory(engine)() as s:
            found.append(user_for_session(s, token))

    thread = threading.Thread(target=look)
    thread.start()
    thread.join(timeout=30)
    assert len(found) == 1 and found[0] is not None
    engine.dispose()
