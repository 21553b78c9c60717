"""Findings grouped for people to read (reports/grouping.py): one line for a rule found for many people."""

from __future__ import annotations

from douyin_team.cli import main
from douyin_team.reports import grouped, same_of_others
from douyin_team.team import FindingOut


def test_the_same_words_of_many_people_name_just_the_people() -> None:
    assert same_of_others(["甲：开播时没有助播", "乙：开播时没有助播"], "zh") == ("乙",)
    assert same_of_others(["甲：兼任场控", "乙：开播时没有助播"], "zh") == ()  # said one by one
    assert len(same_of_others(["A: alone on air"] + [f"B{i}: alone on air" for i in range(100)], "en")) == 100


def test_only_a_rule_found_more_than_three_times_is_grouped_and_unknown_titles_never() -> None:
    def many(rule: str, n: int) -> list[FindingOut]:
        return [FindingOut(rule, "warning", f"人{i}：一样的话") for i in range(n)]

    groups = grouped([*many("a", 3), *many("b", 4), *many("title-unknown", 9)])
    assert [len(g) for g in groups] == [1, 1, 1, 4] + [1] * 9


def test_the_text_report_says_a_thousand_hosts_once(tmp_path, capsys) -> None:  # type: ignore[no-untyped-def]
    lines = ["姓名,岗位,上级", "老板,负责人,"] + [f"员工{i},{'客服' if i % 2 else '主播'},老板" for i in range(1, 2000)]
    sheet = tmp_path / "big.csv"
    sheet.write_text("\n".join(lines), encoding="utf-8")
    main(["check", str(sheet), "--stage", "growth"])
    alone = [line for line in capsys.readouterr().out.splitlines() if "[host-working-alone]" in line]
    assert len(alone) == 1 and alone[0].endswith("等998人）")
    assert "员工2：开播时没有" in alone[0] and "同样的还有：员工4、员工6、" in alone[0]
