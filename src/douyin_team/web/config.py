"""Web settings, read from the environment when the app is made (never at import time)."""

from __future__ import annotations

import os
import secrets
from dataclasses import dataclass
from pathlib import Path

MAX_UPLOAD_BYTES = 5 * 1024 * 1024


@dataclass(frozen=True)
class WebSettings:
    """What the web app needs to know about its deployment."""

    database_url: str | None = None  # None: the store's default (SQLite in the data folder)
    secret_key: str = ""  # signs CSRF tokens; shared by every process serving one database
    secure_cookies: bool = False  # set the Secure flag (behind HTTPS)
    max_upload_bytes: int = MAX_UPLOAD_BYTES
    default_lang: str = "zh"
    upgrade_on_start: bool = True


def data_folder() -> Path:
    """The local data folder ($DOUYIN_TEAM_DATA, default ./douyin-team-data)."""
    return Path(os.environ.get("DOUYIN_TEAM_DATA") or "douyin-team-data")


def settings_from_env() -> WebSettings:
    """Settings from DATABASE_URL, DOUYIN_TEAM_SECRET, DOUYIN_TEAM_SECURE_COOKIES, DOUYIN_TEAM_LANG."""
    return WebSettings(
        database_url=os.environ.get("DATABASE_URL") or None,
        secret_key=os.environ.get("DOUYIN_TEAM_SECRET") or local_secret(data_folder()),
        secure_cookies=os.environ.get("DOUYIN_TEAM_SECURE_COOKIES", "") not in ("", "0", "false", "no"),
        default_lang="en" if os.environ.get("DOUYIN_TEAM_LANG") == "en" else "zh",
    )


def local_secret(folder: Path) -> str:
    """A secret kept in the data folder (made once, mode 0600), so every local worker signs alike.

    Several hosts sharing one PostgreSQL must set DOUYIN_TEAM_SECRET to the same value instead.
    """
    path = folder / "secret-key"
    try:
        return path.read_text(encoding="ascii").strip()
    except FileNotFoundError:
        pass
    folder.mkdir(parents=True, exist_ok=True)
    value = secrets.token_urlsafe(32)
    try:
        fd = os.open(path, os.O_WRONLY | os.O_CREAT | os.O_EXCL, 0o600)
    except FileExistsError:  # another worker made it first
        return path.read_text(encoding="ascii").strip()
    with os.fdopen(fd, "w", encoding="ascii") as handle:
        handle.write(value)
    return value
