"""KPI scorecards (考核表) from the per-post cards in knowledge/scorecards.yaml, for one post or merged for a
person's posts, and the rule that scores a month.

Merging: a person holding several posts gets one card on which each post's part is weighted by its share of
the person's work (the weekly hours `staffing.plan_posts` gives each post; equal shares without a team). The
post shares are rounded to whole points first (each post keeps at least one), then each post's points are
shared among its lines in the proportions of its own card, so the card adds up to exactly 100 and each
post's purpose metric stays on top within its post. A metric two posts both use appears under each post.

Scoring: a line scores actual ÷ goal (goal ÷ actual when lower is better), kept between the knowledge base's
`scoring.floor` and `scoring.cap` (0–120% by default); the card's total is the weighted mean of the scored
lines. The workbook writes the same rule as formulas (render/xlsx.py).
"""

from __future__ import annotations

from typing import Literal

import msgspec

from ..knowledge import KnowledgeBase, Target
from ..text import Lang, Text
from .labels import people_label
from .sop import cell

ADDITIVE_UNITS = {"cny", "count"}  # totals over a month; a session's or week's share of them must be set
RELIABILITY = {"seed": Text("种子资料", "seed"), "blog": Text("从业者文章", "blog"), "code": Text("官方规则/公开代码", "code"),
               "low": Text("可信度低", "low trust"), "unsure": Text("推断", "inference"), "model": Text("建模取舍", "model")}


class ScoreLine(msgspec.Struct, frozen=True):
    """One KPI on a scorecard: its post, metric, direction, weight and target (with the goal it is scored at)."""

    post: str
    role: str
    metric: str
    name: str
    definition: str
    formula: str
    direction: Literal["higher", "lower"]
    unit: str
    purpose: bool  # the post's purpose metric (what the post exists for)
    share: float  # exact weight, 0..1
    weight: int  # whole percent; a card's weights add up to exactly 100
    low: float | None
    high: float | None
    goal: float | None  # the figure a month is scored against; None = set by you
    target: str  # the range as text, or 由你设定 / set by you
    note: str
    sources: list[str]
    estimate: bool
    data_source: str
    basis: str = ""  # where the target comes from: the sources' titles with their reliability, or our estimate


class Scorecard(msgspec.Struct, frozen=True):
    """The KPI sheet of a post (or of posts held together), with the people who hold them and each post's
    share of their work."""

    holders: list[str]
    posts: list[str]
    shares: list[float]
    lines: list[ScoreLine]
    cap: float = 1.2
    floor: float = 0.0


def apportion(values: dict[str, float], total: int) -> dict[str, int]:
    """Whole numbers in proportion to `values` that add up to exactly `total` (largest remainder first;
    a larger value never gets fewer than a smaller one)."""
    if not values:
        return {}
    whole = sum(values.values())
    exact = {k: (v / whole if whole else 1 / len(values)) * total for k, v in values.items()}
    out = {k: int(v) for k, v in exact.items()}
    order = list(exact)
    # remainders to 1e-9, so float noise (0.9999999999999999 beside 1.0) is a tie, which the larger value wins
    by_remainder = sorted(exact, key=lambda k: (-round(exact[k] - out[k], 9), -values[k], order.index(k)))
    for k in by_remainder[: total - sum(out.values())]:
        out[k] += 1
    return out


def whole_percents(shares: dict[str, float]) -> dict[str, int]:
    """Shares as whole percents that add up to exactly 100 (largest remainder first)."""
    return apportion(shares, 100)


def post_points(shares: dict[str, float]) -> dict[str, int]:
    """A card's 100 points over its posts by their shares of the work, each post keeping at least one."""
    points = apportion(shares, 100)
    for post in points:
        if points[post] == 0:  # a post held for a few hours still shows its purpose metric
            richest = max(points, key=lambda p: points[p])
            points[richest] -= 1
            points[post] = 1
    return points


def _line_points(weights: dict[str, float], purpose: str, total: int) -> dict[str, int]:
    """A post's `total` points over its lines; the purpose metric strictly on top whenever `total` allows."""
    points = apportion(weights, total)
    rivals = [m for m in points if m != purpose and points[m] >= points[purpose]]
    if rivals and total > 1:
        biggest = max(rivals, key=lambda m: points[m])
        points[biggest] -= 1
        points[purpose] += 1
    return points


