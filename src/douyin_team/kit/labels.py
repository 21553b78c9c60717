"""Short labels the kit's parts share (job descriptions, scorecards, renderers)."""

from __future__ import annotations

from ..text import Lang


def people_label(names: list[str], lang: Lang, most: int = 8) -> str:
    """Names joined, the list cut after `most` with the count of the rest."""
    shown = ("、" if lang == "zh" else ", ").join(names[:most])
    rest = len(names) - most
    return shown if rest <= 0 else shown + (f"等{len(names)}人" if lang == "zh" else f" and {rest} more")
