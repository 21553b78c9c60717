"""JSON: the positioned chart (cards, lines, frames, legend) for other tools."""

from __future__ import annotations

import json
from typing import Any

import msgspec

from ..model import Chart


def render_json(chart: Chart) -> str:
    """Every box, line and frame with its coordinates (px, origin top-left), as JSON text."""
    data = msgspec.to_builtins(chart)
    data.pop("fonts", None)  # machine paths: not part of the drawing
    return json.dumps(_rounded(data), ensure_ascii=False, indent=1) + "\n"


def _rounded(value: Any) -> Any:
    """Coordinates to 0.01 px, so the file shows 164.37 and not 164.37000000000001."""
    if isinstance(value, float):
        return round(value, 2)
    if isinstance(value, list):
        return [_rounded(v) for v in value]
    if isinstance(value, dict):
        return {k: _rounded(v) for k, v in value.items()}
    return value