def target_for(target: Target, category: str | None) -> tuple[float | None, float | None]:
    """The target range, the category's own when the knowledge base gives one."""
    band = target.categories.get(category or "")
    return (band.low, band.high) if band else (target.low, target.high)


def goal_of(direction: str, low: float | None, high: float | None) -> float | None:
    """The end of the range a month is scored against: low when higher is better, high when lower is."""
    first, second = (low, high) if direction == "higher" else (high, low)
    return first if first is not None else second


def value_text(value: float, unit: str, lang: Lang) -> str:
    """A figure in its unit: 5%, 30秒 / 30 s, 24小时 / 24 h, ¥1,000, 2.2, 70分."""
    zh = lang == "zh"
    if unit == "percent":
        return f"{value * 100:.4g}%"
    if unit == "seconds":
        return f"{value:g}秒" if zh else f"{value:g} s"
    if unit == "hours":
        return f"{value:g}小时" if zh else f"{value:g} h"
    if unit == "cny":
        return f"¥{value:,.0f}"
    if unit == "price":
        return f"¥{value:,.2f}"
    if unit == "score":
        return f"{value:g}分" if zh else f"{value:g} points"
    return f"{value:g}"


def range_text(low: float | None, high: float | None, unit: str, lang: Lang) -> str:
    """A target range as text; 由你设定 / set by you when it has no ends."""
    if low is None and high is None:
        return "由你设定" if lang == "zh" else "Set by you"
    if low is not None and high is not None:
        return value_text(low, unit, lang) if low == high else f"{value_text(low, unit, lang)}–{value_text(high, unit, lang)}"
    return f"≥{value_text(low, unit, lang)}" if low is not None else f"≤{value_text(high, unit, lang)}"  # type: ignore[arg-type]


def basis_text(kb: KnowledgeBase, target: Target, lang: Lang) -> str:
    """Where a target comes from: each source's title with its reliability, marked as our estimate when it is."""
    zh = lang == "zh"
    tag = "〔{}〕" if zh else " [{}]"
    cited = [kb.source[x].title.get(lang) + tag.format(RELIABILITY[kb.source[x].reliability].get(lang)) for x in target.sources]
    text = ("；" if zh else "; ").join(cited)
    if target.estimate:
        if not text:
            return "本工具估算" if zh else "Our estimate"
        return f"本工具估算（参考：{text}）" if zh else f"Our estimate (see: {text})"
    return text or "—"


def scorecard(kb: KnowledgeBase, roles: list[str], stage: str, lang: Lang, holders: list[str] | None = None,
              hours: dict[str, float] | None = None, category: str | None = None) -> Scorecard:
    """The KPI sheet of `roles` at `stage`: each post's card, merged by the posts' shares of the work (`hours`
    per role; equal without them), its targets for the product `category` where one is given."""
    roles = [r for r in roles if r in kb.card]  # a playbook's new post may have no card yet
    if not roles:
        return Scorecard(holders or [], [], [], [], kb.scoring.cap, kb.scoring.floor)
    work = {r: max((hours or {}).get(r, 0.0), 0.0) for r in roles}
    total = sum(work.values())
    shares = {r: (work[r] / total if total else 1 / len(roles)) for r in roles}
    points = post_points(shares)
    names = {d.id: d.name.get(lang) for d in kb.data_sources}
    lines: list[ScoreLine] = []
    for role in roles:
        card = kb.card[role]
        weighed = {x.metric: x.weights.get(stage, 0.0) for x in card.lines if x.weights.get(stage, 0.0) > 0}
        mine = _line_points(weighed, card.purpose, points[role])
        exact = sum(w for m, w in weighed.items() if mine[m] > 0)  # the post's share over the lines it keeps
        ordered = sorted((x for x in card.lines if x.metric in weighed), key=lambda x: -weighed[x.metric])
        for line in ordered:
            if mine[line.metric] == 0:
                continue  # a post with very few points keeps only its heaviest lines
            metric = kb.metric[line.metric]
            target = line.targets.get(stage) or line.targets["all"]
            low, high = target_for(target, category)
            lines.append(ScoreLine(
                post=kb.role[role].name.get(lang), role=role, metric=line.metric, name=metric.name.get(lang),
                definition=metric.definition.get(lang), formula=metric.formula.get(lang), direction=metric.direction,
                unit=metric.unit, purpose=line.metric == card.purpose, share=shares[role] * weighed[line.metric] / exact,
                weight=mine[line.metric], low=low, high=high, goal=goal_of(metric.direction, low, high),
                target=range_text(low, high, metric.unit, lang), note=target.note.get(lang) if target.note else "",
                sources=target.sources, estimate=target.estimate,
                data_source=names.get(metric.data_source, metric.data_source), basis=basis_text(kb, target, lang)))
    return Scorecard(holders or [], [kb.role[r].name.get(lang) for r in roles], [shares[r] for r in roles], lines,
                     kb.scoring.cap, kb.scoring.floor)


