"""Account basics: change the password, reset a forgotten one by a mailed link, sign out everywhere.

A reset link is single-use and lasts an hour (only its SHA-256 kept). Asking for one never tells whether the
email has an account. Changing or resetting the password ends every other session of the account.
"""

from __future__ import annotations

import datetime as dt
import secrets

from sqlalchemy import delete, select
from sqlalchemy.orm import Session

from ..errors import InvalidValue
from .accounts import MAX_PASSWORD, MIN_PASSWORD, _hasher, normal_email
from .errors import BadCredentials, NotFound
from .invites import digest
from .models import AuthSession, EmailToken, User, utcnow
from .throttle import hashing

RESET_MINUTES = 60


def _new_hash(password: str) -> str:
    if not MIN_PASSWORD <= len(password) <= MAX_PASSWORD:
        raise InvalidValue(f"a password must be {MIN_PASSWORD} to {MAX_PASSWORD} characters", field="password",
                           hint="a few words make a long password that is easy to remember")
    hashed: str = hashing(lambda: _hasher().hash(password))
    return hashed


def end_all_sessions(s: Session, user: User, keep: str | None = None) -> int:
    """Sign the user out everywhere (but the session `keep`, when given); returns how many sessions ended."""
    query = delete(AuthSession).where(AuthSession.user_id == user.id)
    if keep:
        query = query.where(AuthSession.token_hash != digest(keep))
    ended = getattr(s.execute(query), "rowcount", 0) or 0  # a DELETE's CursorResult
    s.commit()
    return int(ended)


def change_password(s: Session, user: User, current: str, new: str, keep_session: str | None = None) -> None:
    """Set a new password after checking the current one; every other session of the account ends."""
    def check() -> bool:
        try:
            return bool(_hasher().verify(user.password_hash, current))
        except Exception:  # argon2's VerificationError, InvalidHashError
            return False

    if len(current) > MAX_PASSWORD or not hashing(check):
        raise BadCredentials("the current password is wrong", field="current_password")
    user.password_hash = _new_hash(new)
    s.commit()
    end_all_sessions(s, user, keep=keep_session)


def reset_token(s: Session, email: str) -> tuple[str, str] | None:
    """A one-hour reset link token for the account of `email`, with the address to mail it to; None (and the
    same answer to the asker) when there is no such account."""
    address = normal_email(email)
    user = s.scalar(select(User).where(User.email == address))
    if user is None:
        return None
    token = secrets.token_urlsafe(32)
    s.execute(delete(EmailToken).where(EmailToken.user_id == user.id, EmailToken.purpose == "reset"))
    s.add(EmailToken(token_hash=digest(token), user_id=user.id, purpose="reset", email=user.email,
                     expires_at=utcnow() + dt.timedelta(minutes=RESET_MINUTES)))
    s.commit()
    return token, user.email


def reset_password(s: Session, token: str, new: str) -> User:
    """Set a new password by a reset link (spent, and every session of the account ends); NotFound if the link
    is unknown, used or expired. A reset proves the mailbox, so the email counts as verified."""
    found = s.execute(select(EmailToken, User).join(User, User.id == EmailToken.user_id)
                      .where(EmailToken.token_hash == digest(token), EmailToken.purpose == "reset")).first()
    if found is None or found[0].expires_at <= utcnow() or found[0].email != found[1].email:
        raise NotFound("this reset link is unknown, used or expired", field="token", hint="ask for a new one")
    link, user = found
    user.password_hash = _new_hash(new)
    user.email_verified_at = user.email_verified_at or utcnow()
    s.delete(link)
    s.commit()
    end_all_sessions(s, user)
    return user
