"""Every field a user can meet has words in both languages (errors.yaml `labels`), and no finding, rule text
or web error shows a team file's key (`can_cover`, `reports_to` …) instead."""

from __future__ import annotations

import re

import pytest

from douyin_team.checking import check_team, result_team
from douyin_team.errors import UnknownManager, field_labels
from douyin_team.team import Candidate, Person, Profile, Team, convert_team, resolve_team

FIELDS = sorted({*Person.__struct_fields__, *Team.__struct_fields__, *Profile.__struct_fields__,
                 *Candidate.__struct_fields__})
KEYS = [f for f in FIELDS if "_" in f]  # the keys that read as code when they leak: can_cover, reports_to …
CJK = re.compile(r"[\u4e00-\u9fff]")


@pytest.mark.parametrize("field", FIELDS)
def test_every_field_has_words_in_both_languages(field: str) -> None:
    zh, en = field_labels()[field]
    assert CJK.search(zh) and "_" not in zh, zh
    assert en and "_" not in en and not CJK.search(en), en


def _texts(kb) -> list[tuple[str, str]]:  # type: ignore[no-untyped-def]
    return [(f"{rule.id}.{part}", getattr(rule, part).get(lang)) for rule in kb.rules
            for part in ("title", "message", "why", "statement") for lang in ("zh", "en")]


def test_no_rule_text_names_a_team_file_key(kb) -> None:  # type: ignore[no-untyped-def]
    leaks = [(where, key) for where, text in _texts(kb) for key in KEYS if re.search(rf"\b{key}\b", text)]
    assert leaks == []


def test_a_finding_about_cover_says_can_cover_in_words(kb) -> None:  # type: ignore[no-untyped-def]
    team = resolve_team(convert_team({"stage": "growth", "people": [
        {"name": "老王", "roles": ["负责人", "直播运营"]}, {"name": "小美", "roles": "主播", "reports_to": "老王"},
        {"name": "阿杰", "roles": "场控", "reports_to": "老王"}]}), kb)
    for lang, words in (("zh", "“可替岗”"), ("en", "Can cover")):
        messages = [f.message for f in result_team(team, check_team(team, kb), kb, lang).findings or []]
        about = [m for m in messages if words in m]
        assert about and not any("can_cover" in m for m in messages), messages


def test_web_errors_name_fields_by_their_words() -> None:
    err = UnknownManager("'老李' is not in the team", field="people[1].reports_to", person="小美",
                         hint="did you mean '老王'?")
    assert err.render("en", web=True) == "person 2 (小美), reports to: '老李' is not in the team (hint: did you mean '老王'?)"
    assert err.render("zh", web=True).startswith("第2个人（小美）的上级：")
    assert "reports_to" in err.render("en")  # the command line names the key the file holds
    cover = UnknownManager("x", field="people[0].can_cover").render("en", web=True)
    assert cover.startswith("person 1, can cover: ")
