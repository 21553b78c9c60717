"""The app factory: `create_app(settings, engine)` builds a FastAPI app; nothing is built at import time.

Run it with `douyin-team serve`, or `uvicorn --factory douyin_team.web.app:create_app`.
"""

from __future__ import annotations

import gc
import os
from collections.abc import AsyncIterator
from contextlib import asynccontextmanager
from pathlib import Path
from typing import Any

from fastapi import FastAPI, Request
from fastapi.responses import JSONResponse, Response
from fastapi.staticfiles import StaticFiles
from sqlalchemy import Engine
from starlette.concurrency import run_in_threadpool

from .. import jobs, store
from ..errors import DouyinTeamError
from .callers import RecentCallers
from .compute import Core, error_body
from .config import WebSettings, settings_from_env
from .deps import CsrfFailed, LoginRequired, NotSignedIn
from .middleware import SecurityMiddleware
from .pages import make_templates, page, redirect

STATIC = Path(__file__).parent / "static"
# Store errors → HTTP statuses (a non-member gets 404: never tell that another workspace's merchant exists).
STATUS = {"NotFound": 404, "Forbidden": 403, "EditConflict": 409, "EmailTaken": 409, "AlreadyMember": 409,
          "LastOwner": 409, "BadCredentials": 401, "TooManyAttempts": 429}


def create_app(settings: WebSettings | None = None, engine: Engine | None = None) -> FastAPI:
    """A FastAPI app on `engine` (default: from the settings' DATABASE_URL); migrations run on start."""
    from ..knowledge import load_knowledge
    from .routers import ROUTERS, api_docs

    settings = settings or settings_from_env()
    # Up to 20 connections per process, within what a shared PostgreSQL allows, all kept open: no overflow
    # connections, which a busy app would open and close again for every burst. Tested only after sitting idle.
    engine = engine or store.ping_when_idle(store.make_engine(settings.database_url, pool_size=20, max_overflow=0,
                                                              pool_pre_ping=False))

    @asynccontextmanager
    async def lifespan(app: FastAPI) -> AsyncIterator[None]:
        if settings.upgrade_on_start and not os.environ.get("DOUYIN_TEAM_UPGRADED"):
            await run_in_threadpool(store.upgrade, engine)
        if settings.freeze_after_start:
            # What start-up built (knowledge base, templates, routes) lives as long as the process: moved out
            # of the garbage collector's sight, so its full collections do not rescan it (pauses under load).
            gc.freeze()
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
    app.state.callers = RecentCallers(settings.token_cache_seconds)
    app.state.templates = make_templates()
    for router in ROUTERS:
        app.include_router(router)
    app.mount("/static", StaticFiles(directory=STATIC), name="static")
    app.mount(api_docs.ASSETS, api_docs.assets(), name="docs-assets")
    api_docs.describe_tokens(app)
    _handlers(app)
    app.add_middleware(SecurityMiddleware, max_body=settings.max_upload_bytes)
    return app


def _is_api(request: Request) -> bool:
    return request.url.path.startswith("/api/")


def _handlers(app: FastAPI) -> None:
    @app.exception_handler(DouyinTeamError)
    async def core_error(request: Request, err: DouyinTeamError) -> Response:
        status = STATUS.get(type(err).__name__, 422)
        headers = {"retry-after": str(err.retry_after)} if isinstance(err, store.TooManyAttempts) else None
        if _is_api(request):
            return JSONResponse(error_body(err), status_code=status, headers=headers)
        return page(request, "error.html", status_code=status, message=str(err), status=status)

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
        message = "CSRF token missing or invalid: reload the page and try again"
        if _is_api(request):
            return JSONResponse({"error": {"type": "CsrfFailed", "message": message}}, status_code=403)
        return page(request, "error.html", status_code=403, message=message, status=403)
