"""The HTML and SVG exports in a real browser: Debian's Chromium driven by Playwright.

Searches, collapses a group, opens a person's duties, and saves screenshots under test-output/."""

from __future__ import annotations

from pathlib import Path

import pytest
from playwright.sync_api import Browser

from douyin_team.chart import ChartOptions, build_chart
from douyin_team.chart.render import render
from douyin_team.planning import plan_team
from douyin_team.team import Person, Profile, Team

OUT = Path(__file__).resolve().parents[2] / "test-output"


def write(tmp_path: Path, name: str, data: str | bytes) -> Path:
    path = tmp_path / name
    path.write_text(data, encoding="utf-8") if isinstance(data, str) else path.write_bytes(data)
    return path


def test_html_search_collapse_and_details(kb, browser: Browser, tmp_path: Path) -> None:  # type: ignore[no-untyped-def]
    team = plan_team(Profile(monthly_sales=2_500_000, merchant="山野茶铺"), kb)
    chart = build_chart(team, kb, "mature", ChartOptions(date="2026-11-24"))
    page = browser.new_page(viewport={"width": 1400, "height": 900})
    errors: list[str] = []
    page.on("pageerror", lambda e: errors.append(str(e)))
    page.on("console", lambda m: errors.append(m.text) if m.type == "error" else None)
    page.goto(write(tmp_path, "team.html", str(render(chart, "html"))).as_uri())
    assert page.title() == "山野茶铺团队架构图"
    assert page.locator(".card").count() == len(chart.cards)
    OUT.mkdir(exist_ok=True)
    page.screenshot(path=str(OUT / "html-mature.png"))

    page.fill("#search", "主播")
    anchors = sum(1 for c in chart.cards if "anchor" in c.roles)
    assert page.locator(".card.hit").count() == anchors and anchors == 2
    assert page.locator(".card.dim").count() == len(chart.cards) - anchors
    page.fill("#search", "")

    live_ops = next(i for i, c in enumerate(chart.cards) if c.roles == ["live_ops"])
    below = [i for i, p in enumerate(chart.parents) if p == live_ops]
    page.locator(f'.toggle[data-card="p{live_ops}"]').click()
    assert all(page.locator(f"#p{i}").is_hidden() for i in below)
    page.screenshot(path=str(OUT / "html-collapsed.png"))
    page.locator(f'.toggle[data-card="p{live_ops}"]').click()
    assert all(page.locator(f"#p{i}").is_visible() for i in below)

    page.locator(f"#p{below[0]}").click()
    panel = page.locator("#panel")
    assert panel.is_visible() and "直播前" in panel.inner_text() and "KPI" in panel.inner_text()
    page.screenshot(path=str(OUT / "html-details.png"))
    assert not errors


def test_hostile_names_stay_text_in_the_browser(kb, browser: Browser, tmp_path: Path) -> None:  # type: ignore[no-untyped-def]
    evil = '<img src=x onerror=alert(1)></script><script>alert(2)</script>'
    team = Team(merchant=evil, people=[Person(name=evil, roles=["team_lead"]),
                                       Person(name='"]; x -->', roles=["anchor"], reports_to=evil)])
    chart = build_chart(team, kb, "growth", ChartOptions(date="x"))
    page = browser.new_page()
    dialogs: list[str] = []
    page.on("dialog", lambda d: (dialogs.append(d.message), d.dismiss()))
    page.goto(write(tmp_path, "evil.html", str(render(chart, "html"))).as_uri())
    page.locator("#p0").click()
    assert evil in page.locator("#panel h2").inner_text()
    assert page.locator("#viewport img").count() == 0 and not dialogs


def test_svg_opens_in_chromium(kb, browser: Browser, tmp_path: Path) -> None:  # type: ignore[no-untyped-def]
    team = plan_team(Profile(monthly_sales=300_000, merchant="山野茶铺"), kb)
    chart = build_chart(team, kb, "growth", ChartOptions(date="2026-11-24"))
    page = browser.new_page(viewport={"width": int(chart.width), "height": int(chart.height)})
    page.goto(write(tmp_path, "team.svg", str(render(chart, "svg"))).as_uri())
    OUT.mkdir(exist_ok=True)
    shot = page.screenshot(path=str(OUT / "svg-growth.png"))
    assert page.locator("svg").first.bounding_box()["width"] == pytest.approx(chart.width, abs=1)  # type: ignore[index]
    assert len(shot) > 10_000


MERMAID = Path(__file__).parents[1] / "js" / "node_modules" / "mermaid" / "dist" / "mermaid.min.js"
MXGRAPH = Path(__file__).parents[1] / "js" / "node_modules" / "mxgraph" / "javascript" / "mxClient.min.js"


@pytest.mark.parametrize("sales", [2_500_000, 300_000])  # the growth plan has an empty group (抖店组)
def test_mermaid_parses_and_draws_our_flowchart(kb, browser: Browser, tmp_path: Path, sales: int) -> None:  # type: ignore[no-untyped-def]
    """The mermaid npm package (installed by scripts/setup.sh --test) parses and renders our text in Chromium."""
    evil = '<script>alert(1)</script>"]; x -->'
    team = plan_team(Profile(monthly_sales=sales, merchant=evil), kb)
    team.people.append(Person(name=evil, roles=["anchor"], reports_to=team.people[0].name))  # a person named so, too
    chart = build_chart(team, kb, team.stage or "", ChartOptions(date="2026-11-24"))
    page = browser.new_page()
    page.set_content("<html><body><div id='out'></div></body></html>")
    page.add_script_tag(path=str(MERMAID))
    result = page.evaluate("""async (text) => {
        mermaid.initialize({startOnLoad: false, securityLevel: 'strict'});
        const ok = await mermaid.parse(text);
        const {svg} = await mermaid.render('chart', text);
        return {ok: !!ok, svg};
    }""", str(render(chart, "mmd")))
    assert result["ok"] and "<svg" in result["svg"]
    assert result["svg"].count('class="node') >= len(chart.cards)
    assert all(f.name in result["svg"] for f in chart.frames)  # every group, the empty ones too


