"""Every chart export, opened by a real client where one exists: Graphviz parses the DOT, Pillow decodes
the PNG, an XML parser reads the SVG and draw.io files; golden files pin the text formats."""

from __future__ import annotations

import io
import json
import math
import re
import subprocess
import xml.etree.ElementTree as ET
from pathlib import Path

import msgspec
import pytest
from PIL import Image

from douyin_team.chart import Chart, ChartOptions, build_chart
from douyin_team.chart.render import RENDERERS, render, verify_format
from douyin_team.cli import main
from douyin_team.errors import UnsupportedFormat
from douyin_team.team import Person, Team

OUT = Path(__file__).resolve().parents[2] / "test-output"
HOSTILE = ['<script>alert("x")</script>', '"]; x -->', "back\\slash \\N", "老王 & 小李's"]
SVG = "{http://www.w3.org/2000/svg}"


def small_team() -> Team:
    return Team(merchant="山野茶铺", stage="growth", people=[
        Person(name="老周", roles=["team_lead", "live_ops", "ad_buyer"]),
        Person(name="小雅", roles=["anchor"], reports_to="老周"),
        Person(name="阿杰", roles=["assistant_anchor", "floor_control"], reports_to="老周"),
        Person(name="待招客服", roles=["customer_service", "store_ops"], reports_to="老周", vacancy=True),
    ])


def hostile_team() -> Team:
    people = [Person(name=HOSTILE[0], roles=["team_lead"])]
    people += [Person(name=n, roles=["anchor", "video_editor"], reports_to=HOSTILE[0]) for n in HOSTILE[1:]]
    return Team(merchant='<b>"商家"</b>', people=people)


@pytest.fixture(scope="module")
def chart(kb) -> Chart:  # type: ignore[no-untyped-def]
    return build_chart(small_team(), kb, "growth", ChartOptions(date="2026-11-24"))


@pytest.fixture(scope="module")
def hostile(kb) -> Chart:  # type: ignore[no-untyped-def]
    return build_chart(hostile_team(), kb, "growth", ChartOptions(date="2026-11-24"))


@pytest.mark.parametrize("fmt, suffix", [("mmd", "mmd"), ("dot", "dot"), ("drawio", "drawio"), ("json", "json"),
                                         ("svg", "svg")])
def test_golden_text_formats(chart: Chart, golden, fmt: str, suffix: str) -> None:  # type: ignore[no-untyped-def]
    golden(f"render/small.{suffix}", render(chart, fmt))


def test_svg_is_self_contained_and_searchable(chart: Chart) -> None:
    svg = render(chart, "svg")
    assert isinstance(svg, str)
    root = ET.fromstring(svg)
    defs = root.find(f"{SVG}defs")
    assert defs is not None
    defined = {e.get("id") for e in defs.iter() if e.get("id")}
    used = {u.get("href", "")[1:] for u in root.iter(f"{SVG}use")}
    assert used and used <= defined  # every glyph and card body drawn is defined in the file itself
    assert {u for u in used if u.startswith(("r", "b"))} <= {p.get("id") for p in defs.iter(f"{SVG}path")}
    assert "@font-face" not in svg and "<image" not in svg and "http://" not in svg.replace("http://www.w3.org", "")
    texts = [t.text or "" for t in root.iter(f"{SVG}text")]
    assert "山野茶铺团队架构图" in texts
    for name in ("老周 负责人、直播运营、投手", "小雅 主播", "待招客服（待招聘） 客服、抖店运营"):
        assert name in texts  # one invisible text per card: name and posts


def test_png_decodes_with_chinese_pixels(chart: Chart) -> None:
    png = render(chart, "png")
    assert isinstance(png, bytes)
    image = Image.open(io.BytesIO(png)).convert("RGB")
    assert image.size == (round(chart.width * 2), round(chart.height * 2))
    title = image.crop((30, 30, 380, 75))  # the title's glyphs are dark pixels on white
    assert sum(1 for p in title.get_flattened_data() if sum(p) < 200) > 500
    lead = chart.cards[0]
    bar = image.getpixel((int((lead.x + 2) * 2), int((lead.y + lead.h / 2) * 2)))
    assert bar == (0x33, 0x70, 0xFF)  # the lead group's colour


