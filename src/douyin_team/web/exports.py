"""Exports as jobs: the parameters of a merchant's kit or chart job, of an agency's batch export, and a
job as the API and the pages show it (state, progress "第12页，共70页", the artefact's URL)."""

from __future__ import annotations

import datetime as dt
from pathlib import Path
from typing import Any

from fastapi import Request
from sqlalchemy import update
from sqlalchemy.orm import Session

from .. import jobs, store
from ..errors import InvalidValue, MalformedFile
from ..progress import UNITS, describe
from ..text import Lang
from .teamview import base_document

EXPORTS = {"kit": ("xlsx", "pdf", "md", "html"), "chart": ("png", "pdf", "svg")}
BATCH = {"charts": ("pdf",), "kits": ("pdf", "xlsx", "md", "html")}
MAX_BATCH = 500
IMPORT_SUFFIXES = (".csv", ".xlsx")
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
    word = ("团队工具包" if lang == "zh" else "team-kit") if what == "kit" else ("架构图" if lang == "zh" else "chart")
    params = {"document": base_document(merchant, revision), "fmt": fmt, "lang": lang,
              "date": revision.created_at.date().isoformat(), "filename": f"{merchant.name}-{word}-r{revision.number}.{fmt}"}
    return what, params, merchant.workspace_id


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
