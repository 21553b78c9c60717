"""Progress of long work (PNG tiles, PDF pages, import rows, staffing steps), told to whoever listens.

The core calls `report(done, total, what)` as it goes; nobody listens unless a caller set a listener with
`listening(fn)` — the CLI's progress bar on a terminal, a job recording "第12页，共70页" in its row. The
listener is a context variable, so a thread or task only hears its own work; with none set a report costs
one lookup.

The same reports are where long work can be stopped: a listener may raise `Cancelled` (the web app's when
its client has gone, a job's when its requester cancelled it), and the work unwinds from that report.
"""

from __future__ import annotations

from collections.abc import Callable, Iterator
from contextlib import contextmanager
from contextvars import ContextVar

from .text import Text

Listener = Callable[[int, int, Text], None]  # done, total, what is being counted ("页" / "pages")
_listener: ContextVar[Listener | None] = ContextVar("douyin_team_progress", default=None)

PAGES = Text(zh="页", en="pages")
TILES = Text(zh="块", en="tiles")
ROWS = Text(zh="行", en="rows")
STEPS = Text(zh="步", en="steps")
MERCHANTS = Text(zh="个商家", en="merchants")
LAYOUT = Text(zh="页（排版中）", en="pages laid out")  # a PDF being laid out: its total is an estimate
UNITS = {t.en: t for t in (PAGES, TILES, ROWS, STEPS, MERCHANTS, LAYOUT)}  # a unit by its English name (stored in a job row)


class Cancelled(Exception):
    """Raised by a listener to stop the work in progress: nobody wants its result any more."""


def report(done: int, total: int, what: Text) -> None:
    """Tell the listener (if any) that `done` of `total` units of `what` are finished."""
    listener = _listener.get()
    if listener is not None:
        listener(done, total, what)


@contextmanager
def listening(listener: Listener) -> Iterator[None]:
    """Send the reports made inside the block (in this thread or task) to `listener`."""
    token = _listener.set(listener)
    try:
        yield
    finally:
        _listener.reset(token)


def describe(done: int, total: int, what: Text, lang: str = "zh") -> str:
    """Progress as a user reads it: "第12页，共70页" / "12 of 70 pages" ("第12页" / "12 pages" while the
    total is not known yet, total 0). Pages being laid out count against an estimated total, said to be one:
    "排版中：第12页，约共70页" / "laying out page 12 of about 70" (the estimate is left out once passed: a
    reporter gives 0 as the total then, so a bar never runs past its end)."""
    if what == LAYOUT:
        return _laying_out(done, total if total > done else 0, lang)
    if lang == "en":
        return f"{done} of {total} {what.en}" if total else f"{done} {what.en}"
    unit = "个" if what == MERCHANTS else what.zh
    return f"第{done}{unit}，共{total}{what.zh}" if total else f"第{done}{unit}"


def _laying_out(done: int, about: int, lang: str) -> str:
    if lang == "en":
        if not done:
            return "laying out" + (f", about {about} pages" if about else "")
        return f"laying out page {done}" + (f" of about {about}" if about else "")
    return "排版中" + (f"：第{done}页" if done else "") + (f"，约共{about}页" if about else "")
