"""Checks on the scorecards (scorecards.yaml): every post has a card, a card's weights at each stage add up to
exactly 100 with its purpose metric strictly on top, and every line has a target (a sourced or estimated
range, or a "set by you" with guidance) at every stage it is weighed at."""

from __future__ import annotations

from collections.abc import Iterable
from typing import TYPE_CHECKING

if TYPE_CHECKING:
    from .model import KnowledgeBase
    from .scoredata import PostCard, Target

ALL_STAGES = "all"  # a target key that stands for every stage without its own


def scorecard_problems(kb: KnowledgeBase) -> Iterable[str]:
    """Every problem with the scorecards, one message each (naming the card, line and stage)."""
    if not kb.scorecards:
        return
    # A playbook's own new post may come without a card (its kit then shows none): the packaged posts all have one.
    for card in kb.scorecards:
        if card.id not in kb.role:
            yield f"scorecard '{card.id}' refers to unknown role '{card.id}'"
        yield from _card_problems(kb, card)
    s = kb.scoring
    if not 0 <= s.floor < s.cap or s.cap < 1:
        yield f"scoring: floor {s.floor:g} and cap {s.cap:g} must satisfy 0 ≤ floor < cap and cap ≥ 1"
    yield from (f"scoring refers to unknown source '{x}'" for x in s.sources if x not in kb.source)


def _card_problems(kb: KnowledgeBase, card: PostCard) -> Iterable[str]:
    where = f"scorecard '{card.id}'"
    metrics = [line.metric for line in card.lines]
    yield from (f"{where} refers to unknown metric '{m}'" for m in metrics if m not in kb.metric)
    if len(set(metrics)) != len(metrics):
        yield f"{where} lists a metric twice"
    if card.purpose not in metrics:
        yield f"{where}: purpose metric '{card.purpose}' is not one of its lines"
    for line in card.lines:
        yield from (f"{where} line '{line.metric}' refers to unknown stage '{s}'" for s in line.weights
                    if s not in kb.stage)
        yield from (f"{where} line '{line.metric}' has a target for unknown stage '{s}'" for s in line.targets
                    if s not in kb.stage and s != ALL_STAGES)
    for stage in kb.stage:
        weights = {line.metric: line.weights.get(stage, 0.0) for line in card.lines}
        total = sum(weights.values())
        if abs(total - 100) > 1e-6 or any(w < 0 for w in weights.values()):
            yield f"{where}: weights at stage '{stage}' add up to {total:g}, not 100 (or one is negative)"
        top = weights.get(card.purpose, 0.0)
        beaten = [m for m, w in weights.items() if m != card.purpose and w >= top]
        if beaten:
            yield f"{where}: at stage '{stage}' '{beaten[0]}' weighs as much as the purpose metric '{card.purpose}'"
        for line in card.lines:
            if weights[line.metric] > 0:
                target = line.targets.get(stage) or line.targets.get(ALL_STAGES)
                if target is None:
                    yield f"{where} line '{line.metric}' has no target at stage '{stage}' (give a range or a note)"
                else:
                    yield from _target_problems(kb, f"{where} line '{line.metric}' at stage '{stage}'", target)


def _target_problems(kb: KnowledgeBase, where: str, target: Target) -> Iterable[str]:
    if target.set_by_you and target.note is None:
        yield f"{where}: a target without a range needs a note that says how to set it"
    if not target.set_by_you and not target.sources and not target.estimate:
        yield f"{where}: a target range cites no source (or mark it estimate: true)"
    bands = [(None, target.low, target.high), *((c, b.low, b.high) for c, b in target.categories.items())]
    for category, low, high in bands:
        if low is not None and high is not None and low > high:
            yield f"{where}: low {low:g} is above high {high:g}" + (f" for category '{category}'" if category else "")
        if category is not None and category not in kb.category:
            yield f"{where} refers to unknown category '{category}'"
    yield from (f"{where} refers to unknown source '{x}'" for x in target.sources if x not in kb.source)
