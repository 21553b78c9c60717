"""Property tests (Hypothesis) of the store: any valid team document comes back from save/load unchanged, on
SQLite and PostgreSQL; any junk document is refused with the project's own error, never a crash."""

from __future__ import annotations

from typing import Any

import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st
from sqlalchemy import delete

from douyin_team.errors import DouyinTeamError
from douyin_team.knowledge import load_knowledge
from douyin_team.store import Revision, latest_revision, save_team, session_factory
from douyin_team.store.ids import without_ids

pytestmark = pytest.mark.usefixtures("fast_hashing")

KB = load_knowledge()
LABELS = sorted({label for role in KB.role.values()
                 for label in (role.id, role.name.zh, role.name.en, *role.aliases)})
# Any text the text policy keeps as it is (textpolicy.py: no control, format or line-separator characters,
# no lone surrogates); what it changes is tested in tests/test_textpolicy.py.
TEXT = st.text(st.characters(blacklist_categories=("Cc", "Cs", "Zl", "Zp", "Cf")), max_size=30)
NAME = st.text(st.characters(blacklist_categories=("Cc", "Cs", "Zl", "Zp", "Cf")), max_size=30).map(str.strip).filter(lambda s: 0 < len(s) <= 100)
NUMBER = st.one_of(st.integers(0, 10**6), st.floats(0, 1e6, allow_nan=False, allow_infinity=False))
ROLES = st.one_of(st.lists(st.sampled_from(LABELS), min_size=1, max_size=3),
                  st.lists(st.sampled_from([x for x in LABELS if not any(c in x for c in "、/／，,+＋;；|")]),
                           min_size=1, max_size=3).map("、".join))


@st.composite
def team_documents(draw: st.DrawFn) -> dict[str, Any]:
    """A valid team document: unique names, posts by id, name or alias, reporting lines forming a tree."""
    names = draw(st.lists(NAME, min_size=1, max_size=8, unique=True))
    people = []
    for i, name in enumerate(names):
        person: dict[str, Any] = {"name": name, "roles": draw(ROLES)}
        if i and draw(st.booleans()):
            person["reports_to"] = names[draw(st.integers(0, i - 1))]
        optional = {"vacancy": st.booleans(), "hours": st.floats(0, 168, allow_nan=False),
                    "monthly_cost": NUMBER, "department": TEXT}
        for key, values in optional.items():
            if draw(st.booleans()):
                person[key] = draw(values)
        people.append(person)
    document: dict[str, Any] = {"people": people}
    top = {"merchant": TEXT, "monthly_sales": NUMBER, "focus": st.sampled_from(["live", "store", "video"]),
           "stage": st.sampled_from(list(KB.stage)), "live_hours": st.floats(0, 24, allow_nan=False),
           "city_tier": st.integers(1, 5), "ads": st.booleans(),
           "resources": st.lists(st.sampled_from(["supply_chain", "offline_stores", "ecommerce_team"]), unique=True)}
    for key, values in top.items():
        if draw(st.booleans()):
            document[key] = draw(values)
    return document


@settings(max_examples=40, deadline=None, suppress_health_check=[HealthCheck.function_scoped_fixture])
@given(document=team_documents())
def test_saved_documents_come_back_unchanged(world: Any, engine: Any, document: dict[str, Any]) -> None:
    latest = latest_revision(world.db, world.owner, world.merchant.id)
    saved = save_team(world.db, world.editor, world.merchant.id, document, latest.number if latest else None)
    with session_factory(engine)() as fresh:  # read back through another connection, from the database
        loaded = latest_revision(fresh, world.viewer, world.merchant.id)
        assert loaded is not None and loaded.number == saved.number
        assert without_ids(loaded.document) == document
        assert type(loaded.document["people"][0]["name"]) is str


JUNK = st.recursive(
    st.none() | st.booleans() | st.integers() | st.floats() | st.text(max_size=10),
    lambda inner: st.lists(inner, max_size=4) | st.dictionaries(st.text(max_size=8), inner, max_size=4),
    max_leaves=12,
)


@settings(max_examples=60, deadline=None, suppress_health_check=[HealthCheck.function_scoped_fixture])
@given(junk=st.dictionaries(st.sampled_from(["people", "stage", "merchant", "x"]), JUNK, max_size=3)
       | st.fixed_dictionaries({"people": st.lists(st.dictionaries(
           st.sampled_from(["name", "roles", "reports_to", "hours", "vacancy"]), JUNK), max_size=3)}))
def test_junk_is_refused_with_our_own_errors(world: Any, junk: dict[str, Any]) -> None:
    try:
        save_team(world.db, world.editor, world.merchant.id, junk, None)
    except DouyinTeamError:
        pass
    else:  # rarely junk is a valid team: then it was saved as the first revision
        latest = latest_revision(world.db, world.owner, world.merchant.id)
        assert latest is not None and without_ids(latest.document) == junk
        world.db.execute(delete(Revision))
        world.db.commit()
