"""Sign-in floods (store/throttle.py): throttled per client address, bounded argon2 concurrency, unknown
emails cost no hash, old attempts of every email cleaned up, sign-ups limited per address."""

from __future__ import annotations

import datetime as dt
import threading
import time
from typing import Any

import pytest
from sqlalchemy import func, select

from douyin_team import store
from douyin_team.store import accounts, throttle
from douyin_team.store.models import LoginAttempt, utcnow

pytestmark = pytest.mark.usefixtures("fast_hashing")


def failures(db: Any) -> int:
    return db.scalar(select(func.count()).select_from(LoginAttempt)) or 0


def test_a_flood_of_random_emails_from_one_address_is_cut_off(db: Any, monkeypatch: pytest.MonkeyPatch) -> None:
    store.create_user(db, "real@example.com", "password real", "Real")
    for i in range(throttle.MAX_FAILURES_PER_CLIENT):
        with pytest.raises(store.BadCredentials):
            store.authenticate(db, f"random{i}@example.com", "guess", "10.0.0.9")
    with pytest.raises(store.TooManyAttempts) as err:
        store.authenticate(db, "random-next@example.com", "guess", "10.0.0.9")
    assert err.value.retry_after > 0
    # The flood's address is cut off, before any hashing; another address signs in at once.
    assert store.authenticate(db, "real@example.com", "password real", "10.0.0.1").email == "real@example.com"


def test_unknown_emails_hash_nothing_and_wait_like_a_hash(db: Any, monkeypatch: pytest.MonkeyPatch) -> None:
    calls: list[str] = []
    real = accounts._hasher()
    monkeypatch.setattr(accounts, "_hasher", lambda: type("Counting", (), {
        "verify": lambda _self, h, p: calls.append("verify") or real.verify(h, p),
        "hash": lambda _self, p: calls.append("hash") or real.hash(p),
        "check_needs_rehash": lambda _self, h: False})())
    monkeypatch.setattr(throttle, "_hash_seconds", [0.05])
    start = time.perf_counter()
    with pytest.raises(store.BadCredentials):
        store.authenticate(db, "nobody@example.com", "guess", "10.0.0.2")
    assert calls == [] and time.perf_counter() - start >= 0.05


def test_no_more_hashes_at_once_than_the_slots(monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setattr(throttle, "_slots", threading.BoundedSemaphore(2))
    monkeypatch.setattr(throttle, "HASH_WAIT", 0.2)
    running, peak, refused = [0], [0], []
    lock = threading.Lock()

    def work() -> None:
        with lock:
            running[0] += 1
            peak[0] = max(peak[0], running[0])
        time.sleep(0.3)
        with lock:
            running[0] -= 1

    def caller() -> None:
        try:
            throttle.hashing(work)
        except store.TooManyAttempts as err:
            refused.append(err.retry_after)

    threads = [threading.Thread(target=caller) for _ in range(6)]
    for t in threads:
        t.start()
    for t in threads:
        t.join()
    assert peak[0] == 2 and len(refused) == 4 and all(r > 0 for r in refused)


def test_old_attempts_of_every_email_are_deleted(db: Any) -> None:
    old = utcnow() - throttle.SIGNUP_WINDOW - dt.timedelta(minutes=1)
    db.add_all([LoginAttempt(email=f"gone{i}@example.com", client_ip="10.0.0.3", at=old) for i in range(50)])
    db.commit()
    with pytest.raises(store.BadCredentials):
        store.authenticate(db, "someone-else@example.com", "guess", "10.0.0.4")
    assert failures(db) == 1  # only the attempt just made


def test_sign_ups_are_limited_per_address(db: Any) -> None:
    for i in range(throttle.MAX_SIGNUPS_PER_CLIENT):
        store.create_user(db, f"new{i}@example.com", "password new", "New", client_ip="10.0.0.5")
    with pytest.raises(store.TooManyAttempts):
        store.create_user(db, "one-more@example.com", "password new", "New", client_ip="10.0.0.5")
    store.create_user(db, "elsewhere@example.com", "password new", "New", client_ip="10.0.0.6")