def test_graphviz_parses_the_dot(chart: Chart, hostile: Chart, tmp_path: Path) -> None:
    for name, c in (("small", chart), ("hostile", hostile)):
        dot = tmp_path / f"{name}.dot"
        dot.write_text(str(render(c, "dot")), encoding="utf-8")
        done = subprocess.run(["dot", "-Tsvg", str(dot)], capture_output=True, text=True, check=False)
        assert done.returncode == 0, done.stderr
        drawn = ET.fromstring(done.stdout)
        nodes = [g for g in drawn.iter(f"{SVG}g") if g.get("class") == "node"]
        assert len(nodes) == len(c.cards) + len([f for f in c.frames if f.empty])  # a node per empty group too
        texts = [t.text or "" for t in drawn.iter(f"{SVG}text")]
        for card in c.cards:
            assert card.lines[0].text in texts, card.name  # Graphviz drew the name exactly, escapes and all


def test_an_empty_group_is_drawn_in_every_format(kb, tmp_path: Path) -> None:  # type: ignore[no-untyped-def]
    """Growth plan: 抖店组 has nobody of its own (中控 holds its posts): each format shows the group and
    the dashed line to it — a box in SVG and PDF, a vertex in draw.io, a cluster in DOT, a subgraph in Mermaid."""
    from douyin_team.planning import plan_team
    from douyin_team.team import Profile

    team = plan_team(Profile(monthly_sales=150_000, headcount_budget=4), kb)
    chart = build_chart(team, kb, "growth", ChartOptions(date="2026-11-24"))
    control = next(c for c in chart.cards if c.serves == ["store"])
    label = next(f.name for f in chart.frames if f.empty and f.group == "store")
    assert label.startswith("抖店组（") and label.endswith("兼）")  # it says who covers the group's posts
    svg = str(render(chart, "svg"))
    assert label in [t.text for t in ET.fromstring(svg).iter(f"{SVG}text")]
    dot = tmp_path / "growth.dot"
    dot.write_text(str(render(chart, "dot")), encoding="utf-8")
    assert f"{control.id} -> g_store [style=dashed];" in dot.read_text(encoding="utf-8")
    drawn = subprocess.run(["dot", "-Tsvg", str(dot)], capture_output=True, text=True, check=True).stdout
    clusters = [g for g in ET.fromstring(drawn).iter(f"{SVG}g") if g.get("class") == "cluster"]
    assert label in [t.text for g in clusters for t in g.iter(f"{SVG}text")]  # Graphviz drew the cluster
    mermaid = str(render(chart, "mmd"))
    assert f'  subgraph g_store["{label}"]\n  end' in mermaid and f"{control.id} -.-> g_store" in mermaid
    cells = ET.fromstring(str(render(chart, "drawio"))).findall("diagram/mxGraphModel/root/mxCell")
    assert any(c.get("id") == "frame-store" and c.get("value") == label for c in cells)
    assert any(c.get("source") == control.id and c.get("target") == "frame-store" for c in cells)
    path = tmp_path / "growth.pdf"
    path.write_bytes(bytes(render(chart, "pdf")))
    text = subprocess.run(["pdftotext", str(path), "-"], capture_output=True, text=True, check=True).stdout
    assert "抖店组" in text and "兼" in text


def test_drawio_has_the_mxgraph_structure(chart: Chart, hostile: Chart) -> None:
    for c in (chart, hostile):
        root = ET.fromstring(str(render(c, "drawio")))
        assert root.tag == "mxfile"
        model = root.find("diagram/mxGraphModel")
        assert model is not None
        cells = model.findall("root/mxCell")
        ids = [cell.get("id") for cell in cells]
        assert ids[:2] == ["0", "1"] and len(ids) == len(set(ids))
        for cell in cells:
            if cell.get("vertex") == "1":
                assert cell.find("mxGeometry") is not None and cell.get("parent") == "1"
            if cell.get("edge") == "1":
                assert cell.get("source") in ids and cell.get("target", ids[0]) in ids
        values = [cell.get("value", "") for cell in cells]
        for card in c.cards:
            assert any(v.startswith(card.lines[0].text) for v in values)


