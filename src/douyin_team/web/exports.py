"""Exports as jobs: the parameters of a merchant's kit or chart job, of an agency's batch export, a job as
the API and the pages show it (state, progress "第12页，共70页", the artefact's URL), and the pages' downloads
of heavy renders, which are the same jobs.

A page's download of a heavy render (kit PDF and XLSX, chart PNG and PDF) is never drawn in the web worker
(native code — Pango, cairo, resvg — in its threads once took a worker down): it is the API's export job
(`jobs.submit`, the same params, so the same artefact), drawn by the job processes. An artefact made already
is sent at once. A team up to `WAIT_PEOPLE` (a render of a few seconds) is waited for, on the event loop, up to
`WAIT_SECONDS`, and sent as the download; a bigger team — or a small one the busy job processes have not
finished by then, or any while nothing runs jobs (PostgreSQL and no worker's recent heartbeat) — goes to its
job's page, which shows its progress and then the download.

The API's renders of a posted team (POST /api/v1/chart, /kit) and of a merchant's (GET …/chart) in those
formats are drawn at once only for a small team (`INLINE_PEOPLE`, a second or two) while a render slot is free
(web/limits.py); the kit PDF never is (seconds of WeasyPrint: the job processes, warm and at a low priority,
lay it out for less CPU than a fresh child process would, and never more of them at once than the pool has).
The rest is the same kind of job (`api_render`): its bytes at once if that artefact exists, else — a team up
to `API_WAIT_PEOPLE` waited for as a page download's is — 202 with the job (Location: its URL; poll it, then
`artefact_url`). So a burst of big renders holds no web thread and starts no process: it queues for the job
processes, which yield the CPU to the web workers (jobs/priority.py). A client that leaves while its request
waits takes back its ask, and a job nobody else asked for is cancelled (`_wait_for`, `jobs.give_up`).
"""

from __future__ import annotations

import asyncio
import datetime as dt
import time
from collections.abc import Awaitable, Callable
from pathlib import Path
from typing import Any
from urllib.parse import quote

from fastapi import Request
from fastapi.responses import JSONResponse, Response
from sqlalchemy import update
from sqlalchemy.orm import Session
from starlette.concurrency import run_in_threadpool

from .. import jobs, store
from ..errors import InvalidValue, MalformedFile
from ..progress import UNITS, describe
from ..text import Lang
from .deps import api_user
from .limits import RenderSlots, client_gone, stop_work
from .pages import redirect
from .teamview import base_document

