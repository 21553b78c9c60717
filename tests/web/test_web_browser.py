"""The web app in a real browser: Debian's Chromium (Playwright) against `douyin-team serve` (uvicorn) on a free port.

Signs up, makes a merchant through the wizard, sees the chart, collapses a group, edits a person, sees a finding
appear, downloads the PNG and the Excel kit, and is refused as an outsider. Screenshots go to test-output/web-*.png.
"""

from __future__ import annotations

import io
from collections.abc import Iterator
from contextlib import ExitStack
from pathlib import Path

import pytest
from browser_support import sign_up
from openpyxl import load_workbook
from PIL import Image
from playwright.sync_api import Browser, Page, expect
from web_server import serve

from conftest import postgres_database

OUT = Path(__file__).resolve().parents[2] / "test-output"


@pytest.fixture(scope="module", params=["sqlite", "postgresql"])
def server(request: pytest.FixtureRequest, tmp_path_factory: pytest.TempPathFactory) -> Iterator[str]:
    """`douyin-team serve --workers 2` on a fresh SQLite file or PostgreSQL database; yields its base URL.

    Two worker processes: sessions, CSRF keys and sign-in counts must live in the database for the journey to work.
    """
    data = tmp_path_factory.mktemp("web-data")
    with ExitStack() as stack:
        url = (f"sqlite:///{data}/web.sqlite" if request.param == "sqlite"
               else stack.enter_context(postgres_database()))
        yield stack.enter_context(serve(url, data))


def shot(page: Page, name: str) -> None:
    OUT.mkdir(exist_ok=True)
    page.screenshot(path=str(OUT / f"web-{name}.png"), full_page=True)


def test_merchant_journey_in_chromium(server: str, browser: Browser, request: pytest.FixtureRequest) -> None:
    database = request.node.callspec.params["server"]
    context = browser.new_context(viewport={"width": 1440, "height": 1000}, accept_downloads=True)
    page = context.new_page()
    errors: list[str] = []
    page.on("pageerror", lambda e: errors.append(str(e)))
    page.on("console", lambda m: errors.append(m.text) if m.type == "error" else None)

    sign_up(page, server, "owner@example.com", "周老板")
    shot(page, f"{database}-workspaces-empty")
    page.fill("input[name=name]", "星火代运营")
    page.click("text=创建")
    page.click("#new-merchant")

    page.fill("input[name=name]", "山野茶铺")
    page.fill("input[name=monthly_sales]", "60000")
    expect(page.locator("#diagnosis-stage")).to_have_text("新手/初创阶段")
    page.fill("input[name=monthly_sales]", "300000")  # the diagnosis follows the answer
    expect(page.locator("#diagnosis-stage")).to_have_text("成长阶段")
    expect(page.locator("#diagnosis-people li")).to_have_count(5)
    page.fill("input[name=live_hours]", "4")
    shot(page, f"{database}-wizard")
    page.click("#create")

    expect(page.locator("h1")).to_contain_text("山野茶铺")
    frame = page.frame_locator("#chart")
    cards = frame.locator(".card")
    expect(cards).to_have_count(5)
    shot(page, f"{database}-team")
    toggle = frame.locator(".toggle").first
    toggle.click()  # collapse the lead's reports
    expect(frame.locator(".card:visible")).to_have_count(1)
    shot(page, f"{database}-team-collapsed")
    toggle.click()
    expect(frame.locator(".card:visible")).to_have_count(5)

    assert page.locator('#findings [data-rule="single-host-dependence"]').count() == 0
    row = page.locator("#roster-form tr", has=page.locator('input[value="助播"]'))
    row.locator("input[name^=roles_]").fill("场控")  # the assistant host stops hosting
    page.fill("input[name=message]", "助播改做场控")
    page.click("#save-roster")
    finding = page.locator('#findings [data-rule="single-host-dependence"]')
    expect(finding).to_have_count(1)
    finding.locator("summary").click()
    expect(finding).to_contain_text("原因")
    shot(page, f"{database}-team-finding")

    with page.expect_download() as download:
        page.click("#download-png")
    png = Path(download.value.path()).read_bytes()
    image = Image.open(io.BytesIO(png))
    assert image.format == "PNG" and image.width > 400
    assert download.value.suggested_filename == "山野茶铺-r2.png"
    with page.expect_download() as download:
        page.click("#download-kit")
    book = load_workbook(io.BytesIO(Path(download.value.path()).read_bytes()))
    assert download.value.suggested_filename == "山野茶铺-团队工具包-r2.xlsx" and len(book.sheetnames) >= 5
    assert any("助播" in str(cell.value) for sheet in book.worksheets for row in sheet.iter_rows() for cell in row)

    page.click("#tab-next")
    expect(page.locator("#roadmap li").first).to_be_visible()
    expect(page.frame_locator("#chart-now").locator(".card")).to_have_count(5)  # both charts interactive
    expect(page.frame_locator("#chart-next").locator(".card").first).to_be_visible()
    assert page.frame_locator("#chart-next").locator(".card").count() > 5
    shot(page, f"{database}-next-stage")
    page.click("#tab-history")
    expect(page.locator("#revisions tbody tr")).to_have_count(2)
    page.click("text=对比所选的两个版本")
    expect(page.locator("#diff")).to_contain_text("助播")
    shot(page, f"{database}-history-compare")
    page.click("#lang-switch")
    expect(page.locator("h1")).to_contain_text("Compare revisions")
    merchant_url = page.url.split("/history")[0]
    assert not errors, errors

    outsider = browser.new_context(viewport={"width": 1200, "height": 800}).new_page()
    sign_up(outsider, server, "outsider@example.com", "外人")
    response = outsider.goto(merchant_url)
    assert response is not None and response.status == 404
    assert "山野茶铺" not in outsider.content()
    shot(outsider, f"{database}-outsider-refused")
    png_url = merchant_url + "/chart.png"
    assert outsider.request.get(png_url).status == 404
    context.close()


def test_api_docs_page_lists_every_operation_offline(server: str, browser: Browser,
                                                     request: pytest.FixtureRequest) -> None:
    """/docs is Swagger UI served by the app itself: it loads under the app's CSP, asks nothing of other hosts,
    and lists every operation of /openapi.json."""
    page = browser.new_page(viewport={"width": 1300, "height": 900})
    errors: list[str] = []
    outside: list[str] = []
    page.on("pageerror", lambda e: errors.append(str(e)))
    page.on("console", lambda m: errors.append(m.text) if m.type == "error" else None)
    page.on("request", lambda r: None if r.url.startswith(server) or r.url.startswith("data:") else outside.append(r.url))
    page.on("response", lambda r: errors.append(f"{r.status} {r.url}") if r.status >= 400 else None)
    page.goto(server + "/docs")
    operations = [(method, path) for path, item in page.request.get(server + "/openapi.json").json()["paths"].items()
                  for method in item]
    blocks = page.locator(".opblock")
    expect(blocks).to_have_count(len(operations))
    expect(page.locator('.opblock-summary-path[data-path="/api/v1/plan"]')).to_have_count(1)
    expect(page.locator(".btn.authorize")).to_be_visible()  # the API token scheme is declared
    shot(page, f"{request.node.callspec.params['server']}-api-docs")
    assert not errors and not outside, (errors, outside)
    page.close()
