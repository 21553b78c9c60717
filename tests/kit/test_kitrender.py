"""Kit renderers, checked with real clients: LibreOffice opens and recalculates the workbook and prints it,
pdftoppm draws the PDFs, Chromium opens the HTML. Page images land in test-output/kit/ for a look."""

from __future__ import annotations

import io
import subprocess
from pathlib import Path

import msgspec
import pytest
from openpyxl import load_workbook
from PIL import Image
from playwright.sync_api import Browser

from douyin_team.cli import main
from douyin_team.errors import UnsupportedFormat
from douyin_team.kit import Kit, KitOptions, build_kit
from douyin_team.kit.render import PARTS, format_of, render_kit
from douyin_team.kit.scorecard import card_score, line_score
from douyin_team.team import Person, Team, read_team

ROOT = Path(__file__).resolve().parents[2]
OUT = ROOT / "test-output" / "kit"
HOSTILE = ["=HYPERLINK(\"http://evil.example\",\"x\")", "+1+1", "-2+3", "@SUM(1)"]


@pytest.fixture(scope="module")
def kit(kb) -> Kit:  # type: ignore[no-untyped-def]
    team = read_team(ROOT / "examples" / "my-team.yaml", kb)
    return build_kit(team, kb, "growth", "zh", KitOptions(date="2026-11-25"))


@pytest.fixture(scope="module")
def hostile_kit(kb) -> Kit:  # type: ignore[no-untyped-def]
    people = [Person(name=HOSTILE[0], roles=["team_lead", "live_ops"], monthly_cost=9000)]
    people += [Person(name=n, roles=[r], reports_to=HOSTILE[0], monthly_cost=5000)
               for n, r in zip(HOSTILE[1:], ["anchor", "central_control", "store_ops"], strict=True)]
    people.append(Person(name="<script>alert(1)</script>", roles=["customer_service"], reports_to=HOSTILE[0]))
    team = Team(merchant="\t=cmd|' /C calc'!A0", monthly_sales=200_000, live_hours=3, people=people)
    return build_kit(team, kb, "growth", "zh", KitOptions(date="2026-11-25"))


def libreoffice(src: Path, fmt: str, outdir: Path) -> Path:
    """Convert with LibreOffice headless (its own profile folder, so parallel runs do not clash)."""
    profile = outdir / "lo-profile"
    done = subprocess.run(["soffice", "--headless", "--norestore", f"-env:UserInstallation=file://{profile}",
                           "--convert-to", fmt, "--outdir", str(outdir), str(src)],
                          capture_output=True, text=True, timeout=180, check=False)
    out = outdir / (src.stem + "." + fmt.split(":")[0])
    assert done.returncode == 0 and out.exists(), done.stderr
    return out


def pages_as_png(pdf: Path, prefix: str) -> list[Path]:
    """Every page drawn by pdftoppm into test-output/kit/, each checked to carry ink."""
    OUT.mkdir(parents=True, exist_ok=True)
    for old in OUT.glob(f"{prefix}-*.png"):
        old.unlink()
    subprocess.run(["pdftoppm", "-r", "60", "-png", str(pdf), str(OUT / prefix)], check=True, timeout=120)
    pages = sorted(OUT.glob(f"{prefix}-*.png"))
    for page in pages:
        lo, _hi = Image.open(page).convert("L").getextrema()
        assert lo < 128, f"{page} is blank"
    return pages


def pdf_text(pdf: Path, page: int | None = None) -> str:
    args = ["-f", str(page), "-l", str(page)] if page else []
    return subprocess.run(["pdftotext", "-layout", *args, str(pdf), "-"], capture_output=True, text=True,
                          check=True).stdout


def page_count(pdf: Path) -> int:
    info = subprocess.run(["pdfinfo", str(pdf)], capture_output=True, text=True, check=True).stdout
    return int(next(line.split()[-1] for line in info.splitlines() if line.startswith("Pages:")))


