"""The kit's core: every part built from the team and the knowledge base; property tests over planned teams."""

from __future__ import annotations

from pathlib import Path

import msgspec
import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from douyin_team.kit import KitOptions, build_kit, render_kit
from douyin_team.planning import live_sessions, plan_team
from douyin_team.team import Profile, in_language, read_team
from samples import profiles  # the same random merchants the planner is tested on

ROOT = Path(__file__).resolve().parents[2]


def test_the_example_team_kit(kb) -> None:  # type: ignore[no-untyped-def]
    team = read_team(ROOT / "examples" / "my-team.yaml", kb)
    kit = build_kit(team, kb, "growth", "zh", KitOptions(start="20:00", date="2026-11-25"))
    assert kit.title == "山野茶铺 · 团队工具包" and kit.stage_name == "成长阶段"
    assert [r.name for r in kit.org] == ["老周", "小雅", "阿杰", "小敏"] and kit.org[2].reports_to == "老周"
    assert len(kit.jobs) == len(kit.scorecards) == 4 and kit.jobs[2].title == "场控 + 中控"
    assert [x.live_hours for x in kit.sop.sheets] == [5] and kit.shifts is not None and kit.shifts.slots
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
    # The 架构 table shows what each person costs and where the figure comes from, not a dash.
    assert [(r.monthly_cost, r.cost_basis) for r in kit.org] == [(c.total, c.basis) for c in team.labour.people]
    assert "| 0 | 老板本人，不计薪 |" in render_kit(kit, "md") and "按市场价估算" in render_kit(kit, "md")
    # A plan file the merchant edited (a person removed) is priced anew rather than read from a stale plan.
    edited = msgspec.structs.replace(team, people=team.people[:-1])
    assert [r.name for r in build_kit(edited, kb, "novice").org] == [p.name for p in team.people[:-1]]
    assert sum(x.cost or 0 for x in kit.budget.lines) == pytest.approx(kit.budget.total)
    no_live = build_kit(team, kb, "novice", options=KitOptions(live_hours=0))
    assert no_live.shifts is None and no_live.sop.sheets == []


@settings(max_examples=40, deadline=None)
@given(profiles, st.sampled_from(["zh", "en"]))
def test_every_planned_team_gets_a_kit_with_every_sop_line_owned(kb, profile: Profile, lang: str) -> None:  # type: ignore[no-untyped-def]
    planned = plan_team(profile, kb)
    kit = build_kit(planned, kb, planned.stage or "novice", lang)  # type: ignore[arg-type]
    team = in_language(planned, kb, lang)  # type: ignore[arg-type]  # the kit names a plan's seats in its language
    names = {p.name for p in team.people}
    assert len(kit.sop.sheets) == len(live_sessions(team, kb))
    hosts = {p.name for p in team.people if {"anchor", "assistant_anchor"} & set(p.posts)}
    on_air = set(kb.settings.host_roles) | set(kb.settings.control_roles)
    for sheet in kit.sop.sheets:
        assert sheet.lines and all(line.owners and set(line.owners) <= names for line in sheet.lines)
        mine, steps = sheet.by_person(), {line.step: line for line in sheet.lines}
        crew = set(sheet.crew)
        for person in team.people:  # a person holding several posts gets the lines of each of them …
            for step in kb.sop:
                if step.id not in steps or step.roles[0] not in person.posts or person.vacancy:
                    continue
                # … unless they are on camera and someone off camera does that work during the live, the post is
                # on air and they are not in this session's crew, or the post's holders share the day's sessions
                handed_off = step.phase == "during" and person.name in hosts and not set(steps[step.id].owners) & hosts
                other_session = step.roles[0] in on_air and person.name not in crew
                shared = person.name not in crew and len([p for p in team.people if step.roles[0] in p.posts]) > 1
                by_crew = step.window is None and bool(crew) and bool(set(steps[step.id].owners) & crew)
                assert handed_off or other_session or shared or by_crew or step.id in {x.step for x in mine[person.name]}
    assert all(sum(x.weight for x in card.lines) == 100 for card in kit.scorecards)
    assert sorted(n for jd in kit.jobs for n in jd.holders) == sorted(names)  # everyone, once
    assert all(set(map(tuple, (p.posts for p in team.people if p.name in jd.holders))) == {tuple(jd.posts)}
               for jd in kit.jobs)
    md = render_kit(kit, "md")
    assert isinstance(md, str) and md.count("\n## ") >= 5


def test_a_person_with_an_unknown_title_is_shown_as_written_and_not_priced(kb, tmp_path: Path) -> None:  # type: ignore[no-untyped-def]
    """打杂 is no post the pay model knows: the 架构 table shows the title as written and no cost, instead of an
    empty post and a market estimate of 0."""
    roster = tmp_path / "team.csv"
    roster.write_text("姓名,职位,上级\n老板,老板兼主播,\n小助理,打杂,老板\n", encoding="utf-8")
    kit = build_kit(read_team(roster, kb), kb, "novice", "zh")
    helper = next(r for r in kit.org if r.name == "小助理")
    assert helper.posts == ["未知岗位（打杂）"] and helper.monthly_cost is None and helper.cost_basis == "unknown"
    assert "| 小助理 | 未知岗位（打杂） |  | 老板 | 在岗 | — | 没有团队岗位，未估算 |" in str(render_kit(kit, "md"))
