"""The part-time variant (兼职): part-time pay per post and city tier, the variant when and only when it is cheaper
and valid, the money budget picking it, and never a post on air in a live session hired part-time."""

from __future__ import annotations

from pathlib import Path

import msgspec
import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from douyin_team.errors import KnowledgeError
from douyin_team.knowledge import FULL_TIME_HOURS, load_knowledge
from douyin_team.money import post_pay, price_team, seat_pay
from douyin_team.planning import plan_team
from douyin_team.planning.parttime import picker, weekly_hours
from douyin_team.planning.planner import sized, unpriced_plan
from douyin_team.planning.pricing import _limit, _part_time, _price
from douyin_team.team import Person, Profile, Team
from samples import profiles

STORE_150K = Profile(monthly_sales=150_000, focus="store")  # a shelf team with small design, packing and service work


@pytest.mark.parametrize("tier", [1, 2, 3, 4, 5])
@pytest.mark.parametrize("role", ["designer", "fulfillment", "video_editor", "customer_service"])
def test_part_time_pay_is_the_hours_share_of_the_full_time_base_at_the_hourly_rate(kb, role, tier) -> None:  # type: ignore[no-untyped-def]
    rate = kb.pay_figures.part_time_rate
    full = post_pay(kb, role, "growth", tier)
    pay = seat_pay(kb, [role], "growth", tier, {}, 100_000, part_time=12)
    assert pay.base == pytest.approx(full.base * 12 / FULL_TIME_HOURS * rate.value, abs=5)  # rounded to tens
    assert pay.low == pytest.approx(full.low * 12 / FULL_TIME_HOURS * rate.low, abs=5)
    assert pay.high == pytest.approx(full.high * 12 / FULL_TIME_HOURS * rate.high, abs=5)
    assert pay.low <= pay.total <= pay.high < full.base
    # never more than the full-time base, however many hours
    assert seat_pay(kb, [role], "growth", tier, {}, 100_000, part_time=39).base == full.base


def test_a_team_file_part_timer_is_priced_part_time_by_their_hours_or_the_default(kb) -> None:  # type: ignore[no-untyped-def]
    people = [Person(name="小美", roles=["designer"], employment="part_time", hours=10),
              Person(name="小仓", roles=["fulfillment"], employment="part_time"),
              Person(name="小客", roles=["customer_service"])]
    labour = price_team(Team(monthly_sales=200_000, stage="growth", people=people), kb, "growth")
    rate, default = kb.pay_figures.part_time_rate.value, kb.pay_figures.part_time_hours.value
    assert labour.people[0].base == pytest.approx(post_pay(kb, "designer", "growth", None).base * 10 / 40 * rate, abs=5)
    assert labour.people[1].base == pytest.approx(post_pay(kb, "fulfillment", "growth", None).base * default / 40 * rate, abs=5)
    assert labour.people[2].base == post_pay(kb, "customer_service", "growth", None).base


def test_a_playbook_changes_the_part_time_rate_and_cannot_make_a_host_part_time(kb, tmp_path: Path) -> None:  # type: ignore[no-untyped-def]
    playbook = tmp_path / "pay.yaml"
    playbook.write_text("pay:\n  part_time_rate: {value: 1.5, low: 1.2, high: 2}\n", encoding="utf-8")
    dearer = load_knowledge(playbook)
    assert seat_pay(dearer, ["designer"], "growth", 2, {}, None, part_time=12).base > \
        seat_pay(kb, ["designer"], "growth", 2, {}, None, part_time=12).base
    for role in ("anchor", "floor_control"):
        playbook.write_text(f"pay:\n  part_time_posts: {{value: [designer, {role}]}}\n", encoding="utf-8")
        with pytest.raises(KnowledgeError, match=f"'{role}' is on air"):
            load_knowledge(playbook)
    playbook.write_text("pay:\n  part_time_max_load: {value: 1.5}\n", encoding="utf-8")
    with pytest.raises(KnowledgeError, match="part_time_max_load"):
        load_knowledge(playbook)


