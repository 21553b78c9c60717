"""Jobs over HTTP (routers/api_jobs.py, routers/pages_jobs.py): POST …/exports answers with a job at once,
GET /api/v1/jobs/{id} shows state and progress, the artefact downloads, a repeat is served from the store,
and the pages start exports and show them — on SQLite and PostgreSQL, jobs in the local pool."""

from __future__ import annotations

import os
import time
from collections.abc import Iterator
from typing import Any
from urllib.parse import unquote

import pytest
from fastapi.testclient import TestClient
from web_support import Browser, bearer, make_app


@pytest.fixture
def site(engine: Any, monkeypatch: pytest.MonkeyPatch, fast_hashing: None) -> Iterator[dict[str, Any]]:
    """The app with its lifespan (the local job pool started), a signed-up owner with a merchant and a token."""
    monkeypatch.setenv("DOUYIN_TEAM_JOBS", "local")
    monkeypatch.setenv("DOUYIN_TEAM_JOB_PROCESSES", "1")
    app = make_app(engine)
    with TestClient(app) as client:
        browser = Browser(app).sign_up("jobs@example.com", "导出")
        workspace = browser.workspace()
        merchant = browser.merchant(workspace)
        yield {"client": client, "headers": bearer(browser.api_token()), "browser": browser,
               "workspace": workspace, "merchant": merchant, "app": app}


def finished(client: TestClient, url: str, headers: dict[str, str]) -> dict[str, Any]:
    deadline = time.monotonic() + 120
    while True:
        job: dict[str, Any] = client.get(url, headers=headers).json()
        if job["state"] in ("done", "failed") or time.monotonic() > deadline:
            return job
        time.sleep(0.3)


def test_an_export_is_a_job_with_progress_then_a_download_served_again_at_once(site: dict[str, Any]) -> None:
    client, headers = site["client"], site["headers"]
    started = client.post(f"/api/v1/merchants/{site['merchant']}/exports", json={"what": "kit", "fmt": "pdf"},
                          headers=headers)
    assert started.status_code == 202, started.text
    job = started.json()
    assert job["state"] in ("queued", "running") and job["artefact_url"] is None
    assert started.headers["location"] == job["url"] == f"/api/v1/jobs/{job['id']}"
    early = client.get(f"/api/v1/jobs/{job['id']}/artefact", headers=headers)
    assert early.status_code in (409, 200)
    done = finished(client, job["url"], headers)
    assert done["state"] == "done", done
    assert done["progress"]["unit"] == "pages" and done["progress"]["text"].endswith("页")
    assert done["progress"]["done"] == done["progress"]["total"] > 1
    download = client.get(done["artefact_url"], headers=headers)
    assert download.status_code == 200 and download.content.startswith(b"%PDF")
    assert unquote(download.headers["content-disposition"]).endswith("山野茶铺-团队工具包-r1.pdf")
    again = client.post(f"/api/v1/merchants/{site['merchant']}/exports", json={"what": "kit", "fmt": "pdf"},
                        headers=headers)
    assert again.status_code == 200 and again.json()["state"] == "done"  # from the store, nothing rendered
    assert client.get(again.json()["artefact_url"], headers=headers).content == download.content


def test_bad_exports_are_422_and_other_peoples_jobs_404(site: dict[str, Any], engine: Any) -> None:
    client, headers = site["client"], site["headers"]
    bad = client.post(f"/api/v1/merchants/{site['merchant']}/exports", json={"what": "kit", "fmt": "docx"},
                      headers=headers)
    assert bad.status_code == 422 and bad.json()["error"]["field"] == "fmt"
    job = client.post(f"/api/v1/merchants/{site['merchant']}/exports", json={"what": "chart", "fmt": "svg"},
                      headers=headers).json()
    other = Browser(site["app"]).sign_up("other@example.com")
    stranger = bearer(other.api_token())
    assert client.get(job["url"], headers=stranger).status_code == 404
    assert client.get(f"/api/v1/jobs/{job['id']}/artefact", headers=stranger).status_code == 404
    assert client.get("/api/v1/jobs/99999", headers=headers).status_code == 404
    assert client.get(job["url"]).status_code == 401


