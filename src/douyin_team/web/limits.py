"""What one web request may ask the renderers for, and the renders that run while the request waits.

- People per output: a team over the limit of its format is a 422 naming the limit (the CLI has none of
  these: it runs on the merchant's own machine). The PNG is also capped in pixels by its renderer.
- At most `RENDER_SLOTS` heavy renders (PNG, PDF, the kit) at once per process; a request waits for a
  slot up to `SLOT_WAIT` seconds (then 503 with Retry-After), and one whose client has gone while waiting
  is dropped before any work.
- The kit PDF (WeasyPrint: a minute for 1,000 people) is laid out in a child process, killed when the
  client goes away or after `PDF_SECONDS` (a 422 naming the time limit): nothing keeps computing for nobody.
Longer work belongs in background jobs (issue #16).
"""

from __future__ import annotations

import asyncio
import sys
import time
from collections.abc import Awaitable, Callable
from typing import Any, TypeVar

from fastapi import Request
from starlette.concurrency import run_in_threadpool

from ..errors import DouyinTeamError, InvalidValue

# format → the most people one web request may render in it
CHART_PEOPLE = {"png": 2_000, "pdf": 2_000}
CHART_PEOPLE_DEFAULT = 5_000
KIT_PEOPLE = {"pdf": 300}
KIT_PEOPLE_DEFAULT = 1_000
HEAVY_CHARTS = frozenset({"png", "pdf"})
RENDER_SLOTS = 2
SLOT_WAIT = 15.0
PDF_SECONDS = 60.0
PDF_CHILD = ("import sys, logging, weasyprint; logging.getLogger('fontTools').setLevel(logging.WARNING); "
             "sys.stdout.buffer.write(weasyprint.HTML(string=sys.stdin.buffer.read().decode()).write_pdf())")
T = TypeVar("T")


class RendersBusy(DouyinTeamError):
    """Every render slot stayed taken while the request waited: try again shortly (503)."""

    retry_after = 5


class ClientGone(Exception):
    """The client disconnected while its render waited or ran: nobody to answer."""


def check_people(document: dict[str, Any], kind: str, fmt: str) -> None:
    """InvalidValue when the team has more people than a web `kind` ("chart" or "kit") render in `fmt` allows."""
    people = document.get("people") if isinstance(document, dict) else None
    count = len(people) if isinstance(people, list) else 0
    limits, default = (CHART_PEOPLE, CHART_PEOPLE_DEFAULT) if kind == "chart" else (KIT_PEOPLE, KIT_PEOPLE_DEFAULT)
    limit = limits.get(fmt, default)
    if count > limit:
        raise InvalidValue(f"the {kind} as {fmt.upper()} is limited to {limit} people in the web app; this team has "
                           f"{count}", field="people",
                           hint=f"use `douyin-team {kind} TEAM.yaml -o {kind}.{fmt}` on your computer, or another format")


class RenderSlots:
    """A few heavy renders at a time per process, in arrival order, dropping requests whose client left."""

    def __init__(self, slots: int = RENDER_SLOTS) -> None:
        self._free = asyncio.Semaphore(slots)

    async def run(self, request: Request, work: Callable[[], Awaitable[T]]) -> T:
        """Wait for a slot (checking the client is still there), then await `work()`."""
        deadline = time.monotonic() + SLOT_WAIT
        while True:
            try:
                await asyncio.wait_for(self._free.acquire(), timeout=0.25)
                break
            except TimeoutError:
                if await request.is_disconnected():
                    raise ClientGone() from None
                if time.monotonic() > deadline:
                    raise RendersBusy(f"every render slot stayed busy for {SLOT_WAIT:g} s; try again shortly",
                                      hint="big charts and kits are drawn a few at a time") from None
        try:
            return await work()
        finally:
            self._free.release()

    async def in_thread(self, request: Request, fn: Callable[[], T]) -> T:
        """`fn()` in the thread pool, in a slot."""
        async def work() -> T:
            return await run_in_threadpool(fn)

        return await self.run(request, work)


async def pdf_in_child(request: Request, html: str) -> bytes:
    """Lay out print HTML as PDF in a child process, killed when the client leaves or time runs out."""
    child = await asyncio.create_subprocess_exec(sys.executable, "-c", PDF_CHILD, stdin=asyncio.subprocess.PIPE,
                                                 stdout=asyncio.subprocess.PIPE, stderr=asyncio.subprocess.PIPE)
    talk = asyncio.ensure_future(child.communicate(html.encode("utf-8")))
    deadline = time.monotonic() + PDF_SECONDS
    try:
        while not talk.done():
            await asyncio.wait({talk}, timeout=0.25)
            if talk.done():
                break
            if await request.is_disconnected():
                raise ClientGone()
            if time.monotonic() > deadline:
                raise InvalidValue(f"the kit PDF took over the {PDF_SECONDS:g}-second limit", field="people",
                                   hint="download the XLSX or HTML kit, or use `douyin-team kit` on your computer")
        out, err = talk.result()
    finally:
        if child.returncode is None:
            child.kill()
            await child.wait()
        talk.cancel()
    if child.returncode != 0:
        raise RuntimeError(f"the PDF child failed: {err.decode(errors='replace')[-500:]}")
    return out
