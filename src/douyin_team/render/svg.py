"""SVG: self-contained, with text drawn as glyph outlines from the chart's CJK font.

Outlines make the drawing look the same in every viewer and converter, with no font installed. Each
glyph is stored once in <defs> and placed with <use>. An invisible copy of every text stays in the SVG,
so it can still be searched, selected and read by screen readers.
"""

from __future__ import annotations

from collections import Counter
from html import escape
from typing import Literal

from ..chartmodel import Card, Chart, Edge, Frame, LegendItem, TextLine
from ..fonts import FontFace, face_at, glyph_paths
from .strokes import strokes

TITLE_SIZE, SUBTITLE_SIZE, LABEL_SIZE = 20.0, 12.0, 12.0
Text = tuple[float, float, str, float, bool, str]  # x, baseline y, text, size, bold, colour
# "full": glyphs and an invisible text copy (search, screen readers); "image": glyphs only (PNG);
# "overview": cards as boxes with bars for their texts, and only the reporting lines, for PNGs scaled
# down so far that no text could be read anyway.
Detail = Literal["full", "image", "overview"]


def render_svg(chart: Chart) -> str:
    """The chart as one SVG document (str)."""
    return svg_document(chart)


def svg_document(chart: Chart, interactive: bool = False, detail: Detail = "full",
                 view: tuple[float, float, float, float] | None = None) -> str:
    """The SVG; `interactive` wraps the drawing in <g id="world"> (pan and zoom) and adds collapse toggles;
    `view` (x, y, width, height) shows only that part of the chart (a tile of a big PNG)."""
    theme = chart.theme
    texts: list[Text] = [(18, 30, chart.title, TITLE_SIZE, True, theme.text),
                         (18, 48, chart.subtitle, SUBTITLE_SIZE, False, theme.muted)]
    texts += [(i.x + 18, i.y + 10, i.label, LABEL_SIZE, False, theme.muted) for i in chart.legend]
    texts += [(f.x + 10, f.y + 15, f.name, LABEL_SIZE, True, f.color) for f in chart.frames]
    # A text drawn more than once (post names, mostly) is defined once in <defs> and placed with <use>.
    counts = Counter((t[2], t[4]) for t in texts)
    if detail != "overview":
        counts.update((t.text, t.bold) for c in chart.cards for t in c.lines)
    shared = {key: f"t{n}" for n, key in enumerate(k for k, c in counts.items() if c > 1)}
    faces = {False: face_at(*chart.fonts["regular"]), True: face_at(*chart.fonts["bold"])}
    glyphs = {bold: glyph_paths(face, set(map(ord, set("".join([text for text, b in counts if b == bold])))))
              for bold, face in faces.items()}
    x, y, w, h = (f"{v:.2f}" for v in view or (0, 0, chart.width, chart.height))
    out = [f'<svg xmlns="http://www.w3.org/2000/svg" width="{w}" height="{h}" viewBox="{x} {y} {w} {h}" '
           f'role="img" aria-label="{escape(chart.title)}">',
           f"<title>{escape(chart.title)}</title>", "<defs>"]
    for bold, paths in glyphs.items():
        prefix = "b" if bold else "r"
        out += [f'<path id="{prefix}{cp:x}" d="{d}"/>' for cp, d in sorted(paths.items())]
    paint = _Painter(faces, glyphs, shared)
    out += [f'<g id="{ref}">{paint.run(text, bold)}</g>' for (text, bold), ref in shared.items()]
    out.append("</defs>")
    out.append(f"<style>.h{{fill-opacity:0;font-size:12px;font-family:{escape(faces[False].family)},sans-serif}}</style>")
    out.append(f'<rect x="{x}" y="{y}" width="100%" height="100%" fill="{theme.background}"/>' if view else
               f'<rect width="100%" height="100%" fill="{theme.background}"/>')
    if interactive:
        out.append('<g id="world">')
    out += [_frame(f) for f in chart.frames]
    # An overview leaves out the dashed serves lines: they cross the whole picture and cost resvg most.
    edges = [e for e in chart.edges if e.kind == "report"] if detail == "overview" else chart.edges
    out += _edges(edges, theme.line, interactive)
    out += _sketches(chart, faces) if detail == "overview" else _cards(chart, paint, detail == "full")
    out += [_legend_mark(i) for i in chart.legend]
    out += [paint.text(*t) + (_hidden(t[0], t[1], t[2], t[3]) if detail == "full" else "") for t in texts]
    if interactive:
        out += _toggles(chart)
        out.append("</g>")
    out.append("</svg>")
    return "\n".join(out) + "\n"


