"""The kit as an Excel workbook (openpyxl): one sheet per part, header rows frozen, widths that fit Chinese
text, real formulas for scores and totals, printed on A4 fitted to the page width.

Text from the team file (names, the merchant) may start with = + - @ or a tab/CR, which a spreadsheet
would run as a formula: every string cell is written as text and such strings get a leading apostrophe.
"""

from __future__ import annotations

import io
import math
import unicodedata
from typing import Any

from ...staffing import on_air_text
from ...text import Lang
from ..build import Kit
from ..jd import hiring_sections
from ..labels import people_label
from ..scorecard import direction_text, target_label
from ..sop import PHASE_NAMES, crew_text, owner_text, sheet_title
from . import PARTS
from .blocks import cost_basis, headers, t

FORMULA_START = ("=", "+", "-", "@", "\t", "\r")
MAX_WIDTH = 50  # characters of Latin width; longer text wraps
NUMBER_WIDTH = 8  # a number's cell is at least this wide, so its formatted value never shows as ###
LINE_HEIGHT = 16.5
ONE_PAGE_ROWS = 40
PICTURE_WIDTH = 900  # px the org chart takes in the sheet
PERCENT, MONEY = "0%", "#,##0"
UNIT_FORMATS = {"percent": "0.0%", "ratio": "0.00", "cny": "#,##0", "price": "#,##0.00", "seconds": "0", "hours": "0.#", "count": "0",
                "number": "0.#", "score": "0.#"}


def render_xlsx(kit: Kit) -> bytes:
    """The workbook as bytes."""
    from openpyxl import Workbook

    book = Workbook()
    book.remove(book.active)
    lang = kit.lang
    _org(book.create_sheet(PARTS["org"].get(lang)), kit)
    _jobs(book.create_sheet(PARTS["jobs"].get(lang)), kit)
    _kpis(book.create_sheet(PARTS["kpis"].get(lang)), kit)
    _sop(book.create_sheet(PARTS["sop"].get(lang)), kit)
    _review(book.create_sheet(PARTS["review"].get(lang)), kit)
    if kit.shifts is not None:
        _shifts(book.create_sheet(PARTS["shifts"].get(lang)), kit)
    _budget(book.create_sheet(PARTS["budget"].get(lang)), kit)
    for sheet in book.worksheets:
        _finish(sheet)
    out = io.BytesIO()
    book.save(out)
    return out.getvalue()


def safe(text: str) -> str:
    """User text that no spreadsheet will run as a formula."""
    return "'" + text if text.startswith(FORMULA_START) else text


def put(ws: Any, row: int, col: int, value: object, fmt: str | None = None, bold: bool = False) -> Any:
    """Write one cell: strings always as text (neutralised), numbers as numbers, `formula(...)` as formulas."""
    from openpyxl.styles import Alignment, Font

    cell = ws.cell(row=row, column=col)
    if isinstance(value, Formula):
        cell.value = value.text
    elif isinstance(value, str):
        cell.value = safe(value)
        cell.data_type = "s"
    else:
        cell.value = value
    if fmt:
        cell.number_format = fmt
    cell.alignment = Alignment(wrap_text=True, vertical="top")
    if bold:
        cell.font = Font(bold=True)
    return cell


class Formula:
    """A spreadsheet formula we wrote ourselves (never user text)."""

    def __init__(self, text: str) -> None:
        self.text = text


def _title(ws: Any, kit: Kit, title: str, cols: list[str]) -> None:
    """Row 1: the sheet's title; row 2: column headers (both frozen and repeated on every printed page)."""
    from openpyxl.styles import Alignment, Font, PatternFill

    head = put(ws, 1, 1, f"{kit.title} · {title}")
    head.font = Font(bold=True, size=14)
    head.alignment = Alignment(wrap_text=False)  # the title runs over the empty cells to its right
    ws.row_dimensions[1].height = 24
    for c, name in enumerate(cols, 1):
        put(ws, 2, c, name, bold=True).fill = PatternFill("solid", fgColor="EEF3FF")
    ws.freeze_panes = "A3"
    ws.print_title_rows = "1:2"


def _bracketed(text: str, note: str, lang: Lang) -> str:
    """'组织架构（成长阶段）', or 'Organisation (Growth)' in English."""
    return f"{text}（{note}）" if lang == "zh" else f"{text} ({note})"


def _org(ws: Any, kit: Kit) -> None:
    lang = kit.lang
    _title(ws, kit, _bracketed(PARTS['org'].get(lang), kit.stage_name, lang), headers("org", lang))
    sep = "、" if lang == "zh" else ", "
    for r, row in enumerate(kit.org, 3):
        status = t("待招聘", "To hire", lang) if row.vacancy else t("在岗", "In post", lang)
        values: list[object] = [row.name, sep.join(row.posts), sep.join(row.groups), row.reports_to or "", status]
        for c, value in enumerate(values, 1):
            put(ws, r, c, value)
        put(ws, r, 6, row.monthly_cost if row.monthly_cost is not None else "", MONEY)
        put(ws, r, 7, cost_basis(row.cost_basis, lang))
    _picture(ws, kit, f"A{len(kit.org) + 5}")


