"""A job process ends with the process that started it (lifeline.py): a `douyin-team serve` (SQLite, its
local pool) killed with SIGKILL mid-render, and a `douyin-team worker` killed so on PostgreSQL, leave no child
alive — no pool process, no kit layout piece, no resource tracker — where before they lived on with parent 1.

Each server runs in its own process group, swept with SIGKILL at the end whatever happened, so a failing
test leaves no orphan either. The proof is the process table polled, never a clock."""

from __future__ import annotations

import os
import signal
import subprocess
import sys
import time
from collections.abc import Iterator
from contextlib import contextmanager
from pathlib import Path
from typing import Any

import httpx
import pytest
from jobwait import finished, wait_for

from conftest import postgres_database
from douyin_team import store
from douyin_team.jobs.kinds import BIG_KIT
from douyin_team.lifeline import ORPHANED
from douyin_team.progress import LAYOUT
from samples import big_team

EXE = Path(sys.executable).parent / "douyin-team"


def started_at(pid: int) -> str | None:
    """The process's start time (field 22 of /proc/PID/stat: a pid used again is another process), None once
    it is gone or a zombie (dead, waiting to be reaped)."""
    try:
        stat = Path(f"/proc/{pid}/stat").read_text()
    except OSError:
        return None
    fields = stat.rsplit(")", 1)[1].split()
    return None if fields[0] in ("Z", "X") else fields[19]


def descendants(pid: int) -> dict[int, tuple[int, str]]:
    """Every process below `pid`: child pid → (its parent, its start time)."""
    found: dict[int, tuple[int, str]] = {}
    todo = [pid]
    while todo:
        parent = todo.pop()
        for task in Path(f"/proc/{parent}/task").glob("*"):
            try:
                children = (task / "children").read_text().split()
            except OSError:
                continue
            for child in map(int, children):
                start = started_at(child)
                if start is not None and child not in found:
                    found[child] = (parent, start)
                    todo.append(child)
    return found


def left_alive(known: dict[int, tuple[int, str]], timeout: float = 120.0) -> list[int]:
    """The known processes still alive once all are gone or `timeout` seconds have passed (a bound for a broken
    build, not a speed asked for)."""
    deadline = time.monotonic() + timeout
    while True:
        alive = [pid for pid, (_, start) in known.items() if started_at(pid) == start]
        if not alive or time.monotonic() > deadline:
            return alive
        time.sleep(0.2)


@contextmanager
def in_own_group(argv: list[str], env: dict[str, str], log: Path) -> Iterator[subprocess.Popen[bytes]]:
    """A command in a process group of its own, whose every member is killed at the end."""
    with log.open("ab") as out:
        process = subprocess.Popen(argv, env=env, stdout=out, stderr=subprocess.STDOUT, start_new_session=True)
        try:
            yield process
        finally:
            try:
                os.killpg(process.pid, signal.SIGKILL)
            except ProcessLookupError:  # nothing of it left
                pass
            process.wait(30)


def prepared(url: str) -> tuple[str, int]:
    """An owner with an API token and a merchant whose team's kit PDF is big enough to be laid out in pieces."""
    engine = store.make_engine(url)
    store.upgrade(engine)
    with store.session_factory(engine)() as s:
        owner = store.create_user(s, "owner@example.com", "password owner", "店主")
        owner.email_verified_at = owner.created_at
        s.commit()
        workspace = store.create_workspace(s, owner, "星河代运营", "agency").id
        merchant = store.create_merchant(s, owner, workspace, "大商家", {"monthly_sales": 5_000_000})
        store.save_team(s, owner, merchant.id, big_team(BIG_KIT), None)
        token = store.create_api_token(s, owner, "lifeline")
    engine.dispose()
    return token, merchant.id


def serving(base: str, process: subprocess.Popen[bytes], log: Path) -> None:
    for _ in range(1200):
        try:
            if httpx.get(base + "/signin", timeout=2).status_code == 200:
                return
        except httpx.HTTPError:
            pass
        assert process.poll() is None, log.read_text(errors="replace")
        time.sleep(0.1)
    raise AssertionError("serve never answered: " + log.read_text(errors="replace"))


