"""Merchants (store/merchants.py): profiles checked against the planner's fields, per-workspace lists."""

from __future__ import annotations

from typing import Any

import pytest

from douyin_team.errors import InvalidValue
from douyin_team.store import (
    Forbidden,
    NotFound,
    archive_merchant,
    create_merchant,
    delete_merchant,
    get_merchant,
    list_merchants,
    save_team,
    update_merchant,
)
from douyin_team.store.models import Revision

pytestmark = pytest.mark.usefixtures("fast_hashing")

PROFILE = {"monthly_sales": 60000, "focus": "live", "resources": ["supply_chain"], "headcount_budget": 5,
           "live_hours": 4, "city_tier": 2, "ads": False, "stage": "novice"}


def test_create_get_list(world: Any) -> None:
    db = world.db
    shop = create_merchant(db, world.editor, world.workspace.id, "  阿花  鲜花 ", PROFILE)
    assert (shop.name, shop.profile, shop.workspace_id) == ("阿花 鲜花", PROFILE, world.workspace.id)
    assert get_merchant(db, world.viewer, shop.id).name == "阿花 鲜花"
    assert [m.name for m in list_merchants(db, world.viewer, world.workspace.id)] == ["山野茶铺", "阿花 鲜花"]
    assert list_merchants(db, world.outsider, world.elsewhere.id) == []


def test_profile_leaves_out_unset_fields(world: Any) -> None:
    shop = create_merchant(world.db, world.owner, world.workspace.id, "Shop", {"monthly_sales": 1e5, "focus": None})
    assert shop.profile == {"monthly_sales": 100000.0}


@pytest.mark.parametrize(("profile", "field"), [
    ({"monthly_sales": -1}, "profile.monthly_sales"),
    ({"focus": "radio"}, "profile.focus"),
    ({"city_tier": 9}, "profile.city_tier"),
    ({"stage": "legendary"}, "profile.stage"),
    ({"colour": "red"}, "profile.colour"),
])
def test_bad_profile_names_the_field(world: Any, profile: dict[str, Any], field: str) -> None:
    with pytest.raises(InvalidValue) as err:
        create_merchant(world.db, world.owner, world.workspace.id, "Shop", profile)
    assert err.value.field == field


def test_update(world: Any) -> None:
    db = world.db
    before = world.merchant.updated_at
    shop = update_merchant(db, world.editor, world.merchant.id, "山野茶铺 2", {"monthly_sales": 900000})
    assert (shop.name, shop.profile) == ("山野茶铺 2", {"monthly_sales": 900000})
    assert shop.updated_at >= before
    assert get_merchant(db, world.owner, world.merchant.id).profile == {"monthly_sales": 900000}


def test_delete_is_for_owners_and_takes_the_history(world: Any) -> None:
    from conftest import TEAM_DOCUMENT

    db = world.db
    save_team(db, world.editor, world.merchant.id, TEAM_DOCUMENT, None)
    with pytest.raises(Forbidden):
        delete_merchant(db, world.editor, world.merchant.id)
    delete_merchant(db, world.owner, world.merchant.id)
    with pytest.raises(NotFound):
        get_merchant(db, world.owner, world.merchant.id)
    assert db.query(Revision).count() == 0  # foreign key cascade (SQLite has foreign keys on)


def test_missing_merchant_is_not_found(world: Any) -> None:
    with pytest.raises(NotFound):
        get_merchant(world.db, world.owner, 987654)


def test_archive_hides_the_merchant_from_the_list_and_keeps_its_history(world: Any) -> None:
    from conftest import TEAM_DOCUMENT

    db, ws = world.db, world.workspace.id
    other = create_merchant(db, world.owner, ws, "阿花鲜花", PROFILE)
    save_team(db, world.editor, world.merchant.id, TEAM_DOCUMENT, None)
    archived = archive_merchant(db, world.editor, world.merchant.id)  # editors may: nothing is lost
    assert archived.archived_at is not None
    again = archive_merchant(db, world.editor, world.merchant.id)
    assert again.archived_at == archived.archived_at  # archiving twice keeps the first date
    assert [m.id for m in list_merchants(db, world.viewer, ws)] == [other.id]
    assert [m.id for m in list_merchants(db, world.viewer, ws, archived=True)] == [world.merchant.id]
    assert len(list_merchants(db, world.viewer, ws, archived=None)) == 2
    assert get_merchant(db, world.viewer, world.merchant.id).archived_at is not None  # still reachable by its link
    assert db.query(Revision).filter_by(merchant_id=world.merchant.id).count() == 1
    with pytest.raises(Forbidden):
        archive_merchant(db, world.viewer, world.merchant.id, archived=False)
    assert archive_merchant(db, world.editor, world.merchant.id, archived=False).archived_at is None
    assert len(list_merchants(db, world.viewer, ws)) == 2
