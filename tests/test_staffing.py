"""Staffing with OR-Tools CP-SAT: skills, hours, combination rules, cost, constraints, vacancies."""

from __future__ import annotations

from pathlib import Path

import pytest

from douyin_team.cli import main
from douyin_team.errors import DouyinTeamError
from douyin_team.model import Person, Profile, Team
from douyin_team.planner import plan_team
from douyin_team.roster import Candidate, Roster, read_roster, resolve_roster
from douyin_team.staffing import plan_posts, staff

GROWTH_ROSTER = [
    Candidate(name="小美", skills={"主播": 5, "助播": 3}, hours=44, monthly_cost=12000),
    Candidate(name="阿杰", skills="场控4、助播4、直播运营2", hours=44, monthly_cost=8000),
    Candidate(name="老周", skills={"负责人": 5, "直播运营": 4, "投手": 3}, hours=60, monthly_cost=0),
    Candidate(name="小敏", skills="中控3、抖店运营4、客服5", hours=44, monthly_cost=6500),
    Candidate(name="阿豪", skills="剪辑4、编导3、美工2", hours=40, monthly_cost=8000),
    Candidate(name="阿豪贵", skills="剪辑4、编导3、美工2", hours=40, monthly_cost=15000),
]


def roster(kb, people: list[Candidate]) -> Roster:  # type: ignore[no-untyped-def]
    return resolve_roster(Roster(people=people), kb)


def test_growth_plan_fully_staffed_at_lowest_cost(kb) -> None:  # type: ignore[no-untyped-def]
    plan = plan_team(Profile(monthly_sales=300_000), kb)
    result = staff(plan, roster(kb, GROWTH_ROSTER), kb, "growth")
    assert result.status == "optimal" and result.uncovered == 0 and result.uncommon == 0
    names = {p.name for p in result.team.people}
    assert "阿豪" in names and "阿豪贵" not in names  # same skills, the cheaper one
    assert result.monthly_cost == 12000 + 8000 + 0 + 6500 + 8000
    role_hours = {p.role: p.hours for p in plan_posts(plan, kb, "growth")}
    for person in result.team.people:
        limit = next(c.hours for c in GROWTH_ROSTER if c.name == person.name)
        assert sum(role_hours[r] for r in person.posts) <= limit  # everyone's posts fit their week


def test_missing_skills_become_vacancies_with_the_reason(kb) -> None:  # type: ignore[no-untyped-def]
    plan = plan_team(Profile(monthly_sales=300_000), kb)
    result = staff(plan, roster(kb, GROWTH_ROSTER[:3]), kb, "growth")
    vacancies = [p for p in result.team.people if p.vacancy]
    assert result.uncovered == sum(len(p.posts) for p in vacancies) > 0
    assert any("没有人会" in r.text for p in vacancies for r in p.reasons)


def test_mature_core_posts_stay_single_even_for_an_all_rounder(kb) -> None:  # type: ignore[no-untyped-def]
    plan = Team(stage="mature", people=[Person(name="运营", roles=["live_ops"]), Person(name="场控", roles=["floor_control"])])
    star = Candidate(name="全能", skills={"直播运营": 5, "场控": 5}, hours=80, monthly_cost=1)
    result = staff(plan, roster(kb, [star]), kb, "mature")
    held = next(p for p in result.team.people if p.name == "全能")
    assert len(held.posts) == 1 and result.uncovered == 1


def test_must_keep_and_cannot_combine(kb) -> None:  # type: ignore[no-untyped-def]
    plan = Team(stage="novice", people=[Person(name="运营", roles=["live_ops", "central_control"])])
    people = [Candidate(name="甲", skills="运营5、中控5", must_keep="中控", cannot_combine="运营", monthly_cost=1),
              Candidate(name="乙", skills="运营3", monthly_cost=5000)]
    result = staff(plan, roster(kb, people), kb, "novice")
    held = {p.name: p.posts for p in result.team.people}
    assert held == {"甲": ["central_control"], "乙": ["live_ops"]}


def test_hours_limit_spreads_posts(kb) -> None:  # type: ignore[no-untyped-def]
    plan = Team(stage="mature", people=[Person(name="客服A", roles=["customer_service"]),
                                         Person(name="客服B", roles=["customer_service"])])
    people = [Candidate(name="丙", skills="客服5", hours=45, monthly_cost=1)]
    result = staff(plan, roster(kb, people), kb, "mature")
    assert result.uncovered == 1  # one full-time post fits in 45 hours, two do not


def test_same_seed_same_answer(kb) -> None:  # type: ignore[no-untyped-def]
    plan = plan_team(Profile(monthly_sales=2_500_000), kb)
    people = [Candidate(name=f"P{i}", skills={r: 1 + (i + k) % 5 for k, r in enumerate(
        ["主播", "助播", "场控", "中控", "客服", "剪辑"])}, hours=44, monthly_cost=5000 + 100 * i) for i in range(20)]
    one = staff(plan, roster(kb, people), kb, "mature", seed=3)
    two = staff(plan, roster(kb, people), kb, "mature", seed=3)
    assert one.team == two.team and one.monthly_cost == two.monthly_cost


