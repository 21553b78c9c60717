"""Saving a team from the pages: a new revision, or — when someone saved first — a merge, never a loss.

`save_or_merge` answers where the browser goes next: the team page (saved), the team page with the merged
changes listed (someone saved meanwhile, nothing overlapped: merged and saved), or the merge page of a kept
draft (both changed the same field: the user decides field by field).
"""

from __future__ import annotations

from typing import Any

from sqlalchemy.orm import Session

from .. import store
from ..errors import DouyinTeamError
from .compute import Core, stored_with_ids
from .phones import refuse_invisible_phones
from .wording import MERGED


def save_or_merge(db: Session, user: store.User, core: Core, merchant_id: int, document: dict[str, Any],
                  base: int | None, message: str) -> str:
    """Save `document` built on revision `base`; returns the URL to go to. A bad team raises the core's error
    (a phone of invisible characters too, which the text policy would save as no phone: as the API refuses it)."""
    refuse_invisible_phones(document)
    if base:  # a renamed person's reports follow the new name before the team is checked
        try:
            document = store.follow_renames(store.get_revision(db, user, merchant_id, base).document, document)
        except store.NotFound:
            pass  # no such revision: save_team says so

    clean = stored_with_ids(core, document)
    try:
        store.save_team(db, user, merchant_id, clean, base, message)
    except store.EditConflict as conflict:
        return after_conflict(db, user, merchant_id, conflict, message)
    return f"/m/{merchant_id}"


def after_conflict(db: Session, user: store.User, merchant_id: int, conflict: store.EditConflict,
                   message: str) -> str:
    """Merge an edit that met a newer revision: saved at once when nothing overlaps, else kept as a draft."""
    base = conflict.base_revision or 0
    base_document = store.get_revision(db, user, merchant_id, base).document if base else {"people": []}
    merge = store.merge_documents(base_document, conflict.latest.document, conflict.yours)
    if not merge.clashes:
        try:
            saved = store.save_team(db, user, merchant_id, merge.document, conflict.latest.number,
                                    merged_message(message))
            return f"/m/{merchant_id}?merged={saved.number}&base={base}"
        except (store.EditConflict, DouyinTeamError):
            db.rollback()  # saved again meanwhile, or the merged team does not hold together: the user decides
    draft = store.keep_draft(db, user, merchant_id, conflict.yours, base, message)
    return f"/m/{merchant_id}/merge/{draft.id}"


def merged_message(message: str) -> str:
    """The message of a merged revision: the user's, marked as merged (shown in the reader's language)."""
    return f"{message}{MERGED}"
