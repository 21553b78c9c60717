"""Sign up, sign in, sign out and the language switch."""

from __future__ import annotations

from fastapi import APIRouter, Depends, Request
from fastapi.responses import HTMLResponse, RedirectResponse, Response

from ... import store
from ...errors import DouyinTeamError
from ..deps import (
    LANG_COOKIE,
    SESSION_COOKIE,
    DbDep,
    FormDep,
    OptionalUserDep,
    SettingsDep,
    client_ip,
    form_text,
    lang_of,
    verify_csrf,
)
from ..mail import link, mail_verification
from ..pages import page, redirect, remember, safe_next

router = APIRouter(dependencies=[Depends(verify_csrf)], include_in_schema=False)
SESSION_SECONDS = 14 * 86400


def _signed_in(request: Request, token: str, settings: SettingsDep, target: str) -> RedirectResponse:
    response = redirect(safe_next(target))
    response.set_cookie(SESSION_COOKIE, token, max_age=SESSION_SECONDS, httponly=True, samesite="lax",
                        secure=settings.secure_cookies, path="/")
    remember(request, response)
    return response


@router.get("/signup")
def signup_form(request: Request, user: OptionalUserDep) -> HTMLResponse:
    """The sign-up form."""
    return page(request, "signup.html", user=user, error=None, email="", display_name="")


@router.post("/signup", response_model=None)
def signup(request: Request, form: FormDep, db: DbDep) -> Response:
    """Create an account and mail the link that verifies its email; then the user signs in.

    The answer is the same whether or not the email already has an account (that owner is mailed instead),
    so sign-up cannot be used to find out who is registered.
    """
    email, name = form_text(form, "email", 254), form_text(form, "display_name", 100)
    password = form.get("password")
    try:
        user = store.create_user(db, email, password if isinstance(password, str) else "", name, client_ip(request))
        mail_verification(request, user.email, store.verification_token(db, user))
    except store.EmailTaken:
        address = store.normal_email(email)
        request.app.state.mailer.send(address, "有人用你的邮箱注册 / Someone tried to sign up with your address",
                                      "这个邮箱已有账号：请直接登录，忘记密码可在登录页重设。/ This address has an account: "
                                      f"sign in, or reset the password: {link(request, '/reset')}")
    except DouyinTeamError as err:
        status = 429 if isinstance(err, store.TooManyAttempts) else 422
        refused = page(request, "signup.html", status_code=status, error=err.render(lang_of(request), web=True), email=email, display_name=name)
        if isinstance(err, store.TooManyAttempts):
            refused.headers["retry-after"] = str(err.retry_after)
        return refused
    return redirect("/signup/sent")


@router.get("/signup/sent")
def signup_sent(request: Request) -> HTMLResponse:
    """After sign-up: look in the mailbox, then sign in."""
    zh = lang_of(request) == "zh"
    return page(request, "notice.html", ok=True, message="请查收邮件里的验证链接，然后登录" if zh
                else "Check your mail for the verification link, then sign in")


@router.get("/signin")
def signin_form(request: Request, user: OptionalUserDep, next: str = "/") -> HTMLResponse:
    """The sign-in form."""
    return page(request, "signin.html", user=user, error=None, email="", next=safe_next(next))


@router.post("/signin", response_model=None)
def signin(request: Request, form: FormDep, db: DbDep, settings: SettingsDep) -> Response:
    """Check the password (rate-limited per email and address, counted in the database) and sign in."""
    email, target = form.get("email"), safe_next(form_text(form, "next", 500))
    email = email.strip()[:254] if isinstance(email, str) else ""
    password = form.get("password")
    try:
        user = store.authenticate(db, email, password if isinstance(password, str) else "", client_ip(request))
    except store.TooManyAttempts as err:
        refused = page(request, "signin.html", status_code=429, error=err.render(lang_of(request), web=True), email=email, next=target)
        refused.headers["retry-after"] = str(err.retry_after)
        return refused
    except store.BadCredentials as err:
        return page(request, "signin.html", status_code=401, error=err.render(lang_of(request), web=True), email=email, next=target)
    except DouyinTeamError as err:  # e.g. a NUL in the email: refused by the text policy
        return page(request, "signin.html", status_code=422, error=err.render(lang_of(request), web=True), email="", next=target)
    return _signed_in(request, store.start_session(db, user), settings, target)


@router.post("/signout")
def signout(request: Request, db: DbDep) -> RedirectResponse:
    """Forget this browser's session."""
    token = request.cookies.get(SESSION_COOKIE)
    if token:
        store.end_session(db, token)
    response = redirect("/signin")
    response.delete_cookie(SESSION_COOKIE, path="/")
    return response


@router.get("/lang/{code}")
def switch_language(code: str, next: str = "/") -> RedirectResponse:
    """Switch the interface language (中文 / English) and go back."""
    response = redirect(safe_next(next))
    response.set_cookie(LANG_COOKIE, "en" if code == "en" else "zh", max_age=365 * 86400, samesite="lax")
    return response