def test_hostile_names_break_nothing(hostile: Chart) -> None:
    svg = str(render(hostile, "svg"))
    texts = [t.text or "" for t in ET.fromstring(svg).iter(f"{SVG}text")]
    assert all(any(x.startswith(c.lines[0].text) for x in texts) for c in hostile.cards)
    mermaid = str(render(hostile, "mmd"))
    for line in mermaid.splitlines():
        label = re.search(r'\["(.*)"\]', line)
        if label:
            assert not re.search(r'["<>\\]', label.group(1).replace("<br/>", "")), line
    data = json.loads(str(render(hostile, "json")))
    assert [c["name"] for c in data["cards"]] == HOSTILE


def test_every_format_is_registered_and_unknown_ones_are_refused() -> None:
    assert set(RENDERERS) >= {"svg", "png", "json", "mmd", "dot", "drawio"}
    with pytest.raises(UnsupportedFormat, match="svg"):
        verify_format("gif")


def test_chart_and_plan_commands_write_every_format(tmp_path: Path, capsys) -> None:  # type: ignore[no-untyped-def]
    team = tmp_path / "input.json"
    team.write_text(json.dumps(msgspec.to_builtins(small_team()), ensure_ascii=False), encoding="utf-8")
    for fmt in RENDERERS:
        out = tmp_path / f"team.{fmt}"
        assert main(["chart", str(team), "-o", str(out), "--date", "2026-11-24"]) == 0
        assert out.stat().st_size > 100
    assert main(["plan", "--sales", "300000", "-o", str(tmp_path / "plan.png")]) == 0
    assert Image.open(tmp_path / "plan.png").format == "PNG"
    assert main(["chart", str(team), "-f", "png"]) == 2
    assert "-o" in capsys.readouterr().err


def test_a_missing_font_is_a_clear_error(tmp_path: Path, capsys, monkeypatch) -> None:  # type: ignore[no-untyped-def]
    monkeypatch.setenv("DOUYIN_TEAM_FONT", str(tmp_path / "nope.ttf"))
    team = tmp_path / "team.json"
    team.write_text(json.dumps(msgspec.to_builtins(small_team()), ensure_ascii=False), encoding="utf-8")
    assert main(["chart", str(team), "-o", str(tmp_path / "t.svg")]) == 2
    err = capsys.readouterr().err
    assert "fonts-noto-cjk" in err and err.count("\n") == 1


def pdf_pages(pdf: bytes, tmp_path: Path) -> tuple[int, str]:
    path = tmp_path / "chart.pdf"
    path.write_bytes(pdf)
    info = subprocess.run(["pdfinfo", str(path)], capture_output=True, text=True, check=True).stdout
    pages = int(re.search(r"Pages:\s+(\d+)", info).group(1))  # type: ignore[union-attr]
    size = re.search(r"Page size:\s+(.*)", info).group(1)  # type: ignore[union-attr]
    return pages, size


def test_pdf_one_readable_page_rendered_by_poppler(chart: Chart, tmp_path: Path) -> None:
    pdf = render(chart, "pdf")
    assert isinstance(pdf, bytes) and pdf.startswith(b"%PDF-")
    pages, size = pdf_pages(pdf, tmp_path)
    wide = chart.width > chart.height  # the page turns with the chart: landscape when it is wider than tall
    assert pages == 1 and ("841.89 x 595.28" if wide else "595.28 x 841.89") in size
    subprocess.run(["pdftoppm", "-r", "72", "-png", str(tmp_path / "chart.pdf"), str(tmp_path / "page")], check=True)
    image = Image.open(tmp_path / "page-1.png").convert("RGB")
    ink = image.point(lambda v: 255 if v < 200 else 0).convert("L").getbbox()  # where anything is drawn
    assert ink is not None
    left, top, right, bottom = ink
    # the chart fills the page (one side nearly margin to margin) and sits in its middle, not its top corner
    assert (right - left) / image.width > 0.8 or (bottom - top) / image.height > 0.75
    assert abs((left + right) / 2 - image.width / 2) < image.width * 0.1
    portrait = render(msgspec.structs.replace(chart, landscape=False), "pdf")
    assert "595.28 x 841.89" in pdf_pages(portrait, tmp_path)[1]  # --portrait keeps it upright


