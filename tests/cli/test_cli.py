"""The `douyin-team` command: output contract, exit codes, and one-line errors for bad input."""

from __future__ import annotations

import json
import os
import subprocess
import sys
from pathlib import Path

import jsonschema
import pytest
import yaml

from douyin_team.cli import build_parser, main

BIN = Path(sys.executable).parent / "douyin-team"


def run(capsys, *argv: str) -> tuple[int, str, str]:  # type: ignore[no-untyped-def]
    code = main(list(argv))
    out, err = capsys.readouterr()
    return code, out, err


def test_plan_json_follows_the_output_contract(capsys) -> None:  # type: ignore[no-untyped-def]
    code, out, _ = run(capsys, "plan", "--sales", "2500000", "--format", "json")
    data = json.loads(out)
    assert code == 0 and data["stage"] == "mature"
    for person in data["people"]:
        assert set(person) >= {"name", "roles", "reports_to", "vacancy"}
        assert isinstance(person["roles"], list)
    assert all(set(g) >= {"id", "positions"} for g in data["groups"])
    assert all(set(f) >= {"rule", "severity", "message"} for f in data["findings"])
    assert not [f for f in data["findings"] if f["severity"] == "error"]


def test_plan_written_edited_and_checked_again(tmp_path: Path, capsys) -> None:  # type: ignore[no-untyped-def]
    plan = tmp_path / "plan.yaml"
    assert run(capsys, "plan", "--sales", "300000", "-o", str(plan))[0] == 0
    assert run(capsys, "check", str(plan))[0] == 0
    data = yaml.safe_load(plan.read_text(encoding="utf-8"))
    data["people"][0]["roles"] = ["live_ops", "floor_control"]  # a hand edit that breaks the mature rules
    edited = tmp_path / "edited.yaml"
    edited.write_text(yaml.safe_dump(data, allow_unicode=True), encoding="utf-8")
    code, out, _ = run(capsys, "check", str(edited), "--stage", "mature", "--format", "json")
    assert code == 1
    assert "mature-no-ops-as-floor-control" in [f["rule"] for f in json.loads(out)["findings"]]


def test_check_exit_codes(tmp_path: Path, capsys) -> None:  # type: ignore[no-untyped-def]
    cases = Path(__file__).parents[1] / "cases"
    good = yaml.safe_load((cases / "mature-no-ops-as-floor-control.yaml").read_text(encoding="utf-8"))
    for key, expected in (("good", 0), ("bad", 1)):
        path = tmp_path / f"{key}.yaml"
        path.write_text(yaml.safe_dump(good[key], allow_unicode=True), encoding="utf-8")
        assert run(capsys, "check", str(path))[0] == expected
    bad = tmp_path / "broken.yaml"
    bad.write_text("people: [", encoding="utf-8")
    code, out, err = run(capsys, "check", str(bad))
    assert code == 2 and out == "" and err.count("\n") == 1 and str(bad) in err


def test_check_reads_a_spreadsheet_roster_and_takes_the_sales(tmp_path: Path, capsys) -> None:  # type: ignore[no-untyped-def]
    """A merchant checks the roster they keep (CSV with everyday titles) without importing it first, saying the
    month's sales on the command line; the file is left as it was; a bad row is one line naming it."""
    roster = tmp_path / "团队.csv"
    text = "姓名,职位,上级,月薪\n王姐,老板,,\n小李,带货主播,王姐,9000\n阿强,运营兼投放,王姐,10000\n小红,客服+打包,王姐,5000\n"
    roster.write_text(text, encoding="utf-8")
    code, out, _ = run(capsys, "check", str(roster), "--sales", "200000", "--format", "json")
    data = json.loads(out)
    assert code == 1 and data["diagnosis"]["stage"] == "growth" and data["monthly_sales"] == 200000
    assert [p["roles"] for p in data["people"]] == [["team_lead"], ["anchor"], ["live_ops", "store_ops", "ad_buyer"],
                                                    ["customer_service", "fulfillment"]]
    assert run(capsys, "check", str(roster), "--format", "json")[0] == 1  # no sales: the stage from the size
    assert roster.read_text(encoding="utf-8") == text
    roster.write_text(text + "阿花,宇航员,不存在的人,\n", encoding="utf-8")
    code, out, err = run(capsys, "check", str(roster))
    assert code == 2 and out == "" and err.count("\n") == 1 and "第6行" in err


