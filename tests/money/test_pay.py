"""Pay: market pay by post, city tier and stage; priced plans; cheaper variants; the money budget; the check
pricing a team the way the plan does."""

from __future__ import annotations

import subprocess
import sys

import msgspec
import pytest
from hypothesis import given, settings

from douyin_team.checking import check_team
from douyin_team.money import post_pay, price_team, seat_pay
from douyin_team.planning import plan_team
from douyin_team.planning.planner import unpriced_plan
from douyin_team.team import Person, Profile, Team
from samples import profiles


def plan(kb, lang="zh", **kwargs) -> Team:  # type: ignore[no-untyped-def]
    return plan_team(Profile(**kwargs), kb, lang)


def test_every_post_of_the_knowledge_base_has_cited_pay(kb) -> None:  # type: ignore[no-untyped-def]
    for role in kb.role:
        data = kb.pay_post[role]
        assert data.sources and data.base[0] <= data.base[1] <= data.base[2]
    # posts no source prices are marked as our estimate
    assert {r for r, p in kb.pay_post.items() if p.estimate} >= {"floor_control", "central_control", "ad_buyer"}


def test_city_tier_moves_pay_by_its_factor(kb) -> None:  # type: ignore[no-untyped-def]
    ref = post_pay(kb, "customer_service", "growth", 2)
    assert (ref.low, ref.base, ref.high) == tuple(kb.pay_post["customer_service"].base)  # reference tier, growth
    tier1 = post_pay(kb, "customer_service", "growth", 1)
    assert tier1.base == pytest.approx(ref.base * kb.pay_tier["1"].factor, abs=10)
    bases = [post_pay(kb, "anchor", "growth", t).base for t in range(1, 6)]
    assert bases == sorted(bases, reverse=True) and bases[0] > bases[-1]
    assert post_pay(kb, "anchor", "mature", 2).base > post_pay(kb, "anchor", "novice", 2).base


def test_priced_plans_by_tier(kb) -> None:  # type: ignore[no-untyped-def]
    costs = [plan(kb, monthly_sales=300_000, city_tier=t).labour.monthly_cost for t in range(1, 6)]
    assert costs == sorted(costs, reverse=True) and costs[0] > costs[-1] * 1.5


def test_every_person_of_a_plan_is_priced_and_the_sums_add_up(kb) -> None:  # type: ignore[no-untyped-def]
    for sales in (30_000, 300_000, 3_000_000):
        team = plan(kb, monthly_sales=sales)
        labour = team.labour
        assert labour is not None and [c.name for c in labour.people] == [p.name for p in team.people]
        assert all(c.low <= c.total <= c.high for c in labour.people)
        assert labour.monthly_cost == pytest.approx(sum(c.total for c in labour.people) + sum(o.monthly for o in labour.outside))
        assert labour.base + labour.commission == pytest.approx(sum(c.total for c in labour.people))
        assert labour.range_low <= labour.monthly_cost <= labour.range_high
        assert labour.share_of_sales == pytest.approx(labour.monthly_cost / sales)
        assert labour.sources and "feedwhy-4948" in labour.sources
        assert any(d.about == "labour" for d in team.decisions or [])


def test_the_owner_leads_unpaid_until_maturity(kb) -> None:  # type: ignore[no-untyped-def]
    growth = plan(kb, monthly_sales=300_000).labour
    lead = next(c for c in growth.people if c.name == "负责人")
    assert lead.basis == "owner" and lead.total == 0
    mature = plan(kb, monthly_sales=3_000_000)
    lead_name = next(p.name for p in mature.people if "team_lead" in p.posts)
    paid = next(c for c in mature.labour.people if c.name == lead_name)
    assert paid.basis == "market" and paid.base > 0


def test_hosts_earn_commission_shared_among_them_and_capped(kb) -> None:  # type: ignore[no-untyped-def]
    one = seat_pay(kb, ["anchor"], "growth", 2, {}, 300_000)
    rate = kb.pay_post["anchor"].commission.rate
    assert one.commission == pytest.approx(rate * 300_000, abs=10)
    half = seat_pay(kb, ["anchor"], "growth", 2, {"anchor": 0.5}, 300_000)
    assert half.commission == pytest.approx(one.commission / 2, abs=10)
    capped = seat_pay(kb, ["anchor"], "growth", 2, {}, 100_000_000)
    assert capped.commission <= kb.pay_figures.commission_cap.value * capped.base + 10


