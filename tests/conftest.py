"""Shared fixtures: golden files and the default knowledge base."""

from __future__ import annotations

import json
from collections.abc import Callable
from pathlib import Path

import pytest

GOLDEN_DIR = Path(__file__).parent / "golden"


def pytest_addoption(parser: pytest.Parser) -> None:
    parser.addoption(
        "--update-golden",
        action="store_true",
        default=False,
        help="rewrite the files under tests/golden/ from the current output instead of comparing",
    )


@pytest.fixture
def golden(request: pytest.FixtureRequest) -> Callable[[str, object], None]:
    """Compare a value (str, bytes or JSON-able) with tests/golden/<name>; --update-golden rewrites it."""
    update = request.config.getoption("--update-golden")

    def check(name: str, value: object) -> None:
        path = GOLDEN_DIR / name
        if isinstance(value, bytes):
            data = value
        elif isinstance(value, str):
            data = value.encode("utf-8")
        else:
            data = (json.dumps(value, ensure_ascii=False, indent=1, sort_keys=True) + "\n").encode("utf-8")
        if update or not path.exists():
            if not update:
                pytest.fail(f"golden file {path} is missing: run pytest --update-golden to create it")
            path.parent.mkdir(parents=True, exist_ok=True)
            path.write_bytes(data)
            return
        assert data == path.read_bytes(), f"output differs from {path}; run pytest --update-golden if intended"

    return check


@pytest.fixture(scope="session", autouse=True)
def _fresh_cache(tmp_path_factory: pytest.TempPathFactory) -> None:
    """Start every test run with an empty cache folder, so the slow paths are tested too."""
    import os

    os.environ["XDG_CACHE_HOME"] = str(tmp_path_factory.mktemp("cache"))


@pytest.fixture(scope="session")
def kb():  # type: ignore[no-untyped-def]
    """The default knowledge base, loaded once."""
    from douyin_team.kb import load_knowledge

    return load_knowledge()