def line_score(direction: str, goal: float | None, actual: float | None, cap: float = 1.2,
               floor: float = 0.0) -> float | None:
    """A month's score on one line (1.0 = on target), or None without a goal or an actual figure."""
    if goal is None or actual is None:
        return None
    if direction == "higher":
        if goal <= 0:
            return None
        raw = actual / goal
    else:
        raw = cap if actual <= 0 else goal / actual
    return min(max(raw, floor), cap)


def card_score(card: Scorecard, actuals: dict[int, float | None], goals: dict[int, float | None] | None = None) -> float | None:
    """The card's total: the weighted mean of the scores of its lines (by index) that have a goal and an
    actual figure (`goals` overrides the card's own); None when no line can be scored."""
    scored = [(x.weight, s) for i, x in enumerate(card.lines)
              if (s := line_score(x.direction, (goals or {}).get(i, x.goal), actuals.get(i), card.cap, card.floor)) is not None]
    weight = sum(w for w, _ in scored)
    return sum(w * s for w, s in scored) / weight if weight else None


def target_label(line: ScoreLine, lang: Lang) -> str:
    """The target range as shown, marked as our estimate where no source gave the figure."""
    mark = ("（估算）" if lang == "zh" else " (estimate)") if line.estimate and line.goal is not None else ""
    return line.target + mark


def direction_text(direction: str, lang: Lang) -> str:
    """越高越好 / higher is better, 越低越好 / lower is better."""
    if lang == "zh":
        return "越高越好" if direction == "higher" else "越低越好"
    return "higher is better" if direction == "higher" else "lower is better"


def score_lines(card: Scorecard, lang: Lang) -> list[str]:
    """A scorecard as a Markdown table whose weights add up to 100%."""
    zh = lang == "zh"
    head = ("| 岗位 | 指标 | 方向 | 权重 | 目标 | 说明 | 目标依据 | 公式 | 数据来源 |" if zh else
            "| Post | Metric | Direction | Weight | Target | Note | Target basis | Formula | Data source |")
    who = people_label(card.holders, lang) or " + ".join(card.posts)
    lines = [f"**{'考核表' if zh else 'Scorecard'}: {cell(who)}**", "", head, "|---|---|---|---|---|---|---|---|---|"]
    lines += [f"| {x.post} | {'★ ' if x.purpose else ''}{x.name} | {direction_text(x.direction, lang)} | {x.weight}% | "
              f"{target_label(x, lang)} | {cell(x.note) or '—'} | {cell(x.basis)} | "
              f"{cell(x.formula) or '—'} | {x.data_source} |" for x in card.lines]
    total = sum(x.weight for x in card.lines)
    lines.append(f"| {'合计' if zh else 'Total'} | | | {total}% | | | | | |")
    lines += ["", "★ " + ("岗位核心指标（权重最高）；得分 = 实际 ÷ 目标（越低越好的指标为 目标 ÷ 实际），"
                          f"封顶{card.cap:.0%}，总分为已填各行的加权平均。" if zh else
                          "the post's purpose metric (weighs most); score = actual ÷ target (target ÷ actual when lower "
                          f"is better), capped at {card.cap:.0%}; the total is the weighted mean of the lines filled in.")]
    return [*lines, ""]