def _picture(ws: Any, kit: Kit, anchor: str) -> None:
    """The org chart from the chart engine, as a PNG under the table (shown about 900 px wide, drawn at up to
    twice that for sharp screens). A chart whose text would be unreadable at that size gets a note instead."""
    import msgspec
    from openpyxl.drawing.image import Image

    from ...chart import LEGIBLE
    from ...chart.render import render

    scale = min(kit.chart.scale, 2 * PICTURE_WIDTH / kit.chart.width)
    if scale < LEGIBLE:
        put(ws, ws.max_row + 2, 1, t("架构图太大，放进表格就看不清：请用 douyin-team chart 导出 PDF 或 SVG",
                                     "The chart is too large to read in the sheet: export it with "
                                     "douyin-team chart as PDF or SVG", kit.lang))
        return
    png = render(msgspec.structs.replace(kit.chart, scale=scale), "png")
    assert isinstance(png, bytes)
    image = Image(io.BytesIO(png))
    shrink = min(1.0, PICTURE_WIDTH / image.width)
    image.width, image.height = image.width * shrink, image.height * shrink
    ws.add_image(image, anchor)


def _jobs(ws: Any, kit: Kit) -> None:
    lang = kit.lang
    _title(ws, kit, PARTS["jobs"].get(lang), [t("人员", "Person", lang), t("岗位", "Posts", lang),
                                             t("项目", "Item", lang), t("内容", "Content", lang)])
    r = 3
    for jd in kit.jobs:
        items = [(t("汇报对象", "Reports to", lang), jd.reports_to or ["—"]),
                 (t("下属", "Manages", lang), [people_label(jd.manages, lang, 20) or "—"]),
                 *hiring_sections(jd, lang, first=True), (t("岗位目的", "Purpose", lang), jd.purpose),
                 *((PHASE_NAMES[p].get(lang), getattr(jd, p)) for p in PHASE_NAMES),
                 (t("技能", "Skills", lang), jd.skills), (t("任职要求", "Requirements", lang), jd.requirements),
                 (t("考核指标", "KPIs", lang), jd.kpis), *hiring_sections(jd, lang, first=False)]
        for label, lines in items:
            who = people_label(jd.holders, lang)
            for c, value in enumerate([who, jd.title, label, "\n".join(f"• {x}" for x in lines or ["—"])], 1):
                put(ws, r, c, value, bold=c == 1)
            r += 1


def score_formula(direction: str, goal: str, actual: str, cap: float, floor: float) -> Formula:
    """A line's score as a formula: actual ÷ goal, or goal ÷ actual when lower is better, between floor and cap;
    empty until both figures are filled in (the same rule as `scorecard.line_score`)."""
    if direction == "higher":
        body = f"IF(N({goal})<=0,\"\",MIN({cap:g},MAX({floor:g},{actual}/{goal})))"
    else:
        body = f"IF(N({actual})<=0,{cap:g},MIN({cap:g},MAX({floor:g},{goal}/{actual})))"
    return Formula(f'=IF(OR({goal}="",{actual}=""),"",{body})')


def _kpis(ws: Any, kit: Kit) -> None:
    """One block per person: weight (data), 目标 and 实际 to fill in, 得分 and the card's total as formulas.
    A metric that appears again on the same card (under another post) takes its actual from the first row."""
    from openpyxl.styles import PatternFill

    lang = kit.lang
    _title(ws, kit, _bracketed(PARTS['kpis'].get(lang), kit.stage_name, lang), headers("kpis", lang))
    fill = PatternFill("solid", fgColor="FFF7E6")  # the cells a merchant fills in
    r = 3
    for card in kit.scorecards:
        put(ws, r, 1, f"{people_label(card.holders, lang)} · {' + '.join(card.posts)}", bold=True)
        first, last = r + 1, r + len(card.lines)
        seen: dict[str, int] = {}
        for k, x in enumerate(card.lines, first):
            values = [x.post, ("★ " if x.purpose else "") + x.name, direction_text(x.direction, lang)]
            for c, value in enumerate(values, 1):
                put(ws, k, c, value, bold=x.purpose and c == 2)
            put(ws, k, 4, x.weight / 100, PERCENT)
            put(ws, k, 5, target_label(x, lang))
            put(ws, k, 6, x.goal if x.goal is not None else "", UNIT_FORMATS[x.unit]).fill = fill
            again = seen.setdefault(x.metric, k)
            actual = Formula(f'=IF(G{again}="","",G{again})') if again != k else ""
            put(ws, k, 7, actual, UNIT_FORMATS[x.unit]).fill = fill
            put(ws, k, 8, score_formula(x.direction, f"F{k}", f"G{k}", card.cap, card.floor), PERCENT)
            put(ws, k, 9, Formula(f'=IF(ISNUMBER(H{k}),D{k}*H{k},"")'), "0.0%")
            for c, value in enumerate([x.note or "—", x.basis, x.data_source, x.definition, x.formula or "—"], 10):
                put(ws, k, c, value)
        put(ws, last + 1, 1, t("合计", "Total", lang), bold=True)
        put(ws, last + 1, 4, Formula(f"=SUM(D{first}:D{last})"), PERCENT, bold=True)
        put(ws, last + 1, 7, t("总分", "Score", lang), bold=True)
        scored = f"SUMPRODUCT(ISNUMBER(H{first}:H{last})*D{first}:D{last})"
        put(ws, last + 1, 8, Formula(f'=IF({scored}=0,"",SUM(I{first}:I{last})/{scored})'), PERCENT, bold=True)
        r = last + 3


