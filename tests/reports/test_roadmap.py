"""The roadmap to a later stage: steps ordered by the sales level at which each pays, never hiring a post the
team staffs, ending at the planner's own plan for the target stage."""

from __future__ import annotations

from collections import Counter
from pathlib import Path

import msgspec
import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from douyin_team.cli import main
from douyin_team.errors import InvalidValue
from douyin_team.planning import plan_team
from douyin_team.reports import end_state, roadmap, target_profile
from douyin_team.team import Profile, read_team

EXAMPLES = Path(__file__).resolve().parents[2] / "examples"


def post_counts(seats) -> Counter[str]:  # type: ignore[no-untyped-def]
    return Counter(r for posts in seats for r in posts)


def assert_ends_at_the_plan(team, kb, goal: str) -> None:  # type: ignore[no-untyped-def]
    steps = roadmap(team, kb, goal)
    plan = plan_team(target_profile(team, kb, goal), kb, ceiling=False)
    end = end_state(team, steps)
    assert post_counts(end) == post_counts(p.posts for p in plan.people)  # the same holders of every post
    assert len(end) == len(plan.people)  # and the same headcount


def test_growth_team_to_mature(kb) -> None:  # type: ignore[no-untyped-def]
    team = read_team(EXAMPLES / "my-team.yaml", kb)
    steps = roadmap(team, kb, "mature")
    splits = {tuple(s.people): s.rule for s in steps if s.action == "split"}
    assert splits[("老周",)] == "mature-core-posts-single" and splits[("阿杰",)] == "mature-core-posts-single"
    assert splits[("小敏",)] == "mature-dedicated-teams"  # 客服 must become its own post
    hired = {r for s in steps if s.action == "hire" for r in s.roles}
    assert {"video_editor", "merchandiser", "fulfillment"} <= hired
    taken = {r for s in steps if s.action == "extend" for r in s.roles}
    assert "data_analyst" in hired | taken  # a new post: hired, or taken on while the work is light (1M)
    assert "anchor" not in hired  # 小雅 already hosts
    assert len({s.sales for s in steps}) > 1 and all(s.sources and s.rule for s in steps)
    assert_ends_at_the_plan(team, kb, "mature")


def test_steps_are_ordered_by_level_and_no_post_is_left_without_a_holder(kb) -> None:  # type: ignore[no-untyped-def]
    team = read_team(EXAMPLES / "my-team.yaml", kb)
    steps = roadmap(team, kb, "mature")
    assert [s.sales for s in steps] == sorted(s.sales for s in steps)
    for k, split in enumerate(steps):
        if split.action == "split":  # someone else still holds each post given up, or the next step fills it
            held = {r for posts in end_state(team, steps[:k + 1]) for r in posts}
            after = {r for posts in end_state(team, steps[:k + 2]) for r in posts}
            assert set(split.roles) <= held | after, (k, split)
    # more chats at 700k than one person answers: the second 客服 comes before the mature stage, with its driver
    service = [s for s in steps if s.roles == ["customer_service"]]
    assert service and service[0].sales < 1_000_000 and service[0].driver == "chats_per_day"


def test_never_hires_a_post_the_team_already_staffs(kb) -> None:  # type: ignore[no-untyped-def]
    team = read_team(EXAMPLES / "my-team.yaml", kb)
    steps = roadmap(team, kb, "mature")
    assert "hire" in {s.action for s in steps} and "add" in {s.action for s in steps}
    names = [p.name for p in team.people]  # then each hire by the name its step gives it
    for k, s in enumerate(steps):
        state = end_state(team, steps[:k])  # after the splits and hires so far
        held = {r for posts in state for r in posts}
        if s.action == "hire":
            assert not set(s.roles) & held
        elif s.action == "add":  # more headcount for a post someone holds (or an earlier step hired)
            assert set(s.roles) & held
        elif s.action == "extend":  # someone takes a post on: never one they hold
            assert not set(s.roles) & set(state[names.index(s.people[0])])
        if s.action in ("hire", "add"):
            assert len(s.people) == 1 and s.people[0] not in names
            names.append(s.people[0])


@given(sales=st.sampled_from([3_000, 20_000, 60_000, 90_000]), hours=st.sampled_from([None, 2.0, 6.0]),
       goal=st.sampled_from(["growth", "mature"]))
