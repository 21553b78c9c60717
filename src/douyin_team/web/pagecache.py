"""Rendered pages kept by everything they show, so a page asked for again is not rendered again.

A page's HTML depends on its data and on the browser's CSRF token. The cache keeps the HTML rendered with a
placeholder in the token's place (random per process, so no user's text can contain it) and puts each
request's own token in. In this process only, bounded by count and bytes: a cache, not state.
"""

from __future__ import annotations

import secrets
import threading
from collections import OrderedDict
from collections.abc import Hashable

MAX_PAGES = 256
MAX_BYTES = 32 * 1024 * 1024
MAX_PAGE = 1024 * 1024  # a bigger page (a roster of thousands) is rendered each time rather than crowd others out


class PageCache:
    """Least recently used pages, by key."""

    def __init__(self, pages: int = MAX_PAGES, size: int = MAX_BYTES) -> None:
        self.placeholder = "csrf" + secrets.token_hex(16)
        self._pages: OrderedDict[Hashable, str] = OrderedDict()
        self._limits = (pages, size)
        self._bytes = 0
        self._lock = threading.Lock()

    def get(self, key: Hashable) -> str | None:
        """The page's HTML with the placeholder for its CSRF token, or None."""
        with self._lock:
            html = self._pages.get(key)
            if html is not None:
                self._pages.move_to_end(key)
            return html

    def put(self, key: Hashable, html: str) -> None:
        """Keep a page (unless it is too big), dropping the least recently used past the limits."""
        if len(html) > MAX_PAGE:
            return
        with self._lock:
            old = self._pages.pop(key, None)
            self._bytes += len(html) - (len(old) if old is not None else 0)
            self._pages[key] = html
            while len(self._pages) > self._limits[0] or self._bytes > self._limits[1]:
                _, dropped = self._pages.popitem(last=False)
                self._bytes -= len(dropped)
