"""The web app's commands (`serve`, `db`), registered on the main parser by `main.build_parser`."""

from __future__ import annotations

import argparse
import os
import sys

from .common import common_options


def cmd_db(args: argparse.Namespace) -> int:
    """Manage the web app's database: `db upgrade` runs the migrations ($DATABASE_URL, default SQLite)."""
    from ..store import database_url, make_engine, upgrade

    url = database_url(args.database_url)
    engine = make_engine(url)
    try:
        revision = upgrade(engine)
    finally:
        engine.dispose()
    where = engine.url.render_as_string(hide_password=True)
    print(f"database {where} is at revision {revision}" if args.lang == "en" else f"数据库 {where} 已升级到版本 {revision}")
    return 0


def cmd_serve(args: argparse.Namespace) -> int:
    """Start the web app (pages and JSON API): SQLite in the data folder, or PostgreSQL by $DATABASE_URL."""
    import uvicorn

    from ..store import make_engine, upgrade
    from ..web import STARTUP_FAILURE, serve_workers, settings_from_env

    if args.database_url:
        os.environ["DATABASE_URL"] = args.database_url
    settings_from_env()  # a bad setting is a one-line error here, not in every worker
    engine = make_engine()
    try:
        upgrade(engine)  # once here, so that several workers do not all migrate at start
    finally:
        engine.dispose()
    os.environ["DOUYIN_TEAM_UPGRADED"] = "1"
    print(f"douyin-team: serving on http://{args.host}:{args.port}/ (API description at /openapi.json)", file=sys.stderr)
    # Python's own event loop, not uvloop: fair when busy — under a full load uvloop left a few connections
    # waiting over a second (p99 1.2 s against 0.09 s for the same app; docs/web-speed.md).
    options = {"app": "douyin_team.web.app:create_app", "factory": True, "host": args.host, "port": args.port,
               "loop": "asyncio", "log_level": "warning" if args.quiet else "info", "access_log": not args.quiet,
               "proxy_headers": args.proxy_headers, "forwarded_allow_ips": "*" if args.proxy_headers else None}
    if args.workers > 1:
        return serve_workers(options, args.workers)  # each worker its own socket: see web/workers.py
    import faulthandler

    faulthandler.enable(file=sys.stderr, all_threads=True)  # a crash in native code says where (web/workers.py)
    server = uvicorn.Server(uvicorn.Config(**options))
    server.run()
    return 0 if server.started else STARTUP_FAILURE  # e.g. the port is taken (uvicorn said why)


def cmd_worker(args: argparse.Namespace) -> int:
    """Run job workers (renders, imports, staffing, batch exports) on the PostgreSQL that `serve` uses."""
    from ..errors import InvalidValue
    from ..jobs import job_nice, serve_job_workers
    from ..store import database_url, make_engine, upgrade

    url = database_url(args.database_url)
    engine = make_engine(url)
    try:
        if engine.dialect.name != "postgresql":
            raise InvalidValue("workers need PostgreSQL: with SQLite `serve` runs the jobs itself", field="DATABASE_URL",
                               hint="set DATABASE_URL=postgresql://… (the same as the app's)")
        upgrade(engine)  # the queue's tables come with migration 0003_jobs
    finally:
        engine.dispose()
    if args.processes < 1:
        raise InvalidValue(f"{args.processes} is not a number of processes", field="--processes", hint="e.g. --processes 2")
    job_nice()  # a wrong $DOUYIN_TEAM_JOB_NICE: one line, before saying the workers start
    print(f"douyin-team: {args.processes} job worker(s) on {engine.url.render_as_string(hide_password=True)}",
          file=sys.stderr)
    return serve_job_workers(engine.url.render_as_string(hide_password=False), args.processes)


def _worker_options(p: argparse.ArgumentParser) -> None:
    p.add_argument("--processes", type=int, default=os.cpu_count() or 1,
                   help="worker processes, one job each at a time (default: the number of CPUs)")
    _database_url_option(p)


def _serve_options(p: argparse.ArgumentParser) -> None:
    p.add_argument("--host", default="127.0.0.1", help="address to listen on (default 127.0.0.1)")
    p.add_argument("--port", type=int, default=8000, help="port (default 8000)")
    p.add_argument("--workers", type=int, default=1, help="worker processes (default 1)")
    _database_url_option(p)
    p.add_argument("--quiet", action="store_true", help="no access log")
    p.add_argument("--proxy-headers", action="store_true",
                   help="trust X-Forwarded-For/Proto (behind a reverse proxy; the sign-in rate limit counts that address)")


def _db_options(p: argparse.ArgumentParser) -> None:
    p.add_argument("action", choices=("upgrade",), help="upgrade: apply every migration not yet applied")
    _database_url_option(p)


def _database_url_option(p: argparse.ArgumentParser) -> None:
    p.add_argument("--database-url", metavar="URL", help="postgresql://… or sqlite:///… (default: $DATABASE_URL, "
                   "else SQLite in $DOUYIN_TEAM_DATA, default ./douyin-team-data)")


def add_web_commands(sub: argparse._SubParsersAction) -> None:  # type: ignore[type-arg]
    """Register `db`, `serve` and `worker` with the main parser's shared options."""
    for name, fn, options in (("db", cmd_db, _db_options), ("serve", cmd_serve, _serve_options),
                              ("worker", cmd_worker, _worker_options)):
        p = sub.add_parser(name, help=(fn.__doc__ or "").split("\n")[0], description=fn.__doc__)
        p.set_defaults(func=fn)
        common_options(p, formats=False)
        options(p)
