"""The CLI's progress bar (cli/progressbar.py): on stderr only when it is a terminal, colour unless NO_COLOR."""

from __future__ import annotations

import io
import os
import pty
import subprocess
import sys
from pathlib import Path

import pytest

from douyin_team import progress
from douyin_team.cli.progressbar import progress_bar

EXAMPLES = Path(__file__).resolve().parents[2] / "examples"


class Terminal(io.StringIO):
    def isatty(self) -> bool:
        return True


def test_a_bar_on_a_terminal_in_colour_and_wiped_at_the_end(monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.delenv("NO_COLOR", raising=False)
    out = Terminal()
    with progress_bar("zh", out):
        progress.report(35, 70, progress.PAGES)
        progress.report(70, 70, progress.PAGES)
    text = out.getvalue()
    assert "第70页，共70页" in text and "\x1b[36m" in text and text.endswith("\r\x1b[2K")


def test_no_colour_with_no_color_and_nothing_off_a_terminal(monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setenv("NO_COLOR", "1")
    out = Terminal()
    with progress_bar("en", out):
        progress.report(3, 12, progress.TILES)
    assert "3 of 12 tiles" in out.getvalue() and "\x1b[36m" not in out.getvalue()
    plain = io.StringIO()
    with progress_bar("en", plain):
        progress.report(3, 12, progress.TILES)
    assert plain.getvalue() == ""
    progress.report(1, 1, progress.TILES)  # outside: nobody listens, nothing happens


def test_the_kit_command_shows_pages_on_a_real_terminal_only(tmp_path: Path) -> None:
    exe = Path(sys.executable).parent / "douyin-team"
    argv = [str(exe), "kit", str(EXAMPLES / "my-team.yaml"), "-o", str(tmp_path / "kit.pdf")]
    leader, follower = pty.openpty()
    env = {**os.environ, "NO_COLOR": ""}
    env.pop("NO_COLOR")
    run = subprocess.run(argv, stderr=follower, stdout=subprocess.PIPE, env=env, timeout=120)
    os.close(follower)
    seen = b""
    while True:
        try:
            chunk = os.read(leader, 65536)
        except OSError:
            break
        if not chunk:
            break
        seen += chunk
    os.close(leader)
    assert run.returncode == 0
    assert "页".encode() in seen and b"\x1b[36m" in seen
    piped = subprocess.run(argv, capture_output=True, env=env, timeout=120)
    assert piped.returncode == 0 and "页".encode() not in piped.stderr
