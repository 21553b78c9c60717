"""The chart's title and subtitle wrap to its width (issue #15), in every format the chart writes, and long
names, posts and department names stay inside their boxes.

Geometry first (lines within the canvas, how many, … only past the cap, no line starting with a closing
mark), then each format's output read back by a real client: XML parsers for SVG and draw.io, Graphviz for
DOT, Pillow for PNG, poppler for PDF, Mermaid and mxGraph in Chromium."""

from __future__ import annotations

import io
import math
import subprocess
import xml.etree.ElementTree as ET
from html import escape
from pathlib import Path

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st
from PIL import Image
from playwright.sync_api import Browser

from douyin_team.chart import Chart, ChartOptions, build_chart
from douyin_team.chart.fonts import find_face
from douyin_team.chart.header import TEXT_X, TITLE_LINES, TITLE_ROOM
from douyin_team.chart.linebreak import ELLIPSIS, NO_END, NO_START, fit
from douyin_team.chart.render import render
from douyin_team.planning import plan_team
from douyin_team.team import Person, Profile, Team

OUT = Path(__file__).resolve().parents[2] / "test-output"
SVG = "{http://www.w3.org/2000/svg}"
LONG = "山野茶铺旗舰店（杭州西湖区龙井村总店）抖音电商直播运营团队组织架构图第二版"  # the title of the issue
REGULAR, BOLD = find_face(), find_face(bold=True)
MERMAID = Path(__file__).parents[1] / "js" / "node_modules" / "mermaid" / "dist" / "mermaid.min.js"
MXGRAPH = Path(__file__).parents[1] / "js" / "node_modules" / "mxgraph" / "javascript" / "mxClient.min.js"


def novice(kb, title: str | None = None, date: str = "2026-12-07") -> Chart:  # type: ignore[no-untyped-def]
    """The chart of the issue: `plan --sales 30000`, two people."""
    team = plan_team(Profile(monthly_sales=30_000, merchant="山野茶铺"), kb)
    return build_chart(team, kb, team.stage or "", ChartOptions(date=date, title=title))


def one_person(kb, title: str) -> Chart:  # type: ignore[no-untyped-def]
    """The narrowest chart there is."""
    team = Team(stage="novice", people=[Person(name="老板", roles=["team_lead", "anchor"])])
    return build_chart(team, kb, "novice", ChartOptions(date="2026-12-07", title=title))


def assert_header_fits(chart: Chart) -> None:
    """Every header line inside the canvas, in order down the page, none starting with a closing mark or
    ending with an opening one; the legend and the cards below the last line."""
    for t in chart.title_lines + chart.subtitle_lines:
        face = BOLD if t.bold else REGULAR
        assert t.x >= 0 and t.x + face.width(t.text, t.size) <= chart.width - TEXT_X + t.size, t.text
        assert t.x + face.width(t.text, t.size) <= chart.width, t.text
    for lines in (chart.title_lines, chart.subtitle_lines):
        assert all(line.text[0] not in NO_START for line in lines[1:]), [t.text for t in lines]
        assert all(line.text.rstrip(ELLIPSIS)[-1:] not in NO_END for line in lines), [t.text for t in lines]
    ys = [t.y for t in chart.title_lines + chart.subtitle_lines]
    assert ys == sorted(ys) and len(set(ys)) == len(ys)
    assert all(i.y > ys[-1] for i in chart.legend)
    assert all(c.y > max(i.y + 12 for i in chart.legend) for c in chart.cards)
    assert all(f.y > max(i.y + 12 for i in chart.legend) for f in chart.frames)