def _review(ws: Any, kit: Kit) -> None:
    """The 复盘 sheet: per metric 本期目标 and 实际 to fill in, 差距 and 得分 as formulas; then the changes for
    next time, whose 负责人 is picked from the team (a list kept in column K)."""
    from openpyxl.styles import PatternFill
    from openpyxl.worksheet.datavalidation import DataValidation

    lang, review = kit.lang, kit.review
    _title(ws, kit, PARTS["review"].get(lang), headers("review", lang))
    fill = PatternFill("solid", fgColor="FFF7E6")
    for r, x in enumerate(review.rows, 3):
        for c, value in enumerate([x.name, people_label(x.owners, lang), x.direction_text, x.goal_text], 1):
            put(ws, r, c, value)
        put(ws, r, 5, x.goal if x.goal is not None else "", UNIT_FORMATS[x.unit]).fill = fill
        put(ws, r, 6, "", UNIT_FORMATS[x.unit]).fill = fill
        put(ws, r, 7, Formula(f'=IF(OR(E{r}="",F{r}=""),"",F{r}-E{r})'), UNIT_FORMATS[x.unit])
        put(ws, r, 8, score_formula(x.direction, f"E{r}", f"F{r}", review.cap, review.floor), PERCENT)
        put(ws, r, 9, "").fill = fill
    r = len(review.rows) + 4
    put(ws, r, 1, t("复盘对象（场次或周）", "Reviewing (session or week)", lang), bold=True)
    put(ws, r, 2, "").fill = fill
    put(ws, r, 3, t("日期", "Date", lang), bold=True)
    put(ws, r, 4, "").fill = fill
    put(ws, r + 1, 1, review.guide)
    head = r + 3
    for c, name in enumerate(headers("actions", lang), 1):
        put(ws, head, c, name, bold=True)
    put(ws, 2, 11, t("团队成员", "Team", lang), bold=True)
    for k, name in enumerate(review.people, 3):
        put(ws, k, 11, name)
    owners = DataValidation(type="list", formula1=f"$K$3:$K${max(len(review.people), 1) + 2}", allow_blank=True)
    ws.add_data_validation(owners)
    for k in range(head + 1, head + 1 + review.action_rows):
        for c in range(1, 6):
            put(ws, k, c, "").fill = fill
        owners.add(f"C{k}")


def _sop(ws: Any, kit: Kit) -> None:
    """Every session's run sheet on one sheet: a bold title row per session (room, time, crew), then its lines;
    the room and session columns let the filter show one session."""
    lang = kit.lang
    cols = [t("直播间", "Room", lang), t("场次", "Session", lang), *headers("sop", lang)]
    _title(ws, kit, _bracketed(PARTS['sop'].get(lang), t('每场一张流程表', 'one run sheet per session', lang), lang), cols)
    r = 3
    for sheet in kit.sop.sheets:
        put(ws, r, 1, sheet_title(sheet, lang) + t("　", " · ", lang) + crew_text(sheet, lang), bold=True)
        for note in sheet.notes:
            r += 1
            put(ws, r, 1, note)
        for x in sheet.lines:
            r += 1
            values: list[object] = [sheet.room, f"{sheet.start}–{sheet.end}", PHASE_NAMES[x.phase].get(lang), x.when,
                                    x.offset, x.clock, x.task, x.post, owner_text(x, lang)]
            for c, value in enumerate(values, 1):
                put(ws, r, c, value)
        r += 2
    ws.auto_filter.ref = f"A2:I{max(r - 2, 3)}"