def test_workbook_layout(kit: Kit) -> None:
    book = load_workbook(io.BytesIO(render_kit(kit, "xlsx")))  # type: ignore[arg-type]
    assert book.sheetnames == [p.zh for p in PARTS.values()]
    for ws in book.worksheets:
        assert ws.freeze_panes == "A3" and ws.print_title_rows == "$1:$2"
        assert int(ws.page_setup.paperSize) == 9 and int(ws.page_setup.fitToWidth) == 1
        assert ws.sheet_properties.pageSetUpPr.fitToPage
    org = book["架构"]
    assert len(org._images) == 1  # the org chart picture
    assert org.column_dimensions["B"].width >= 2 * len("抖店运营、客服")  # Chinese text counts double
    kpis = book["考核表"]
    formulas = [c.value for row in kpis.iter_rows() for c in row if c.data_type == "f"]
    assert any("MIN(1.2,MAX(0,G" in f for f in formulas) and any("MIN(1.2,MAX(0,F" in f for f in formulas)  # both ways
    assert sum(f.startswith("=SUM(D") for f in formulas) == len(kit.scorecards)  # a 100% weight total per card
    assert sum("SUMPRODUCT(ISNUMBER(H" in f for f in formulas) == len(kit.scorecards)  # and a score total
    review = book["复盘"]
    assert review.data_validations.dataValidation and "C" in str(review.data_validations.dataValidation[0].sqref)


ACTUAL_FACTORS = [0.5, 0.9, 1.0, 1.5, 3.0, 0.0]  # of the goal: under, near, on, over, far over, nothing at all


def card_rows(kit: Kit) -> list[tuple[int, list[int]]]:
    """(total row, line rows) of each card on the 考核表 sheet, as `_kpis` lays them out."""
    out, r = [], 3
    for card in kit.scorecards:
        rows = list(range(r + 1, r + 1 + len(card.lines)))
        out.append((rows[-1] + 1, rows))
        r = rows[-1] + 3
    return out


def fill_actuals(ws, kit: Kit) -> tuple[list[list[float | None]], list[list[float | None]]]:  # type: ignore[no-untyped-def]
    """Type a month's actuals (and a goal where the card says "set by you") into the sheet; return the goals
    and actuals each line is then scored with (a repeated metric takes the first row's actual)."""
    goals, actuals, n = [], [], 0
    for card, (_total, rows) in zip(kit.scorecards, card_rows(kit), strict=True):
        first: dict[str, float | None] = {}
        goals.append([]), actuals.append([])
        for x, r in zip(card.lines, rows, strict=True):
            goal = x.goal if x.goal is not None else (None if n % 4 == 3 else 50.0)
            if x.goal is None and goal is not None:
                ws.cell(row=r, column=6).value = goal
            if x.metric not in first:
                value = None if goal is None or n % 7 == 6 else goal * ACTUAL_FACTORS[n % len(ACTUAL_FACTORS)]
                first[x.metric] = value
                ws.cell(row=r, column=7).value = value if value is not None else ""
            goals[-1].append(goal)
            actuals[-1].append(first[x.metric])
            n += 1
    return goals, actuals


def test_libreoffice_recomputes_the_scores_as_the_core_does(kit: Kit, tmp_path: Path) -> None:
    book = load_workbook(io.BytesIO(render_kit(kit, "xlsx")))  # type: ignore[arg-type]
    goals, actuals = fill_actuals(book["考核表"], kit)
    src = tmp_path / "kit.xlsx"
    book.save(src)
    calc = load_workbook(libreoffice(src, "xlsx", tmp_path / "calc"), data_only=True)["考核表"]
    lower_scored = capped = 0
    for card, (total, rows), goal, actual in zip(kit.scorecards, card_rows(kit), goals, actuals, strict=True):
        assert calc.cell(row=total, column=4).value == pytest.approx(1.0)  # weights add up to 100%
        for x, r, g, a in zip(card.lines, rows, goal, actual, strict=True):
            expected = line_score(x.direction, g, a, card.cap, card.floor)
            got = calc.cell(row=r, column=8).value
            assert (got in (None, "") and expected is None) or got == pytest.approx(expected), (x.metric, g, a, got)
            lower_scored += expected is not None and x.direction == "lower"
            capped += expected == pytest.approx(card.cap)
        want = card_score(card, dict(enumerate(actual)), dict(enumerate(goal)))
        got = calc.cell(row=total, column=8).value
        assert (got in (None, "") and want is None) or got == pytest.approx(want)
    assert lower_scored >= 3 and capped >= 1  # lower-is-better lines were scored, and the cap was reached