def test_the_issues_title_wraps_inside_the_chart(kb) -> None:  # type: ignore[no-untyped-def]
    short, chart = novice(kb), novice(kb, LONG)
    assert_header_fits(chart)
    assert [t.text for t in chart.title_lines] == ["山野茶铺旗舰店（杭州西湖区龙井村总店）抖音电商", "直播运营团队组织架构图第二版"]
    assert chart.short_title == chart.title == LONG and ELLIPSIS not in "".join(t.text for t in chart.title_lines)
    assert chart.width == short.width  # two lines fit the chart's own width: it does not widen
    # Everything under the header moves down by the one extra line, and only that.
    assert chart.height == short.height + 28
    assert [(c.x, c.y - 28) for c in chart.cards] == [(c.x, c.y) for c in short.cards]
    assert [(i.x, i.y - 28) for i in chart.legend] == [(i.x, i.y) for i in short.legend]
    assert [t.y for t in chart.subtitle_lines] == [48 + 28] and [t.y for t in short.title_lines] == [30]


def test_a_narrow_chart_widens_only_as_much_as_two_lines_need(kb) -> None:  # type: ignore[no-untyped-def]
    chart = one_person(kb, LONG)
    assert_header_fits(chart)
    assert len(chart.title_lines) == 2 and 320 < chart.width < TITLE_ROOM
    lines = [t.text for t in chart.title_lines]
    assert "".join(lines) == LONG and lines[1][0] not in NO_START
    # The narrowest such canvas: a little narrower (less the em a closing mark may hang) and it takes three.
    assert len(fit(BOLD, LONG, 20, chart.width - 2 * TEXT_X - 20 - 2, TITLE_LINES).lines) == 3
    assert one_person(kb, "短标题").width == 320  # a short title changes nothing


def test_three_lines_at_most_then_an_ellipsis(kb) -> None:  # type: ignore[no-untyped-def]
    english = ("Shanye Tea Shop flagship store (Longjing Village head store, West Lake District, Hangzhou) "
               "Douyin live commerce team org chart, second edition")
    three = one_person(kb, english)
    assert_header_fits(three)
    assert len(three.title_lines) == 3 and three.short_title == english  # 3 lines, nothing cut
    assert " ".join(t.text for t in three.title_lines) == english  # broken at spaces only
    cut = one_person(kb, LONG * 4)
    assert_header_fits(cut)
    assert len(cut.title_lines) == TITLE_LINES and cut.width <= TITLE_ROOM + 20
    assert cut.title_lines[-1].text.endswith(ELLIPSIS) and not any(ELLIPSIS in t.text for t in cut.title_lines[:-1])
    assert cut.title == LONG * 4 and cut.short_title.endswith(ELLIPSIS) and LONG.startswith(cut.short_title[:10])
    assert "".join(t.text for t in cut.title_lines) == cut.short_title


def test_a_long_date_wraps_the_subtitle_too(kb) -> None:  # type: ignore[no-untyped-def]
    chart = novice(kb, LONG, date="2026年12月7日（第二版，经杭州西湖区龙井村总店运营负责人审核确认后发布）" * 2)
    assert_header_fits(chart)
    assert 1 < len(chart.subtitle_lines) <= 2 and chart.subtitle_lines[-1].text.endswith(ELLIPSIS)


