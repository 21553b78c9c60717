"""Errors in the user's language: every message and hint the package raises has Chinese and English text in
errors.yaml (this test fails when one is missing), people and rows are counted from 1, and the web app's
wording names no command-line flag or command."""

from __future__ import annotations

import ast
import re
from pathlib import Path
from typing import Any

import pytest
import yaml

from douyin_team import errors
from douyin_team.errors import DouyinTeamError, InvalidValue, UnknownManager, translate

PACKAGE = Path(errors.__file__).parent
CATALOGUE: dict[str, Any] = yaml.safe_load((PACKAGE / "errors.yaml").read_text(encoding="utf-8"))
CLI_WORDS = re.compile(r"(?:^|[\s（(])--?[a-z]|douyin-team")


def _error_classes() -> set[str]:
    names = {"DouyinTeamError"}
    for path in PACKAGE.rglob("*.py"):
        for node in ast.walk(ast.parse(path.read_text(encoding="utf-8"))):
            if isinstance(node, ast.ClassDef) and any(getattr(b, "id", None) in names or getattr(b, "id", "").endswith(
                    ("Error", "Unavailable")) for b in node.bases):
                names.add(node.name)
    return names | {n for n, v in vars(errors).items() if isinstance(v, type) and issubclass(v, DouyinTeamError)}


def _sample(node: ast.AST) -> str | None:
    """A string literal or f-string with each value written as V0, V1 …; None for text built at run time."""
    if isinstance(node, ast.Constant) and isinstance(node.value, str):
        return node.value
    if isinstance(node, ast.JoinedStr):
        return "".join(v.value if isinstance(v, ast.Constant) else f"V{i}" for i, v in enumerate(node.values))
    return None


def _raised() -> list[tuple[str, str, str]]:
    """(where, kind, text) for every message and hint given literally to a project error anywhere."""
    classes, out = _error_classes(), []
    for path in sorted(PACKAGE.rglob("*.py")):
        for node in ast.walk(ast.parse(path.read_text(encoding="utf-8"))):
            name = getattr(node, "func", None)
            name = getattr(name, "id", None) or getattr(name, "attr", None)
            if not isinstance(node, ast.Call) or name not in classes:
                continue
            where = f"{path.relative_to(PACKAGE)}:{node.lineno}"
            message = _sample(node.args[0]) if node.args else None
            if message is not None:
                out.append((where, "messages", message))
            for keyword in node.keywords:
                hint = _sample(keyword.value) if keyword.arg == "hint" else None
                if hint is not None:
                    out.append((where, "hints", hint))
    return out


RAISED = _raised()


def test_errors_are_found() -> None:
    assert len(RAISED) > 100


@pytest.mark.parametrize(("where", "kind", "text"), RAISED, ids=[f"{w}:{k}" for w, k, _ in RAISED])
def test_every_raised_text_is_in_both_languages(where: str, kind: str, text: str) -> None:
    chinese = translate(text, kind, "zh")
    assert chinese != text and re.search(r"[\u4e00-\u9fff]", chinese), f"{where}: no Chinese for {kind[:-1]} {text!r}"
    assert translate(text, kind, "en") == text


@pytest.mark.parametrize("kind", ["messages", "hints"])
def test_every_entry_has_both_languages_and_the_same_values(kind: str) -> None:
    for entry in CATALOGUE[kind]:
        count = entry["en"].count("{}")
        for key in ("zh", "web_zh", "web_en"):
            if key in entry:
                assert set(re.findall(r"\{(\d+)\}", entry[key])) <= {str(i) for i in range(count)}, entry
        assert re.search(r"[\u4e00-\u9fff]", entry["zh"]), entry
        assert ("web_zh" in entry) == ("web_en" in entry), entry


@pytest.mark.parametrize("lang", ["zh", "en"])
def test_the_web_wording_names_no_flag_or_command(lang: str) -> None:
    for kind in ("messages", "hints"):
        for entry in CATALOGUE[kind]:
            if entry.get("cli"):
                continue
            text = entry.get(f"web_{lang}") or (entry["zh"] if lang == "zh" else entry["en"])
            assert not CLI_WORDS.search(text), f"{kind}: {text!r} names a flag or command but is not `cli: true`"


def test_people_and_rows_are_counted_from_one() -> None:
    err = UnknownManager("'老李' is not in the team", field="people[1].reports_to", person="小美",
                         hint="did you mean '老王'?", file="team.yaml", line=5)
    assert err.render("zh") == "team.yaml:5：第2个人（小美）的上级：“老李”不在团队里（提示：是不是“老王”？）"
    assert err.render("en") == "team.yaml:5: person 2 (小美), reports_to: '老李' is not in the team (hint: did you mean '老王'?)"
    row = InvalidValue("'很多' is not a number", file="团队.xlsx", line=3, field="monthly_cost")
    assert row.render("zh") == "团队.xlsx：第3行：月成本：“很多”不是数字"
    assert row.render("en") == "团队.xlsx: row 3: monthly_cost: '很多' is not a number"


def test_the_web_hint_replaces_the_command_line_one() -> None:
    err = InvalidValue("cannot tell the stage", hint="give --sales (monthly sales in CNY) or --stage novice|growth|mature")
    assert "--sales" in err.render("zh") and "--sales" not in err.render("zh", web=True)
    assert err.render("en", web=True) == "cannot tell the stage (hint: give the monthly sales (CNY) or choose the stage)"


def test_the_command_line_speaks_chinese_by_default_and_english_on_request(tmp_path: Path, capsys) -> None:  # type: ignore[no-untyped-def]
    from douyin_team.cli.main import main

    bad = tmp_path / "team.yaml"
    bad.write_text("people:\n  - {name: 小美, roles: [主播], reports_to: 老李}\n", encoding="utf-8")
    assert main(["check", str(bad), "--lang", "zh"]) == 2
    assert capsys.readouterr().err.strip() == f"douyin-team：错误：{bad}:2：第1个人（小美）的上级：“老李”不在团队里（提示：上级（reports_to）要写团队里另一个人的名字）"
    assert main(["check", str(bad), "--lang", "en"]) == 2
    english = capsys.readouterr().err
    assert "person 1 (小美), reports_to: '老李' is not in the team" in english and "people[" not in english


def test_the_api_error_is_in_the_users_language() -> None:
    from douyin_team.web.compute import error_body

    err = UnknownManager("'老李' is not in the team", field="people[0].reports_to", person="小美",
                         hint="run `douyin-team roles` to list every post and its aliases")
    body = error_body(err)["error"]
    assert body["message"].startswith("第1个人（小美）的上级：“老李”不在团队里") and "douyin-team" not in body["message"]
    assert body["field"] == "people[0].reports_to" and body["where"] == "第1个人（小美）的上级"
    assert "person 1 (小美)" in error_body(err, "en")["error"]["message"]
