"""PNG: the SVG rasterised by resvg (a native renderer) — no size cap, fonts not needed (text is outlines)."""

from __future__ import annotations

from ..chart import Chart
from ..errors import DouyinTeamError
from .svg import render_svg

MAX_PIXELS = 100_000_000  # about 400 MB of RGBA while rendering; beyond it the PNG is scaled down


def render_png(chart: Chart) -> bytes:
    """The chart as PNG bytes at `chart.scale` × its size (2 = sharp on high-density screens)."""
    import resvg_py

    scale = png_scale(chart.width, chart.height, chart.scale)
    return bytes(resvg_py.svg_to_bytes(svg_string=render_svg(chart), zoom=scale, skip_system_fonts=True))


def png_scale(width: float, height: float, wanted: float) -> float:
    """The zoom to render at: as wanted, or smaller so the image stays under MAX_PIXELS — never a crop.
    Below a quarter of the chart's size the text would be unreadable, so that is refused instead."""
    if width * height * wanted * wanted <= MAX_PIXELS:
        return wanted
    scale: float = (MAX_PIXELS / (width * height)) ** 0.5
    if scale < 0.25:
        raise DouyinTeamError(f"chart is {width:.0f}×{height:.0f} px, too large for one readable PNG",
                              hint="export SVG or PDF (tiled pages) instead, or use --compact on")
    return scale