def test_combined_posts_are_paid_as_the_best_paid_post_plus_a_premium(kb) -> None:  # type: ignore[no-untyped-def]
    alone = post_pay(kb, "video_director", "growth", 2).base
    both = seat_pay(kb, ["video_director", "video_editor"], "growth", 2, {}, None)
    assert both.base == pytest.approx(alone * (1 + kb.pay_figures.combined_premium.value), abs=10)


def test_own_figures_win_over_the_market(kb) -> None:  # type: ignore[no-untyped-def]
    team = Team(monthly_sales=300_000, people=[Person(name="A", roles=["team_lead"]),
                                               Person(name="B", roles=["anchor"], reports_to="A", monthly_cost=6000),
                                               Person(name="C", roles=["customer_service"], reports_to="A")])
    labour = price_team(team, kb, "growth")
    assert [(c.name, c.basis) for c in labour.people] == [("A", "owner"), ("B", "own"), ("C", "market")]
    assert labour.people[1].total == 6000


def test_a_plan_over_the_usual_share_says_so_and_offers_a_cheaper_variant(kb) -> None:  # type: ignore[no-untyped-def]
    team = plan(kb, monthly_sales=150_000)  # 27% of sales: over the usual share, within what the sales can pay
    labour = team.labour
    assert labour.share_max < labour.share_of_sales <= kb.pay_figures.cost_share_ceiling.value
    texts = [d.text for d in team.decisions or []]
    assert any(t.startswith("⚠ 人力成本占月销") for t in texts)
    assert labour.variants and any(v.within_rule for v in labour.variants)
    assert all(v.monthly_cost < labour.monthly_cost for v in labour.variants)
    assert any(t.startswith("更省的做法") for t in texts)


def test_sales_that_cannot_pay_the_work_s_team_get_the_team_they_can_pay_told_what_the_work_needs(kb) -> None:  # type: ignore[no-untyped-def]
    """Past `cost_share_ceiling` (30% of sales) without a money budget, the plan is the best variant within it:
    at 5,000 CNY a month the owner alone (one hire would cost 160% of sales); at 100,000 four people, not six."""
    ceiling = kb.pay_figures.cost_share_ceiling.value
    for sales, people in ((5_000, 1), (100_000, 4)):
        team = plan(kb, monthly_sales=sales)
        assert len(team.people) == people and team.labour.share_of_sales <= ceiling
        note = next(d for d in team.decisions or [] if d.about == "labour_budget")
        work = unpriced_plan(Profile(monthly_sales=sales), kb)
        assert note.text.startswith(f"按工作量要{len(work.people)}人") and "超过30%" in note.text and "再按工作量配齐" in note.text
        assert team.headcount_budget is None and team.budget_cny is None  # the inputs as given
        assert all(v.monthly_cost < team.labour.monthly_cost for v in team.labour.variants)
    english = plan(kb, "en", monthly_sales=5_000)
    assert any(d.text.startswith("The work needs 2 people") for d in english.decisions or [])
    # A money budget is the merchant's own ceiling: the same sales with a budget the work's team fits keep it.
    full = unpriced_plan(Profile(monthly_sales=100_000), kb)
    kept = plan(kb, monthly_sales=100_000, budget_cny=100_000)
    assert len(kept.people) == len(full.people)


