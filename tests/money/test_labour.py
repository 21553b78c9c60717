"""Labour cost: per month, per post, and the share of monthly sales against the usual range."""

from __future__ import annotations

import msgspec
import pytest

from douyin_team.money import cost_lines, labour_cost
from douyin_team.planning import plan_team
from douyin_team.staffing import staff
from douyin_team.team import Person, Profile, Roster, Team, resolve_roster
from samples import GROWTH_ROSTER

ROSTER = GROWTH_ROSTER[:5]  # without the dearer editor


def test_cost_per_post_and_share_of_sales(kb) -> None:  # type: ignore[no-untyped-def]
    plan = plan_team(Profile(monthly_sales=300_000), kb)
    result = staff(plan, resolve_roster(Roster(people=ROSTER), kb), kb, "growth")
    cost = labour_cost(result.team, kb, "growth")
    assert cost.monthly == result.monthly_cost == 34_500 and cost.flag is None
    assert cost.per_post["anchor"] == 12_000 and sum(cost.per_post.values()) == pytest.approx(34_500)
    lines = cost_lines(cost, kb, "zh")
    assert lines[0].about == "cost" and "主播 12,000" in lines[0].text
    assert lines[1].about == "cost_share" and "11.5%" in lines[1].text and "在常见范围内" in lines[1].text


def test_cost_share_flagged_outside_the_range(kb) -> None:  # type: ignore[no-untyped-def]
    team = Team(monthly_sales=100_000, people=[Person(name="A", roles=["anchor"], monthly_cost=30_000)])
    high = labour_cost(team, kb, "novice")
    assert high.share == 0.3 and high.flag == "high"
    assert "⚠" in cost_lines(high, kb, "en")[1].text and "above" in cost_lines(high, kb, "en")[1].text
    low = labour_cost(msgspec.structs.replace(team, monthly_sales=10_000_000), kb, "novice")
    assert low.flag == "low"
    none = labour_cost(msgspec.structs.replace(team, monthly_sales=None), kb, "novice")
    assert none.share is None and "No monthly sales" in cost_lines(none, kb, "en")[1].text


def test_a_budgeted_vacancy_counts_and_the_check_says_the_same(kb) -> None:  # type: ignore[no-untyped-def]
    from douyin_team.checking import check_team

    team = Team(monthly_sales=100_000, people=[
        Person(name="A", roles=["anchor"], monthly_cost=8_000),
        Person(name="待招聘客服", roles=["customer_service"], vacancy=True, monthly_cost=6_000)])
    cost = labour_cost(team, kb, "novice")
    assert cost.monthly == 14_000 and cost.share == 0.14 and cost.flag is None
    assert not [f for f in check_team(team, kb, "novice").findings if f.rule == "labour-cost-share"]
    dear = msgspec.structs.replace(team, monthly_sales=50_000)
    finding = next(f for f in check_team(dear, kb, "novice").findings if f.rule == "labour-cost-share")
    assert "14,000" in finding.message.zh and "28.0%" in finding.message.zh and labour_cost(dear, kb, "novice").flag == "high"
