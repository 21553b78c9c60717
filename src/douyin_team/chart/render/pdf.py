"""PDF for print: vector drawing on A4 or A3 pages, portrait or landscape, tiled over pages when the chart
is too big to read on one. Written directly (no converter): boxes and lines as PDF paths, text as the
font's glyph outlines stored once each as form XObjects, so the file needs no font and stays small.

Over the outlines lies the same text, invisible (render mode 3), in a font that maps each character code
to its Unicode value (ToUnicode): viewers can search, select and copy it, and `pdftotext` reads it. That
font is not embedded — nothing is ever painted with it — so it costs a few hundred bytes."""

from __future__ import annotations

import math
import re
import zlib

from ... import progress
from ..fonts import FontFace, face_at, glyph_paths
from ..linebreak import ELLIPSIS, ellipsized
from ..model import Chart
from .strokes import strokes

PAPERS = {"A4": (595.28, 841.89), "A3": (841.89, 1190.55)}
MARGIN, FOOTER, FOOTER_SIZE = 28.0, 16.0, 9.0
MAX_SCALE = 2.0  # a small chart fills the page (at most twice its size on screen: 12 px text → 24 pt)
READABLE = 0.5  # below this many points per chart pixel (12 px text → 6 pt) the chart is tiled instead
TILE_SCALE = 0.6
TOKEN = re.compile(r"[MLHVCQZ]|-?(?:\d+\.?\d*|\.\d+)(?:e-?\d+)?", re.I)


def render_pdf(chart: Chart) -> bytes:
    """The chart as PDF bytes: one page when it is readable there, else tiles with a page label each;
    with `pdf_pages="department"`, an overview page and then one page per department or group frame."""
    pw, ph = PAPERS[chart.paper]
    if chart.landscape:
        pw, ph = ph, pw
    aw, ah = pw - 2 * MARGIN, ph - 2 * MARGIN - FOOTER
    doc = _Document()
    glyphs, used = _glyph_forms(doc, chart)
    fonts = {bold: _text_font(doc, face_at(*chart.fonts["bold" if bold else "regular"]), cps)
             for bold, cps in used.items()}
    scene = _Scene(chart, glyphs)
    views = _department_views(chart, aw, ah) if chart.pdf_pages == "department" else _tiles(chart, aw, ah)
    for k, (label, (x, y, w, h), scale) in enumerate(views):
        ops = [f"1 0 0 -1 0 {ph:.2f} cm", f"q 1 0 0 1 {MARGIN} {MARGIN} cm 0 0 {aw:.2f} {ah:.2f} re W n",
               f"{scale:.5f} 0 0 {scale:.5f} {-x * scale:.3f} {-y * scale:.3f} cm",
               f"{x:.2f} {y:.2f} {w:.2f} {h:.2f} re W n", *scene.draw((x, y, w, h)), "Q"]
        if len(views) > 1:
            footer = ellipsized(scene.faces[False], f"{k + 1}/{len(views)}  {label}", FOOTER_SIZE, aw)
            ops += scene.text(MARGIN, ph - MARGIN + 4, footer, FOOTER_SIZE, False, "#646a73")
        doc.page(pw, ph, "\n".join(ops))
        progress.report(k + 1, len(views), progress.PAGES)
    return doc.finish(glyphs, fonts, chart.title)


View = tuple[str, tuple[float, float, float, float], float]


def _tiles(chart: Chart, aw: float, ah: float) -> list[View]:
    """One page if the text stays readable, else a grid of tiles at TILE_SCALE, labelled (row, column)."""
    fit = min(aw / chart.width, ah / chart.height, MAX_SCALE)
    scale = fit if fit >= READABLE else TILE_SCALE
    cols, rows = math.ceil(chart.width * scale / aw - 1e-9), math.ceil(chart.height * scale / ah - 1e-9)
    if cols == rows == 1:  # one page: the chart centred on it
        w, h = aw / scale, ah / scale
        return [(chart.title, ((chart.width - w) / 2, (chart.height - h) / 2, w, h), scale)]
    return [(f"({r + 1}, {c + 1})  {chart.title}", (c * aw / scale, r * ah / scale, aw / scale, ah / scale), scale)
            for r in range(rows) for c in range(cols)]