def test_every_format_carries_the_wrapped_title_and_keeps_the_whole_one(kb, tmp_path: Path) -> None:  # type: ignore[no-untyped-def]
    chart = one_person(kb, LONG * 4 + ' & <b>"老王"</b>')
    lines = [t.text for t in chart.title_lines]
    # SVG: well formed, each line drawn and searchable, the whole title as its <title>.
    svg = ET.fromstring(str(render(chart, "svg")))
    assert svg.findtext(f"{SVG}title") == chart.title and svg.get("aria-label") == chart.title
    assert float(svg.get("width") or 0) == chart.width
    texts = [t.text for t in svg.iter(f"{SVG}text")]
    assert all(line in texts for line in lines)
    # PNG: as wide as the canvas (twice, for sharp screens).
    png = Image.open(io.BytesIO(bytes(render(chart, "png"))))
    assert png.size == (math.ceil(chart.width * 2), math.ceil(chart.height * 2))
    # draw.io: well formed; the title cell has the lines and the whole title as its tooltip.
    drawio = ET.fromstring(str(render(chart, "drawio")))
    title = next(e for e in drawio.iter("UserObject") if e.get("id") == "title")
    assert title.get("label") == "\n".join(lines) and title.get("tooltip") == chart.title
    geometry = title.find("mxCell/mxGeometry")
    assert geometry is not None and float(geometry.get("x", 0)) + float(geometry.get("width", 0)) <= chart.width
    # PDF: the whole title in the metadata, the drawn lines in the text layer.
    pdf = tmp_path / "chart.pdf"
    pdf.write_bytes(bytes(render(chart, "pdf")))
    info = subprocess.run(["pdfinfo", str(pdf)], capture_output=True, text=True, check=True).stdout
    assert f"Title:           {chart.title}\n" in info
    text = subprocess.run(["pdftotext", str(pdf), "-"], capture_output=True, text=True, check=True).stdout
    assert all(line in text for line in lines)
    # HTML: the page's title and heading are the whole title (the browser wraps the heading itself).
    html = str(render(chart, "html"))
    assert f"<title>{escape(chart.title)}</title>" in html and f'<h1 title="{escape(chart.title)}">' in html
    # Mermaid: the title on one line as drawn (cut with …), the whole one as the accessible title.
    mermaid = str(render(chart, "mmd"))
    assert mermaid.startswith('---\ntitle: "' + chart.short_title + '"\n---\n')
    assert "  accTitle: " + chart.title.replace("&", "＆").replace("<", "＜").replace(">", "＞") in mermaid
    # JSON: the lines with their positions, for other tools.
    assert '"short_title": "' in str(render(chart, "json"))


def test_graphviz_draws_the_title_on_the_lines_the_chart_wraps_it_to(kb, tmp_path: Path) -> None:  # type: ignore[no-untyped-def]
    chart = one_person(kb, LONG * 4 + ' "引号" \\N 反斜杠')
    dot = tmp_path / "chart.dot"
    dot.write_text(str(render(chart, "dot")), encoding="utf-8")
    done = subprocess.run(["dot", "-Tsvg", str(dot)], capture_output=True, text=True, check=False)
    assert done.returncode == 0, done.stderr
    texts = [t.text for t in ET.fromstring(done.stdout).iter(f"{SVG}text")]
    heading = [t.text for t in chart.title_lines + chart.subtitle_lines]
    assert texts[:len(heading)] == heading  # one Graphviz text per line, the escapes kept as text


def hostile_team() -> Team:
    """60+ characters, no spaces, Chinese and Latin mixed, emoji; a department name longer than its frame."""
    boss = "欧阳诸葛司马上官慕容东方皇甫尉迟公孙长孙宇文轩辕令狐钟离夏侯澹台公冶宗政濮阳太叔申屠公良拓跋夹谷宰父谷梁段干百里东郭"
    department = "运营中心/内容创作部门（杭州西湖区龙井村总店第二分部）短视频与直播联合运营中心"
    return Team(merchant="山野茶铺", stage="growth", people=[
        Person(name=boss, roles=["team_lead"]),
        Person(name="Maximilianus" * 6, reports_to=boss, department=department,
               roles=["anchor", "live_ops", "central_control", "floor_control", "customer_service", "store_ops",
                      "video_editor"]),
        Person(name="王Wang小明XiaoMing（Tony）《主播》👨\u200d👩\u200d👧\u200d👦😀🇨🇳「测试」AB" * 2, roles=["customer_service"],
               reports_to=boss, department="客服部"),
        Person(name="短名", roles=["designer"], reports_to=boss),
    ])


def assert_boxes_hold_their_texts(chart: Chart) -> None:
    """Every card's text inside the card, every frame's label inside the frame, no two cards overlapping,
    and everything on the canvas."""
    for c in chart.cards:
        for t in c.lines:
            assert t.x + (BOLD if t.bold else REGULAR).width(t.text, t.size) <= c.w - 10 + 0.01, (c.name, t.text)
        assert t.y + 4 <= c.h
        assert 0 <= c.x and c.x + c.w <= chart.width and 0 <= c.y and c.y + c.h <= chart.height
    for f in chart.frames:
        assert BOLD.width(f.label or f.name, 12) <= f.w - 20 + 0.01, f.name
        assert not f.label or (f.label.endswith(ELLIPSIS) and f.name.startswith(f.label[:-1]))
    boxes = [(c.x, c.y, c.w, c.h) for c in chart.cards]
    assert not any(a[0] < b[0] + b[2] and b[0] < a[0] + a[2] and a[1] < b[1] + b[3] and b[1] < a[1] + a[3]
                   for i, a in enumerate(boxes) for b in boxes[i + 1:])


