"""SVG: self-contained, with text drawn as glyph outlines from the chart's CJK font.

Outlines make the drawing look the same in every viewer and converter, with no font installed. Each
glyph is stored once in <defs> and placed with <use>. An invisible copy of every text stays in the SVG,
so it can still be searched, selected and read by screen readers.
"""

from __future__ import annotations

from collections import Counter
from html import escape
from typing import Literal

from ..fonts import FontFace, face_at, glyph_paths
from ..model import Card, Chart, Edge, Frame, LegendItem, TextLine
from .strokes import strokes

LABEL_SIZE = 12.0
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
    texts: list[Text] = [(t.x, t.y, t.text, t.size, True, theme.text) for t in chart.title_lines]
    texts += [(t.x, t.y, t.text, t.size, False, theme.muted) for t in chart.subtitle_lines]
    texts += [(i.x + 18, i.y + 10, i.label, LABEL_SIZE, False, theme.muted) for i in chart.legend]
    labels = [(f.x + 10, f.y + 15, f.label or f.name, LABEL_SIZE, True, f.color) for f in chart.frames]
    names = [f.name for f in chart.frames]  # a label's invisible copy: the whole name, though the label was cut
    said = [t[2] for t in texts] + ([] if interactive else names)  # what each text's invisible copy says
    if not interactive:
        texts += labels
    bodies = _Bodies(chart) if detail != "overview" else None
    # A text drawn more than once (post names, mostly) is defined once in <defs> and placed with <use>.
    counts = Counter((t[2], t[4]) for t in texts + (labels if interactive else []))
    used = {False: "", True: ""}  # the characters drawn, per face
    if bodies is not None:  # names are unique in a team: only the bodies' lines can repeat
        counts.update((t.text, t.bold) for lines in bodies.lines for t in lines)
        used[True] = "".join({t.text for c in chart.cards for t in c.lines if t.bold})  # bodies hold the rest
    shared = {key: f"t{n}" for n, key in enumerate(k for k, c in counts.items() if c > 1)}
    faces = {False: face_at(*chart.fonts["regular"]), True: face_at(*chart.fonts["bold"])}
    glyphs = {bold: glyph_paths(face, set(map(ord, set("".join([used[bold], *(text for text, b in counts if b == bold)])))))
              for bold, face in faces.items()}
    x, y, w, h = (_n(v) for v in view or (0, 0, chart.width, chart.height))
    paint = _Painter(faces, glyphs, shared)
    drawn = _sketches(chart, faces) if bodies is None else bodies.cards(paint, detail == "full")
    out = [f'<svg xmlns="http://www.w3.org/2000/svg" width="{w}" height="{h}" viewBox="{x} {y} {w} {h}" '
           f'role="img" aria-label="{escape(chart.title)}">',
           f"<title>{escape(chart.title)}</title>", "<defs>"]
    for bold, paths in glyphs.items():
        prefix = "b" if bold else "r"
        out += [f'<path id="{prefix}{cp:x}" d="{d}"/>' for cp, d in sorted(paths.items())]
    out += [f'<g id="{ref}">{paint.run(text, bold)}</g>' for (text, bold), ref in shared.items()]
    if bodies is not None:
        out += bodies.defs(paint)
    out.append("</defs>")
    out.append(f"<style>.h{{fill-opacity:0;font-size:12px;font-family:{escape(faces[False].family)},sans-serif}}</style>")
    out.append(f'<rect x="{x}" y="{y}" width="100%" height="100%" fill="{theme.background}"/>' if view else
               f'<rect width="100%" height="100%" fill="{theme.background}"/>')
    if interactive:
        out.append('<g id="world">')
    out += [_frame(f, f' id="f{k}"' if interactive else "") for k, f in enumerate(chart.frames)]
    # An overview leaves out the dashed serves lines: they cross the whole picture and cost resvg most.
    edges = [e for e in chart.edges if e.kind == "report"] if detail == "overview" else chart.edges
    out += _edges(edges, theme.line, interactive)
    out += drawn
    out += [_legend_mark(i) for i in chart.legend]
    out += [paint.text(*t) + (_hidden(t[0], t[1], text, t[3]) if detail == "full" else "")
            for t, text in zip(texts, said, strict=True)]
    if interactive:  # each frame's label in a <g> of its own: a collapse that re-lays out moves it
        out += [f'<g id="fl{k}">{paint.text(*t)}{_hidden(t[0], t[1], text, t[3])}</g>'
                for k, (t, text) in enumerate(zip(labels, names, strict=True))]
        out += _toggles(chart)
        out.append("</g>")
    out += ["</svg>", ""]  # the empty last item ends the file with a newline, without copying it again
    return "\n".join(out)


