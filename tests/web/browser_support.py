"""What the browser suites share: a served app on SQLite or PostgreSQL, signing up, a workspace and a merchant made
through the pages (clicked on a desktop, tapped on a phone), screenshots, phone contexts."""

from __future__ import annotations

import re
from collections.abc import Iterator
from contextlib import ExitStack
from pathlib import Path
from typing import Any

import pytest
from playwright.sync_api import Browser, BrowserContext, Page, expect
from web_server import serve
from web_support import PASSWORD

from conftest import postgres_database

# What a page must show within: Playwright's 5 s default is a fast machine's. On a loaded CI machine the chart's
# frame took longer to draw its cards (two tests failed at 5 s at load 7, and passed alone); a real failure
# still fails, 20 s later.
expect.set_options(timeout=20_000)

OUT = Path(__file__).resolve().parents[2] / "test-output"
PHONE = {"width": 390, "height": 844}


@pytest.fixture(scope="module", params=["sqlite", "postgresql"])
def server(request: pytest.FixtureRequest, tmp_path_factory: pytest.TempPathFactory) -> Iterator[str]:
    """`douyin-team serve --workers 2` on a fresh SQLite file or PostgreSQL database; yields its base URL."""
    data = tmp_path_factory.mktemp("web-data")
    with ExitStack() as stack:
        url = (f"sqlite:///{data}/web.sqlite" if request.param == "sqlite"
               else stack.enter_context(postgres_database()))
        base = stack.enter_context(serve(url, data, job_worker=True))
        DATABASES[base] = url
        yield base


DATABASES: dict[str, str] = {}  # each running test server's database URL, by its base URL


def verify_email(server: str, email: str) -> None:
    """Mark an address verified in the server's database, as opening the mailed verification link would."""
    from sqlalchemy import create_engine, text

    engine = create_engine(DATABASES[server].replace("postgresql://", "postgresql+psycopg://", 1))
    with engine.begin() as connection:
        connection.execute(text("UPDATE users SET email_verified_at = CURRENT_TIMESTAMP WHERE email = :email"),
                           {"email": email})
    engine.dispose()


def database(request: pytest.FixtureRequest) -> str:
    """`sqlite` or `postgresql`: the server parameter of this test."""
    return str(request.node.callspec.params["server"])


def phone(browser: Browser, **options: Any) -> BrowserContext:
    """A phone held upright: 390×844, touch, mobile viewport."""
    return browser.new_context(viewport=PHONE, has_touch=True, is_mobile=True, device_scale_factor=2,
                               accept_downloads=True, **options)


def desktop(browser: Browser, **options: Any) -> BrowserContext:
    """A desktop browser window."""
    return browser.new_context(viewport={"width": 1440, "height": 1000}, accept_downloads=True, **options)


def open_page(browser: Browser, on_phone: bool = False) -> tuple[BrowserContext, Page, list[str]]:
    """A fresh browser (a phone held upright, or a desktop window), its page, and the page's script and console
    errors as they come (`watch`)."""
    context = phone(browser) if on_phone else desktop(browser)
    page = context.new_page()
    return context, page, watch(page)


def watch(page: Page) -> list[str]:
    """Collects the page's script errors and console errors."""
    errors: list[str] = []
    page.on("pageerror", lambda e: errors.append(str(e)))
    page.on("console", lambda m: errors.append(m.text) if m.type == "error" else None)
    return errors


def shot(page: Page, name: str, full_page: bool = True) -> Path:
    """A screenshot in test-output/web-<name>.png."""
    OUT.mkdir(exist_ok=True)
    path = OUT / f"web-{name}.png"
    page.screenshot(path=str(path), full_page=full_page)
    return path


def sign_up(page: Page, server: str, email: str, name: str) -> None:
    """Sign up through the page, then sign in (sign-up itself signs nobody in: it would tell who has an
    account), landing on the workspaces page."""
    page.goto(server + "/signup")
    page.fill("input[name=display_name]", name)
    page.fill("input[name=email]", email)
    page.fill("input[name=password]", PASSWORD)
    page.click("button[type=submit].primary")
    expect(page).to_have_url(server + "/signup/sent")
    sign_in(page, server, email)
    expect(page).to_have_url(server + "/")