def _shifts(ws: Any, kit: Kit) -> None:
    assert kit.shifts is not None
    lang, table = kit.lang, kit.shifts
    _title(ws, kit, PARTS["shifts"].get(lang), headers("shifts", lang))
    missing = t("（缺）", "(missing)", lang)
    for r, s in enumerate(table.slots, 3):
        for c, value in enumerate([s.day, f"{s.start}–{s.end}", s.host or missing, on_air_text(s, lang)], 1):
            put(ws, r, c, value)
    r = len(table.slots) + 4
    for note in table.notes:
        put(ws, r, 1, note)
        r += 1


def _budget(ws: Any, kit: Kit) -> None:
    """Per person and post: 岗位月成本 = the person's cost × this post's hours ÷ all their hours (a formula)."""
    lang, b = kit.lang, kit.budget
    _title(ws, kit, PARTS["budget"].get(lang), headers("budget", lang))
    first, last = 3, 2 + len(b.lines)
    for r, x in enumerate(b.lines, first):
        put(ws, r, 1, x.person)
        put(ws, r, 2, x.post)
        put(ws, r, 4, x.person_cost if x.person_cost is not None else 0, MONEY)
        if x.hours is None:  # work bought outside: its fee is the cost
            put(ws, r, 5, x.cost or 0, MONEY)
            continue
        put(ws, r, 3, x.hours, "0.#")
        put(ws, r, 5, Formula(f"=IF(SUMIF($A${first}:$A${last},A{r},$C${first}:$C${last})=0,0,"
                              f"D{r}*C{r}/SUMIF($A${first}:$A${last},A{r},$C${first}:$C${last}))"), MONEY)
    total, sales = last + 1, last + 2
    put(ws, total, 1, t("合计", "Total", lang), bold=True)
    put(ws, total, 5, Formula(f"=SUM(E{first}:E{last})"), MONEY, bold=True)
    put(ws, sales, 1, t("月销售额（元）", "Monthly sales (CNY)", lang), bold=True)
    put(ws, sales, 5, b.monthly_sales if b.monthly_sales is not None else "", MONEY)
    put(ws, sales + 1, 1, t("人力成本占月销", "Labour cost / sales", lang), bold=True)
    put(ws, sales + 1, 5, Formula(f'=IF(N(E{sales})=0,"",E{total}/E{sales})'), "0.0%", bold=True)
    r = sales + 3
    for c, name in enumerate([t("岗位", "Post", lang), t("月成本（元）", "Monthly cost", lang),
                              t("占总成本", "Share of cost", lang)], 1):
        put(ws, r, c, name, bold=True)
    for k, post in enumerate(b.per_post, r + 1):
        put(ws, k, 1, post)
        put(ws, k, 2, Formula(f"=SUMIF($B${first}:$B${last},A{k},$E${first}:$E${last})"), MONEY)
        put(ws, k, 3, Formula(f'=IF(N($E${total})=0,"",B{k}/$E${total})'), "0.0%")


def text_width(text: str) -> int:
    """Display width in Latin characters: CJK and other wide characters count two."""
    return sum(2 if unicodedata.east_asian_width(ch) in "WF" else 1 for ch in text)


def _finish(ws: Any) -> None:
    """Column widths that fit the text (capped, then wrapped), row heights for wrapped lines, A4 print set-up."""
    from openpyxl.utils import get_column_letter

    widths: dict[int, int] = {}
    for row in ws.iter_rows(min_row=2):
        for cell in row:
            if cell.value is not None and not str(cell.value).startswith("="):
                longest = max(text_width(line) for line in str(cell.value).split("\n"))
                if isinstance(cell.value, (int, float)):
                    longest = max(longest, NUMBER_WIDTH)  # as formatted: 100.0%, 12,345
                widths[cell.column] = max(widths.get(cell.column, 6), min(longest + 2, MAX_WIDTH))
    for col, width in widths.items():
        ws.column_dimensions[get_column_letter(col)].width = width
    for row in ws.iter_rows(min_row=3):
        lines = max((sum(math.ceil(max(text_width(part), 1) / max(widths.get(c.column, 10) - 2, 1))
                         for part in str(c.value).split("\n")) for c in row if c.data_type == "s" and c.value), default=1)
        if lines > 1:
            ws.row_dimensions[row[0].row].height = LINE_HEIGHT * lines
    ws.page_setup.paperSize = ws.PAPERSIZE_A4
    ws.page_setup.orientation = "landscape" if len(widths) > 5 else "portrait"
    ws.page_setup.fitToWidth = 1
    ws.page_setup.fitToHeight = 1 if ws.max_row <= ONE_PAGE_ROWS and ws._images else 0  # the chart stays whole
    ws.sheet_properties.pageSetUpPr.fitToPage = True
    ws.print_options.horizontalCentered = True
    ws.page_margins.left = ws.page_margins.right = 0.4
