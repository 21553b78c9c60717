"""Scorecards from knowledge/scorecards.yaml: weights add up to 100 with each post's purpose metric on top (alone
and merged over every combination the planner makes), directions, targets, and the rule that scores a month."""

from __future__ import annotations

import itertools

import msgspec
import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from douyin_team.errors import KnowledgeError
from douyin_team.kit import build_kit
from douyin_team.kit.scorecard import (
    apportion,
    card_score,
    line_score,
    post_points,
    scorecard,
    whole_percents,
)
from douyin_team.knowledge import load_knowledge
from douyin_team.planning import plan_team
from douyin_team.team import Profile
from samples import profiles  # the same random merchants the planner is tested on

# shared/domain/workload-and-pay.md §9 "Lower-is-better metrics", by the metric id that measures each
LOWER_IS_BETTER = {
    "退款率/退货率": ["refund_rate", "return_rate"], "商品品质退货率": ["quality_return_rate"],
    "破损退货率": ["damage_return_rate"], "揽收时长": ["pickup_hours"], "发货超时率": ["late_shipment_rate"],
    "售后平均审核时长": ["after_sales_review_time"], "飞鸽平均响应时长": ["avg_response_time"],
    "飞鸽会话不满意率": ["im_dissatisfaction_rate"], "平台求助率": ["help_request_rate"], "投诉率": ["complaint_rate"],
    "CPM/CPC/CPA": ["cpm", "cpc", "order_cost"], "3s快滑率": ["swipe_away_rate"],
}


def check_card(card, roles: list[str], kb) -> None:  # type: ignore[no-untyped-def]
    """100 in all; within each post its purpose metric weighs most (strictly when the post has 2+ points)."""
    assert sum(x.weight for x in card.lines) == 100 and len(roles) == len(card.posts)  # no post left off the card
    assert abs(sum(x.share for x in card.lines) - 1) < 1e-9
    for role in roles:
        mine = [x for x in card.lines if x.role == role]
        top = [x for x in mine if x.purpose]
        assert len(top) == 1 and top[0].metric == kb.card[role].purpose and mine[0].purpose
        others = [x.weight for x in mine if not x.purpose]
        if sum(x.weight for x in mine) > 1:
            assert all(top[0].weight > w for w in others), (roles, [(x.metric, x.weight) for x in mine])


def test_every_packaged_post_has_a_card_and_a_hiring_kit(kb) -> None:  # type: ignore[no-untyped-def]
    assert set(kb.card) == set(kb.role) and {h.id for h in kb.hiring} == set(kb.role)


def test_a_playbooks_new_post_without_a_card_gets_an_empty_one(kb) -> None:  # type: ignore[no-untyped-def]
    bare = msgspec.structs.replace(kb, scorecards=[c for c in kb.scorecards if c.id != "designer"])
    bare.__dict__.pop("card", None)  # the cached lookup of the copied knowledge base
    assert scorecard(bare, ["designer"], "growth", "zh").lines == []
    merged = scorecard(bare, ["designer", "anchor"], "growth", "zh")
    assert sum(x.weight for x in merged.lines) == 100 and {x.role for x in merged.lines} == {"anchor"}


def test_every_post_and_stage_sums_to_100_with_the_purpose_on_top(kb) -> None:  # type: ignore[no-untyped-def]
    for role, stage in itertools.product(kb.role, kb.stage):
        card = scorecard(kb, [role], stage, "zh")
        check_card(card, [role], kb)
        assert all(x.data_source and x.direction in ("higher", "lower") for x in card.lines)
        assert all(x.goal is not None or x.note for x in card.lines)  # a range, or "set by you" with guidance


def test_the_posts_are_scored_on_what_they_exist_for(kb) -> None:  # type: ignore[no-untyped-def]
    def weights(role: str, stage: str) -> dict[str, int]:
        return {x.metric: x.weight for x in scorecard(kb, [role], stage, "zh").lines}

    for stage in kb.stage:
        buyer = weights("ad_buyer", stage)
        assert buyer["pay_roi"] == max(buyer.values()) and list(buyer)[:2] == ["pay_roi", "spend_pacing_gap"]
        assert buyer.get("cpm", 0) + buyer.get("ctr", 0) < buyer["pay_roi"]  # cheap traffic is no goal in itself
        service = weights("customer_service", stage)
        assert list(service)[0] == "avg_response_time" and "feige_3min_reply_rate" not in service
        assert {"im_dissatisfaction_rate", "inquiry_conversion"} <= set(service)
        assert set(list(weights("anchor", stage))[:3]) == {"gmv", "gpm", "avg_stay"}
        assert list(weights("fulfillment", stage))[:2] == ["late_shipment_rate", "misship_rate"]
    cs = {x.metric: x for x in scorecard(kb, ["customer_service"], "growth", "en").lines}
    assert cs["avg_response_time"].goal == 30 and cs["avg_response_time"].direction == "lower"  # aim ≤30 s, not 90