def test_the_store_plan_offers_part_time_and_names_the_posts_and_hours(kb) -> None:  # type: ignore[no-untyped-def]
    team = plan_team(STORE_150K, kb)
    variant = next(v for v in team.labour.variants if v.change == "part_time")
    assert variant.monthly_cost < team.labour.monthly_cost
    assert "请兼职" in variant.text and "人兼职" in variant.text and "小时" in variant.text
    cheaper = next(d for d in team.decisions or [] if d.about == "cheaper")
    assert variant.text in cheaper.text
    english = plan_team(STORE_150K, kb, "en")
    assert any("part-time" in v.text for v in english.labour.variants)


def test_a_money_budget_picks_the_part_time_team_when_it_fits_with_the_most_people(kb) -> None:  # type: ignore[no-untyped-def]
    first = plan_team(STORE_150K, kb)
    variant = next(v for v in first.labour.variants if v.change == "part_time")
    team = plan_team(msgspec.structs.replace(STORE_150K, budget_cny=variant.monthly_cost + 10), kb)
    assert team.labour.monthly_cost == variant.monthly_cost and len(team.people) == variant.headcount
    part = [p for p in team.people if p.employment == "part_time"]
    assert part and all(p.name.endswith("（兼职）") and p.hours and p.hours < FULL_TIME_HOURS for p in part)
    assert all(any(r.about == "part_time" for r in p.reasons) for p in part)
    assert [c.name for c in team.labour.people] == [p.name for p in team.people]
    assert {p.reports_to for p in team.people} - {None} <= {p.name for p in team.people}
    note = next(d for d in team.decisions or [] if d.about == "labour_budget")
    assert "兼职" in note.text


def _over(kb, profile):  # type: ignore[no-untyped-def]
    team = unpriced_plan(profile, kb)
    labour = _price(team, kb)
    limit = _limit(labour, profile)
    return team, labour, limit


@settings(max_examples=60, deadline=None)
@given(profiles)
def test_the_part_time_variant_appears_when_and_only_when_it_is_cheaper_and_valid(kb, profile) -> None:  # type: ignore[no-untyped-def]
    team, labour, limit = _over(kb, profile)
    option = _part_time(profile, team, labour, kb, lambda p: sized(p, kb))
    final = plan_team(profile, kb)
    shown = [v for v in final.labour.variants if v.change == "part_time"] if profile.budget_cny is None else []
    if limit is None or labour.monthly_cost <= limit:
        assert not shown
        return
    if final.labour.monthly_cost != labour.monthly_cost:  # sales that cannot pay the work's team took a variant:
        assert all(v.monthly_cost < final.labour.monthly_cost for v in final.labour.variants)  # only cheaper ones shown
        return
    worth = option is not None and option.labour.monthly_cost < labour.monthly_cost and (
        option.labour.monthly_cost <= limit or option.labour.monthly_cost < labour.monthly_cost * 0.95)
    assert bool(shown) == worth
    if option is not None:  # valid: off-air posts the pay model allows, each a fraction of a person, within the budget
        most = kb.pay_figures.part_time_max_load.value
        assert all(0 < load <= most for load in option.loads)
        assert profile.headcount_budget is None or option.headcount <= profile.headcount_budget


@settings(max_examples=40, deadline=None)
@given(profiles, st.floats(min_value=0.3, max_value=1.0))
def test_no_part_timer_is_on_air_in_a_live_session(kb, profile, squeeze) -> None:  # type: ignore[no-untyped-def]
    first = plan_team(profile, kb)
    team = plan_team(msgspec.structs.replace(profile, budget_cny=first.labour.monthly_cost * squeeze), kb)
    part = {p.name for p in team.people if p.employment == "part_time"}
    crew = {name for s in team.sessions or [] for name in s.crew}
    assert not part & crew
    on_air = set(kb.settings.on_camera_roles) | {"floor_control", "central_control"}
    assert all(not on_air & set(p.posts) for p in team.people if p.employment == "part_time")
    workload, at = sized(profile, kb)
    posts: list = []
    at(profile.headcount_budget, lambda ps: posts.extend(ps) or [])  # type: ignore[func-returns-value]
    picked = picker(kb, frozenset())(posts)
    assert all(not posts[k].days and posts[k].role not in on_air for k in picked)


def test_hours_are_the_load_of_a_full_week_at_least_the_minimum(kb) -> None:  # type: ignore[no-untyped-def]
    assert weekly_hours(kb, 0.05) == kb.pay_figures.part_time_min_hours.value
    assert weekly_hours(kb, 0.45) == 18
