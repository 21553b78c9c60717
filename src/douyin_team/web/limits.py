"""What one web request may ask the renderers for, and the renders that run while the request waits.

- People per output: a team over the limit of its format is a 422 naming the limit (the CLI has none of
  these: it runs on the merchant's own machine). The PNG is also capped in pixels by its renderer.
- At most `RENDER_SLOTS` heavy renders (PNG, PDF, the kit) at once per process, and only of small teams
  (web/exports.py `INLINE_PEOPLE`): a bigger team, or a small one that finds every slot taken for
  `SLOT_TRY` seconds, is an export job instead (202 and the job; web/exports.py `api_render`), so no render
  request waits long for a slot nor is refused for want of one; one whose client left while waiting is dropped.
- A client that goes away stops its work, whatever the work is (one mechanism): middleware.ClientWatch
  hears the disconnect and marks the request's `Watch`; the Watch is the request's progress listener, so the
  renderer's next `progress.report` (a PNG tile, a PDF page, an import row) raises `ClientGone` and the
  render unwinds in its thread. Jobs stop the same way when their requester cancels them, or when the
  requests waiting for them all went away (jobs/runner.py, jobs/records.py `give_up`). Nothing computes for
  nobody.
No heavy render of a big team, and no kit PDF at all, runs in the web process: the pages' downloads, the API's
kit PDFs and its big renders are background jobs (issue #16, web/exports.py).
"""

from __future__ import annotations

import asyncio
import logging
import time
from collections import deque
from collections.abc import Awaitable, Callable, Iterator
from contextlib import contextmanager
from contextvars import ContextVar
from typing import Any, TypeVar

from .. import progress
from ..errors import InvalidValue
from ..progress import Cancelled
from ..text import Text

# format → the most people one web request may render in it
CHART_PEOPLE = {"png": 2_000, "pdf": 2_000}
CHART_PEOPLE_DEFAULT = 5_000
KIT_PEOPLE = {"pdf": 300}
KIT_PEOPLE_DEFAULT = 1_000
# Live rooms in a kit PDF: each adds its shift tables and SOP pages — one person's kit PDF took 1.9 CPU s with
# 1 room, 13.1 s with 27, 25.9 s with 50 (2026-12-02; Schemathesis found the 27). Rooms may be up to 200.
KIT_PDF_ROOMS = 10
HEAVY_CHARTS = frozenset({"png", "pdf"})
RENDER_SLOTS = 2
SLOT_TRY = 1.0  # seconds a small render waits for a slot before it becomes a job
T = TypeVar("T")
STOPPED_KEPT = 100  # the last stopped renders an app remembers (app.state.stopped_renders)
log = logging.getLogger("douyin_team.web")


class ClientGone(Cancelled):
    """The client disconnected while its render waited or ran: nobody to answer."""


class Watch:
    """Whether one request's client is still there (set by middleware.ClientWatch), and the request's
    progress listener: a report made after the client left raises ClientGone, which stops the work."""

    def __init__(self, method: str, path: str, stopped: deque[str] | None = None) -> None:
        self.what, self.reports = f"{method} {path}", 0
        self.gone = False  # the client disconnected
        self.answered = False  # the whole response was sent (a disconnect after that stops nothing)
        self.stopped = stopped  # where the app remembers stopped work (None: nobody keeps count)

    def __call__(self, done: int, total: int, unit: Text) -> None:
        self.reports += 1
        if self.gone and not self.answered:
            self.stop(f"after {done} of {total or '?'} {unit.en}")

    def stop(self, where: str) -> None:
        """Stop the request's work here (raises ClientGone), saying so in the server's log."""
        line = f"{self.what}: stopped {where}: the client went away"
        log.warning("douyin-team: %s", line)
        if self.stopped is not None:
            self.stopped.append(line)
        raise ClientGone(line)


_watch: ContextVar[Watch | None] = ContextVar("douyin_team_watch", default=None)


@contextmanager
def watching(watch: Watch) -> Iterator[None]:
    """Inside the block `watch` is the current request's: its progress listener, and what RenderSlots and a
    request waiting for its job (web/exports.py) ask whether the client is still there."""
    token = _watch.set(watch)
    try:
        with progress.listening(watch):
            yield
    finally:
        _watch.reset(token)


def client_gone() -> bool:
    """Whether the current request's client has gone (False outside a watched request)."""
    watch = _watch.get()
    return watch is not None and watch.gone and not watch.answered


def stop_work(where: str) -> None:
    """Stop the current request's work here (raises ClientGone), as its Watch would."""
    watch = _watch.get()
    if watch is None:
        raise ClientGone(where)
    watch.stop(where)


def check_people(document: dict[str, Any], kind: str, fmt: str) -> None:
    """InvalidValue when the team has more people than a web `kind` ("chart" or "kit") render in `fmt` allows
    (or, for the kit PDF, more live rooms)."""
    people = document.get("people") if isinstance(document, dict) else None
    count = len(people) if isinstance(people, list) else 0
    limits, default = (CHART_PEOPLE, CHART_PEOPLE_DEFAULT) if kind == "chart" else (KIT_PEOPLE, KIT_PEOPLE_DEFAULT)
    limit = limits.get(fmt, default)
    if count > limit:
        raise InvalidValue(f"the {kind} as {fmt.upper()} is limited to {limit} people in the web app; this team has "
                           f"{count}", field="people",
                           hint=f"use `douyin-team {kind} TEAM.yaml -o {kind}.{fmt}` on your computer, or another format")
    rooms = document.get("rooms") if isinstance(document, dict) else None
    if kind == "kit" and fmt == "pdf" and isinstance(rooms, int) and rooms > KIT_PDF_ROOMS:
        raise InvalidValue(f"the kit as PDF is limited to {KIT_PDF_ROOMS} live rooms in the web app; this team has "
                           f"{rooms}", field="rooms",
                           hint="export the kit from the merchant's page (a background job), or choose another format")


class RenderSlots:
    """A few heavy renders at a time per process, in arrival order, dropping requests whose client left."""

    def __init__(self, slots: int = RENDER_SLOTS) -> None:
        self._free = asyncio.Semaphore(slots)

    async def run_if_free(self, work: Callable[[], Awaitable[T]], wait: float | None = None) -> T | None:
        """Await `work()` in a slot if one is free within `wait` seconds (default SLOT_TRY); None (nothing
        done) if not. A request whose client leaves while it waits is dropped (ClientGone)."""
        deadline = time.monotonic() + (SLOT_TRY if wait is None else wait)
        while True:
            try:
                await asyncio.wait_for(self._free.acquire(), timeout=max(0.0, min(0.25, deadline - time.monotonic())))
                break
            except TimeoutError:
                if client_gone():
                    stop_work("while waiting for a render slot")
                if time.monotonic() >= deadline:
                    return None
        try:
            return await work()
        finally:
            self._free.release()