def test_under_the_ceiling_nobody_is_put_on_camera_all_day(kb) -> None:  # type: ignore[no-untyped-def]
    """100,000 CNY a month asking for 8 live hours (2 sessions) or 3 rooms: fewer people would put one host on
    camera for two sessions, so the plan the sales can pay goes live for the usual 4 hours in one room, and says
    so; the cheaper cuts that keep 8 hours say that someone is on camera all day. A labour budget keeps 8 hours."""
    for asked, changed in (({"live_hours": 8}, "每天开播缩短到4小时"), ({"rooms": 3}, "只开1个直播间")):
        team = plan(kb, monthly_sales=100_000, **asked)
        assert team.labour.share_of_sales <= kb.pay_figures.cost_share_ceiling.value
        assert (team.live_hours, team.rooms) == (4, 1)
        crews = [n for x in team.sessions or [] for n in x.crew if "anchor" in next(p for p in team.people if p.name == n).posts]
        assert len(team.sessions or []) == 1 and len(crews) == len(set(crews)) == 1
        note = next(d for d in team.decisions or [] if d.about == "labour_budget")
        assert note.text.startswith("按工作量要") and f"先按{changed}" in note.text
    longer = plan(kb, monthly_sales=100_000, live_hours=8).labour.variants
    assert all("有人每天上镜超过一场" in v.text for v in longer if v.headcount < 4)
    kept = plan(kb, monthly_sales=100_000, live_hours=8, budget_cny=100_000)
    assert kept.live_hours == 8 and len(kept.sessions or []) == 2


def test_a_variant_is_what_plan_gives_for_that_profile(kb) -> None:  # type: ignore[no-untyped-def]
    team = plan(kb, monthly_sales=150_000)
    fewer = next(v for v in team.labour.variants if v.change == "fewer_people")
    again = plan(kb, monthly_sales=150_000, headcount_budget=fewer.headcount)
    assert len(again.people) == fewer.headcount and again.labour.monthly_cost == fewer.monthly_cost


def test_the_money_budget_is_honoured_like_the_headcount_budget(kb) -> None:  # type: ignore[no-untyped-def]
    first = plan(kb, monthly_sales=300_000).labour.monthly_cost
    fits = plan(kb, monthly_sales=300_000, budget_cny=30_000)
    assert fits.labour.monthly_cost <= 30_000 < first and fits.labour.budget == 30_000
    assert any(d.about == "labour_budget" and "改为" in d.text for d in fits.decisions or [])
    short = plan(kb, monthly_sales=300_000, budget_cny=1_000)
    note = next(d for d in short.decisions or [] if d.about == "labour_budget")
    assert note.text.startswith("⚠ 人力预算每月1,000元不够")
    assert len(short.people) >= kb.stage["growth"].team_min  # never below the stage's smallest team
    smallest = plan(kb, monthly_sales=5_000, headcount_budget=1, budget_cny=10)  # nothing cheaper than the owner alone
    assert any(d.about == "labour_budget" and d.text.startswith("⚠") for d in smallest.decisions or []) or \
        smallest.labour.monthly_cost <= 10
    roomy = plan(kb, monthly_sales=300_000, budget_cny=10_000_000)
    assert roomy.labour.monthly_cost == first and not any(d.about == "labour_budget" for d in roomy.decisions or [])


def test_outsourced_service_and_cloud_warehouses_are_priced(kb) -> None:  # type: ignore[no-untyped-def]
    team = plan(kb, monthly_sales=3_000_000, service="outsourced", fulfilment="cloud")
    outside = {o.what: o for o in team.labour.outside}
    assert set(outside) == {"outsourced_service", "cloud_warehouse"}
    orders = 3_000_000 / 30 / kb.category["general"].order_value
    assert outside["cloud_warehouse"].monthly == pytest.approx(orders * 30 * kb.pay_figures.cloud_per_order.value, abs=1)
    assert outside["outsourced_service"].monthly >= kb.pay_figures.outsourced_minimum.value
    assert not any("customer_service" in p.posts or "fulfillment" in p.posts for p in team.people)


def test_the_check_prices_a_team_as_the_plan_does(kb) -> None:  # type: ignore[no-untyped-def]
    team = plan(kb, monthly_sales=150_000)
    finding = next(f for f in check_team(team, kb).findings if f.rule == "labour-cost-share")
    assert f"{team.labour.monthly_cost:,.0f}元" in finding.message.zh
    priced_again = price_team(msgspec.structs.replace(team, labour=None), kb, team.stage)
    assert priced_again.monthly_cost == team.labour.monthly_cost