@pytest.mark.parametrize("orientation", ["vertical", "horizontal"])
def test_long_names_posts_and_departments_wrap_inside_their_boxes(kb, orientation: str) -> None:  # type: ignore[no-untyped-def]
    chart = build_chart(hostile_team(), kb, "growth", ChartOptions(date="2026-12-07", title=LONG, orientation=orientation))
    assert_header_fits(chart)
    assert_boxes_hold_their_texts(chart)
    names = {c.name: [t.text for t in c.lines if t.bold] for c in chart.cards}
    assert all(len(lines) >= 4 for name, lines in names.items() if len(name) > 60)  # wrapped, not widened
    assert all(line[0] not in NO_START for lines in names.values() for line in lines[1:])
    frame = next(f for f in chart.frames if f.name.startswith("内容创作部门"))
    assert frame.label.endswith(ELLIPSIS)
    svg = str(render(chart, "svg"))
    assert f">{frame.name}</text>" in svg  # its whole name stays searchable
    dot = subprocess.run(["dot", "-Tsvg"], input=str(render(chart, "dot")), capture_output=True, text=True, check=False)
    assert dot.returncode == 0, dot.stderr
    png = render(chart, "png")
    OUT.mkdir(exist_ok=True)
    (OUT / f"chart-long-texts-{orientation}.png").write_bytes(bytes(png))


def test_the_issue_png_for_a_person_to_look_at(kb) -> None:  # type: ignore[no-untyped-def]
    """`chart --title <the issue's title>` on the 30,000 plan: written to test-output/ to be looked at."""
    chart = novice(kb, LONG)
    png = Image.open(io.BytesIO(bytes(render(chart, "png"))))
    assert png.size == (math.ceil(chart.width * 2), math.ceil(chart.height * 2))
    right = png.convert("RGB").crop((png.size[0] - 2 * TEXT_X + 4, 0, png.size[0], 130))
    assert all(sum(p) > 600 for p in right.get_flattened_data())  # nothing drawn in the right margin of the title
    OUT.mkdir(exist_ok=True)
    png.save(OUT / "chart-long-title.png")


names = st.lists(st.sampled_from(list("主播运营客服老王小李（）《》「」、，。ABCxyzW") + ["😀", "👨\u200d👩\u200d👧", "🇨🇳"]),
                 min_size=1, max_size=90).map("".join)


@settings(max_examples=25, deadline=None)
@given(st.lists(st.tuples(names, st.lists(st.sampled_from(
    ["anchor", "live_ops", "customer_service", "store_ops", "video_editor", "floor_control", "central_control"]),
    min_size=1, max_size=6, unique=True), st.integers(min_value=-1, max_value=8)), min_size=1, max_size=8,
    unique_by=lambda t: t[0].strip()), names, st.sampled_from(["vertical", "horizontal"]))
def test_any_long_names_and_title_stay_inside_the_chart(kb, rows, title, orientation) -> None:  # type: ignore[no-untyped-def]
    people = [Person(name=name, roles=roles, reports_to=rows[boss][0] if 0 <= boss < i else None)
              for i, (name, roles, boss) in enumerate(rows)]
    chart = build_chart(Team(people=people), kb, "growth", ChartOptions(date="x", title=title * 3, orientation=orientation))
    for t in chart.title_lines + chart.subtitle_lines:
        assert t.x + (BOLD if t.bold else REGULAR).width(t.text, t.size) <= chart.width
    assert len(chart.title_lines) <= TITLE_LINES
    assert_boxes_hold_their_texts(chart)