def _cards(chart: Chart, paint: _Painter, searchable: bool) -> list[str]:
    """Each card in a translated <g>: its texts are placed relative to the card, so a line drawn on many
    cards (a post name at the same place) is formatted once, and so is the box of each size and colour."""
    theme = chart.theme
    drawn: dict[TextLine, str] = {}
    boxes: dict[tuple[float, float, bool, str], tuple[str, str]] = {}
    out = []
    for c in chart.cards:
        box = boxes.get((c.w, c.h, c.vacancy, c.color))
        if box is None:
            box = boxes[(c.w, c.h, c.vacancy, c.color)] = _box(c, theme.background, theme.vacancy_fill)
        parts = [f'<g class="card" id="{c.id}" transform="translate({c.x:.2f} {c.y:.2f})">', box[0]]
        for t in c.lines:
            text = drawn.get(t)
            if text is None:
                text = drawn[t] = paint.text(t.x, t.y, t.text, t.size, t.bold, theme.text if t.bold else theme.muted)
            parts.append(text)
        if searchable:
            parts += [box[1], escape(" ".join([t.text for t in c.lines]), quote=False), "</text>"]
        parts.append("</g>")
        out.append("".join(parts))
    return out


def _sketches(chart: Chart, faces: dict[bool, FontFace]) -> list[str]:
    """Cards for an overview: the box, and each text line as a bar in one path — two elements a card and
    no glyphs, which is what resvg needs to draw a whole company quickly."""
    theme = chart.theme
    widths: dict[TextLine, float] = {}
    out = []
    for c in chart.cards:
        bars = []
        for t in c.lines:
            width = widths.get(t)
            if width is None:
                width = widths[t] = faces[t.bold].width(t.text, t.size)
            bars.append(f"M{c.x + t.x:.2f} {c.y + t.y - 0.8 * t.size:.2f}h{width:.2f}v{0.8 * t.size:.2f}h{-width:.2f}z")
        fill, dash = (theme.vacancy_fill, ' stroke-dasharray="4 3"') if c.vacancy else (theme.background, "")
        out.append(f'<rect x="{c.x:.2f}" y="{c.y:.2f}" width="{c.w:.2f}" height="{c.h:.2f}" rx="6" fill="{fill}" '
                   f'stroke="{c.color}" stroke-width="3"{dash}/><path d="{"".join(bars)}" fill="{theme.muted}" '
                   f'fill-opacity="0.5"/>')
    return out


class _Painter:
    """Text as glyph outlines: one <use> per glyph, a text drawn more than once defined once in <defs>
    (`shared`), and the opening tag of each placement formatted once."""

    def __init__(self, faces: dict[bool, FontFace], glyphs: dict[bool, dict[int, str]],
                 shared: dict[tuple[str, bool], str]) -> None:
        self.faces, self.glyphs, self.shared = faces, glyphs, shared
        self.places: dict[tuple[float, float, float, bool, str], str] = {}
        # Per face and character: the start of its <use> ("" when the font has no outline) and its advance.
        self.table: dict[bool, dict[str, tuple[str, int]]] = {False: {}, True: {}}

    def text(self, x: float, y: float, text: str, size: float, bold: bool, fill: str) -> str:
        """The text at (x, baseline y), as a <use> of its shared definition or a group of glyphs."""
        key = (x, y, size, bold, fill)
        place = self.places.get(key)
        if place is None:
            k = size / self.faces[bold].units_per_em
            place = self.places[key] = f'transform="translate({x:.2f} {y:.2f}) scale({k:.6g} {-k:.6g})" fill="{fill}"'
        ref = self.shared.get((text, bold))
        if ref is not None:
            return f'<use href="#{ref}" {place}/>'
        return f"<g {place}>{self.run(text, bold)}</g>"

    def run(self, text: str, bold: bool) -> str:
        """One <use> per glyph, placed at its advance along the line (font units)."""
        table = self.table[bold]
        for ch in text:
            if ch not in table:
                cp, face = ord(ch), self.faces[bold]
                ref = f'<use href="#{"b" if bold else "r"}{cp:x}" x="' if self.glyphs[bold].get(cp) else ""
                table[ch] = (ref, face.advances.get(cp, face.default_advance))
        uses, advance = [], 0
        for ch in text:
            ref, width = table[ch]
            if ref:
                uses.append(f'{ref}{advance}"/>')
            advance += width
        return "".join(uses)


