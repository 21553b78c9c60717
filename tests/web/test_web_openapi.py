"""Schemathesis fuzzes the JSON API from the OpenAPI description the app serves: no request gives a 500.

Bounded (a couple of dozen examples per operation) so it runs in CI in about a minute.
"""

from __future__ import annotations

import atexit
import shutil
import tempfile
from pathlib import Path
from typing import Any

import schemathesis
from fastapi.testclient import TestClient
from hypothesis import HealthCheck, settings
from schemathesis.checks import not_a_server_error
from web_support import Browser, bearer, make_app

from douyin_team.store import make_engine

EXAMPLES = 25
FOLDER = Path(tempfile.mkdtemp(prefix="dt-fuzz-"))
atexit.register(shutil.rmtree, FOLDER, ignore_errors=True)
ENGINE = make_engine(f"sqlite:///{FOLDER / 'fuzz.sqlite'}")
APP = make_app(ENGINE)
schema = schemathesis.openapi.from_asgi("/openapi.json", APP)
STATE: dict[str, str] = {}


def token() -> str:
    """An API token of a user who owns workspace 1 and merchant 1 (made on first use)."""
    if not STATE:
        with TestClient(APP):  # the lifespan runs the migrations
            pass
        owner = Browser(APP).sign_up("fuzz@example.com", "Fuzz")
        owner.merchant(owner.workspace())
        STATE["token"] = owner.api_token()
    return STATE["token"]


@schema.parametrize()
@settings(max_examples=EXAMPLES, deadline=None, derandomize=True,
          suppress_health_check=[HealthCheck.too_slow, HealthCheck.filter_too_much])
def test_api_never_fails_with_a_server_error(case: Any) -> None:
    # A kit PDF is laid out in the request here (no worker): a loaded machine takes longer than Schemathesis' 10 s
    response = case.call(headers=bearer(token()), timeout=120)
    case.validate_response(response, checks=[not_a_server_error])
    assert response.status_code < 500


def test_every_api_operation_declares_the_api_token() -> None:
    """The OpenAPI description says how to authenticate: /docs shows Authorize, generated clients send it."""
    with TestClient(APP) as client:
        described = client.get("/openapi.json").json()
    assert described["components"]["securitySchemes"]["apiToken"] == {
        "type": "http", "scheme": "bearer", "description": "An API token (dt_…) made on the 令牌/Tokens page"}
    operations = [op for path, item in described["paths"].items() for op in item.values()]
    assert operations and all(op["security"] == [{"apiToken": []}] for op in operations)


def test_the_description_matches_the_answers() -> None:
    """Errors are described in the shape they are answered in, on every operation; team bodies are typed."""
    with TestClient(APP) as client:
        described = client.get("/openapi.json").json()
        invalid = client.post("/api/v1/plan", json={"monthly_sales": "lots"}, headers=bearer(token()))
    schemas = described["components"]["schemas"]
    assert "HTTPValidationError" not in schemas and set(schemas["Error"]["required"]) == {"error"}
    assert invalid.status_code == 422 and set(invalid.json()) == {"error"}  # not FastAPI's {"detail": […]}
    assert invalid.json()["error"]["field"] == "body.monthly_sales"
    for path, item in described["paths"].items():
        for operation in item.values():
            assert {"401", "403", "404", "409", "413", "422", "503"} <= set(operation["responses"]), path
    check = described["paths"]["/api/v1/check"]["post"]["requestBody"]["content"]["application/json"]["schema"]
    assert check == {"$ref": "#/components/schemas/TeamFile"}
    assert "people" in schemas["TeamFile"]["properties"]
    assert schemas["StaffIn"]["properties"]["plan"] == {"$ref": "#/components/schemas/TeamFile"}
