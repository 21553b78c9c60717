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
