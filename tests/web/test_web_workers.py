"""`serve`: each worker its own listening socket (SO_REUSEPORT) with Nagle off; clear start-up errors."""

from __future__ import annotations

import os
import select
import socket
import subprocess
import sys
from pathlib import Path

from douyin_team.web.workers import listening_socket


def test_workers_share_the_port_and_connections_have_no_nagle() -> None:
    first = listening_socket("127.0.0.1", 0)
    port = first.getsockname()[1]
    second = listening_socket("127.0.0.1", port)  # a second worker binds the same port
    client = socket.create_connection(("127.0.0.1", port), timeout=5)
    try:
        readable, _, _ = select.select([first, second], [], [], 5)  # the kernel gave it to one of the two
        assert len(readable) == 1
        accepted = readable[0].accept()[0]
        # Inherited from the listening socket: without it a response's body waited 40 ms for a delayed ACK.
        assert accepted.getsockopt(socket.IPPROTO_TCP, socket.TCP_NODELAY) != 0
        accepted.close()
    finally:
        client.close()
        first.close()
        second.close()


def test_a_taken_port_is_a_one_line_error_and_exit_3(tmp_path: Path) -> None:
    taken = socket.socket()
    taken.bind(("127.0.0.1", 0))
    taken.listen()
    port = taken.getsockname()[1]
    env = {**os.environ, "DOUYIN_TEAM_DATA": str(tmp_path)}
    env.pop("DATABASE_URL", None)
    try:
        done = subprocess.run([sys.executable, "-m", "douyin_team", "serve", "--port", str(port), "--workers", "2",
                               "--quiet"], env=env, capture_output=True, text=True, timeout=120)
    finally:
        taken.close()
    assert done.returncode == 3
    assert f"cannot listen on 127.0.0.1:{port}: Address already in use" in done.stderr
    assert "Traceback" not in done.stderr


def test_a_bad_setting_is_a_one_line_error_and_exit_2(tmp_path: Path) -> None:
    env = {**os.environ, "DOUYIN_TEAM_DATA": str(tmp_path), "DOUYIN_TEAM_TOKEN_CACHE_SECONDS": "soon"}
    env.pop("DATABASE_URL", None)
    done = subprocess.run([sys.executable, "-m", "douyin_team", "serve", "--port", "0", "--quiet"], env=env,
                          capture_output=True, text=True, timeout=120)
    assert done.returncode == 2
    assert "DOUYIN_TEAM_TOKEN_CACHE_SECONDS：“soon”不是秒数" in done.stderr  # Chinese unless --lang en
    assert "Traceback" not in done.stderr


def test_a_dead_worker_says_how_it_died_and_is_replaced(tmp_path: Path) -> None:
    """A worker crashing in native code prints its threads' stacks (faulthandler), the parent names the signal,
    and a new worker takes its place: the deaths seen in session 6's browser tests were silent."""
    import signal
    import time
    import urllib.request

    sys.path.insert(0, str(Path(__file__).parent))
    from web_server import serve

    with serve(f"sqlite:///{tmp_path / 'w.sqlite'}", tmp_path, workers=2) as url:
        log = next(tmp_path.glob("server-*.log"))
        parent = next(p for p in Path("/proc").glob("[0-9]*")
                      if f"--port\0{url.rsplit(':', 1)[1]}\0".encode() in (p / "cmdline").read_bytes())
        children = (parent / "task" / parent.name / "children").read_text().split()
        workers = [int(c) for c in children if b"spawn_main" in Path(f"/proc/{c}/cmdline").read_bytes()]
        assert len(workers) == 2
        for victim, said in ((workers[0], "killed by SIGSEGV"), (workers[1], "killed by SIGKILL (out of memory?")):
            os.kill(victim, signal.SIGSEGV if "SEGV" in said else signal.SIGKILL)
            deadline = time.monotonic() + 60
            while said not in log.read_text(errors="replace"):
                assert time.monotonic() < deadline, log.read_text(errors="replace")
                time.sleep(0.1)
        text = log.read_text(errors="replace")
        assert "Fatal Python error: Segmentation fault" in text and "Current thread" in text  # the stacks
        deadline = time.monotonic() + 60
        while True:  # the replacements answer
            try:
                assert urllib.request.urlopen(url + "/signin", timeout=5).status == 200
                break
            except OSError:
                assert time.monotonic() < deadline
                time.sleep(0.2)
