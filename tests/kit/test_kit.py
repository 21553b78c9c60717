"""The kit's core: every part built from the team and the knowledge base; property tests over planned teams."""

from __future__ import annotations

from pathlib import Path

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from douyin_team.kit import KitOptions, build_kit, main_session, render_kit
from douyin_team.planning import live_sessions, plan_team
from douyin_team.team import Profile, read_team
from samples import profiles  # the same random merchants the planner is tested on

ROOT = Path(__file__).resolve().parents[2]


def test_the_example_team_kit(kb) -> None:  # type: ignore[no-untyped-def]
    team = read_team(ROOT / "examples" / "my-team.yaml", kb)
    kit = build_kit(team, kb, "growth", "zh", KitOptions(start="20:00", date="2026-11-25"))
    assert kit.title == "山野茶铺 · 团队工具包" and kit.stage_name == "成长阶段"
    assert [r.name for r in kit.org] == ["老周", "小雅", "阿杰", "小敏"] and kit.org[2].reports_to == "老周"
    assert len(kit.jobs) == len(kit.scorecards) == 4 and kit.jobs[2].title == "场控 + 中控"
    assert kit.sop.live_hours == 5 and kit.shifts is not None and kit.shifts.slots
    b = kit.budget
    assert b.total == 25_500 and b.monthly_sales == 350_000 and abs(b.share - 25_500 / 350_000) < 1e-12
    assert b.per_post["场控"] == b.per_post["中控"] == 3_500  # 阿杰's 7,000 split by equal hours
    assert abs(sum(x.cost or 0 for x in b.lines) - b.total) < 1e-6


def test_open_posts_are_priced_at_market_pay_and_the_budget_is_the_plans(kb) -> None:  # type: ignore[no-untyped-def]
    team = plan_team(Profile(monthly_sales=60_000), kb)
    kit = build_kit(team, kb, "novice")
    owner = [c.name for c in team.labour.people if c.basis == "owner"]
    assert owner == ["负责人"] and kit.budget.unpriced == [p.name for p in team.people if p.name not in owner]
    assert kit.budget.total == team.labour.monthly_cost > 0
    assert kit.budget.share == pytest.approx(team.labour.monthly_cost / 60_000)
    assert sum(x.cost or 0 for x in kit.budget.lines) == pytest.approx(kit.budget.total)
    no_live = build_kit(team, kb, "novice", options=KitOptions(live_hours=0))
    assert no_live.shifts is None and all(x.owners for x in no_live.sop.lines)


@settings(max_examples=40, deadline=None)
@given(profiles, st.sampled_from(["zh", "en"]))
def test_every_planned_team_gets_a_kit_with_every_sop_line_owned(kb, profile: Profile, lang: str) -> None:  # type: ignore[no-untyped-def]
    team = plan_team(profile, kb)
    kit = build_kit(team, kb, team.stage or "novice", lang)  # type: ignore[arg-type]
    names = {p.name for p in team.people}
    assert kit.sop.lines and all(line.owners and set(line.owners) <= names for line in kit.sop.lines)
    mine, steps = kit.sop.by_person(), {line.step: line for line in kit.sop.lines}
    hosts = {p.name for p in team.people if {"anchor", "assistant_anchor"} & set(p.posts)}
    crew = set(main_session(live_sessions(team, kb)).crew) if team.sessions else set(names)  # type: ignore[union-attr]
    on_air = set(kb.settings.host_roles) | set(kb.settings.control_roles) | set(kb.settings.follow_live_roles)
    for person in team.people:  # a person holding several posts gets the lines of each of them …
        for step in kb.sop:
            if step.roles[0] in person.posts and (person.vacancy is False or all(
                    p.vacancy for p in team.people if step.roles[0] in p.posts)):
                # … unless they are on camera and someone off camera does that work during the live
                handed_off = step.phase == "during" and person.name in hosts and not set(steps[step.id].owners) & hosts
                other_session = step.phase == "during" and step.roles[0] in on_air and person.name not in crew
                assert handed_off or other_session or step.id in {x.step for x in mine[person.name]}
    assert all(sum(x.weight for x in card.lines) == 100 for card in kit.scorecards)
    assert sorted(n for jd in kit.jobs for n in jd.holders) == sorted(names)  # everyone, once
    assert all(set(map(tuple, (p.posts for p in team.people if p.name in jd.holders))) == {tuple(jd.posts)}
               for jd in kit.jobs)
    md = render_kit(kit, "md")
    assert isinstance(md, str) and md.count("\n## ") >= 5
