"""Hostile text through every command and output format (issue 17): refused text exits 2 with one line naming
the field; every other string comes out of every renderer well-formed (XML parsed, DOT read by Graphviz)."""

from __future__ import annotations

import json
import os
import subprocess
import xml.etree.ElementTree as ET
from pathlib import Path
from typing import Any

import pytest
import yaml
from openpyxl import load_workbook

from douyin_team.cli import main
from hostile import REFUSED, SURVIVING, hostile_team, leftovers, with_text

CHART_FORMATS = ("svg", "png", "pdf", "html", "json", "mmd", "dot", "drawio")
KIT_FORMATS = ("xlsx", "md", "html", "pdf")
TITLE = "".join(SURVIVING.values())


@pytest.fixture(scope="module")
def team_file(tmp_path_factory: pytest.TempPathFactory) -> Path:
    path = tmp_path_factory.mktemp("hostile") / "team.json"
    path.write_text(json.dumps(hostile_team()), encoding="utf-8")  # escapes (\u0001 …): JSON carries them all
    return path


def permissive_markdown() -> Any:
    """A Markdown renderer that keeps every link as written (markdown-it drops javascript: ones itself; a
    viewer may not), so a live link in our output shows as an href."""
    from markdown_it import MarkdownIt

    md = MarkdownIt("commonmark").enable("table")
    md.validateLink = lambda _url: True
    return md


def well_formed(fmt: str, data: bytes) -> None:
    """Parse the output as its format's real reader would (XML parser, Graphviz, openpyxl, JSON)."""
    if fmt in ("svg", "drawio"):
        ET.fromstring(data)
    elif fmt == "dot":
        done = subprocess.run(["dot", "-Tsvg"], input=data, capture_output=True, timeout=60, check=False)
        assert done.returncode == 0, done.stderr.decode()
        ET.fromstring(done.stdout)
    elif fmt == "json":
        json.loads(data)
    elif fmt == "png":
        assert data[:8] == b"\x89PNG\r\n\x1a\n"
    elif fmt == "pdf":
        assert data[:5] == b"%PDF-" and b"%%EOF" in data[-1024:]
    elif fmt == "xlsx":
        import io

        book = load_workbook(io.BytesIO(data))
        cells = [str(c) for ws in book.worksheets for row in ws.iter_rows(values_only=True) for c in row if c]
        assert not leftovers("".join(cells))
    elif fmt == "md":  # rendered as a Markdown viewer would: a name like [x](javascript:…) is no link
        html = permissive_markdown().render(data.decode("utf-8"))
        assert "javascript:" in html and 'href="javascript:' not in html
    if fmt in ("svg", "drawio", "dot", "json", "mmd", "html", "md"):
        assert not leftovers(data.decode("utf-8")), fmt


@pytest.mark.parametrize("fmt", CHART_FORMATS)
def test_chart_of_a_hostile_team_is_well_formed_in_every_format(team_file: Path, tmp_path: Path, fmt: str,
                                                                capsys: pytest.CaptureFixture[str]) -> None:
    out = tmp_path / f"chart.{fmt}"
    assert main(["chart", str(team_file), "-o", str(out), "--title", TITLE, "--date", "2026\x01-12\u202e-01"]) == 0
    well_formed(fmt, out.read_bytes())


@pytest.mark.parametrize("fmt", KIT_FORMATS)
def test_kit_of_a_hostile_team_is_well_formed_in_every_format(team_file: Path, tmp_path: Path, fmt: str) -> None:
    out = tmp_path / f"kit.{fmt}"
    assert main(["kit", str(team_file), "-o", str(out), "--date", "2026-12-01\x1b"]) == 0
    well_formed(fmt, out.read_bytes())


@pytest.mark.parametrize("fmt", ["text", "json", "yaml", "markdown"])
def test_check_and_plan_of_hostile_text(team_file: Path, tmp_path: Path, fmt: str,
                                        capsys: pytest.CaptureFixture[str]) -> None:
    assert main(["check", str(team_file), "--format", fmt]) in (0, 1)
    out = capsys.readouterr().out
    assert not leftovers(out)
    if fmt == "yaml":  # what check writes reads back as a team file
        assert yaml.safe_load(out)["merchant"] == "AB]]><!--gnp.exe"
    assert main(["plan", "--sales", "300000", "--merchant", TITLE, "--format", fmt]) == 0
    assert not leftovers(capsys.readouterr().out)
    plan_png = tmp_path / "plan.png"
    assert main(["plan", "--sales", "300000", "--merchant", TITLE, "-o", str(plan_png)]) == 0
    well_formed("png", plan_png.read_bytes())


@pytest.mark.parametrize("kind", sorted(REFUSED))
@pytest.mark.parametrize("where", ["merchant", "name", "department", "roles", "reports_to"])
def test_refused_text_in_a_team_file_exits_2_naming_the_field(tmp_path: Path, kind: str, where: str,
                                                              capsys: pytest.CaptureFixture[str]) -> None:
    path = tmp_path / "team.json"
    path.write_text(json.dumps(with_text(REFUSED[kind], where)), encoding="utf-8")
    for command in (["check", str(path)], ["chart", str(path), "-o", str(tmp_path / "c.svg")],
                    ["kit", str(path), "-o", str(tmp_path / "k.xlsx")]):
        assert main(command) == 2, command
        err = capsys.readouterr().err
        assert err.count("\n") == 1 and "不允许" in err and (where if where == "merchant" else "第2个人") in err, err


