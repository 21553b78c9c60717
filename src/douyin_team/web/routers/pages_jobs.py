"""Pages of jobs: start an export from a form (a merchant's kit or chart, an agency's batch export) and the
job's own page, which shows its state and progress and, once done, the download (static/jobs.js polls the
API; without scripts the page reloads itself every two seconds until the job is finished)."""

from __future__ import annotations

from fastapi import APIRouter, Depends, Request
from fastapi.responses import Response

from ... import jobs
from ..deps import DbDep, FormDep, Id, LangDep, PageUserDep, form_id, form_text, verify_csrf
from ..exports import batch_export, cancel_job, dispatcher, job_out, merchant_export
from ..pages import page, redirect

router = APIRouter(dependencies=[Depends(verify_csrf)], include_in_schema=False)


@router.post("/m/{merchant_id}/exports", response_model=None)
def export_merchant(request: Request, merchant_id: Id, form: FormDep, db: DbDep, user: PageUserDep,
                    lang: LangDep) -> Response:
    """Start a kit or chart export of the merchant's team (the form's what, fmt and rev); go to the job."""
    kind, params, workspace_id = merchant_export(db, user, merchant_id, form_text(form, "what", 10) or "kit",
                                                 form_text(form, "fmt", 10) or "pdf", lang, form_id(form.get("rev")))
    return redirect(f"/jobs/{jobs.submit(db, dispatcher(request), user, kind, params, workspace_id).id}")


@router.post("/w/{workspace_id}/exports", response_model=None)
def export_workspace(request: Request, workspace_id: Id, form: FormDep, db: DbDep, user: PageUserDep,
                     lang: LangDep) -> Response:
    """Start a batch export of the workspace's merchants (all, or those ticked); go to the job."""
    chosen = [i for i in (form_id(v) for v in form.getlist("merchant")) if i is not None]
    params = batch_export(db, user, workspace_id, form_text(form, "what", 10) or "charts",
                          form_text(form, "fmt", 10) or "pdf", lang, chosen or None)
    return redirect(f"/jobs/{jobs.submit(db, dispatcher(request), user, 'batch', params, workspace_id).id}")


@router.get("/jobs/{job_id}")
def job_page(request: Request, job_id: Id, db: DbDep, user: PageUserDep, lang: LangDep) -> Response:
    """A job's state and progress, and the download once it is done."""
    job = jobs.get_job(db, user, job_id)
    return page(request, "job.html", user=user, job=job_out(job, lang), mine=job.user_id == user.id)


@router.post("/jobs/{job_id}/cancel", response_model=None)
def cancel(job_id: Id, db: DbDep, user: PageUserDep) -> Response:
    """The job page's cancel button: stop the job (it stores nothing), then show it again."""
    cancel_job(db, user, job_id)
    return redirect(f"/jobs/{job_id}")