@settings(max_examples=20, deadline=None)
def test_the_road_from_a_planned_team_ends_at_the_plan_for_the_target(kb, sales: float, hours: float | None,
                                                                      goal: str) -> None:  # type: ignore[no-untyped-def]
    team = msgspec.structs.replace(plan_team(Profile(monthly_sales=sales, live_hours=hours), kb), sessions=None)
    team = msgspec.structs.replace(team, people=[msgspec.structs.replace(p, vacancy=False) for p in team.people])
    assert_ends_at_the_plan(team, kb, goal)


def test_the_road_hires_at_the_pace_plan_gives_when_the_first_sales_cannot_pay_the_team(kb) -> None:  # type: ignore[no-untyped-def]
    """A 90k newcomer's road to growth: at 100k `plan` starts smaller than the work needs (its labour would pass
    30% of sales) and names the sales for the full team; the road hires no faster than `plan` at each level,
    leaves no post without a holder, and ends by those sales with the work's team."""
    from douyin_team.planning import full_team_sales

    team = msgspec.structs.replace(plan_team(Profile(monthly_sales=90_000), kb), sessions=None)
    team = msgspec.structs.replace(team, people=[msgspec.structs.replace(p, vacancy=False) for p in team.people])
    steps = roadmap(team, kb, "growth")
    end = target_profile(team, kb, "growth")
    full = plan_team(end, kb, ceiling=False)
    assert full.labour is not None
    levels = sorted({s.sales for s in steps})
    assert levels[0] == 100_000 < levels[-1] <= full_team_sales(full.labour, kb.pay_figures.cost_share_ceiling.value)
    for level in levels[:-1]:
        state = end_state(team, [s for s in steps if s.sales <= level])
        at = plan_team(msgspec.structs.replace(end, stage=None, monthly_sales=level), kb)
        assert len(state) <= len(at.people)
        assert {r for p in team.people for r in p.posts} <= {r for posts in state for r in posts}
    assert_ends_at_the_plan(team, kb, "growth")


def test_default_target_and_bad_targets(kb) -> None:  # type: ignore[no-untyped-def]
    team = read_team(EXAMPLES / "my-team.yaml", kb)
    own = {p.name for p in team.people}  # the team's own people split at mature (a hire's interim posts earlier)
    assert {s.stage for s in roadmap(team, kb) if s.action == "split" and set(s.people) <= own} == {"mature"}
    with pytest.raises(InvalidValue, match="already"):
        roadmap(team, kb, "novice")
    with pytest.raises(InvalidValue, match="unknown stage"):
        roadmap(team, kb, "galaxy")


def test_roadmap_command(kb, capsys) -> None:  # type: ignore[no-untyped-def]
    assert main(["roadmap", str(EXAMPLES / "my-team.yaml"), "--to", "mature", "--lang", "en"]) == 0
    out = capsys.readouterr().out
    assert out.startswith("# Roadmap") and "Split 老周's posts" in out and "Video editor" in out
    assert out.index("at 500,000 CNY") < out.index("at 1,000,000 CNY")
    total = sum(s.cost or 0 for s in roadmap(read_team(EXAMPLES / "my-team.yaml", kb), kb, "mature"))
    assert f"Added monthly labour cost: +{total:,.0f} CNY" in out and "(monthly cost +" in out


def test_roadmap_of_a_roster_takes_the_sales_from_the_command_line(tmp_path: Path, capsys) -> None:  # type: ignore[no-untyped-def]
    roster = tmp_path / "团队.csv"
    roster.write_text("姓名,岗位,上级\n王总,老板,\n小丽,带货主播,王总\n阿强,场控,王总\n小芳,客服+打包,王总\n"
                      "大刘,千川投手,王总\n小陈,剪辑师,王总\n", encoding="utf-8")
    # six people and no sales: their size says mature, the last stage, and the hint says what to add
    assert main(["roadmap", str(roster)]) == 2
    assert capsys.readouterr().err.strip() == ("douyin-team：错误：团队已经处于最后一个阶段"
                                               "（提示：文件里没有月销时，用 --sales 写上月销）")
    assert main(["roadmap", str(roster), "--sales", "300000", "--no-ads"]) == 0
    out = capsys.readouterr().out
    assert out.startswith("# 升级路线") and "月销达到100万元（成熟阶段）" in out and "新增月人力成本合计" in out


