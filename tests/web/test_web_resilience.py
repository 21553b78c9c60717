"""Bodies and databases misbehaving (issue 17): a chunked body over the cap is a 413; PostgreSQL backends
terminated under the app are retried once (idempotent requests) and otherwise a 503 with Retry-After."""

from __future__ import annotations

from collections.abc import Iterator
from typing import Any

import pytest
from fastapi.testclient import TestClient
from sqlalchemy import create_engine, text
from web_support import Browser, bearer, make_app

pytestmark = pytest.mark.usefixtures("fast_hashing")


def chunks(total: int) -> Iterator[bytes]:
    yield b'{"monthly_sales": 1, "merchant": "'
    sent = 0
    while sent < total:
        yield b"x" * 65536
        sent += 65536
    yield b'"}'


def test_a_chunked_body_over_the_cap_is_a_413(engine: Any) -> None:
    app = make_app(engine, max_upload_bytes=1024 * 1024)
    owner = Browser(app).sign_up("owner@example.com")
    headers = {**bearer(owner.api_token()), "content-type": "application/json"}
    client = TestClient(app)
    big = client.post("/api/v1/plan", content=chunks(2 * 1024 * 1024), headers=headers)  # no Content-Length
    assert big.status_code == 413 and big.json()["error"]["type"] == "TooLarge"
    small = client.post("/api/v1/plan", content=iter([b'{"monthly_sales": ', b"300000}"]), headers=headers)
    assert small.status_code == 200, small.text


def terminate_backends(url: str) -> int:
    admin = create_engine(url, isolation_level="AUTOCOMMIT")
    try:
        with admin.connect() as conn:
            return len(conn.execute(text("SELECT pg_terminate_backend(pid) FROM pg_stat_activity WHERE "
                                         "datname = current_database() AND pid <> pg_backend_pid()")).all())
    finally:
        admin.dispose()


@pytest.mark.parametrize("engine", ["postgresql"], indirect=True)
def test_terminated_backends_are_retried_once_then_503(engine: Any) -> None:
    from douyin_team.store import make_engine

    # As the served app makes it: no ping before each checkout, so a dead connection fails its first statement.
    served = make_engine(engine.url.render_as_string(hide_password=False), pool_pre_ping=False)
    app = make_app(served)
    owner = Browser(app).sign_up("owner@example.com")
    client, headers = TestClient(app), bearer(owner.api_token())
    assert client.post("/api/v1/workspaces", json={"name": "A"}, headers=headers).status_code == 201
    assert terminate_backends(engine.url.render_as_string(hide_password=False)) >= 1
    listed = client.get("/api/v1/workspaces", headers=headers)  # the dead connection, then a fresh one
    assert listed.status_code == 200 and [w["name"] for w in listed.json()] == ["A"]
    assert owner.get("/").status_code == 200
    terminate_backends(engine.url.render_as_string(hide_password=False))
    made = client.post("/api/v1/workspaces", json={"name": "B"}, headers=headers)  # a POST is not retried
    assert made.status_code == 503 and made.headers["retry-after"] == "2"
    assert made.json()["error"]["type"] == "DatabaseUnavailable"
    assert client.post("/api/v1/workspaces", json={"name": "B"}, headers=headers).status_code == 201
    terminate_backends(engine.url.render_as_string(hide_password=False))
    page = owner.post("/workspaces", {"name": "C", "kind": "agency"})
    assert page.status_code == 503 and "数据库" in page.text
    served.dispose()


def test_api_hints_name_the_fields_not_the_cli_options(engine: Any) -> None:
    app = make_app(engine)
    client, headers = TestClient(app), bearer(Browser(app).sign_up("a@example.com").api_token())
    error = client.post("/api/v1/plan", json={}, headers=headers).json()["error"]
    assert "--sales" not in error["hint"] and "`monthly_sales`" in error["hint"] and "`stage`" in error["hint"]
