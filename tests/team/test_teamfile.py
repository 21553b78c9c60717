"""Team files: parsing, validation and the one-line errors for bad input."""

from __future__ import annotations

import json
from pathlib import Path

import msgspec
import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from douyin_team.errors import (
    DouyinTeamError,
    DuplicateName,
    InvalidValue,
    MalformedFile,
    ReportingCycle,
    UnknownManager,
)
from douyin_team.team import dump_team, locate, read_team, split_roles


def write(tmp_path: Path, text: str, name: str = "team.yaml") -> Path:
    path = tmp_path / name
    path.write_text(text, encoding="utf-8")
    return path


GOOD = """\
stage: growth
merchant: 小店
people:
  - name: 老王
    roles: 老板、运营+投流
  - name: 小美
    roles: [主播]
    reports_to: 老王
  - name: 小李
    roles: [副播, 场控]
    reports_to: 老王
    can_cover: 运营
"""


def test_reads_aliases_and_separators(tmp_path: Path, kb) -> None:  # type: ignore[no-untyped-def]
    team = read_team(write(tmp_path, GOOD), kb)
    assert [p.posts for p in team.people] == [
        ["team_lead", "live_ops", "store_ops", "ad_buyer"], ["anchor"], ["assistant_anchor", "floor_control"]]  # 运营 of 3
    assert team.people[2].can_cover == ["live_ops", "store_ops"]
    assert team.merchant == "小店"


def test_json_and_yaml_give_the_same_team(tmp_path: Path, kb) -> None:  # type: ignore[no-untyped-def]
    team = read_team(write(tmp_path, GOOD), kb)
    again = read_team(write(tmp_path, dump_team(team, "json"), "team.json"), kb)
    assert again == msgspec.structs.replace(team, readings=None)  # 运营 was read once; the file now says live_ops
    team = again
    assert read_team(write(tmp_path, dump_team(team, "yaml"), "again.yaml"), kb) == team


def test_split_roles_handles_every_separator() -> None:
    assert split_roles("运营、中控/投手，剪辑,客服+场控；助播") == ["运营", "中控", "投手", "剪辑", "客服", "场控", "助播"]
    assert split_roles(["主播 ", " ", "运营+投手"]) == ["主播", "运营", "投手"]


def error_of(tmp_path: Path, kb, text: str, name: str = "team.yaml") -> DouyinTeamError:  # type: ignore[no-untyped-def]
    with pytest.raises(DouyinTeamError) as info:
        read_team(write(tmp_path, text, name), kb)
    message = str(info.value)
    assert "\n" not in message and message.startswith(str(tmp_path / name))
    return info.value


def test_unknown_title_is_kept_and_read_again(tmp_path: Path, kb) -> None:  # type: ignore[no-untyped-def]
    team = read_team(write(tmp_path, "people:\n  - name: A\n    roles: [主播]\n  - name: B\n    roles: [主bo, 场控]\n"), kb)
    assert team.people[1].posts == ["floor_control"] and team.people[1].unknown_titles == ["主bo"]
    assert [(n.kind, n.people, n.nearest[0]) for n in team.readings or []] == [("unknown", ["B"], "anchor")]
    again = read_team(write(tmp_path, dump_team(team, "yaml"), "again.yaml"), kb)
    assert again.people == team.people and again.readings == team.readings


def test_malformed_yaml_names_the_line(tmp_path: Path, kb) -> None:  # type: ignore[no-untyped-def]
    err = error_of(tmp_path, kb, "people:\n  - name: A\n    roles: [主播\n  - name: B\n")
    assert isinstance(err, MalformedFile) and err.line is not None and err.line >= 3


def test_malformed_json_names_the_line(tmp_path: Path, kb) -> None:  # type: ignore[no-untyped-def]
    err = error_of(tmp_path, kb, '{"people": [\n {"name": "A", "roles": ["主播"]},\n ]}', "team.json")
    assert isinstance(err, MalformedFile) and err.line == 3


def test_reporting_cycle_is_named(tmp_path: Path, kb) -> None:  # type: ignore[no-untyped-def]
    text = "people:\n - {name: A, roles: [主播], reports_to: B}\n - {name: B, roles: [运营], reports_to: C}\n" \
           " - {name: C, roles: [客服], reports_to: A}\n"
    err = error_of(tmp_path, kb, text)
    assert isinstance(err, ReportingCycle) and "A → B → C → A" in err.message


def test_self_report(tmp_path: Path, kb) -> None:  # type: ignore[no-untyped-def]
    err = error_of(tmp_path, kb, "people:\n - {name: A, roles: [主播], reports_to: A}\n")
    assert isinstance(err, ReportingCycle) and err.line == 2


def test_unknown_manager_suggests(tmp_path: Path, kb) -> None:  # type: ignore[no-untyped-def]
    err = error_of(tmp_path, kb, "people:\n - {name: 老王, roles: [主播]}\n - {name: B, roles: [运营], reports_to: 老黄}\n")
    assert isinstance(err, UnknownManager) and err.line == 3


def test_duplicate_names(tmp_path: Path, kb) -> None:  # type: ignore[no-untyped-def]
    err = error_of(tmp_path, kb, "people:\n - {name: A, roles: [主播]}\n - {name: A, roles: [运营]}\n")
    assert isinstance(err, DuplicateName) and err.line == 3


@pytest.mark.parametrize("field, value", [("hours", -5), ("hours", 500), ("monthly_cost", -1), ("monthly_cost", "很多")])
def test_bad_numbers(tmp_path: Path, kb, field: str, value: object) -> None:  # type: ignore[no-untyped-def]
    text = f"people:\n - name: A\n   roles: [主播]\n   {field}: {json.dumps(value, ensure_ascii=False)}\n"
    err = error_of(tmp_path, kb, text)
    assert isinstance(err, InvalidValue) and err.field == f"people[0].{field}" and err.line == 4


