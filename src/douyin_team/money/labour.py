"""Labour cost of a team: per month, per post, and as a share of monthly sales against the usual range.

Pure: a team in, numbers out. `staff` shows it for a staffed plan; anything else holding a team with
monthly costs (compare, a check) can use the same numbers.
"""

from __future__ import annotations

import msgspec

from ..knowledge import FULL_TIME_HOURS, KnowledgeBase
from ..team import Reason, Team
from ..text import Lang, Text


class LabourCost(msgspec.Struct, frozen=True):
    """Monthly labour cost, what each post costs, and the share of monthly sales (None without sales)."""

    monthly: float
    per_post: dict[str, float]
    share: float | None
    share_min: float
    share_max: float
    flag: str | None  # "low" or "high" when the share is outside the range


def labour_cost(team: Team, kb: KnowledgeBase, stage: str) -> LabourCost:
    """Each person's monthly cost split over their posts by the hours the stage's posts take; a vacancy
    (待招聘) with a budgeted monthly cost counts, as the team will cost that once it is hired."""
    hours = {spec.role: spec.load * FULL_TIME_HOURS for spec in kb.posts.get(stage, [])}
    per_post: dict[str, float] = {}
    monthly = 0.0
    for person in team.people:
        if not person.monthly_cost:
            continue
        monthly += person.monthly_cost
        total = sum(hours.get(r, 1.0) for r in person.posts) or 1.0
        for role in person.posts:
            per_post[role] = per_post.get(role, 0.0) + person.monthly_cost * hours.get(role, 1.0) / total
    s, sales = kb.settings, team.monthly_sales
    share = monthly / sales if sales else None
    flag = None
    if share is not None:
        flag = "low" if share < s.labour_cost_share_min else "high" if share > s.labour_cost_share_max else None
    per_post = {r: round(v, 2) for r, v in sorted(per_post.items(), key=lambda kv: -kv[1])}
    return LabourCost(round(monthly, 2), per_post, share, s.labour_cost_share_min, s.labour_cost_share_max, flag)


def cost_lines(cost: LabourCost, kb: KnowledgeBase, lang: Lang) -> list[Reason]:
    """The cost as sentences: total, per post, and the share of sales flagged when outside the range."""
    sep = "、" if lang == "zh" else ", "
    items = sep.join(f"{kb.role[r].name.get(lang)} {v:,.0f}" for r, v in cost.per_post.items()) or "—"
    out = [Reason(about="cost", text=Text(zh=f"月人力成本{cost.monthly:,.0f}元；各岗位月成本：{items}",
                                          en=f"Monthly labour cost {cost.monthly:,.0f} CNY; per post: {items}").get(lang),
                  sources=["model"])]
    low, high = cost.share_min * 100, cost.share_max * 100
    if cost.share is None:
        text = Text(zh=f"没有月销售额，无法对照人力成本占比（常见{low:g}%–{high:g}%）",
                    en=f"No monthly sales given, so the labour share (usually {low:g}–{high:g}%) cannot be checked")
    else:
        verdict = {None: ("在常见范围内", "within"), "low": ("低于常见范围", "below"),
                   "high": ("高于常见范围", "above")}[cost.flag]
        mark = "" if cost.flag is None else "⚠ "
        text = Text(zh=f"{mark}人力成本占月销{cost.share:.1%}，{verdict[0]}（{low:g}%–{high:g}%）",
                    en=f"{mark}Labour cost is {cost.share:.1%} of monthly sales, {verdict[1]} the usual {low:g}–{high:g}%")
    out.append(Reason(about="cost_share", text=text.get(lang), sources=["feedwhy-4948"]))
    return out
