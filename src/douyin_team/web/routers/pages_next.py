"""The next stage: the team now beside the next stage's plan, with the roadmap, and that plan's chart."""

from __future__ import annotations

from typing import Any

from fastapi import APIRouter, HTTPException, Request
from fastapi.responses import HTMLResponse, Response

from ... import store
from ...reports import reporting_tree, target_profile
from ..compute import stored_document
from ..deps import CoreDep, DbDep, Id, LangDep, PageUserDep
from ..pages import page
from ..teamview import base_document, names, shown_document
from .pages_charts import chart_response

router = APIRouter(include_in_schema=False)


def next_plan(core: CoreDep, document: dict[str, Any], stage: str, lang: LangDep) -> dict[str, Any]:
    """The plan for the merchant at the start of `stage` (its profile otherwise unchanged): the roadmap's end."""
    return stored_document(core.plan_team(target_profile(core.team(document), core.kb, stage), lang, ceiling=False))


def start_note(core: CoreDep, document: dict[str, Any], stage: str, lang: LangDep) -> str | None:
    """When the sales at the start of `stage` cannot pay that plan's people (`cost_share_ceiling`): what `plan`
    gives at those sales instead, and at what sales to fill the team, in the plan's own words."""
    team = core.plan_team(target_profile(core.team(document), core.kb, stage), lang)
    return next((d.text for d in team.decisions or [] if d.about == "labour_budget"), None)


@router.get("/m/{merchant_id}/next")
def next_stage(request: Request, merchant_id: Id, db: DbDep, user: PageUserDep, core: CoreDep,
               lang: LangDep) -> HTMLResponse:
    """The team now and the next stage's plan side by side, with the steps to get there."""
    merchant = store.get_merchant(db, user, merchant_id)
    revision = store.latest_revision(db, user, merchant_id)
    document = shown_document(core, base_document(merchant, revision), lang)  # seat names in the page's language
    now = core.checked_document(document, lang)
    upcoming = (now.diagnosis or {}).get("next_stage")
    context: dict[str, Any] = {"merchant": merchant, "now": now, "upcoming": None, "steps": [], "sides": None,
                               "start": None}
    if upcoming:
        plan = next_plan(core, document, upcoming, lang)
        context.update(upcoming=core.checked_document(plan, lang),
                       steps=core.roadmap(document, lang, upcoming), start=start_note(core, document, upcoming, lang),
                       sides=core.compare(document, plan, (merchant.name, core.kb.stage[upcoming].name.get(lang))))
    # A step says which rule asks for it by the rule's title in the reader's language, never its id.
    rule_titles = {r.id: r.title.get(lang) for r in core.kb.rules}
    return page(request, "next.html", user=user, tree=reporting_tree, rule_titles=rule_titles, **names(core, lang),
                **context)


@router.get("/m/{merchant_id}/next/chart.{fmt}")
def next_chart(merchant_id: Id, fmt: str, db: DbDep, user: PageUserDep, core: CoreDep, lang: LangDep) -> Response:
    """The chart of the next stage's plan: SVG, or the interactive HTML chart the next-stage page shows."""
    if fmt not in ("svg", "html"):
        raise HTTPException(404)
    merchant = store.get_merchant(db, user, merchant_id)
    revision = store.latest_revision(db, user, merchant_id)
    document = base_document(merchant, revision)
    upcoming = (core.checked_document(document, lang).diagnosis or {}).get("next_stage")
    stage = upcoming or core.kb.stages[-1].id
    date = revision.created_at.date().isoformat() if revision else "2026-01-01"
    return chart_response(core, next_plan(core, document, stage, lang), fmt, lang, date,
                          f"{merchant.name}-{stage}.{fmt}", inline=True)