def _department_views(chart: Chart, aw: float, ah: float) -> list[View]:
    """The whole chart fitted on one page, then each frame (department or group) on a page of its own
    (not the box of a group nobody sits in: it has nothing to show)."""
    def fitted(label: str, x: float, y: float, w: float, h: float) -> View:
        return label, (x, y, w, h), min(aw / w, ah / h, MAX_SCALE)

    views = [fitted(chart.title, 0, 0, chart.width, chart.height)]
    views += [fitted(f.name, f.x - 8, f.y - 8, f.w + 16, f.h + 16) for f in chart.frames if not f.empty]
    return views


class _Document:
    """The few PDF objects we need: catalog, pages, content streams, form XObjects, and the xref table."""

    def __init__(self) -> None:
        self.objects: list[bytes] = [b"", b"", b""]  # 1 catalog, 2 pages, 3 shared resources: filled in last
        self.pages: list[int] = []

    def add(self, body: bytes) -> int:
        self.objects.append(body)
        return len(self.objects)

    def stream(self, data: str, extra: str = "") -> int:
        packed = zlib.compress(data.encode("latin-1"))
        return self.add(f"<< /Length {len(packed)} /Filter /FlateDecode {extra}>>\nstream\n".encode()
                        + packed + b"\nendstream")

    def page(self, w: float, h: float, content: str) -> None:
        contents = self.stream(content)
        self.pages.append(self.add(f"<< /Type /Page /Parent 2 0 R /MediaBox [0 0 {w:.2f} {h:.2f}] "
                                   f"/Resources 3 0 R /Contents {contents} 0 R >>".encode()))

    def finish(self, glyphs: dict[tuple[bool, int], int], fonts: dict[bool, int], title: str) -> bytes:
        """The file: the objects, the cross-reference table, and the document's title in its metadata (the
        whole title, which the drawing may have cut with …)."""
        info = self.add(f"<< /Title {_text_string(title)} /Producer (douyin-team) >>".encode())
        xobjects = " ".join(f"/G{'b' if b else 'r'}{cp:x} {obj} 0 R" for (b, cp), obj in glyphs.items())
        font_refs = " ".join(f"/T{'b' if b else 'r'} {obj} 0 R" for b, obj in fonts.items())
        self.objects[0] = b"<< /Type /Catalog /Pages 2 0 R >>"
        kids = " ".join(f"{p} 0 R" for p in self.pages)
        self.objects[1] = f"<< /Type /Pages /Kids [{kids}] /Count {len(self.pages)} >>".encode()
        self.objects[2] = f"<< /XObject << {xobjects} >> /Font << {font_refs} >> >>".encode()
        body = self.objects
        out, offsets = bytearray(b"%PDF-1.4\n%\xe2\xe3\xcf\xd3\n"), []
        for i, obj in enumerate(body, 1):
            offsets.append(len(out))
            out += f"{i} 0 obj\n".encode() + obj + b"\nendobj\n"
        xref = len(out)
        out += f"xref\n0 {len(body) + 1}\n0000000000 65535 f \n".encode()
        out += b"".join(f"{o:010d} 00000 n \n".encode() for o in offsets)
        out += f"trailer\n<< /Size {len(body) + 1} /Root 1 0 R /Info {info} 0 R >>\nstartxref\n{xref}\n%%EOF\n".encode()
        return bytes(out)


def _text_string(text: str) -> str:
    """A PDF text string for any Unicode text: UTF-16BE with its byte-order mark, in hex."""
    return "<feff" + text.encode("utf-16-be").hex() + ">"