def test_a_serve_killed_mid_render_leaves_no_process_of_its_pool(tmp_path: Path, fast_hashing: None) -> None:
    from web_server import free_port

    url = f"sqlite:///{tmp_path / 'team.sqlite'}"
    token, merchant = prepared(url)
    port = free_port()
    env = {**os.environ, "DATABASE_URL": url, "DOUYIN_TEAM_DATA": str(tmp_path), "DOUYIN_TEAM_PDF_PROCESSES": "2"}
    for name in ("DOUYIN_TEAM_JOBS", "DOUYIN_TEAM_JOB_PROCESSES"):  # the default: a local pool of two processes
        env.pop(name, None)
    log = tmp_path / "serve.log"
    with in_own_group([str(EXE), "serve", "--port", str(port), "--quiet"], env, log) as process:
        base = f"http://127.0.0.1:{port}"
        serving(base, process, log)
        answer = httpx.post(f"{base}/api/v1/merchants/{merchant}/exports", json={"what": "kit", "fmt": "pdf"},
                            headers={"authorization": f"Bearer {token}"}, timeout=60)
        assert answer.status_code == 202, answer.text
        engine = store.make_engine(url)
        try:  # the pool's process lays the kit out on two processes of its own
            job = wait_for(engine, answer.json()["id"], lambda j: (j.unit == LAYOUT.en and j.done >= 1) or finished(j),
                           timeout=600)
        finally:
            engine.dispose()
        assert job.state == "running", (job.state, job.error)
        below = descendants(process.pid)
        pool = {pid for pid, (parent, _) in below.items() if parent == process.pid}
        pieces = {pid for pid, (parent, _) in below.items() if parent in pool}
        assert len(pool) >= 2 and len(pieces) == 2, below  # pool processes and the resource tracker; two pieces
        os.kill(process.pid, signal.SIGKILL)  # serve alone: its children are told nothing
        process.wait(30)
        assert left_alive(below) == []


def test_a_worker_killed_leaves_no_worker_process(tmp_path: Path) -> None:
    from web_server import registered

    with postgres_database() as url:
        engine = store.make_engine(url)
        store.upgrade(engine)
        engine.dispose()
        log = tmp_path / "worker.log"
        with in_own_group([str(EXE), "worker", "--processes", "2"], {**os.environ, "DATABASE_URL": url},
                          log) as process:
            registered(url, process, log)
            below = descendants(process.pid)
            assert len([pid for pid, (parent, _) in below.items() if parent == process.pid]) >= 2, below
            os.kill(process.pid, signal.SIGKILL)
            process.wait(30)
            assert left_alive(below) == []  # each worker stopped by itself (no job in hand to finish)


def test_a_serve_of_several_web_workers_killed_leaves_none_of_them(tmp_path: Path) -> None:
    """`serve --workers 2` killed with SIGKILL: each web worker (a child it no longer watches) finishes what it
    serves and ends, and with it its local pool."""
    from web_server import free_port

    url = f"sqlite:///{tmp_path / 'team.sqlite'}"
    prepared(url)
    port = free_port()
    env = {**os.environ, "DATABASE_URL": url, "DOUYIN_TEAM_DATA": str(tmp_path)}
    log = tmp_path / "serve.log"
    with in_own_group([str(EXE), "serve", "--port", str(port), "--workers", "2", "--quiet"], env, log) as process:
        serving(f"http://127.0.0.1:{port}", process, log)
        below = descendants(process.pid)
        assert len([pid for pid, (parent, _) in below.items() if parent == process.pid]) >= 2, below
        os.kill(process.pid, signal.SIGKILL)
        process.wait(30)
        assert left_alive(below) == []


def test_a_pool_process_ends_when_the_process_that_made_the_pool_is_gone() -> None:
    """The pool's processes watch the pid that made the pool, passed down: one whose parent died before it
    started watching ends as well."""
    code = ("import os, time\n"
            "from douyin_team.lifeline import exit_with_parent\n"
            "exit_with_parent(os.getppid() + 100000)\n"  # a parent it never had: already gone
            "time.sleep(600)\n")
    done = subprocess.run([sys.executable, "-c", code], timeout=300)
    assert done.returncode == ORPHANED


@pytest.fixture(autouse=True)
def _web_helpers() -> Iterator[Any]:
    """tests/web's helpers (web_server: a free port, the worker's first heartbeat) on the import path."""
    folder = str(Path(__file__).resolve().parents[1] / "web")
    sys.path.insert(0, folder)
    yield
    sys.path.remove(folder)
