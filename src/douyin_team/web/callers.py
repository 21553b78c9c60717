"""API tokens recently found valid, so that the compute endpoints (plan, check, chart…) skip the database.

A trade-off, kept small: a token revoked on another process or host keeps working for the compute endpoints
for at most `ttl` seconds (on the process that revoked it, it stops at once). Endpoints that read or write
stored data always check the token in the database. `DOUYIN_TEAM_TOKEN_CACHE_SECONDS=0` turns this off.
"""

from __future__ import annotations

import threading
import time


class RecentCallers:
    """Bearer tokens → user id, each remembered for `ttl` seconds; at most `size` tokens (oldest dropped)."""

    def __init__(self, ttl: float, size: int = 4096) -> None:
        self.ttl, self.size = ttl, size
        self._seen: dict[str, tuple[float, int]] = {}
        self._lock = threading.Lock()

    def get(self, token: str) -> int | None:
        """The user id of a token found valid less than `ttl` seconds ago, else None."""
        found = self._seen.get(token)
        if found is None or found[0] <= time.monotonic():
            return None
        return found[1]

    def remember(self, token: str, user_id: int) -> None:
        """Note that the database has just found this token valid for this user."""
        if self.ttl <= 0:
            return
        with self._lock:
            self._seen.pop(token, None)
            self._seen[token] = (time.monotonic() + self.ttl, user_id)
            if len(self._seen) > self.size:
                del self._seen[next(iter(self._seen))]

    def forget_all(self) -> None:
        """Drop every remembered token (after a revocation in this process)."""
        with self._lock:
            self._seen.clear()
