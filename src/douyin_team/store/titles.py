"""Titles a workspace taught the tool ("this title means …"): a job title its teams use and the posts it
stands for, read before the knowledge base's own titles whenever a team of the workspace is read.

Viewers read them; editors and owners teach and forget them. Posts are stored as role ids (the web app
checks them against the knowledge base before it teaches one).
"""

from __future__ import annotations

from sqlalchemy import delete, select
from sqlalchemy.orm import Session

from ..errors import InvalidValue
from .access import require, valid_id
from .errors import NotFound
from .models import TitleMeaning, User, utcnow

MAX_TITLES = 500  # per workspace: a workspace's own vocabulary, not a dictionary
MAX_POSTS = 10  # posts one title may stand for (a compound such as 中控兼客服 is two)
CACHE_KEY = "title_meanings"  # the session's info holds a workspace's taught titles once read in a request


def _title(title: str) -> str:
    text = " ".join(title.split())
    if not text or len(text) > 100:
        raise InvalidValue("a title must be 1 to 100 characters", field="title")
    return text


def _posts(posts: list[str]) -> list[str]:
    clean = list(dict.fromkeys(p.strip() for p in posts if isinstance(p, str) and p.strip()))
    if not clean or len(clean) > MAX_POSTS or any(len(p) > 40 for p in clean):
        raise InvalidValue(f"choose 1 to {MAX_POSTS} posts for a title", field="posts")
    return clean


def set_title_meaning(s: Session, actor: User, workspace_id: int, title: str, posts: list[str]) -> TitleMeaning:
    """Editors and owners: teach the workspace what a title means (the posts, as role ids); teaching a title
    again replaces its posts."""
    require(s, actor, workspace_id, "editor")
    text, chosen = _title(title), _posts(posts)
    meaning = s.scalar(select(TitleMeaning).where(TitleMeaning.workspace_id == workspace_id,
                                                  TitleMeaning.title == text))
    if meaning is None:
        count = len(s.scalars(select(TitleMeaning.id).where(TitleMeaning.workspace_id == workspace_id)).all())
        if count >= MAX_TITLES:
            raise InvalidValue(f"a workspace keeps at most {MAX_TITLES} taught titles", field="title",
                               hint="delete the taught titles you no longer need")
        meaning = TitleMeaning(workspace_id=workspace_id, title=text, posts=chosen, author_id=actor.id)
        s.add(meaning)
    else:
        meaning.posts, meaning.author_id, meaning.created_at = chosen, actor.id, utcnow()
    s.commit()
    s.info.pop((CACHE_KEY, workspace_id), None)
    return meaning


def list_title_meanings(s: Session, actor: User, workspace_id: int) -> list[TitleMeaning]:
    """The workspace's taught titles, by title (anyone in the workspace)."""
    require(s, actor, workspace_id, "viewer")
    return list(s.scalars(select(TitleMeaning).where(TitleMeaning.workspace_id == workspace_id)
                          .order_by(TitleMeaning.title)))


def delete_title_meaning(s: Session, actor: User, workspace_id: int, meaning_id: int) -> None:
    """Editors and owners: forget a taught title (its teams read it as before again)."""
    require(s, actor, workspace_id, "editor")
    found = s.scalar(select(TitleMeaning.id).where(TitleMeaning.id == meaning_id,
                                                   TitleMeaning.workspace_id == workspace_id)) \
        if valid_id(meaning_id) else None
    if found is None:
        raise NotFound(f"no taught title {meaning_id}", field="title_id", hint="it may have been deleted")
    s.execute(delete(TitleMeaning).where(TitleMeaning.id == meaning_id))
    s.commit()
    s.info.pop((CACHE_KEY, workspace_id), None)


def taught_titles(s: Session, workspace_id: int) -> dict[str, list[str]]:
    """The workspace's taught titles as title → role ids, for reading a team the caller has already been
    allowed to see (no actor: the merchant's access was checked). Read once per session (one request)."""
    key = (CACHE_KEY, workspace_id)
    if key not in s.info:
        rows = s.execute(select(TitleMeaning.title, TitleMeaning.posts)
                         .where(TitleMeaning.workspace_id == workspace_id).order_by(TitleMeaning.title))
        s.info[key] = {title: list(posts) for title, posts in rows}
    taught: dict[str, list[str]] = s.info[key]
    return taught
