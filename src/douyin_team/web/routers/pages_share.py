"""Read-only share links: an owner sends a partner the chart and the findings, no account needed.

`/m/{id}/share` makes (with an expiry), lists and revokes links; `/s/{token}` is the anonymous page: the
team's chart and findings of the latest revision and nothing else (no roster, history, costs or navigation).

The anonymous page's language: the link's `?lang=` (a link made from the English pages carries `?lang=en`, as
the link keeps no language of its own), else the visitor's own choice on this site (the language cookie, set by
the page's 中文 / English switch), else what the browser asks for (Accept-Language: zh* → Chinese, en* → English),
else the site's default (Chinese).
"""

from __future__ import annotations

from fastapi import APIRouter, Depends, HTTPException, Request
from fastapi.responses import HTMLResponse, Response

from ... import store
from ...errors import DouyinTeamError
from ...text import Lang
from ..deps import CoreDep, DbDep, FormDep, Id, LangDep, PageUserDep, form_id, lang_of, verify_csrf
from ..errortext import localized
from ..pages import page, redirect
from ..teamview import base_document, findings, shown_document
from .pages_charts import chart_response

router = APIRouter(dependencies=[Depends(verify_csrf)], include_in_schema=False)
EXPIRY_DAYS = (1, 7, 30, 90)


def share_lang(request: Request) -> Lang:
    """The language of the anonymous share page (see the module's docstring for the order)."""
    return lang_of(request, by_header=True)


def share_page(request: Request, db: DbDep, user: store.User, merchant_id: int, new_link: str | None = None,
               error: str | None = None, status_code: int = 200) -> HTMLResponse:
    """The merchant's share links, and the one just made (its address is shown only now)."""
    merchant = store.get_merchant(db, user, merchant_id)
    role = store.role_in(db, user, merchant.workspace_id)
    return page(request, "share.html", status_code=status_code, user=user, merchant=merchant,
                links=store.list_share_links(db, user, merchant_id), new_link=new_link, error=error,
                can_edit=role in ("owner", "editor"), days=EXPIRY_DAYS, now=store.utcnow())


@router.get("/m/{merchant_id}/share")
def shares(request: Request, merchant_id: Id, db: DbDep, user: PageUserDep) -> HTMLResponse:
    """The share links of a merchant."""
    return share_page(request, db, user, merchant_id)


@router.post("/m/{merchant_id}/share", response_model=None)
def create_share(request: Request, form: FormDep, merchant_id: Id, db: DbDep, user: PageUserDep,
                 lang: LangDep) -> Response:
    """Make a link valid for the chosen number of days; its address is shown once."""
    try:
        _link, token = store.create_share_link(db, user, merchant_id, form_id(form.get("days")) or 0,
                                               str(form.get("label") or ""))
    except (store.NotFound, store.Forbidden):
        raise
    except DouyinTeamError as err:
        return share_page(request, db, user, merchant_id, error=localized(err, lang), status_code=422)
    link = str(request.base_url).rstrip("/") + f"/s/{token}" + ("?lang=en" if lang == "en" else "")
    return share_page(request, db, user, merchant_id, new_link=link)  # English pages: a link that opens in English


@router.post("/m/{merchant_id}/share/{link_id}/revoke", response_model=None)
def revoke_share(merchant_id: Id, link_id: Id, db: DbDep, user: PageUserDep) -> Response:
    """The link stops working at once."""
    store.revoke_share_link(db, user, merchant_id, link_id)
    return redirect(f"/m/{merchant_id}/share")


def _shared(db: DbDep, token: str) -> tuple[store.Merchant, store.Revision]:
    merchant = store.merchant_for_share(db, token)
    revision = store.shared_revision(db, merchant) if merchant else None
    if merchant is None or revision is None:
        raise HTTPException(404)  # unknown, expired and revoked links look the same
    return merchant, revision


@router.get("/s/{token}")
def shared(request: Request, token: str, db: DbDep, core: CoreDep) -> HTMLResponse:
    """The anonymous read-only page: the chart and the findings, in the link's or the visitor's language."""
    merchant, revision = _shared(db, token)
    lang = share_lang(request)
    team = core.checked_document(shown_document(core, base_document(merchant, revision), lang), lang)
    response = page(request, "shared.html", page_lang=lang, merchant=merchant, revision=revision, token=token,
                    findings=findings(core, team, lang),
                    stage_name=core.kb.stage[team.stage].name.get(lang) if team.stage else "")
    response.headers["x-robots-tag"] = "noindex"
    response.headers["vary"] = "Accept-Language, Cookie"  # the same address reads in each visitor's language
    return response


@router.get("/s/{token}/chart.html")
def shared_chart(token: str, db: DbDep, core: CoreDep, lang: LangDep) -> Response:
    """The interactive chart of a shared team."""
    merchant, revision = _shared(db, token)
    return chart_response(core, base_document(merchant, revision), "html", lang,
                          revision.created_at.date().isoformat(), f"{merchant.name}.html", inline=True)
