"""Downloads of a merchant's team: the chart (PNG, SVG, PDF, draw.io, and the HTML chart the team page embeds)
and the team kit (XLSX, PDF, Markdown, HTML).

Heavy ones — the kit's PDF and XLSX, the chart's PNG and PDF — are the API's export jobs, never drawn here
(web/exports.py: sent at once when made already or small, else the job's page with its progress); the light
ones (text: SVG, draw.io, Mermaid, HTML …) are drawn in the thread pool.
"""

from __future__ import annotations

from typing import Any
from urllib.parse import quote

from fastapi import APIRouter, HTTPException, Request
from fastapi.responses import Response
from sqlalchemy.orm import Session
from starlette.concurrency import run_in_threadpool

from ... import store
from ...text import Lang
from ..compute import CHART_MEDIA, KIT_MEDIA
from ..deps import CoreDep, DbDep, Id, LangDep, Number, PageUserDep
from ..exports import export_params, heavy_download, is_heavy
from ..middleware import script_policy
from ..teamview import base_document

router = APIRouter(include_in_schema=False)


def chart_response(core: CoreDep, document: dict[str, Any], fmt: str, lang: LangDep, date: str, filename: str,
                   inline: bool = False) -> Response:
    """The chart in one format, as a download named after the merchant (or shown inline); the planner's seat
    names in the reader's language."""
    if fmt not in CHART_MEDIA:
        raise HTTPException(404)
    data = core.chart(document, fmt, lang, date)  # seat names in `lang`: Core.chart
    disposition = "inline" if inline else "attachment"
    headers = {"content-disposition": f"{disposition}; filename*=UTF-8''{quote(filename)}",
               "cache-control": "private, max-age=60"}
    if fmt == "html":
        headers["content-security-policy"] = script_policy(data).decode()
    elif fmt == "svg":  # an SVG opened directly must not run anything
        headers["content-security-policy"] = "default-src 'none'; style-src 'unsafe-inline'; img-src data:"
    return Response(data, media_type=CHART_MEDIA[fmt], headers=headers)


def _revision(db: Session, user: store.User, merchant_id: int,
              rev: int | None) -> tuple[store.Merchant, store.Revision]:
    """The merchant and its revision `rev` (default: the latest); 404 without one."""
    merchant = store.get_merchant(db, user, merchant_id)
    revision = (store.get_revision(db, user, merchant_id, rev) if rev is not None
                else store.latest_revision(db, user, merchant_id))
    if revision is None:
        raise HTTPException(404)
    return merchant, revision


def _export(db: Session, user: store.User, merchant_id: int, rev: int | None, what: str, fmt: str,
            lang: Lang) -> tuple[dict[str, Any], int]:
    """The job params of a heavy download and the merchant's workspace, the transaction ended (no connection
    may be held while the request waits on the event loop: see deps.get_db)."""
    merchant, revision = _revision(db, user, merchant_id, rev)
    params = export_params(merchant, revision, what, fmt, lang)
    db.commit()
    return params, merchant.workspace_id


async def _download_job(request: Request, db: Session, user: store.User, merchant_id: int, rev: int | None,
                        what: str, fmt: str, lang: Lang) -> Response:
    """A heavy download (PNG, PDF, the kits) as an export job: the file when it is ready soon, else its page."""
    params, workspace_id = await run_in_threadpool(_export, db, user, merchant_id, rev, what, fmt, lang)
    return await heavy_download(request, db, user, what, params, workspace_id)


@router.get("/m/{merchant_id}/chart.{fmt}")
async def chart(request: Request, merchant_id: Id, fmt: str, db: DbDep, user: PageUserDep, core: CoreDep,
                lang: LangDep, rev: Number | None = None) -> Response:
    """The team's chart (latest revision, or `?rev=N`) as png, svg, pdf, drawio, html, mmd, dot or json."""
    if fmt not in CHART_MEDIA:
        raise HTTPException(404)
    if is_heavy("chart", fmt):
        return await _download_job(request, db, user, merchant_id, rev, "chart", fmt, lang)
    inline = fmt in ("html", "svg") and request.query_params.get("download") is None

    def light() -> Response:
        merchant, revision = _revision(db, user, merchant_id, rev)
        return chart_response(core, base_document(merchant, revision), fmt, lang,
                              revision.created_at.date().isoformat(), f"{merchant.name}-r{revision.number}.{fmt}",
                              inline)

    return await run_in_threadpool(light)


@router.get("/m/{merchant_id}/kit.{fmt}", name="merchant_kit")
async def kit(request: Request, merchant_id: Id, fmt: str, db: DbDep, user: PageUserDep, core: CoreDep,
              lang: LangDep, rev: Number | None = None) -> Response:
    """The team kit of the team (latest revision, or `?rev=N`): xlsx (the Excel kit), md, html or pdf."""
    if fmt not in KIT_MEDIA:
        raise HTTPException(404)
    if is_heavy("kit", fmt):
        return await _download_job(request, db, user, merchant_id, rev, "kit", fmt, lang)
    return await run_in_threadpool(_light_kit, db, user, core, merchant_id, rev, fmt, lang)


def _light_kit(db: Session, user: store.User, core: CoreDep, merchant_id: int, rev: int | None, fmt: str,
               lang: Lang) -> Response:
    merchant, revision = _revision(db, user, merchant_id, rev)
    data = core.kit(base_document(merchant, revision), fmt, lang, revision.created_at.date().isoformat())
    name = f"{merchant.name}-{'团队工具包' if lang == 'zh' else 'team-kit'}-r{revision.number}.{fmt}"
    headers = {"content-disposition": f"attachment; filename*=UTF-8''{quote(name)}"}
    if fmt == "html":
        headers["content-security-policy"] = script_policy(data).decode()
    return Response(data, media_type=KIT_MEDIA[fmt], headers=headers)