EXPORTS = {"kit": ("xlsx", "pdf", "md", "html"), "chart": ("png", "pdf", "svg")}
BATCH = {"charts": ("pdf",), "kits": ("pdf", "xlsx", "md", "html")}
MAX_BATCH = 500
IMPORT_SUFFIXES = (".csv", ".xlsx")
HEAVY = {"kit": ("pdf", "xlsx"), "chart": ("png", "pdf")}  # page downloads that are jobs
# People up to which a page download waits for its job; above, the job's page at once. Measured (CPU seconds
# of one render, samples.big_team, the shared 2-core machine, 2026-12-02): kit PDF 5.0 s at 6 people, 7.4 at
# 40, 8.6 at 100; kit XLSX 1.0 / 2.5 / 5.4 / 5.7 s at 6 / 100 / 200 / 600; chart PNG 0.1 / 2.2 / 4.3 / 5.3 s at
# the same sizes; chart PDF 0.2 s at 600. So: waited for while a render takes under about 10 s.
WAIT_PEOPLE = {("kit", "pdf"): 60, ("kit", "xlsx"): 600, ("chart", "png"): 600, ("chart", "pdf"): 2000}
WAIT_SECONDS = 15.0
# People up to which the API draws a heavy format at once (in a render slot, an app thread), from the same
# measurements: about 2 CPU s. Never the kit PDF (5 CPU s at 6 people): a job, waited for.
INLINE_PEOPLE = {("kit", "pdf"): 0, ("kit", "xlsx"): 150, ("chart", "png"): 150, ("chart", "pdf"): 600}
# People up to which the API waits for a render's job (up to WAIT_SECONDS) before answering 202 with it.
API_WAIT_PEOPLE = {("kit", "pdf"): 40, ("kit", "xlsx"): 150, ("chart", "png"): 150, ("chart", "pdf"): 600}
MEDIA = {"kit": jobs.KIT_MEDIA, "chart": jobs.CHART_MEDIA}
JOB_SCHEMA: dict[str, Any] = {
    "type": "object", "description": "A job (`GET /api/v1/jobs/{id}`): poll `url` until `state` is done, then "
                                     "download `artefact_url`",
    "required": ["id", "kind", "state", "progress", "url"],
    "properties": {
        "id": {"type": "integer"}, "kind": {"type": "string"},
        "state": {"type": "string", "enum": ["queued", "running", "done", "failed", "cancelled"]},
        "state_text": {"type": "string"},
        "progress": {"type": "object", "properties": {
            "done": {"type": "integer"}, "total": {"type": "integer"}, "unit": {"type": "string"},
            "text": {"type": "string", "description": "e.g. 第12页，共70页 / 12 of 70 pages"}}},
        "attempts": {"type": "integer"}, "error": {"type": ["string", "null"]},
        "filename": {"type": ["string", "null"]}, "created_at": {"type": "string"},
        "finished_at": {"type": ["string", "null"]}, "url": {"type": "string"}, "page": {"type": "string"},
        "artefact_url": {"type": ["string", "null"]}, "cancel_url": {"type": ["string", "null"]}}}
ACCEPTED: dict[int | str, dict[str, Any]] = {202: {
    "description": "Too big (or the renderers too busy) to draw now: a job was started (or joined). "
                   "`Location` is its URL; poll it, then download its `artefact_url`.",
    "headers": {"Location": {"description": "The job's URL (`/api/v1/jobs/{id}`)", "schema": {"type": "string"}}},
    "content": {"application/json": {"schema": JOB_SCHEMA}}}}
# A job route's answers: 202 with the job started (or joined), or 200 with it done already (the same export
# was made before: its artefact is ready to download).
JOB_ANSWERS: dict[int | str, dict[str, Any]] = {
    202: {"description": "The job, started (or joined). `Location` is its URL; poll it.",
          "headers": ACCEPTED[202]["headers"], "content": ACCEPTED[202]["content"]},
    200: {"description": "The same job was done already: download its `artefact_url`.",
          "headers": ACCEPTED[202]["headers"], "content": ACCEPTED[202]["content"]}}
POLL_SECONDS = 0.2  # the first look again at a job waited for; then half as long again each time, up to
POLL_MAX = 1.0  # a second (a burst of waiting downloads costs the web workers a few reads a second each)
STATE_TEXT = {"queued": ("排队中", "queued"), "running": ("进行中", "running"), "done": ("完成", "done"),
              "failed": ("失败", "failed"), "cancelled": ("已取消", "cancelled")}


def dispatcher(request: Request) -> jobs.Dispatcher:
    """The app's job dispatcher (made on first use when the app was started without its lifespan)."""
    found: jobs.Dispatcher | None = getattr(request.app.state, "jobs", None)
    if found is None:
        found = request.app.state.jobs = jobs.dispatcher_for(request.app.state.engine)
    return found


def _check(value: str, allowed: tuple[str, ...], field: str) -> str:
    if value not in allowed:
        raise InvalidValue(f"'{value}' is not one of {', '.join(allowed)}", field=field,
                           hint=f"use one of: {', '.join(allowed)}")
    return value


