"""The live-session run sheets: one per session of the plan, every line on the clock and owned by that
session's crew (on air) or the team; the show's segments follow the knowledge base's figures; after-show
work lands in working hours; the shift table agrees (same sessions, same hosts)."""

from __future__ import annotations

import json
from collections import Counter
from pathlib import Path

import pytest
from hypothesis import given, settings

from douyin_team.cli import main
from douyin_team.kit import render_sop, run_sheets
from douyin_team.knowledge import DAY, clock, hours_range
from douyin_team.planning import plan_team
from douyin_team.staffing import shift_table
from douyin_team.team import Person, Profile, Team, read_team
from samples import profiles  # the same random merchants the planner is tested on

ROOT = Path(__file__).resolve().parents[2]

# From a one-room newcomer to three rooms live around the clock.
PROFILES = {
    "5k": Profile(monthly_sales=5_000),
    "60k": Profile(monthly_sales=60_000),
    "30k-5h": Profile(monthly_sales=30_000, live_hours=5),
    "300k": Profile(monthly_sales=300_000),
    "600k-6h": Profile(monthly_sales=600_000, live_hours=6),
    "100k-8h": Profile(monthly_sales=100_000, live_hours=8),
    "1.2m-8h": Profile(monthly_sales=1_200_000, live_hours=8),
    "300k-12h": Profile(monthly_sales=300_000, live_hours=12),
    "8m-2rooms": Profile(monthly_sales=8_000_000),
    "20m-24h-3rooms": Profile(monthly_sales=20_000_000, live_hours=24, rooms=3),
}


@pytest.fixture(scope="module")
def plans(kb):  # type: ignore[no-untyped-def]
    return {name: plan_team(p, kb) for name, p in PROFILES.items()}


def lines_of(sheet, step: str):  # type: ignore[no-untyped-def]
    return [x for x in sheet.lines if x.step == step]


def minute_of_day(sheet, offset: int) -> int:  # type: ignore[no-untyped-def]
    return (clock(sheet.start) + offset) % DAY


def test_every_line_has_an_owner_and_a_person_with_two_posts_gets_both(kb) -> None:  # type: ignore[no-untyped-def]
    team = read_team(ROOT / "examples" / "my-team.yaml", kb)
    (sheet,) = run_sheets(team, kb, "20:00", 5).sheets
    names = {p.name for p in team.people}
    assert (sheet.start, sheet.end, sheet.live_hours) == ("20:00", "01:00", 5)
    assert sheet.lines and all(x.owners and set(x.owners) <= names for x in sheet.lines)
    ajie = {x.step for x in sheet.by_person()["阿杰"]}  # 场控 + 中控
    assert {"equipment", "pacing"} <= ajie and {"listings", "backend-on-cue", "link-drill"} <= ajie
    assert not lines_of(sheet, "assistant-props")  # optional, and nobody is an assistant host
    assert lines_of(sheet, "stock-check")[0].owners == ["小敏"]  # no merchandiser: the store operator takes it


def test_timeline_is_relative_to_the_start_and_after_show_work_waits_for_working_hours(kb) -> None:  # type: ignore[no-untyped-def]
    team = Team(people=[Person(name="A", roles=["team_lead", "live_ops"]), Person(name="B", roles=["anchor"])])
    (sheet,) = run_sheets(team, kb, "21:00", 2).sheets
    assert (sheet.start, sheet.end) == ("21:00", "23:00")
    briefing = lines_of(sheet, "team-briefing")[0]
    assert (briefing.offset, briefing.clock, briefing.when) == (-30, "20:30", "开播前30分钟")
    assert lines_of(sheet, "plan-and-prices")[0].clock == "前一天 17:00"  # the day before, in working hours
    review = lines_of(sheet, "review")[0]
    assert review.clock == "次日 10:00–次日 12:00" and "工作时间" in review.when  # not 02:00, within 24 h
    assert lines_of(sheet, "messages")[0].clock == "次日 08:00"  # the service window opens at 08:00
    assert lines_of(sheet, "show-opening")[0].clock == "21:00–21:15"
    assert lines_of(sheet, "show-closing")[0].clock == "22:50–23:00"
    phases = [x.phase for x in sheet.lines]
    assert phases == sorted(phases, key=["before", "during", "after"].index)
    assert sheet.lines[-1].step == "review"  # the review is due last
    en = run_sheets(team, kb, "21:00", 2, lang="en").sheets[0]
    assert en.lines[0].when.endswith("(working hours)") and "Closing preview" in lines_of(en, "show-closing")[0].task