def test_batch_staffing_and_import_jobs(site: dict[str, Any]) -> None:
    from pathlib import Path

    client, headers = site["client"], site["headers"]
    site["browser"].merchant(site["workspace"], "第二家", "2500000")
    batch = client.post(f"/api/v1/workspaces/{site['workspace']}/exports", json={"what": "kits", "fmt": "xlsx"},
                        headers=headers).json()
    done = finished(client, batch["url"], headers)
    assert done["state"] == "done" and done["progress"]["text"] == "第2个，共2个商家"
    import io
    import zipfile

    names = zipfile.ZipFile(io.BytesIO(client.get(done["artefact_url"], headers=headers).content)).namelist()
    assert sorted(names) == ["山野茶铺-团队工具包-r1.xlsx", "第二家-团队工具包-r1.xlsx"]
    examples = Path(__file__).resolve().parents[2] / "examples"
    upload = {"file": ("team.csv", (examples / "team.csv").read_bytes(), "text/csv")}
    imported = finished(client, client.post("/api/v1/imports", files=upload, headers=headers).json()["url"], headers)
    assert imported["state"] == "done", imported
    document = client.get(imported["artefact_url"], headers=headers).json()
    assert document["people"] and all("name" in p for p in document["people"])


def test_pages_start_exports_and_show_the_job(site: dict[str, Any]) -> None:
    browser = site["browser"]
    team = browser.get(f"/m/{site['merchant']}")
    assert 'id="job-exports"' in team.text and "/static/jobs.js" in team.text
    started = browser.post(f"/m/{site['merchant']}/exports", {"what": "chart", "fmt": "png", "rev": "1"})
    assert started.status_code == 303 and started.headers["location"].startswith("/jobs/")
    job_id = int(started.headers["location"].rsplit("/", 1)[1])
    finished(site["client"], f"/api/v1/jobs/{job_id}", site["headers"])
    page = browser.get(f"/jobs/{job_id}")
    assert page.status_code == 200 and "完成" in page.text and f"/api/v1/jobs/{job_id}/artefact" in page.text
    workspace = browser.get(f"/w/{site['workspace']}")
    assert 'id="batch-export"' in workspace.text
    batch = browser.post(f"/w/{site['workspace']}/exports", {"what": "charts", "fmt": "pdf"})
    assert batch.status_code == 303
    assert browser.client.get("/static/jobs.js").status_code == 200


HEAVY_DOWNLOADS = [("kit.pdf", "application/pdf", b"%PDF", "山野茶铺-团队工具包-r1.pdf"),
                   ("kit.xlsx", "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet", b"PK",
                    "山野茶铺-团队工具包-r1.xlsx"),
                   ("chart.png", "image/png", b"\x89PNG", "山野茶铺-r1.png"),
                   ("chart.pdf", "application/pdf", b"%PDF", "山野茶铺-r1.pdf")]


def test_page_downloads_of_heavy_renders_are_the_api_export_jobs_drawn_by_the_job_processes(
        site: dict[str, Any], monkeypatch: pytest.MonkeyPatch) -> None:
    from sqlalchemy import select
    from sqlalchemy.orm import Session

    from douyin_team import jobs, progress
    from douyin_team.web import exports

    monkeypatch.setattr(exports, "WAIT_SECONDS", 600.0)  # however busy the machine: this is about where, not when
    drawn_here: list[str] = []  # progress reports made in this process (the web app's): none for a heavy render
    real = progress.report
    monkeypatch.setattr(progress, "report", lambda d, t, w: (drawn_here.append(w.en), real(d, t, w))[1])
    browser, client, headers, merchant = site["browser"], site["client"], site["headers"], site["merchant"]
    made = {}
    for path, media, magic, name in HEAVY_DOWNLOADS:
        got = browser.get(f"/m/{merchant}/{path}?rev=1")  # a small team: the job is waited for, then sent
        assert got.status_code == 200, (path, got.status_code, got.headers.get("location"))
        assert got.headers["content-type"] == media and got.content.startswith(magic)
        assert unquote(got.headers["content-disposition"]) == f"attachment; filename*=UTF-8''{name}"
        made[path] = got.content
    assert drawn_here == []
    with Session(site["app"].state.engine) as s:
        rows = s.scalars(select(jobs.Job).order_by(jobs.Job.id)).all()
        assert [(r.kind, r.params["fmt"], r.state) for r in rows] == [
            ("kit", "pdf", "done"), ("kit", "xlsx", "done"), ("chart", "png", "done"), ("chart", "pdf", "done")]
        assert all(not r.worker.endswith(f":{os.getpid()}") for r in rows)  # drawn by a pool process
    # One artefact for the page and the API: the API's export of the same revision is done at once, same bytes.
    again = client.post(f"/api/v1/merchants/{merchant}/exports", json={"what": "kit", "fmt": "pdf", "revision": 1},
                        headers=headers)
    assert again.status_code == 200 and again.json()["state"] == "done"
    assert client.get(again.json()["artefact_url"], headers=headers).content == made["kit.pdf"]
    assert browser.get(f"/m/{merchant}/kit.pdf").content == made["kit.pdf"]  # latest revision: the same, at once
    from douyin_team.jobs.kinds import kit_bytes

    kit_job = rows[0].params  # what the page's download asked the job processes for: the job's own function
    assert made["kit.pdf"] == kit_bytes(kit_job["document"], "pdf", kit_job["lang"], kit_job["date"])
    light = browser.get(f"/m/{merchant}/chart.svg?download=1")  # text formats are still drawn in the request
    assert light.status_code == 200 and light.content.lstrip().startswith(b"<")