@pytest.mark.parametrize("option", ["--title", "--date"])
def test_a_lone_surrogate_in_an_option_exits_2(tmp_path: Path, option: str, capsys: pytest.CaptureFixture[str]) -> None:
    path = tmp_path / "team.yaml"
    path.write_text(yaml.safe_dump(with_text("", "merchant"), allow_unicode=True), encoding="utf-8")
    # A non-UTF-8 byte in argv reaches Python as a lone surrogate (surrogateescape).
    assert main(["chart", str(path), "-o", str(tmp_path / "c.svg"), option, "bad\udcff"]) == 2
    assert option in capsys.readouterr().err
    assert main(["plan", "--sales", "1", "--merchant", "x\udcff"]) == 2
    assert "--merchant" in capsys.readouterr().err


def test_import_strips_control_characters_from_a_spreadsheet(tmp_path: Path) -> None:
    table = tmp_path / "team.csv"
    table.write_text("姓名,岗位,上级,部门\n老周,老板,,总\x01部\n小雅\u202e,主播,老周,直\x1b播组\n", encoding="utf-8")
    out = tmp_path / "team.yaml"
    assert main(["import", str(table), "-o", str(out)]) == 0
    people = yaml.safe_load(out.read_text(encoding="utf-8"))["people"]
    assert [(p["name"], p.get("department")) for p in people] == [("老周", "总部"), ("小雅", "直播组")]


def deep(levels: int) -> str:
    return '{"people": ' + "[" * levels + "1" + "]" * levels + "}"


@pytest.mark.parametrize("content", [deep(1000), deep(40), '{"people": [], "x": ' + "1" * 5000 + "}",
                                     "people:\n - {name: a, roles: 主播, hours: " + "9" * 5000 + "}\n"],
                         ids=["nested-1000", "nested-40", "json-5000-digits", "yaml-5000-digits"])
def test_absurd_json_and_yaml_exit_2_in_every_command(tmp_path: Path, content: str,
                                                      capsys: pytest.CaptureFixture[str]) -> None:
    path = tmp_path / ("team.yaml" if content.startswith("people") else "team.json")
    path.write_text(content, encoding="utf-8")
    good = tmp_path / "good.yaml"
    good.write_text(yaml.safe_dump(with_text("", "merchant"), allow_unicode=True), encoding="utf-8")
    for argv in (["check", str(path)], ["compare", str(path), str(good)], ["compare", str(good), str(path)],
                 ["staff", "--plan", str(good), "--roster", str(path)], ["chart", str(path), "-o", str(tmp_path / "c.svg")]):
        assert main(argv) == 2, argv
        err = capsys.readouterr().err
        assert err.count("\n") == 1 and str(path) in err, err


def test_devices_and_pipes_are_read_with_the_cap(capsys: pytest.CaptureFixture[str]) -> None:
    assert main(["check", "/dev/zero"]) == 2
    assert "上限" in capsys.readouterr().err


def test_a_pipe_of_a_team_file_is_read(tmp_path: Path) -> None:
    fifo = tmp_path / "team.fifo"
    os.mkfifo(fifo)
    text = yaml.safe_dump(with_text("", "merchant"), allow_unicode=True).encode()
    writer = subprocess.Popen(["sh", "-c", f"cat > '{fifo}'"], stdin=subprocess.PIPE)
    try:
        writer.stdin.write(text)  # type: ignore[union-attr]
        writer.stdin.close()  # type: ignore[union-attr]
        assert main(["check", str(fifo), "--format", "json"]) in (0, 1)
    finally:
        writer.wait(timeout=30)


def test_argparse_errors_are_one_line(capsys: pytest.CaptureFixture[str]) -> None:
    for argv in (["plan", "--sales", "abc"], ["chart"], ["frobnicate"], ["check", "x", "--format", "pdf"]):
        with pytest.raises(SystemExit) as exit_:
            main(argv)
        err = capsys.readouterr().err
        assert exit_.value.code == 2 and err.count("\n") == 1 and "--help" in err, err


def test_a_utf16_csv_with_its_bom_is_imported(tmp_path: Path) -> None:
    table = tmp_path / "team.csv"
    table.write_bytes("姓名\t岗位\n老周\t老板\n小雅\t主播\n".encode("utf-16"))  # Excel's "Unicode text"
    out = tmp_path / "team.yaml"
    assert main(["import", str(table), "-o", str(out)]) == 0
    assert [p["name"] for p in yaml.safe_load(out.read_text(encoding="utf-8"))["people"]] == ["老周", "小雅"]


def test_compare_in_markdown_keeps_no_live_link(team_file: Path, capsys: pytest.CaptureFixture[str]) -> None:
    assert main(["compare", str(team_file), str(team_file), "--format", "markdown"]) == 0
    html = permissive_markdown().render(capsys.readouterr().out)
    assert 'href="javascript:' not in html
