"""Taught titles (store/titles.py): "this title means …" kept per workspace, on SQLite and PostgreSQL."""

from __future__ import annotations

from typing import Any

import pytest

from douyin_team import store
from douyin_team.errors import InvalidValue

pytestmark = pytest.mark.usefixtures("fast_hashing")


def test_teach_list_and_forget(world: Any) -> None:
    db, ws = world.db, world.workspace.id
    taught = store.set_title_meaning(db, world.editor, ws, "  品宣  ", ["marketing"])
    store.set_title_meaning(db, world.owner, ws, "播控兼客服", ["central_control", "customer_service"])
    assert (taught.title, taught.posts, taught.author_id) == ("品宣", ["marketing"], world.editor.id)
    listed = store.list_title_meanings(db, world.viewer, ws)
    assert [(m.title, m.posts) for m in listed] == [("品宣", ["marketing"]),
                                                   ("播控兼客服", ["central_control", "customer_service"])]
    assert store.taught_titles(db, ws) == {"品宣": ["marketing"], "播控兼客服": ["central_control", "customer_service"]}
    store.delete_title_meaning(db, world.editor, ws, taught.id)
    assert store.taught_titles(db, ws) == {"播控兼客服": ["central_control", "customer_service"]}


def test_teaching_a_title_again_replaces_its_posts(world: Any) -> None:
    db, ws = world.db, world.workspace.id
    first = store.set_title_meaning(db, world.editor, ws, "品宣", ["marketing"])
    again = store.set_title_meaning(db, world.owner, ws, "品宣", ["marketing", "video_director", "marketing"])
    assert again.id == first.id and again.posts == ["marketing", "video_director"]
    assert again.author_id == world.owner.id
    assert len(store.list_title_meanings(db, world.owner, ws)) == 1


def test_another_workspace_never_sees_them(world: Any) -> None:
    db = world.db
    store.set_title_meaning(db, world.owner, world.workspace.id, "品宣", ["marketing"])
    assert store.taught_titles(db, world.elsewhere.id) == {}
    assert store.list_title_meanings(db, world.outsider, world.elsewhere.id) == []
    with pytest.raises(store.NotFound):
        store.list_title_meanings(db, world.outsider, world.workspace.id)
    mine = store.set_title_meaning(db, world.outsider, world.elsewhere.id, "品宣", ["team_lead"])
    with pytest.raises(store.NotFound):  # an id of another workspace is as good as missing
        store.delete_title_meaning(db, world.owner, world.workspace.id, mine.id)
    assert store.taught_titles(db, world.workspace.id) == {"品宣": ["marketing"]}


def test_a_viewer_cannot_teach(world: Any) -> None:
    with pytest.raises(store.Forbidden):
        store.set_title_meaning(world.db, world.viewer, world.workspace.id, "品宣", ["marketing"])
    assert store.taught_titles(world.db, world.workspace.id) == {}


@pytest.mark.parametrize(("title", "posts", "field"), [
    ("", ["marketing"], "title"), ("   ", ["marketing"], "title"), ("长" * 101, ["marketing"], "title"),
    ("品宣", [], "posts"), ("品宣", [" ", ""], "posts"), ("品宣", [f"p{i}" for i in range(11)], "posts"),
])
def test_bad_titles_and_posts_are_refused(world: Any, title: str, posts: list[str], field: str) -> None:
    with pytest.raises(InvalidValue) as err:
        store.set_title_meaning(world.db, world.editor, world.workspace.id, title, posts)
    assert err.value.field == field
    assert store.list_title_meanings(world.db, world.owner, world.workspace.id) == []


def test_a_workspace_keeps_a_bounded_vocabulary(world: Any, monkeypatch: pytest.MonkeyPatch) -> None:
    from douyin_team.store import titles

    monkeypatch.setattr(titles, "MAX_TITLES", 2)
    for title in ("甲", "乙"):
        store.set_title_meaning(world.db, world.editor, world.workspace.id, title, ["marketing"])
    with pytest.raises(InvalidValue, match="at most 2"):
        store.set_title_meaning(world.db, world.editor, world.workspace.id, "丙", ["marketing"])
    store.set_title_meaning(world.db, world.editor, world.workspace.id, "甲", ["team_lead"])  # re-teaching is fine


def test_deleting_the_workspace_forgets_them(world: Any) -> None:
    from sqlalchemy import delete, func, select

    from douyin_team.store.models import TitleMeaning, Workspace

    store.set_title_meaning(world.db, world.owner, world.workspace.id, "品宣", ["marketing"])
    world.db.execute(delete(Workspace).where(Workspace.id == world.workspace.id))
    world.db.commit()
    assert world.db.scalar(select(func.count()).select_from(TitleMeaning)) == 0