def test_a_big_teams_page_download_goes_to_its_job_page_then_downloads(site: dict[str, Any],
                                                                        monkeypatch: pytest.MonkeyPatch) -> None:
    from douyin_team.web import exports

    monkeypatch.setitem(exports.WAIT_PEOPLE, ("kit", "pdf"), 3)  # this team's 6 people count as big
    browser, client, headers, merchant = site["browser"], site["client"], site["headers"], site["merchant"]
    started = browser.get(f"/m/{merchant}/kit.pdf?rev=1")
    assert started.status_code == 303 and started.headers["location"].startswith("/jobs/")
    job_id = int(started.headers["location"].rsplit("/", 1)[1])
    page = browser.get(started.headers["location"])
    assert page.status_code == 200 and f'data-url="/api/v1/jobs/{job_id}"' in page.text  # polled by jobs.js
    assert "取消任务" in page.text or "完成" in page.text
    done = finished(client, f"/api/v1/jobs/{job_id}", headers)
    assert done["state"] == "done" and done["progress"]["text"] == f"第{done['progress']['total']}页，共" \
        f"{done['progress']['total']}页"
    assert f"/api/v1/jobs/{job_id}/artefact" in browser.get(f"/jobs/{job_id}").text
    download = browser.get(f"/api/v1/jobs/{job_id}/artefact")  # the job page's link, with the session cookie
    assert download.status_code == 200 and download.content.startswith(b"%PDF")
    again = browser.get(f"/m/{merchant}/kit.pdf?rev=1")  # made now: the page's link sends it at once
    assert again.status_code == 200 and again.content == download.content
    assert browser.get(f"/m/{merchant}/kit.docx").status_code == 404
    assert browser.get(f"/m/{merchant}/kit.pdf?rev=9").status_code == 404


API_RENDERS = [("/api/v1/chart?format=png", ("chart", "png"), b"\x89PNG"),
               ("/api/v1/kit?format=xlsx", ("kit", "xlsx"), b"PK")]


