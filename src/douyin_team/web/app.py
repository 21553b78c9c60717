"""The app factory: `create_app(settings, engine)` builds a FastAPI app; nothing is built at import time.

Run it with `douyin-team serve`, or `uvicorn --factory douyin_team.web.app:create_app`.
"""

from __future__ import annotations

import os
from collections.abc import AsyncIterator
from contextlib import asynccontextmanager
from pathlib import Path
from typing import Any

from fastapi import FastAPI, Request
from fastapi.exceptions import RequestValidationError
from fastapi.responses import JSONResponse, Response
from fastapi.staticfiles import StaticFiles
from sqlalchemy import Engine
from starlette.concurrency import run_in_threadpool
from starlette.exceptions import HTTPException as StarletteHTTPException

from .. import jobs, store
from ..errors import DouyinTeamError
from ..gcpause import tune_for_serving
from . import body_errors, request_errors
from .api_errors import api_error_body, page_message
from .callers import RecentCallers
from .compute import Core
from .config import WebSettings, settings_from_env
from .csrf import EXPIRED, refusal
from .deps import CsrfFailed, LoginRequired, NotSignedIn, lang_of
from .limits import ClientGone, RenderSlots
from .mail import Mailer
from .middleware import ClientWatch, SecurityMiddleware
from .pagecache import PageCache
from .pages import make_templates, page, redirect
from .retry import DatabaseRetry
from .structinfo import build_struct_info

STATIC = Path(__file__).parent / "static"
# Store errors → HTTP statuses (a non-member gets 404: never tell that another workspace's merchant exists).
STATUS = {"NotFound": 404, "Forbidden": 403, "EmailNotVerified": 403, "EditConflict": 409, "EmailTaken": 409, "AlreadyMember": 409,
          "LastOwner": 409, "BadCredentials": 401, "TooManyAttempts": 429,
          "DatabaseUnavailable": 503}
BODY_UNREADABLE = "There was an error parsing the body"  # FastAPI's 400 for a body it cannot decode (not UTF-8)


def create_app(settings: WebSettings | None = None, engine: Engine | None = None) -> FastAPI:
    """A FastAPI app on `engine` (default: from the settings' DATABASE_URL); migrations run on start."""
    from ..knowledge import load_knowledge
    from .routers import ROUTERS, api_docs, first_routes

    settings = settings or settings_from_env()
    # Up to 20 connections per process, within what a shared PostgreSQL allows, all kept open: no overflow
    # connections, which a busy app would open and close again for every burst. Tested only after sitting idle.
    engine = engine or store.ping_when_idle(store.make_engine(settings.database_url, pool_size=20, max_overflow=0,
                                                              pool_pre_ping=False))

    @asynccontextmanager
    async def lifespan(app: FastAPI) -> AsyncIterator[None]:
        if settings.upgrade_on_start and not os.environ.get("DOUYIN_TEAM_UPGRADED"):
            await run_in_threadpool(store.upgrade, engine)
        if settings.freeze_after_start:  # start-up's objects frozen, fewer full collections (gcpause.py)
            tune_for_serving()
        app.state.jobs = await run_in_threadpool(jobs.dispatcher_for, engine)  # routers/api_jobs.py
        yield
        if isinstance(app.state.jobs, jobs.LocalPool):
            await run_in_threadpool(app.state.jobs.stop)

    # FastAPI's own /docs and /redoc load scripts from a CDN: routers/api_docs.py serves /docs from a package instead.
    app = FastAPI(title="douyin-team", version="0.1.0", lifespan=lifespan, docs_url=None, redoc_url=None,
                  description="抖音电商团队规划 API / Plan, check, staff and draw Douyin e-commerce teams. "
                              "Authenticate with `Authorization: Bearer <API token>` (make one on the 令牌/Tokens page).")
    app.state.settings = settings
    app.state.secret = settings.secret_key or None  # else read from the database on first use
    app.state.engine = engine
    app.state.sessions = store.session_factory(engine)
    # Who is calling: a read (and a rare write) on its own, so on PostgreSQL no BEGIN and ROLLBACK round trips.
    autocommit = engine.execution_options(isolation_level="AUTOCOMMIT") if engine.dialect.name == "postgresql" else engine
    app.state.lookups = store.session_factory(autocommit)
    app.state.core = Core(load_knowledge())
    build_struct_info()  # before any request thread decodes a team: see structinfo.py
    app.state.callers = RecentCallers(settings.token_cache_seconds)
    app.state.mailer = Mailer(settings)
    app.state.render_slots = RenderSlots()
    app.state.templates = make_templates()
    app.state.page_cache = PageCache()
    for router in ROUTERS:
        app.include_router(router)
    app.router.routes[:0] = first_routes()
    app.mount("/static", StaticFiles(directory=STATIC), name="static")
    app.mount(api_docs.ASSETS, api_docs.assets(), name="docs-assets")
    api_docs.describe_tokens(app)
    _handlers(app)
    app.add_middleware(DatabaseRetry)  # inside SecurityMiddleware: a retried request's body is already capped
    app.add_middleware(SecurityMiddleware, max_body=settings.max_upload_bytes)
    app.add_middleware(ClientWatch)  # outermost: it hears the disconnect once the others have read the body
    return app