def _glyph_forms(doc: _Document, chart: Chart) -> tuple[dict[tuple[bool, int], int], dict[bool, set[int]]]:
    """A form XObject per glyph drawn, and the characters used per face (False: regular, True: bold)."""
    texts = [(t.text, t.bold) for c in chart.cards for t in c.lines]
    texts += [(t.text, t.bold) for t in chart.title_lines + chart.subtitle_lines]
    texts += [(f.label or f.name, True) for f in chart.frames]
    texts += [(i.label, False) for i in chart.legend]
    # Page labels: numbers, the title and the frames' names, cut to the page's width (see _footer).
    texts += [("0123456789/(), " + ELLIPSIS, False), (chart.title, False), *((f.name, False) for f in chart.frames)]
    forms, used = {}, {}
    for bold in (False, True):
        face = face_at(*chart.fonts["bold" if bold else "regular"])
        used[bold] = set(map(ord, set("".join([text for text, b in texts if b == bold]))))
        # In code point order: a set's order changes with each process's hash seed, and the glyph forms' order
        # with it — the same chart would be other bytes in another process (a job's retry, the API's child).
        for cp, d in sorted(glyph_paths(face, used[bold]).items()):
            if d:
                units = face.units_per_em
                forms[(bold, cp)] = doc.stream(_path_ops(d) + " f",
                                               f"/Type /XObject /Subtype /Form /BBox [-{units} -{units} {3 * units} "
                                               f"{3 * units}] ")
    return forms, used


def _text_font(doc: _Document, face: FontFace, codepoints: set[int]) -> int:
    """A Type0 font for the invisible text: two-byte codes equal to the Unicode value (BMP), the face's
    advance widths, and a ToUnicode map, so a viewer finds and copies exactly the chart's text."""
    cps = sorted(cp for cp in codepoints if cp <= 0xFFFF and not 0xD800 <= cp <= 0xDFFF)
    k = 1000 / face.units_per_em
    widths = " ".join(f"{cp} [{face.advances.get(cp, face.default_advance) * k:.0f}]" for cp in cps)
    chars = [f"<{cp:04x}> <{cp:04x}>" for cp in cps]
    blocks = "".join(f"{len(part)} beginbfchar\n" + "\n".join(part) + "\nendbfchar\n"
                     for part in (chars[i: i + 100] for i in range(0, len(chars), 100)))
    cmap = ("/CIDInit /ProcSet findresource begin 12 dict begin begincmap\n"
            "/CIDSystemInfo << /Registry (Adobe) /Ordering (UCS) /Supplement 0 >> def\n"
            "/CMapName /Adobe-Identity-UCS def /CMapType 2 def\n"
            f"1 begincodespacerange <0000> <ffff> endcodespacerange\n{blocks}"
            "endcmap CMapName currentdict /CMap defineresource pop end end")
    to_unicode = doc.stream(cmap)
    name = "".join(ch for ch in face.family if ch.isascii() and ch.isalnum()) or "ChartText"
    descriptor = doc.add(f"<< /Type /FontDescriptor /FontName /{name} /Flags 4 /FontBBox [0 -120 1000 880] "
                         f"/ItalicAngle 0 /Ascent 880 /Descent -120 /CapHeight 700 /StemV 80 >>".encode())
    cid = doc.add(f"<< /Type /Font /Subtype /CIDFontType2 /BaseFont /{name} /CIDSystemInfo << /Registry (Adobe) "
                  f"/Ordering (Identity) /Supplement 0 >> /FontDescriptor {descriptor} 0 R /DW 1000 /W [{widths}] "
                  f"/CIDToGIDMap /Identity >>".encode())
    return doc.add(f"<< /Type /Font /Subtype /Type0 /BaseFont /{name} /Encoding /Identity-H "
                   f"/DescendantFonts [{cid} 0 R] /ToUnicode {to_unicode} 0 R >>".encode())


