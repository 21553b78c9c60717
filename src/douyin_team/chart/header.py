"""The chart's header: the title and the subtitle wrapped to the chart's width, and the legend row under them.

Both wrap with the cards' font metrics. A chart too narrow for its title on two lines widens, up to
TITLE_ROOM, to the narrowest canvas that takes it on two (or on three, if two are not enough even then); a
title longer than three lines of that is cut with … — the whole of it stays in `Chart.title`, which the
SVG's <title>, the PDF's metadata and the draw.io tooltip carry.
"""

from __future__ import annotations

from typing import Literal, NamedTuple

from .fonts import FontFace
from .linebreak import Breakable, Fitted
from .model import LegendItem, TextLine

TITLE_SIZE, SUBTITLE_SIZE, LEGEND_SIZE, SWATCH = 20.0, 12.0, 12.0, 12.0
FIRST_BASELINE, TITLE_LEAD, SUBTITLE_LEAD = 30.0, 28.0, 17.0  # the title's first baseline; baseline to baseline
TITLE_LINES, SUBTITLE_LINES = 3, 2
TEXT_X = 18.0  # the header's texts start this far from the left edge and end as far from the right one
MIN_WIDTH = 320.0
TITLE_ROOM = 720.0  # how wide a long title may make a narrow chart: about 34 Chinese characters a line

LegendKey = tuple[Literal["group", "vacancy", "dashed"], str, str]  # kind, colour, label


class Header(NamedTuple):
    """The header laid out: its lines and legend (positions from the chart's top-left), the title on one
    line as shown (cut with … like the drawn lines), and the canvas width and header height it needs."""

    title: list[TextLine]
    subtitle: list[TextLine]
    short_title: str
    legend: list[LegendItem]
    width: float
    height: float


def header(title: str, subtitle: str, keys: list[LegendKey], body_width: float, regular: FontFace,
           bold: FontFace) -> Header:
    """Wrap the title and subtitle for a chart whose boxes need `body_width`, and place the legend under them."""
    legend_width = TEXT_X + sum(SWATCH + 6 + regular.width(label, LEGEND_SIZE) + 18 for _, _, label in keys) + TEXT_X
    canvas = max(MIN_WIDTH, body_width, legend_width)
    heading = _title(bold, title, canvas - 2 * TEXT_X)
    room = max(canvas - 2 * TEXT_X, *(bold.width(line, TITLE_SIZE) for line in heading.lines))
    below = Breakable(regular, subtitle, SUBTITLE_SIZE).fit(room, SUBTITLE_LINES)
    title_lines = [TextLine(text, TEXT_X, FIRST_BASELINE + k * TITLE_LEAD, TITLE_SIZE, True)
                   for k, text in enumerate(heading.lines)]
    first = title_lines[-1].y + 18  # the subtitle's first baseline
    subtitle_lines = [TextLine(text, TEXT_X, first + k * SUBTITLE_LEAD, SUBTITLE_SIZE, False)
                      for k, text in enumerate(below.lines)]
    legend_y = subtitle_lines[-1].y + 12  # the swatches' top
    legend, x = [], TEXT_X
    for kind, color, label in keys:
        legend.append(LegendItem(kind, color, label, round(x, 2), legend_y))
        x += SWATCH + 6 + regular.width(label, LEGEND_SIZE) + 18
    widest = max([bold.width(t.text, TITLE_SIZE) for t in title_lines]
                 + [regular.width(t.text, SUBTITLE_SIZE) for t in subtitle_lines])
    # One line each: title at 30, subtitle at 48, legend at 60, and the chart starts at 84 (as it always did).
    return Header(title_lines, subtitle_lines, heading.shown, legend, max(canvas, widest + 2 * TEXT_X),
                  legend_y + SWATCH + 12)


def _title(face: FontFace, title: str, room: float) -> Fitted:
    """The title's lines: at this width if they are at most two, else at the narrowest width up to
    TITLE_ROOM that takes as few lines as TITLE_ROOM does (at least two); cut at TITLE_ROOM if it must be."""
    text = Breakable(face, title, TITLE_SIZE)
    here = text.fit(room, TITLE_LINES)
    widest = TITLE_ROOM - 2 * TEXT_X
    if len(here.lines) <= 2 or room >= widest:
        return here
    there = text.fit(widest, TITLE_LINES)
    if there.cut:
        return there
    target = max(2, len(there.lines))
    if not here.cut and len(here.lines) <= target:
        return here
    low, high = room, widest  # too narrow for `target` lines at low; enough at high
    while high - low > 1:
        middle = (low + high) / 2
        fitted = text.fit(middle, TITLE_LINES)
        if not fitted.cut and len(fitted.lines) <= target:
            high = middle
        else:
            low = middle
    return text.fit(high, TITLE_LINES)
