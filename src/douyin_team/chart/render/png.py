"""PNG: the SVG rasterised by resvg (a native renderer) — never cropped, fonts not needed (text is outlines).

resvg's time grows with the pixels drawn, and each shape costs more the bigger the whole image is. So a big
chart is drawn in tiles of at most TILE × TILE pixels, each from an SVG of only what shows in it, and the
tiles are joined with Pillow. A whole company in one PNG is scaled down until it has at most MAX_PIXELS
pixels; once 12 px text would be smaller than 4 px (zoom below LEGIBLE) the cards' texts are drawn as
bars — an overview picture — and the file says so in a `Comment` (the CLI prints it too).
"""

from __future__ import annotations

import io
import math
from collections import defaultdict
from typing import TypeVar

import msgspec

from ... import progress
from ..model import LEGIBLE, Chart, Edge
from .svg import Detail, svg_document

MAX_PIXELS = 40_000_000  # about 160 MB of RGBA while joining tiles
TILE = 4096

Box = tuple[float, float, float, float]  # left, top, right, bottom
T = TypeVar("T")


def render_png(chart: Chart) -> bytes:
    """The chart as PNG bytes at `chart.scale` × its size (2 = sharp on high-density screens), or smaller
    for very big charts (see png_note)."""
    scale = png_scale(chart.width, chart.height, chart.scale)
    detail: Detail = "image" if scale >= LEGIBLE else "overview"
    width, height = math.ceil(chart.width * scale), math.ceil(chart.height * scale)
    note = png_note(chart)
    if width <= TILE and height <= TILE and not note:
        return _rasterise(svg_document(chart, detail=detail), scale)
    return _tiled(chart, scale, detail, width, height, note)


def png_scale(width: float, height: float, wanted: float) -> float:
    """The zoom to render at: as wanted, or smaller so the image stays under MAX_PIXELS — never a crop."""
    if width * height * wanted * wanted <= MAX_PIXELS:
        return wanted
    scale: float = (MAX_PIXELS / (width * height)) ** 0.5
    return scale


def png_note(chart: Chart) -> str | None:
    """What the user should know when the PNG was scaled down (None when it was not)."""
    scale = png_scale(chart.width, chart.height, chart.scale)
    if scale >= chart.scale:
        return None
    size = f"{chart.width * scale:.0f}x{chart.height * scale:.0f} px"
    if scale >= LEGIBLE:
        return f"PNG scaled to {scale:.0%} ({size}) to stay under {MAX_PIXELS:,} pixels"
    return (f"PNG scaled to {scale:.1%} ({size}): too small to read, so the texts are drawn as bars; "
            f"export SVG, HTML or PDF (tiled pages) to read it")


def _rasterise(svg: str, scale: float) -> bytes:
    import resvg_py

    return bytes(resvg_py.svg_to_bytes(svg_string=svg, zoom=scale, skip_system_fonts=True))


def _tiled(chart: Chart, scale: float, detail: Detail, width: int, height: int, note: str | None) -> bytes:
    """Each tile from an SVG of the cards, lines and frames that meet it, joined into one image."""
    from PIL import Image, PngImagePlugin

    step = TILE / scale  # a tile's size in chart units
    cols, rows = math.ceil(width / TILE), math.ceil(height / TILE)
    cards, edges, frames = (_buckets(items, step) for items in (
        [(c, (c.x, c.y, c.x + c.w, c.y + c.h)) for c in chart.cards],
        [(e, _extent(e.points)) for e in chart.edges],
        [(f, (f.x, f.y, f.x + f.w, f.y + f.h)) for f in chart.frames]))
    image = Image.new("RGB", (width, height), chart.theme.background)
    for row in range(rows):
        for col in range(cols):
            view = (col * step, row * step, min(step, chart.width - col * step), min(step, chart.height - row * step))
            box = (view[0], view[1], view[0] + view[2], view[1] + view[3])
            part = msgspec.structs.replace(chart, cards=cards[(col, row)], frames=frames[(col, row)],
                                           edges=[_clipped(e, box) for e in edges[(col, row)]])
            tile = Image.open(io.BytesIO(_rasterise(svg_document(part, detail=detail, view=view), scale)))
            image.paste(tile.convert("RGB"), (col * TILE, row * TILE))
            progress.report(row * cols + col + 1, rows * cols, progress.TILES)
    info = PngImagePlugin.PngInfo()
    if note:
        info.add_text("Comment", note)
    out = io.BytesIO()
    image.save(out, "PNG", pnginfo=info, compress_level=3)  # measured: as small as 6, and faster
    return out.getvalue()


def _clipped(edge: Edge, box: Box) -> Edge:
    """A straight line cut to the part inside box (Liang–Barsky), so resvg dashes only what shows: a
    dashed line across a whole company otherwise costs it more than all the cards of a tile."""
    if len(edge.points) != 2:
        return edge
    (x0, y0), (x1, y1) = edge.points
    dx, dy = x1 - x0, y1 - y0
    low, high = 0.0, 1.0
    for p, q in ((-dx, x0 - box[0] + 2), (dx, box[2] + 2 - x0), (-dy, y0 - box[1] + 2), (dy, box[3] + 2 - y0)):
        if p == 0:
            continue
        t = q / p
        low, high = (max(low, t), high) if p < 0 else (low, min(high, t))
    if low >= high:
        return msgspec.structs.replace(edge, points=[(x0, y0), (x0, y0)])
    return msgspec.structs.replace(edge, points=[(x0 + low * dx, y0 + low * dy), (x0 + high * dx, y0 + high * dy)])


def _extent(points: list[tuple[float, float]]) -> Box:
    xs, ys = [p[0] for p in points], [p[1] for p in points]
    return min(xs), min(ys), max(xs), max(ys)


def _buckets(items: list[tuple[T, Box]], step: float) -> defaultdict[tuple[int, int], list[T]]:
    """Each item under every tile (column, row) its box meets."""
    out: defaultdict[tuple[int, int], list[T]] = defaultdict(list)
    for item, (x0, y0, x1, y1) in items:
        for col in range(int(x0 // step), int(x1 // step) + 1):
            for row in range(int(y0 // step), int(y1 // step) + 1):
                out[(col, row)].append(item)
    return out
