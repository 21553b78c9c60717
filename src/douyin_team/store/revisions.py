"""A merchant's team as a list of revisions: save with optimistic concurrency, list, compare, restore.

Saving appends revision `latest + 1`. The caller names the revision it edited (`base_revision`); if
another save came first, `EditConflict` carries the latest revision and the caller's document, and
nothing is written. Two saves racing past the check both try to insert the same number; the unique
(merchant, number) constraint lets exactly one in and the other becomes an `EditConflict` too.
"""

from __future__ import annotations

import json
from functools import cache
from typing import Any

from sqlalchemy import select
from sqlalchemy.exc import IntegrityError
from sqlalchemy.orm import Session

from ..errors import InvalidValue
from ..knowledge import KnowledgeBase, load_knowledge
from ..team import convert_team, resolve_team
from ..textpolicy import clean_data, clean_text
from .access import merchant_and_role, merchant_for, valid_id
from .diff import RevisionDiff, compare_documents
from .errors import EditConflict, NotFound
from .ids import assign_ids, follow_renames, without_ids
from .models import Merchant, Revision, Scenario, User, utcnow
from .scenarios import scenarios_of

MAX_DOCUMENT_BYTES = 2 * 1024 * 1024
MAX_MESSAGE = 500


@cache
def knowledge() -> KnowledgeBase:
    """The default knowledge base, loaded once per process (it is read-only)."""
    return load_knowledge()


def check_document(document: dict[str, Any]) -> dict[str, Any]:
    """The document as it will be stored, after the team-file parser accepted it (its errors name the field)."""
    try:
        text = json.dumps(document, ensure_ascii=False, allow_nan=False)
        size = len(text.encode("utf-8"))  # fails on lone surrogates, which no database stores
    except (TypeError, ValueError) as exc:
        raise InvalidValue(f"a team must be plain JSON data: {exc}", field="document") from None
    if size > MAX_DOCUMENT_BYTES:
        raise InvalidValue(f"the team is over {MAX_DOCUMENT_BYTES // 1024 // 1024} MB", field="document",
                           hint="a team file holds people and posts; leave attachments out")
    stored: dict[str, Any] = clean_data(json.loads(text))  # stored as every reader will see it
    resolve_team(convert_team(without_ids(stored)), knowledge())
    return stored


def _latest(s: Session, merchant_id: int) -> Revision | None:
    query = select(Revision).where(Revision.merchant_id == merchant_id).order_by(Revision.number.desc()).limit(1)
    return s.scalar(query)


def save_team(s: Session, actor: User, merchant_id: int, document: dict[str, Any], base_revision: int | None,
              message: str = "") -> Revision:
    """Editors and owners: save the team as a new revision on top of `base_revision` (None for the first).

    Raises the core's error for a bad document, and EditConflict (saving nothing) when `base_revision`
    is no longer the latest.
    """
    merchant = merchant_for(s, actor, merchant_id, "editor")
    latest = _latest(s, merchant_id)
    previous = latest.document if latest else None
    number = latest.number if latest else 0
    if base_revision is not None and 0 < base_revision <= number:  # renames keep reporting lines
        base = previous if base_revision == number else _revision(s, merchant_id, base_revision).document
        document = follow_renames(base, document)
    stored = assign_ids(previous, check_document(document))
    note = " ".join(clean_text(message, "message").split())[:MAX_MESSAGE]
    if base_revision is not None and not 0 < base_revision <= number:
        raise InvalidValue(f"there is no revision {base_revision} to build on", field="base_revision",
                           hint="load the team again and save on the latest revision")
    if latest is not None and base_revision != number:
        raise EditConflict(latest, document, base_revision)
    diff = compare_documents(previous, stored, knowledge(), number or None, number + 1)
    revision = Revision(merchant_id=merchant_id, number=number + 1, document=stored, author_id=actor.id,
                        author_name=actor.display_name, message=note, summary=diff.summary())
    s.add(revision)
    try:
        s.flush()
    except IntegrityError:
        s.rollback()
        winner = _latest(s, merchant_id)
        if winner is None or winner.number <= number:  # not a concurrent save: some other constraint
            raise
        raise EditConflict(winner, document, base_revision) from None  # a concurrent save took the number
    merchant.updated_at = utcnow()
    s.commit()
    return revision


def latest_revision(s: Session, actor: User, merchant_id: int) -> Revision | None:
    """The merchant's current team (its newest revision), or None before the first save."""
    merchant_for(s, actor, merchant_id, "viewer")
    return _latest(s, merchant_id)


def viewed_team(s: Session, actor: User, merchant_id: int) -> tuple[Merchant, str, Revision | None, list[Scenario]]:
    """What a page showing a merchant's team needs: the merchant, the actor's role in its workspace (at least
    viewer, else NotFound), the newest revision (None before the first save) and the scenarios. Three queries
    (the access is checked once, not again for the scenarios)."""
    merchant, role = merchant_and_role(s, actor, merchant_id, "viewer")
    return merchant, role, _latest(s, merchant_id), scenarios_of(s, merchant_id)


def list_revisions(s: Session, actor: User, merchant_id: int) -> list[Revision]:
    """Every revision, newest first, each with number, author_name, created_at, message and summary."""
    merchant_for(s, actor, merchant_id, "viewer")
    query = select(Revision).where(Revision.merchant_id == merchant_id).order_by(Revision.number.desc())
    return list(s.scalars(query))


def get_revision(s: Session, actor: User, merchant_id: int, number: int) -> Revision:
    """One revision by its number; NotFound if there is none."""
    merchant_for(s, actor, merchant_id, "viewer")
    return _revision(s, merchant_id, number)


def _revision(s: Session, merchant_id: int, number: int) -> Revision:
    query = select(Revision).where(Revision.merchant_id == merchant_id, Revision.number == number)
    revision = s.scalar(query) if valid_id(number) else None
    if revision is None:
        raise NotFound(f"no revision {number}", field="number")
    return revision


def compare_revisions(s: Session, actor: User, merchant_id: int, a: int, b: int) -> RevisionDiff:
    """What changed from revision `a` to revision `b` (people added, removed, changed; fields changed)."""
    merchant_for(s, actor, merchant_id, "viewer")
    old, new = _revision(s, merchant_id, a), _revision(s, merchant_id, b)
    return compare_documents(old.document, new.document, knowledge(), a, b)


def restore_revision(s: Session, actor: User, merchant_id: int, number: int, base_revision: int | None,
                     message: str = "") -> Revision:
    """Editors and owners: a new revision holding revision `number`'s team (history is never rewritten)."""
    merchant_for(s, actor, merchant_id, "editor")
    old = _revision(s, merchant_id, number)
    return save_team(s, actor, merchant_id, old.document, base_revision, message or f"restore #{number}")
