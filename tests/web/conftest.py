"""Fixtures shared by the web tests: the app on the test database and its owner, signed up and verified (a
test file that needs another app or owner defines its own)."""

from __future__ import annotations

from typing import Any

import pytest
from web_support import Browser, make_app


@pytest.fixture
def app(engine: Any) -> Any:
    return make_app(engine)


@pytest.fixture
def owner(app: Any) -> Browser:
    return Browser(app).sign_up("owner@example.com", "周老板")
