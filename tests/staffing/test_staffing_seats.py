"""The staffing result put back onto the plan's seats (staffing/seats.py): a seat a person fills keeps its
department, hours, budget, 可替岗 and reporting line; an open seat keeps everything; a person on posts of two
seats takes the one that matches best; two seats of one post go to whoever the optimiser put on each; seats
renamed since the plan are found by their posts; only what no seat matches becomes a new row."""

from __future__ import annotations

import msgspec

from douyin_team.staffing import Placement, onto_seats, open_seat_names, staff_seats
from douyin_team.team import Candidate, Person, Roster, Team, resolve_roster

LEAD = Person(name="负责人", roles=["team_lead", "live_ops"], department="运营部", can_cover=["floor_control"])
SEATS = Team(stage="growth", live_hours=4, people=[
    LEAD,
    Person(name="主播", roles=["anchor"], reports_to="负责人", vacancy=True, department="直播部", monthly_cost=11000),
    Person(name="中控", roles=["central_control"], reports_to="负责人", vacancy=True, department="直播部", hours=42,
           monthly_cost=6000, can_cover=["customer_service"]),
    Person(name="客服", roles=["customer_service", "fulfillment"], reports_to="负责人", vacancy=True, department="客服部",
           monthly_cost=5000)])


def staffed(*people: Person) -> Team:
    """A staffed team as the optimiser returns it: everyone reporting to the holder of team_lead."""
    lead = next((p.name for p in people if "team_lead" in p.posts), None)
    return Team(stage="growth", people=[msgspec.structs.replace(p, reports_to=None if p.name == lead else lead)
                                        for p in people])


def at(seat: str, role: str, holder: str) -> Placement:
    return Placement(seat=seat, role=role, holder=holder)


def by_name(team: Team) -> dict[str, Person]:
    return {p.name: p for p in team.people}


def test_a_filled_seat_keeps_what_the_plan_knew_and_an_open_seat_keeps_everything() -> None:
    result = staffed(Person(name="老周", roles=["team_lead", "live_ops"], hours=60, monthly_cost=0),
                     Person(name="小美", roles=["anchor"], hours=40, monthly_cost=0),
                     Person(name="小敏", roles=["customer_service"], hours=44, monthly_cost=6500),
                     Person(name="中控（待招聘）", roles=["central_control"], vacancy=True),
                     Person(name="仓储配送（待招聘）", roles=["fulfillment"], vacancy=True))
    placements = [at("负责人", "team_lead", "老周"), at("负责人", "live_ops", "老周"), at("主播", "anchor", "小美"),
                  at("中控", "central_control", "中控（待招聘）"), at("客服", "customer_service", "小敏"),
                  at("客服", "fulfillment", "仓储配送（待招聘）")]
    roster = [Candidate(name="老周", skills={"team_lead": 5, "live_ops": 4}, hours=60, monthly_cost=0),
              Candidate(name="小美", skills={"anchor": 5}),  # said neither hours nor pay
              Candidate(name="小敏", skills={"customer_service": 5}, hours=44, monthly_cost=6500)]
    seated = onto_seats(SEATS, result, placements, roster)
    assert [p.name for p in seated.team.people] == ["老周", "小美", "中控（待招聘）", "小敏", "仓储配送（待招聘）"]
    assert seated.seat_of == [0, 1, 2, 3, None]  # the seats in the plan's order, the one new row last
    people = by_name(seated.team)
    assert people["老周"].department == "运营部" and people["老周"].monthly_cost == 0  # an unpaid boss said 0
    assert people["老周"].covers == []  # the roster says 老周 cannot do floor control: not kept as 可替岗
    assert (people["小美"].department, people["小美"].monthly_cost, people["小美"].hours) == ("直播部", 11000, 40)
    assert (people["小敏"].department, people["小敏"].monthly_cost, people["小敏"].posts) == (
        "客服部", 6500, ["customer_service"])
    open_seat = people["中控（待招聘）"]
    assert open_seat.vacancy and (open_seat.hours, open_seat.monthly_cost, open_seat.department) == (42, 6000, "直播部")
    assert open_seat.covers == ["customer_service"]
    assert people["仓储配送（待招聘）"].department is None and people["仓储配送（待招聘）"].monthly_cost is None
    assert {p.name: p.reports_to for p in seated.team.people if p.name != "老周"} == dict.fromkeys(
        ["小美", "中控（待招聘）", "小敏", "仓储配送（待招聘）"], "老周")
    assert open_seat_names(seated, SEATS) == {"中控（待招聘）": "中控"}  # stored as it was: renames nobody


