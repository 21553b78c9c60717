"""ASGI middleware: security headers on every response, a cap on request bodies, and a watch on the client
(its work stops when it goes away: web/limits.py)."""

from __future__ import annotations

import asyncio
import base64
import hashlib
import re
from abc import ABC, abstractmethod
from collections import deque
from functools import lru_cache
from typing import Any

from starlette.types import ASGIApp, Message, Receive, Scope, Send

from .limits import STOPPED_KEPT, Watch, watching

INLINE_SCRIPT = re.compile(rb"<script>(.*?)</script>", re.S)
BASE_HEADERS = [
    (b"x-content-type-options", b"nosniff"),
    (b"x-frame-options", b"SAMEORIGIN"),
    (b"referrer-policy", b"same-origin"),
]
PAGE_POLICY = ("default-src 'self'; img-src 'self' data:; style-src 'self' 'unsafe-inline'; "
               "script-src 'self'{extra}; frame-ancestors 'self'; form-action 'self'; base-uri 'none'")


@lru_cache(maxsize=64)  # charts are cached bytes objects, whose hash Python keeps: repeat calls are cheap
def script_policy(html: bytes) -> bytes:
    """A Content-Security-Policy allowing exactly the inline scripts of this page (by hash), nothing else inline."""
    hashes = "".join(f" 'sha256-{base64.b64encode(hashlib.sha256(m).digest()).decode()}'"
                     for m in INLINE_SCRIPT.findall(html))
    return PAGE_POLICY.format(extra=hashes).encode()


class BodyTooLarge(Exception):
    """The request body went past the upload cap."""


class HttpMiddleware(ABC):
    """An ASGI middleware of HTTP requests: other scopes (the lifespan, websockets) pass through untouched.
    Subclasses implement `http` (SecurityMiddleware, ClientWatch, retry.DatabaseRetry)."""

    def __init__(self, app: ASGIApp) -> None:
        self.app = app

    async def __call__(self, scope: Scope, receive: Receive, send: Send) -> None:
        if scope["type"] != "http":
            await self.app(scope, receive, send)
            return
        await self.http(scope, receive, send)

    @abstractmethod
    async def http(self, scope: Scope, receive: Receive, send: Send) -> None:
        """Answer one HTTP request (through `self.app`)."""


class SecurityMiddleware(HttpMiddleware):
    """Adds nosniff, frame and referrer headers and a CSP; answers 413 to bodies over the cap."""

    def __init__(self, app: ASGIApp, max_body: int) -> None:
        super().__init__(app)
        self.max_body = max_body

    async def http(self, scope: Scope, receive: Receive, send: Send) -> None:
        """Cap the body, add the headers."""
        length = dict(scope["headers"]).get(b"content-length")
        if length is not None and length.isdigit() and int(length) > self.max_body:
            await _too_large(send)
            return
        if length is None and scope.get("method") not in ("GET", "HEAD", "OPTIONS"):
            # A chunked body: read it here, up to the cap, so going over is a 413 and not whatever the body's
            # parser makes of the exception (FastAPI answered 400 "There was an error parsing the body").
            body = await read_body(receive, self.max_body)
            if body is None:
                await _too_large(send)
                return
            receive = replay(body, receive)
        seen = 0
        started = False

        async def capped() -> Message:
            nonlocal seen
            message = await receive()
            seen += len(message.get("body", b""))
            if seen > self.max_body:
                raise BodyTooLarge()
            return message

        async def with_headers(message: Message) -> None:
            nonlocal started
            if message["type"] == "http.response.start":
                started = True
                headers: list[Any] = list(message.get("headers", []))
                names = {k.lower() for k, _ in headers}
                headers += [h for h in BASE_HEADERS if h[0] not in names]
                if b"content-security-policy" not in names:
                    headers.append((b"content-security-policy", PAGE_POLICY.format(extra="").encode()))
                message = {**message, "headers": headers}
            await send(message)

        try:
            await self.app(scope, capped, with_headers)
        except BodyTooLarge:
            if not started:
                await _too_large(send)


async def read_body(receive: Receive, cap: float = float("inf")) -> list[Message] | None:
    """Every message of the request body, or None as soon as it goes over `cap` bytes."""
    messages: list[Message] = []
    seen = 0
    while True:
        message = await receive()
        messages.append(message)
        seen += len(message.get("body", b""))
        if seen > cap:
            return None
        if message["type"] != "http.request" or not message.get("more_body", False):
            return messages


def replay(messages: list[Message], rest: Receive) -> Receive:
    """A `receive` that gives the read body again, then the server's own (which reports a disconnect)."""
    queue = list(messages)

    async def receive() -> Message:
        return queue.pop(0) if queue else await rest()

    return receive


async def _too_large(send: Send) -> None:
    body = b'{"error": {"type": "TooLarge", "message": "request body over the upload limit"}}'
    await send({"type": "http.response.start", "status": 413,
                "headers": [(b"content-type", b"application/json"), (b"content-length", str(len(body)).encode())]})
    await send({"type": "http.response.body", "body": body})


class ClientWatch(HttpMiddleware):
    """Hears the client of each request go away while it is answered, and tells the request's Watch.

    Only once the app has read the whole body: then the server's `receive` has nothing left to give but the
    disconnect, so a task waits on it; the app's own later calls (Starlette's disconnect checks, a streaming
    response) get the disconnect from that task. The Watch is also the request's progress listener, copied
    with the context into the thread that renders: its next report after a disconnect stops the work.
    """

    async def http(self, scope: Scope, receive: Receive, send: Send) -> None:
        """Answer the request with its Watch listening."""
        watch = Watch(scope.get("method", ""), scope.get("path", ""), _stopped_of(scope))
        gone = asyncio.Event()
        listener: asyncio.Task[None] | None = None

        async def hear_disconnect() -> None:
            while (await receive())["type"] != "http.disconnect":
                pass
            watch.gone = True
            gone.set()

        async def watched() -> Message:
            nonlocal listener
            if listener is not None or gone.is_set():  # the body was read: what is left is the disconnect
                await gone.wait()
                return {"type": "http.disconnect"}
            message = await receive()
            if message["type"] == "http.disconnect":
                watch.gone = True
                gone.set()
            elif not message.get("more_body", False):
                listener = asyncio.ensure_future(hear_disconnect())
            return message

        async def answered(message: Message) -> None:
            if message["type"] == "http.response.body" and not message.get("more_body", False):
                watch.answered = True  # a disconnect after this stops nothing
            await send(message)

        try:
            with watching(watch):
                await self.app(scope, watched, answered)
        finally:
            if listener is not None:
                listener.cancel()


def _stopped_of(scope: Scope) -> deque[str] | None:
    """The app's record of stopped work (app.state.stopped_renders), made on first use."""
    app = scope.get("app")
    if app is None:
        return None
    found: deque[str] | None = getattr(app.state, "stopped_renders", None)
    if found is None:
        found = app.state.stopped_renders = deque(maxlen=STOPPED_KEPT)
    return found
