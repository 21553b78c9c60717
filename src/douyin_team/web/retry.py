"""ASGI middleware: a request that lost its database connection is run once more, else a 503.

When PostgreSQL drops connections (a restart, a failover, backends terminated), the first statement on each
pooled connection fails; SQLAlchemy then invalidates the pool, so a second try gets a fresh connection.
Idempotent requests (GET, HEAD, OPTIONS, PUT, DELETE: a team save carries its base revision) are retried
once; a POST is not (it may have committed before the connection dropped), and any request that fails twice
is a 503 with Retry-After — JSON under /api/, a short bilingual page elsewhere — never a plain-text 500.
"""

from __future__ import annotations

from starlette.types import Receive, Scope, Send

from .middleware import HttpMiddleware, Sent, read_body, replay

IDEMPOTENT = frozenset({"GET", "HEAD", "OPTIONS", "PUT", "DELETE"})
RETRY_AFTER = b"2"
API_BODY = (b'{"error": {"type": "DatabaseUnavailable", "message": "the database is unavailable; try again in a '
            b'moment", "field": null, "hint": "the request was not completed", "line": null}}')
PAGE_BODY = ('<!doctype html><html lang="zh"><meta charset="utf-8"><title>503</title>'
             '<h1>数据库暂时不可用 / The database is unavailable</h1>'
             '<p>请稍后重试 / Please try again in a moment.</p></html>').encode()


def is_disconnect(exc: BaseException) -> bool:
    """Whether the exception is the database connection failing (not a bug or a constraint)."""
    from sqlalchemy.exc import DBAPIError, InterfaceError, OperationalError

    return isinstance(exc, DBAPIError) and (exc.connection_invalidated or isinstance(exc, OperationalError | InterfaceError))


class DatabaseRetry(HttpMiddleware):
    """Retries an idempotent request once when its database connection dropped; answers 503 otherwise."""

    async def http(self, scope: Scope, receive: Receive, send: Send) -> None:
        """Run the request (twice if it is idempotent and its connection dropped the first time)."""
        tries = 2 if scope["method"] in IDEMPOTENT else 1
        body = (await read_body(receive) or []) if tries == 2 else []  # capped already by SecurityMiddleware
        for attempt in range(tries):
            sent = Sent(send)
            try:
                await self.app(scope, replay(body, receive) if tries == 2 else receive, sent)
                return
            except Exception as exc:
                if sent.started or not is_disconnect(exc):
                    raise
                if attempt + 1 == tries:
                    await _unavailable(scope, send)


async def _unavailable(scope: Scope, send: Send) -> None:
    api = scope["path"].startswith("/api/")
    body = API_BODY if api else PAGE_BODY
    kind = b"application/json" if api else b"text/html; charset=utf-8"
    await send({"type": "http.response.start", "status": 503,
                "headers": [(b"content-type", kind), (b"content-length", str(len(body)).encode()),
                            (b"retry-after", RETRY_AFTER)]})
    await send({"type": "http.response.body", "body": body})
