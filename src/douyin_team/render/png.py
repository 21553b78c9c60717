"""PNG: the SVG rasterised by resvg (a native renderer) — no size cap, fonts not needed (text is outlines)."""

from __future__ import annotations

from ..chart import Chart
from ..errors import DouyinTeamError
from .svg import render_svg

MAX_PIXELS = 100_000_000  # about 400 MB of RGBA while rendering; beyond it the PNG is scaled down


def render_png(chart: Chart) -> bytes:
    """The chart as PNG bytes at `chart.scale` × its size (2 = sharp on high-density screens)."""
    import resvg_py

    scale = chart.scale
    pixels = chart.width * chart.height * scale * scale
    if pixels > MAX_PIXELS:
        scale = (MAX_PIXELS / (chart.width * chart.height)) ** 0.5
        if scale < 0.25:
            raise DouyinTeamError(f"chart is {chart.width:.0f}×{chart.height:.0f} px, too large for one PNG",
                                  hint="export SVG or PDF instead, or use --compact")
    return bytes(resvg_py.svg_to_bytes(svg_string=render_svg(chart), zoom=scale, skip_system_fonts=True))
