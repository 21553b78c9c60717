"""Accounts: sign-up with argon2id, sign-in with a database-backed rate limit, sessions and API tokens.

Tokens are random and shown once; only their SHA-256 is stored, so a leaked database reveals none.
Every function that writes commits its own unit of work.
"""

from __future__ import annotations

import datetime as dt
import hashlib
import re
import secrets
from functools import cache

from argon2 import PasswordHasher
from argon2.exceptions import InvalidHashError, VerificationError
from sqlalchemy import delete, select
from sqlalchemy.exc import IntegrityError
from sqlalchemy.orm import Session

from ..errors import InvalidValue
from ..textpolicy import clean_text
from .access import valid_id
from .errors import BadCredentials, EmailTaken, NotFound, TooManyAttempts
from .models import ApiToken, AppSecret, AuthSession, LoginAttempt, User, utcnow
from .throttle import check_client, count_signup, forget_old_attempts, hashing, pause_like_a_hash

SESSION_DAYS = 14
MAX_FAILURES = 5
FAILURE_WINDOW = dt.timedelta(minutes=15)
MIN_PASSWORD = 8
MAX_PASSWORD = 1024  # argon2 hashes anything, but a megabyte "password" is a denial of service
EMAIL = re.compile(r"[^@\s]+@[^@\s]+\.[^@\s]+")
TOKEN_PREFIX = "dt_"
TOKEN_DAYS = 180


@cache
def _hasher() -> PasswordHasher:
    """argon2id with the library's recommended parameters (RFC 9106 low-memory profile)."""
    return PasswordHasher()


def normal_email(email: str) -> str:
    """The email as stored: trimmed and lower-cased; raises InvalidValue when it is not an address."""
    value = clean_text(email, "email").strip().lower()
    if len(value) > 254 or not EMAIL.fullmatch(value):
        raise InvalidValue(f"'{email.strip()[:80]}' is not an email address", field="email",
                           hint="write it like name@example.com")
    return value


def _digest(token: str) -> str:
    return hashlib.sha256(token.encode("utf-8")).hexdigest()


def create_user(s: Session, email: str, password: str, display_name: str, client_ip: str | None = None) -> User:
    """Create an account (password hashed with argon2id), its email not yet verified.

    Invites for the email do *not* become memberships: the account must verify its email and accept the
    invite's link (store/invites.py), or whoever registers an invited address first would join.
    """
    address = normal_email(email)
    name = " ".join(clean_text(display_name, "display_name").split())
    if not name or len(name) > 100:
        raise InvalidValue("a display name must be 1 to 100 characters", field="display_name")
    if not MIN_PASSWORD <= len(password) <= MAX_PASSWORD:
        raise InvalidValue(f"a password must be {MIN_PASSWORD} to {MAX_PASSWORD} characters", field="password",
                           hint="a few words make a long password that is easy to remember")
    if client_ip is not None:  # from the web: 10 sign-ups an hour per client address
        count_signup(s, client_ip)
    hashed = hashing(lambda: _hasher().hash(password))  # first, so a taken email takes as long as a new one
    if s.scalar(select(User.id).where(User.email == address)) is not None:
        raise EmailTaken(f"{address} already has an account", field="email", hint="sign in instead")
    user = User(email=address, display_name=name, password_hash=hashed)
    s.add(user)
    try:
        s.flush()
    except IntegrityError:  # a concurrent sign-up with the same email won the race
        s.rollback()
        raise EmailTaken(f"{address} already has an account", field="email", hint="sign in instead") from None
    s.commit()
    return user


def authenticate(s: Session, email: str, password: str, client_ip: str) -> User:
    """The user with this email and password; BadCredentials otherwise, TooManyAttempts after 5 failures.

    Attempts are counted in the database per (email, client address) over 15 minutes, so every app
    process sees the same count. Each attempt is recorded and committed *before* it is counted, so
    concurrent guesses cannot all slip under the limit. A success clears the count.
    """
    address, ip, now = clean_text(email, "email").strip().lower()[:254], clean_text(client_ip[:64]), utcnow()
    since = now - FAILURE_WINDOW
    forget_old_attempts(s, now)
    attempt = LoginAttempt(email=address, client_ip=ip, at=now)
    s.add(attempt)
    s.commit()
    try:
        check_client(s, ip, now, attempt.id)
    except TooManyAttempts:
        s.delete(attempt)
        s.commit()
        raise
    mine = (LoginAttempt.email == address, LoginAttempt.client_ip == ip, LoginAttempt.kind == "signin")
    earlier = list(s.scalars(select(LoginAttempt.at).where(*mine, LoginAttempt.at > since,
                                                           LoginAttempt.id != attempt.id)))
    if len(earlier) >= MAX_FAILURES:
        s.delete(attempt)  # a refused attempt is not a guess: it must not prolong the wait
        s.commit()
        wait = int((min(earlier) + FAILURE_WINDOW - now).total_seconds()) + 1
        raise TooManyAttempts(f"too many failed sign-ins; try again in {-(-wait // 60)} minutes", retry_after=wait,
                              field="email", hint="reset your password if you forgot it")
    user = s.scalar(select(User).where(User.email == address))
    try:
        verified = _verify(user.password_hash if user else None, password)
    except TooManyAttempts:  # every hashing slot busy: not a guess either, so it does not count
        s.delete(attempt)
        s.commit()
        raise
    if not verified or user is None:
        raise BadCredentials("wrong email or password", hint="check both, or sign up if you have no account")
    if _hasher().check_needs_rehash(user.password_hash):
        user.password_hash = hashing(lambda: _hasher().hash(password))
    s.execute(delete(LoginAttempt).where(*mine))
    s.commit()
    return user


