"""Typed dependencies: the database session, the signed-in user (cookie or Bearer token), language, CSRF."""

from __future__ import annotations

from collections.abc import AsyncIterator
from typing import Annotated, Any

from fastapi import Depends, Path, Query, Request
from sqlalchemy.orm import Session
from starlette.concurrency import run_in_threadpool
from starlette.datastructures import FormData
from starlette.exceptions import HTTPException

from .. import store
from ..errors import InvalidValue
from ..text import Lang
from ..textpolicy import clean_text
from .callers import RecentCallers
from .compute import Core
from .config import WebSettings
from .csrf import CSRF_COOKIE, CSRF_FIELD, CSRF_HEADER, valid

SESSION_COOKIE = "dt_session"
MAX_ID = 2**31 - 1  # database ids are 32-bit integers: larger numbers are refused (422), never looked up
Id = Annotated[int, Path(ge=1, le=MAX_ID)]
Number = Annotated[int, Query(ge=1, le=MAX_ID)]
LANG_COOKIE = "dt_lang"
SAFE_METHODS = frozenset({"GET", "HEAD", "OPTIONS"})
# Fields a posted form may have (Starlette's default is 1,000): a roster or scenario table of 500 rows (teamview
# MAX_ROWS) at 11 fields a row, saved without the page's script. The body is capped in bytes anyway
# (SecurityMiddleware), so this bounds only the parser's work on a form of empty fields.
FORM_FIELDS = 6_000


class LoginRequired(Exception):
    """A page needs a signed-in user: the app redirects to the sign-in page."""


class NotSignedIn(Exception):
    """An API call without a valid token or session: 401."""


class CsrfFailed(Exception):
    """A form or cookie-authenticated API call without a valid CSRF token: 403."""


async def get_db(request: Request) -> AsyncIterator[Session]:
    """One database session per request. The store's functions commit their own work, so closing is enough.

    No request may hold a pooled connection while it waits for a thread-pool thread: with more requests than
    connections, every thread could end up waiting for a connection held by a request waiting for a thread
    (seen under load: nothing answered until the pool timed out). So the session is closed here on the event
    loop, not in a thread, and the sign-in lookups end their transaction before the handler's thread trip.
    """
    session = request.app.state.sessions()
    try:
        yield session
    finally:
        session.close()


# Dependencies that do no I/O are `async def`: FastAPI runs a plain `def` dependency in the thread pool,
# a trip that costs more than the work.
async def get_settings(request: Request) -> WebSettings:
    """The app's settings."""
    settings: WebSettings = request.app.state.settings
    return settings


def csrf_secret(request: Request) -> str:
    """The key that signs CSRF tokens: from the settings, else the database's shared secret (read once)."""
    secret: str | None = request.app.state.secret
    if not secret:
        with request.app.state.sessions() as db:
            secret = request.app.state.secret = store.app_secret(db)
    return secret


async def get_core(request: Request) -> Core:
    """The app's knowledge base and cached core calls."""
    core: Core = request.app.state.core
    return core


LANGS: dict[str, Lang] = {"zh": "zh", "en": "en"}
MAX_RANGES = 32  # an Accept-Language header is read this far (a browser sends a handful)


def accepted_lang(header: str) -> Lang | None:
    """The first of Chinese and English an Accept-Language header asks for, by its q weights and then its
    order (zh-CN, zh-Hant-TW → zh; en-GB → en; q=0 means not wanted); None when it asks for neither."""
    ranked: list[tuple[float, int, str]] = []
    for k, part in enumerate(header.split(",")[:MAX_RANGES]):
        tag, *params = (piece.strip() for piece in part.split(";"))
        weight = 1.0
        for param in params:
            name, _, value = param.partition("=")
            if name.strip().lower() == "q":
                try:
                    weight = float(value)
                except ValueError:
                    weight = 0.0
        ranked.append((-weight, k, tag.lower().split("-")[0]))
    return next((LANGS[primary] for weight, _, primary in sorted(ranked) if weight < 0 and primary in LANGS), None)



def lang_of(request: Request, by_header: bool | None = None) -> Lang:
    """The interface language: `?lang=`, else the language cookie, else — where the client decides
    (`by_header`; by default the API's callers: a program says what it reads, while a page follows its own
    中文 / English switch) — the Accept-Language header, else the default (Chinese)."""
    wanted = request.query_params.get("lang") or request.cookies.get(LANG_COOKIE)
    if wanted in LANGS:
        return LANGS[wanted]
    if request.url.path.startswith("/api/") if by_header is None else by_header:
        asked = accepted_lang(request.headers.get("accept-language", ""))
        if asked is not None:
            return asked
    return "en" if request.app.state.settings.default_lang == "en" else "zh"


async def get_lang(request: Request) -> Lang:
    """The interface language, as a dependency (see `lang_of`)."""
    return lang_of(request)


