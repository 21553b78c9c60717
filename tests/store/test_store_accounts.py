"""Accounts (store/accounts.py): argon2id passwords, the sign-in rate limit, sessions and API tokens."""

from __future__ import annotations

import datetime as dt
import hashlib

import pytest
from sqlalchemy import select
from sqlalchemy.orm import Session

from douyin_team.errors import InvalidValue
from douyin_team.store import (
    BadCredentials,
    EmailTaken,
    NotFound,
    TooManyAttempts,
    app_secret,
    authenticate,
    create_api_token,
    create_user,
    end_session,
    list_api_tokens,
    revoke_api_token,
    start_session,
    user_for_api_token,
    user_for_session,
)
from douyin_team.store.models import ApiToken, AuthSession, LoginAttempt, User

PASSWORD = "correct horse battery"


def test_password_is_stored_as_argon2id(db: Session) -> None:
    user = create_user(db, " Ann@Example.COM ", PASSWORD, "  安  妮 ")
    assert (user.email, user.display_name) == ("ann@example.com", "安 妮")
    stored = db.scalar(select(User.password_hash).where(User.id == user.id))
    assert stored is not None and stored.startswith("$argon2id$") and PASSWORD not in stored
    assert authenticate(db, "ANN@example.com", PASSWORD, "10.0.0.1").id == user.id


def test_email_taken(db: Session) -> None:
    create_user(db, "ann@example.com", PASSWORD, "Ann")
    with pytest.raises(EmailTaken):
        create_user(db, "Ann@Example.com", PASSWORD, "Ann again")


@pytest.mark.parametrize(("email", "password", "name", "field"), [
    ("not-an-email", PASSWORD, "Ann", "email"),
    ("ann@example.com", "short", "Ann", "password"),
    ("ann@example.com", PASSWORD, "   ", "display_name"),
])
def test_bad_sign_up_names_the_field(db: Session, email: str, password: str, name: str, field: str) -> None:
    with pytest.raises(InvalidValue) as err:
        create_user(db, email, password, name)
    assert err.value.field == field


def test_wrong_password_and_unknown_email_look_the_same(db: Session) -> None:
    create_user(db, "ann@example.com", PASSWORD, "Ann")
    with pytest.raises(BadCredentials) as wrong:
        authenticate(db, "ann@example.com", "wrong password", "10.0.0.1")
    with pytest.raises(BadCredentials) as unknown:
        authenticate(db, "bob@example.com", PASSWORD, "10.0.0.1")
    assert str(wrong.value) == str(unknown.value)


def test_rate_limit_after_five_failures_per_email_and_address(db: Session) -> None:
    create_user(db, "ann@example.com", PASSWORD, "Ann")
    for _ in range(5):
        with pytest.raises(BadCredentials):
            authenticate(db, "ann@example.com", "wrong password", "10.0.0.1")
    with pytest.raises(TooManyAttempts) as err:  # even the right password is refused now
        authenticate(db, "ann@example.com", PASSWORD, "10.0.0.1")
    assert 0 < err.value.retry_after <= 15 * 60 + 1
    assert authenticate(db, "ann@example.com", PASSWORD, "10.0.0.2").email == "ann@example.com"
    # Fifteen minutes later the failures no longer count.
    for attempt in db.scalars(select(LoginAttempt)):
        attempt.at -= dt.timedelta(minutes=16)
    db.commit()
    assert authenticate(db, "ann@example.com", PASSWORD, "10.0.0.1").email == "ann@example.com"


def test_failures_are_counted_in_the_database_across_sessions(engine: object, db: Session) -> None:
    from douyin_team.store import session_factory

    create_user(db, "ann@example.com", PASSWORD, "Ann")
    factory = session_factory(engine)  # type: ignore[arg-type]
    for _ in range(5):  # each attempt in its own session, as separate app processes would
        with factory() as other, pytest.raises(BadCredentials):
            authenticate(other, "ann@example.com", "nope nope", "10.0.0.9")
    with factory() as other, pytest.raises(TooManyAttempts):
        authenticate(other, "ann@example.com", PASSWORD, "10.0.0.9")