def merchant_export(s: Session, user: store.User, merchant_id: int, what: str, fmt: str, lang: Lang,
                    rev: int | None) -> tuple[str, dict[str, Any], int]:
    """(kind, params, workspace id) of a kit or chart export of a merchant's revision (latest, or `rev`)."""
    _check(what, tuple(EXPORTS), "what")
    _check(fmt, EXPORTS[what], "fmt")
    merchant = store.get_merchant(s, user, merchant_id)
    revision = store.get_revision(s, user, merchant_id, rev) if rev else store.latest_revision(s, user, merchant_id)
    if revision is None:
        raise InvalidValue("the merchant has no team yet", field="merchant_id", hint="save a team first")
    return what, export_params(merchant, revision, what, fmt, lang), merchant.workspace_id


def export_params(merchant: store.Merchant, revision: store.Revision, what: str, fmt: str, lang: Lang) -> dict[str, Any]:
    """The params of a kit or chart job of one revision: the same for the API's export and the page's
    download, so both are one artefact (a chart is named as the page's other chart downloads are)."""
    word = "-团队工具包" if lang == "zh" else "-team-kit"
    name = f"{merchant.name}{word if what == 'kit' else ''}-r{revision.number}.{fmt}"
    return {"document": base_document(merchant, revision), "fmt": fmt, "lang": lang,
            "date": revision.created_at.date().isoformat(), "filename": name}


def batch_export(s: Session, user: store.User, workspace_id: int, what: str, fmt: str, lang: Lang,
                 merchant_ids: list[int] | None) -> dict[str, Any]:
    """The params of an agency batch export: charts (one PDF) or kits (a zip) of all or the chosen merchants
    (those without a team yet are left out)."""
    _check(what, tuple(BATCH), "what")
    _check(fmt, BATCH[what], "fmt")
    workspace = store.get_workspace(s, user, workspace_id)
    chosen = store.list_merchants(s, user, workspace_id)
    if merchant_ids:
        wanted = set(merchant_ids)
        unknown = wanted - {m.id for m in chosen}
        if unknown:
            raise InvalidValue(f"no merchant {min(unknown)} in this workspace", field="merchants")
        chosen = [m for m in chosen if m.id in wanted]
    if len(chosen) > MAX_BATCH:
        raise InvalidValue(f"more than {MAX_BATCH} merchants in one export", field="merchants",
                           hint="choose fewer merchants")
    merchants = []
    for m in chosen:
        revision = store.latest_revision(s, user, m.id)
        if revision is not None:
            merchants.append({"name": m.name, "revision": revision.number, "document": base_document(m, revision),
                              "date": revision.created_at.date().isoformat()})
    if not merchants:
        raise InvalidValue("none of these merchants has a team yet", field="merchants", hint="save a team first")
    today = dt.datetime.now(dt.UTC).date().isoformat()  # on the cover; the same export again today is served at once
    suffix = "pdf" if what == "charts" else "zip"
    word = {"charts": ("架构图汇总", "charts"), "kits": ("团队工具包", "kits")}[what][lang == "en"]
    return {"what": what, "fmt": fmt, "lang": lang, "date": today, "workspace": workspace.name,
            "merchants": merchants, "filename": f"{workspace.name}-{word}-{today}.{suffix}"}


def import_params(filename: str | None, data: bytes, limit: int) -> dict[str, Any]:
    """The params of a big import job: the spreadsheet (CSV or XLSX) and its name."""
    name = Path(filename or "upload.csv").name
    suffix = Path(name).suffix.lower()
    if suffix not in IMPORT_SUFFIXES:
        raise MalformedFile("only .csv and .xlsx files can be imported", file=name,
                            hint="export the sheet from Excel/WPS as .xlsx or .csv")
    if len(data) > limit:
        raise MalformedFile(f"file is over the {limit}-byte upload limit", file=name)
    return {"data": data.hex(), "suffix": suffix, "source": name, "filename": Path(name).stem + ".json"}