def _hidden(x: float, y: float, text: str, size: float = 12.0) -> str:
    """Invisible real text over the outlines, so the SVG can be searched, selected and read aloud."""
    return f'<text class="h" x="{x:.2f}" y="{y:.2f}" font-size="{size:g}">{escape(text)}</text>'


def _frame(f: Frame) -> str:
    return (f'<rect class="frame" x="{f.x:.2f}" y="{f.y:.2f}" '
            f'width="{f.w:.2f}" height="{f.h:.2f}" rx="10" fill="{f.color}" fill-opacity="0.05" '
            f'stroke="{f.color}" stroke-opacity="0.5"/>')


def _edges(edges: list[Edge], color: str, interactive: bool) -> list[str]:
    """Lines as few <path>s: one per kind in plain SVG, one per manager and kind in the interactive page
    (so a collapsed subtree hides its lines); shared stubs and spines once (see strokes.py)."""
    groups: dict[tuple[str, str], list[Edge]] = {}
    for e in edges:
        groups.setdefault((e.kind, e.source if interactive else ""), []).append(e)
    out = []
    for (kind, _), group in groups.items():
        ids = f' data-from="{group[0].source}" data-to="{group[0].target}"' if interactive else ""
        dash = ' stroke-dasharray="5 4"' if kind == "serves" else ""
        d = "".join([_polyline(points) for points in strokes(group)])
        out.append(f'<path class="edge {kind}"{ids} d="{d}" fill="none" stroke="{color}" stroke-width="1.2"{dash}/>')
    return out


def _polyline(points: list[tuple[float, float]]) -> str:
    """Path data through the points, with H and V for the horizontal and vertical steps."""
    px, py = points[0]
    d = [f"M{px:.2f} {py:.2f}"]
    for x, y in points[1:]:
        d.append(f"V{y:.2f}" if x == px else f"H{x:.2f}" if y == py else f"L{x:.2f} {y:.2f}")
        px, py = x, y
    return "".join(d)



def _box(c: Card, background: str, vacancy_fill: str) -> tuple[str, str]:
    """A card's frame and colour bar, and the start of its invisible text (filled in by the caller)."""
    fill = vacancy_fill if c.vacancy else background
    dash = ' stroke-dasharray="4 3"' if c.vacancy else ""
    return (f'<rect width="{c.w:.2f}" height="{c.h:.2f}" rx="6" fill="{fill}" stroke="{c.color}" stroke-width="1.5"{dash}/>'
            f'<rect y="6" width="4" height="{c.h - 12:.2f}" rx="2" fill="{c.color}"/>',
            f'<text class="h" x="10.00" y="{c.h / 2:.2f}" font-size="12">')


def _legend_mark(i: LegendItem) -> str:
    if i.kind == "dashed":
        return (f'<line x1="{i.x:.2f}" y1="{i.y + 6:.2f}" x2="{i.x + 12:.2f}" y2="{i.y + 6:.2f}" '
                f'stroke="{i.color}" stroke-width="1.5" stroke-dasharray="3 2"/>')
    dash = ' stroke="#8f959e" stroke-dasharray="2 2"' if i.kind == "vacancy" else ""
    return f'<rect x="{i.x:.2f}" y="{i.y:.2f}" width="12" height="12" rx="2" fill="{i.color}"{dash}/>'


def _toggles(chart: Chart) -> list[str]:
    """A small ± button under every manager's card (the HTML page collapses the subtree on click)."""
    managers = {p for p in chart.parents if p >= 0}
    out = []
    for i in sorted(managers):
        c = chart.cards[i]
        cx, cy = c.x + c.w / 2, c.y + c.h
        out.append(f'<g class="toggle" data-card="{c.id}" role="button" aria-label="collapse">'
                   f'<circle cx="{cx:.2f}" cy="{cy:.2f}" r="7" fill="#ffffff" stroke="{c.color}"/>'
                   f'<path d="M{cx - 4:.2f} {cy:.2f}h8" stroke="{c.color}" stroke-width="1.5"/></g>')
    return out

