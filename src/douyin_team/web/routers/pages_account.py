"""The account page: change the password, sign out everywhere; and the forgotten-password reset by mail."""

from __future__ import annotations

from fastapi import APIRouter, Depends, Request
from fastapi.responses import HTMLResponse, Response

from ... import store
from ...errors import DouyinTeamError
from ..deps import SESSION_COOKIE, DbDep, FormDep, PageUserDep, client_ip, form_text, lang_of, verify_csrf
from ..mail import link
from ..pages import page, redirect
from .pages_invites import Token

router = APIRouter(dependencies=[Depends(verify_csrf)], include_in_schema=False)


def _password(form: FormDep, name: str) -> str:
    value = form.get(name)
    return value if isinstance(value, str) else ""


@router.get("/account")
def account(request: Request, user: PageUserDep) -> HTMLResponse:
    """Password and sessions."""
    return page(request, "account.html", user=user, error=None, notice=None)


@router.post("/account/password", response_model=None)
def change_password(request: Request, form: FormDep, db: DbDep, user: PageUserDep) -> Response:
    """A new password (the current one first); every other browser is signed out."""
    try:
        store.change_password(db, user, _password(form, "current_password"), _password(form, "password"),
                              keep_session=request.cookies.get(SESSION_COOKIE))
    except DouyinTeamError as err:
        status = 401 if isinstance(err, store.BadCredentials) else 422
        return page(request, "account.html", status_code=status, user=user, error=err.render(lang_of(request), web=True), notice=None)
    return page(request, "account.html", user=user, error=None, notice="密码已修改" if lang_of(request) == "zh" else "Password changed")


@router.post("/account/signout-everywhere")
def signout_everywhere(db: DbDep, user: PageUserDep) -> Response:
    """End every session of the account, this one too."""
    store.end_all_sessions(db, user)
    response = redirect("/signin")
    response.delete_cookie(SESSION_COOKIE, path="/")
    return response


@router.get("/reset")
def reset_form(request: Request) -> HTMLResponse:
    """Ask for a reset link."""
    return page(request, "reset.html", token=None, error=None, notice=None)


@router.post("/reset", response_model=None)
def ask_reset(request: Request, form: FormDep, db: DbDep) -> Response:
    """Mail a reset link, if the address has an account — the answer is the same either way."""
    try:
        store.count_signup(db, client_ip(request))  # the sign-up budget: no mail flood from one address
        found = store.reset_token(db, form_text(form, "email", 254))
    except DouyinTeamError as err:
        return page(request, "reset.html", status_code=429 if isinstance(err, store.TooManyAttempts) else 422,
                    token=None, error=err.render(lang_of(request), web=True), notice=None)
    if found is not None:
        token, email = found
        request.app.state.mailer.send(email, "重设密码 / Reset your password",
                                      f"打开链接重设密码（1小时内有效）/ Open the link to reset (1 hour): "
                                      f"{link(request, f'/reset/{token}')}")
    return page(request, "reset.html", token=None, error=None,
                notice="如果这个邮箱有账号，重设链接已发出" if lang_of(request) == "zh"
                else "If the address has an account, a reset link was mailed")


@router.get("/reset/{token}")
def reset_page(request: Request, token: Token) -> HTMLResponse:
    """The mailed link: a form for the new password."""
    return page(request, "reset.html", token=token, error=None, notice=None)


@router.post("/reset/{token}", response_model=None)
def reset(request: Request, token: Token, form: FormDep, db: DbDep) -> Response:
    """Set the new password; every session of the account ends; then sign in."""
    try:
        store.reset_password(db, token, _password(form, "password"))
    except DouyinTeamError as err:
        return page(request, "reset.html", status_code=404 if isinstance(err, store.NotFound) else 422,
                    token=token, error=err.render(lang_of(request), web=True), notice=None)
    return redirect("/signin")