def test_check_takes_the_facts_a_roster_cannot_hold_from_flags(tmp_path: Path, capsys) -> None:  # type: ignore[no-untyped-def]
    """A spreadsheet has no place for paid traffic, live hours or shipping: the assumption hints name the flags,
    and the flags make the check judge the real facts (the ad buyer checked, the host's hours counted)."""
    roster = tmp_path / "团队.csv"
    roster.write_text("姓名,职位,上级\n王姐,老板,\n小李,带货主播,王姐\n小红,客服+打包,王姐\n", encoding="utf-8")
    code, out, _ = run(capsys, "check", str(roster), "--sales", "200000", "--format", "json")
    assumed = [f["message"] for f in json.loads(out)["findings"] if f["rule"] == "assumed-facts"]
    assert any("--no-ads 或 --ads" in m for m in assumed) and any("--live-hours" in m for m in assumed)
    code, out, _ = run(capsys, "check", str(roster), "--sales", "200000", "--ads", "--live-hours", "12",
                       "--fulfilment", "cloud", "--format", "json")
    data = json.loads(out)
    assert (data["ads"], data["live_hours"], data["fulfilment"]) == (True, 12, "cloud")
    rules = {f["rule"] for f in data["findings"]}
    assert "assumed-facts" not in rules and {"paid-traffic-owner", "live-hours-per-host"} <= rules, rules
    with pytest.raises(SystemExit) as stop:
        main(["check", str(roster), "--ads", "--no-ads"])
    err = capsys.readouterr().err
    assert stop.value.code == 2 and "不能和参数--ads同时使用" in err and err.count("\n") == 1


@pytest.mark.parametrize("fmt", ["text", "json", "yaml", "markdown"])
@pytest.mark.parametrize("lang", ["zh", "en"])
def test_every_format_and_language(capsys, fmt: str, lang: str) -> None:  # type: ignore[no-untyped-def]
    code, out, _ = run(capsys, "plan", "--sales", "60000", "--format", fmt, "--lang", lang)
    assert code == 0 and out.strip()
    if fmt == "json":
        json.loads(out)
    if fmt == "yaml":
        yaml.safe_load(out)
    if fmt in ("text", "markdown"):
        assert ("新手" in out) == (lang == "zh") and ("Newcomer" in out) == (lang == "en")


def test_output_format_from_the_suffix(tmp_path: Path, capsys) -> None:  # type: ignore[no-untyped-def]
    for name in ("p.json", "p.yaml", "p.md", "p.txt"):
        assert run(capsys, "plan", "--sales", "60000", "-o", str(tmp_path / name))[0] == 0
    json.loads((tmp_path / "p.json").read_text(encoding="utf-8"))
    assert (tmp_path / "p.md").read_text(encoding="utf-8").startswith("# ")
    code, _, err = run(capsys, "plan", "--sales", "60000", "-o", str(tmp_path / "p.docx"))
    assert code == 2 and "p.docx" in err and ".json" in err


def test_never_overwrites_the_input(tmp_path: Path, capsys) -> None:  # type: ignore[no-untyped-def]
    team = tmp_path / "team.yaml"
    team.write_text("people:\n - {name: A, roles: [主播]}\n", encoding="utf-8")
    before = team.read_bytes()
    code, _, err = run(capsys, "check", str(team), "-o", str(team))
    assert code == 2 and "overwrite" in err and team.read_bytes() == before


def test_roles_explain_schema(capsys) -> None:  # type: ignore[no-untyped-def]
    code, out, _ = run(capsys, "roles")
    assert code == 0 and "直播前" in out and "GPM" in out and out.count("(") >= 16
    code, out, _ = run(capsys, "roles", "副播", "--lang", "en")
    assert code == 0 and "assistant_anchor" in out
    code, out, _ = run(capsys, "explain", "mature-no-ops-as-floor-control")
    assert code == 0 and "seed" in out and "vsaren" in out and "tests/cases/mature-no-ops-as-floor-control.yaml" in out
    code, _, err = run(capsys, "explain", "mature-no-ops-floor")
    assert code == 2 and "mature-no-ops-as-floor-control" in err
    code, out, _ = run(capsys, "schema")
    assert code == 0 and json.loads(out)["title"] == "douyin-team team file"


def test_schema_validates_plans_and_rejects_junk(capsys) -> None:  # type: ignore[no-untyped-def]
    schema = json.loads(run(capsys, "schema")[1])
    plan = json.loads(run(capsys, "plan", "--sales", "300000", "--format", "json")[1])
    jsonschema.validate(plan, schema)
    with pytest.raises(jsonschema.ValidationError):
        jsonschema.validate({"people": [{"name": "A", "roles": ["x"], "hours": -1}]}, schema)


def test_import_writes_a_team_file(tmp_path: Path, capsys) -> None:  # type: ignore[no-untyped-def]
    csv = tmp_path / "team.csv"
    csv.write_text("姓名,岗位,上级\n老王,老板,\n小美,主播,老王\n", encoding="utf-8")
    out = tmp_path / "team.yaml"
    assert run(capsys, "import", str(csv), "-o", str(out))[0] == 0
    assert run(capsys, "check", str(out))[0] in (0, 1)
    assert yaml.safe_load(out.read_text(encoding="utf-8"))["people"][1]["reports_to"] == "老王"


