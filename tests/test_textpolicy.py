"""The text policy (textpolicy.py): NUL and lone surrogates refused naming the field, control and
bidi-override characters removed, everything else untouched."""

from __future__ import annotations

import pytest
from hypothesis import given
from hypothesis import strategies as st

from douyin_team.errors import InvalidValue
from douyin_team.team import Person, Team
from douyin_team.textpolicy import clean_data, clean_struct, clean_text
from hostile import CONTROL_OR_BIDI, REFUSED, SURVIVING


@given(st.text())
def test_clean_text_leaves_nothing_a_renderer_chokes_on(text: str) -> None:
    try:
        clean = clean_text(text, "name")
    except InvalidValue as err:
        assert "\x00" in text or any(0xD800 <= ord(c) <= 0xDFFF for c in text)
        assert err.field == "name"
        return
    assert not [c for c in clean if c in CONTROL_OR_BIDI or c in "\n\t\r"]
    assert clean_text(clean) == clean  # idempotent
    clean.encode("utf-8")


@given(st.text(st.characters(blacklist_categories=("Cc", "Cs", "Cf", "Zl", "Zp"))))
def test_ordinary_text_is_untouched(text: str) -> None:
    assert clean_text(text) == text


def test_the_corpus() -> None:
    assert clean_text(SURVIVING["rtl-override"]) == "gnp.exe"
    assert clean_text(SURVIVING["newline-tab"]) == "换 行 制表"
    assert clean_text("第一行\r\n第二行\x01", multiline=True) == "第一行\n第二行"
    for text in REFUSED.values():
        with pytest.raises(InvalidValue, match="not allowed"):
            clean_text(text, "merchant")


def test_data_and_structs_name_the_field() -> None:
    data = {"people": [{"name": "a"}, {"name": "b", "tags": ["x", "y\x00"]}]}
    with pytest.raises(InvalidValue) as err:
        clean_data(data)
    assert err.value.field == "people[1].tags[1]"
    kept = {"people": [{"name": "老周"}]}
    assert clean_data(kept) is kept  # nothing changed: the same object, no copy
    assert clean_data({"a\u202eb": ["c\x01"]}) == {"ab": ["c"]}
    team = Team(people=[Person(name="老周", roles="老板")])
    assert clean_struct(team) is team
    dirty = Team(merchant="茶\x1b铺", people=[Person(name="老周\u202e", roles="老板")])
    assert clean_struct(dirty) == Team(merchant="茶铺", people=[Person(name="老周", roles="老板")])
    with pytest.raises(InvalidValue) as err:
        clean_struct(Team(people=[Person(name="a", roles="老板"), Person(name="\ud800", roles="老板")]))
    assert err.value.field == "people[1].name"
