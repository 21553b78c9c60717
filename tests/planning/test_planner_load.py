"""How much work one person gets: at the mature stage (no usual team size) nobody holds more than the stage
tolerates; posts held alone by rule are people of their own, not part of the others' shared load."""

from __future__ import annotations

import pytest

from douyin_team.planning.packing import packer_for
from douyin_team.planning.planner import pack_within_host_day, prepare, target_headcount
from douyin_team.team import Profile


@pytest.mark.parametrize("sales", [1_200_000, 8_000_000, 50_000_000])
def test_nobody_at_the_mature_stage_holds_more_than_the_stage_tolerates(kb, sales: int) -> None:  # type: ignore[no-untyped-def]
    ready = prepare(Profile(monthly_sales=sales), kb)
    assert ready.sit.stage == "mature"
    packer = packer_for(kb, "mature")
    seats = pack_within_host_day(kb, ready.sit, packer, ready.posts, target_headcount(kb, ready.sit, ready.posts))
    most = kb.settings.stage_tolerance["mature"]
    shared = [seat for seat in seats if len(seat.posts) > 1]  # a post alone is as heavy as its own work
    assert all(-seat.cost[4] <= most + 1e-9 for seat in shared), [(s.roles, -s.cost[4]) for s in shared]
    # 50M used to give one video editor 2.2 people's work (editor, director and designer)
    assert all(-seat.cost[4] <= 1.5 for seat in seats if "video_editor" in seat.roles)


def test_posts_held_alone_each_count_as_a_person_in_the_target(kb) -> None:  # type: ignore[no-untyped-def]
    ready = prepare(Profile(monthly_sales=50_000_000), kb)
    alone = packer_for(kb, "mature").loners(ready.posts)
    assert len(alone) > 100  # a large mature team: core posts one person each
    assert target_headcount(kb, ready.sit, ready.posts) >= len(alone) + 1


def test_a_headcount_budget_still_caps_the_people_added_for_the_work(kb) -> None:  # type: ignore[no-untyped-def]
    def seats(budget: int | None) -> int:
        # 2M: past the fewest people the mature rules allow (17 at 1.2M, where a budget of 16 cannot be met)
        ready = prepare(Profile(monthly_sales=2_000_000, headcount_budget=budget), kb)
        return len(pack_within_host_day(kb, ready.sit, packer_for(kb, "mature"), ready.posts,
                                        target_headcount(kb, ready.sit, ready.posts)))
    free = seats(None)
    assert seats(free - 1) == free - 1
