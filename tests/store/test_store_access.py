"""Permissions (store/access.py): every service function refuses outsiders (NotFound) and viewers who write
(Forbidden). The tables below must list every function that takes an actor and a workspace or merchant."""

from __future__ import annotations

import inspect
from collections.abc import Callable
from typing import Any

import pytest

from conftest import TEAM_DOCUMENT
from douyin_team import store

pytestmark = pytest.mark.usefixtures("fast_hashing")

Call = Callable[[Any, Any], object]  # (world, actor) → the call

CALLS: dict[str, Call] = {
    "get_workspace": lambda w, a: store.get_workspace(w.db, a, w.workspace.id),
    "list_members": lambda w, a: store.list_members(w.db, a, w.workspace.id),
    "list_invites": lambda w, a: store.list_invites(w.db, a, w.workspace.id),
    "add_member": lambda w, a: store.add_member(w.db, a, w.workspace.id, "new@example.com", "viewer"),
    "cancel_invite": lambda w, a: store.cancel_invite(w.db, a, w.workspace.id, "invited@example.com"),
    "remove_member": lambda w, a: store.remove_member(w.db, a, w.workspace.id, w.editor.id),
    "change_role": lambda w, a: store.change_role(w.db, a, w.workspace.id, w.editor.id, "viewer"),
    "list_merchants": lambda w, a: store.list_merchants(w.db, a, w.workspace.id),
    "create_merchant": lambda w, a: store.create_merchant(w.db, a, w.workspace.id, "Shop", {}),
    "get_merchant": lambda w, a: store.get_merchant(w.db, a, w.merchant.id),
    "update_merchant": lambda w, a: store.update_merchant(w.db, a, w.merchant.id, "Shop", {}),
    "delete_merchant": lambda w, a: store.delete_merchant(w.db, a, w.merchant.id),
    "archive_merchant": lambda w, a: store.archive_merchant(w.db, a, w.merchant.id),
    "save_team": lambda w, a: store.save_team(w.db, a, w.merchant.id, TEAM_DOCUMENT, 1),
    "latest_revision": lambda w, a: store.latest_revision(w.db, a, w.merchant.id),
    "viewed_team": lambda w, a: store.viewed_team(w.db, a, w.merchant.id),
    "list_revisions": lambda w, a: store.list_revisions(w.db, a, w.merchant.id),
    "get_revision": lambda w, a: store.get_revision(w.db, a, w.merchant.id, 1),
    "compare_revisions": lambda w, a: store.compare_revisions(w.db, a, w.merchant.id, 1, 1),
    "restore_revision": lambda w, a: store.restore_revision(w.db, a, w.merchant.id, 1, 1),
    "latest_revisions": lambda w, a: store.latest_revisions(w.db, a, w.workspace.id),
    "keep_draft": lambda w, a: store.keep_draft(w.db, a, w.merchant.id, TEAM_DOCUMENT, 1),
    "get_draft": lambda w, a: store.get_draft(w.db, a, w.merchant.id, w.draft.id),
    "drop_draft": lambda w, a: store.drop_draft(w.db, a, w.merchant.id, w.draft.id),
    "create_share_link": lambda w, a: store.create_share_link(w.db, a, w.merchant.id, 7),
    "list_share_links": lambda w, a: store.list_share_links(w.db, a, w.merchant.id),
    "revoke_share_link": lambda w, a: store.revoke_share_link(w.db, a, w.merchant.id, w.link.id),
    "save_scenario": lambda w, a: store.save_scenario(w.db, a, w.merchant.id, "试试", "copy", TEAM_DOCUMENT),
    "list_scenarios": lambda w, a: store.list_scenarios(w.db, a, w.merchant.id),
    "get_scenario": lambda w, a: store.get_scenario(w.db, a, w.merchant.id, w.scenario.id),
    "update_scenario": lambda w, a: store.update_scenario(w.db, a, w.merchant.id, w.scenario.id, TEAM_DOCUMENT),
    "delete_scenario": lambda w, a: store.delete_scenario(w.db, a, w.merchant.id, w.scenario.id),
    "set_title_meaning": lambda w, a: store.set_title_meaning(w.db, a, w.workspace.id, "播控", ["central_control"]),
    "list_title_meanings": lambda w, a: store.list_title_meanings(w.db, a, w.workspace.id),
    "delete_title_meaning": lambda w, a: store.delete_title_meaning(w.db, a, w.workspace.id, w.meaning.id),
}
WRITES = {"add_member", "cancel_invite", "remove_member", "change_role", "create_merchant", "update_merchant",
          "archive_merchant",
          "delete_merchant", "save_team", "restore_revision", "keep_draft", "get_draft", "drop_draft",
          "create_share_link", "revoke_share_link", "save_scenario", "update_scenario", "delete_scenario",
          "set_title_meaning", "delete_title_meaning"}  # a draft is its author's, an editor's: viewers have none
