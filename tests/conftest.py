"""Shared fixtures: golden files and the default knowledge base."""

from __future__ import annotations

import json
from collections.abc import Callable, Iterator
from contextlib import contextmanager
from pathlib import Path
from typing import Any

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
    from douyin_team.knowledge import load_knowledge

    return load_knowledge()


CHROMIUM = "/usr/bin/chromium"  # Debian's; Playwright never downloads a browser here
CHROMIUM_ARGS = ["--no-sandbox", "--disable-gpu", "--disable-background-networking"]


@pytest.fixture(scope="module")
def browser() -> Iterator[Any]:
    """Headless Chromium driven by Playwright, one per test module."""
    from playwright.sync_api import sync_playwright

    with sync_playwright() as p:
        browser = p.chromium.launch(executable_path=CHROMIUM, headless=True, args=CHROMIUM_ARGS)
        yield browser
        browser.close()


# --- Storage: every storage test runs on SQLite and on the real PostgreSQL server --------------------------

POSTGRES_SERVER = "postgresql+psycopg://postgres@127.0.0.1:5432/test"


@contextmanager
def postgres_database() -> Iterator[str]:
    """A new, uniquely named PostgreSQL database (the server is shared), dropped afterwards; yields its URL."""
    import uuid

    from sqlalchemy import create_engine, text

    name = f"dt_{uuid.uuid4().hex[:12]}"
    admin = create_engine(POSTGRES_SERVER, isolation_level="AUTOCOMMIT")
    try:
        with admin.connect() as conn:
            conn.execute(text(f'CREATE DATABASE "{name}"'))
        yield POSTGRES_SERVER.rsplit("/", 1)[0] + f"/{name}"
    finally:
        with admin.connect() as conn:
            conn.execute(text(f'DROP DATABASE IF EXISTS "{name}" WITH (FORCE)'))
        admin.dispose()


@pytest.fixture(scope="session")
def postgres_url() -> Iterator[str]:
    """One migrated PostgreSQL database for the whole test session (tables are emptied after each test)."""
    from douyin_team.store import make_engine, upgrade

    with postgres_database() as url:
        engine = make_engine(url)
        upgrade(engine)
        engine.dispose()
        yield url


@pytest.fixture(params=["sqlite", "postgresql"])
def engine(request: pytest.FixtureRequest, tmp_path: Path) -> Iterator[Any]:
    """A migrated, empty database engine: a fresh SQLite file, or the session's PostgreSQL database emptied."""
    from sqlalchemy import text

    from douyin_team.store import make_engine, upgrade
    from douyin_team.store.models import Base

    if request.param == "sqlite":
        engine = make_engine(f"sqlite:///{tmp_path / 'store.sqlite'}")
        upgrade(engine)
        yield engine
        engine.dispose()
        return
    engine = make_engine(request.getfixturevalue("postgres_url"))
    yield engine
    tables = ", ".join(t.name for t in Base.metadata.sorted_tables)
    with engine.begin() as conn:
        conn.execute(text(f"TRUNCATE {tables} RESTART IDENTITY CASCADE"))
    engine.dispose()


@pytest.fixture
def db(engine: Any) -> Iterator[Any]:
    """A session on the test database."""
    from douyin_team.store import session_factory

    with session_factory(engine)() as session:
        yield session


@pytest.fixture
def app(engine: Any) -> Any:
    """The web app on the test database (web tests; a file that needs other settings makes its own)."""
    from web_support import make_app

    return make_app(engine)


@pytest.fixture
def owner(app: Any) -> Any:
    """The app's first user, signed up with a verified email and signed in (a browser-like client)."""
    from web_support import Browser

    return Browser(app).sign_up("owner@example.com", "周老板")


@pytest.fixture
def fast_hashing(monkeypatch: pytest.MonkeyPatch) -> None:
    """argon2id with tiny costs, for tests about something else than passwords (the real cost is ~0.2 s)."""
    from argon2 import PasswordHasher

    from douyin_team.store import accounts

    cheap = PasswordHasher(time_cost=1, memory_cost=8, parallelism=1)
    monkeypatch.setattr(accounts, "_hasher", lambda: cheap)


TEAM_DOCUMENT = {
    "merchant": "山野茶铺", "monthly_sales": 350000, "focus": "live",
    "people": [
        {"name": "老周", "roles": "老板、运营"},
        {"name": "小雅", "roles": ["主播"], "reports_to": "老周", "monthly_cost": 12000},
        {"name": "阿杰", "roles": ["场控", "中控"], "reports_to": "老周"},
    ],
}


@pytest.fixture
def world(db: Any, fast_hashing: None) -> Any:
    """An agency workspace with an owner, an editor and a viewer, one merchant, and an outsider with their own."""
    from types import SimpleNamespace

    from douyin_team import store

    w = SimpleNamespace(db=db)
    for name in ("owner", "editor", "viewer", "outsider"):
        user = store.create_user(db, f"{name}@example.com", "password " + name, name.title())
        store.verify_email(db, store.verification_token(db, user))  # as the mailed link does
        setattr(w, name, user)
    w.workspace = store.create_workspace(db, w.owner, "星河代运营", "agency")
    store.add_member(db, w.owner, w.workspace.id, "editor@example.com", "editor")
    store.add_member(db, w.owner, w.workspace.id, "viewer@example.com", "viewer")
    w.merchant = store.create_merchant(db, w.owner, w.workspace.id, "山野茶铺", {"monthly_sales": 350000})
    w.elsewhere = store.create_workspace(db, w.outsider, "Other agency", "agency")
    return w