def test_a_person_on_posts_of_two_seats_takes_the_seat_that_matches_best() -> None:
    seats = Team(people=[Person(name="场控", roles=["floor_control"], vacancy=True, department="场控组"),
                         Person(name="助播", roles=["assistant_anchor", "live_ops"], vacancy=True, department="主播组")])
    result = staffed(Person(name="阿杰", roles=["floor_control", "assistant_anchor"]),
                     Person(name="直播运营（待招聘）", roles=["live_ops"], vacancy=True))
    placements = [at("场控", "floor_control", "阿杰"), at("助播", "assistant_anchor", "阿杰"),
                  at("助播", "live_ops", "直播运营（待招聘）")]
    seated = onto_seats(seats, result, placements, [Candidate(name="阿杰", skills={"floor_control": 4,
                                                                                  "assistant_anchor": 4})])
    # 阿杰 leads both seats; each seat goes to one row: the first seat to 阿杰, the open ops post keeps 助播
    assert list(zip([p.name for p in seated.team.people], seated.seat_of, strict=True)) == [
        ("阿杰", 0), ("直播运营（待招聘）", 1)]
    assert by_name(seated.team)["直播运营（待招聘）"].department == "主播组"
    placements = [at("场控", "floor_control", "直播运营（待招聘）"), at("助播", "assistant_anchor", "阿杰"),
                  at("助播", "live_ops", "阿杰")]
    result = staffed(Person(name="阿杰", roles=["assistant_anchor", "live_ops"]),
                     Person(name="直播运营（待招聘）", roles=["floor_control"], vacancy=True))
    seated = onto_seats(seats, result, placements, [])
    assert dict(zip([p.name for p in seated.team.people], seated.seat_of, strict=True)) == {
        "直播运营（待招聘）": 0, "阿杰": 1}  # 阿杰 holds all of 助播: that seat, not the one he holds nothing of


def test_two_seats_of_one_post_go_to_whoever_the_optimiser_put_on_each() -> None:
    seats = Team(people=[Person(name="主播A", roles=["anchor"], vacancy=True, department="早班", hours=30),
                         Person(name="主播B", roles=["anchor"], vacancy=True, department="晚班", hours=20)])
    result = staffed(Person(name="晚上的", roles=["anchor"]), Person(name="早上的", roles=["anchor"]))
    placements = [at("主播A", "anchor", "早上的"), at("主播B", "anchor", "晚上的")]
    seated = onto_seats(seats, result, placements, [Candidate(name="早上的", skills={"anchor": 4}),
                                                    Candidate(name="晚上的", skills={"anchor": 4}, hours=40)])
    people = by_name(seated.team)
    assert [p.name for p in seated.team.people] == ["早上的", "晚上的"] and seated.seat_of == [0, 1]
    assert (people["早上的"].department, people["早上的"].hours) == ("早班", 30)  # hours not said: the seat's
    assert (people["晚上的"].department, people["晚上的"].hours) == ("晚班", 40)  # an explicit 40 is kept


def test_reporting_lines_follow_whoever_now_holds_the_managers_seat() -> None:
    seats = Team(people=[Person(name="负责人", roles=["team_lead"]),
                         Person(name="直播组长", roles=["live_ops"], reports_to="负责人", vacancy=True),
                         Person(name="主播", roles=["anchor"], reports_to="直播组长", vacancy=True),
                         Person(name="场控", roles=["floor_control"], reports_to="直播组长", vacancy=True)])
    result = staffed(Person(name="老周", roles=["team_lead"]), Person(name="小李", roles=["live_ops"]),
                     Person(name="小美", roles=["anchor"]), Person(name="场控（待招聘）", roles=["floor_control"], vacancy=True))
    placements = [at("负责人", "team_lead", "老周"), at("直播组长", "live_ops", "小李"), at("主播", "anchor", "小美"),
                  at("场控", "floor_control", "场控（待招聘）")]
    seated = onto_seats(seats, result, placements, [])
    assert {p.name: p.reports_to for p in seated.team.people} == {
        "老周": None, "小李": "老周", "小美": "小李", "场控（待招聘）": "小李"}  # the plan's 直播组长 is 小李 now
    # a manager's seat the staffing no longer has: its people keep the staffing's line, to the lead
    placements = [at("负责人", "team_lead", "老周"), at("主播", "anchor", "小美")]
    result = staffed(Person(name="老周", roles=["team_lead"]), Person(name="小美", roles=["anchor"]))
    assert by_name(onto_seats(seats, result, placements, []).team)["小美"].reports_to == "老周"