def test_libreoffice_recomputes_the_review_and_the_budget(kit: Kit, tmp_path: Path) -> None:
    book = load_workbook(io.BytesIO(render_kit(kit, "xlsx")))  # type: ignore[arg-type]
    ws = book["复盘"]
    filled = {}
    for i, x in enumerate(kit.review.rows):
        goal = x.goal if x.goal is not None else 100.0
        ws.cell(row=3 + i, column=5).value = goal
        ws.cell(row=3 + i, column=6).value = goal * (1.5 if i % 2 else 0.8)
        filled[3 + i] = (x, goal, goal * (1.5 if i % 2 else 0.8))
    src = tmp_path / "kit.xlsx"
    book.save(src)
    calc = load_workbook(libreoffice(src, "xlsx", tmp_path / "calc"), data_only=True)
    review = calc["复盘"]
    for r, (x, goal, actual) in filled.items():
        assert review.cell(row=r, column=7).value == pytest.approx(actual - goal)
        assert review.cell(row=r, column=8).value == pytest.approx(line_score(x.direction, goal, actual))
    assert any(x.direction == "lower" for x, _g, _a in filled.values())
    budget = {row[0]: row[4] for row in calc["预算"].iter_rows(min_row=3, values_only=True) if row[0]}
    assert budget["合计"] == pytest.approx(25_500) and budget["人力成本占月销"] == pytest.approx(25_500 / 350_000)


def test_libreoffice_prints_the_workbook(kit: Kit, tmp_path: Path) -> None:
    src = tmp_path / "kit.xlsx"
    src.write_bytes(render_kit(kit, "xlsx"))  # type: ignore[arg-type]
    pdf = libreoffice(src, "pdf", tmp_path)
    pages = pages_as_png(pdf, "xlsx")
    assert len(pages) >= 6
    text = pdf_text(pdf)
    assert all(f"团队工具包 · {p.zh}" in text for p in PARTS.values())
    assert "山野茶铺团队架构图" not in text  # the chart is a picture on the first page, not text
    assert "小雅" in pdf_text(pdf, 1)


def test_hostile_names_are_never_formulas(hostile_kit: Kit, tmp_path: Path) -> None:
    data = render_kit(hostile_kit, "xlsx")
    book = load_workbook(io.BytesIO(data))  # type: ignore[arg-type]
    for ws in book.worksheets:
        for row in ws.iter_rows():
            for c in row:
                if c.data_type == "f":
                    assert not any(h in c.value for h in HOSTILE) and "cmd" not in c.value
                elif isinstance(c.value, str) and c.value.lstrip("'").startswith(("=", "+", "-", "@", "\t")):
                    assert c.value.startswith("'"), c.value
    src = tmp_path / "hostile.xlsx"
    src.write_bytes(data)  # type: ignore[arg-type]
    calc = load_workbook(libreoffice(src, "xlsx", tmp_path / "calc"), data_only=True)
    names = [row[0] for row in calc["架构"].iter_rows(min_row=3, values_only=True) if row[0]]
    assert names[:4] == ["'" + h for h in HOSTILE]  # shown as text, not run
    html = str(render_kit(hostile_kit, "html"))
    assert "<script>alert" not in html and "&lt;script&gt;alert(1)&lt;/script&gt;" in html
    md = str(render_kit(hostile_kit, "md"))
    assert "<script>" not in md


def test_pdf_has_chinese_text_and_a_page_per_part(kit: Kit, tmp_path: Path) -> None:
    pdf = tmp_path / "kit.pdf"
    pdf.write_bytes(render_kit(kit, "pdf"))  # type: ignore[arg-type]
    n = page_count(pdf)
    pages_as_png(pdf, "pdf")
    first_page = {}
    for page in range(1, n + 1):
        lines = [line.strip() for line in pdf_text(pdf, page).splitlines()]
        for part in PARTS.values():
            if part.zh in lines:  # a part's heading alone on its line
                first_page.setdefault(part.zh, page)
    starts = [first_page[p.zh] for p in PARTS.values()]
    assert starts == sorted(set(starts)), first_page  # each part starts on a later page than the previous one
    assert "场控 + 中控" in pdf_text(pdf)


