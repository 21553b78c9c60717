"""Rendering pages: Jinja2 with autoescape on, the CSRF token and the language in every template."""

from __future__ import annotations

from collections.abc import Callable, Hashable
from pathlib import Path
from typing import Any
from urllib.parse import quote

import jinja2
from fastapi import Request
from fastapi.responses import HTMLResponse, RedirectResponse
from fastapi.templating import Jinja2Templates

from ..text import Lang
from .csrf import CSRF_COOKIE, new_nonce, sign
from .deps import LANG_COOKIE, SESSION_COOKIE, csrf_secret, lang_of
from .pagecache import PageCache
from .pagecache import page as kept_page
from .wording import money

TEMPLATES = Path(__file__).parent / "templates"


def make_templates() -> Jinja2Templates:
    """Templates from the package, every value escaped unless a template marks it safe. They are files of the
    installed package, so they are read once (no `stat` of every template on every page: auto_reload off)."""
    env = jinja2.Environment(loader=jinja2.FileSystemLoader(TEMPLATES), autoescape=True, auto_reload=False,
                             undefined=jinja2.StrictUndefined, trim_blocks=True, lstrip_blocks=True)
    env.filters["lookup"] = lambda key, mapping: mapping.get(key, key)
    return Jinja2Templates(env=env)


def csrf_token(request: Request) -> str:
    """The CSRF token for this browser: signed over its nonce cookie (made now if missing) and session."""
    nonce = getattr(request.state, "csrf_nonce", None) or request.cookies.get(CSRF_COOKIE)
    if not nonce:
        nonce = request.state.csrf_nonce = new_nonce()
    return sign(csrf_secret(request), nonce, request.cookies.get(SESSION_COOKIE))


def page(request: Request, name: str, status_code: int = 200, page_lang: Lang | None = None,
         **context: Any) -> HTMLResponse:
    """Render a template with the user, language, CSRF token and a bilingual `_()` helper; in `page_lang` when
    the route chose it (the anonymous share page), else in the interface language (`lang_of`)."""
    response = _render(request, name, status_code, csrf_token(request), context, page_lang)
    _finish(request, response)
    return response


def cached_page(request: Request, name: str, key: Hashable | None, context: Callable[[], dict[str, Any]]) -> HTMLResponse:
    """`page` with the context `context()` gives, remembered by `key` (which must hold everything the page
    shows, but the language and the address, which are added): asked again, only the CSRF token is put in.
    Asked by many at once before it is kept, it is made once (`PageCache.made`)."""
    if key is None:
        return page(request, name, **context())
    cache: PageCache = request.app.state.page_cache
    full_key = _full_key(request, name, key)
    pieces = cache.made(full_key, lambda: bytes(_render(request, name, 200, cache.placeholder, context()).body).decode())
    return _send(request, pieces)


def remembered_page(request: Request, name: str, key: Hashable) -> HTMLResponse | None:
    """The page `cached_page` kept under `key`, sent with this browser's CSRF token; None if none is kept."""
    cache: PageCache = request.app.state.page_cache
    pieces = cache.get(_full_key(request, name, key))
    return None if pieces is None else _send(request, pieces)


def _full_key(request: Request, name: str, key: Hashable) -> Hashable:
    return (name, lang_of(request), request.url.path, request.url.query, key)


def _send(request: Request, pieces: tuple[bytes, ...]) -> HTMLResponse:
    response = HTMLResponse(kept_page(pieces, csrf_token(request)))
    _finish(request, response)
    return response


def _render(request: Request, name: str, status_code: int, token: str, context: dict[str, Any],
            page_lang: Lang | None = None) -> HTMLResponse:
    lang = page_lang or lang_of(request)

    def _(zh: str, en: str) -> str:
        return en if lang == "en" else zh

    context.setdefault("user", None)
    context.setdefault("money", lambda value: money(value, lang))  # amounts as people write them: 50万元
    query = "&".join(f"{k}={quote(v)}" for k, v in request.query_params.items() if k != "lang")
    context["here"] = quote(request.url.path + (f"?{query}" if query else ""), safe="")
    response: HTMLResponse = request.app.state.templates.TemplateResponse(
        request, name, {"lang": lang, "_": _, "csrf_token": token, **context}, status_code=status_code)
    return response


def _finish(request: Request, response: HTMLResponse) -> None:
    """The cookies a page sets: the CSRF nonce if this request made one, the language if `?lang=` chose it."""
    remember(request, response)
    if request.query_params.get("lang") in ("zh", "en"):
        response.set_cookie(LANG_COOKIE, request.query_params["lang"], max_age=365 * 86400, samesite="lax")


def remember(request: Request, response: HTMLResponse | RedirectResponse) -> None:
    """Set the CSRF nonce cookie if this request made one."""
    nonce = getattr(request.state, "csrf_nonce", None)
    if nonce:
        response.set_cookie(CSRF_COOKIE, nonce, httponly=True, samesite="lax",
                            secure=request.app.state.settings.secure_cookies, path="/")


def redirect(url: str) -> RedirectResponse:
    """A See Other redirect after a form POST."""
    return RedirectResponse(url, status_code=303)


def safe_next(url: str | None) -> str:
    """A local path to go back to (never another site)."""
    if url and url.startswith("/") and not url.startswith("//") and "\\" not in url:
        return url
    return "/"
