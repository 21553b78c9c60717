"""Teams as revisions (store/revisions.py, store/diff.py): save, conflicts, concurrent saves, compare, restore."""

from __future__ import annotations

import copy
import threading
from typing import Any

import pytest

from conftest import TEAM_DOCUMENT
from douyin_team.errors import DouyinTeamError, InvalidValue, ReportingCycle, UnknownManager
from douyin_team.store import (
    EditConflict,
    NotFound,
    compare_revisions,
    get_revision,
    latest_revision,
    list_revisions,
    restore_revision,
    save_team,
    session_factory,
)
from douyin_team.store import revisions as revisions_module
from douyin_team.store.ids import ids_of, without_ids

pytestmark = pytest.mark.usefixtures("fast_hashing")


def edited(**changes: Any) -> dict[str, Any]:
    document = copy.deepcopy(TEAM_DOCUMENT)
    document.update(changes)
    return document


def test_first_save_and_the_next(world: Any) -> None:
    db, shop = world.db, world.merchant
    assert latest_revision(db, world.viewer, shop.id) is None
    first = save_team(db, world.editor, shop.id, TEAM_DOCUMENT, None, "  first   draft ")
    assert (first.number, first.author_name, first.message, first.author_id) == (1, "Editor", "first draft",
                                                                                 world.editor.id)
    assert without_ids(first.document) == TEAM_DOCUMENT and all(ids_of(first.document))  # ids given on saving
    assert first.summary == "+3 · focus, merchant, monthly_sales"
    second = save_team(db, world.owner, shop.id, edited(monthly_sales=500000), base_revision=1)
    assert second.number == 2 and second.summary == "monthly_sales"
    latest = latest_revision(db, world.viewer, shop.id)
    assert latest is not None and latest.number == 2 and latest.document["monthly_sales"] == 500000


def test_stale_base_is_a_conflict_carrying_both_versions(world: Any) -> None:
    db, shop = world.db, world.merchant
    save_team(db, world.editor, shop.id, TEAM_DOCUMENT, None)
    save_team(db, world.owner, shop.id, edited(live_hours=6), 1)
    mine = edited(focus="video")
    with pytest.raises(EditConflict) as err:
        save_team(db, world.editor, shop.id, mine, 1)
    assert err.value.latest.number == 2 and err.value.latest.document["live_hours"] == 6
    assert err.value.yours == mine and err.value.base_revision == 1
    assert "Owner" in str(err.value)
    with pytest.raises(EditConflict) as first:  # a first save when there already is one is a conflict too
        save_team(db, world.editor, shop.id, mine, None)
    assert str(first.value).startswith("base_revision: revision 2 was saved by Owner before your first save")
    assert [r.number for r in list_revisions(db, world.viewer, shop.id)] == [2, 1]


def test_a_base_that_never_existed_is_refused(world: Any) -> None:
    with pytest.raises(InvalidValue) as err:
        save_team(world.db, world.editor, world.merchant.id, TEAM_DOCUMENT, 7)
    assert err.value.field == "base_revision"


@pytest.mark.parametrize(("document", "error", "field"), [
    ({"people": [{"name": "A", "roles": "主播", "reports_to": "火箭工程师"}]}, UnknownManager, "people[0].reports_to"),
    ({"people": [{"name": "A", "roles": "主播", "reports_to": "B"}, {"name": "B", "roles": "运营", "reports_to": "A"}]},
     ReportingCycle, None),
    ({"people": "everyone"}, InvalidValue, "people"),
    ({"people": [{"name": "A", "roles": "主播", "hours": float("nan")}]}, InvalidValue, "document"),
])
def test_bad_document_raises_the_core_error_and_saves_nothing(
        world: Any, document: dict[str, Any], error: type[DouyinTeamError], field: str | None) -> None:
    with pytest.raises(error) as err:
        save_team(world.db, world.editor, world.merchant.id, document, None)
    if field:
        assert err.value.field == field
    assert list_revisions(world.db, world.owner, world.merchant.id) == []


def test_oversized_document_is_refused(world: Any) -> None:
    huge = edited(people=[{"name": f"p{i}", "roles": "主播", "department": "x" * 100} for i in range(20000)])
    with pytest.raises(InvalidValue, match="MB"):
        save_team(world.db, world.editor, world.merchant.id, huge, None)


def test_the_race_past_the_check_is_caught_by_the_database(world: Any, engine: Any,
                                                          monkeypatch: pytest.MonkeyPatch) -> None:
    """Both saves read revision 1 as the latest; the second insert hits the unique constraint."""
    db, shop = world.db, world.merchant
    first = save_team(db, world.editor, shop.id, TEAM_DOCUMENT, None)
    save_team(db, world.owner, shop.id, edited(live_hours=3), 1)  # the winner, committed
    real = revisions_module._latest
    calls = []

    def stale_once(s: Any, merchant_id: int) -> Any:  # the loser read the latest before the winner committed
        calls.append(merchant_id)
        return first if len(calls) == 1 else real(s, merchant_id)

    monkeypatch.setattr(revisions_module, "_latest", stale_once)
    with session_factory(engine)() as other, pytest.raises(EditConflict) as err:
        save_team(other, world.editor, shop.id, edited(live_hours=9), 1)
    assert err.value.latest.number == 2 and err.value.latest.document["live_hours"] == 3
    monkeypatch.undo()
    assert [r.number for r in list_revisions(db, world.owner, shop.id)] == [2, 1]


