"""The stateless API: plan, check, staff, chart, roadmap, compare — the CLI's commands over HTTP."""

from __future__ import annotations

from functools import partial
from typing import Any, Literal

from fastapi import APIRouter, Body, Query, Request
from fastapi.responses import Response
from starlette.concurrency import run_in_threadpool

from ...text import Lang
from ..api_input import strict_roster, strict_team
from ..compute import CHART_MEDIA, KIT_MEDIA
from ..deps import ApiCallerDep, ApiUserDep, CoreDep, DbDep
from ..exports import ACCEPTED, api_render, is_heavy, render_params, with_workspace_titles
from ..limits import check_people
from ..schemas import (
    TEAM_SCHEMA,
    CompareIn,
    Format,
    ProfileIn,
    StaffIn,
    WorkspaceTitles,
    data_response,
    report,
    report_responses,
)

router = APIRouter(prefix="/api/v1", tags=["plan, check, staff, chart"])
TeamBody = Body(description="A team document: what a team file holds (`douyin-team schema`)")


@router.post("/plan", responses=report_responses(TEAM_SCHEMA))
async def plan(body: ProfileIn, _user: ApiCallerDep, core: CoreDep, lang: Lang = "zh",
               format: Format = "json") -> Response:
    """Diagnose the stage and recommend a team (as `douyin-team plan --format json`)."""
    # A plan takes about a millisecond (and repeats are cached): computed here on the event loop, as a trip
    # to the thread pool would cost about as much again.
    profile = core.profile(body.model_dump())
    return report(core.plan(profile, lang, format), format)


@router.post("/check", responses=report_responses(TEAM_SCHEMA))
def check(_user: ApiCallerDep, core: CoreDep, team: dict[str, Any] = TeamBody, lang: Lang = "zh",
          stage: str | None = Query(None, max_length=40), format: Format = "json") -> Response:
    """Check a team against the rules of its stage (as `douyin-team check --format json`)."""
    strict_team(team)
    return report(core.check(team, lang, stage, format), format)


@router.post("/staff", responses=report_responses(TEAM_SCHEMA))
def staff(body: StaffIn, db: DbDep, user: ApiUserDep, core: CoreDep, lang: Lang = "zh",
          workspace: WorkspaceTitles = None) -> Response:
    """Staff a plan from a roster with CP-SAT (as `douyin-team staff --format json`)."""
    from ...reports import document

    strict_team(body.plan)
    plan = with_workspace_titles(db, user, body.plan, workspace)
    strict_roster(core, body.roster, core.team(plan))
    return data_response(document(core.staff(plan, body.roster, lang, body.time_limit, body.seed)))


@router.post("/chart", responses={200: {"content": {m: {} for m in CHART_MEDIA.values()}}, **ACCEPTED})
async def chart(request: Request, _user: ApiCallerDep, core: CoreDep, team: dict[str, Any] = TeamBody,
                lang: Lang = "zh", format: Literal["svg", "png", "pdf", "html", "json", "mmd", "dot", "drawio"] = "svg",
                date: str = Query("", max_length=40)) -> Response:
    """Draw the org chart (as `douyin-team chart -f FORMAT`). PNG and PDF of a small team are drawn at once, a
    few at a time; of a bigger team (or when the renderers are busy) they are a job: 202, `Location` the job
    (poll it, then download its `artefact_url`; web/exports.py)."""
    check_people(team, "chart", format)  # before waiting for anything
    await run_in_threadpool(strict_team, team)
    draw = partial(core.chart, team, format, lang, date)
    if not is_heavy("chart", format):
        return Response(await run_in_threadpool(draw), media_type=CHART_MEDIA[format])
    await run_in_threadpool(core.team, team)  # bad input is a 422 now, not a failed job later
    return await api_render(request, "chart", render_params(team, "chart", format, lang, date),
                            lambda: run_in_threadpool(draw))


@router.post("/roadmap", responses=report_responses({"type": "array"}))
def roadmap(_user: ApiCallerDep, core: CoreDep, team: dict[str, Any] = TeamBody, lang: Lang = "zh",
            to: str | None = Query(None, max_length=40)) -> Response:
    """Splits and hires on the way to the next stage (as `douyin-team roadmap --format json`)."""
    strict_team(team)
    return data_response(core.roadmap(team, lang, to))


@router.post("/compare", responses=report_responses())
def compare(body: CompareIn, _user: ApiCallerDep, core: CoreDep) -> Response:
    """Two teams side by side (as `douyin-team compare --format json`)."""
    strict_team(body.a)
    strict_team(body.b)
    return data_response(core.compare(body.a, body.b, body.names))


@router.post("/kit", responses={200: {"content": {m: {} for m in KIT_MEDIA.values()}}, **ACCEPTED})
async def kit(request: Request, _user: ApiCallerDep, core: CoreDep, team: dict[str, Any] = TeamBody,
              lang: Lang = "zh", format: Literal["xlsx", "md", "html", "pdf"] = "xlsx",
              date: str = Query("", max_length=40)) -> Response:
    """The team kit (as `douyin-team kit -f FORMAT`): org table, job descriptions, scorecards, SOP, shifts, budget.

    XLSX of a small team is made at once, a few at a time. The PDF is the export job's (the same document),
    laid out by the job processes: a small team's is waited for (and cancelled if the client leaves), then
    sent. A bigger team's, or any the busy job processes have not finished within 15 s: 202, `Location` the
    job (web/exports.py).
    """
    check_people(team, "kit", format)
    await run_in_threadpool(strict_team, team)

    async def draw() -> bytes:
        return await run_in_threadpool(core.kit, team, format, lang, date)

    if not is_heavy("kit", format):
        return Response(await draw(), media_type=KIT_MEDIA[format])
    await run_in_threadpool(core.team, team)  # bad input is a 422 now, not a failed job later
    return await api_render(request, "kit", render_params(team, "kit", format, lang, date), draw)