@pytest.mark.parametrize("name", list(PROFILES))
def test_segment_rules_hold_for_every_session(kb, plans, name: str) -> None:  # type: ignore[no-untyped-def]
    assert_segment_rules(kb, plans[name])


@settings(max_examples=25, deadline=None)
@given(profiles)
def test_segment_rules_hold_for_random_merchants(kb, profile: Profile) -> None:  # type: ignore[no-untyped-def]
    assert_segment_rules(kb, plan_team(profile, kb))


def assert_segment_rules(kb, team: Team) -> None:  # type: ignore[no-untyped-def]
    """Every session: one opening and one closing; 过款 at the pace; 福袋 on the hour; on-air lines owned by the
    session's crew; after-show work off air inside working hours or the service window."""
    f = kb.show
    sop = run_sheets(team, kb)
    assert len(sop.sheets) == len(team.sessions or [])
    on_air = set(kb.settings.host_roles) | set(kb.settings.control_roles)
    office, service = hours_range(f.working_hours.value), hours_range(kb.figures.service_window.value)
    windows = {s.id: s.window for s in kb.sop}
    for sheet in sop.sheets:
        length = round(sheet.live_hours * 60)
        opening, closing = lines_of(sheet, "show-opening"), [*lines_of(sheet, "show-closing"),
                                                              *lines_of(sheet, "show-handover_out")]
        assert len(opening) == 1 and opening[0].offset == 0
        assert len(closing) == 1 and closing[0].until == length
        op, cl = opening[0].until, length - closing[0].offset
        rounds = sum(x.rounds for x in lines_of(sheet, "show-rounds"))
        assert rounds == max(1, (length - op - cl) // round(f.product_round_minutes.value))
        bags = lines_of(sheet, "show-lucky_bag")
        assert all(minute_of_day(sheet, x.offset) % 60 == 0 for x in bags)
        assert len(bags) == sum(1 for t in range(op, length - cl) if minute_of_day(sheet, t) % 60 == 0)
        for line in sheet.lines:
            if line.phase == "during" and line.role in on_air:
                assert set(line.owners) <= set(sheet.crew), (sheet.start, line.step, line.owners, sheet.crew)
            window = windows.get(line.step)
            if window in ("office", "service") and line.phase == "after":
                lo, hi = office if window == "office" else service
                t = minute_of_day(sheet, line.offset)
                assert lo <= t < hi or lo <= t + DAY < hi, (sheet.start, line.step, line.clock)
        if sheet.end == "23:00":
            assert not [x for x in sheet.lines if x.phase == "after" and x.clock.startswith(("次日 01", "次日 02"))]


@pytest.mark.parametrize("name", list(PROFILES))
def test_shifts_agree_with_the_run_sheets(kb, plans, name: str) -> None:  # type: ignore[no-untyped-def]
    team = plans[name]
    sheets, table = run_sheets(team, kb).sheets, shift_table(team, kb)
    first_day = [s for s in table.slots if s.day == table.slots[0].day] if table.slots else []
    by_session: dict[tuple[int, str], list] = {}  # type: ignore[type-arg]
    for slot in first_day:
        by_session.setdefault((slot.room, slot.start), []).append(slot)
    covered = set()
    for sheet in sheets:  # every stint of the shift table lies in one session, hosted by the sheet's host then
        stints = [s for s in first_day if s.room == sheet.room]
        mine = [s for s in stints if _inside(sheet, s.start, s.end)]
        assert mine and mine[0].start == sheet.start and mine[-1].end == sheet.end
        for slot in mine:
            covered.add(id(slot))
            offset = (clock(slot.start) - clock(sheet.start)) % DAY
            on_air = [x for x in sheet.lines if x.step == "show-rounds" and x.offset <= offset < (x.until or 0)]
            assert slot.host is None or all(slot.host in x.owners for x in on_air[:1]), (slot, on_air[:1])
            assert slot.host is None or slot.host in sheet.crew
            assert slot.control is None or slot.control in sheet.crew
    assert covered == {id(s) for s in first_day}  # and no shift outside the sheets


def _inside(sheet, start: str, end: str) -> bool:  # type: ignore[no-untyped-def]
    a, b = clock(sheet.start), clock(sheet.end)
    b += DAY if b <= a else 0
    s = clock(start)
    s += DAY if s < a else 0
    return a <= s < b


def test_long_sessions_hand_over_between_hosts(kb, plans) -> None:  # type: ignore[no-untyped-def]
    (sheet,) = run_sheets(plans["600k-6h"], kb).sheets
    change = lines_of(sheet, "show-host_handover")
    assert len(change) == 1 and change[0].clock == "20:00" and set(change[0].owners) == {"主播A", "主播B"}
    assert not lines_of(sheet, "show-host_too_long")
    breaks = lines_of(sheet, "show-host_break")
    assert breaks and all(x.owners[0] == "助播" for x in breaks)  # the assistant host takes over
    alone = Team(people=[Person(name="H", roles=["anchor", "team_lead"]), Person(name="C", roles=["central_control"])],
                 live_hours=6)
    (long,) = run_sheets(alone, kb).sheets
    assert lines_of(long, "show-host_too_long") and lines_of(long, "show-host_break_alone")


def test_each_session_of_a_day_has_its_own_crew(kb, plans) -> None:  # type: ignore[no-untyped-def]
    afternoon, evening = run_sheets(plans["1.2m-8h"], kb).sheets
    assert (afternoon.start, evening.start) == ("15:00", "19:00")
    assert lines_of(afternoon, "show-handover_out") and not lines_of(afternoon, "show-closing")
    assert lines_of(evening, "handover-in") and not lines_of(evening, "equipment")
    for sheet in (afternoon, evening):
        crew = set(sheet.crew)
        on_air = {n for x in sheet.lines if x.phase == "during" and x.role in {"anchor", "floor_control",
                                                                              "central_control"} for n in x.owners}
        assert on_air <= crew
    assert not set(afternoon.crew) & set(evening.crew)


def test_fallback_cover_and_vacancies(kb) -> None:  # type: ignore[no-untyped-def]
    (alone,) = run_sheets(Team(people=[Person(name="Solo", roles=["anchor"])]), kb).sheets
    assert all(x.owners == ["Solo"] for x in alone.lines)
    plan = lines_of(alone, "plan-and-prices")[0]
    assert plan.fallback and plan.role == "team_lead"  # nobody runs ops: it falls to the lead (here the only person)
    (covered,) = run_sheets(Team(people=[Person(name="L", roles=["team_lead"]),
                                         Person(name="C", roles=["anchor"], can_cover=["floor_control"])]), kb).sheets
    assert lines_of(covered, "pacing")[0].owners == ["C"]  # can cover floor control, so not the lead
    (mixed,) = run_sheets(Team(people=[Person(name="L", roles=["team_lead"]), Person(name="H1", roles=["anchor"]),
                                       Person(name="H2 (to hire)", roles=["anchor"], vacancy=True),
                                       Person(name="H3", roles=["anchor"])]), kb).sheets
    assert set(lines_of(mixed, "show-opening")[0].owners) <= set(mixed.crew)  # the session's host, from its crew
    assert "H2 (to hire)" not in lines_of(mixed, "show-opening")[0].owners


def test_markdown_json_and_no_sessions(kb) -> None:  # type: ignore[no-untyped-def]
    team = Team(people=[Person(name="A|<b>", roles=["team_lead", "anchor"])])
    sop = run_sheets(team, kb, "09:00", 3)
    md = render_sop(sop, "zh", "markdown")
    assert md.startswith("# 直播SOP") and "A\\|&lt;b&gt;" in md and "<b>" not in md
    assert "## 直播间1 · 09:00–12:00" in md and "### 按人员" in md and "本工具估算" in md
    data = json.loads(render_sop(sop, "en", "json"))
    assert data["sheets"][0]["start"] == "09:00" and all(line["owners"] for line in data["sheets"][0]["lines"])
    none = run_sheets(team, kb, live_hours=0)
    assert none.sheets == [] and "没有直播场次" in render_sop(none, "zh", "markdown")


def test_sop_command(tmp_path: Path, capsys) -> None:  # type: ignore[no-untyped-def]
    assert main(["sop", str(ROOT / "examples" / "my-team.yaml"), "--start", "19:30", "--lang", "en"]) == 0
    out = capsys.readouterr().out
    assert "| Before | 30 min before air | 19:00 |" in out and "阿杰" in out and "## Room 1 · 19:30" in out
    out_file = tmp_path / "sop.json"
    assert main(["sop", str(ROOT / "examples" / "my-team.yaml"), "-o", str(out_file), "--live-hours", "2"]) == 0
    assert json.loads(out_file.read_text(encoding="utf-8"))["sheets"][0]["live_hours"] == 2
    assert main(["sop", str(tmp_path / "missing.yaml")]) == 2
    assert "missing.yaml" in capsys.readouterr().err


def test_off_camera_work_during_the_live_goes_to_someone_off_camera(kb) -> None:  # type: ignore[no-untyped-def]
    team = Team(people=[Person(name="Host", roles=["team_lead", "anchor", "store_ops", "customer_service"]),
                        Person(name="Ops", roles=["live_ops", "central_control"], can_cover=["customer_service"])])
    (sheet,) = run_sheets(team, kb, "20:00", 2).sheets
    assert lines_of(sheet, "service-live")[0].owners == ["Ops"]  # the host is on camera; Ops covers Feige
    assert lines_of(sheet, "show-opening")[0].owners[0] == "Host"  # hosting itself stays with the host
    (alone,) = run_sheets(Team(people=[Person(name="Solo", roles=["anchor", "customer_service"])]), kb).sheets
    assert lines_of(alone, "service-live")[0].owners == ["Solo"]  # nobody else: still owned


def test_a_playbook_changes_the_pace_and_the_working_hours(tmp_path: Path) -> None:
    from douyin_team.errors import KnowledgeError
    from douyin_team.knowledge import load_knowledge

    book = tmp_path / "playbook.yaml"
    book.write_text("show:\n  product_round_minutes: {value: 5}\n  working_hours: {value: '10:00-20:00'}\n",
                    encoding="utf-8")
    kb = load_knowledge(book)
    team = Team(people=[Person(name="A", roles=["team_lead", "live_ops"]), Person(name="B", roles=["anchor"])])
    (sheet,) = run_sheets(team, kb, "19:00", 4).sheets
    assert sum(x.rounds for x in lines_of(sheet, "show-rounds")) == (240 - 15 - 10) // 5
    assert lines_of(sheet, "review")[0].clock.startswith("次日 11:00")  # an hour after work starts
    bad = tmp_path / "bad.yaml"
    bad.write_text("show:\n  working_hours: {value: 'soon'}\n", encoding="utf-8")
    with pytest.raises(KnowledgeError, match="show.working_hours"):
        load_knowledge(bad)


def test_the_workbook_has_a_block_per_session(kb, plans) -> None:  # type: ignore[no-untyped-def]
    import io

    from openpyxl import load_workbook

    from douyin_team.kit import KitOptions, build_kit, render_kit

    team = plans["1.2m-8h"]
    kit = build_kit(team, kb, team.stage or "mature", "zh", KitOptions(date="2026-12-02"))
    sheet = load_workbook(io.BytesIO(render_kit(kit, "xlsx")))["直播SOP"]  # type: ignore[arg-type]
    titles = [c.value for c in sheet["A"][2:] if isinstance(c.value, str) and c.value.startswith("直播间")]
    assert [t.split("（")[0] for t in titles] == ["直播间1 · 15:00–19:00", "直播间1 · 19:00–23:00"]
    sessions = {c.value for c in sheet["B"][2:] if c.value}
    assert sessions == {"15:00–19:00", "19:00–23:00"}


def test_a_host_on_air_past_a_days_hours_is_noted(kb, plans) -> None:  # type: ignore[no-untyped-def]
    # A budget of three leaves one host for both sessions of the day (the planner says so too).
    afternoon, evening = run_sheets(plan_team(Profile(monthly_sales=100_000, live_hours=8, headcount_budget=3), kb), kb).sheets
    assert any("一天在镜头前共8小时" in n for n in afternoon.notes) and afternoon.notes == evening.notes
    assert not any(sheet.notes for sheet in run_sheets(plans["1.2m-8h"], kb).sheets)  # a host per session


@pytest.mark.parametrize("name", list(PROFILES))
def test_one_review_a_day_per_room_run_by_whoever_runs_it(kb, plans, name: str) -> None:  # type: ignore[no-untyped-def]
    """Each room gets one 复盘 and one daily report a day (on its last session's sheet), never after every
    session; nobody runs more than `reviews_per_person_per_day` of them, each inside working hours and booked
    for `review_minutes`, one person's meetings not overlapping."""
    team = plans[name]
    sheets = run_sheets(team, kb).sheets
    rooms = {s.room for s in sheets}
    office = hours_range(kb.show.working_hours.value)
    minutes, cap = round(kb.show.review_minutes.value), kb.show.reviews_per_person_per_day.value
    reviews = [(sheet, x) for sheet in sheets for x in lines_of(sheet, "review")]
    assert sorted(sheet.room for sheet, _ in reviews) == sorted(rooms)
    assert sorted(sheet.room for sheet in sheets for _ in lines_of(sheet, "session-report")) == sorted(rooms)
    by_owner: dict[str, list[int]] = {}
    for sheet, line in reviews:
        assert len(line.owners) == 1 and line.until == line.offset + minutes
        begin = minute_of_day(sheet, line.offset)
        assert office[0] <= begin and begin + minutes <= office[1], (name, sheet.room, line.clock)  # never at night
        by_owner.setdefault(line.owners[0], []).append(clock(sheet.start) + line.offset)
    for owner, starts in by_owner.items():
        assert len(starts) <= cap, (name, owner, len(starts))
        starts.sort()
        assert all(b - a >= minutes for a, b in zip(starts, starts[1:], strict=False)), (name, owner, starts)


def test_three_rooms_around_the_clock_share_their_reviews_among_the_live_ops(kb, plans) -> None:  # type: ignore[no-untyped-def]
    """18 sessions a day, several 直播运营: three reviews in all (not 18), one per room, each run by a live ops
    of the plan, nobody running more than the cap; clips of the night sessions wait for the morning."""
    sheets = run_sheets(plans["20m-24h-3rooms"], kb).sheets
    assert len(sheets) == 18
    reviews = [(sheet.room, x.owners[0]) for sheet in sheets for x in lines_of(sheet, "review")]
    ops = {p.name for p in plans["20m-24h-3rooms"].people if "live_ops" in p.posts}
    assert sorted(room for room, _ in reviews) == [1, 2, 3] and {who for _, who in reviews} <= ops
    assert max(Counter(who for _, who in reviews).values()) <= kb.show.reviews_per_person_per_day.value
    office = hours_range(kb.show.working_hours.value)
    for sheet in sheets:
        for clip in lines_of(sheet, "clips"):
            assert office[0] <= minute_of_day(sheet, clip.offset) < office[1], (sheet.start, clip.clock)


def test_a_lone_live_ops_hands_reviews_past_the_cap_to_the_lead(kb) -> None:  # type: ignore[no-untyped-def]
    from douyin_team.team import Session

    people = [Person(name="运营", roles=["live_ops"]), Person(name="老板", roles=["team_lead"]),
              *(Person(name=f"场控{r}", roles=["floor_control"]) for r in (1, 2, 3, 4)),
              *(Person(name=f"主播{r}", roles=["anchor"]) for r in (1, 2, 3, 4))]
    sessions = [Session(room=r, start="19:00", end="23:00", days_per_week=6, crew=[f"主播{r}", f"场控{r}"])
                for r in (1, 2, 3, 4)]
    sheets = run_sheets(Team(people=people, sessions=sessions), kb).sheets
    owners = [x.owners[0] for sheet in sheets for x in lines_of(sheet, "review")]
    assert owners == ["运营", "运营", "老板", "老板"]  # two each: nobody past reviews_per_person_per_day
    clocks = [x.clock for sheet in sheets for x in lines_of(sheet, "review")]
    assert clocks == ["次日 10:00–次日 12:00", "次日 12:00–次日 14:00"] * 2
