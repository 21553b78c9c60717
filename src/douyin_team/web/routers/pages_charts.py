"""Chart downloads of a merchant's team: PNG, SVG, PDF, draw.io (and the HTML chart the team page embeds)."""

from __future__ import annotations

from typing import Any
from urllib.parse import quote

from fastapi import APIRouter, HTTPException, Request
from fastapi.responses import Response

from ... import store
from ..compute import CHART_MEDIA
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


# KIT (Excel team kit, douyin_team.kit on its own branch): once merged, its download goes here, e.g.
#   @router.get("/m/{merchant_id}/kit.xlsx", name="merchant_kit")
#   def kit(...same dependencies as chart...) -> Response:
#       team = core.team(base_document(merchant, revision))
#       data = render_kit(build_kit(team, core.kb, stage, lang, KitOptions(date=date)), "xlsx")
#       return Response(data, media_type="application/vnd.openxmlformats-officedocument.spreadsheetml.sheet",
#                       headers={"content-disposition": f"attachment; filename*=UTF-8''{quote(name)}"})
# The team page (templates/team.html, `KIT:`) shows its link as soon as a route named `merchant_kit` exists;
# the outsider test then covers the route automatically (it walks the route table).
