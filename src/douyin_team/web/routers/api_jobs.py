"""API: long work as jobs — exports of a merchant (kit, chart), agency batch exports, big imports and
staffing — answered at once with a job; `GET /api/v1/jobs/{id}` for its state and progress, then the artefact."""

from __future__ import annotations

from typing import Annotated, Any, Literal
from urllib.parse import quote

from fastapi import APIRouter, Form, Request, UploadFile
from fastapi.responses import JSONResponse, Response
from pydantic import Field

from ... import jobs
from ..api_input import check_staffing
from ..deps import ApiUserDep, CoreDep, DbDep, Id, LangDep, SettingsDep
from ..exports import (
    JOB_ANSWERS,
    batch_export,
    cancel_job,
    dispatcher,
    import_params,
    job_out,
    merchant_export,
    with_workspace_titles,
)
from ..schemas import ApiBody, StaffIn, WorkspaceTitles

router = APIRouter(prefix="/api/v1", tags=["jobs and exports"])


class ExportIn(ApiBody):
    """What to export of the merchant's team: the kit (xlsx, pdf, md, html) or the chart (png, pdf, svg)."""

    what: Literal["kit", "chart"] = "kit"
    fmt: str = Field(default="pdf", description="kit: xlsx pdf md html; chart: png pdf svg")
    revision: int | None = Field(default=None, ge=1, le=2**31 - 1, description="default: the latest")


class BatchIn(ApiBody):
    """An agency batch export: charts as one PDF (cover, index, a page per merchant) or kits as a zip."""

    what: Literal["charts", "kits"] = "charts"
    fmt: str = Field(default="pdf", description="charts: pdf; kits: pdf xlsx md html (each kit in the zip)")
    merchants: list[int] | None = Field(default=None, max_length=500, description="merchant ids; default: all")


def accepted(job: jobs.Job, lang: str) -> JSONResponse:
    """202 with the job (200 when its artefact was there already: the download is ready)."""
    return JSONResponse(job_out(job, "en" if lang == "en" else "zh"), status_code=200 if job.state == "done" else 202,
                        headers={"location": f"/api/v1/jobs/{job.id}"})


@router.post("/merchants/{merchant_id}/exports", status_code=202, responses=JOB_ANSWERS)
def export_merchant(request: Request, merchant_id: Id, body: ExportIn, db: DbDep, user: ApiUserDep,
                    lang: LangDep) -> JSONResponse:
    """Start an export of the merchant's kit or chart; answers with the job (poll its `url`)."""
    kind, params, workspace_id = merchant_export(db, user, merchant_id, body.what, body.fmt, lang, body.revision)
    return accepted(jobs.submit(db, dispatcher(request), user, kind, params, workspace_id), lang)


@router.post("/workspaces/{workspace_id}/exports", status_code=202, responses=JOB_ANSWERS)
def export_workspace(request: Request, workspace_id: Id, body: BatchIn, db: DbDep, user: ApiUserDep,
                     lang: LangDep) -> JSONResponse:
    """Start a batch export of all (or the chosen) merchants of a workspace, as one job."""
    params = batch_export(db, user, workspace_id, body.what, body.fmt, lang, body.merchants)
    return accepted(jobs.submit(db, dispatcher(request), user, "batch", params, workspace_id), lang)


@router.post("/imports", status_code=202, responses=JOB_ANSWERS)
def start_import(request: Request, file: UploadFile, db: DbDep, user: ApiUserDep, lang: LangDep,
                 settings: SettingsDep, keep_phone: Annotated[bool, Form()] = False) -> JSONResponse:
    """Import a big CSV/XLSX roster as a job; its artefact is the team document (JSON) to save. Phone numbers
    are left out unless `keep_phone` is true."""
    params = import_params(file.filename, file.file.read(settings.max_upload_bytes + 1), settings.max_upload_bytes)
    if keep_phone:
        params["keep_phone"] = True
    return accepted(jobs.submit(db, dispatcher(request), user, "import", params, None), lang)


@router.post("/staff/jobs", status_code=202, responses=JOB_ANSWERS)
def start_staffing(request: Request, body: StaffIn, db: DbDep, user: ApiUserDep, lang: LangDep,
                   core: CoreDep, workspace: WorkspaceTitles = None) -> JSONResponse:
    """Staff a big roster as a job; its artefact is what `POST /api/v1/staff` answers (JSON). The plan, the roster
    and the plan's live sessions are checked first, so bad input is a 422 now rather than a failed job later.
    With `workspace`, its members see the job."""
    plan = with_workspace_titles(db, user, body.plan, workspace)
    check_staffing(core, plan, body.roster)
    params: dict[str, Any] = {"plan": plan, "roster": body.roster, "lang": lang, "time_limit": body.time_limit,
                              "seed": body.seed, "filename": "staffed-team.json"}
    return accepted(jobs.submit(db, dispatcher(request), user, "staff", params, workspace), lang)


@router.get("/jobs/{job_id}")
def get_job(job_id: Id, db: DbDep, user: ApiUserDep, lang: LangDep) -> dict[str, Any]:
    """A job's state (queued, running, done, failed), progress ("第12页，共70页") and, once done, `artefact_url`."""
    return job_out(jobs.get_job(db, user, job_id), lang)


@router.post("/jobs/{job_id}/cancel")
def cancel(job_id: Id, db: DbDep, user: ApiUserDep, lang: LangDep) -> dict[str, Any]:
    """Cancel a queued or running job you asked for: its worker stops rendering at once and stores nothing
    (a finished job is answered as it is). 403 for a job of your workspace that someone else asked for."""
    return job_out(cancel_job(db, user, job_id), lang)


ARTEFACT_TYPES = ("application/pdf", "image/png", "image/svg+xml", "application/zip", "application/json",
                  "text/markdown; charset=utf-8", "text/html; charset=utf-8", "text/plain; charset=utf-8",
                  "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet")


@router.get("/jobs/{job_id}/artefact", response_model=None,
            responses={200: {"description": "The artefact", "content": {t: {} for t in ARTEFACT_TYPES}}})
def get_artefact(job_id: Id, db: DbDep, user: ApiUserDep, lang: LangDep) -> Response:
    """The job's artefact as a download (409 while the job is not done)."""
    job = jobs.get_job(db, user, job_id)
    artefact = jobs.artefact_of(db, job)
    if artefact is None:
        out = job_out(job, lang)
        message = ("the job is not done yet" if job.state in ("queued", "running") else "the job was cancelled"
                   if job.state == "cancelled" else f"the job failed: {job.error}")
        return JSONResponse({"error": {"type": "NotReady", "message": message, "field": "job_id", "hint": None,
                                       "line": None}, "job": out}, status_code=409)
    headers = {"content-disposition": f"attachment; filename*=UTF-8''{quote(artefact.filename)}",
               "cache-control": "private, max-age=3600"}
    return Response(artefact.data, media_type=artefact.media_type, headers=headers)