def _path_ops(d: str) -> str:
    """SVG path data (absolute M L H V C Q Z, as fontTools writes it) as PDF path operators."""
    out: list[str] = []
    tokens = TOKEN.findall(d)
    x = y = 0.0
    i, cmd = 0, ""
    while i < len(tokens):
        if tokens[i].isalpha():
            cmd, i = tokens[i].upper(), i + 1
            if cmd == "Z":
                out.append("h")
                continue
        nums = [float(t) for t in tokens[i: i + {"M": 2, "L": 2, "H": 1, "V": 1, "C": 6, "Q": 4}[cmd]]]
        i += len(nums)
        if cmd == "M":
            x, y = nums
            out.append(f"{_num(x)} {_num(y)} m")
        elif cmd in "LHV":
            x, y = (nums[0], nums[1]) if cmd == "L" else (nums[0], y) if cmd == "H" else (x, nums[0])
            out.append(f"{_num(x)} {_num(y)} l")
        elif cmd == "C":
            out.append(" ".join(map(_num, nums)) + " c")
            x, y = nums[4], nums[5]
        elif cmd == "Q":
            qx, qy, ex, ey = nums
            c1 = (x + 2 / 3 * (qx - x), y + 2 / 3 * (qy - y))
            c2 = (ex + 2 / 3 * (qx - ex), ey + 2 / 3 * (qy - ey))
            out.append(" ".join(map(_num, (*c1, *c2, ex, ey))) + " c")
            x, y = ex, ey
    return " ".join(out)


def _num(v: float) -> str:
    """A number as PDF writes it: plain decimals to 0.001, never an exponent (`1e-14` is no PDF number)."""
    text = f"{v:.3f}".rstrip("0").rstrip(".")
    return "0" if text in ("-0", "") else text


def _rgb(color: str, mix: float = 1.0) -> tuple[float, float, float]:
    """#rrggbb as 0–1 floats, mixed with white (mix 1 = the colour, 0 = white): no transparency needed."""
    r, g, b = (int(color[k: k + 2], 16) / 255 for k in (1, 3, 5))
    return (1 - mix + mix * r, 1 - mix + mix * g, 1 - mix + mix * b)