DbDep = Annotated[Session, Depends(get_db, scope="function")]
SettingsDep = Annotated[WebSettings, Depends(get_settings)]
CoreDep = Annotated[Core, Depends(get_core)]
LangDep = Annotated[Lang, Depends(get_lang)]


def optional_user(request: Request, db: DbDep) -> store.User | None:
    """The user of the session cookie, if any (the transaction ended: see `get_db`)."""
    token = request.cookies.get(SESSION_COOKIE)
    user = store.user_for_session(db, token) if token else None
    db.commit()
    return user


OptionalUserDep = Annotated["store.User | None", Depends(optional_user)]


async def page_user(user: OptionalUserDep) -> store.User:
    """The signed-in user of a page; otherwise the app sends the browser to sign in."""
    if user is None:
        raise LoginRequired()
    return user


PageUserDep = Annotated[store.User, Depends(page_user)]


async def get_form(request: Request) -> FormData:
    """The submitted form (parsed once on the event loop, so the handler itself can run in the thread pool).
    A form Starlette refuses (over FORM_FIELDS fields — a long roster saved before the page's script was ready —
    or a field over 1 MB) is an error in the reader's language, not Starlette's English line."""
    try:
        return await request.form(max_fields=FORM_FIELDS)
    except HTTPException as err:
        if err.status_code != 400:
            raise
        if str(err.detail).startswith("Too many fields"):
            raise InvalidValue(f"the form has more than {FORM_FIELDS} fields",
                               hint="go back, wait until the page has finished loading and save again "
                                    "(a long roster is saved by the page's script), or import it as a spreadsheet") from None
        raise InvalidValue("the form could not be read", hint="go back and send it again") from None


FormDep = Annotated[FormData, Depends(get_form)]


async def verify_csrf(request: Request, form: FormDep) -> None:
    """Every unsafe form request must carry the CSRF token signed for this browser's cookie and session."""
    if request.method in SAFE_METHODS:
        return
    token = form.get(CSRF_FIELD)
    secret = request.app.state.secret or await run_in_threadpool(csrf_secret, request)
    if not valid(secret, token if isinstance(token, str) else None,
                 request.cookies.get(CSRF_COOKIE), request.cookies.get(SESSION_COOKIE)):
        raise CsrfFailed()


def authenticate(request: Request, db: Session, secret: str) -> store.User:
    """The caller of the API: a Bearer API token, or the browser's session (then unsafe calls need the CSRF header)."""
    scheme, _, token = request.headers.get("authorization", "").partition(" ")
    if scheme.lower() == "bearer" and token:
        user = store.user_for_api_token(db, token.strip())
        if user is None:
            raise NotSignedIn()
        return user
    session = request.cookies.get(SESSION_COOKIE)
    user = store.user_for_session(db, session) if session else None
    if user is None:
        raise NotSignedIn()
    if request.method not in SAFE_METHODS and not valid(
            secret, request.headers.get(CSRF_HEADER), request.cookies.get(CSRF_COOKIE), session):
        raise CsrfFailed()
    return user


def api_user(request: Request, db: DbDep) -> store.User:
    """The API caller, on the request's database session (for routes that read or write the store; the
    transaction ended: see `get_db`)."""
    user = authenticate(request, db, csrf_secret(request))
    db.commit()
    return user


async def api_caller(request: Request) -> int:
    """The API caller's user id, for routes that only compute: a Bearer token checked in the last few seconds
    is trusted without the database (web/callers.py); otherwise one short session in the thread pool."""
    recent: RecentCallers = request.app.state.callers
    scheme, _, token = request.headers.get("authorization", "").partition(" ")
    token = token.strip() if scheme.lower() == "bearer" else ""
    known, confirm = recent.get(token) if token else (None, True)
    if known is not None and not confirm:
        return known

    def lookup() -> int:
        with request.app.state.lookups() as db:
            user_id: int = authenticate(request, db, csrf_secret(request)).id
            return user_id

    try:
        user_id = await run_in_threadpool(lookup)
    except BaseException:
        if token:
            recent.forget(token)
        raise
    if token:
        recent.remember(token, user_id)
    return user_id


ApiUserDep = Annotated[store.User, Depends(api_user)]
ApiCallerDep = Annotated[int, Depends(api_caller)]


def client_ip(request: Request) -> str:
    """The caller's address, as the sign-in rate limit counts it."""
    return request.client.host if request.client else "unknown"


def form_text(form: Any, name: str, limit: int = 200) -> str:
    """A text field of a submitted form, through the text policy (InvalidValue on a NUL), stripped and cut to
    `limit` characters."""
    value = form.get(name)
    return clean_text(value, name).strip()[:limit] if isinstance(value, str) else ""


def form_id(value: Any) -> int | None:
    """A revision or id number from a form field, or None when it is missing or out of range."""
    try:
        number = int(str(value))
    except ValueError:
        return None
    return number if 0 <= number <= MAX_ID else None
