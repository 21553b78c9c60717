"""The 复盘 (review) template: for a session or a week, each metric of the team's scorecards with its target,
the actual figure, the gap and the score, then the rows "what we change next time", each with an owner.

Rates and ratios keep their monthly target per session; totals (amounts and counts) get no per-session
target, because only the merchant knows how the month splits over sessions (the row says so).
"""

from __future__ import annotations

from typing import Literal

import msgspec

from ..text import Lang
from .scorecard import ADDITIVE_UNITS, Scorecard, direction_text, value_text

ACTION_ROWS = 5  # blank "what we change next time" rows


class ReviewRow(msgspec.Struct, frozen=True):
    """One metric to review: who answers for it, which way is better, and the period's target (None = to set)."""

    metric: str
    name: str
    direction: Literal["higher", "lower"]
    direction_text: str
    unit: str
    owners: list[str]
    goal: float | None
    goal_text: str


class Review(msgspec.Struct, frozen=True):
    """The review template: the metric rows, the people who can own a change, and how many action rows."""

    rows: list[ReviewRow]
    people: list[str]
    action_rows: int
    cap: float
    floor: float
    guide: str


def review_template(cards: list[Scorecard], people: list[str], lang: Lang) -> Review:
    """The 复盘 template for the team whose cards are `cards`: each metric once (heaviest first), its owners
    the holders of every card that scores it, its target the goal of the line that weighs it most."""
    best: dict[str, tuple[float, int, int]] = {}  # metric → (weight, card, line) of its heaviest line
    owners: dict[str, list[str]] = {}
    for c, card in enumerate(cards):
        for i, line in enumerate(card.lines):
            owners.setdefault(line.metric, [])
            owners[line.metric] += [h for h in (card.holders or card.posts) if h not in owners[line.metric]]
            if line.metric not in best or line.weight > best[line.metric][0]:
                best[line.metric] = (line.weight, c, i)
    rows = []
    for metric, (_w, c, i) in sorted(best.items(), key=lambda kv: -sum(
            x.weight for card in cards for x in card.lines if x.metric == kv[0])):
        x = cards[c].lines[i]
        total = x.unit in ADDITIVE_UNITS
        goal = None if total else x.goal
        if not total:
            text = x.target
        elif x.goal is None:
            text = "按月目标拆到本期" if lang == "zh" else "Split your month's goal over the period"
        else:
            text = ("月目标 " if lang == "zh" else "Month: ") + value_text(x.goal, x.unit, lang)
        rows.append(ReviewRow(metric, x.name, x.direction, direction_text(x.direction, lang), x.unit,
                              owners[metric], goal, text))
    cap, floor = (cards[0].cap, cards[0].floor) if cards else (1.2, 0.0)
    guide = ("直播结束后24小时内开复盘会：逐项对比目标和实际，差距最大的先讨论；每条改进写清负责人、截止时间和下次怎么验收。"
             if lang == "zh" else
             "Hold the review within 24 hours of the show: compare each target with the actual, start with the biggest "
             "gaps, and give every change an owner, a deadline and how the next session will check it.")
    return Review(rows, people, ACTION_ROWS, cap, floor, guide)