def with_workspace_titles(s: Session, user: store.User, plan: dict[str, Any],
                          workspace_id: int | None) -> dict[str, Any]:
    """A staffing job's plan with the titles the workspace taught under its own `titles` (the plan's win),
    so the job reads the roster as the staffing page does (NotFound for a workspace the user is not in)."""
    if workspace_id is None:
        return plan
    store.get_workspace(s, user, workspace_id)
    taught = store.taught_titles(s, workspace_id)
    own = plan.get("titles")
    if not taught or not isinstance(own, dict | None):  # a wrong `titles` is the team check's 422, as sent
        return plan
    return {**plan, "titles": {**taught, **(own if isinstance(own, dict) else {})}}


def cancel_job(s: Session, user: store.User, job_id: int) -> jobs.Job:
    """Cancel a queued or running job its requester asked for (a finished one is left as it is): its worker
    stops at the render's next progress report (jobs/runner.py) and stores nothing."""
    job = jobs.get_job(s, user, job_id)
    if job.user_id != user.id:
        raise store.Forbidden("only who asked for a job can cancel it", field="job_id",
                              hint="start your own export if you no longer need this one")
    now = jobs.models.utcnow()
    s.execute(update(jobs.Job).where(jobs.Job.id == job.id, jobs.Job.state.in_(("queued", "running")))
              .values(state="cancelled", updated_at=now, finished_at=now))
    s.commit()
    s.refresh(job)
    return job


def job_out(job: jobs.Job, lang: Lang) -> dict[str, Any]:
    """A job as JSON: state, progress (numbers and the sentence), attempts, error, and the artefact's URL."""
    unit = UNITS.get(job.unit)
    text = describe(job.done, job.total, unit, lang) if unit and (job.done or job.total) else ""
    state = STATE_TEXT[job.state][lang == "en"]
    return {"id": job.id, "kind": job.kind, "state": job.state, "state_text": state,
            "progress": {"done": job.done, "total": job.total, "unit": job.unit, "text": text},
            "attempts": job.attempts, "error": job.error or None, "filename": job.params.get("filename"),
            "created_at": job.created_at.isoformat(),
            "finished_at": job.finished_at.isoformat() if job.finished_at else None,
            "url": f"/api/v1/jobs/{job.id}", "page": f"/jobs/{job.id}",
            "artefact_url": f"/api/v1/jobs/{job.id}/artefact" if job.state == "done" else None,
            "cancel_url": f"/api/v1/jobs/{job.id}/cancel" if job.state in ("queued", "running") else None}


def is_heavy(what: str, fmt: str) -> bool:
    """Whether a page download of `what` ("kit" or "chart") in `fmt` is made as a job."""
    return fmt in HEAVY.get(what, ())


async def heavy_download(request: Request, db: Session, user: store.User, what: str, params: dict[str, Any],
                         workspace_id: int) -> Response:
    """A page's download of a heavy render (`export_params` of one revision): its export job's artefact, sent
    at once when it exists or (a small team) once the job is done; otherwise a redirect to the job's page
    (module docstring). Every database trip ends its transaction: no connection is held while waiting."""
    job = await run_in_threadpool(_submit, request, db, user, what, params, workspace_id)
    people = params["document"].get("people")
    if job.state != "done" and len(people if isinstance(people, list) else []) <= WAIT_PEOPLE[(what, params["fmt"])]:
        await _wait_for(request, db, job)
    artefact = await run_in_threadpool(_artefact, db, job)
    if artefact is None:
        return redirect(f"/jobs/{job.id}")
    headers = {"content-disposition": f"attachment; filename*=UTF-8''{quote(artefact.filename)}",
               "cache-control": "private, max-age=60"}
    return Response(artefact.data, media_type=artefact.media_type, headers=headers)


