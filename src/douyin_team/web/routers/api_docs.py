"""The API's documentation page, /docs: Swagger UI from the `swagger-ui-bundle-v2` package, served by the app itself
(no CDN: it works offline and under the app's Content-Security-Policy, which allows no inline script)."""

from __future__ import annotations

from typing import Any

from fastapi import APIRouter, FastAPI
from fastapi.responses import HTMLResponse
from fastapi.staticfiles import StaticFiles

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
    """Declare the API token (`Authorization: Bearer …`) in the app's OpenAPI description, on every /api/
    operation, so that /docs offers an Authorize button and clients generated from it send the token.

    The token is checked by the routes' own dependencies (web/deps.py), not by this declaration."""
    plain = app.openapi

    def openapi() -> dict[str, Any]:
        if app.openapi_schema is None:
            schema = plain()
            schema.setdefault("components", {})["securitySchemes"] = {"apiToken": {
                "type": "http", "scheme": "bearer",
                "description": "An API token (dt_…) made on the 令牌/Tokens page"}}
            for path, operations in schema["paths"].items():
                if path.startswith("/api/"):
                    for operation in operations.values():
                        operation["security"] = [{"apiToken": []}]
        return app.openapi_schema or {}

    app.openapi = openapi  # type: ignore[method-assign]