def test_the_apis_big_renders_are_jobs_answered_202_with_their_location(site: dict[str, Any],
                                                                       monkeypatch: pytest.MonkeyPatch) -> None:
    """POST /api/v1/chart and /kit and GET …/chart of a team over API_WAIT_PEOPLE: 202 at once with the job
    (Location its URL), whose artefact is the file; asked again, the file at once."""
    from douyin_team.web import exports
    from samples import big_team

    client, headers, merchant = site["client"], site["headers"], site["merchant"]
    team = big_team(6)
    for url, what, magic in API_RENDERS:
        monkeypatch.setitem(exports.INLINE_PEOPLE, what, 3)  # these 6 people count as a big team
        monkeypatch.setitem(exports.API_WAIT_PEOPLE, what, 3)
        answer = client.post(url, json=team, headers=headers)
        assert answer.status_code == 202, (url, answer.text[:300])
        job = answer.json()
        assert answer.headers["location"] == job["url"] == f"/api/v1/jobs/{job['id']}"
        assert job["kind"] == what[0] and job["state"] in ("queued", "running", "done")
        done = finished(client, job["url"], headers)
        assert done["state"] == "done", done
        data = client.get(done["artefact_url"], headers=headers).content
        assert data.startswith(magic)
        again = client.post(url, json=team, headers=headers)  # made now: the file itself, at once
        assert again.status_code == 200 and again.content == data
        assert again.headers["content-type"] == exports.MEDIA[what[0]][what[1]]
    monkeypatch.setitem(exports.INLINE_PEOPLE, ("chart", "pdf"), 3)
    monkeypatch.setitem(exports.API_WAIT_PEOPLE, ("chart", "pdf"), 3)
    saved = client.put(f"/api/v1/merchants/{merchant}/team", json={"document": team, "base_revision": 1},
                       headers=headers)
    assert saved.status_code in (200, 201), saved.text
    answer = client.get(f"/api/v1/merchants/{merchant}/chart?format=pdf", headers=headers)
    assert answer.status_code == 202 and answer.json()["filename"] == "山野茶铺-r2.pdf"  # the page download's job
    done = finished(client, answer.headers["location"], headers)
    artefact = client.get(done["artefact_url"], headers=headers).content
    assert artefact.startswith(b"%PDF") and site["browser"].get(f"/m/{merchant}/chart.pdf?rev=2").content == artefact
    assert client.get(f"/api/v1/merchants/{merchant}/chart?format=pdf", headers=headers).content == artefact


def test_a_small_render_that_finds_every_slot_taken_is_made_by_a_job(site: dict[str, Any],
                                                                    monkeypatch: pytest.MonkeyPatch) -> None:
    """No render slot free within SLOT_TRY: the small PNG is drawn by a job process, waited for on the event loop
    and sent as before — the same bytes as drawn in the request."""
    from sqlalchemy import select
    from sqlalchemy.orm import Session

    from douyin_team import jobs
    from douyin_team.web import exports, limits

    client, headers = site["client"], site["headers"]
    team = {"monthly_sales": 300000, "people": [{"name": "老板", "roles": "老板"}]}
    drawn = client.post("/api/v1/chart?format=png&date=2026-12-01", json=team, headers=headers)
    assert drawn.status_code == 200 and drawn.content.startswith(b"\x89PNG")
    monkeypatch.setattr(limits, "SLOT_TRY", 0.05)
    monkeypatch.setattr(exports, "WAIT_SECONDS", 600.0)  # however busy the machine: this is about where, not when
    site["app"].state.render_slots = limits.RenderSlots(0)  # every slot taken
    busy = client.post("/api/v1/chart?format=png&date=2026-12-01", json=team, headers=headers)
    assert busy.status_code == 200 and busy.content == drawn.content
    with Session(site["app"].state.engine) as s:
        (row,) = s.scalars(select(jobs.Job)).all()
        assert (row.kind, row.params["fmt"], row.state) == ("chart", "png", "done")
        assert not row.worker.endswith(f":{os.getpid()}")  # drawn by a pool process, not in the request


def test_the_apis_kit_pdf_is_the_export_jobs_document(site: dict[str, Any], monkeypatch: pytest.MonkeyPatch) -> None:
    """POST /api/v1/kit?format=pdf (laid out by a job process while the request waits) and the export job's kit
    PDF of the same team are one document: the same bytes — the chart's vector pages, every page numbered k / N."""
    import io

    import pypdf
    from sqlalchemy.orm import Session

    from douyin_team import jobs
    from douyin_team.web import exports

    monkeypatch.setattr(exports, "WAIT_SECONDS", 600.0)  # however busy the machine: this is about what, not when

    client, headers = site["client"], site["headers"]
    job = client.post(f"/api/v1/merchants/{site['merchant']}/exports", json={"what": "kit", "fmt": "pdf"},
                      headers=headers).json()
    done = finished(client, job["url"], headers)
    assert done["state"] == "done", done
    from_job = client.get(done["artefact_url"], headers=headers).content
    with Session(site["app"].state.engine) as s:
        params = s.get(jobs.Job, job["id"]).params  # type: ignore[union-attr]
    answer = client.post(f"/api/v1/kit?format=pdf&date={params['date']}", json=params["document"], headers=headers)
    assert answer.status_code == 200 and answer.headers["content-type"] == "application/pdf"
    assert answer.content == from_job
    pages = [page.extract_text() for page in pypdf.PdfReader(io.BytesIO(answer.content)).pages]
    assert all(text.rstrip().endswith(f"{k} / {len(pages)}") for k, text in enumerate(pages, 1))
    chart = client.post(f"/api/v1/chart?format=pdf&date={params['date']}", json=params["document"], headers=headers)
    chart_pages = [page.extract_text().strip() for page in pypdf.PdfReader(io.BytesIO(chart.content)).pages]
    # The chart's own vector pages are in the kit (their invisible text layer read back), not a picture of it.
    assert chart_pages and all(text and any(text in page for page in pages) for text in chart_pages)


