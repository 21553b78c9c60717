"""JSON: the positioned chart (cards, lines, frames, legend) for other tools."""

from __future__ import annotations

import json

import msgspec

from ..chart import Chart


def render_json(chart: Chart) -> str:
    """Every box, line and frame with its coordinates (px, origin top-left), as JSON text."""
    data = msgspec.to_builtins(chart)
    data.pop("fonts", None)  # machine paths: not part of the drawing
    return json.dumps(data, ensure_ascii=False, indent=1) + "\n"
