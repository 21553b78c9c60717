"""Docs that cannot drift: README output blocks, the rules table, and every command and format documented."""

from __future__ import annotations

import importlib.util
import re
import shlex
import subprocess
import sys
from pathlib import Path

import pytest

from douyin_team.cli import build_parser
from douyin_team.reports import OUTPUT_FORMATS

ROOT = Path(__file__).resolve().parents[1]
README = (ROOT / "README.md").read_text(encoding="utf-8")
spec = importlib.util.spec_from_file_location("update_docs", ROOT / "scripts" / "update_docs.py")
assert spec and spec.loader
update_docs = importlib.util.module_from_spec(spec)
spec.loader.exec_module(update_docs)
BLOCKS = update_docs.BLOCK.findall(README)


def test_readme_has_output_blocks() -> None:
    assert len(BLOCKS) >= 5


@pytest.mark.parametrize("command", BLOCKS)
def test_readme_output_is_real(command: str) -> None:
    block = update_docs.render_block(command)
    assert block in README, f"README output of `{command}` is stale: run scripts/update_docs.py"


def test_rules_doc_is_generated() -> None:
    assert (ROOT / "docs" / "rules.md").read_text(encoding="utf-8") == update_docs.rules_doc()


def test_money_doc_is_generated() -> None:
    assert (ROOT / "docs" / "money.md").read_text(encoding="utf-8") == update_docs.money_doc()


def test_every_command_and_format_is_in_the_readme() -> None:
    sub = next(a for a in build_parser()._actions if a.dest == "command")
    for name in sub.choices:  # type: ignore[union-attr]
        assert f"douyin-team {name}" in README, name
    for fmt in OUTPUT_FORMATS:
        assert fmt in README, fmt


def test_the_two_setup_commands_are_the_scripts_ci_runs() -> None:
    assert "bash scripts/demo.sh" in README and "bash scripts/test.sh" in README
    assert "scripts/test.sh" in (ROOT / ".ci" / "run").read_text(encoding="utf-8")


def test_readme_shell_examples_run(tmp_path: Path) -> None:
    """Every `douyin-team …` line in a plain bash block runs and exits 0 or 1 (1 = a check found errors)."""
    lines = re.findall(r"^douyin-team (.+?)(?:\s+#.*)?$", README, re.M)
    assert lines
    exe = Path(sys.executable).parent / "douyin-team"
    for line in lines:
        argv = shlex.split(line.replace("examples/", f"{ROOT}/examples/"))
        if ">" in argv:
            argv = argv[: argv.index(">")]
        done = subprocess.run([str(exe), *argv], cwd=tmp_path, capture_output=True, text=True, check=False)
        assert done.returncode in (0, 1), (line, done.stderr)
        assert "Traceback" not in done.stderr