def test_the_openapi_description_says_the_renders_may_answer_202_with_a_job(site: dict[str, Any]) -> None:
    paths = site["client"].get("/openapi.json").json()["paths"]
    for path, method in (("/api/v1/chart", "post"), ("/api/v1/kit", "post"),
                         ("/api/v1/merchants/{merchant_id}/chart", "get")):
        accepted = paths[path][method]["responses"]["202"]
        assert "Location" in accepted["headers"], path
        job = accepted["content"]["application/json"]["schema"]
        assert {"id", "state", "progress", "url"} <= set(job["required"]) and "artefact_url" in job["properties"]


def test_a_chart_export_names_the_seats_in_the_readers_language(site: dict[str, Any]) -> None:
    """Issue #15: an English chart export (PDF, SVG, PNG: the API's export and the page's button) of a plan made on a
    Chinese page names its seats in English (Host, not 主播), a Chinese one keeps 主播; two artefacts of one
    revision."""
    import io

    import pypdf
    from sqlalchemy.orm import Session

    from douyin_team import jobs
    from douyin_team.jobs.kinds import chart_bytes

    client, headers, merchant, browser = site["client"], site["headers"], site["merchant"], site["browser"]

    def export(fmt: str, lang: str) -> tuple[dict[str, Any], bytes]:
        started = client.post(f"/api/v1/merchants/{merchant}/exports?lang={lang}", json={"what": "chart", "fmt": fmt},
                              headers=headers)
        assert started.status_code in (200, 202), started.text
        done = finished(client, started.json()["url"], headers)
        assert done["state"] == "done", done
        return done, client.get(done["artefact_url"], headers=headers).content

    def pdf_text(data: bytes) -> str:
        return "".join(page.extract_text() for page in pypdf.PdfReader(io.BytesIO(data)).pages)

    english_job, english = export("pdf", "en")
    chinese_job, chinese = export("pdf", "zh")
    assert "Host" in pdf_text(english) and "Team lead" in pdf_text(english)
    assert "主播" not in pdf_text(english) and "负责人" not in pdf_text(english)
    assert "主播" in pdf_text(chinese) and "Host" not in pdf_text(chinese)
    with Session(site["app"].state.engine) as s:
        keys = {s.get(jobs.Job, j["id"]).key for j in (english_job, chinese_job)}  # type: ignore[union-attr]
    assert len(keys) == 2  # one revision, two languages: two artefacts
    svg = export("svg", "en")[1].decode()
    assert "Host (to hire)" in svg and "主播" not in svg
    png_job, png = export("png", "en")
    with Session(site["app"].state.engine) as s:
        params = s.get(jobs.Job, png_job["id"]).params  # type: ignore[union-attr]
    source = chart_bytes(params["document"], "svg", params["lang"], params["date"]).decode()  # what the PNG draws
    assert params["lang"] == "en" and "Host (to hire)" in source and "主播" not in source
    assert png == chart_bytes(params["document"], "png", "en", params["date"])
    assert png != chart_bytes(params["document"], "png", "zh", params["date"])
    started = browser.post(f"/m/{merchant}/exports?lang=en", {"what": "chart", "fmt": "pdf", "rev": "1"})
    assert started.status_code == 303  # the team page's export button, read in English: the same artefact
    job = finished(client, f"/api/v1/jobs/{started.headers['location'].rsplit('/', 1)[1]}", headers)
    assert client.get(job["artefact_url"], headers=headers).content == english
