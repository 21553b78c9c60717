"""The org chart (架构图): cards measured with real font metrics, the tidy-tree layout, the positioned chart
as plain data, and `render/` with one module per output format (SVG, PNG, PDF, HTML, JSON, Mermaid, DOT, draw.io).
"""

from .build import build_chart
from .model import LEGIBLE, Card, Chart, ChartOptions, Edge, Frame, LegendItem, PostInfo, TextLine, Theme
from .tidy import Layout, LayoutOptions, layout

__all__ = ["LEGIBLE", "Card", "Chart", "ChartOptions", "Edge", "Frame", "Layout", "LayoutOptions", "LegendItem", "PostInfo",
           "TextLine", "Theme", "build_chart", "layout"]