def test_two_stages_hire_each_post_once_and_cite_a_rule_for_every_step(kb, tmp_path: Path) -> None:  # type: ignore[no-untyped-def]
    team = tmp_path / "team.yaml"
    team.write_text("monthly_sales: 50000\npeople:\n  - {name: 老板, roles: [负责人, 主播, 直播运营]}\n"
                    "  - {name: 小李, roles: [中控, 抖店运营, 客服, 剪辑]}\n", encoding="utf-8")
    read = read_team(team, kb)
    steps = roadmap(read, kb, "mature", "en")
    hires = [r for s in steps if s.action == "hire" for r in s.roles]
    assert len(hires) == len(set(hires)) and {"floor_control", "fulfillment"} <= set(hires)
    assert [s.stage for s in steps] == sorted((s.stage for s in steps), key=list(kb.stage).index)
    assert all(s.rule and s.sources for s in steps)
    assert all("兼任" not in s.why and "专人" not in s.why for s in steps)  # English sentences, names aside
    # At growth the uncommon combinations split, post by post as someone takes each over; a hire's interim
    # posts go when their own holder is hired.
    splits = [s for s in steps if s.action == "split" and set(s.people) <= {"小李", "老板"}]
    assert {s.rule for s in splits} == {"growth-uncommon-combination"} and all(s.sales >= 100_000 for s in splits)
    assert {p for s in splits for p in s.people} == {"小李", "老板"}
    interim = [s for s in steps if s.action == "split" and s not in splits]
    assert all(s.rule and s.rule.startswith("posts.") for s in interim)
    assert_ends_at_the_plan(read, kb, "mature")


def test_each_hire_costs_what_the_pay_model_says_and_splits_cost_nothing(kb) -> None:  # type: ignore[no-untyped-def]
    from douyin_team.money import seat_pay

    team = read_team(EXAMPLES / "my-team.yaml", kb)
    steps = roadmap(team, kb, "mature")
    for s in steps:
        if s.action in ("split", "extend"):
            assert s.cost == 0
            continue
        at = msgspec.structs.replace(target_profile(team, kb, "mature"), stage=None, monthly_sales=s.sales)
        plan = plan_team(at, kb, ceiling=s.sales < 1_000_000)  # as `plan` gives each level; the target's work at the end
        holders = post_counts(p.posts for p in plan.people)
        pay = seat_pay(kb, s.roles, s.stage, team.city_tier, {r: 1 / holders[r] for r in s.roles}, s.sales)
        assert (s.cost, s.cost_low, s.cost_high) == (pay.total, pay.low, pay.high) and pay.total > 0


@pytest.mark.parametrize("sales", [30_000, 300_000, 700_000])
def test_a_plans_open_posts_are_hired_first_at_todays_sales_seat_by_seat(kb, sales: float) -> None:  # type: ignore[no-untyped-def]
    """A plan's 待招聘 seats are hires for now: the road's first steps, one per seat with the seat's posts together
    (a growth plan's 助播 + 场控 is one person), and the road from there still ends at the target's plan."""
    team = msgspec.structs.replace(plan_team(Profile(monthly_sales=sales), kb), sessions=None)
    open_posts = [p for p in team.people if p.vacancy]
    steps = roadmap(team, kb, "mature")
    first = steps[:len(open_posts)]
    assert open_posts and [(s.action, s.roles, s.people, s.sales, s.rule) for s in first] == \
        [("add" if any(set(p.posts) & set(q.posts) for q in team.people if not q.vacancy) else "hire", list(p.posts),
          [p.name], sales, "post-vacant") for p in open_posts]
    assert all(s.cost and s.cost > 0 for s in first)
    assert all(s.rule != "post-vacant" for s in steps[len(open_posts):])
    assert_ends_at_the_plan(team, kb, "mature")


def test_the_same_hire_twice_at_one_level_reads_as_one_step_with_its_count(kb) -> None:  # type: ignore[no-untyped-def]
    from douyin_team.reports import render_roadmap
    from douyin_team.reports.roadmap import Step

    agent = Step("growth", 700_000, "add", ["customer_service"], [], "每天约114次咨询", "posts.growth", ["model"],
                 cost=4500.0, cost_low=3300.0, cost_high=7500.0)
    editor = Step("growth", 700_000, "add", ["video_editor"], [], "每周约17条短视频", "posts.growth", ["model"],
                  cost=6700.0, cost_low=5500.0, cost_high=7900.0)
    out = render_roadmap([agent, agent, editor], kb, "zh", "markdown")
    assert "1. 月销达到70万元（成长阶段） — 增加2名客服 [posts.growth]" in out and "（月成本 +9,000元，6,600–15,000）" in out
    assert "2. 月销达到70万元（成长阶段） — 增加一名拍摄剪辑" in out and "3." not in out
    assert "新增月人力成本合计：+15,700元" in out
    assert "Add 2 more: Customer service" in render_roadmap([agent, agent], kb, "en", "markdown")
