"""Invite links and email verification: accept an invite (signed in, email verified), verify an email,
ask for a new verification link, and (owners) cancel an invite."""

from __future__ import annotations

from typing import Annotated

from fastapi import APIRouter, Depends, Path, Request
from fastapi.responses import HTMLResponse, Response

from ... import store
from ...errors import DouyinTeamError
from ..deps import DbDep, Id, PageUserDep, lang_of, verify_csrf
from ..mail import mail_verification
from ..pages import page, redirect

router = APIRouter(dependencies=[Depends(verify_csrf)], include_in_schema=False)
Token = Annotated[str, Path(min_length=10, max_length=100, pattern=r"^[A-Za-z0-9_-]+$")]
STATUS = {"NotFound": 404, "Forbidden": 403, "EmailNotVerified": 403, "AlreadyMember": 409}


def _invite_page(request: Request, db: DbDep, user: store.User, token: str, error: str | None = None,
                 status_code: int = 200) -> HTMLResponse:
    try:
        invite, workspace = store.invite_for_link(db, token)
    except store.NotFound as err:
        return page(request, "invite.html", status_code=404, user=user, invite=None, workspace=None,
                    token=token, error=err.render(lang_of(request), web=True))
    return page(request, "invite.html", status_code=status_code, user=user, invite=invite, workspace=workspace,
                token=token, error=error)


@router.get("/invites/{token}")
def invite(request: Request, token: Token, db: DbDep, user: PageUserDep) -> HTMLResponse:
    """An invite link: who invites whom to what, and the button to accept (signed in with that email)."""
    return _invite_page(request, db, user, token)


@router.post("/invites/{token}/accept", response_model=None)
def accept(request: Request, token: Token, db: DbDep, user: PageUserDep) -> Response:
    """Join the workspace: the link is spent."""
    try:
        member = store.accept_invite(db, user, token)
    except DouyinTeamError as err:
        return _invite_page(request, db, user, token, err.render(lang_of(request), web=True), STATUS.get(type(err).__name__, 422))
    return redirect(f"/w/{member.workspace_id}")


@router.get("/verify/{token}")
def verify(request: Request, token: Token, db: DbDep) -> HTMLResponse:
    """The mailed link: the account's email is verified."""
    try:
        user = store.verify_email(db, token)
    except store.NotFound as err:
        return page(request, "notice.html", status_code=404, message=err.render(lang_of(request), web=True), ok=False)
    message = f"{user.email} 已验证" if lang_of(request) == "zh" else f"{user.email} is verified"
    return page(request, "notice.html", message=message, ok=True)


@router.post("/verify")
def resend_verification(request: Request, db: DbDep, user: PageUserDep) -> HTMLResponse:
    """Mail a new verification link (the earlier ones stop working)."""
    if user.email_verified_at is not None:
        return page(request, "notice.html", user=user, message=f"{user.email} 已验证" if lang_of(request) == "zh"
                    else f"{user.email} is verified", ok=True)
    mail_verification(request, user.email, store.verification_token(db, user))
    return page(request, "notice.html", user=user, ok=True,
                message=f"验证链接已发到 {user.email}" if lang_of(request) == "zh"
                else f"A verification link was mailed to {user.email}")


@router.post("/w/{workspace_id}/invites/{invite_id}/cancel")
def cancel(workspace_id: Id, invite_id: Id, db: DbDep, user: PageUserDep) -> Response:
    """Withdraw an invite (owners only): its link stops working."""
    store.cancel_invite(db, user, workspace_id, invite_id)
    return redirect(f"/w/{workspace_id}")
