"""Pricing a plan: cheaper variants priced from the planner's seats are what planning them gives."""

from __future__ import annotations

import msgspec
from hypothesis import given, settings
from hypothesis import strategies as st

from douyin_team.checking import check_team
from douyin_team.planning import plan_team
from douyin_team.planning.parttime import mark_part_time
from douyin_team.planning.planner import sized, unpriced_plan
from douyin_team.planning.pricing import _limit, _price, _variants
from douyin_team.team import Profile
from samples import profiles


@settings(max_examples=40, deadline=None)
@given(profiles, st.one_of(st.none(), st.integers(min_value=1, max_value=40)))
def test_sized_seats_are_the_people_the_plan_names(kb, profile, budget) -> None:  # type: ignore[no-untyped-def]
    workload, at = sized(profile, kb)
    team = unpriced_plan(msgspec.structs.replace(profile, headcount_budget=budget), kb)
    # The same people; managers stand just before their first report in the plan, after the seats in `at`.
    assert sorted(list(seat.roles) for seat in at(budget)) == sorted(p.posts for p in team.people)
    assert workload == team.workload


@settings(max_examples=30, deadline=None)
@given(profiles)
def test_a_variant_costs_what_its_plan_costs(kb, profile) -> None:  # type: ignore[no-untyped-def]
    team = unpriced_plan(profile, kb)
    labour = _price(team, kb)
    limit = _limit(labour, profile)
    if limit is None or labour.monthly_cost <= limit:
        return
    for option in _variants(profile, team, labour, kb, lambda p: sized(p, kb), limit):
        planned = unpriced_plan(option.profile, kb, apart=option.apart)
        if option.loads:
            planned = mark_part_time(planned, list(option.loads), kb, "zh")
        assert len(planned.people) == option.headcount
        assert _price(planned, kb).monthly_cost == option.labour.monthly_cost, option.change


def test_a_budget_plans_the_variant_it_picks(kb) -> None:  # type: ignore[no-untyped-def]
    first = plan_team(Profile(monthly_sales=300_000), kb)
    budget = first.labour.monthly_cost * 0.85
    team = plan_team(Profile(monthly_sales=300_000, budget_cny=budget), kb)
    assert team.labour.monthly_cost <= budget
    assert len(team.people) < len(first.people)
    note = next(d for d in team.decisions or [] if d.about == "labour_budget")
    assert f"{team.labour.monthly_cost:,.0f}" in note.text and f"{len(team.people)}人" in note.text


def _chats_wait(team, kb) -> bool:  # type: ignore[no-untyped-def]
    return any(f.rule == "control-answers-chats" for f in check_team(team, kb).findings)


@settings(max_examples=30, deadline=None)
@given(profiles, st.floats(min_value=0.3, max_value=0.9))
def test_a_variant_says_whether_its_plan_leaves_the_shows_chats_waiting(kb, profile, share) -> None:  # type: ignore[no-untyped-def]
    team = unpriced_plan(profile, kb)
    labour = _price(team, kb)
    for option in _variants(profile, team, labour, kb, lambda p: sized(p, kb), labour.monthly_cost * share):
        planned = unpriced_plan(option.profile, kb, apart=option.apart)
        assert option.chats_wait == _chats_wait(planned, kb), option.change


def test_a_money_budget_outsources_the_chats_rather_than_leave_them_waiting_on_the_control(kb) -> None:  # type: ignore[no-untyped-def]
    # 500k a month on a 40k budget: four people, so the cheapest packing puts 客服 on the person running 中控
    # through a six-hour show; outsourcing the chats fits the budget too and keeps them answered.
    team = plan_team(Profile(monthly_sales=500_000, budget_cny=40_000), kb)
    assert team.labour.monthly_cost <= 40_000 and team.service == "outsourced"
    assert not _chats_wait(team, kb)
    assert "客服外包" in next(d.text for d in team.decisions or [] if d.about == "labour_budget")
    waiting = [v for v in team.labour.variants if v.change == "fewer_people"]
    assert waiting and all(v.text.endswith("（开播时咨询要等下播才回）") for v in waiting)
