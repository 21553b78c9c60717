"""Workspaces and members (store/workspaces.py): roles, invites waiting for sign-up, never without an owner."""

from __future__ import annotations

from typing import Any

import pytest

from douyin_team.errors import InvalidValue
from douyin_team.store import (
    AlreadyMember,
    Forbidden,
    Invitation,
    LastOwner,
    Membership,
    NotFound,
    accept_invite,
    add_member,
    cancel_invite,
    change_role,
    create_user,
    create_workspace,
    list_invites,
    list_members,
    list_workspaces,
    remove_member,
    role_in,
    verification_token,
    verify_email,
)

pytestmark = pytest.mark.usefixtures("fast_hashing")


def test_creator_is_owner_and_sees_only_their_workspaces(world: Any) -> None:
    db = world.db
    assert role_in(db, world.owner, world.workspace.id) == "owner"
    assert role_in(db, world.viewer, world.workspace.id) == "viewer"
    assert role_in(db, world.outsider, world.workspace.id) is None
    assert [(w.name, r) for w, r in list_workspaces(db, world.editor)] == [("星河代运营", "editor")]
    assert [(w.name, r) for w, r in list_workspaces(db, world.outsider)] == [("Other agency", "owner")]


@pytest.mark.parametrize(("name", "kind", "field"), [("", "agency", "name"), ("Shop", "club", "kind")])
def test_bad_workspace_names_the_field(world: Any, name: str, kind: str, field: str) -> None:
    with pytest.raises(InvalidValue) as err:
        create_workspace(world.db, world.owner, name, kind)
    assert err.value.field == field


def test_members_are_listed_owner_first(world: Any) -> None:
    aaron = create_user(world.db, "aaron@example.com", "password aaron", "Aaron")
    verify_email(world.db, verification_token(world.db, aaron))  # a verified address joins at once
    add_member(world.db, world.owner, world.workspace.id, "aaron@example.com", "viewer")  # by role, then email
    members = list_members(world.db, world.viewer, world.workspace.id)
    assert [(m.user.email, m.role) for m in members] == [
        ("owner@example.com", "owner"), ("editor@example.com", "editor"), ("aaron@example.com", "viewer"),
        ("viewer@example.com", "viewer")]


def test_an_invite_waits_for_its_link_to_be_accepted(world: Any) -> None:
    db = world.db
    invited = add_member(db, world.owner, world.workspace.id, " New@Example.com ", "editor")
    assert isinstance(invited, Invitation) and invited.invite.email == "new@example.com"
    assert [i.email for i in list_invites(db, world.editor, world.workspace.id)] == ["new@example.com"]
    again = add_member(db, world.owner, world.workspace.id, "new@example.com", "viewer")  # renews the link
    assert isinstance(again, Invitation) and again.token != invited.token
    newcomer = create_user(db, "new@example.com", "password new", "New")
    assert role_in(db, newcomer, world.workspace.id) is None  # signing up alone joins nothing
    verify_email(db, verification_token(db, newcomer))
    with pytest.raises(NotFound):
        accept_invite(db, newcomer, invited.token)  # the renewed invite's old link is dead
    accept_invite(db, newcomer, again.token)
    assert role_in(db, newcomer, world.workspace.id) == "viewer"
    assert list_invites(db, world.owner, world.workspace.id) == []
    with pytest.raises(NotFound):
        accept_invite(db, newcomer, again.token)  # single use


def test_cancel_invite(world: Any) -> None:
    db = world.db
    add_member(db, world.owner, world.workspace.id, "later@example.com", "viewer")
    with pytest.raises(Forbidden):
        cancel_invite(db, world.editor, world.workspace.id, "later@example.com")
    cancel_invite(db, world.owner, world.workspace.id, "LATER@example.com")
    with pytest.raises(NotFound):
        cancel_invite(db, world.owner, world.workspace.id, "later@example.com")


def test_existing_user_is_added_at_once(world: Any) -> None:
    db = world.db
    member = add_member(db, world.owner, world.workspace.id, "outsider@example.com", "viewer")
    assert isinstance(member, Membership) and role_in(db, world.outsider, world.workspace.id) == "viewer"
    with pytest.raises(AlreadyMember):
        add_member(db, world.owner, world.workspace.id, "outsider@example.com", "editor")


def test_unknown_role_is_refused(world: Any) -> None:
    with pytest.raises(InvalidValue) as err:
        add_member(world.db, world.owner, world.workspace.id, "x@example.com", "admin")
    assert err.value.field == "role"


def test_only_owners_manage_members(world: Any) -> None:
    db = world.db
    for actor in (world.editor, world.viewer):
        with pytest.raises(Forbidden):
            add_member(db, actor, world.workspace.id, "x@example.com", "viewer")
        with pytest.raises(Forbidden):
            change_role(db, actor, world.workspace.id, world.viewer.id, "editor")
    with pytest.raises(Forbidden):
        remove_member(db, world.editor, world.workspace.id, world.viewer.id)


def test_change_role_and_remove(world: Any) -> None:
    db = world.db
    change_role(db, world.owner, world.workspace.id, world.viewer.id, "editor")
    assert role_in(db, world.viewer, world.workspace.id) == "editor"
    remove_member(db, world.owner, world.workspace.id, world.viewer.id)
    assert role_in(db, world.viewer, world.workspace.id) is None
    with pytest.raises(NotFound):
        remove_member(db, world.owner, world.workspace.id, world.viewer.id)


def test_a_member_may_leave(world: Any) -> None:
    remove_member(world.db, world.viewer, world.workspace.id, world.viewer.id)
    assert role_in(world.db, world.viewer, world.workspace.id) is None


def test_the_last_owner_stays(world: Any) -> None:
    db = world.db
    with pytest.raises(LastOwner):
        change_role(db, world.owner, world.workspace.id, world.owner.id, "editor")
    with pytest.raises(LastOwner):
        remove_member(db, world.owner, world.workspace.id, world.owner.id)
    change_role(db, world.owner, world.workspace.id, world.editor.id, "owner")
    remove_member(db, world.owner, world.workspace.id, world.owner.id)  # another owner remains
    assert role_in(db, world.editor, world.workspace.id) == "owner"


def test_two_owners_demoting_each_other_at_once_leave_one_owner(world: Any, engine: Any) -> None:
    import threading

    from douyin_team.store import session_factory

    db = world.db
    change_role(db, world.owner, world.workspace.id, world.editor.id, "owner")
    factory = session_factory(engine)
    barrier = threading.Barrier(2)
    outcomes: list[str] = []

    def demote(actor: Any, target: Any) -> None:
        with factory() as session:
            barrier.wait()
            try:
                change_role(session, actor, world.workspace.id, target.id, "viewer")
                outcomes.append("done")
            except (LastOwner, Forbidden) as err:  # Forbidden: the actor was demoted first
                outcomes.append(type(err).__name__)

    threads = [threading.Thread(target=demote, args=pair)
               for pair in ((world.owner, world.editor), (world.editor, world.owner))]
    for thread in threads:
        thread.start()
    for thread in threads:
        thread.join(timeout=60)
    assert len(outcomes) == 2 and outcomes.count("done") == 1, outcomes
    owners = [m for m in list_members(db, world.viewer, world.workspace.id) if m.role == "owner"]
    assert len(owners) == 1