def test_pdf_text_can_be_searched_and_copied(chart: Chart, hostile: Chart, tmp_path: Path) -> None:
    """Poppler's pdftotext reads the invisible text layer laid over the outlines, hostile names included."""
    for c in (chart, hostile):
        path = tmp_path / "chart.pdf"
        path.write_bytes(bytes(render(c, "pdf")))
        done = subprocess.run(["pdftotext", str(path), "-"], capture_output=True, text=True, check=True)
        text = "".join(done.stdout.split())  # pdftotext breaks lines where it likes: compare without spaces
        assert "".join(c.title.split()) in text and not done.stderr
        for line in (t for card in c.cards for t in card.lines):
            assert "".join(line.text.split()) in text, line.text


def test_pdf_tiles_a_big_chart_over_a3_landscape_pages(kb, tmp_path: Path) -> None:  # type: ignore[no-untyped-def]
    people = [Person(name="总监", roles=["team_lead"])]
    people += [Person(name=f"店长{i}", roles=["store_ops"], reports_to="总监") for i in range(12)]
    people += [Person(name=f"客服{i}-{j}", roles=["customer_service"], reports_to=f"店长{i}")
               for i in range(12) for j in range(4)]
    big = build_chart(Team(stage="mature", people=people), kb, "mature",
                      ChartOptions(date="x", paper="A3", landscape=True, compact="off"))
    pages, size = pdf_pages(render(big, "pdf"), tmp_path)
    assert pages > 1 and "1190.55 x 841.89" in size
    subprocess.run(["pdftoppm", "-r", "20", "-png", str(tmp_path / "chart.pdf"), str(tmp_path / "tile")], check=True)
    assert len(list(tmp_path.glob("tile-*.png"))) == pages  # poppler draws every page


def test_pdf_one_page_per_department(kb, tmp_path: Path) -> None:  # type: ignore[no-untyped-def]
    from douyin_team.planning import plan_team
    from douyin_team.team import Profile

    team = plan_team(Profile(monthly_sales=2_500_000), kb)
    chart = build_chart(team, kb, "mature", ChartOptions(date="x", pdf_pages="department"))
    pages, _ = pdf_pages(render(chart, "pdf"), tmp_path)
    assert pages == 1 + len([f for f in chart.frames if not f.empty]) and len(chart.frames) >= 5


def test_big_png_is_scaled_down_never_cropped() -> None:
    from douyin_team.chart.render.png import MAX_PIXELS, png_scale

    assert png_scale(1000, 800, 2.0) == 2.0
    scale = png_scale(40_000, 3_000, 2.0)  # a 16k-pixel crop would lose most of this chart
    assert scale < 2.0 and 40_000 * 3_000 * scale * scale == pytest.approx(MAX_PIXELS)
    assert 0 < png_scale(5_000_000, 1_600, 2.0) < 0.1  # a 100,000-person company still fits, as an overview


def wide_team(n: int) -> Team:
    people = [Person(name="总监", roles=["team_lead"])]
    people += [Person(name=f"店长{i}", roles=["store_ops", "anchor"], reports_to="总监") for i in range(n)]
    return Team(stage="mature", people=people)


def dark_share(image: Image.Image, box: tuple[float, float, float, float], below: int = 160) -> float:
    """The share of pixels in box darker than `below` (of 255)."""
    region = image.crop(tuple(round(v) for v in box)).convert("L")  # type: ignore[arg-type]
    pixels = list(region.get_flattened_data())
    return sum(1 for p in pixels if p < below) / max(len(pixels), 1)


def test_wide_png_is_drawn_in_tiles_and_joined(kb, monkeypatch) -> None:  # type: ignore[no-untyped-def]
    import douyin_team.chart.render.png as png

    monkeypatch.setattr(png, "TILE", 512)  # many tiles, without a slow test
    chart = build_chart(wide_team(30), kb, "mature", ChartOptions(date="x", compact="off", scale=1.0))
    assert chart.width > 3 * 512
    image = Image.open(io.BytesIO(render(chart, "png")))
    assert image.size == (math.ceil(chart.width), math.ceil(chart.height)) and "Comment" not in image.info
    OUT.mkdir(exist_ok=True)
    image.save(OUT / "png-tiled.png")
    for card in chart.cards[-3:]:  # cards in the last tiles: their name is drawn where the chart puts it
        assert dark_share(image, (card.x + 10, card.y + 10, card.x + card.w - 10, card.y + 26)) > 0.03
        assert image.convert("RGB").getpixel((round(card.x + 2), round(card.y + card.h / 2))) != (255, 255, 255)