def test_concurrent_saves_from_two_threads_exactly_one_wins(world: Any, engine: Any) -> None:
    db, shop = world.db, world.merchant
    save_team(db, world.editor, shop.id, TEAM_DOCUMENT, None)
    factory = session_factory(engine)
    rounds = 6
    for base in range(1, rounds + 1):
        barrier = threading.Barrier(2)
        outcomes: list[str] = []

        def save(hours: int, base: int = base, barrier: threading.Barrier = barrier,
                 outcomes: list[str] = outcomes) -> None:
            with factory() as session:
                barrier.wait()
                try:
                    save_team(session, world.editor, shop.id, edited(live_hours=hours), base)
                    outcomes.append("won")
                except EditConflict as conflict:
                    assert conflict.latest.number == base + 1
                    outcomes.append("conflict")

        threads = [threading.Thread(target=save, args=(hours,)) for hours in (base, base + 10)]
        for thread in threads:
            thread.start()
        for thread in threads:
            thread.join(timeout=60)
        assert sorted(outcomes) == ["conflict", "won"], outcomes
    numbers = [r.number for r in list_revisions(db, world.owner, shop.id)]
    assert numbers == list(range(rounds + 1, 0, -1))


def test_list_and_get(world: Any) -> None:
    db, shop = world.db, world.merchant
    save_team(db, world.editor, shop.id, TEAM_DOCUMENT, None, "one")
    save_team(db, world.editor, shop.id, edited(people=TEAM_DOCUMENT["people"][:2]), 1, "two")
    listed = list_revisions(db, world.viewer, shop.id)
    assert [(r.number, r.message, r.summary) for r in listed] == [(2, "two", "−1"), (1, "one", "+3 · focus, merchant, monthly_sales")]
    assert listed[0].created_at >= listed[1].created_at and listed[0].created_at.tzinfo is not None
    assert without_ids(get_revision(db, world.viewer, shop.id, 1).document) == TEAM_DOCUMENT
    with pytest.raises(NotFound):
        get_revision(db, world.viewer, shop.id, 3)


def test_compare_revisions(world: Any) -> None:
    db, shop = world.db, world.merchant
    save_team(db, world.editor, shop.id, TEAM_DOCUMENT, None)
    people = copy.deepcopy(TEAM_DOCUMENT["people"])
    people[1]["monthly_cost"] = 15000
    people[2]["roles"] = "场控、中控"  # the same posts written differently: not a change
    del people[0]
    people.append({"name": "小林", "roles": "投手", "reports_to": "小雅"})
    people[0]["reports_to"] = None
    people[1]["reports_to"] = "小雅"
    save_team(db, world.editor, shop.id, edited(people=people, stage="growth"), 1)
    diff = compare_revisions(db, world.viewer, shop.id, 1, 2)
    assert (diff.a, diff.b, diff.added, diff.removed) == (1, 2, ["小林"], ["老周"])
    assert diff.changed == {"小雅": ["monthly_cost", "reports_to"], "阿杰": ["reports_to"]}
    assert diff.fields == ["stage"]
    assert diff.summary() == "+1 −1 ~2 · stage"
    assert compare_revisions(db, world.viewer, shop.id, 2, 2).empty
    with pytest.raises(NotFound):
        compare_revisions(db, world.viewer, shop.id, 1, 5)


def test_restore_makes_a_new_revision(world: Any) -> None:
    db, shop = world.db, world.merchant
    save_team(db, world.editor, shop.id, TEAM_DOCUMENT, None)
    save_team(db, world.editor, shop.id, edited(live_hours=8), 1)
    restored = restore_revision(db, world.owner, shop.id, 1, base_revision=2)
    assert (restored.number, restored.message, without_ids(restored.document)) == (3, "restore #1", TEAM_DOCUMENT)
    assert restored.summary == "live_hours"
    with pytest.raises(EditConflict):
        restore_revision(db, world.owner, shop.id, 2, base_revision=2)
    with pytest.raises(NotFound):
        restore_revision(db, world.owner, shop.id, 9, base_revision=3)
    assert [r.number for r in list_revisions(db, world.owner, shop.id)] == [3, 2, 1]


def test_text_is_stored_through_the_text_policy(world: Any) -> None:
    text = "a\u2028b\x01c😀\U0002a6a5'\"\\\u202e"  # astral characters kept; controls and bidi removed
    document = edited(merchant=text, people=[{"name": "主播A", "roles": "主播", "department": text}])
    save_team(world.db, world.editor, world.merchant.id, document, None)
    world.db.expire_all()  # read it back from the database, not from the session's identity map
    latest = latest_revision(world.db, world.viewer, world.merchant.id)
    clean = "a bc😀\U0002a6a5'\"\\"
    assert latest is not None and latest.document["merchant"] == clean
    assert latest.document["people"][0]["department"] == clean
    for refused in ("a\x00b", "\ud800"):  # PostgreSQL cannot store a NUL; UTF-8 cannot hold a lone surrogate
        with pytest.raises(InvalidValue, match="not allowed"):
            save_team(world.db, world.editor, world.merchant.id, edited(merchant=refused), latest.number)
