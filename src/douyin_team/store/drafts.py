"""Drafts: an edit that met a newer revision is kept in the database, so a conflict never loses work.

The merge page reads the draft, merges it with the latest revision (`merge.py`) and, once the user has
decided each clash, saves the result and drops the draft. A draft is its author's alone.
"""

from __future__ import annotations

from typing import Any

from sqlalchemy import delete, select
from sqlalchemy.orm import Session

from .access import merchant_for, valid_id
from .errors import NotFound
from .models import Draft, User


def keep_draft(s: Session, actor: User, merchant_id: int, document: dict[str, Any], base_revision: int,
               message: str = "") -> Draft:
    """Editors and owners: keep an unsaved edit made on `base_revision`."""
    merchant_for(s, actor, merchant_id, "editor")
    draft = Draft(merchant_id=merchant_id, author_id=actor.id, base_revision=base_revision, document=document,
                  message=message[:500])
    s.add(draft)
    s.commit()
    return draft


def get_draft(s: Session, actor: User, merchant_id: int, draft_id: int) -> Draft:
    """The actor's own draft of this merchant; NotFound for anyone else's."""
    merchant_for(s, actor, merchant_id, "editor")
    draft = s.scalar(select(Draft).where(Draft.id == draft_id, Draft.merchant_id == merchant_id,
                                         Draft.author_id == actor.id)) if valid_id(draft_id) else None
    if draft is None:
        raise NotFound(f"no draft {draft_id}", field="draft_id", hint="the edit was merged or dropped already")
    return draft


def drop_draft(s: Session, actor: User, merchant_id: int, draft_id: int) -> None:
    """Forget a draft (after it was merged and saved, or given up)."""
    get_draft(s, actor, merchant_id, draft_id)
    s.execute(delete(Draft).where(Draft.id == draft_id))
    s.commit()
