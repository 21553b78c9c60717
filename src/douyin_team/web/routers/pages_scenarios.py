"""Scenarios (方案): "what if" teams beside the current one — a copy of the current team, the next stage's plan,
or a staffing result — each with its chart, findings, cost and differences from the current team; editable in
a table, and adoptable as the team's new revision."""

from __future__ import annotations

import json
from typing import Any

from fastapi import APIRouter, Depends, HTTPException, Request
from fastapi.responses import HTMLResponse, Response

from ... import store
from ...errors import DouyinTeamError, InvalidValue
from ..compute import stored_document, stored_with_ids
from ..deps import CoreDep, DbDep, FormDep, Id, LangDep, PageUserDep, form_id, verify_csrf
from ..pages import page, redirect
from ..saving import save_or_merge
from ..teamview import (
    MAX_ROWS,
    base_document,
    findings,
    named_diff,
    names,
    people_from_rows,
    roster_rows,
    rows_from_form,
    shown_document,
    shown_names,
    stored_rows,
)
from ..wording import diff_lines
from .pages_charts import chart_response
from .pages_next import next_plan

router = APIRouter(include_in_schema=False)
forms = APIRouter(dependencies=[Depends(verify_csrf)], include_in_schema=False)
KIND_NAMES = {"copy": ("当前团队的副本", "Copy of the current team"), "next_stage": ("下一阶段方案", "Next stage's plan"),
              "staffing": ("排岗结果", "Staffing result")}


@forms.post("/m/{merchant_id}/scenarios", response_model=None)
def create_scenario(request: Request, form: FormDep, merchant_id: Id, db: DbDep, user: PageUserDep, core: CoreDep,
                    lang: LangDep) -> Response:
    """Keep a scenario: `source` = current (a copy of the latest revision), next (the next stage's plan) or
    staffing (the staffed team the staffing page posts as `document`)."""
    merchant = store.get_merchant(db, user, merchant_id)
    current = base_document(merchant, store.latest_revision(db, user, merchant_id))
    source = str(form.get("source") or "current")
    try:
        if source == "next":
            stage = (core.checked_document(current, lang).diagnosis or {}).get("next_stage") or core.kb.stages[-1].id
            document, kind = next_plan(core, current, stage, lang), "next_stage"
        elif source == "staffing":
            document, kind = _posted_team(form.get("document")), "staffing"
        else:
            document, kind = current, "copy"
        name = str(form.get("name") or "").strip() or KIND_NAMES[kind][0 if lang == "zh" else 1]
        scenario = store.save_scenario(db, user, merchant_id, name, kind, stored_with_ids(core, document))
    except DouyinTeamError as err:
        raise HTTPException(422, err.render(lang, web=True)) from None
    return redirect(f"/m/{merchant_id}/scenarios/{scenario.id}")


@router.get("/m/{merchant_id}/scenarios/{scenario_id}")
def show_scenario(request: Request, merchant_id: Id, scenario_id: Id, db: DbDep, user: PageUserDep, core: CoreDep,
                  lang: LangDep) -> HTMLResponse:
    """A scenario: its chart, cost, findings, how it differs from the current team, its table to edit."""
    return _scenario_page(request, db, user, core, lang, merchant_id, scenario_id)


@router.get("/m/{merchant_id}/scenarios/{scenario_id}/chart.{fmt}")
def scenario_chart(merchant_id: Id, scenario_id: Id, fmt: str, db: DbDep, user: PageUserDep, core: CoreDep,
                   lang: LangDep) -> Response:
    """The scenario's chart: the interactive HTML chart the page shows, or SVG."""
    if fmt not in ("svg", "html"):
        raise HTTPException(404)
    scenario = store.get_scenario(db, user, merchant_id, scenario_id)
    date = scenario.updated_at.date().isoformat()
    return chart_response(core, scenario.document, fmt, lang, date, f"scenario-{scenario.id}.{fmt}", inline=True)


