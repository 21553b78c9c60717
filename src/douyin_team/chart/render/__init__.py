"""Renderers in one registry keyed by format: each turns a Chart into `str` or `bytes`; the caller writes files."""

from __future__ import annotations

from collections.abc import Callable
from importlib import import_module

from ...errors import UnsupportedFormat
from ...gcpause import paused_gc
from ..model import Chart

# Chart files by suffix.
SUFFIXES = {".svg": "svg", ".png": "png", ".pdf": "pdf", ".html": "html", ".htm": "html", ".mmd": "mmd", ".mermaid": "mmd",
            ".dot": "dot", ".gv": "dot", ".drawio": "drawio"}

__all__ = ["RENDERERS", "SUFFIXES", "render", "render_note", "renderer", "verify_format"]

# format → (module, function); modules are imported only when their format is asked for.
RENDERERS: dict[str, tuple[str, str]] = {
    "svg": ("svg", "render_svg"),
    "png": ("png", "render_png"),
    "html": ("html", "render_html"),
    "pdf": ("pdf", "render_pdf"),
    "json": ("data", "render_json"),
    "mmd": ("mermaid", "render_mermaid"),
    "dot": ("dot", "render_dot"),
    "drawio": ("drawio", "render_drawio"),
}


def verify_format(fmt: str) -> str:
    """Return `fmt` if a renderer exists for it, else an error listing the formats there are."""
    if fmt not in RENDERERS:
        raise UnsupportedFormat(f"no chart renderer for '{fmt}'", field="--format",
                                hint=f"use one of: {', '.join(RENDERERS)}")
    return fmt


def renderer(fmt: str) -> Callable[[Chart], str | bytes]:
    """The render function for a format."""
    module, name = RENDERERS[verify_format(fmt)]
    fn: Callable[[Chart], str | bytes] = getattr(import_module(f".{module}", __name__), name)
    return fn


def render(chart: Chart, fmt: str) -> str | bytes:
    """Render a chart in one format."""
    draw = renderer(fmt)
    with paused_gc():
        return draw(chart)


def render_note(chart: Chart, fmt: str) -> str | None:
    """What the user should know about the file a format made of the chart (a PNG scaled down), else None."""
    if fmt != "png":
        return None
    from .png import png_note

    return png_note(chart)
