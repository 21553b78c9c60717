"""Rendered pages kept by everything they show, so a page asked for again is not rendered again.

A page's HTML depends on its data and on the browser's CSRF token. The cache keeps the HTML rendered with a
placeholder in the token's place (random per process, so no user's text can contain it), as the encoded
pieces between the placeholders, so sending a page is joining them with the request's own token (no search
of the text, no encoding). A page asked for by many at once while it is not kept (the first requests after a
save, or after start) is made once: the others wait for it (`made`), where each used to make it again, on a
worker's one interpreter, one after the other (50 clients on a fresh server: no answer for the first 2 s).
In this process only, bounded by count and bytes: a cache, not state.
"""

from __future__ import annotations

import secrets
import threading
from collections import OrderedDict
from collections.abc import Callable, Hashable

MAX_PAGES = 256
MAX_BYTES = 32 * 1024 * 1024
MAX_PAGE = 1024 * 1024  # a bigger page (a roster of thousands) is rendered each time rather than crowd others out


class _Making:
    """A page being made: its maker sets `pieces` (None if making failed) and then `done`."""

    def __init__(self) -> None:
        self.done = threading.Event()
        self.pieces: tuple[bytes, ...] | None = None


class PageCache:
    """Least recently used pages, by key."""

    def __init__(self, pages: int = MAX_PAGES, size: int = MAX_BYTES) -> None:
        self.placeholder = "csrf" + secrets.token_hex(16)
        self._pages: OrderedDict[Hashable, tuple[bytes, ...]] = OrderedDict()
        self._limits = (pages, size)
        self._bytes = 0
        self._lock = threading.Lock()
        self._making: dict[Hashable, _Making] = {}

    def get(self, key: Hashable) -> tuple[bytes, ...] | None:
        """The page's UTF-8 pieces around the places of its CSRF token (`page(token)` joins them), or None."""
        with self._lock:
            pieces = self._pages.get(key)
            if pieces is not None:
                self._pages.move_to_end(key)
            return pieces

    def made(self, key: Hashable, make: Callable[[], str], wait: float = 60.0) -> tuple[bytes, ...]:
        """The kept page, else the page `make()` renders (with the placeholder), kept: made by one caller at a
        time per key, the others given its pieces when it is done (also a page too big to keep). If the maker
        fails, or takes longer than `wait` seconds, a waiter makes the page itself."""
        with self._lock:
            pieces = self._pages.get(key)
            if pieces is not None:
                self._pages.move_to_end(key)
                return pieces
            making = self._making.get(key)
            mine = making is None
            if making is None:
                making = self._making[key] = _Making()
        if not mine:
            if making.done.wait(wait) and making.pieces is not None:
                return making.pieces
            return self.put(key, make())
        try:
            making.pieces = self.put(key, make())
            return making.pieces
        finally:
            with self._lock:
                self._making.pop(key, None)
            making.done.set()

    def put(self, key: Hashable, html: str) -> tuple[bytes, ...]:
        """Keep a page rendered with the placeholder (unless it is too big), dropping the least recently used
        past the limits; returns its pieces."""
        pieces = tuple(piece.encode() for piece in html.split(self.placeholder))
        size = sum(map(len, pieces))
        if size > MAX_PAGE:
            return pieces
        with self._lock:
            old = self._pages.pop(key, None)
            self._bytes += size - (sum(map(len, old)) if old is not None else 0)
            self._pages[key] = pieces
            while len(self._pages) > self._limits[0] or self._bytes > self._limits[1]:
                _, dropped = self._pages.popitem(last=False)
                self._bytes -= sum(map(len, dropped))
        return pieces


def page(pieces: tuple[bytes, ...], token: str) -> bytes:
    """A kept page's bytes with `token` in each place of the placeholder."""
    return token.encode().join(pieces)