def test_mermaid_shows_the_title_as_written_and_keeps_the_whole_one(kb, browser: Browser) -> None:  # type: ignore[no-untyped-def]
    """Mermaid reads its title as HTML and shows it as text: no #65306; codes, no &amp;, nothing dropped."""
    chart = one_person(kb, LONG * 4 + '：A & <b>"B"</b> \\')
    page = browser.new_page()
    page.set_content("<html><body><div id='out'></div></body></html>")
    page.add_script_tag(path=str(MERMAID))
    result = page.evaluate("""async (text) => {
        mermaid.initialize({startOnLoad: false, securityLevel: 'strict'});
        const {svg} = await mermaid.render('chart', text);
        document.getElementById('out').innerHTML = svg;
        const box = document.querySelector('#out svg').viewBox.baseVal, title = document.querySelector('.flowchartTitleText');
        const b = title.getBBox();
        return {title: title.textContent, accessible: document.querySelector('#out svg title').textContent,
                inside: b.x >= box.x && b.x + b.width <= box.x + box.width};
    }""", str(render(chart, "mmd")))
    assert result["title"] == chart.short_title and result["inside"]  # Mermaid widens its drawing to hold it
    assert result["accessible"] == chart.title.replace("&", "＆").replace("<", "＜").replace(">", "＞")
    short = one_person(kb, '老王 & 小李："茶铺" \\N')
    shown = page.evaluate("""async (text) => { const {svg} = await mermaid.render('c2', text);
        document.getElementById('out').innerHTML = svg;
        return document.querySelector('#out .flowchartTitleText').textContent; }""", str(render(short, "mmd")))
    assert shown == '老王 ＆ 小李："茶铺" \\N'


def test_mxgraph_reads_the_title_cell_and_its_tooltip(kb, browser: Browser, tmp_path: Path) -> None:  # type: ignore[no-untyped-def]
    chart = one_person(kb, LONG * 4)
    holder = tmp_path / "mx.html"
    holder.write_text("<!doctype html><body><div id='graph' style='width:900px;height:600px'></div><script>var "
                      f"mxLoadResources = false, mxLoadStylesheets = false;</script><script src='{MXGRAPH.as_uri()}'>"
                      "</script></body>", encoding="utf-8")
    page = browser.new_page()
    page.goto(holder.as_uri())
    cell = page.evaluate("""xml => {
        const doc = mxUtils.parseXml(xml), graph = new mxGraph(document.getElementById('graph'));
        new mxCodec(doc).decode(doc.getElementsByTagName('mxGraphModel')[0], graph.getModel());
        const c = graph.getModel().getCell('title');
        return {label: c.getAttribute('label'), tooltip: c.getAttribute('tooltip'), x: c.geometry.x, w: c.geometry.width};
    }""", str(render(chart, "drawio")))
    assert cell["label"] == "\n".join(t.text for t in chart.title_lines) and cell["tooltip"] == chart.title
    assert cell["x"] + cell["w"] <= chart.width


def test_the_html_heading_stays_in_its_bar(kb, browser: Browser, tmp_path: Path) -> None:  # type: ignore[no-untyped-def]
    """The page's header wraps a long title to two lines at most, beside the search box, on a phone too."""
    page_file = tmp_path / "chart.html"
    page_file.write_text(str(render(novice(kb, LONG * 3), "html")), encoding="utf-8")
    for viewport in ({"width": 1280, "height": 800}, {"width": 390, "height": 844}):
        page = browser.new_page(viewport=viewport)
        page.goto(page_file.as_uri())
        box = page.evaluate("""() => { const h = document.querySelector('header h1'), r = h.getBoundingClientRect(),
            s = document.getElementById('search').getBoundingClientRect();
            return {lines: Math.round(r.height / parseFloat(getComputedStyle(h).lineHeight || 22)), right: r.right,
                    height: r.height, search: s.width, title: h.title}; }""")
        assert box["height"] <= 2 * 30 and box["right"] <= viewport["width"] and box["search"] > 100, box
        assert box["title"] == LONG * 3
        page.close()