def test_a_market_estimate_below_the_range_is_not_a_finding(kb) -> None:  # type: ignore[no-untyped-def]
    small = Team(monthly_sales=5_000_000, people=[Person(name="A", roles=["team_lead"]),
                                                  Person(name="B", roles=["anchor"], reports_to="A")])
    assert "labour-cost-share" not in [f.rule for f in check_team(small, kb).findings]
    own = msgspec.structs.replace(small, people=[Person(name="A", roles=["team_lead"], monthly_cost=5000),
                                                 Person(name="B", roles=["anchor"], reports_to="A", monthly_cost=5000)])
    assert "labour-cost-share" in [f.rule for f in check_team(own, kb).findings]


@settings(max_examples=60, deadline=None)
@given(profiles)
def test_every_plan_is_priced_and_never_over_the_rule_in_silence(kb, profile: Profile) -> None:  # type: ignore[no-untyped-def]
    team = plan_team(profile, kb)
    labour = team.labour
    assert labour is not None and len(labour.people) == len(team.people)
    assert labour.range_low <= labour.monthly_cost <= labour.range_high
    if labour.share_of_sales is not None and labour.share_of_sales > labour.share_max:
        assert any(d.about == "labour_share" and d.text.startswith("⚠") for d in team.decisions or [])


def test_cli_budget_cny(tmp_path) -> None:  # type: ignore[no-untyped-def]
    run = [sys.executable, "-m", "douyin_team", "plan", "--sales", "300000", "--budget-cny"]
    ok = subprocess.run([*run, "30000", "-f", "json"], capture_output=True, text=True, check=False)
    assert ok.returncode == 0 and msgspec.json.decode(ok.stdout)["labour"]["monthly_cost"] <= 30_000
    bad = subprocess.run([*run, "-5"], capture_output=True, text=True, check=False)
    assert bad.returncode == 2 and "--budget-cny" in bad.stderr and "Traceback" not in bad.stderr


def test_working_leads_earn_the_lead_premium(kb) -> None:  # type: ignore[no-untyped-def]
    crew = [Person(name=f"客服{k}", roles=["customer_service"], reports_to="组长") for k in range(3)]
    team = Team(monthly_sales=3_000_000, people=[Person(name="老板", roles=["team_lead"]),
                                                 Person(name="组长", roles=["customer_service"], reports_to="老板"), *crew])
    costs = {c.name: c for c in price_team(team, kb, "mature").people}
    step = 1 + kb.pay_figures.lead_premium.value
    assert costs["组长"].base == pytest.approx(costs["客服0"].base * step, abs=10)
    assert costs["老板"].base == post_pay(kb, "team_lead", "mature", None).base  # leading everyone is the post itself
    # Leading people of other posts (a room's 中控 and 场控) is not a working lead of one's own post.
    mixed = Team(monthly_sales=3_000_000, people=[
        Person(name="运营", roles=["live_ops"]), Person(name="中控", roles=["central_control"], reports_to="运营"),
        Person(name="场控", roles=["floor_control"], reports_to="运营")])
    assert price_team(mixed, kb, "mature").people[0].base == post_pay(kb, "live_ops", "mature", None).base


def test_big_plans_pay_their_leads_and_their_variants_still_cost_what_planning_them_gives(kb) -> None:  # type: ignore[no-untyped-def]
    from douyin_team.planning.parttime import mark_part_time
    from douyin_team.planning.planner import sized, unpriced_plan
    from douyin_team.planning.pricing import _price, _variants

    profile = Profile(monthly_sales=20_000_000, rooms=3, live_hours=16)
    team = unpriced_plan(profile, kb)
    labour = _price(team, kb)
    leads = [p.name for p in team.people if p.name.endswith("组长")]
    assert leads, "a 20M three-room plan has working leads"
    by_name = {c.name: c for c in labour.people}
    for name in leads:
        member = next(p.name for p in team.people if p.reports_to == name)
        assert by_name[name].base > by_name[member].base
    options = _variants(profile, team, labour, kb, lambda p: sized(p, kb), labour.monthly_cost * 0.9)
    assert options
    for option in options:
        planned = unpriced_plan(option.profile, kb, apart=option.apart)
        if option.loads:
            planned = mark_part_time(planned, list(option.loads), kb, "zh")
        assert _price(planned, kb).monthly_cost == option.labour.monthly_cost, option.change
