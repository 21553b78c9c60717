"""Importing a team from CSV and XLSX: Chinese or English headers, row numbers in errors."""

from __future__ import annotations

import zipfile
from pathlib import Path

import openpyxl
import pytest

from douyin_team.errors import DouyinTeamError, MalformedFile
from douyin_team.team import import_table

ROWS = [
    ["姓名", "岗位", "上级", "部门", "月薪(元)", "每周工时"],
    ["老王", "老板、运营+投流", "", "管理", "20,000", "50"],
    ["小美", "主播", "老王", "直播组", "12000", "40"],
    ["", "", "", "", "", ""],
    ["小李", "副播/场控", "老王", "直播组", "8000", "44"],
]


def write_xlsx(path: Path, rows: list[list[str]], title_rows: int = 0) -> Path:
    book = openpyxl.Workbook()
    sheet = book.active
    for _ in range(title_rows):
        sheet.append(["2026年11月 团队名单"])
    for row in rows:
        sheet.append(row)
    book.save(path)
    return path


def write_csv(path: Path, rows: list[list[str]], encoding: str = "utf-8") -> Path:
    path.write_text("\n".join(",".join(f'"{c}"' if "," in c else c for c in r) for r in rows) + "\n", encoding=encoding)
    return path


def check_team(team) -> None:  # type: ignore[no-untyped-def]
    assert [p.name for p in team.people] == ["老王", "小美", "小李"]
    assert team.people[0].posts == ["team_lead", "live_ops", "store_ops", "ad_buyer"]  # 3 people: 运营 runs the shop too
    assert team.people[2].posts == ["assistant_anchor", "floor_control"]
    assert team.people[1].reports_to == "老王" and team.people[0].reports_to is None
    assert team.people[0].monthly_cost == 20_000 and team.people[2].hours == 44
    assert team.people[1].department == "直播组"


def test_xlsx_with_chinese_headers_below_a_title(tmp_path: Path, kb) -> None:  # type: ignore[no-untyped-def]
    check_team(import_table(str(write_xlsx(tmp_path / "team.xlsx", ROWS, title_rows=2)), kb))


def test_csv_utf8_and_gbk(tmp_path: Path, kb) -> None:  # type: ignore[no-untyped-def]
    check_team(import_table(str(write_csv(tmp_path / "team.csv", ROWS)), kb))
    check_team(import_table(str(write_csv(tmp_path / "gbk.csv", ROWS, "gbk")), kb))


def test_english_headers(tmp_path: Path, kb) -> None:  # type: ignore[no-untyped-def]
    rows = [["Name", "Roles", "Reports to", "Vacancy"], ["Ann", "host", "", ""], ["Bob", "live ops", "Ann", "yes"]]
    team = import_table(str(write_csv(tmp_path / "en.csv", rows)), kb)
    assert team.people[1].vacancy and team.people[1].posts == ["live_ops"]


def test_unknown_post_is_kept_with_the_nearest_posts(tmp_path: Path, kb) -> None:  # type: ignore[no-untyped-def]
    rows = [*ROWS[:3], ["小李", "主bo", "老王", "", "", ""]]
    team = import_table(str(write_xlsx(tmp_path / "t.xlsx", rows)), kb)
    person = team.people[-1]
    assert person.name == "小李" and person.posts == [] and person.unknown_titles == ["主bo"]
    note = next(n for n in team.readings or [] if n.kind == "unknown")
    assert note.people == ["小李"] and note.nearest[0] == "anchor"


def test_bad_number_names_the_row(tmp_path: Path, kb) -> None:  # type: ignore[no-untyped-def]
    rows = [*ROWS[:2], ["小美", "主播", "老王", "", "很多", ""]]
    with pytest.raises(DouyinTeamError, match="row 3: monthly_cost"):
        import_table(str(write_csv(tmp_path / "t.csv", rows)), kb)


def test_cycle_in_a_spreadsheet(tmp_path: Path, kb) -> None:  # type: ignore[no-untyped-def]
    rows = [["姓名", "岗位", "上级"], ["A", "主播", "B"], ["B", "运营", "A"]]
    with pytest.raises(DouyinTeamError, match="cycle"):
        import_table(str(write_csv(tmp_path / "t.csv", rows)), kb)


def test_missing_header(tmp_path: Path, kb) -> None:  # type: ignore[no-untyped-def]
    with pytest.raises(DouyinTeamError, match="姓名"):
        import_table(str(write_csv(tmp_path / "t.csv", [["foo", "bar"], ["1", "2"]])), kb)


def test_not_a_workbook(tmp_path: Path, kb) -> None:  # type: ignore[no-untyped-def]
    fake = tmp_path / "fake.xlsx"
    fake.write_text("this is not a zip")
    with pytest.raises(MalformedFile, match="not an XLSX"):
        import_table(str(fake), kb)


def test_zip_bomb_is_refused(tmp_path: Path, kb) -> None:  # type: ignore[no-untyped-def]
    bomb = tmp_path / "bomb.xlsx"
    with zipfile.ZipFile(bomb, "w", compression=zipfile.ZIP_DEFLATED) as archive:
        with archive.open("xl/worksheets/sheet1.xml", "w", force_zip64=True) as handle:
            chunk = b"0" * (1 << 20)
            for _ in range(210):
                handle.write(chunk)
    assert bomb.stat().st_size < 2_000_000
    with pytest.raises(MalformedFile, match="unpacks to"):
        import_table(str(bomb), kb)


def test_input_is_not_modified(tmp_path: Path, kb) -> None:  # type: ignore[no-untyped-def]
    path = write_xlsx(tmp_path / "team.xlsx", ROWS)
    before = path.read_bytes()
    import_table(str(path), kb)
    assert path.read_bytes() == before
