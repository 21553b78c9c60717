"""Hostile spreadsheets (issue 17): a sheet is read as it really is, whatever its declared dimension says,
within caps on rows, columns, cells and unpacked bytes; XML with a DOCTYPE (entities) is refused."""

from __future__ import annotations

import tracemalloc
from pathlib import Path

import openpyxl
import pytest

from douyin_team.cli import main
from douyin_team.errors import InvalidValue, MalformedFile
from douyin_team.team import import_table, read_roster
from douyin_team.team.xlsxread import MAX_COLUMNS, sheet_rows
from hostile import EXTERNAL, LAUGHS, NS, cell, row, write_book

HEADER = row(1, "姓名", "岗位", "上级")


def test_a_dimension_smaller_than_the_data_loses_no_row(tmp_path: Path, kb) -> None:  # type: ignore[no-untyped-def]
    rows = HEADER + row(2, "老板", "老板") + "".join(row(n, f"主播{n}", "主播", "老板") for n in range(3, 40_003))
    path = write_book(tmp_path / "short.xlsx", rows, dimension="A1:C3")
    team = import_table(str(path), kb)
    assert len(team.people) == 40_001 and team.people[-1].name == "主播40002"


def test_a_dimension_bomb_costs_what_its_real_cells_cost(tmp_path: Path, kb) -> None:  # type: ignore[no-untyped-def]
    rows = HEADER + row(2, "老板", "老板") + row(8000, "小雅", "主播", "老板")
    path = write_book(tmp_path / "bomb.xlsx", rows, dimension="A1:XFD1048576")
    assert path.stat().st_size < 5_000
    tracemalloc.start()
    try:
        team = import_table(str(path), kb)
        peak = tracemalloc.get_traced_memory()[1]
    finally:
        tracemalloc.stop()
    assert [p.name for p in team.people] == ["老板", "小雅"]
    assert peak < 20 * 1024 * 1024  # was 1.1 GB: openpyxl padded 8,000 rows to 16,384 cells each


def test_rows_keep_their_numbers_in_errors(tmp_path: Path, kb) -> None:  # type: ignore[no-untyped-def]
    rows = HEADER + row(2, "老板", "老板") + row(8000, "小雅", "宇航员", "老板")
    team = import_table(str(write_book(tmp_path / "t.xlsx", rows)), kb)  # an unknown title is kept, not an error
    assert [p.name for p in team.people] == ["老板", "小雅"] and team.people[1].unknown_titles == ["宇航员"]


def test_data_past_the_row_and_column_limits_is_a_clear_error(tmp_path: Path, kb) -> None:  # type: ignore[no-untyped-def]
    far_down = write_book(tmp_path / "down.xlsx", HEADER + row(1_048_576, "小雅", "主播"))
    with pytest.raises(InvalidValue, match="row 1048576, past the 200050-row limit"):
        import_table(str(far_down), kb)
    far_right = write_book(tmp_path / "right.xlsx", HEADER + '<row r="2">' + cell("XFD2", "x") + "</row>")
    with pytest.raises(InvalidValue, match=f"column 16384, past the {MAX_COLUMNS}-column limit"):
        import_table(str(far_right), kb)
    # Empty formatted rows and cells far away are no data: they cost nothing and raise nothing.
    styled = HEADER + row(2, "老板", "老板") + '<row r="1048576" ht="20" customHeight="1"><c r="XFD1048576" s="1"/></row>'
    assert len(import_table(str(write_book(tmp_path / "styled.xlsx", styled)), kb).people) == 1


@pytest.mark.parametrize("prolog", [EXTERNAL, LAUGHS], ids=["external-entity", "billion-laughs"])
def test_a_doctype_is_refused_in_the_sheet_and_the_shared_strings(tmp_path: Path, kb, prolog: str,  # type: ignore[no-untyped-def]
                                                                 capsys: pytest.CaptureFixture[str]) -> None:
    entity = "&xxe;" if "xxe" in prolog else "&j;"
    path = write_book(tmp_path / "dtd.xlsx", HEADER + row(2, entity, "主播"), prolog=prolog)
    with pytest.raises(MalformedFile, match="DOCTYPE"):
        import_table(str(path), kb)
    strings = f'<?xml version="1.0"?>{prolog}<sst {NS}><si><t>{entity}</t></si></sst>'
    shared = write_book(tmp_path / "sst.xlsx", HEADER + '<row r="2"><c r="A2" t="s"><v>0</v></c></row>', strings=strings)
    with pytest.raises(MalformedFile, match="DOCTYPE"):
        import_table(str(shared), kb)
    for argv in (["import", str(path)], ["staff", "--plan", str(path), "--roster", str(shared)]):
        assert main(argv) == 2
        assert capsys.readouterr().err.count("\n") == 1


def test_a_roster_spreadsheet_is_read_the_same_way(tmp_path: Path, kb) -> None:  # type: ignore[no-untyped-def]
    rows = row(1, "姓名", "技能") + row(2, "小雅", "主播5") + row(9, "阿杰", "场控4")
    roster = read_roster(str(write_book(tmp_path / "roster.xlsx", rows, dimension="A1:B2")), kb)
    assert [c.name for c in roster.people] == ["小雅", "阿杰"]


def test_what_openpyxl_writes_reads_alike(tmp_path: Path) -> None:
    book = openpyxl.Workbook()
    sheet = book.active
    sheet.title = "团队"
    sheet.append(["姓名", "月薪", "待招聘", "工时"])
    sheet.append(["小雅", 12000, True, 40.5])
    sheet["F5"] = "远处"
    book.create_sheet("第二页").append(["别的"])
    book.save(tmp_path / "book.xlsx")
    rows = sheet_rows(str(tmp_path / "book.xlsx"), None, 100)
    assert rows == [["姓名", "月薪", "待招聘", "工时"], ["小雅", "12000", "True", "40.5"], [], [],
                    ["", "", "", "", "", "远处"]]
    assert sheet_rows(str(tmp_path / "book.xlsx"), "第二页", 100) == [["别的"]]
    with pytest.raises(InvalidValue, match="no sheet named"):
        sheet_rows(str(tmp_path / "book.xlsx"), "没有", 100)
