"""Mail with a link in it (email verification, invites): sent by SMTP when DOUYIN_TEAM_SMTP_URL is set,
otherwise — in development — written as one log line (`douyin_team.mail`) and kept in a short outbox."""

from __future__ import annotations

import logging
import smtplib
from collections import deque
from email.message import EmailMessage
from urllib.parse import unquote, urlsplit

from fastapi import Request

from .config import WebSettings

LOG = logging.getLogger("douyin_team.mail")


class Mailer:
    """Sends one message at a time; without SMTP, logs it and remembers the last 50 (to, subject, body)."""

    def __init__(self, settings: WebSettings) -> None:
        self.smtp_url = settings.smtp_url
        self.sender = settings.mail_from
        self.outbox: deque[tuple[str, str, str]] = deque(maxlen=50)

    def send(self, to: str, subject: str, body: str) -> None:
        """Mail `body` to `to` (or, without SMTP, log it: the development way to see a link)."""
        if not self.smtp_url:
            self.outbox.append((to, subject, body))
            LOG.warning("mail to %s (no DOUYIN_TEAM_SMTP_URL set, so not sent): %s — %s", to, subject, body)
            return
        message = EmailMessage()
        message["From"], message["To"], message["Subject"] = self.sender, to, subject
        message.set_content(body)
        url = urlsplit(self.smtp_url)
        secure = url.scheme == "smtps"
        client = smtplib.SMTP_SSL if secure else smtplib.SMTP
        with client(url.hostname or "localhost", url.port or (465 if secure else 25), timeout=10) as smtp:
            if not secure and smtp.has_extn("starttls"):
                smtp.starttls()
            if url.username:
                smtp.login(unquote(url.username), unquote(url.password or ""))
            smtp.send_message(message)


def link(request: Request, path: str) -> str:
    """An absolute link for a mail: DOUYIN_TEAM_PUBLIC_URL when set (never trust the Host header for mail)."""
    base = request.app.state.settings.public_url or str(request.base_url)
    return base.rstrip("/") + path


def mail_verification(request: Request, email: str, token: str) -> None:
    """Mail the link that verifies `email`."""
    url = link(request, f"/verify/{token}")
    request.app.state.mailer.send(email, "请验证邮箱 / Verify your email",
                                  f"打开这个链接验证邮箱（48小时内有效）/ Open this link to verify your email (48 hours): {url}")


def mail_invite(request: Request, email: str, workspace: str, token: str) -> str:
    """Mail an invite link to `email`; returns the link (the owner may pass it on: only that email can use it)."""
    url = link(request, f"/invites/{token}")
    request.app.state.mailer.send(email, f"邀请加入 {workspace} / Invitation to {workspace}",
                                  f"打开链接接受邀请（7天内有效）/ Open the link to accept (7 days): {url}")
    return url