def test_success_clears_the_failures(db: Session) -> None:
    create_user(db, "ann@example.com", PASSWORD, "Ann")
    for _ in range(4):
        with pytest.raises(BadCredentials):
            authenticate(db, "ann@example.com", "wrong password", "10.0.0.1")
    authenticate(db, "ann@example.com", PASSWORD, "10.0.0.1")
    assert db.scalars(select(LoginAttempt)).all() == []


def test_sessions_store_only_a_hash_and_expire(db: Session) -> None:
    user = create_user(db, "ann@example.com", PASSWORD, "Ann")
    token = start_session(db, user)
    row = db.scalars(select(AuthSession)).one()
    assert row.token_hash == hashlib.sha256(token.encode()).hexdigest() and token not in row.token_hash
    assert row.expires_at - row.created_at == dt.timedelta(days=14)
    found = user_for_session(db, token)
    assert found is not None and found.id == user.id
    assert user_for_session(db, token + "x") is None
    row.expires_at = row.created_at - dt.timedelta(seconds=1)
    db.commit()
    assert user_for_session(db, token) is None


def test_end_session_signs_out(db: Session) -> None:
    user = create_user(db, "ann@example.com", PASSWORD, "Ann")
    token, other = start_session(db, user), start_session(db, user)
    end_session(db, token)
    assert user_for_session(db, token) is None
    assert user_for_session(db, other) is not None


def test_api_tokens_are_shown_once_and_revocable(db: Session) -> None:
    ann = create_user(db, "ann@example.com", PASSWORD, "Ann")
    bob = create_user(db, "bob@example.com", PASSWORD, "Bob")
    token = create_api_token(db, ann, "nightly export")
    assert token.startswith("dt_")
    assert token not in {t.token_hash for t in db.scalars(select(ApiToken))}
    found = user_for_api_token(db, token)
    assert found is not None and found.id == ann.id
    assert user_for_api_token(db, "dt_forged") is None
    [listed] = list_api_tokens(db, ann)
    assert listed.name == "nightly export" and listed.last_used_at is not None
    assert list_api_tokens(db, bob) == []
    with pytest.raises(NotFound):
        revoke_api_token(db, bob, listed.id)
    revoke_api_token(db, ann, listed.id)
    assert user_for_api_token(db, token) is None


def test_concurrent_guesses_cannot_slip_under_the_limit(engine: object, db: Session) -> None:
    import threading

    from douyin_team.store import session_factory

    create_user(db, "ann@example.com", PASSWORD, "Ann")
    factory = session_factory(engine)  # type: ignore[arg-type]
    barrier = threading.Barrier(8)
    outcomes: list[str] = []

    def guess(n: int) -> None:
        with factory() as session:
            barrier.wait()
            try:
                authenticate(session, "ann@example.com", f"guess number {n}", "10.0.0.7")
            except (BadCredentials, TooManyAttempts) as err:
                outcomes.append(type(err).__name__)

    threads = [threading.Thread(target=guess, args=(n,)) for n in range(8)]
    for thread in threads:
        thread.start()
    for thread in threads:
        thread.join(timeout=120)
    assert len(outcomes) == 8 and outcomes.count("BadCredentials") <= 5
    # Only the guesses that were checked count (a refused one does not prolong the wait).
    assert len(db.scalars(select(LoginAttempt)).all()) == outcomes.count("BadCredentials")


def test_app_secret_is_made_once_and_shared(engine: object, db: Session) -> None:
    from douyin_team.store import session_factory

    first = app_secret(db)
    assert len(first) >= 60
    with session_factory(engine)() as other:  # type: ignore[arg-type]
        assert app_secret(other) == first
        assert app_secret(other, "other") not in (first, "")
