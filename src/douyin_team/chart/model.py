"""The chart as plain data: positioned cards, lines, frames and texts, and the options that drew them.

`build.py` builds a Chart from a team; the renderers in `render/` read only these types.
"""

from __future__ import annotations

from typing import Literal

import msgspec

from ..text import Lang

Orientation = Literal["vertical", "horizontal"]


LEGIBLE = 1 / 3  # below this zoom 12 px card text is under 4 px: a picture then shows bars, not words

class Theme(msgspec.Struct, frozen=True):
    """Colours of a chart."""

    name: str
    background: str
    text: str
    muted: str
    line: str
    vacancy_fill: str
    groups: dict[str, str]


# Each group its own colour: a mature plan shows 短视频组 inside 内容创作部 and 负责人 beside 运营管理部, and the
# legend must tell them apart (they were the same purple and the same blue).
THEMES = {
    "light": Theme("light", "#ffffff", "#1f2329", "#646a73", "#8f959e", "#fff7e6", {
        "lead": "#3370ff", "live": "#f54a45", "store": "#ff8800", "video": "#7f3bf5", "service_dept": "#00b3a0",
        "fulfillment_team": "#8d6e63", "merchandise_team": "#34c724", "data_dept": "#0fb5d4",
        "marketing_dept": "#e83e8c", "content_dept": "#9a8500", "operations_dept": "#1d3f8f"}),
    "print": Theme("print", "#ffffff", "#000000", "#333333", "#555555", "#f2f2f2", {}),
}


class TextLine(msgspec.Struct, frozen=True):
    """One line of text on a card, relative to the card's top-left corner (baseline y)."""

    text: str
    x: float
    y: float
    size: float
    bold: bool = False


class Card(msgspec.Struct, frozen=True):
    """One person (or open post) on the chart."""

    id: str
    name: str
    roles: list[str]
    group: str
    vacancy: bool
    x: float
    y: float
    w: float
    h: float
    lines: list[TextLine]
    color: str
    serves: list[str] = []


class Edge(msgspec.Struct, frozen=True):
    """A line between two cards (`report`) or from a card to another group it serves (`serves`, dashed)."""

    source: str
    target: str
    kind: Literal["report", "serves"]
    points: list[tuple[float, float]]


class Frame(msgspec.Struct, frozen=True, omit_defaults=True):
    """A department or group frame drawn around its members, labelled with its Chinese name. An `empty`
    frame is a small labelled box for a group someone also serves but nobody sits in (e.g. 抖店组 when
    only 中控 holds its posts), laid out below that person so the dashed line reaches it."""

    group: str
    name: str
    x: float
    y: float
    w: float
    h: float
    color: str
    empty: bool = False
    label: str = ""  # the name as drawn when it is wider than the frame: cut to fit, ending with …


class LegendItem(msgspec.Struct, frozen=True):
    """One key in the legend: a colour swatch (or `dashed` / `vacancy` sample) and its label, positioned."""

    kind: Literal["group", "vacancy", "dashed"]
    color: str
    label: str
    x: float
    y: float


class PostInfo(msgspec.Struct, frozen=True):
    """What a post on the chart is, for renderers that show details (the HTML side panel)."""

    name: str
    purpose: str
    before: list[str]
    during: list[str]
    after: list[str]
    kpis: list[str]


class Chart(msgspec.Struct, frozen=True):
    """A positioned org chart, ready for any renderer. `title` and `subtitle` are the whole texts; the
    `_lines` are what is drawn, wrapped to the chart's width (the title's last line cut with … when it is
    too long), and `short_title` is the title on one line as drawn."""

    title: str
    subtitle: str
    title_lines: list[TextLine]
    subtitle_lines: list[TextLine]
    short_title: str
    width: float
    height: float
    cards: list[Card]
    edges: list[Edge]
    frames: list[Frame]
    legend: list[LegendItem]
    theme: Theme
    font_family: str
    orientation: Orientation
    fonts: dict[str, tuple[str, int]]
    posts: dict[str, PostInfo]
    parents: list[int]
    scale: float = 2.0
    paper: Literal["A4", "A3"] = "A4"
    landscape: bool = False
    pdf_pages: Literal["tile", "department"] = "tile"


class ChartOptions(msgspec.Struct, frozen=True):
    """How to draw: orientation, compact leaf stacking, theme, language and the header texts."""

    orientation: Orientation = "vertical"
    compact: Literal["auto", "on", "off"] = "auto"
    theme: str = "light"
    lang: Lang = "zh"
    title: str | None = None
    date: str = ""
    scale: float = 2.0
    paper: Literal["A4", "A3"] = "A4"
    landscape: bool | None = None  # None: landscape when the chart is wider than tall
    pdf_pages: Literal["tile", "department"] = "tile"