class _Scene:
    """Turns the chart's boxes, lines and texts into PDF operators, culling what lies outside a tile."""

    def __init__(self, chart: Chart, glyphs: dict[tuple[bool, int], int]) -> None:
        self.chart, self.glyphs = chart, glyphs
        self.faces = {b: face_at(*chart.fonts["bold" if b else "regular"]) for b in (False, True)}
        self.lines = [(kind, points) for kind in ("report", "serves")
                      for points in strokes([e for e in chart.edges if e.kind == kind])]

    def draw(self, tile: tuple[float, float, float, float]) -> list[str]:
        c, theme = self.chart, self.chart.theme
        ops = [f"{' '.join(f'{v:.3f}' for v in _rgb(theme.background))} rg {' '.join(map(_num, tile))} re f"]
        for t in c.title_lines:
            ops += self.text(t.x, t.y, t.text, t.size, True, theme.text)
        for t in c.subtitle_lines:
            ops += self.text(t.x, t.y, t.text, t.size, False, theme.muted)
        for item in c.legend:
            ops += self._swatch(item.kind, item.color, item.x, item.y)
            ops += self.text(item.x + 18, item.y + 10, item.label, 12, False, theme.muted)
        for f in c.frames:
            if _meets((f.x, f.y, f.w, f.h), tile):
                ops += self._box(f.x, f.y, f.w, f.h, 10, _rgb(f.color, 0.05), _rgb(f.color, 0.5), 1.0, False)
                ops += self.text(f.x + 10, f.y + 15, f.label or f.name, 12, True, f.color)
        for kind, points in self.lines:
            xs, ys = [p[0] for p in points], [p[1] for p in points]
            if _meets((min(xs), min(ys), max(xs) - min(xs) + 1, max(ys) - min(ys) + 1), tile):
                path = " ".join(f"{x:.2f} {y:.2f} {'m' if k == 0 else 'l'}" for k, (x, y) in enumerate(points))
                dash = "[5 4] 0 d" if kind == "serves" else "[] 0 d"
                ops.append(f"{' '.join(f'{v:.3f}' for v in _rgb(theme.line))} RG 1.2 w {dash} {path} S")
        for card in c.cards:
            if _meets((card.x, card.y, card.w, card.h), tile):
                fill = _rgb(theme.vacancy_fill if card.vacancy else theme.background)
                ops += self._box(card.x, card.y, card.w, card.h, 6, fill, _rgb(card.color), 1.5, card.vacancy)
                ops += self._box(card.x, card.y + 6, 4, card.h - 12, 2, _rgb(card.color), None, 0, False)
                for t in card.lines:
                    ops += self.text(card.x + t.x, card.y + t.y, t.text, t.size, t.bold,
                                     theme.text if t.bold else theme.muted)
        return ops

    def text(self, x: float, y: float, text: str, size: float, bold: bool, color: str) -> list[str]:
        face = self.faces[bold]
        k = size / face.units_per_em
        ops, advance = [f"{' '.join(f'{v:.3f}' for v in _rgb(color))} rg"], 0
        for ch in text:
            cp = ord(ch)
            if (bold, cp) in self.glyphs:
                ops.append(f"q {k:.6f} 0 0 {-k:.6f} {x + advance * k:.2f} {y:.2f} cm /G{'b' if bold else 'r'}{cp:x} Do Q")
            advance += face.advances.get(cp, face.default_advance)
        codes = "".join(f"{ord(ch):04x}" for ch in text if ord(ch) <= 0xFFFF and not 0xD800 <= ord(ch) <= 0xDFFF)
        ops.append(f"BT /T{'b' if bold else 'r'} {size:g} Tf 3 Tr 1 0 0 -1 {x:.2f} {y:.2f} Tm <{codes}> Tj ET")
        return ops

    def _box(self, x: float, y: float, w: float, h: float, r: float, fill: tuple[float, float, float] | None,
             stroke: tuple[float, float, float] | None, width: float, dashed: bool) -> list[str]:
        r = min(r, w / 2, h / 2)
        k = r * 0.5523
        path = (f"{x + r:.2f} {y:.2f} m {x + w - r:.2f} {y:.2f} l {x + w - r + k:.2f} {y:.2f} {x + w:.2f} {y + r - k:.2f} "
                f"{x + w:.2f} {y + r:.2f} c {x + w:.2f} {y + h - r:.2f} l {x + w:.2f} {y + h - r + k:.2f} "
                f"{x + w - r + k:.2f} {y + h:.2f} {x + w - r:.2f} {y + h:.2f} c {x + r:.2f} {y + h:.2f} l "
                f"{x + r - k:.2f} {y + h:.2f} {x:.2f} {y + h - r + k:.2f} {x:.2f} {y + h - r:.2f} c {x:.2f} {y + r:.2f} l "
                f"{x:.2f} {y + r - k:.2f} {x + r - k:.2f} {y:.2f} {x + r:.2f} {y:.2f} c h")
        paint = "B" if fill and stroke else "f" if fill else "S"
        ops = []
        if fill:
            ops.append(f"{fill[0]:.3f} {fill[1]:.3f} {fill[2]:.3f} rg")
        if stroke:
            ops.append(f"{stroke[0]:.3f} {stroke[1]:.3f} {stroke[2]:.3f} RG {width} w {'[4 3] 0 d' if dashed else '[] 0 d'}")
        return [*ops, f"{path} {paint}"]

    def _swatch(self, kind: str, color: str, x: float, y: float) -> list[str]:
        if kind == "dashed":
            rgb = _rgb(color)
            return [f"{rgb[0]:.3f} {rgb[1]:.3f} {rgb[2]:.3f} RG 1.5 w [3 2] 0 d {x} {y + 6} m {x + 12} {y + 6} l S"]
        stroke = _rgb("#8f959e") if kind == "vacancy" else None
        return self._box(x, y, 12, 12, 2, _rgb(color), stroke, 1.0, kind == "vacancy")


def _meets(a: tuple[float, float, float, float], b: tuple[float, float, float, float]) -> bool:
    return a[0] < b[0] + b[2] and b[0] < a[0] + a[2] and a[1] < b[1] + b[3] and b[1] < a[1] + a[3]
