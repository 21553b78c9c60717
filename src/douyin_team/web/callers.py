"""API tokens recently found valid, so that the compute endpoints (plan, check, chart…) skip the database.

A trade-off, kept small: a token revoked on another process or host keeps working for the compute endpoints
for at most `ttl` seconds (on the process that revoked it, it stops at once). Endpoints that read or write
stored data always check the token in the database. `DOUYIN_TEAM_TOKEN_CACHE_SECONDS=0` turns this off.
"""

from __future__ import annotations

import threading
import time


class RecentCallers:
    """Bearer tokens → user id, each remembered for `ttl` seconds; at most `size` tokens (oldest dropped).

    Past half its time, the first call of a token is asked to confirm it with the database while the others
    go on: a busy script's calls do not all go to the database at once when the time runs out.
    """

    def __init__(self, ttl: float, size: int = 4096) -> None:
        self.ttl, self.size = ttl, size
        self._seen: dict[str, tuple[float, int]] = {}
        self._confirming: set[str] = set()
        self._lock = threading.Lock()

    def get(self, token: str) -> tuple[int | None, bool]:
        """(the user id of a token found valid less than `ttl` seconds ago, else None; whether this caller
        should confirm the token with the database now — then it calls `remember` or `forget`)."""
        found = self._seen.get(token)
        now = time.monotonic()
        if found is None or found[0] <= now:
            return None, True
        if found[0] - now < self.ttl / 2:
            with self._lock:
                if token not in self._confirming:
                    self._confirming.add(token)
                    return found[1], True
        return found[1], False

    def remember(self, token: str, user_id: int) -> None:
        """Note that the database has just found this token valid for this user."""
        if self.ttl <= 0:
            return
        with self._lock:
            self._confirming.discard(token)
            self._seen.pop(token, None)
            self._seen[token] = (time.monotonic() + self.ttl, user_id)
            if len(self._seen) > self.size:
                del self._seen[next(iter(self._seen))]

    def forget(self, token: str) -> None:
        """The database no longer knows this token (or could not be asked): stop trusting it."""
        with self._lock:
            self._confirming.discard(token)
            self._seen.pop(token, None)

    def forget_all(self) -> None:
        """Drop every remembered token (after a revocation in this process)."""
        with self._lock:
            self._seen.clear()
            self._confirming.clear()
