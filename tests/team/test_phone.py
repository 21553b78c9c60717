"""Phone numbers (issue 14): personal data left out of an import unless asked for (`import --keep-phone`,
the page's 保留手机号), then kept in the team file and checked — digits, +, - and spaces — with an error in
Chinese (English with --lang en) naming the row and the column."""

from __future__ import annotations

from pathlib import Path

import pytest
from test_directory import PEOPLE, _write

from douyin_team.cli.main import main
from douyin_team.errors import InvalidValue
from douyin_team.team import convert_team, dump_team, import_table, read_team, resolve_team

# How people write phone numbers in team lists and address books, and what the team file keeps.
WRITTEN = [
    ("13800138000", "13800138000"),
    ("138 0013 8000", "138 0013 8000"),
    ("138-0013-8000", "138-0013-8000"),
    ("+86 138 0013 8000", "+86 138 0013 8000"),
    ("+86-13800138000", "+86-13800138000"),
    ("  139  0000   0000 ", "139 0000 0000"),  # spaces tidied
    ("010-8888 6666", "010-8888 6666"),  # a landline with its area code
    ("0755-26668888", "0755-26668888"),
    ("400-800-8888", "400-800-8888"),
    ("+852 9123 4567", "+852 9123 4567"),
    ("１３８００１３８０００", "13800138000"),  # typed with a Chinese input method's full-width digits
    ("＋86－138－0013－8000", "+86-138-0013-8000"),
]
REFUSED = ["打电话", "138****8000", "138.0013.8000", "(010) 88886666", "13800138000 转 801", "1", "+", "--",
           "8613800138000@qq.com", "+86+138", "tel:13800138000", "138〇〇13８000"]


def _csv(tmp_path: Path, phones: list[str]) -> Path:
    names = ["老周", "小雅", "小美", "阿杰"]
    roles = ["负责人", "主播", "运营", "中控"]
    lines = ["姓名,岗位,上级,手机"] + [f"{n},{r},{'' if i == 0 else '老周'},{p}"
                                      for i, (n, r, p) in enumerate(zip(names, roles, phones, strict=False))]
    path = tmp_path / "team.csv"
    path.write_text("\n".join(lines) + "\n", encoding="utf-8")
    return path


def test_an_import_leaves_phones_out_unless_asked(tmp_path: Path, kb) -> None:  # type: ignore[no-untyped-def]
    path = _csv(tmp_path, ["13800138000", "139 0000 0000", "", "+86-137-0000-0000"])
    plain = import_table(str(path), kb)
    assert all(p.phone is None for p in plain.people) and "1380013" not in dump_team(plain, "yaml")
    kept = import_table(str(path), kb, keep_phone=True)
    assert [p.phone for p in kept.people] == ["13800138000", "139 0000 0000", None, "+86-137-0000-0000"]
    assert "phone: '13800138000'" in dump_team(kept, "yaml") or "phone: 13800138000" in dump_team(kept, "yaml")


@pytest.mark.parametrize(("written", "kept"), WRITTEN)
def test_phones_as_people_write_them_are_kept(written: str, kept: str, kb) -> None:  # type: ignore[no-untyped-def]
    team = resolve_team(convert_team({"people": [{"name": "老周", "roles": "负责人", "phone": written}]}), kb)
    assert team.people[0].phone == kept


@pytest.mark.parametrize("written", REFUSED)
def test_a_wrong_phone_names_the_row_and_the_column(written: str, tmp_path: Path, kb) -> None:  # type: ignore[no-untyped-def]
    path = _csv(tmp_path, ["13800138000", "139 0000 0000", written])
    with pytest.raises(InvalidValue) as caught:
        import_table(str(path), kb, keep_phone=True)
    zh, en = caught.value.render("zh"), caught.value.render("en")
    assert "team.csv：第4行：手机号：“" in zh and "不是电话号码" in zh and "\n" not in zh
    assert "提示：只能写数字、+、- 和空格" in zh
    assert "team.csv: row 4: phone: '" in en and "is not a phone number" in en
    assert import_table(str(path), kb).people[2].phone is None  # not asked for: not read, so no error


def test_a_team_file_with_a_wrong_phone_names_its_line(tmp_path: Path, kb) -> None:  # type: ignore[no-untyped-def]
    path = tmp_path / "team.yaml"
    path.write_text("people:\n  - name: 老周\n    roles: 负责人\n  - name: 小雅\n    roles: 主播\n    phone: 找前台\n",
                    encoding="utf-8")
    with pytest.raises(InvalidValue) as caught:
        read_team(path, kb)
    assert caught.value.render("zh").endswith("team.yaml:6：第2个人（小雅）的手机号：“找前台”不是电话号码"
                                         "（提示：只能写数字、+、- 和空格，例如 +86 138 0013 8000）")


@pytest.mark.parametrize("layout", ["dingtalk", "feishu", "wecom"])
def test_directory_exports_keep_phones_only_when_asked(layout: str, tmp_path: Path, kb) -> None:  # type: ignore[no-untyped-def]
    path = str(_write(tmp_path, layout, ".xlsx"))
    assert "13800000" not in dump_team(import_table(path, kb), "yaml")
    kept = {p.name: p.phone for p in import_table(path, kb, keep_phone=True).people}
    assert kept["王总"] == PEOPLE[0][5] and kept["张伟（1006）"] == PEOPLE[5][5]


def test_the_cli_keeps_phones_with_keep_phone(tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    path = _csv(tmp_path, ["13800138000", "139 0000 0000"])
    assert main(["import", str(path)]) == 0
    assert "13800138000" not in capsys.readouterr().out
    assert main(["import", str(path), "--keep-phone"]) == 0
    out = capsys.readouterr().out
    assert "13800138000" in out and "139 0000 0000" in out
    bad = _csv(tmp_path, ["13800138000", "问老周"])
    assert main(["import", str(bad), "--keep-phone"]) == 2
    err = capsys.readouterr().err.strip()
    assert err.endswith("team.csv：第3行：手机号：“问老周”不是电话号码（提示：只能写数字、+、- 和空格，例如 +86 138 0013 8000）")
    assert len(err.splitlines()) == 1


def test_charts_and_kits_never_print_a_phone(tmp_path: Path, kb) -> None:  # type: ignore[no-untyped-def]
    from douyin_team.chart import ChartOptions, build_chart
    from douyin_team.chart.render import render
    from douyin_team.kit import build_kit
    from douyin_team.kit.render import render_kit

    team = import_table(str(_csv(tmp_path, ["13800138000", "139 0000 0000", "137-1111-2222", "+86 136 3333 4444"])),
                        kb, keep_phone=True)
    assert [p.phone for p in team.people][0] == "13800138000"
    for fmt in ("svg", "mmd", "drawio", "json"):
        out = render(build_chart(team, kb, "novice", ChartOptions()), fmt)
        text = out if isinstance(out, str) else out.decode()
        assert not any(d in text for d in ("13800138000", "0000 0000", "1111-2222", "3333 4444")), fmt
    kit = render_kit(build_kit(team, kb, "novice"), "md")
    assert isinstance(kit, str) and "13800138000" not in kit and "3333 4444" not in kit
