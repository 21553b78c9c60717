"""ASGI middleware: security headers on every response, a cap on request bodies, and a watch on the client
(its work stops when it goes away: web/limits.py)."""

from __future__ import annotations

import asyncio
import base64
import hashlib
import json
import re
from abc import ABC, abstractmethod
from collections import deque
from collections.abc import Callable
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
            await _too_large(scope, send, self.max_body)
            return
        if length is None and scope.get("method") not in ("GET", "HEAD", "OPTIONS"):
            # A chunked body: read it here, up to the cap, so going over is a 413 and not whatever the body's
            # parser makes of the exception (FastAPI answered 400 "There was an error parsing the body").
            body = await read_body(receive, self.max_body)
            if body is None:
                await _too_large(scope, send, self.max_body)
                return
            receive = replay(body, receive)
        seen = 0

        async def capped() -> Message:
            nonlocal seen
            message = await receive()
            seen += len(message.get("body", b""))
            if seen > self.max_body:
                raise BodyTooLarge()
            return message

        sent = Sent(send, start=_with_headers)
        try:
            await self.app(scope, capped, sent)
        except BodyTooLarge:
            if not sent.started:
                await _too_large(scope, send, self.max_body)


def _with_headers(message: Message) -> Message:
    """The response's start with the security headers it does not set itself."""
    headers: list[Any] = list(message.get("headers", []))
    names = {k.lower() for k, _ in headers}
    headers += [h for h in BASE_HEADERS if h[0] not in names]
    if b"content-security-policy" not in names:
        headers.append((b"content-security-policy", PAGE_POLICY.format(extra="").encode()))
    return {**message, "headers": headers}


class Sent:
    """A `send` that passes the response on and notes how far it got: `started` (its status line went out:
    too late for another answer) and `ended` (its last body part went out). The three middlewares' one
    wrapper of the server's `send`; `start` may rewrite the response's start (headers), `on_end` is told
    when the response has ended."""

    def __init__(self, send: Send, start: Callable[[Message], Message] | None = None,
                 on_end: Callable[[], None] | None = None) -> None:
        self.send, self.start, self.on_end = send, start, on_end
        self.started = self.ended = False

    async def __call__(self, message: Message) -> None:
        if message["type"] == "http.response.start":
            self.started = True
            if self.start is not None:
                message = self.start(message)
        elif message["type"] == "http.response.body" and not message.get("more_body", False):
            self.ended = True
            if self.on_end is not None:
                self.on_end()
        await self.send(message)


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


async def _too_large(scope: Scope, send: Send, limit: int) -> None:
    """A 413 in the API's error shape, in the reader's language (as `lang_of` picks it), saying the cap."""
    from starlette.requests import Request

    from .body_errors import too_large
    from .deps import lang_of

    body = json.dumps(too_large(limit, lang_of(Request(scope))), ensure_ascii=False).encode()
    await send({"type": "http.response.start", "status": 413,
                "headers": [(b"content-type", b"application/json"), (b"content-length", str(len(body)).encode())]})
    await send({"type": "http.response.body", "body": body})


class ClientWatch(HttpMiddleware):
    """Hears the client of each request go away while it is answered, and tells the request's Watch.

    Once the app has read the whole body (a request without one: at once), the server's `receive` has
    nothing left to give but the disconnect, so a task waits on it; the app's own later calls (Starlette's
    disconnect checks, a streaming response) get what was read ahead, then the disconnect from that task —
    the same `replay` the database retry gives a request's body again with. The Watch is also the request's
    progress listener, copied with the context into the thread that renders: its next report after a
    disconnect stops the work. So a page download waiting on its job (a GET) is heard leaving as a POST is.
    """

    async def http(self, scope: Scope, receive: Receive, send: Send) -> None:
        """Answer the request with its Watch listening."""
        watch = Watch(scope.get("method", ""), scope.get("path", ""), _stopped_of(scope))
        gone = asyncio.Event()
        listener: asyncio.Task[None] | None = None

        def heard(message: Message) -> Message:
            if message["type"] == "http.disconnect":
                watch.gone = True
                gone.set()
            return message

        async def hear_disconnect() -> None:
            while heard(await receive())["type"] != "http.disconnect":
                pass

        async def disconnect() -> Message:
            await gone.wait()
            return {"type": "http.disconnect"}

        def listen() -> None:
            nonlocal listener
            listener = asyncio.ensure_future(hear_disconnect())

        if _bodiless(scope):
            # Its empty body is there at once, though a server may send it in pieces (httpx's ASGITransport sends
            # b"" with more_body, then the end): all of it is read before the listener takes over `receive`.
            body = [heard(await receive())]
            while body[-1]["type"] == "http.request" and body[-1].get("more_body", False):
                body.append(heard(await receive()))
            app_receive = replay(body, disconnect)
            listen()
        else:
            async def app_receive() -> Message:
                if listener is not None or gone.is_set():  # the body was read: what is left is the disconnect
                    return await disconnect()
                message = heard(await receive())
                if message["type"] != "http.disconnect" and not message.get("more_body", False):
                    listen()
                return message

        def answered() -> None:
            watch.answered = True  # a disconnect after this stops nothing

        try:
            with watching(watch):
                await self.app(scope, app_receive, Sent(send, on_end=answered))
        finally:
            if listener is not None:
                listener.cancel()


def _bodiless(scope: Scope) -> bool:
    """Whether the request has no body (no Content-Length, or 0, and not chunked): its one `http.request`
    message is there at once."""
    headers = dict(scope.get("headers") or [])
    return b"transfer-encoding" not in headers and headers.get(b"content-length", b"0").strip() in (b"", b"0")


def _stopped_of(scope: Scope) -> deque[str] | None:
    """The app's record of stopped work (app.state.stopped_renders), made on first use."""
    app = scope.get("app")
    if app is None:
        return None
    found: deque[str] | None = getattr(app.state, "stopped_renders", None)
    if found is None:
        found = app.state.stopped_renders = deque(maxlen=STOPPED_KEPT)
    return found
