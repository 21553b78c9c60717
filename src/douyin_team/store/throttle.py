"""Sign-in and sign-up throttles, and the bound on password hashing, so a flood cannot starve real users.

- Per email and client address: 5 failed sign-ins in 15 minutes (accounts.authenticate).
- Per client address, any emails: 30 failed sign-ins in 15 minutes, then refused *before* any hashing.
- Per client address: 10 sign-ups an hour.
- Globally, per process: at most `HASH_SLOTS` argon2 hashes at once (64 MiB each); a request that waits
  longer than `HASH_WAIT` seconds for a slot is told to retry (429 with Retry-After) instead of queueing.
- A sign-in for an unknown email hashes nothing: it waits as long as a hash takes (a running average), so
  timing still does not tell which emails have accounts, and a flood of random emails costs no CPU or memory.
- Attempts older than the longest window are deleted on every sign-in and sign-up (all emails, not only
  the caller's), so the table stays as small as the traffic of the last hour.
"""

from __future__ import annotations

import datetime as dt
import os
import threading
import time
from collections.abc import Callable
from typing import TypeVar

from sqlalchemy import delete, func, select
from sqlalchemy.orm import Session

from .errors import TooManyAttempts
from .models import LoginAttempt, utcnow

FAILURE_WINDOW = dt.timedelta(minutes=15)
MAX_FAILURES_PER_CLIENT = 30
SIGNUP_WINDOW = dt.timedelta(hours=1)
MAX_SIGNUPS_PER_CLIENT = 10
HASH_SLOTS = max(1, (os.cpu_count() or 2) // 2)
HASH_WAIT = 1.5
_slots = threading.BoundedSemaphore(HASH_SLOTS)
_hash_seconds = [0.05]  # running average of one verification, for the unknown-email wait
T = TypeVar("T")


def hashing(work: Callable[[], T]) -> T:
    """Run an argon2 hash or verification in one of the process's few slots (or refuse: server busy)."""
    if not _slots.acquire(timeout=HASH_WAIT):
        raise TooManyAttempts("the server is busy signing people in; try again in a moment", retry_after=2,
                              hint="this clears within seconds")
    try:
        start = time.perf_counter()
        result = work()
        _hash_seconds[0] = 0.9 * _hash_seconds[0] + 0.1 * (time.perf_counter() - start)
        return result
    finally:
        _slots.release()


def pause_like_a_hash() -> None:
    """Wait as long as verifying a password takes, without the hash's CPU and memory."""
    time.sleep(_hash_seconds[0])


def forget_old_attempts(s: Session, now: dt.datetime) -> None:
    """Delete every attempt older than the longest window (not committed: the caller's unit of work)."""
    s.execute(delete(LoginAttempt).where(LoginAttempt.at <= now - max(FAILURE_WINDOW, SIGNUP_WINDOW)))


def check_client(s: Session, ip: str, now: dt.datetime, attempt_id: int) -> None:
    """TooManyAttempts when this client address failed too often lately, whatever the emails."""
    since = now - FAILURE_WINDOW
    failures = s.scalar(select(func.count()).select_from(LoginAttempt).where(
        LoginAttempt.client_ip == ip, LoginAttempt.kind == "signin", LoginAttempt.at > since,
        LoginAttempt.id != attempt_id)) or 0
    if failures >= MAX_FAILURES_PER_CLIENT:
        raise TooManyAttempts(f"too many failed sign-ins from your address; try again in "
                              f"{FAILURE_WINDOW.seconds // 60} minutes", retry_after=FAILURE_WINDOW.seconds,
                              field="email", hint="reset your password if you forgot it")


def count_signup(s: Session, client_ip: str) -> None:
    """Count a sign-up from this address (committed first, like sign-ins); TooManyAttempts over the limit."""
    now, ip = utcnow(), client_ip[:64]
    forget_old_attempts(s, now)
    attempt = LoginAttempt(email="", client_ip=ip, at=now, kind="signup")
    s.add(attempt)
    s.commit()
    earlier = s.scalar(select(func.count()).select_from(LoginAttempt).where(
        LoginAttempt.client_ip == ip, LoginAttempt.kind == "signup", LoginAttempt.at > now - SIGNUP_WINDOW,
        LoginAttempt.id != attempt.id)) or 0
    if earlier >= MAX_SIGNUPS_PER_CLIENT:
        s.delete(attempt)
        s.commit()
        raise TooManyAttempts("too many sign-ups from your address; try again in an hour",
                              retry_after=SIGNUP_WINDOW.seconds, field="email")
