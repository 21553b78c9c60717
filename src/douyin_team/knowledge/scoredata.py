"""KPI scorecards as data (knowledge/scorecards.yaml): per post, the metrics that judge it, their weight at
each stage and a target range by stage (and product category where a source gives one), or a "set by you"
with guidance where no source gives a figure.

A card's weights at a stage add up to exactly 100 and its purpose metric (what the post exists for) weighs
most; `validate.py` checks both, and a playbook overrides a card by its post id like any other item.
"""

# No `from __future__ import annotations`: msgspec reads these classes' annotations when a command first
# decodes the cached knowledge base, and as strings they would be compiled there (3 ms of every start).

import msgspec

from ..text import Text


class Band(msgspec.Struct, frozen=True, forbid_unknown_fields=True):
    """A range for one product category: `low`–`high` in the metric's unit (percent as a fraction)."""

    low: float | None = None
    high: float | None = None


class Target(msgspec.Struct, frozen=True, forbid_unknown_fields=True):
    """A line's target at a stage. `low`–`high` is the range in the metric's unit (percent as a fraction: 0.05
    = 5%); either end may be open. With neither end it is a "set by you" target and `note` says how to set it.

    The month is scored against the end the direction says must be reached: the low end of a higher-is-better
    metric, the high end of a lower-is-better one (the other end is the "good" level)."""

    low: float | None = None
    high: float | None = None
    note: Text | None = None
    sources: list[str] = []
    estimate: bool = False
    categories: dict[str, Band] = {}

    @property
    def set_by_you(self) -> bool:
        """No range: the merchant sets the figure (the note says how)."""
        return self.low is None and self.high is None


class CardLine(msgspec.Struct, frozen=True, forbid_unknown_fields=True):
    """One metric on a post's card: its weight at each stage (0 or missing = not on the card then) and its
    targets by stage (`all` = every stage without its own)."""

    metric: str
    weights: dict[str, float]
    targets: dict[str, Target]


class PostCard(msgspec.Struct, frozen=True, forbid_unknown_fields=True):
    """The scorecard of one post (`id` is the role id); `purpose` is the metric it exists for."""

    id: str
    purpose: str
    lines: list[CardLine]
    sources: list[str]
    why: Text | None = None


class Scoring(msgspec.Struct, frozen=True, forbid_unknown_fields=True):
    """How a month is scored: a line's score is actual ÷ target (target ÷ actual when lower is better),
    between `floor` and `cap`; a card's total is the weighted mean over the lines that have both figures."""

    cap: float = 1.2
    floor: float = 0.0
    sources: list[str] = []
