"""What a remembered team page rests on, read in one query: the page cache's key without loading any team.

The team page is the page asked for most, and most often it is sent from the page cache (web/pagecache.py).
Deciding that took five queries (the session's user, the merchant with the reader's role, the newest revision
with its whole team, every scenario with its whole team, the taught titles): here it is one, and no team
document is read or decoded. Anything the query cannot vouch for (no session, not a member) gives None, and the
caller takes the ordinary path, which says why.
"""

from __future__ import annotations

import json
from typing import Any

from sqlalchemy import BindParameter, Select, String, and_, bindparam, cast, func, select
from sqlalchemy.orm import Session

from .accounts import _digest
from .models import AuthSession, Membership, Merchant, Revision, Scenario, TitleMeaning, User, utcnow

FIELD, ROW = "\x1f", "\x1e"  # unit and record separators: the text policy removes both from every input


def _statement() -> Select[Any]:
    """The query, built once (building it is most of its cost on SQLite): the merchant, session token and time
    are bound when it runs."""
    merchant_id: BindParameter[int] = bindparam("merchant_id")
    newest = select(func.max(Revision.number)).where(Revision.merchant_id == merchant_id).scalar_subquery()
    scenarios = (select(func.aggregate_strings(
        cast(Scenario.id, String) + FIELD + Scenario.name + FIELD + Scenario.author_name + FIELD
        + cast(Scenario.updated_at, String), ROW)).where(Scenario.merchant_id == merchant_id).scalar_subquery())
    taught = (select(func.aggregate_strings(TitleMeaning.title + FIELD + cast(TitleMeaning.posts, String), ROW))
              .where(TitleMeaning.workspace_id == Merchant.workspace_id).scalar_subquery())
    member = and_(Membership.workspace_id == Merchant.workspace_id, Membership.user_id == User.id)
    latest = and_(Revision.merchant_id == Merchant.id, Revision.number == newest)
    return (select(User.id, User.display_name, Membership.role, Merchant.id, Merchant.workspace_id, Merchant.name,
                   Merchant.profile, Merchant.archived_at, Revision.id, Revision.number, Revision.author_name,
                   Revision.created_at, Revision.message, scenarios, taught)
            .select_from(AuthSession).join(User, AuthSession.user_id == User.id)
            .join(Merchant, Merchant.id == merchant_id).join(Membership, member)
            .outerjoin(Revision, latest)
            .where(AuthSession.token_hash == bindparam("token_hash"), AuthSession.expires_at > bindparam("now")))


STATEMENT = _statement()


def team_page_stamp(s: Session, session_token: str, merchant_id: int) -> tuple[Any, ...] | None:
    """Everything a plain team page shows, as one hashable tuple: the reader (id, name, may edit), the merchant
    (name, answers, archived), its newest revision's number, author, time and message, the scenarios listed
    (id, name, author, time) and the workspace's taught titles. None when the session is unknown or expired, or
    the reader is not a member of the merchant's workspace."""
    params = {"merchant_id": merchant_id, "token_hash": _digest(session_token), "now": utcnow()}
    row = s.connection().execute(STATEMENT, params).first()
    if row is None:
        return None
    (user_id, user_name, role, mid, workspace_id, name, profile, archived_at, revision_id, number, author,
     created_at, message, scenario_rows, taught_rows) = row
    answers = json.dumps(profile, sort_keys=True, ensure_ascii=False, default=str)
    # Aggregated rows come in no promised order: sorted, the same rows always make the same key.
    listed = tuple(sorted((scenario_rows or "").split(ROW)))
    titles = tuple(sorted((taught_rows or "").split(ROW)))
    saved = None if revision_id is None else (revision_id, number, author, created_at, message)
    return (user_id, user_name, role in ("owner", "editor"), mid, workspace_id, name, answers, archived_at, saved,
            listed, titles)
