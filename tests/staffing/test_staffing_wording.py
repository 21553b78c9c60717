"""Staffing as a merchant reads it: a post left to hire is named after that post (in Chinese in the Chinese
output), never after a plan seat whose own post someone on the roster took; names stay unique and the shifts
name the same open posts; the summary says whether it is the best arrangement in plain words, no solver terms."""

from __future__ import annotations

import pytest

from douyin_team.planning import plan_team
from douyin_team.staffing import staff, staff_team
from douyin_team.team import Candidate, Person, Profile, Roster, Team, resolve_roster

PROFILES = [Profile(monthly_sales=sales, focus=focus) for sales in (30_000, 300_000, 3_000_000)
            for focus in ("live", "store", "video")]
ROSTERS = {"host": [Candidate(name="小美", skills={"主播": 5}, monthly_cost=9000)],
           "host-and-editor": [Candidate(name="小美", skills={"主播": 5}, monthly_cost=9000),
                               Candidate(name="阿豪", skills={"剪辑": 4, "短视频编导": 3}, monthly_cost=8000)]}
HIRE = {"zh": "（待招聘）", "en": " (to hire)"}


def staffed(kb, plan: Team, people: list[Candidate], lang: str):  # type: ignore[no-untyped-def]
    return staff(plan, resolve_roster(Roster(people=people), kb), kb, plan.stage or "novice", lang=lang)  # type: ignore[arg-type]


@pytest.mark.parametrize("lang", ["zh", "en"])
@pytest.mark.parametrize("who", sorted(ROSTERS))
@pytest.mark.parametrize("profile", PROFILES, ids=lambda p: f"{p.monthly_sales:g}-{p.focus}")
def test_every_open_post_is_named_after_a_post_it_holds(kb, profile: Profile, who: str, lang: str) -> None:  # type: ignore[no-untyped-def]
    plan = plan_team(profile, kb, lang)  # type: ignore[arg-type]
    result = staffed(kb, plan, ROSTERS[who], lang)
    open_posts = [p for p in result.team.people if p.vacancy]
    assert open_posts, "each of these plans has more posts than the roster can fill"
    for person in open_posts:
        assert person.name.endswith(HIRE[lang]), person.name
        name = person.name.removesuffix(HIRE[lang])
        words = {w for r in person.posts for w in (kb.role[r].name.get(lang), *kb.role[r].name.get(lang).split("/"))}
        assert any(name.startswith(w) for w in words), (person.name, person.posts)  # 选品 for 选品/商品
    names = [p.name for p in result.team.people]
    assert len(names) == len(set(names))
    on_air = {n for s in result.team.sessions or [] for n in s.crew}
    assert on_air <= set(names)  # the shifts name the same open posts as the roster


def test_a_seat_whose_own_post_was_taken_is_named_after_what_is_left(kb) -> None:  # type: ignore[no-untyped-def]
    plan = Team(stage="novice", live_hours=2, people=[Person(name="主播", roles=["anchor", "video_editor"]),
                                                       Person(name="拍摄剪辑", roles=["video_editor"])])
    result = staffed(kb, plan, [Candidate(name="小美", skills={"主播": 5}, hours=20, monthly_cost=9000)], "zh")
    vacant = [(p.name, p.posts) for p in result.team.people if p.vacancy]
    # 小美 hosts, so the host seat's open post is its editing, and the seat already called 拍摄剪辑 keeps its name
    assert vacant == [("拍摄剪辑2（待招聘）", ["video_editor"]), ("拍摄剪辑（待招聘）", ["video_editor"])]


@pytest.mark.parametrize(("lang", "words"), [("zh", "已找到最优排法"), ("en", "Best arrangement found")])
def test_the_summary_is_in_plain_words(kb, lang: str, words: str) -> None:  # type: ignore[no-untyped-def]
    plan = plan_team(Profile(monthly_sales=300_000), kb, lang)  # type: ignore[arg-type]
    team = staff_team(plan, resolve_roster(Roster(people=ROSTERS["host"]), kb), kb, lang=lang)  # type: ignore[arg-type]
    line = (team.decisions or [])[0].text
    assert line.startswith(words), line
    assert not [w for w in ("CP-SAT", "求解", "模型", "model", "proven") if w in line], line
    hires = sum(1 for p in team.people if p.vacancy)
    assert (f"需招聘{hires}人" if lang == "zh" else f"{hires} people to hire") in line
