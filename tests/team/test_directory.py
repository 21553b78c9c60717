"""DingTalk, Feishu and WeCom address-book exports: a sample of each, built from the header line documented in
docs/directory-exports.md, imported as a team — several departments per person, department paths, managers,
titles read by the grammar, and no phone number kept."""

from __future__ import annotations

import re
from pathlib import Path

import openpyxl
import pytest

from douyin_team.team import dump_team, import_table
from douyin_team.team.directory import detect_directory

DOC = (Path(__file__).parents[2] / "docs" / "directory-exports.md").read_text(encoding="utf-8")
LAYOUTS = dict(re.findall(r"```csv (\w+)\n(.+?)\n```", DOC))
PEOPLE = [  # name, id, title, departments, manager, phone
    ("王总", "1001", "总经理", "总部", "", "13800000001"),
    ("小美", "1002", "带货主播", "总部/直播部/一组", "王总", "13800000002"),
    ("阿杰", "1003", "中控（兼客服）", "总部/直播部/一组；总部/客服部", "小美", "13800000003"),
    ("小敏", "1004", "客服主管", "总部/客服部", "王总", "13800000004"),
    ("张伟", "1005", "仓库管理员", "总部/仓储部", "外部的人", "13800000005"),
    ("张伟", "1006", "", "总部/仓储部", "小敏", "13800000006"),
]
FIELDS = {"姓名": 0, "工号": 1, "员工UserID": 1, "用户ID": 1, "帐号": 1, "职位": 2, "职务": 2, "部门": 3,
          "直属主管": 4, "直属上级": 4, "手机": 5, "手机号": 5}


def _rows(layout: str) -> list[list[str]]:
    header = LAYOUTS[layout].split(",")
    body = [[person[FIELDS[h]] if h in FIELDS else "" for h in header] for person in PEOPLE]
    if layout == "wecom":  # WeCom writes several departments with ';'
        body = [[c.replace("；", ";") for c in row] for row in body]
    return [["通讯录导出（仅供内部使用）"], [], header, *body]


def _write(tmp_path: Path, layout: str, suffix: str) -> Path:
    path = tmp_path / f"{layout}{suffix}"
    rows = _rows(layout)
    if suffix == ".xlsx":
        book = openpyxl.Workbook()
        for row in rows:
            book.active.append(row)
        book.save(path)
    else:
        path.write_text("\n".join(",".join(row) for row in rows) + "\n", encoding="utf-8")
    return path


def test_the_doc_documents_three_layouts() -> None:
    assert set(LAYOUTS) == {"dingtalk", "feishu", "wecom"}


@pytest.mark.parametrize("layout", ["dingtalk", "feishu", "wecom"])
def test_each_export_is_detected_by_its_header(layout: str) -> None:
    found = detect_directory(_rows(layout))
    assert found is not None and found.layout.id == layout and found.header == 2


def test_an_ordinary_table_is_not_an_export() -> None:
    assert detect_directory([["姓名", "岗位", "上级", "部门"], ["老王", "老板", "", "管理"]]) is None


@pytest.mark.parametrize("suffix", [".xlsx", ".csv"])
@pytest.mark.parametrize("layout", ["dingtalk", "feishu", "wecom"])
def test_an_export_imports_as_a_team(layout: str, suffix: str, tmp_path: Path, kb) -> None:  # type: ignore[no-untyped-def]
    team = import_table(str(_write(tmp_path, layout, suffix)), kb)
    people = {p.name: p for p in team.people}
    assert list(people) == ["王总", "小美", "阿杰", "小敏", "张伟（1005）", "张伟（1006）"]
    assert people["王总"].posts == ["team_lead"] and people["小美"].posts == ["anchor"]
    assert people["阿杰"].posts == ["central_control", "customer_service"]
    assert people["阿杰"].department == "总部/直播部/一组；总部/客服部"
    assert people["阿杰"].reports_to == "小美" and people["张伟（1005）"].reports_to is None
    assert people["张伟（1006）"].posts == [] and people["张伟（1006）"].unknown_titles == ["（未填职位）"]
    assert "13800000" not in dump_team(team, "yaml")  # phone numbers are never kept


def test_ops_is_read_for_the_ecommerce_team_not_the_whole_company(tmp_path: Path, kb) -> None:  # type: ignore[no-untyped-def]
    """A DingTalk export of a small company: 运营 and 客服 run the shop, finance, admin and the driver sit beside
    them. The 运营 reading counts the two of the e-commerce team (it covers live and store work, as in any
    two-person shop), not the five of the company (which read it as store ops only)."""
    header = LAYOUTS["dingtalk"].split(",")
    company = [("小李", "2001", "运营", "总部/电商部", "", ""), ("小王", "2002", "客服", "总部/电商部", "小李", ""),
               ("王会计", "2003", "财务", "总部/财务部", "", ""), ("张姐", "2004", "行政", "总部/行政部", "", ""),
               ("老刘", "2005", "司机", "总部/行政部", "张姐", "")]
    path = tmp_path / "company.csv"
    path.write_text("\n".join(",".join(row) for row in [
        header, *([person[FIELDS[h]] if h in FIELDS else "" for h in header] for person in company)]) + "\n",
        encoding="utf-8")
    team = import_table(str(path), kb)
    assert team.headcount() == 2 and team.outside_people() == {"王会计", "张姐", "老刘"}
    people = {p.name: p for p in team.people}
    assert people["小李"].posts == ["live_ops", "store_ops"]  # was ['store_ops']: the company's 5 counted
    ops = next(n for n in team.readings or [] if n.kind == "ops")
    assert ops.why is not None and "团队只有2人" in ops.why.zh and "has 2 people" in ops.why.en