def _verify(stored: str | None, password: str) -> bool:
    if stored is None:  # an unknown email waits as long as a hash takes, without hashing (store/throttle.py)
        pause_like_a_hash()
        return False
    if len(password) > MAX_PASSWORD:
        return False

    def check() -> bool:
        try:
            return bool(_hasher().verify(stored, password))
        except (VerificationError, InvalidHashError):
            return False

    return hashing(check)


def start_session(s: Session, user: User) -> str:
    """A new sign-in session for the user: returns the token (for the cookie); keeps only its hash, 14 days."""
    token = secrets.token_urlsafe(32)
    now = utcnow()
    s.add(AuthSession(token_hash=_digest(token), user_id=user.id, created_at=now,
                      expires_at=now + dt.timedelta(days=SESSION_DAYS)))
    s.commit()
    return token


def user_for_session(s: Session, token: str) -> User | None:
    """The user signed in with this session token, or None if it is unknown or expired."""
    query = (select(User).join(AuthSession, AuthSession.user_id == User.id)
             .where(AuthSession.token_hash == _digest(token), AuthSession.expires_at > utcnow()))
    return s.scalar(query)


def end_session(s: Session, token: str) -> None:
    """Sign out: forget the session (and, while here, every expired one)."""
    s.execute(delete(AuthSession).where(
        (AuthSession.token_hash == _digest(token)) | (AuthSession.expires_at <= utcnow())))
    s.commit()


def create_api_token(s: Session, actor: User, name: str) -> str:
    """A new API token for the actor's scripts: returned once (starts with `dt_`), stored hashed, valid
    `TOKEN_DAYS` days."""
    label = " ".join(clean_text(name, "name").split())
    if not label or len(label) > 100:
        raise InvalidValue("a token name must be 1 to 100 characters", field="name")
    token = TOKEN_PREFIX + secrets.token_urlsafe(32)
    s.add(ApiToken(token_hash=_digest(token), user_id=actor.id, name=label,
                   expires_at=utcnow() + dt.timedelta(days=TOKEN_DAYS)))
    s.commit()
    return token


def user_for_api_token(s: Session, token: str) -> User | None:
    """The user owning this API token, or None; records when the token was last used."""
    row = s.execute(select(ApiToken, User).join(User, ApiToken.user_id == User.id)
                    .where(ApiToken.token_hash == _digest(token))).first()
    if row is None:
        return None
    api_token, user = row
    if api_token.expires_at is not None and api_token.expires_at <= utcnow():
        return None  # expired: the user makes a new one on the Tokens page
    now = utcnow()
    if api_token.last_used_at is None or now - api_token.last_used_at > dt.timedelta(minutes=1):
        api_token.last_used_at = now  # at most once a minute, so a busy script does not write on every call
        s.commit()
    return user


def list_api_tokens(s: Session, actor: User) -> list[ApiToken]:
    """The actor's API tokens (names and dates; the tokens themselves are never stored), newest first."""
    query = select(ApiToken).where(ApiToken.user_id == actor.id).order_by(ApiToken.id.desc())
    return list(s.scalars(query))


def revoke_api_token(s: Session, actor: User, token_id: int) -> None:
    """Delete one of the actor's API tokens; NotFound for anybody else's."""
    token = s.get(ApiToken, token_id) if valid_id(token_id) else None
    if token is None or token.user_id != actor.id:
        raise NotFound(f"no API token {token_id}", field="token_id")
    s.delete(token)
    s.commit()


def app_secret(s: Session, name: str = "csrf") -> str:
    """A random secret shared by every app process (e.g. to sign CSRF tokens), created on first use.

    Kept in the database, not in a process, so several processes or hosts agree on it without setup.
    """
    found = s.get(AppSecret, name)
    if found is not None:
        return found.value
    s.add(AppSecret(name=name, value=secrets.token_urlsafe(48)))
    try:
        s.commit()
    except IntegrityError:  # another process created it first: use theirs
        s.rollback()
    value = s.scalar(select(AppSecret.value).where(AppSecret.name == name))
    assert value is not None
    return value