def test_every_lower_is_better_metric_of_the_domain_file_says_so(kb) -> None:  # type: ignore[no-untyped-def]
    for name, ids in LOWER_IS_BETTER.items():
        assert all(kb.metric[m].direction == "lower" for m in ids), name
    for m in ("pay_roi", "gpm", "avg_stay", "completion_rate", "experience_score", "inquiry_conversion"):
        assert kb.metric[m].direction == "higher"


def test_targets_exist_at_every_stage_or_say_set_by_you(kb) -> None:  # type: ignore[no-untyped-def]
    for card, stage in itertools.product(kb.scorecards, kb.stage):
        for line in card.lines:
            if line.weights.get(stage, 0) > 0:
                target = line.targets.get(stage) or line.targets["all"]
                assert target.note if target.set_by_you else (target.sources or target.estimate), (card.id, line.metric)
    zh = scorecard(kb, ["customer_service"], "growth", "zh").lines
    en = scorecard(kb, ["customer_service"], "growth", "en").lines
    assert any(x.target == "由你设定" for x in zh) and any(x.target == "Set by you" for x in en)


def test_category_targets_replace_the_general_one(kb) -> None:  # type: ignore[no-untyped-def]
    def refund(category: str | None):  # type: ignore[no-untyped-def]
        return next(x for x in scorecard(kb, ["store_ops"], "growth", "zh", category=category).lines
                    if x.metric == "refund_rate")

    assert refund(None).goal == 0.11 and refund("apparel").goal == 0.5 and refund("food").goal == 0.05
    assert refund("apparel").target == "40%–50%"


@pytest.mark.parametrize("sales", [5_000, 30_000, 60_000, 150_000, 300_000, 800_000, 2_000_000, 10_000_000, 60_000_000])
def test_merged_cards_of_every_planned_team_sum_to_100(kb, sales: int) -> None:  # type: ignore[no-untyped-def]
    team = plan_team(Profile(monthly_sales=sales), kb)
    kit = build_kit(team, kb, team.stage or "novice")
    assert kit.scorecards
    for card in kit.scorecards:
        roles = list(dict.fromkeys(x.role for x in card.lines))
        check_card(card, roles, kb)
        assert len(card.shares) == len(card.posts) and abs(sum(card.shares) - 1) < 1e-9


def test_every_combination_the_planner_may_make_gets_a_sound_card(kb) -> None:  # type: ignore[no-untyped-def]
    for combo in kb.combinations:
        for stage in combo.stages:
            for hours in ([1.0] * len(combo.roles), [40.0] + [1.0] * (len(combo.roles) - 1)):
                card = scorecard(kb, combo.roles, stage, "zh", hours=dict(zip(combo.roles, hours, strict=True)))
                check_card(card, combo.roles, kb)


def test_a_merged_card_weights_posts_by_their_hours(kb) -> None:  # type: ignore[no-untyped-def]
    card = scorecard(kb, ["floor_control", "central_control"], "growth", "zh",
                     hours={"floor_control": 30, "central_control": 10})
    by_post = {r: sum(x.weight for x in card.lines if x.role == r) for r in ("floor_control", "central_control")}
    assert by_post == {"floor_control": 75, "central_control": 25} and card.shares == [0.75, 0.25]


@given(st.lists(st.floats(min_value=0, max_value=80), min_size=1, max_size=6))
@settings(max_examples=150, deadline=None)
def test_any_hours_over_any_posts_keep_the_card_sound(kb, hours: list[float]) -> None:  # type: ignore[no-untyped-def]
    roles = list(kb.role)[: len(hours)]
    for stage in kb.stage:
        check_card(scorecard(kb, roles, stage, "zh", hours=dict(zip(roles, hours, strict=True))), roles, kb)


@given(st.dictionaries(st.text(min_size=1, max_size=3), st.floats(min_value=0.001, max_value=1), min_size=1, max_size=30),
       st.integers(min_value=0, max_value=200))
@settings(max_examples=200, deadline=None)
def test_apportion_adds_up_and_keeps_the_order(raw: dict[str, float], total: int) -> None:
    out = apportion(raw, total)
    assert sum(out.values()) == total
    assert apportion({"1": 0.9999999999999999, "00": 1.0, "0": 1.0}, 1)["1"] == 0  # Hypothesis' find in CI
    assert all(out[a] >= out[b] for a in raw for b in raw if raw[a] > raw[b])
    percents = whole_percents(raw)
    whole = sum(raw.values())
    assert sum(percents.values()) == 100 and all(abs(percents[k] - raw[k] / whole * 100) < 1 for k in raw)
    points = post_points(raw)
    assert sum(points.values()) == 100 and (len(raw) > 100 or min(points.values()) >= 1)