def _n(v: float) -> str:
    """A coordinate to 0.01 px, without trailing zeros (12.5, not 12.50; 40, not 40.00)."""
    return f"{v:.2f}".rstrip("0").rstrip(".")


class _Bodies:
    """What cards share: the box, colour bar and post lines of each size, colour, vacancy and posts are
    defined once in <defs> and placed with one <use>; only the name (and the invisible text) is per card.
    The cards sit in a <g> that gives the names their colour and the boxes their stroke width (which the
    interactive page raises on a search hit)."""

    def __init__(self, chart: Chart) -> None:
        self.chart = chart
        index: dict[tuple[float, float, bool, str, tuple[TextLine, ...]], int] = {}
        self.lines: list[tuple[TextLine, ...]] = []  # the post lines of each body
        self.boxes: list[Card] = []  # a card of each body, for its size and colour
        self.of: list[int] = []  # each card's body
        for c in chart.cards:
            posts = tuple([t for t in c.lines if not t.bold])
            key = (c.w, c.h, c.vacancy, c.color, posts)
            k = index.get(key)
            if k is None:
                k = index[key] = len(self.boxes)
                self.lines.append(posts)
                self.boxes.append(c)
            self.of.append(k)

    def defs(self, paint: _Painter) -> list[str]:
        """One <g id="cN"> per body."""
        theme, out = self.chart.theme, []
        for k, (c, lines) in enumerate(zip(self.boxes, self.lines, strict=True)):
            fill = theme.vacancy_fill if c.vacancy else theme.background
            dash = ' stroke-dasharray="4 3"' if c.vacancy else ""
            texts = "".join([paint.text(t.x, t.y, t.text, t.size, t.bold, theme.text if t.bold else theme.muted)
                             for t in lines])
            out.append(f'<g id="c{k}"><rect width="{_n(c.w)}" height="{_n(c.h)}" rx="6" fill="{fill}" '
                       f'stroke="{c.color}"{dash}/><rect y="6" width="4" height="{_n(c.h - 12)}" rx="2" '
                       f'fill="{c.color}"/>{texts}</g>')
        return out

    def cards(self, paint: _Painter, searchable: bool) -> list[str]:
        """Each card: a translated <g> with its body, its name, and (searchable) its invisible text."""
        opens = [f'<text class="h" x="10" y="{_n(c.h / 2)}">' for c in self.boxes]
        tails = [escape("".join([" " + t.text for t in lines]), quote=False) + "</text>" for lines in self.lines]
        out = [f'<g fill="{self.chart.theme.text}" stroke-width="1.5">']
        text, hidden = paint.text, ""
        for c, k in zip(self.chart.cards, self.of, strict=True):
            names = [t for t in c.lines if t.bold]
            if len(names) == 1:  # most cards: one name line
                t = names[0]
                drawn, label = text(t.x, t.y, t.text, t.size, True, ""), t.text
            else:
                drawn = "".join([text(t.x, t.y, t.text, t.size, True, "") for t in names])
                label = " ".join([t.text for t in names])
            if searchable:  # letters and digits (most names) need no escaping
                hidden = f"{opens[k]}{label if label.isalnum() else escape(label, quote=False)}{tails[k]}"
            # Two decimals (not _n): formatted in C, the fastest for 100,000 cards.
            out.append(f'<g class="card" id="{c.id}" transform="translate({c.x:.2f} {c.y:.2f})"><use href="#c{k}"/>'
                       f"{drawn}{hidden}</g>")
        out.append("</g>")
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
            bars.append(f"M{_n(c.x + t.x)} {_n(c.y + t.y - 0.8 * t.size)}h{_n(width)}v{_n(0.8 * t.size)}h{_n(-width)}z")
        fill, dash = (theme.vacancy_fill, ' stroke-dasharray="4 3"') if c.vacancy else (theme.background, "")
        out.append(f'<rect x="{_n(c.x)}" y="{_n(c.y)}" width="{_n(c.w)}" height="{_n(c.h)}" rx="6" fill="{fill}" '
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
        # Per face, character and advance: its whole <use> and its advance (names share most of these).
        self.placed: dict[bool, dict[tuple[str, int], tuple[str, int]]] = {False: {}, True: {}}

    def text(self, x: float, y: float, text: str, size: float, bold: bool, fill: str) -> str:
        """The text at (x, baseline y), as a <use> of its shared definition or a group of glyphs."""
        key = (x, y, size, bold, fill)
        place = self.places.get(key)
        if place is None:
            k = size / self.faces[bold].units_per_em
            paint = f' fill="{fill}"' if fill else ""  # "": the colour comes from the enclosing group
            place = self.places[key] = f'transform="matrix({k:.6g} 0 0 {-k:.6g} {_n(x)} {_n(y)})"{paint}'
        ref = self.shared.get((text, bold))
        if ref is not None:
            return f'<use href="#{ref}" {place}/>'
        return f"<g {place}>{self.run(text, bold)}</g>"

    def run(self, text: str, bold: bool) -> str:
        """One <use> per glyph, placed at its advance along the line (font units)."""
        uses, advance, placed = [], 0, self.placed[bold]
        for ch in text:
            use = placed.get((ch, advance))
            if use is None:
                ref, width = self.table[bold].get(ch) or self._glyph(ch, bold)
                if ref:
                    ref += f' x="{advance}"/>' if advance else "/>"
                use = placed[(ch, advance)] = ref, width
            uses.append(use[0])
            advance += use[1]
        return "".join(uses)

    def _glyph(self, ch: str, bold: bool) -> tuple[str, int]:
        """The start of the character's <use> ("" when the font has no outline for it) and its advance."""
        cp, face = ord(ch), self.faces[bold]
        ref = f'<use href="#{"b" if bold else "r"}{cp:x}"' if self.glyphs[bold].get(cp) else ""
        entry = self.table[bold][ch] = (ref, face.advances.get(cp, face.default_advance))
        return entry


def _hidden(x: float, y: float, text: str, size: float = 12.0) -> str:
    """Invisible real text over the outlines, so the SVG can be searched, selected and read aloud."""
    return f'<text class="h" x="{_n(x)}" y="{_n(y)}" font-size="{size:g}">{escape(text)}</text>'


def _frame(f: Frame, ident: str = "") -> str:
    return (f'<rect class="frame"{ident} x="{_n(f.x)}" y="{_n(f.y)}" '
            f'width="{_n(f.w)}" height="{_n(f.h)}" rx="10" fill="{f.color}" fill-opacity="0.05" '
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
    """Path data through the points, with H and V for the horizontal and vertical steps (two decimals, the
    fastest format for 100,000 lines)."""
    if len(points) == 3:  # most lines: from a manager's stub across and down (vertical) or down and across
        (ax, ay), (bx, by), (cx, cy) = points
        if ay == by and ax != bx == cx:
            return f"M{ax:.2f} {ay:.2f}H{bx:.2f}V{cy:.2f}"
        if ax == bx != cx and by == cy:
            return f"M{ax:.2f} {ay:.2f}V{by:.2f}H{cx:.2f}"
    px, py = points[0]
    d = f"M{px:.2f} {py:.2f}"
    for x, y in points[1:]:
        if x == px:
            d += f"V{y:.2f}"
        elif y == py:
            d += f"H{x:.2f}"
        else:
            d += f"L{x:.2f} {y:.2f}"
        px, py = x, y
    return d


def _legend_mark(i: LegendItem) -> str:
    if i.kind == "dashed":
        return (f'<line x1="{_n(i.x)}" y1="{_n(i.y + 6)}" x2="{_n(i.x + 12)}" y2="{_n(i.y + 6)}" '
                f'stroke="{i.color}" stroke-width="1.5" stroke-dasharray="3 2"/>')
    dash = ' stroke="#8f959e" stroke-dasharray="2 2"' if i.kind == "vacancy" else ""
    return f'<rect x="{_n(i.x)}" y="{_n(i.y)}" width="12" height="12" rx="2" fill="{i.color}"{dash}/>'


def _toggles(chart: Chart) -> list[str]:
    """A small ± button under every manager's card (the HTML page collapses the subtree on click)."""
    managers = {p for p in chart.parents if p >= 0}
    out = []
    for i in sorted(managers):
        c = chart.cards[i]
        cx, cy = c.x + c.w / 2, c.y + c.h
        out.append(f'<g class="toggle" data-card="{c.id}" role="button" aria-label="collapse">'
                   f'<circle cx="{_n(cx)}" cy="{_n(cy)}" r="7" fill="#ffffff" stroke="{c.color}"/>'
                   f'<path d="M{_n(cx - 4)} {_n(cy)}h8" stroke="{c.color}" stroke-width="1.5"/></g>')
    return out

