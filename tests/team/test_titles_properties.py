"""Property tests: no title, however odd, makes a team file, a CSV or an XLSX import — or the check — fail.
An unknown title keeps its person (with no known post) and leaves a note naming the title."""

from __future__ import annotations

import csv
import tempfile
from pathlib import Path

import openpyxl
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from douyin_team.checking import check_team
from douyin_team.knowledge import load_knowledge, normalize
from douyin_team.team import convert_team, dump_team, import_table, read_team, resolve_team
from douyin_team.team.reading import split_titles
from douyin_team.textpolicy import clean_text

KB = load_knowledge()
PRINTABLE = st.characters(blacklist_categories=("Cc", "Cs", "Co", "Cn", "Zl", "Zp"))
WORDS = st.sampled_from(["主播", "运营", "兼", "（", "）", "(", ")", "/", "、", "+", "兼职", "外包", "千川", "助理",
                         "主管", "打杂", "行政", "xx", "1", " ", "【", "】", "dou+", "总监", "随心推"])
TITLE = st.one_of(st.text(PRINTABLE, min_size=1, max_size=12), st.lists(WORDS, min_size=1, max_size=6).map("".join))
# Titles that still say something once the text policy has removed format and bidi characters (a title of
# nothing but those is a person without a title: a clear error, tested in tests/test_textpolicy.py).
TITLES = st.lists(TITLE.filter(lambda t: bool(split_titles(clean_text(t)))), min_size=1, max_size=6)
# Derandomized: the same examples on every run, so CI never depends on a lucky draw (new cases go in as examples).
PROPS = settings(max_examples=60, deadline=None, suppress_health_check=[HealthCheck.too_slow], derandomize=True)


def _people(titles: list[str]) -> list[dict[str, object]]:
    return [{"name": f"人{i + 1}", "roles": title} for i, title in enumerate(titles)]


def _kept(team, titles: list[str]) -> None:  # type: ignore[no-untyped-def]
    assert [p.name for p in team.people] == [f"人{i + 1}" for i in range(len(titles))]
    for person in team.people:
        assert all(r in KB.role for r in person.posts)
        assert person.posts or person.unknown_titles
    noted = [normalize(n.title) for n in team.readings or [] if n.kind in ("unknown", "outside")]
    for title in {t for p in team.people for t in p.unknown_titles}:  # the title, or a part of a noted title
        # (a job outside the team, 财务, is kept as written too: known, holding no post)
        assert any(normalize(title) in n for n in noted), title


def test_a_compound_title_with_an_unknown_part_reads_back_the_same(tmp_path: Path) -> None:
    team = resolve_team(convert_team({"people": _people(["主播", "0/运营", "xx"])}), KB)
    assert [p.unknown_titles for p in team.people] == [[], ["0"], ["xx"]]  # only the part nobody understood
    path = tmp_path / "team.yaml"
    path.write_text(dump_team(team, "yaml"), encoding="utf-8")
    assert read_team(path, KB).people == team.people


@PROPS
@given(TITLES)
def test_a_team_file_never_aborts_on_a_title(titles: list[str]) -> None:
    team = resolve_team(convert_team({"people": _people(titles)}), KB)
    _kept(team, titles)
    result = check_team(team, KB)
    assert {f.rule for f in result.findings} >= ({"title-unknown"} if any(p.unknown_titles for p in team.people) else set())
    with tempfile.TemporaryDirectory() as tmp:  # and the file the tool writes reads back the same
        path = Path(tmp) / "team.yaml"
        path.write_text(dump_team(team, "yaml"), encoding="utf-8")
        assert read_team(path, KB).people == team.people


@PROPS
@given(TITLES)
def test_a_csv_never_aborts_on_a_title(titles: list[str]) -> None:
    with tempfile.TemporaryDirectory() as tmp:
        path = Path(tmp) / "team.csv"
        with path.open("w", encoding="utf-8", newline="") as handle:
            writer = csv.writer(handle)
            writer.writerow(["姓名", "岗位"])
            writer.writerows([p["name"], p["roles"]] for p in _people(titles))
        team = import_table(str(path), KB)
    _kept(team, titles)


@PROPS
@given(TITLES)
def test_an_xlsx_never_aborts_on_a_title(titles: list[str]) -> None:
    with tempfile.TemporaryDirectory() as tmp:
        path = Path(tmp) / "team.xlsx"
        book = openpyxl.Workbook()
        book.active.append(["姓名", "岗位"])
        for p in _people(titles):
            book.active.append([p["name"], p["roles"]])
        book.save(path)
        team = import_table(str(path), KB)
    _kept(team, titles)


POST_IDS = st.sampled_from(sorted(KB.role))


@PROPS
@given(TITLES, st.dictionaries(TITLE.filter(lambda t: bool(clean_text(t).strip())),
                               st.lists(POST_IDS, min_size=1, max_size=3), max_size=4),
       st.lists(POST_IDS, min_size=1, max_size=3))
def test_taught_titles_never_abort_and_are_read_first(titles: list[str], taught: dict[str, list[str]],
                                                      first: list[str]) -> None:
    """Whatever a workspace taught (any title, any posts; always the first person's title among them), a team
    is read without failing, and a person whose whole title was taught holds exactly the taught posts."""
    taught = {**taught, titles[0]: first}
    team = resolve_team(convert_team({"people": _people(titles), "titles": taught}), KB)
    _kept(team, titles)
    lookup: dict[str, list[str]] = {}
    for t, posts in taught.items():  # as resolve_team keys them: the last of titles that read the same wins
        lookup[normalize(clean_text(t).strip())] = posts
    for person, title in zip(team.people, titles, strict=True):
        labels = split_titles(clean_text(title))  # a person's titles as read: 'A、' is the title A
        key = normalize(labels[0]) if len(labels) == 1 else None
        if key in lookup:
            assert set(person.posts) == set(lookup[key]) and not person.unknown_titles, title
    check_team(team, KB)
