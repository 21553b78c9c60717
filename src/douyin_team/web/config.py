"""Web settings, read from the environment when the app is made (never at import time)."""

from __future__ import annotations

import os
from dataclasses import dataclass

from ..errors import InvalidValue

MAX_UPLOAD_BYTES = 5 * 1024 * 1024


@dataclass(frozen=True)
class WebSettings:
    """What the web app needs to know about its deployment."""

    database_url: str | None = None  # None: the store's default (SQLite in the data folder)
    secret_key: str = ""  # signs CSRF tokens; empty: the database keeps one for every process
    secure_cookies: bool = False  # set the Secure flag (behind HTTPS)
    max_upload_bytes: int = MAX_UPLOAD_BYTES
    default_lang: str = "zh"
    upgrade_on_start: bool = True
    token_cache_seconds: float = 5.0  # how long compute endpoints trust a checked API token (web/callers.py)
    freeze_after_start: bool = False  # gc.freeze() once started: for a served process (off in tests' processes)
    public_url: str = ""  # the address users open (for links in mail); empty: the request's own
    smtp_url: str = ""  # smtp://user:password@host:587 or smtps://…; empty: mail is logged (development)
    mail_from: str = "douyin-team <noreply@localhost>"


def settings_from_env() -> WebSettings:
    """Settings from DATABASE_URL, DOUYIN_TEAM_SECRET, DOUYIN_TEAM_SECURE_COOKIES, DOUYIN_TEAM_LANG,
    DOUYIN_TEAM_TOKEN_CACHE_SECONDS, DOUYIN_TEAM_PUBLIC_URL, DOUYIN_TEAM_SMTP_URL, DOUYIN_TEAM_MAIL_FROM.

    Without DOUYIN_TEAM_SECRET the CSRF key is a random secret kept in the database (`store.app_secret`),
    so every process and host serving one database signs alike with no set-up.
    """
    return WebSettings(
        database_url=os.environ.get("DATABASE_URL") or None,
        secret_key=os.environ.get("DOUYIN_TEAM_SECRET") or "",
        secure_cookies=os.environ.get("DOUYIN_TEAM_SECURE_COOKIES", "") not in ("", "0", "false", "no"),
        default_lang="en" if os.environ.get("DOUYIN_TEAM_LANG") == "en" else "zh",
        token_cache_seconds=_seconds("DOUYIN_TEAM_TOKEN_CACHE_SECONDS", WebSettings.token_cache_seconds),
        freeze_after_start=True,  # the app factory `serve` starts
        public_url=os.environ.get("DOUYIN_TEAM_PUBLIC_URL", ""),
        smtp_url=os.environ.get("DOUYIN_TEAM_SMTP_URL", ""),
        mail_from=os.environ.get("DOUYIN_TEAM_MAIL_FROM") or WebSettings.mail_from,
    )


def _seconds(name: str, default: float) -> float:
    """A number of seconds from the environment (the default when unset); InvalidValue if it is not ≥ 0."""
    text = os.environ.get(name)
    if text is None:
        return default
    try:
        value = float(text)
    except ValueError:
        value = -1.0
    if not 0 <= value < float("inf"):
        raise InvalidValue(f"'{text}' is not a number of seconds", field=name, hint=f"e.g. {name}={default:g}, or 0 for none")
    return value