def test_html_is_self_contained_and_opens_in_chromium(kit: Kit, tmp_path: Path, browser: Browser) -> None:
    html = str(render_kit(kit, "html"))
    assert "data:image/svg+xml;base64," in html and 'src="http' not in html and "<link" not in html
    page_file = tmp_path / "kit.html"
    page_file.write_text(html, encoding="utf-8")
    page = browser.new_page()
    page.goto(page_file.as_uri())
    assert page.evaluate("document.querySelector('img.chart').naturalWidth") > 100
    assert page.locator("h2").all_inner_texts() == [p.zh for p in PARTS.values()]
    OUT.mkdir(parents=True, exist_ok=True)
    page.screenshot(path=str(OUT / "html.png"), full_page=False)
    page.close()


def test_markdown_has_every_part_and_the_chart(kit: Kit) -> None:
    md = str(render_kit(kit, "md"))
    assert [line[3:] for line in md.splitlines() if line.startswith("## ")] == [p.zh for p in PARTS.values()]
    assert "```mermaid\n---\ntitle:" in md and "| 合计 |  |  | 100% |" in md
    review = md.split("## 复盘")[1]
    assert "| 指标 | 负责人 | 方向 | 目标范围 | 本期目标 | 实际 | 差距 | 得分 | 原因 |" in review
    assert "| 问题 | 下次要改什么 | 负责人 | 截止时间 | 怎么验收 |" in review and "老周" in review


def test_formats_and_the_kit_command(tmp_path: Path, capsys) -> None:  # type: ignore[no-untyped-def]
    assert format_of("a.XLSX", None) == "xlsx" and format_of(None, "pdf") == "pdf"
    for bad in (("a.doc", None), (None, None), ("a.md", "docx")):
        with pytest.raises(UnsupportedFormat):
            format_of(*bad)
    team = str(ROOT / "examples" / "my-team.yaml")
    for name in ("kit.xlsx", "kit.md", "kit.html"):
        assert main(["kit", team, "-o", str(tmp_path / name), "--start", "19:00"]) == 0
        assert (tmp_path / name).stat().st_size > 1000
    assert main(["kit", team, "--format", "md", "--lang", "en"]) == 0
    assert "## Live SOP" in capsys.readouterr().out
    assert main(["kit", team, "--format", "pdf"]) == 2 and "二进制" in capsys.readouterr().err
    assert main(["kit", team, "-o", team]) == 2  # never over the input file (and .yaml is no kit format)


def test_a_chart_too_big_for_a_picture_leaves_a_note(kit: Kit) -> None:
    huge = msgspec.structs.replace(kit, chart=msgspec.structs.replace(kit.chart, width=200_000.0, height=200_000.0))
    org = load_workbook(io.BytesIO(render_kit(huge, "xlsx")))["架构"]  # type: ignore[arg-type]
    assert not org._images
    assert any("douyin-team chart" in str(c.value) for row in org.iter_rows() for c in row)


def test_every_format_carries_each_jobs_pay_hours_interview_and_30_day_plan(kit: Kit, tmp_path: Path) -> None:
    host = next(j for j in kit.jobs if j.posts == ["anchor"])
    musts = [host.pay_text[0], host.hours[0], host.interview[0], "第30天前：" + host.onboarding[-1].task]
    md, html = str(render_kit(kit, "md")), str(render_kit(kit, "html"))
    for text in (md, html.replace("&amp;", "&")):
        assert all(m in text for m in musts) and "面试问题" in text and "入职30天计划" in text
    pdf = tmp_path / "kit.pdf"
    pdf.write_bytes(render_kit(kit, "pdf"))  # type: ignore[arg-type]
    flat = "".join(pdf_text(pdf).split())
    assert all("".join(m.split()) in flat for m in (host.interview[0], host.onboarding[-1].task))
    sheet = load_workbook(io.BytesIO(render_kit(kit, "xlsx")))[PARTS["jobs"].zh]  # type: ignore[arg-type]
    rows = {(r[1], r[2]): r[3] for r in sheet.iter_rows(min_row=3, values_only=True) if r[2]}
    assert host.pay_text[0] in rows["主播", "薪资"] and host.hours[0] in rows["主播", "工作时间"]
    assert host.interview[0] in rows["主播", "面试问题"] and "第30天前：" in rows["主播", "入职30天计划"]