def test_a_whole_company_png_is_an_overview_with_a_note(kb, monkeypatch, tmp_path: Path, capsys) -> None:  # type: ignore[no-untyped-def]
    import douyin_team.chart.render.png as png

    monkeypatch.setattr(png, "MAX_PIXELS", 100_000)  # as if the chart were a hundred times bigger
    chart = build_chart(wide_team(30), kb, "mature", ChartOptions(date="x", compact="off"))
    image = Image.open(io.BytesIO(render(chart, "png")))
    scale = png.png_scale(chart.width, chart.height, 2.0)
    assert scale < png.LEGIBLE and image.size == (math.ceil(chart.width * scale), math.ceil(chart.height * scale))
    assert "too small to read" in image.info["Comment"] and png.png_note(chart) == image.info["Comment"]
    image.save(OUT / "png-overview.png")
    card = chart.cards[-1]  # its box and text bars are drawn, scaled, where the chart puts the card
    assert dark_share(image, (card.x * scale, card.y * scale, (card.x + card.w) * scale, (card.y + card.h) * scale),
                      below=230) > 0.2
    team = tmp_path / "team.json"
    team.write_text(json.dumps(msgspec.to_builtins(wide_team(30)), ensure_ascii=False), encoding="utf-8")
    assert main(["chart", str(team), "-o", str(tmp_path / "team.png"), "--compact", "off"]) == 0
    assert capsys.readouterr().err.startswith("note: PNG scaled to")  # the CLI says so too


def test_a_dashed_line_is_cut_to_its_tile() -> None:
    from douyin_team.chart import Edge
    from douyin_team.chart.render.png import _clipped

    line = Edge("p1", "group:live", "serves", [(0.0, 0.0), (100.0, 50.0)])
    cut = _clipped(line, (40.0, 0.0, 60.0, 100.0))
    assert cut.points == [pytest.approx((38.0, 19.0)), pytest.approx((62.0, 31.0))]
    report = Edge("p0", "p1", "report", [(0, 0), (0, 10), (50, 10), (50, 20)])
    assert _clipped(report, (40.0, 0.0, 60.0, 100.0)) is report


def drawn_length(d: str) -> float:
    """Total length of an SVG path made of M, L, H and V commands."""
    total, x, y = 0.0, 0.0, 0.0
    for cmd, args in re.findall(r"([MLHV])([^MLHV]*)", d):
        nums = [float(v) for v in args.split()]
        nx, ny = (nums[0], nums[1]) if cmd in "ML" else (nums[0], y) if cmd == "H" else (x, nums[0])
        total += 0 if cmd == "M" else abs(nx - x) + abs(ny - y)
        x, y = nx, ny
    return total


def test_a_stacked_column_has_its_spine_drawn_once(kb) -> None:  # type: ignore[no-untyped-def]
    people = [Person(name="店长", roles=["store_ops"])]
    people += [Person(name=f"客服{i}", roles=["customer_service"], reports_to="店长") for i in range(40)]
    chart = build_chart(Team(stage="mature", people=people), kb, "mature", ChartOptions(date="x"))
    root = ET.fromstring(str(render(chart, "svg")))
    d = next(p.get("d", "") for p in root.iter(f"{SVG}path") if p.get("class") == "edge report")
    stub, columns = chart.edges[0].points[:2], {}  # each column: its spine's top → its lowest card's tick
    for e in chart.edges:
        columns[e.points[2]] = max(columns.get(e.points[2], e.points[2][1]), e.points[3][1])
    assert len(columns) > 1  # forty in several columns
    once = (stub[1][1] - stub[0][1]) + sum(abs(top[0] - stub[1][0]) + low - top[1] for top, low in columns.items())
    once += sum(c.x - e.points[3][0] for c, e in zip(chart.cards[1:], chart.edges, strict=False))
    assert drawn_length(d) == pytest.approx(once, abs=1)


def test_pdf_numbers_never_have_an_exponent() -> None:
    """Float noise (a coordinate of 1.4e-14 after subtracting the left edge) is written as 0: an exponent is no
    PDF number, and Poppler dropped the whole page's drawing."""
    from douyin_team.chart.render.pdf import _num

    assert [_num(v) for v in (1.4e-14, -3e-9, 12.5, 40.0, -7.25, 1e6)] == ["0", "0", "12.5", "40", "-7.25", "1000000"]