def test_mxgraph_reads_and_draws_our_drawio_file(kb, browser: Browser, tmp_path: Path) -> None:  # type: ignore[no-untyped-def]
    """mxGraph — the library draw.io is built on (npm `mxgraph`, installed by scripts/setup.sh --test) —
    decodes our .drawio model in Chromium, keeps every card, line and position, and draws it."""
    team = plan_team(Profile(monthly_sales=2_500_000, merchant="山野茶铺"), kb)
    team.people.append(Person(name='<img src=x onerror=alert(1)>"]; x -->', roles=["anchor"], reports_to="主播1"))
    chart = build_chart(team, kb, "mature", ChartOptions(date="2026-11-24"))
    page = browser.new_page(viewport={"width": 1400, "height": 900})
    errors: list[str] = []
    page.on("pageerror", lambda e: errors.append(str(e)))
    page.on("dialog", lambda d: (errors.append(d.message), d.dismiss()))
    page.goto(write(tmp_path, "mx.html", "<!doctype html><body><div id='graph' style='width:1400px;height:900px'>"
                    "</div><script>var mxLoadResources = false, mxLoadStylesheets = false;</script>"
                    f"<script src='{MXGRAPH.as_uri()}'></script></body>").as_uri())
    result = page.evaluate("""xml => {
        const doc = mxUtils.parseXml(xml), node = doc.getElementsByTagName('mxGraphModel')[0];
        const graph = new mxGraph(document.getElementById('graph'));
        new mxCodec(doc).decode(node, graph.getModel());
        const cells = Object.values(graph.getModel().cells);
        const cards = cells.filter(c => /^p[0-9]+$/.test(c.id));
        return {cards: cards.map(c => ({id: c.id, value: c.value, x: c.geometry.x, y: c.geometry.y})),
                edges: cells.filter(c => c.edge).map(c => ({source: c.source && c.source.id, target: c.target && c.target.id})),
                drawn: document.querySelectorAll('#graph svg rect, #graph svg path').length};
    }""", str(render(chart, "drawio")))
    assert [c["id"] for c in result["cards"]] == [c.id for c in chart.cards]
    for got, card in zip(result["cards"], chart.cards, strict=True):
        assert got["value"] == "\n".join(t.text for t in card.lines)
        assert (got["x"], got["y"]) == pytest.approx((card.x, card.y))
    reports = [(e.source, e.target) for e in chart.edges if e.kind == "report"]
    assert [(e["source"], e["target"]) for e in result["edges"] if (e["target"] or "").startswith("p")] == reports
    assert result["drawn"] > len(chart.cards) and not errors
    page.screenshot(path=str(OUT / "drawio-mxgraph.png"))


def test_panel_closes_pan_selects_nothing_and_search_zooms(kb, browser: Browser, tmp_path: Path) -> None:  # type: ignore[no-untyped-def]
    team = plan_team(Profile(monthly_sales=2_500_000, merchant="山野茶铺"), kb)
    chart = build_chart(team, kb, "mature", ChartOptions(date="2026-11-24"))
    page = browser.new_page(viewport={"width": 1400, "height": 900})
    errors: list[str] = []
    page.on("pageerror", lambda e: errors.append(str(e)))
    page.goto(write(tmp_path, "team.html", str(render(chart, "html"))).as_uri())
    panel = page.locator("#panel")

    def scale() -> float:
        return float((page.locator("#world").get_attribute("transform") or "").split("scale(")[1].rstrip(")"))

    page.locator("#p1").click()
    expect_visible = panel.is_visible()
    page.click("#close")  # ×
    assert expect_visible and panel.is_hidden()
    page.locator("#p1").click()
    page.keyboard.press("Escape")  # Esc
    assert panel.is_hidden()
    page.locator("#p1").click()
    page.mouse.click(30, 880)  # outside the panel and the cards
    assert panel.is_hidden()

    box = page.locator("#viewport").bounding_box()
    assert box
    before = page.locator("#world").get_attribute("transform")
    page.mouse.move(box["x"] + 200, box["y"] + 200)
    page.mouse.down()
    page.mouse.move(box["x"] + 600, box["y"] + 400, steps=8)  # a drag across the cards' text
    page.mouse.up()
    assert page.locator("#world").get_attribute("transform") != before
    assert page.evaluate("String(getSelection())") == "" and panel.is_hidden()  # no text selected, no panel

    page.click("#fit")
    fitted = scale()
    page.fill("#search", "主播")
    assert scale() > fitted * 1.5  # the match is zoomed to, not a 10 px box centred
    hit = page.locator(".card.hit").first.bounding_box()
    assert hit and hit["width"] > 1400 / 4 * 0.5
    page.screenshot(path=str(OUT / "html-search-zoomed.png"))
    assert not errors