@forms.post("/m/{merchant_id}/scenarios/{scenario_id}", response_model=None)
def edit_scenario(request: Request, form: FormDep, merchant_id: Id, scenario_id: Id, db: DbDep, user: PageUserDep,
                  core: CoreDep, lang: LangDep) -> Response:
    """Save the scenario's edited table (and name); a bad team shows the page again with the error and the edit."""
    scenario = store.get_scenario(db, user, merchant_id, scenario_id)
    rows = rows_from_form(form)
    # The seat names the page showed in `lang` back as stored: editing in English renames nobody.
    document = {**scenario.document, "people": people_from_rows(stored_rows(core, scenario.document, rows, lang))}
    try:
        store.update_scenario(db, user, merchant_id, scenario_id, stored_with_ids(core, document),
                              str(form.get("name") or scenario.name))
    except DouyinTeamError as err:
        db.rollback()
        return _scenario_page(request, db, user, core, lang, merchant_id, scenario_id, err.render(lang, web=True),
                              rows, 422)
    return redirect(f"/m/{merchant_id}/scenarios/{scenario_id}")


@forms.post("/m/{merchant_id}/scenarios/{scenario_id}/adopt", response_model=None)
def adopt_scenario(request: Request, form: FormDep, merchant_id: Id, scenario_id: Id, db: DbDep, user: PageUserDep,
                   core: CoreDep, lang: LangDep) -> Response:
    """Save the scenario as the team's new revision (checked and merged like any save)."""
    scenario = store.get_scenario(db, user, merchant_id, scenario_id)
    message = f"采用方案：{scenario.name}" if lang == "zh" else f"Adopted scenario: {scenario.name}"
    try:
        location = save_or_merge(db, user, core, merchant_id, dict(scenario.document),
                                 form_id(form.get("base_revision")), message)
    except DouyinTeamError as err:
        return _scenario_page(request, db, user, core, lang, merchant_id, scenario_id, err.render(lang, web=True),
                              None, 422)
    return redirect(location)


@forms.post("/m/{merchant_id}/scenarios/{scenario_id}/delete", response_model=None)
def remove_scenario(merchant_id: Id, scenario_id: Id, db: DbDep, user: PageUserDep) -> Response:
    """Forget the scenario; the team and its history are untouched."""
    store.delete_scenario(db, user, merchant_id, scenario_id)
    return redirect(f"/m/{merchant_id}")


def _posted_team(value: Any) -> dict[str, Any]:
    try:
        document = json.loads(str(value or ""))
    except json.JSONDecodeError:
        document = None
    if not isinstance(document, dict) or not isinstance(document.get("people"), list):
        raise InvalidValue("the staffed team is not a team document", field="people")
    return document


def _scenario_page(request: Request, db: Any, user: store.User, core: CoreDep, lang: LangDep, merchant_id: int,
                   scenario_id: int, error: str | None = None, rows: list[dict[str, Any]] | None = None,
                   status: int = 200) -> HTMLResponse:
    merchant = store.get_merchant(db, user, merchant_id)
    scenario = store.get_scenario(db, user, merchant_id, scenario_id)
    revision = store.latest_revision(db, user, merchant_id)
    current = base_document(merchant, revision)
    shown = shown_document(core, scenario.document, lang)  # the planner's seat names in `lang`; stored as they are
    team = core.checked_document(shown, lang)
    now = core.checked_document(current, lang)
    sides = core.compare(current, scenario.document, (merchant.name, scenario.name))
    role = store.role_in(db, user, merchant.workspace_id)
    diff = store.compare_documents(stored_document(now), scenario.document, core.kb)
    named = named_diff(diff, shown_names(core, [current], lang), shown_names(core, [scenario.document], lang))
    return page(request, "scenario.html", status, user=user, merchant=merchant, scenario=scenario, team=team,
                now=now, sides=sides, diff_lines=diff_lines(core, named, lang), error=error,
                findings=findings(core, team, lang),
                rows=rows if rows is not None else roster_rows(core, core.team(shown), lang,
                                                               store.ids_of(scenario.document)),
                can_edit=role in ("owner", "editor"), plain_rows=MAX_ROWS,
                base_revision=revision.number if revision else "", kind_names=KIND_NAMES, **names(core, lang))
