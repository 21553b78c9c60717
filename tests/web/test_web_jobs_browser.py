"""Jobs in a real browser: Chromium against `douyin-team serve` on SQLite (jobs in its local pool) — the
team page's button starts a kit job, static/jobs.js shows its state and progress and then the download; the
workspace page starts a batch export of its merchants."""

from __future__ import annotations

from collections.abc import Iterator
from pathlib import Path

import pytest
from browser_support import new_merchant
from playwright.sync_api import Browser, expect
from web_server import serve


@pytest.fixture(scope="module")
def server(tmp_path_factory: pytest.TempPathFactory) -> Iterator[str]:
    data = tmp_path_factory.mktemp("jobs-web")
    with serve(f"sqlite:///{data}/web.sqlite", data) as url:
        yield url


def test_a_kit_job_shows_progress_then_downloads(server: str, browser: Browser, tmp_path: Path) -> None:
    context = browser.new_context(accept_downloads=True)
    page = context.new_page()
    errors: list[str] = []
    page.on("pageerror", lambda e: errors.append(str(e)))
    new_merchant(page, server, "jobs@example.com", "星火代运营")

    page.wait_for_load_state("load")  # jobs.js is deferred: before it runs, the button posts the plain form
    page.click("#job-kit-pdf")
    status = page.locator("#job-exports .job-status").first
    expect(status.locator(".job-state")).to_have_text("完成", timeout=120_000)
    expect(status.locator(".job-progress")).to_contain_text("页")
    link = status.locator(".job-download")
    expect(link).to_be_visible()
    with page.expect_download() as download:
        link.click()
    saved = tmp_path / "kit.pdf"
    download.value.save_as(saved)
    assert saved.read_bytes().startswith(b"%PDF")

    page.click("text=商家")  # back to the workspace (the crumbs)
    page.wait_for_load_state("load")
    page.click("#batch-export-start")
    batch = page.locator("#batch-export .job-status").first
    expect(batch.locator(".job-state")).to_have_text("完成", timeout=120_000)
    expect(batch.locator(".job-progress")).to_have_text("第1个，共1个商家")
    assert errors == []
    context.close()