def test_the_month_is_scored_the_right_way_round() -> None:
    assert line_score("higher", 2.0, 2.5) == pytest.approx(1.2)  # capped at 120%
    assert line_score("higher", 2.0, 1.0) == pytest.approx(0.5)
    assert line_score("lower", 30, 60) == pytest.approx(0.5)  # twice as slow as the goal: half marks
    assert line_score("lower", 30, 25) == pytest.approx(1.2)
    assert line_score("lower", 1, 0) == pytest.approx(1.2)  # no incident at all
    assert line_score("higher", None, 3) is None and line_score("lower", 30, None) is None


def test_card_total_is_the_weighted_mean_of_the_scored_lines(kb) -> None:  # type: ignore[no-untyped-def]
    card = scorecard(kb, ["customer_service"], "growth", "zh")
    index = {x.metric: i for i, x in enumerate(card.lines)}
    actuals = {index["avg_response_time"]: 45.0, index["inquiry_conversion"]: 0.5}
    expected = (35 * (30 / 45) + 25 * min(1.2, 0.5 / 0.45)) / 60
    assert card_score(card, actuals) == pytest.approx(expected)
    assert card_score(card, {}) is None


BAD_CARDS = [
    ("scorecards:\n  - {id: ad_buyer, purpose: pay_roi, lines: [{metric: pay_roi, weights: {novice: 90, growth: 100, mature: 100},"
     " targets: {all: {low: 2, estimate: true}}}], sources: [model]}\n", "add up to 90"),
    ("scorecards:\n  - {id: ad_buyer, purpose: pay_roi, lines: [{metric: pay_roi, weights: {novice: 50, growth: 50, mature: 50},"
     " targets: {all: {low: 2, estimate: true}}}, {metric: cpm, weights: {novice: 50, growth: 50, mature: 50},"
     " targets: {all: {high: 20, estimate: true}}}], sources: [model]}\n", "weighs as much as the purpose"),
    ("scorecards:\n  - {id: ad_buyer, purpose: pay_roi, lines: [{metric: pay_roi, weights: {novice: 100, growth: 100, mature: 100},"
     " targets: {novice: {low: 2}}}], sources: [model]}\n", "cites no source"),
    ("scorecards:\n  - {id: ad_buyer, purpose: pay_roi, lines: [{metric: pay_roi, weights: {novice: 100, growth: 100, mature: 100},"
     " targets: {all: {}}}], sources: [model]}\n", "needs a note"),
    ("scorecards:\n  - {id: ad_buyer, purpose: pay_roi, lines: [{metric: pay_roi, weights: {novice: 100, growth: 100, mature: 100},"
     " targets: {novice: {low: 2, estimate: true}}}], sources: [model]}\n", "no target at stage 'growth'"),
    ("scoring: {cap: 0.8}\n", "cap"),
]


@pytest.mark.parametrize(("playbook", "message"), BAD_CARDS)
def test_a_playbook_with_a_broken_card_is_refused(tmp_path, playbook: str, message: str) -> None:  # type: ignore[no-untyped-def]
    path = tmp_path / "playbook.yaml"
    path.write_text(playbook, encoding="utf-8")
    with pytest.raises(KnowledgeError) as err:
        load_knowledge(path)
    assert message in str(err.value.message)


def test_a_playbook_rewrites_a_card(tmp_path) -> None:  # type: ignore[no-untyped-def]
    path = tmp_path / "playbook.yaml"
    path.write_text("scorecards:\n  - {id: ad_buyer, purpose: pay_roi, lines: [\n"
                    "      {metric: pay_roi, weights: {novice: 60, growth: 60, mature: 60}, targets: {all: {low: 2.5, sources: [model]}}},\n"
                    "      {metric: spend_pacing_gap, weights: {novice: 40, growth: 40, mature: 40}, targets: {all: {high: 0.1, estimate: true}}}]}\n",
                    encoding="utf-8")
    kb = load_knowledge(path)
    card = scorecard(kb, ["ad_buyer"], "growth", "zh")
    assert [(x.metric, x.weight, x.goal) for x in card.lines] == [("pay_roi", 60, 2.5), ("spend_pacing_gap", 40, 0.1)]


@settings(max_examples=30, deadline=None)
@given(profiles)
def test_every_card_of_a_planned_team_is_sound(kb, profile: Profile) -> None:  # type: ignore[no-untyped-def]
    team = plan_team(profile, kb)
    kit = build_kit(team, kb, team.stage or "novice")
    for card in kit.scorecards:
        check_card(card, list(dict.fromkeys(x.role for x in card.lines)), kb)
    assert {x.metric for x in kit.review.rows} == {x.metric for card in kit.scorecards for x in card.lines}


def test_every_target_shows_where_it_comes_from(kb) -> None:  # type: ignore[no-untyped-def]
    for role, stage in itertools.product(kb.role, kb.stage):
        for x in scorecard(kb, [role], stage, "zh").lines:
            assert x.basis != "—" or x.goal is None, (role, x.metric)  # a figure always names its source
            assert ("本工具估算" in x.basis) == x.estimate
    service = {x.metric: x for x in scorecard(kb, ["customer_service"], "novice", "en").lines}
    assert "90 s is slow [code]" in service["avg_response_time"].basis
