"""The API's documentation page, /docs: Swagger UI from the `swagger-ui-bundle-v2` package, served by the app itself
(no CDN: it works offline and under the app's Content-Security-Policy, which allows no inline script)."""

from __future__ import annotations

from typing import Any

from fastapi import APIRouter, FastAPI
from fastapi.responses import HTMLResponse
from fastapi.staticfiles import StaticFiles

from ..api_examples import add_examples
from ..request_errors import MAX_ERRORS

router = APIRouter(include_in_schema=False)
ASSETS = "/docs/assets"
PAGE = f"""<!doctype html>
<html lang="en"><head><meta charset="utf-8"><title>douyin-team API</title><link rel="icon" href="data:,">
<link rel="stylesheet" href="{ASSETS}/swagger-ui.css"></head>
<body><div id="swagger-ui"></div>
<script src="{ASSETS}/swagger-ui-bundle.js"></script><script src="/static/api-docs.js"></script></body></html>
"""


def assets() -> StaticFiles:
    """Swagger UI's scripts and styles, as the package ships them (mounted at ASSETS)."""
    from swagger_ui_bundle import swagger_ui_path

    return StaticFiles(directory=swagger_ui_path)


@router.get("/docs")
async def docs() -> HTMLResponse:
    """Swagger UI on the app's own /openapi.json."""
    return HTMLResponse(PAGE)


def describe_tokens(app: FastAPI) -> None:
    """Make the app's OpenAPI description say what the API really does (then cache it):

    - the API token (`Authorization: Bearer …`) on every /api/ operation, so /docs offers Authorize and
      generated clients send it (the token is checked by the routes' own dependencies, web/deps.py);
    - every error status an operation can answer (400, 401, 403, 404, 409, 413, 422, 429, 503) with the one
      error shape `{"error": {type, message, field, where, hint, line, errors}}` — also for 422, which FastAPI would
      describe as its own `{"detail": […]}` (app.py answers validation errors in the API's shape);
    - team documents typed by the team file's JSON Schema (`douyin-team schema`), not "any object";
    - a worked example of every request body (web/api_examples.py).
    """
    plain = app.openapi

    def openapi() -> dict[str, Any]:
        if app.openapi_schema is None:
            schema = plain()
            components = schema.setdefault("components", {})
            components["securitySchemes"] = {"apiToken": {
                "type": "http", "scheme": "bearer",
                "description": "An API token (dt_…) made on the 令牌/Tokens page"}}
            schemas = components.setdefault("schemas", {})
            schemas.update(_team_components())
            schemas["Error"] = ERROR
            schemas.pop("HTTPValidationError", None)
            schemas.pop("ValidationError", None)
            for model, fields in TEAM_FIELDS.items():
                for name in fields:
                    if model in schemas:
                        schemas[model]["properties"][name] = {"$ref": TEAM_REF}
            for path, operations in schema["paths"].items():
                if path.startswith("/api/"):
                    for operation in operations.values():
                        _describe(path, operation)
            add_examples(schema)
        return app.openapi_schema or {}

    app.openapi = openapi  # type: ignore[method-assign]


TEAM_REF = "#/components/schemas/TeamFile"
TEAM_BODY_PATHS = {"/api/v1/check", "/api/v1/chart", "/api/v1/roadmap", "/api/v1/kit"}
TEAM_FIELDS = {"StaffIn": ("plan",), "CompareIn": ("a", "b"), "TeamSave": ("document",)}
NULLABLE_TEXT: dict[str, Any] = {"type": ["string", "null"]}
# One problem of a refused request (web/request_errors.py): `field` the machine path (body.monthly_sales), `where`
# the field as a person names it, `type` pydantic's error type, `message` one line in the reader's language.
PROBLEM: dict[str, Any] = {"type": "object", "required": ["field", "message"], "properties": {
    "field": NULLABLE_TEXT, "where": NULLABLE_TEXT, "type": {"type": "string"}, "message": {"type": "string"},
    "did_you_mean": {**NULLABLE_TEXT, "description": "For an unknown field: the real field it is likely meant to be"},
    "line": {"type": ["integer", "null"]}}}
ERROR: dict[str, Any] = {
    "type": "object", "required": ["error"],
    "properties": {"error": {"type": "object", "required": ["type", "message"], "properties": {
        "type": {"type": "string"}, "message": {"type": "string", "description": "One line in the reader's language"},
        "field": NULLABLE_TEXT, "where": NULLABLE_TEXT, "hint": NULLABLE_TEXT,
        "line": {"type": ["integer", "null"]},
        "errors": {"type": "array", "items": PROBLEM, "maxItems": MAX_ERRORS,
                   "description": f"Every problem of a refused request (the first {MAX_ERRORS})"}}}}}
ERRORS = {"400": "The body cannot be parsed", "401": "No valid API token (or session)",
          "403": "The caller's role does not allow it (or a CSRF token is missing)",
          "404": "Not found, or in a workspace the caller is not a member of",
          "409": "Conflicts with what is there (an edit conflict, an existing member, the last owner)",
          "413": "The request body is over the upload limit", "422": "Bad input: `message` names the field, in the language of `?lang=` (else Chinese); "
                 "`errors` lists every problem",
          "429": "Too many requests: wait as `Retry-After` says",
          "503": "The database is unavailable for a moment: retry after `Retry-After` seconds"}


def _describe(path: str, operation: dict[str, Any]) -> None:
    operation["security"] = [{"apiToken": []}]
    responses = operation.setdefault("responses", {})
    for status, description in ERRORS.items():
        if status == "409" and "409" in responses:
            continue  # the edit conflict's own body (latest and yours) is described by its route
        responses[status] = {"description": description,
                             "content": {"application/json": {"schema": {"$ref": "#/components/schemas/Error"}}}}
    body = operation.get("requestBody", {}).get("content", {}).get("application/json")
    if path in TEAM_BODY_PATHS and body is not None:
        body["schema"] = {"$ref": TEAM_REF}


def _team_components() -> dict[str, Any]:
    """The team file's JSON Schema as OpenAPI components (TeamFile, TeamFile_Person, …)."""
    import json

    from ...team import team_schema

    schema = json.loads(team_schema())
    names = {name: "TeamFile" if name == "Team" else f"TeamFile_{name}" for name in schema["$defs"]}
    text = json.dumps(schema["$defs"])
    for old, new in names.items():
        text = text.replace(f'"#/$defs/{old}"', f'"#/components/schemas/{new}"')
    defs: dict[str, Any] = json.loads(text)
    return {names[name]: body for name, body in defs.items()}
