"""The title resolver: a corpus of job-ad and team-list titles with the posts they mean, compound forms,
the generic 运营 decided by the team, seniority and employment marks, and unknown titles kept, never fatal."""

from __future__ import annotations

from pathlib import Path

import msgspec
import pytest
import yaml

from douyin_team.team.titles import read_ops, read_title, title_posts

CORPUS = yaml.safe_load((Path(__file__).parent / "data" / "titles-corpus.yaml").read_text(encoding="utf-8"))
HOSTED = ("anchor",)  # the corpus is read in a team of five where someone else hosts


def test_the_corpus_is_large() -> None:
    assert len(CORPUS["titles"]) >= 300 and len(CORPUS["compounds"]) >= 40


@pytest.mark.parametrize("title", list(CORPUS["titles"]))
def test_title(title: str, kb) -> None:  # type: ignore[no-untyped-def]
    assert set(title_posts(title, kb, 5, HOSTED)) == set(CORPUS["titles"][title])
    assert not read_title(title, kb).unknown


@pytest.mark.parametrize("title", list(CORPUS["compounds"]))
def test_compound(title: str, kb) -> None:  # type: ignore[no-untyped-def]
    reading = read_title(title, kb)
    assert set(title_posts(title, kb, 5, HOSTED)) == set(CORPUS["compounds"][title])
    assert not reading.unknown and reading.compound


@pytest.mark.parametrize("title", list(CORPUS["small"]))
def test_ops_in_a_two_person_team(title: str, kb) -> None:  # type: ignore[no-untyped-def]
    assert set(title_posts(title, kb, 2, ("team_lead", "anchor"))) == set(CORPUS["small"][title])


@pytest.mark.parametrize("title", list(CORPUS["seniority"]))
def test_seniority(title: str, kb) -> None:  # type: ignore[no-untyped-def]
    assert read_title(title, kb).seniority == CORPUS["seniority"][title]


@pytest.mark.parametrize("title", list(CORPUS["employment"]))
def test_employment(title: str, kb) -> None:  # type: ignore[no-untyped-def]
    assert read_title(title, kb).employment == CORPUS["employment"][title]


@pytest.mark.parametrize("title", CORPUS["unknown"])
def test_unknown_titles_are_reported_not_raised(title: str, kb) -> None:  # type: ignore[no-untyped-def]
    reading = read_title(title, kb)
    assert reading.unknown == [title] and reading.roles == []


@pytest.mark.parametrize("title", CORPUS["outside"])
def test_jobs_outside_the_team_are_known_and_hold_no_post(title: str, kb) -> None:  # type: ignore[no-untyped-def]
    reading = read_title(title, kb)
    assert reading.outside and reading.roles == [] and reading.unknown == [], reading


def test_a_job_outside_the_team_is_kept_as_written_and_not_counted(kb) -> None:  # type: ignore[no-untyped-def]
    from douyin_team.checking import check_team
    from douyin_team.money import price_team
    from douyin_team.team import convert_team, dump_team, resolve_team

    team = resolve_team(convert_team({"monthly_sales": 300000, "people": [
        {"name": "王总", "roles": "总经理"}, {"name": "小美", "roles": "主播", "reports_to": "王总"},
        {"name": "刘姐", "roles": "财务", "reports_to": "王总"}, {"name": "小何", "roles": "财务兼客服", "reports_to": "王总"}]}), kb)
    assert [p.unknown_titles for p in team.people] == [[], [], ["财务"], []]  # written back, it reads the same
    assert team.people[3].posts == ["customer_service"] and team.headcount() == 3
    assert "财务" in dump_team(team, "yaml")
    team = msgspec.structs.replace(team, people=[msgspec.structs.replace(p, monthly_cost=7000.0) for p in team.people])
    costs = {c.name: c.total for c in price_team(team, kb, "growth").people}
    assert costs["刘姐"] == 0 and costs["小美"] == 7000  # the company's finance is not the team's labour
    findings = {f.rule: f for f in check_team(team, kb).findings}
    assert findings["title-outside-team"].people == ["刘姐"] and "title-unknown" not in findings


def test_a_compound_keeps_both_sides_and_reports_the_unknown_one(kb) -> None:  # type: ignore[no-untyped-def]
    reading = read_title("主播（兼打杂）", kb)
    assert reading.roles == ["anchor"] and reading.unknown == ["打杂"]
    reading = read_title("主播（兼行政）", kb)  # a job outside the team beside a post: the post, nothing unknown
    assert reading.roles == ["anchor"] and reading.unknown == [] and not reading.outside


def test_a_bracketed_word_nobody_knows_is_passed_over(kb) -> None:  # type: ignore[no-untyped-def]
    reading = read_title("主播（服装类目）", kb)
    assert reading.roles == ["anchor"] and reading.unknown == [] and reading.ignored == ["服装类目"]


@pytest.mark.parametrize(("size", "held", "expected"), [
    (2, {"team_lead", "anchor"}, ["live_ops", "store_ops"]),
    (2, {"anchor", "live_ops"}, ["store_ops"]),
    (3, {"anchor", "customer_service"}, ["live_ops", "store_ops"]),  # the iron triangle's 运营 also runs the shop
    (4, {"anchor", "floor_control", "central_control"}, ["live_ops", "store_ops"]),
    (4, {"anchor", "store_ops", "floor_control"}, ["live_ops"]),
    (5, {"anchor", "floor_control"}, ["live_ops"]),
    (5, {"anchor", "live_ops"}, ["store_ops"]),
    (5, {"customer_service", "fulfillment"}, ["store_ops"]),
])
def test_ops_is_decided_by_the_team(size: int, held: set[str], expected: list[str], kb) -> None:  # type: ignore[no-untyped-def]
    reading = read_ops(kb, size, held)
    assert reading.roles == expected and reading.why.zh and reading.why.en


def test_ops_follows_the_focus(kb) -> None:  # type: ignore[no-untyped-def]
    assert read_ops(kb, 5, {"anchor"}, "store").roles == ["store_ops"]


@pytest.mark.parametrize(("cell", "titles"), [
    ("运营（中控、投流）", ["运营（中控、投流）"]),  # the brackets' list belongs to the title
    ("主播（兼职）、场控", ["主播（兼职）", "场控"]),
    ("DOU+投手、客服", ["DOU+投手", "客服"]),  # DOU+ is a channel
    ("中控+投手；客服", ["中控", "投手", "客服"]),
])
def test_a_cell_of_titles_splits_outside_brackets(cell: str, titles: list[str]) -> None:
    from douyin_team.team import split_roles
    from douyin_team.team.reading import split_titles

    assert split_titles(cell) == split_roles(cell) == titles


def test_a_bracketed_list_of_posts_is_read_whole_in_a_team(kb) -> None:  # type: ignore[no-untyped-def]
    from douyin_team.team import convert_team, resolve_team

    team = resolve_team(convert_team({"people": [
        {"name": "老板娘", "roles": "老板兼主播"},
        {"name": "小张", "roles": "运营（中控、投流）", "reports_to": "老板娘"}]}), kb)
    assert {"central_control", "ad_buyer"} <= set(team.people[1].posts)
    assert not [note for note in team.readings or [] if note.kind == "unknown"]  # no title read as unknown
