"""Chart downloads of a merchant's team: PNG, SVG, PDF, draw.io (and the HTML chart the team page embeds)."""

from __future__ import annotations

from typing import Any
from urllib.parse import quote

from fastapi import APIRouter, HTTPException, Request
from fastapi.responses import Response

from ... import store
from ..compute import CHART_MEDIA, KIT_MEDIA
from ..deps import CoreDep, DbDep, Id, LangDep, Number, PageUserDep
from ..middleware import script_policy
from ..teamview import base_document

router = APIRouter(include_in_schema=False)


def chart_response(core: CoreDep, document: dict[str, Any], fmt: str, lang: LangDep, date: str, filename: str,
                   inline: bool = False) -> Response:
    """The chart in one format, as a download named after the merchant (or shown inline)."""
    if fmt not in CHART_MEDIA:
        raise HTTPException(404)
    data = core.chart(document, fmt, lang, date)
    disposition = "inline" if inline else "attachment"
    headers = {"content-disposition": f"{disposition}; filename*=UTF-8''{quote(filename)}",
               "cache-control": "private, max-age=60"}
    if fmt == "html":
        headers["content-security-policy"] = script_policy(data).decode()
    elif fmt == "svg":  # an SVG opened directly must not run anything
        headers["content-security-policy"] = "default-src 'none'; style-src 'unsafe-inline'; img-src data:"
    return Response(data, media_type=CHART_MEDIA[fmt], headers=headers)


@router.get("/m/{merchant_id}/chart.{fmt}")
def chart(request: Request, merchant_id: Id, fmt: str, db: DbDep, user: PageUserDep, core: CoreDep,
          lang: LangDep, rev: Number | None = None) -> Response:
    """The team's chart (latest revision, or `?rev=N`) as png, svg, pdf, drawio, html, mmd, dot or json."""
    merchant = store.get_merchant(db, user, merchant_id)
    revision = (store.get_revision(db, user, merchant_id, rev) if rev is not None
                else store.latest_revision(db, user, merchant_id))
    if revision is None:
        raise HTTPException(404)
    date = revision.created_at.date().isoformat()
    name = f"{merchant.name}-r{revision.number}.{fmt}"
    return chart_response(core, base_document(merchant, revision), fmt, lang, date, name,
                          inline=fmt in ("html", "svg") and request.query_params.get("download") is None)



@router.get("/m/{merchant_id}/kit.{fmt}", name="merchant_kit")
def kit(merchant_id: Id, fmt: str, db: DbDep, user: PageUserDep, core: CoreDep, lang: LangDep,
        rev: Number | None = None) -> Response:
    """The team kit of the team (latest revision, or `?rev=N`): xlsx (the Excel kit), md, html or pdf."""
    merchant = store.get_merchant(db, user, merchant_id)
    revision = (store.get_revision(db, user, merchant_id, rev) if rev is not None
                else store.latest_revision(db, user, merchant_id))
    if revision is None or fmt not in KIT_MEDIA:
        raise HTTPException(404)
    data = core.kit(base_document(merchant, revision), fmt, lang, revision.created_at.date().isoformat())
    name = f"{merchant.name}-{'团队工具包' if lang == 'zh' else 'team-kit'}-r{revision.number}.{fmt}"
    headers = {"content-disposition": f"attachment; filename*=UTF-8''{quote(name)}"}
    if fmt == "html":
        headers["content-security-policy"] = script_policy(data).decode()
    return Response(data, media_type=KIT_MEDIA[fmt], headers=headers)
