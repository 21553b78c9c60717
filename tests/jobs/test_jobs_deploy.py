"""The deployment files: compose.yaml starts PostgreSQL, two app processes and two workers on one
DATABASE_URL; `douyin-team worker` refuses SQLite in one line (exit 2); docs/deploy.md names the choice."""

from __future__ import annotations

import shlex
from pathlib import Path

import pytest
import yaml

from douyin_team.cli import build_parser, main

ROOT = Path(__file__).resolve().parents[2]


def test_compose_starts_postgresql_two_apps_and_two_workers() -> None:
    services = yaml.safe_load((ROOT / "compose.yaml").read_text(encoding="utf-8"))["services"]
    commands = {name: shlex.split(s["command"]) for name, s in services.items() if "command" in s}
    assert sorted(c[1] for c in commands.values()) == ["serve", "serve", "worker", "worker"]
    for argv in commands.values():
        assert argv[0] == "douyin-team"
        build_parser().parse_args(argv[1:])  # real options of the real commands
    assert services["db"]["image"].startswith("postgres:")
    urls = {s["environment"]["DATABASE_URL"] for n, s in services.items() if n != "db"}
    assert len(urls) == 1 and next(iter(urls)).startswith("postgresql://") and "@db:5432/" in next(iter(urls))


def test_worker_refuses_sqlite_in_one_line(tmp_path: Path, monkeypatch: pytest.MonkeyPatch,
                                           capsys: pytest.CaptureFixture[str]) -> None:
    monkeypatch.delenv("DATABASE_URL", raising=False)
    monkeypatch.setenv("DOUYIN_TEAM_DATA", str(tmp_path))
    assert main(["worker", "--processes", "1"]) == 2
    err = capsys.readouterr().err.strip()
    assert len(err.splitlines()) == 1 and "PostgreSQL" in err and "DATABASE_URL" in err


def test_deploy_doc_compares_the_queue_libraries_and_shows_the_topology() -> None:
    doc = (ROOT / "docs" / "deploy.md").read_text(encoding="utf-8")
    for needle in ("procrastinate 3.10.0", "pgqueuer 1.6.0", "Chosen: procrastinate", "N app hosts + M worker hosts",
                   "compose.yaml", "SIGKILL"):
        assert needle in doc, needle
    lock = (ROOT / "requirements.lock").read_text(encoding="utf-8")
    assert "procrastinate==3.10.0" in lock.splitlines()


def test_deploy_doc_says_what_runs_where_with_the_apps_own_numbers() -> None:
    from douyin_team.web import exports, limits

    doc = (ROOT / "docs" / "deploy.md").read_text(encoding="utf-8")
    table = doc.split("## What runs where", 1)[1].split("\n## ", 1)[0]
    inline, waited = exports.INLINE_PEOPLE, exports.API_WAIT_PEOPLE
    assert inline[("kit", "pdf")] == 0  # never drawn in the request
    for needle in (f"chart PNG up to {inline[('chart', 'png')]} people", f"chart PDF up to {inline[('chart', 'pdf')]}",
                   f"kit XLSX up to {inline[('kit', 'xlsx')]}", f"API kit PDF up to {waited[('kit', 'pdf')]} people",
                   f"one of {limits.RENDER_SLOTS} render slots", f"within {limits.SLOT_TRY:g} s",
                   f"up to {exports.WAIT_SECONDS:g} s", "DOUYIN_TEAM_JOB_NICE", "202"):
        assert needle in table, needle
