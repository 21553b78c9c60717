"""`douyin-team db upgrade` (cli.py → store.upgrade): migrates SQLite and PostgreSQL, one-line errors."""

from __future__ import annotations

from pathlib import Path

import pytest
from sqlalchemy import inspect

from conftest import postgres_database
from douyin_team.cli import main
from douyin_team.store import make_engine
from douyin_team.store.engine import alembic_config


def _head() -> str:
    from alembic.script import ScriptDirectory

    return str(ScriptDirectory.from_config(alembic_config()).get_current_head())


def test_db_upgrade_sqlite_default_folder(tmp_path: Path, monkeypatch: pytest.MonkeyPatch,
                                          capsys: pytest.CaptureFixture[str]) -> None:
    monkeypatch.delenv("DATABASE_URL", raising=False)
    monkeypatch.setenv("DOUYIN_TEAM_DATA", str(tmp_path / "data"))
    assert main(["db", "upgrade", "--lang", "en"]) == 0
    assert f"is at revision {_head()}" in capsys.readouterr().out
    engine = make_engine()
    assert "revisions" in inspect(engine).get_table_names()
    engine.dispose()


def test_db_upgrade_postgresql_from_the_environment(monkeypatch: pytest.MonkeyPatch,
                                                    capsys: pytest.CaptureFixture[str]) -> None:
    with postgres_database() as url:
        monkeypatch.setenv("DATABASE_URL", url.replace("postgresql+psycopg://", "postgresql://"))
        assert main(["db", "upgrade"]) == 0
        assert f"已升级到版本 {_head()}" in capsys.readouterr().out
        engine = make_engine()
        assert "revisions" in inspect(engine).get_table_names()
        engine.dispose()


def test_unreachable_database_is_one_line_exit_2(capsys: pytest.CaptureFixture[str]) -> None:
    assert main(["db", "upgrade", "--database-url", "postgresql://postgres@127.0.0.1:1/none"]) == 2
    err = capsys.readouterr().err
    assert err.startswith("douyin-team: error: DATABASE_URL: cannot open the database") and err.count("\n") == 1