@pytest.mark.parametrize("argv", [
    ["plan"], ["plan", "--sales", "-5"], ["plan", "--sales", "lots"], ["plan", "--budget", "0", "--sales", "1"],
    ["plan", "--sales", "1", "--stage", "giant"], ["check", "/no/such/file.yaml"], ["roles", "魔法师"], ["bogus"],
])
def test_bad_arguments_exit_2_with_one_line(capsys, argv: list[str]) -> None:  # type: ignore[no-untyped-def]
    with pytest.raises(SystemExit) as exit_info:
        code = main(argv)
        raise SystemExit(code)
    assert exit_info.value.code == 2
    err = capsys.readouterr().err
    assert "Traceback" not in err and err.strip()


@pytest.mark.parametrize(("argv", "zh", "en"), [
    (["plan", "--focus", "abc"], "douyin-team plan：错误：参数--focus：无效的取值'abc'（可选：", "invalid choice: 'abc'"),
    (["plan", "--sales", "-5"], "参数--sales：-5应为0到1e+12之间（提示：douyin-team plan --help）", "-5 must be between"),
    (["check"], "缺少必需的参数：file", "the following arguments are required: file"),
    (["plan", "--zzz"], "无法识别的参数：--zzz", "unrecognized arguments: --zzz"),
    (["bogus"], "douyin-team：错误：命令：无效的取值'bogus'", "argument COMMAND: invalid choice: 'bogus'"),
])
def test_argument_errors_are_in_chinese_unless_english_is_asked(capsys, monkeypatch, argv: list[str], zh: str,  # type: ignore[no-untyped-def]
                                                               en: str) -> None:
    for lang, words in (("zh", zh), ("en", en)):
        extra = ["--lang", "en"] if lang == "en" and argv[0] != "bogus" else []
        monkeypatch.setattr(sys, "argv", ["douyin-team", *argv, *extra])
        if argv[0] == "bogus":
            monkeypatch.setenv("DOUYIN_TEAM_LANG", lang)
        with pytest.raises(SystemExit) as exit_info:
            main([*argv, *extra])
        err = capsys.readouterr().err
        assert exit_info.value.code == 2 and words in err and err.count("\n") == 1
        assert ("错误" in err) == (lang == "zh")


def test_every_command_has_help() -> None:
    parser = build_parser()
    sub = next(a for a in parser._actions if a.dest == "command")
    assert {"plan", "check", "chart", "import", "roles", "explain", "schema"} <= set(sub.choices)  # type: ignore[union-attr]
    for name, p in sub.choices.items():  # type: ignore[union-attr]
        assert p.description, name


def test_console_script_and_module_run_as_real_processes(tmp_path: Path) -> None:
    env = {**os.environ, "DOUYIN_TEAM_LANG": "en"}
    done = subprocess.run([str(BIN), "plan", "--sales", "60000"], capture_output=True, text=True, env=env, check=False)
    assert done.returncode == 0 and "Newcomer" in done.stdout
    bad = tmp_path / "bad.json"
    bad.write_text('{"people": [{"name": "A", "roles": ["主播"], "reports_to": "A"}]}', encoding="utf-8")
    done = subprocess.run([sys.executable, "-m", "douyin_team", "check", str(bad)], capture_output=True, text=True,
                          check=False)
    assert done.returncode == 2 and "Traceback" not in done.stderr and "第1个人（A）的上级：A的上级是自己" in done.stderr
    done = subprocess.run([sys.executable, "-m", "douyin_team", "check", str(bad)], capture_output=True, text=True,
                          check=False, env=env)
    assert done.returncode == 2 and "person 1 (A), reports_to: A reports to themselves" in done.stderr


def test_an_english_chart_of_a_chinese_plan_names_its_seats_in_english(tmp_path: Path, capsys) -> None:  # type: ignore[no-untyped-def]
    """`chart --lang en` names a Chinese plan's seats as the English pages do (主播A → Host A); the file is
    not changed, and the Chinese chart keeps the Chinese names."""
    plan = tmp_path / "plan.yaml"
    assert main(["plan", "--sales", "3000000", "-o", str(plan)]) == 0
    before = plan.read_bytes()
    names = [p["name"] for p in yaml.safe_load(before)["people"]]
    assert "主播A" in names
    capsys.readouterr()
    assert main(["chart", str(plan), "--lang", "en", "--format", "mmd"]) == 0
    english = capsys.readouterr().out
    assert "Host A" in english and "主播A" not in english
    assert main(["chart", str(plan), "--format", "mmd"]) == 0
    assert "主播A" in capsys.readouterr().out and plan.read_bytes() == before
