"""ASGI middleware: security headers on every response and a cap on request bodies."""

from __future__ import annotations

import base64
import hashlib
import re
from functools import lru_cache
from typing import Any

from starlette.types import ASGIApp, Message, Receive, Scope, Send

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


class SecurityMiddleware:
    """Adds nosniff, frame and referrer headers and a CSP; answers 413 to bodies over the cap."""

    def __init__(self, app: ASGIApp, max_body: int) -> None:
        self.app = app
        self.max_body = max_body

    async def __call__(self, scope: Scope, receive: Receive, send: Send) -> None:
        if scope["type"] != "http":
            await self.app(scope, receive, send)
            return
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
