"""The planner's seat names in the reader's language (team/seatnames.py): a Chinese plan read in English names its
seats as the English planner would (主播A → Host A, 主播一组组长 → Host team 1 lead, 拍摄剪辑（待招聘） → Video
editor (to hire)), and the other way round; names people typed stay as written."""

from __future__ import annotations

import msgspec
import pytest

from douyin_team.planning import plan_team
from douyin_team.staffing import staff_team
from douyin_team.team import Person, Profile, Roster, Team, in_language, resolve_roster, seat_names

SALES = [5_000, 80_000, 600_000, 3_000_000, 20_000_000, 200_000_000]  # one seat to 700 (teams of leads and members)


def lines(team: Team) -> list[tuple[str, str | None]]:
    return [(p.name, p.reports_to) for p in team.people]


@pytest.mark.parametrize("sales", SALES)
def test_a_plan_read_in_the_other_language_is_named_as_the_planner_names_it_there(kb, sales: int) -> None:  # type: ignore[no-untyped-def]
    zh, en = (plan_team(Profile(monthly_sales=sales, live_hours=8), kb, lang) for lang in ("zh", "en"))
    assert lines(in_language(zh, kb, "en")) == lines(en)
    assert lines(in_language(en, kb, "zh")) == lines(zh)
    assert in_language(zh, kb, "zh") is zh  # its own language: nothing to do
    crews = [n for s in in_language(zh, kb, "en").sessions or [] for n in s.crew]
    assert set(crews) <= {p.name for p in en.people}  # the sessions' crews follow the names


def test_the_big_plans_names_in_english(kb) -> None:  # type: ignore[no-untyped-def]
    names = seat_names(plan_team(Profile(monthly_sales=50_000_000, live_hours=16), kb, "zh"), kb, "en")
    assert names["负责人"] == "Team lead" and names["主播一组组长"] == "Host team 1 lead"
    assert names["主播二组A"] == "Host 2A" and names["场控A"] == "Floor control A"
    assert names["选品A"] == "Merchandiser A" and names["直播主管"] == "Live manager"


def test_a_staffing_results_open_posts_are_named_in_english(kb) -> None:  # type: ignore[no-untyped-def]
    roster = resolve_roster(msgspec.convert({"people": [
        {"name": "小美", "skills": {"anchor": 5}, "hours": 40, "monthly_cost": 8000},
        {"name": "阿杰", "skills": {"central_control": 4, "floor_control": 3}, "hours": 40, "monthly_cost": 6000}]},
        Roster), kb)
    zh, en = (staff_team(plan_team(Profile(monthly_sales=3_000_000), kb, lang), roster, kb, time_limit=5, lang=lang)
              for lang in ("zh", "en"))
    assert "主播A（待招聘）" in [p.name for p in zh.people] or "主播（待招聘）" in [p.name for p in zh.people]
    assert [p.name for p in in_language(zh, kb, "en").people] == [p.name for p in en.people]


def test_names_people_typed_are_kept(kb) -> None:  # type: ignore[no-untyped-def]
    team = Team(people=[Person(name="老周", roles=["team_lead"]), Person(name="主播", roles=["customer_service"]),
                        Person(name="主播A", roles=["anchor"], reports_to="老周"), Person(name="Host A", roles=["anchor"]),
                        Person(name="客服部小王", roles=["customer_service"]), Person(name="中控", roles=[])])
    names = seat_names(team, kb, "en")
    # 主播 holds 客服 (not the planner's name for that post), 主播A would become the Host A already in the team,
    # 客服部小王 is a person's name, 中控 holds no post
    assert names == {}
    assert seat_names(Team(people=[Person(name="主播A", roles=["anchor"])]), kb, "en") == {"主播A": "Host A"}
