"""Stage diagnosis: which stage a merchant is in, and why."""

from __future__ import annotations

import msgspec

from ..errors import InvalidValue
from ..knowledge import KnowledgeBase, Stage
from ..text import Text


class Diagnosis(msgspec.Struct, frozen=True):
    """The stage, how it was decided, and the distance to the next stage."""

    stage: str
    basis: str  # "given", "sales" or "headcount"
    reason: Text
    sources: list[str]
    monthly_sales: float | None = None
    next_stage: str | None = None
    sales_to_next: float | None = None


def diagnose(
    kb: KnowledgeBase,
    monthly_sales: float | None = None,
    stage: str | None = None,
    headcount: int | None = None,
) -> Diagnosis:
    """Decide the stage: as given, else from monthly sales, else from the headcount."""
    if stage is not None:
        if stage not in kb.stage:
            raise InvalidValue(f"unknown stage '{stage}'", field="stage", hint=f"use one of: {', '.join(kb.stage)}")
        return _given(kb, kb.stage[stage], monthly_sales)
    if monthly_sales is not None:
        return _from_sales(kb, stage_for_sales(kb, monthly_sales), monthly_sales)
    if headcount is not None:
        return _from_headcount(kb, headcount)
    raise InvalidValue("cannot tell the stage", field="monthly_sales",
                       hint="give --sales (monthly sales in CNY) or --stage novice|growth|mature")


def stage_for_sales(kb: KnowledgeBase, monthly_sales: float) -> Stage:
    """The stage whose sales range holds `monthly_sales` (lower bound inclusive)."""
    for stage in kb.stages:
        if stage.sales_max is None or monthly_sales < stage.sales_max:
            return stage
    return kb.stages[-1]


def _next(kb: KnowledgeBase, stage: Stage, monthly_sales: float | None) -> tuple[str | None, float | None]:
    ids = list(kb.stage)
    position = ids.index(stage.id)
    if position + 1 >= len(ids) or stage.sales_max is None:
        return None, None
    gap = None if monthly_sales is None else max(0.0, stage.sales_max - monthly_sales)
    return ids[position + 1], gap


def _from_sales(kb: KnowledgeBase, stage: Stage, sales: float) -> Diagnosis:
    if stage.sales_max is not None:
        range_zh = f"{stage.sales_min / 10000:g}万元–{stage.sales_max / 10000:g}万元"
        range_en = f"{stage.sales_min:,.0f} – {stage.sales_max:,.0f} CNY"
    else:
        range_zh, range_en = f"{stage.sales_min / 10000:g}万元以上", f"{stage.sales_min:,.0f} CNY and above"
    reason = Text(
        zh=f"月销{sales / 10000:g}万元，落在{stage.name.zh}区间（{range_zh}）",
        en=f"Monthly sales of {sales:,.0f} CNY fall in the {stage.name.en} range ({range_en})",
    )
    next_id, gap = _next(kb, stage, sales)
    return Diagnosis(stage.id, "sales", reason, list(stage.sources), sales, next_id, gap)


def _given(kb: KnowledgeBase, stage: Stage, sales: float | None) -> Diagnosis:
    reason = Text(zh=f"按指定的阶段：{stage.name.zh}", en=f"Stage given: {stage.name.en}")
    if sales is not None:
        by_sales = stage_for_sales(kb, sales)
        if by_sales.id == stage.id:
            return _from_sales(kb, stage, sales)
        reason = Text(zh=f"按指定的阶段：{stage.name.zh}（按月销{sales / 10000:g}万元应为{by_sales.name.zh}）",
                      en=f"Stage given: {stage.name.en} (monthly sales of {sales:,.0f} CNY suggest {by_sales.name.en})")
    next_id, gap = _next(kb, stage, sales)
    return Diagnosis(stage.id, "given", reason, list(stage.sources), sales, next_id, gap)


def _from_headcount(kb: KnowledgeBase, headcount: int) -> Diagnosis:
    chosen = kb.stages[-1]
    for stage in kb.stages:
        if stage.team_max is None or headcount <= stage.team_max:
            chosen = stage
            break
    reason = Text(
        zh=f"没有月销数据，按团队{headcount}人推断为{chosen.name.zh}",
        en=f"No sales given; a team of {headcount} suggests the {chosen.name.en} stage",
    )
    next_id, _ = _next(kb, chosen, None)
    return Diagnosis(chosen.id, "headcount", reason, list(chosen.sources), None, next_id, None)
