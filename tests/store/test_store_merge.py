"""Stable ids, renames and the three-way merge of team documents (pure functions, and through save_team)."""

from __future__ import annotations

import copy
from typing import Any

import pytest

from douyin_team.store import compare_documents, merge_documents, resolve, save_team
from douyin_team.store.ids import assign_ids, follow_renames, ids_of, without_ids

pytestmark = pytest.mark.usefixtures("fast_hashing")

BASE = {"merchant": "山野茶铺", "monthly_sales": 300000, "people": [
    {"id": "p1", "name": "小美", "roles": ["team_lead"], "monthly_cost": 9000},
    {"id": "p2", "name": "小雅", "roles": ["anchor"], "reports_to": "小美", "hours": 40},
    {"id": "p3", "name": "阿杰", "roles": ["floor_control"], "reports_to": "小美", "can_cover": ["anchor"]}]}


def edit(document: dict[str, Any], person: str, **fields: Any) -> dict[str, Any]:
    out = copy.deepcopy(document)
    for p in out["people"]:
        if p["id"] == person:
            p.update(fields)
    return out


def test_ids_are_kept_by_name_and_never_written_to_the_team_file(kb: Any) -> None:
    plain = without_ids(BASE)
    assert all("id" not in p for p in plain["people"]) and "id" in BASE["people"][0]  # the input is unchanged
    again = assign_ids(BASE, plain)
    assert ids_of(again) == ["p1", "p2", "p3"]
    newcomer = assign_ids(BASE, {"people": [*plain["people"], {"name": "新人", "roles": ["cs"]}]})
    assert ids_of(newcomer)[:3] == ["p1", "p2", "p3"] and ids_of(newcomer)[3] not in ("p1", "p2", "p3")
    twice = assign_ids(None, {"people": [{"id": "p9", "name": "a", "roles": "x"}, {"id": "p9", "name": "b", "roles": "y"}]})
    assert len(set(ids_of(twice))) == 2  # a duplicated id is replaced


def test_a_rename_keeps_every_reporting_line_and_history_says_renamed(kb: Any) -> None:
    renamed = edit(BASE, "p1", name="美美")
    followed = follow_renames(BASE, renamed)
    assert [p.get("reports_to") for p in followed["people"]] == [None, "美美", "美美"]
    diff = compare_documents(BASE, followed, kb)
    assert diff.renamed == {"小美": "美美"} and not diff.added and not diff.removed and diff.changed == {}


def test_edits_to_different_fields_merge_and_are_listed() -> None:
    theirs = edit(BASE, "p2", hours=48)
    mine = edit(edit(BASE, "p2", monthly_cost=12000), "p3", can_cover=["anchor", "assistant_host"])
    merge = merge_documents(BASE, theirs, mine)
    assert not merge.clashes
    person = {p["id"]: p for p in merge.document["people"]}
    assert person["p2"]["hours"] == 48 and person["p2"]["monthly_cost"] == 12000
    assert person["p3"]["can_cover"] == ["anchor", "assistant_host"]
    assert {(c.side, c.person, c.field) for c in merge.changes} == {
        ("theirs", "小雅", "hours"), ("mine", "小雅", "monthly_cost"), ("mine", "阿杰", "can_cover")}


def test_the_same_field_changed_twice_is_a_clash_decided_per_field() -> None:
    theirs = edit(edit(BASE, "p2", monthly_cost=11000, hours=44), "p3", can_cover=[])
    mine = edit(edit(BASE, "p2", monthly_cost=13000, hours=50), "p3", can_cover=["assistant_host"])
    merge = merge_documents(BASE, theirs, mine)
    clashes = {(c.person, c.field): (c.theirs, c.mine) for c in merge.clashes}
    assert clashes == {("小雅", "monthly_cost"): (11000, 13000), ("小雅", "hours"): (44, 50),
                       ("阿杰", "can_cover"): ([], ["assistant_host"])}
    picks = {i: ("mine" if c.field == "monthly_cost" else "theirs") for i, c in enumerate(merge.clashes)}
    person = {p["id"]: p for p in resolve(BASE, theirs, mine, picks)["people"]}
    assert person["p2"]["monthly_cost"] == 13000 and person["p2"]["hours"] == 44 and person["p3"]["can_cover"] == []


def test_removing_someone_the_other_side_edited_is_shown_not_dropped() -> None:
    theirs = edit(BASE, "p3", hours=30)
    mine = {**BASE, "people": BASE["people"][:2]}
    merge = merge_documents(BASE, theirs, mine)
    assert [(c.person, c.field) for c in merge.clashes] == [("阿杰", "(removed)")]
    assert len(resolve(BASE, theirs, mine, {0: "mine"})["people"]) == 2
    assert len(resolve(BASE, theirs, mine, {0: "theirs"})["people"]) == 3


def test_renaming_the_lead_saves_without_retyping_reports_to(world: Any) -> None:
    db, shop = world.db, world.merchant
    first = save_team(db, world.owner, shop.id, without_ids(BASE), None)
    document = copy.deepcopy(first.document)
    document["people"][0]["name"] = "美美"  # the reporting lines still say 小美
    second = save_team(db, world.owner, shop.id, document, 1)
    assert [p.get("reports_to") for p in second.document["people"]] == [None, "美美", "美美"]
    assert ids_of(second.document) == ids_of(first.document) and second.summary == "→1"