# Functions of the actor's own things, not of a workspace: checked in test_store_accounts / _workspaces.
OWN = {"create_workspace", "list_workspaces", "create_api_token", "list_api_tokens", "revoke_api_token", "role_in",
       "accept_invite"}  # accept_invite: checked against the invited, verified email (test_store_invites.py)


@pytest.fixture
def full_world(world: Any) -> Any:
    """The shared world plus a saved team and a waiting invite, so every call has something to reach."""
    store.save_team(world.db, world.owner, world.merchant.id, TEAM_DOCUMENT, None)
    store.add_member(world.db, world.owner, world.workspace.id, "invited@example.com", "viewer")
    world.draft = store.keep_draft(world.db, world.owner, world.merchant.id, TEAM_DOCUMENT, 1)
    world.link, _token = store.create_share_link(world.db, world.owner, world.merchant.id, 7)
    world.scenario = store.save_scenario(world.db, world.owner, world.merchant.id, "双11", "copy", TEAM_DOCUMENT)
    world.meaning = store.set_title_meaning(world.db, world.owner, world.workspace.id, "品宣", ["marketing"])
    return world


def test_the_table_lists_every_service_function_with_an_actor() -> None:
    with_actor = {name for name in store.__all__
                  if callable(fn := getattr(store, name)) and inspect.isfunction(fn)
                  and "actor" in inspect.signature(fn).parameters}
    assert with_actor == set(CALLS) | OWN


@pytest.mark.parametrize("name", sorted(CALLS))
def test_outsider_gets_not_found(full_world: Any, name: str) -> None:
    with pytest.raises(store.NotFound):
        CALLS[name](full_world, full_world.outsider)
    assert store.role_in(full_world.db, full_world.outsider, full_world.workspace.id) is None


@pytest.mark.parametrize("name", sorted(WRITES))
def test_viewer_who_writes_gets_forbidden(full_world: Any, name: str) -> None:
    with pytest.raises(store.Forbidden):
        CALLS[name](full_world, full_world.viewer)


@pytest.mark.parametrize("name", sorted(set(CALLS) - WRITES))
def test_viewer_may_read(full_world: Any, name: str) -> None:
    CALLS[name](full_world, full_world.viewer)


def test_a_foreign_merchant_looks_like_a_missing_one(full_world: Any) -> None:
    w = full_world
    with pytest.raises(store.NotFound) as foreign:
        store.get_merchant(w.db, w.outsider, w.merchant.id)
    with pytest.raises(store.NotFound) as missing:
        store.get_merchant(w.db, w.outsider, w.merchant.id + 1000)
    assert str(foreign.value).replace(str(w.merchant.id), "N") == str(missing.value).replace(
        str(w.merchant.id + 1000), "N")


OUT_OF_RANGE = [0, -1, 2**31, 2**63, 10**30]
ID_CALLS: dict[str, Callable[[Any, int], object]] = {
    "get_workspace": lambda w, n: store.get_workspace(w.db, w.owner, n),
    "list_merchants": lambda w, n: store.list_merchants(w.db, w.owner, n),
    "get_merchant": lambda w, n: store.get_merchant(w.db, w.owner, n),
    "save_team": lambda w, n: store.save_team(w.db, w.owner, n, TEAM_DOCUMENT, None),
    "get_revision": lambda w, n: store.get_revision(w.db, w.owner, w.merchant.id, n),
    "compare_revisions": lambda w, n: store.compare_revisions(w.db, w.owner, w.merchant.id, 1, n),
    "remove_member": lambda w, n: store.remove_member(w.db, w.owner, w.workspace.id, n),
    "revoke_api_token": lambda w, n: store.revoke_api_token(w.db, w.owner, n),
}


@pytest.mark.parametrize("name", sorted(ID_CALLS))
def test_ids_no_column_can_hold_are_not_found(full_world: Any, name: str) -> None:
    """Numbers past the 32-bit id columns are never sent to the database (PostgreSQL would refuse them)."""
    for number in OUT_OF_RANGE:
        with pytest.raises(store.NotFound):
            ID_CALLS[name](full_world, number)
    assert store.role_in(full_world.db, full_world.owner, 2**40) is None