def _is_api(request: Request) -> bool:
    return request.url.path.startswith("/api/")


def validation_body(request: Request, err: RequestValidationError) -> dict[str, Any]:
    """A request that failed FastAPI's validation, in the API's one error shape and the reader's language
    (web/request_errors.py): the route's body model names the fields it has, its /docs section the hint."""
    from fastapi.routing import APIRoute

    route = request.scope.get("route")
    if not isinstance(route, APIRoute):
        return request_errors.validation_body(err.errors(), lang_of(request), body=err.body)
    model = route.body_field.field_info.annotation if route.body_field is not None else None
    anchor = (request_errors.docs_anchor([str(t) for t in route.tags], route.operation_id or route.unique_id)
              if route.include_in_schema and _is_api(request) else None)
    return request_errors.validation_body(err.errors(), lang_of(request), model, anchor, err.body)


def _allowed(app: FastAPI, scope: Any) -> str:
    """Every method some route of the app answers at the request's path (for a 405's Allow header)."""
    from starlette.routing import Match

    methods: set[str] = set()
    for route in app.router.routes:
        found = getattr(route, "methods", None)
        if found and route.matches({**scope, "method": next(iter(found))})[0] is not Match.NONE:
            methods |= set(found)
    return ", ".join(sorted(methods))


def _handlers(app: FastAPI) -> None:
    @app.exception_handler(StarletteHTTPException)
    async def http_error(request: Request, err: StarletteHTTPException) -> Response:
        """Starlette's and FastAPI's own errors (a body that is not JSON, an unknown path, a wrong method) in
        the API's error shape; a 405's Allow lists the methods of every route at the path."""
        headers = {k: v for k, v in (err.headers or {}).items() if k.lower() != "allow"}
        if err.status_code == 405:
            headers["Allow"] = _allowed(app, request.scope)
        if err.status_code == 400 and err.detail == BODY_UNREADABLE:  # FastAPI's, for a body it cannot decode
            body = body_errors.body_unreadable(err.__cause__, lang_of(request))
        else:
            body = {"error": {"type": "HTTPError", "message": str(err.detail), "field": None, "hint": None,
                              "line": None}}
        if _is_api(request):
            return JSONResponse(body, status_code=err.status_code, headers=headers)
        if err.status_code == 400 and err.detail == BODY_UNREADABLE:
            return page(request, "error.html", status_code=400, message=body["error"]["message"], status=400)
        return page(request, "error.html", status_code=err.status_code, message=str(err.detail),
                    status=err.status_code)

    @app.exception_handler(RequestValidationError)
    async def request_invalid(request: Request, err: RequestValidationError) -> Response:
        """The request's every problem, named as a person would, in the reader's language (one handler for
        every route: web/request_errors.py)."""
        body = validation_body(request, err)
        if _is_api(request):
            return JSONResponse(body, status_code=422)
        return page(request, "error.html", status_code=422, message=body["error"]["message"], status=422)

    @app.exception_handler(DouyinTeamError)
    async def core_error(request: Request, err: DouyinTeamError) -> Response:
        """A core error: its hint and field the API's (web/api_errors.py), never a command-line flag."""
        status = STATUS.get(type(err).__name__, 422)
        retry_after = getattr(err, "retry_after", None)  # TooManyAttempts
        headers = {"retry-after": str(retry_after)} if retry_after else None
        # A message may quote the input, which may hold a lone surrogate (not UTF-8): quoted escaped, never a 500.
        if _is_api(request):
            body = {"error": {k: _plain(v) if isinstance(v, str) else v
                              for k, v in api_error_body(err, lang_of(request))["error"].items()}}
            return JSONResponse(body, status_code=status, headers=headers)
        return page(request, "error.html", status_code=status, message=_plain(page_message(err, lang_of(request))),
                    status=status)

    @app.exception_handler(ClientGone)
    async def client_gone(_request: Request, _err: Exception) -> Response:
        return Response(status_code=499)  # nobody reads it: the client closed the connection

    @app.exception_handler(LoginRequired)
    async def login_required(request: Request, _err: Exception) -> Response:
        target = request.url.path + (f"?{request.url.query}" if request.url.query else "")
        from urllib.parse import quote

        return redirect(f"/signin?next={quote(target, safe='/')}")

    @app.exception_handler(NotSignedIn)
    async def not_signed_in(_request: Request, _err: Exception) -> Response:
        body: dict[str, Any] = {"error": {"type": "NotSignedIn", "message": "sign in or send `Authorization: Bearer <token>`"}}
        return JSONResponse(body, status_code=401, headers={"www-authenticate": "Bearer"})

    @app.exception_handler(CsrfFailed)
    async def csrf_failed(request: Request, _err: Exception) -> Response:
        message = refusal(lang_of(request))
        if _is_api(request):
            return JSONResponse({"error": {"type": "CsrfFailed", "message": message}}, status_code=403)
        return page(request, "error.html", status_code=403, message=message, status=403,
                    heading=EXPIRED["en" if lang_of(request) == "en" else "zh"])


def _plain(part: object) -> str:
    """Text that can be written as UTF-8 (a field name from the request may hold a lone surrogate)."""
    return str(part).encode("utf-8", "backslashreplace").decode("utf-8")