def test_absurd_sales(tmp_path: Path, kb) -> None:  # type: ignore[no-untyped-def]
    err = error_of(tmp_path, kb, "monthly_sales: 1e15\npeople:\n - {name: A, roles: [主播]}\n")
    assert err.field == "monthly_sales" and err.line == 1


def test_unknown_field_suggests_the_nearest(tmp_path: Path, kb) -> None:  # type: ignore[no-untyped-def]
    err = error_of(tmp_path, kb, "people:\n - {name: A, roles: [主播], reprots_to: B}\n")
    assert "reports_to" in (err.hint or "")


@pytest.mark.parametrize("text", ["", "   \n", "[]", "just text", "people: 3", "people: []"])
def test_empty_or_wrong_shape(tmp_path: Path, kb, text: str) -> None:  # type: ignore[no-untyped-def]
    error_of(tmp_path, kb, text)


def test_control_characters_in_names_are_removed_and_nul_refused(tmp_path: Path, kb) -> None:  # type: ignore[no-untyped-def]
    # The text policy (textpolicy.py): controls and bidi overrides removed, NUL and lone surrogates refused.
    team = read_team(write(tmp_path, 'people:\n - {name: "A\\e[31mred\\u202e", roles: [主播]}\n'), kb)
    assert team.people[0].name == "A[31mred"
    err = error_of(tmp_path, kb, 'people:\n - {name: "主播", roles: [主播]}\n - {name: "A\\0B", roles: [主播]}\n')
    assert err.field == "people[1].name" and err.line == 3 and "U+0000" in err.message


def test_hostile_names_are_data(tmp_path: Path, kb) -> None:  # type: ignore[no-untyped-def]
    text = 'people:\n - {name: "<script>alert(1)</script>", roles: [主播]}\n - {name: "\\"]; x -->", roles: [运营]}\n'
    team = read_team(write(tmp_path, text), kb)
    assert team.people[0].name == "<script>alert(1)</script>" and team.people[1].name == '"]; x -->'


def test_binary_and_oversized_files(tmp_path: Path, kb) -> None:  # type: ignore[no-untyped-def]
    (tmp_path / "bin.yaml").write_bytes(b"\xff\xfe\x00garbage")
    with pytest.raises(MalformedFile):
        read_team(tmp_path / "bin.yaml", kb)
    big = tmp_path / "big.yaml"
    with big.open("wb") as handle:
        handle.truncate(21 * 1024 * 1024)
    with pytest.raises(MalformedFile, match="limit"):
        read_team(big, kb)


def test_missing_file(tmp_path: Path, kb) -> None:  # type: ignore[no-untyped-def]
    with pytest.raises(MalformedFile, match="cannot read"):
        read_team(tmp_path / "nope.yaml", kb)


def test_locate_finds_nested_fields() -> None:
    text = "stage: growth\npeople:\n  - name: A\n    roles:\n      - 主播\n      - 运营\n"
    assert locate(text, "people[0].roles[1]") == 6
    assert locate(text, "stage") == 1
    assert locate("{{{", "stage") is None


@settings(max_examples=300, deadline=None)
@given(st.text(max_size=300))
def test_parser_raises_only_its_own_errors_on_any_text(kb, tmp_path_factory, text: str) -> None:  # type: ignore[no-untyped-def]
    path = tmp_path_factory.mktemp("fuzz") / "team.yaml"
    path.write_text(text, encoding="utf-8")
    try:
        read_team(path, kb)
    except DouyinTeamError as err:
        assert "\n" not in str(err)


people_st = st.lists(st.fixed_dictionaries({
    "name": st.text(min_size=0, max_size=8),
    "roles": st.one_of(st.text(max_size=10), st.lists(st.sampled_from(["主播", "运营", "x", "", "中控"]), max_size=3)),
    "reports_to": st.one_of(st.none(), st.text(max_size=3), st.integers()),
    "hours": st.one_of(st.none(), st.floats(allow_nan=True), st.integers()),
}), max_size=5)


@settings(max_examples=300, deadline=None)
@given(st.fixed_dictionaries({"people": people_st, "stage": st.one_of(st.none(), st.text(max_size=6))}))
def test_parser_raises_only_its_own_errors_on_any_structure(kb, tmp_path_factory, data) -> None:  # type: ignore[no-untyped-def]
    path = tmp_path_factory.mktemp("fuzz") / "team.json"
    path.write_text(json.dumps(data, ensure_ascii=False), encoding="utf-8")
    try:
        read_team(path, kb)
    except DouyinTeamError as err:
        assert "\n" not in str(err)


@pytest.mark.parametrize(("field", "value"), [("people", -4.8e80), ("amount", 1e213), ("per_person", -1.0)])
def test_a_plans_workload_with_absurd_numbers_is_refused_naming_the_line(tmp_path: Path, kb, field: str,  # type: ignore[no-untyped-def]
                                                                         value: float) -> None:
    line = {"post": "anchor", "driver": "live_hours_per_week", "amount": 36.0, "per_person": 30.0, "people": 1.2}
    path = tmp_path / "plan.json"
    path.write_text(json.dumps({"people": [{"name": "小美", "roles": ["主播"]}], "workload": [{**line, field: value}]}),
                    encoding="utf-8")
    with pytest.raises(InvalidValue) as error:
        read_team(path, kb)
    assert "workload[0]" in error.value.render("zh")  # staffing and the kit size posts by these numbers