def test_seats_renamed_since_the_plan_are_found_by_their_posts() -> None:
    seats = Team(people=[Person(name="老板", roles=["team_lead", "live_ops"], phone="13800138000"),
                         Person(name="带货主播", roles=["anchor"], reports_to="老板", department="直播部")])
    result = staffed(Person(name="老周", roles=["team_lead", "live_ops"]), Person(name="小美", roles=["anchor"]))
    placements = [at("负责人", "team_lead", "老周"), at("负责人", "live_ops", "老周"), at("主播", "anchor", "小美")]
    seated = onto_seats(seats, result, placements, [])
    assert seated.seat_of == [0, 1] and by_name(seated.team)["小美"].department == "直播部"
    assert by_name(seated.team)["小美"].reports_to == "老周"  # 带货主播 reported to 老板, whose seat 老周 took
    assert by_name(seated.team)["老周"].phone is None  # 老板's phone is not 老周's
    same = onto_seats(seats, staffed(Person(name="老板", roles=["team_lead", "live_ops"])),
                      [at("负责人", "team_lead", "老板"), at("负责人", "live_ops", "老板")], [])
    assert same.team.people[0].phone == "13800138000"  # the same person in the same seat keeps it


def test_a_persons_seat_left_open_keeps_the_optimisers_name() -> None:
    seats = Team(people=[Person(name="小美", roles=["anchor"], department="直播部", phone="13800138000")])
    result = staffed(Person(name="主播（待招聘）", roles=["anchor"], vacancy=True))
    seated = onto_seats(seats, result, [at("主播", "anchor", "主播（待招聘）")], [])
    person = seated.team.people[0]
    assert seated.seat_of == [0] and person.department == "直播部" and person.phone is None
    assert open_seat_names(seated, seats) == {}  # 小美 is not a name for a post to hire


def test_the_optimiser_puts_its_answer_on_the_plans_seats(kb) -> None:  # type: ignore[no-untyped-def]
    plan = Team(stage="growth", live_hours=4, monthly_sales=300_000, people=[
        Person(name="负责人", roles=["team_lead", "live_ops"], department="运营部"),
        Person(name="主播A", roles=["anchor"], reports_to="负责人", vacancy=True, department="直播部", monthly_cost=11000),
        Person(name="主播B", roles=["anchor"], reports_to="负责人", vacancy=True, department="直播部", monthly_cost=9000),
        Person(name="中控", roles=["central_control"], reports_to="负责人", vacancy=True, department="直播部",
               monthly_cost=6000, can_cover=["assistant_anchor"])])
    roster = resolve_roster(Roster(people=[
        Candidate(name="老周", skills={"负责人": 5, "直播运营": 4}, hours=60, monthly_cost=0),
        Candidate(name="小美", skills={"主播": 5}), Candidate(name="小王", skills={"中控": 4, "助播": 3}, hours=40)]), kb)
    seated = staff_seats(plan, roster, kb)
    people = by_name(seated.team)
    seat = {p.name: plan.people[k] for p, k in zip(seated.team.people, seated.seat_of, strict=True) if k is not None}
    assert seated.seat_of == [0, 1, 2, 3] and seat["老周"].name == "负责人" and seat["小王"].name == "中控"
    host, left = seat["小美"], next(p for p in seated.team.people if p.vacancy)
    assert {host.name, seat[left.name].name} == {"主播A", "主播B"}  # the optimiser's seat for 小美, the other open
    assert (people["小美"].monthly_cost, people["小美"].department) == (host.monthly_cost, "直播部")  # no pay said
    assert left.monthly_cost == seat[left.name].monthly_cost and left.name == f"{seat[left.name].name}（待招聘）"
    assert (people["小王"].covers, people["小王"].department, people["小王"].hours) == (["assistant_anchor"], "直播部", 40)
    assert open_seat_names(seated, plan) == {left.name: seat[left.name].name}
    cost = next(d.text for d in seated.team.decisions or [] if d.about == "cost")
    placed = f"{host.monthly_cost + 6000:,.0f}"  # 老周 said 0; 小美 and 小王 said no pay: their seats' budgets
    assert f"在岗人员{placed}元+待招聘岗位预计成本{left.monthly_cost:,.0f}元" in cost, cost
