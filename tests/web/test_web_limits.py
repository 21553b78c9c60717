"""Resource limits on what a web request renders (web/limits.py, issue 17): people per format (422 naming
the limit), a few heavy renders at a time (past those, a job: web/exports.py), and the kit PDF never laid out
in the request: the export job's, by a job process."""

from __future__ import annotations

import asyncio
from typing import Any

import pytest
from fastapi.testclient import TestClient
from web_support import Browser, bearer, make_app

from douyin_team.web.limits import ClientGone, RenderSlots, Watch, watching

pytestmark = pytest.mark.usefixtures("fast_hashing")


def team(people: int) -> dict[str, Any]:
    return {"monthly_sales": 300000, "people": [{"name": "老板", "roles": "老板"}] + [
        {"name": f"主播{i}", "roles": "主播", "reports_to": "老板"} for i in range(people - 1)]}


def leaving(after: float) -> Watch:
    """A request's Watch whose client goes away `after` seconds from now (as middleware.ClientWatch marks it)."""
    watch = Watch("POST", "/api/v1/kit")
    asyncio.get_running_loop().call_later(after, setattr, watch, "gone", True)
    return watch


def test_people_over_the_limit_of_a_format_is_a_422_naming_it(engine: Any) -> None:
    app = make_app(engine)
    client, headers = TestClient(app), bearer(Browser(app).sign_up("a@example.com").api_token())
    for url, people, limit in (("/api/v1/chart?format=png", 2_001, 2_000), ("/api/v1/kit?format=pdf", 301, 300),
                               ("/api/v1/kit?format=xlsx", 1_001, 1_000)):
        answer = client.post(url, json=team(people), headers=headers)
        assert answer.status_code == 422, url
        error = answer.json()["error"]
        assert error["field"] == "people" and f"最多{limit}人" in error["message"]
    assert client.post("/api/v1/chart?format=svg", json=team(2_001), headers=headers).status_code == 200
    rooms = client.post("/api/v1/kit?format=pdf", json={**team(1), "rooms": 27}, headers=headers)  # Schemathesis' find
    assert rooms.status_code == 422 and rooms.json()["error"]["field"] == "rooms"
    assert "最多10个直播间" in rooms.json()["error"]["message"]


def test_the_apis_kit_pdf_is_laid_out_by_a_job_process_never_in_the_request(
        engine: Any, monkeypatch: pytest.MonkeyPatch) -> None:
    """Even a 3-person kit PDF is the export job's, drawn by a pool process (at a low priority) while the
    request waits on the event loop: nothing is laid out in the web process, no child is started for it."""
    import os

    from sqlalchemy import select
    from sqlalchemy.orm import Session

    from douyin_team import jobs, progress
    from douyin_team.web import exports

    monkeypatch.setenv("DOUYIN_TEAM_JOBS", "local")
    monkeypatch.setenv("DOUYIN_TEAM_JOB_PROCESSES", "1")
    monkeypatch.setattr(exports, "WAIT_SECONDS", 600.0)  # however busy the machine: this is about where, not when
    drawn_here: list[str] = []
    real = progress.report
    monkeypatch.setattr(progress, "report", lambda d, t, w: (drawn_here.append(w.en), real(d, t, w))[1])
    started: list[Any] = []
    monkeypatch.setattr(asyncio, "create_subprocess_exec", lambda *a, **k: started.append(a))
    app = make_app(engine)
    with TestClient(app) as client:
        headers = bearer(Browser(app).sign_up("a@example.com").api_token())
        answer = client.post("/api/v1/kit?format=pdf", json=team(3), headers=headers)
        assert answer.status_code == 200 and answer.content.startswith(b"%PDF-")
        with Session(engine) as s:
            (job,) = s.scalars(select(jobs.Job)).all()
            assert (job.kind, job.state, job.params["fmt"]) == ("kit", "done", "pdf")
            assert job.worker and not job.worker.endswith(f":{os.getpid()}")
    assert drawn_here == [] and started == []


def test_render_slots_drop_a_gone_client_and_give_way_when_busy() -> None:
    """A slot taken: a waiting request whose client leaves is dropped; one that finds no slot within its wait
    gets None (the route then makes it a job, web/exports.py), its work not started; a free slot runs it."""
    async def scenario() -> None:
        slots = RenderSlots(1)
        release = asyncio.Event()
        started: list[str] = []

        async def hold() -> str:
            started.append("hold")
            await release.wait()
            return "done"

        async def quick() -> str:
            started.append("quick")
            return "quick"

        holder = asyncio.ensure_future(slots.run_if_free(hold))
        await asyncio.sleep(0.05)
        with watching(leaving(0.3)), pytest.raises(ClientGone, match="waiting for a render slot"):
            await slots.run_if_free(quick, wait=30)
        assert await slots.run_if_free(quick, wait=0.3) is None
        assert started == ["hold"]  # neither waiting request's work was started
        release.set()
        assert await holder == "done"
        assert await slots.run_if_free(quick) == "quick"

    asyncio.run(scenario())


def test_a_form_over_starlettes_field_limit_is_a_422_in_the_readers_language(engine: Any) -> None:
    """A long roster saved before the page's script was ready posts as a plain form of some 20,000 fields:
    Starlette refuses it in English; the page says it in Chinese (or English) with what to do, and nothing is
    saved."""
    app = make_app(engine)
    browser = Browser(app).sign_up("a@example.com")
    merchant = browser.merchant(browser.workspace())
    form = {"rows": "600", "message": "改"} | {f"name_{i}": f"员工{i}" for i in range(6001)}
    answer = browser.post(f"/m/{merchant}/roster", form)
    assert answer.status_code == 422
    assert "表单超过6000个字段（提示：返回上一页，等页面加载完再点保存" in answer.text
    assert "Too many fields" not in answer.text
    english = browser.post(f"/m/{merchant}/roster?lang=en", form)
    assert english.status_code == 422 and "the form has more than 6000 fields" in english.text
    assert "版本 2" not in browser.get(f"/m/{merchant}").text  # nothing saved