def sign_in(page: Page, server: str, email: str) -> None:
    """Sign in through the page."""
    page.goto(server + "/signin")
    page.fill("input[name=email]", email)
    page.fill("input[name=password]", PASSWORD)
    page.click("button[type=submit].primary")
    expect(page).to_have_url(server + "/")


def overflow(page: Page) -> int:
    """How many CSS px the page is wider than its window (0 when nothing scrolls sideways). Measured against the
    layout width (`clientWidth`) and the screen's, not `innerWidth`: a phone browser zooms out a page too wide
    for it, widening `innerWidth` to the page, so that measure would find no overflow on the widest page."""
    return int(page.evaluate("Math.max(document.scrollingElement.scrollWidth - document.documentElement.clientWidth,"
                             " window.innerWidth - screen.width)"))


# What a finger cannot hit well: each visible control under 44×44 px, as "tag#id 'text' W×H". A tickbox or
# radio counts by its label; a link inside running text (a sentence, a list item) is exempt, as WCAG 2.5.5 has it.
SMALL_TARGETS = r"""() => {
  const small = [];
  for (const e of document.querySelectorAll('a[href],button,input,select,summary,textarea')) {
    const style = getComputedStyle(e), own = e.getBoundingClientRect();
    if (e.type === 'hidden' || !own.width || !own.height || style.visibility === 'hidden') continue;
    if (e.tagName === 'A' && style.display === 'inline' && e.closest('p:not(.crumbs),li')) continue;
    const target = (e.type === 'checkbox' || e.type === 'radio') ? e.closest('label') : e;
    const box = target ? target.getBoundingClientRect() : {width: 0, height: 0};
    if (box.width < 44 || box.height < 43.5)
      small.push(`${e.tagName.toLowerCase()}#${e.id || e.name || ''} '${(e.innerText || e.value || '').trim().slice(0, 20)}' ${Math.round(box.width)}x${Math.round(box.height)}`);
  }
  return small;
}"""


def small_targets(page: Page) -> list[str]:
    """The page's visible controls a finger cannot hit well (under 44×44 px), as "tag#id 'text' W×H"."""
    return list(page.evaluate(SMALL_TARGETS))


def press(page: Page, selector: str, tap: bool = False) -> None:
    """Click the element, or tap it as a finger on a phone would."""
    if tap:
        page.tap(selector)
    else:
        page.click(selector)


def enter(page: Page, selector: str, text: str, tap: bool = False) -> None:
    """Fill a field; on a phone, tap it and type on the keyboard (replacing what it held)."""
    if not tap:
        page.fill(selector, text)
        return
    field = page.locator(selector).first
    field.tap()
    field.fill("")
    page.keyboard.type(text)


def make_workspace(page: Page, name: str, tap: bool = False) -> str:
    """From the workspaces page: make a workspace; returns its page's URL."""
    enter(page, "input[name=name]", name, tap)
    press(page, "text=创建", tap)
    expect(page).to_have_url(re.compile(r"/w/\d+$"))
    return page.url


def add_merchant(page: Page, merchant: str = "山野茶铺", sales: str = "300000", tap: bool = False) -> str:
    """From a workspace page: the wizard's name and monthly sales, submitted; returns the team page's URL."""
    press(page, "#new-merchant", tap)
    enter(page, "input[name=name]", merchant, tap)
    enter(page, "input[name=monthly_sales]", sales, tap)
    press(page, "#create", tap)
    expect(page.locator("h1")).to_contain_text(merchant)
    return page.url


def new_merchant(page: Page, server: str, email: str, workspace: str, merchant: str = "山野茶铺",
                 owner: str = "周老板", tap: bool = False) -> str:
    """Sign up as `owner`, make a workspace and a merchant (300,000 CNY a month) through the pages; returns the
    team page's URL."""
    sign_up(page, server, email, owner)
    make_workspace(page, workspace, tap)
    return add_merchant(page, merchant, tap=tap)