def test_roster_from_a_spreadsheet_and_bad_rows(kb, tmp_path: Path) -> None:  # type: ignore[no-untyped-def]
    good = tmp_path / "people.csv"
    good.write_text("姓名,技能,每周工时,月薪\n小美,主播5、助播3,44,12000\n阿杰,场控:4/助播,40,\n", encoding="utf-8")
    people = read_roster(str(good), kb).people
    assert people[0].levels == {"anchor": 5, "assistant_anchor": 3} and people[1].levels["assistant_anchor"] == 3
    assert people[1].monthly_cost == 0
    bad = tmp_path / "bad.csv"
    bad.write_text("姓名,技能\n小美,主播5\n阿杰,魔术师\n", encoding="utf-8")
    with pytest.raises(DouyinTeamError, match=r"row 3: skills: unknown post '魔术师'"):
        read_roster(str(bad), kb)


def test_staff_command(tmp_path: Path, capsys) -> None:  # type: ignore[no-untyped-def]
    plan = tmp_path / "plan.yaml"
    assert main(["plan", "--sales", "300000", "-o", str(plan)]) == 0
    people = tmp_path / "people.yaml"
    people.write_text("people:\n  - {name: 小美, skills: {主播: 5}, monthly_cost: 9000}\n", encoding="utf-8")
    out = tmp_path / "staffed.yaml"
    assert main(["staff", "--plan", str(plan), "--roster", str(people), "-o", str(out), "--lang", "en"]) == 0
    text = out.read_text(encoding="utf-8")
    assert "小美" in text and "CP-SAT proven optimal" in text and "vacancy: true" in text
    assert main(["staff", "--plan", str(plan), "--roster", str(tmp_path / "none.yaml")]) == 2


def test_a_short_time_limit_still_gives_a_valid_answer(kb) -> None:  # type: ignore[no-untyped-def]
    plan = plan_team(Profile(monthly_sales=2_500_000), kb)
    roles = ["主播", "助播", "场控", "中控", "客服", "剪辑", "直播运营", "投手", "抖店运营", "编导"]
    people = [Candidate(name=f"P{i}", skills={roles[i % 10]: 3, roles[(i * 7) % 10]: 4}, hours=44,
                        monthly_cost=3000 + 37 * i) for i in range(300)]
    result = staff(plan, roster(kb, people), kb, "mature", time_limit=0.3)
    assert result.status in ("optimal", "feasible", "unknown")
    if result.status != "unknown":
        held = [r for p in result.team.people for r in p.posts]
        assert sorted(held) == sorted(r for p in plan.people for r in p.posts)  # every post exactly once


def test_cost_per_post_and_share_of_sales(kb) -> None:  # type: ignore[no-untyped-def]
    from douyin_team.staffing import cost_lines

    plan = plan_team(Profile(monthly_sales=300_000), kb)
    result = staff(plan, roster(kb, GROWTH_ROSTER), kb, "growth")
    lines = cost_lines(result, kb, "growth", "zh")
    assert lines[0].about == "cost" and "主播 12,000" in lines[0].text
    assert lines[1].about == "cost_share" and "11.5%" in lines[1].text and "在常见范围内" in lines[1].text


def test_dropping_unneeded_people_keeps_the_optimum(kb) -> None:  # type: ignore[no-untyped-def]
    import random

    from douyin_team.staffing import useful_candidates

    rng = random.Random(5)
    roles = ["主播", "助播", "场控", "中控", "客服", "剪辑", "直播运营", "投手"]
    people = [Candidate(name=f"P{i}", skills={r: rng.randint(1, 5) for r in rng.sample(roles, rng.randint(1, 2))},
                        hours=rng.choice([30, 44]), monthly_cost=rng.randrange(4000, 9000, 1000)) for i in range(80)]
    plan = plan_team(Profile(monthly_sales=2_500_000), kb)
    everyone = roster(kb, people)
    kept = useful_candidates(everyone.people, plan_posts(plan, kb, "mature"))
    assert len(kept) < len(everyone.people)
    full = staff(plan, Roster(people=everyone.people), kb, "mature")
    assert full.status == "optimal"
    import douyin_team.staffing as staffing

    original = staffing.useful_candidates
    staffing.useful_candidates = lambda people, posts: people  # type: ignore[assignment]
    try:
        unreduced = staff(plan, Roster(people=everyone.people), kb, "mature")
    finally:
        staffing.useful_candidates = original
    assert (full.uncovered, full.uncommon, full.monthly_cost, full.fit) == \
        (unreduced.uncovered, unreduced.uncommon, unreduced.monthly_cost, unreduced.fit)
