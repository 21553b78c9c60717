"""Invite links and verified emails (store/invites.py): the takeover of issue 17 fails, links are single-use,
expire and can be cancelled, and only the invited, verified address can accept."""

from __future__ import annotations

import datetime as dt
from typing import Any

import pytest

from douyin_team import store
from douyin_team.store import EmailNotVerified, Forbidden, Invitation, NotFound
from douyin_team.store.models import EmailToken, Invite

pytestmark = pytest.mark.usefixtures("fast_hashing")


def invite(world: Any, email: str = "new.hire@example.com", role: str = "owner") -> Invitation:
    made = store.add_member(world.db, world.owner, world.workspace.id, email, role)
    assert isinstance(made, Invitation)
    return made


def test_a_stranger_registering_the_invited_address_first_gets_nothing(world: Any) -> None:
    db = world.db
    link = invite(world)
    stranger = store.create_user(db, "NEW.HIRE@example.com", "password stranger", "Stranger")
    assert store.role_in(db, stranger, world.workspace.id) is None
    with pytest.raises(EmailNotVerified):  # even with the link (say, forwarded to the wrong person)
        store.accept_invite(db, stranger, link.token)
    with pytest.raises(NotFound):  # and the real owner cannot be removed by a non-member
        store.remove_member(db, stranger, world.workspace.id, world.owner.id)
    # The owner adding the address again does not let the unverified account in either.
    assert isinstance(store.add_member(db, world.owner, world.workspace.id, "new.hire@example.com", "owner"), Invitation)
    assert store.role_in(db, stranger, world.workspace.id) is None
    assert store.role_in(db, world.owner, world.workspace.id) == "owner"


def test_only_the_invited_verified_address_accepts(world: Any) -> None:
    db = world.db
    link = invite(world, role="editor")
    with pytest.raises(Forbidden, match="new.hire@example.com"):
        store.accept_invite(db, world.outsider, link.token)  # verified, but another address
    hire = store.create_user(db, "new.hire@example.com", "password hire", "Hire")
    store.verify_email(db, store.verification_token(db, hire))
    assert store.accept_invite(db, hire, link.token).role == "editor"
    with pytest.raises(NotFound):
        store.accept_invite(db, hire, link.token)


def test_links_expire_and_cancelled_invites_stop_working(world: Any) -> None:
    db = world.db
    old = invite(world, "old@example.com")
    db.get(Invite, old.invite.id).expires_at = store.models.utcnow() - dt.timedelta(seconds=1)
    db.commit()
    with pytest.raises(NotFound, match="expired"):
        store.invite_for_link(db, old.token)
    gone = invite(world, "gone@example.com")
    store.cancel_invite(db, world.owner, world.workspace.id, gone.invite.id)
    with pytest.raises(NotFound):
        store.invite_for_link(db, gone.token)
    with pytest.raises(NotFound):
        store.cancel_invite(db, world.owner, world.workspace.id, 2**40)  # out of range: not looked up


def test_verification_links_are_single_use_expire_and_follow_the_address(world: Any) -> None:
    db = world.db
    user = store.create_user(db, "late@example.com", "password late", "Late")
    first = store.verification_token(db, user)
    second = store.verification_token(db, user)
    with pytest.raises(NotFound):
        store.verify_email(db, first)  # a new link replaces the old one
    db.query(EmailToken).update({EmailToken.expires_at: store.models.utcnow() - dt.timedelta(seconds=1)})
    db.commit()
    with pytest.raises(NotFound):
        store.verify_email(db, second)
    third = store.verification_token(db, user)
    assert store.verify_email(db, third).email_verified_at is not None
    with pytest.raises(NotFound):
        store.verify_email(db, third)