async def _wait_for(request: Request, db: Session, job: jobs.Job) -> None:
    """Wait (without holding a thread) until the job is finished or WAIT_SECONDS have passed — not at all when
    nothing runs jobs now (PostgreSQL with no worker's recent heartbeat: `jobs.runs_soon`), so the answer is the
    job at once rather than the same job after WAIT_SECONDS. A client that leaves stops the waiting and takes
    back its ask for the job: cancelled when nobody else asked for it (its render stops at its next page or
    tile), else it goes on for the others (jobs.give_up)."""
    if not await run_in_threadpool(_runs_soon, request, db):
        return
    deadline, pause = time.monotonic() + WAIT_SECONDS, POLL_SECONDS
    while job.state in ("queued", "running") and time.monotonic() < deadline:
        if client_gone():
            cancelled = await run_in_threadpool(jobs.give_up, db, job)
            stop_work(f"waiting for job {job.id} ("
                      + ("cancelled: nobody else asked for it)" if cancelled else "it goes on: someone else asked for it)"))
        await asyncio.sleep(min(pause, max(0.0, deadline - time.monotonic())))
        pause = min(POLL_MAX, pause * 1.5)
        await run_in_threadpool(_reread, db, job)


def _submit(request: Request, db: Session, user: store.User, what: str, params: dict[str, Any],
            workspace_id: int | None) -> jobs.Job:
    job = jobs.submit(db, dispatcher(request), user, what, params, workspace_id)
    db.commit()  # submit returns a job for the key still running without committing its read
    return job


def _runs_soon(request: Request, db: Session) -> bool:
    try:
        return jobs.runs_soon(db, dispatcher(request))
    finally:
        db.commit()  # the read ends its transaction: no connection is held while waiting


def _reread(db: Session, job: jobs.Job) -> None:
    db.refresh(job)
    db.commit()  # a fresh transaction each time: SQLite would show the snapshot of the first read again


def _artefact(db: Session, job: jobs.Job) -> jobs.Artefact | None:
    found = jobs.artefact_of(db, job)
    db.commit()
    return found


async def api_render(request: Request, what: str, params: dict[str, Any],
                     draw: Callable[[], Awaitable[bytes]], workspace_id: int | None = None) -> Response:
    """An API render of a heavy format (module docstring): `draw()` in a render slot for a small team, else
    the job of `params` (`export_params`' shape) — its bytes when done (at once, or within WAIT_SECONDS for
    a team up to API_WAIT_PEOPLE), otherwise 202 with the job."""
    fmt = params["fmt"]
    people = _people(params["document"])
    small = people <= API_WAIT_PEOPLE[(what, fmt)]
    if people <= INLINE_PEOPLE[(what, fmt)]:
        slots: RenderSlots = request.app.state.render_slots
        data = await slots.run_if_free(draw)
        if data is not None:
            return Response(data, media_type=MEDIA[what][fmt])
    db = request.app.state.sessions()
    try:
        job = await run_in_threadpool(_submit_for, request, db, what, params, workspace_id)
        if small and job.state != "done":
            await _wait_for(request, db, job)
        artefact = await run_in_threadpool(_artefact, db, job)
    finally:
        db.close()
    if artefact is not None:
        return Response(artefact.data, media_type=artefact.media_type)
    lang: Lang = "en" if params["lang"] == "en" else "zh"
    return JSONResponse(job_out(job, lang), status_code=202, headers={"location": f"/api/v1/jobs/{job.id}"})


def render_params(document: dict[str, Any], what: str, fmt: str, lang: Lang, date: str) -> dict[str, Any]:
    """The params of a job rendering a posted team document (the API's stateless chart and kit)."""
    word = {"kit": ("团队工具包", "team-kit"), "chart": ("架构图", "org-chart")}[what][lang == "en"]
    return {"document": document, "fmt": fmt, "lang": lang, "date": date, "filename": f"{word}.{fmt}"}


def _people(document: Any) -> int:
    people = document.get("people") if isinstance(document, dict) else None
    return len(people) if isinstance(people, list) else 0


def _submit_for(request: Request, db: Session, what: str, params: dict[str, Any],
                workspace_id: int | None) -> jobs.Job:
    return _submit(request, db, api_user(request, db), what, params, workspace_id)
