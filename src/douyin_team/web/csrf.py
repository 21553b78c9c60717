"""CSRF protection without server state: a signed double-submit token.

A random nonce lives in an HttpOnly cookie; every form carries `nonce.signature`, where the signature is
an HMAC (server secret) over the nonce and the session cookie. A forged cross-site form cannot read the
cookie, so it cannot carry a matching token; any process holding the secret can verify it.
"""

from __future__ import annotations

import hashlib
import hmac
import secrets

CSRF_COOKIE = "dt_csrf"
CSRF_FIELD = "csrf_token"
CSRF_HEADER = "x-csrf-token"
REFUSED = {"zh": "页面已过期或不是从本站提交的（安全校验未通过）：请刷新页面后再试",
           "en": "This page has expired or the form was not sent from this site (the security check failed): "
                 "reload the page and try again"}
EXPIRED = {"zh": "页面已过期", "en": "This page has expired"}  # the refusal page's heading (not "no permission")


def refusal(lang: str) -> str:
    """What a refused form or script call says, in the reader's language (Chinese unless English is chosen)."""
    return REFUSED["en" if lang == "en" else "zh"]


def new_nonce() -> str:
    """A fresh random nonce for the CSRF cookie."""
    return secrets.token_urlsafe(24)


def sign(secret: str, nonce: str, session: str | None) -> str:
    """The token a form must send back for this nonce and session."""
    mac = hmac.new(secret.encode(), f"{nonce}|{session or ''}".encode(), hashlib.sha256).hexdigest()
    return f"{nonce}.{mac}"


def valid(secret: str, token: str | None, nonce: str | None, session: str | None) -> bool:
    """True when the token was signed for this cookie nonce and session."""
    if not token or not nonce:
        return False
    return hmac.compare_digest(token, sign(secret, nonce, session))
