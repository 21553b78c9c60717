"""Staffing in words: each assignment explained, each vacancy's cause named, in Chinese and English."""

from __future__ import annotations

import json
from pathlib import Path

import pytest
import yaml

from douyin_team.cli import main
from douyin_team.staffing import staff
from douyin_team.team import Candidate, Person, Roster, Team, resolve_roster


def staffed(kb, plan: Team, people: list[Candidate], stage: str, lang: str = "zh", start: str | None = None):  # type: ignore[no-untyped-def]
    result = staff(plan, resolve_roster(Roster(people=people), kb), kb, stage, lang=lang, start=start)  # type: ignore[arg-type]
    assert result.status == "optimal"
    return result, {p.name: p for p in result.team.people}


def why(person: Person, about: str) -> str:
    return " ".join(r.text for r in person.reasons if r.about == about)


LIVE = Team(stage="growth", live_hours=4, people=[Person(name="主播位", roles=["anchor"])])


def test_days_only_people_cannot_host_an_evening_show(kb) -> None:  # type: ignore[no-untyped-def]
    day = Candidate(name="白天", skills={"主播": 5}, days_only=True, monthly_cost=5000)
    result, people = staffed(kb, LIVE, [day], "growth")
    assert result.uncovered == 1 and "只能在09:00–18:00工作，直播班次是19:00–23:00" in why(people["主播位（待招聘）"], "vacancy")
    result, people = staffed(kb, LIVE, [day], "growth", start="10:00")  # a morning show fits their day
    assert result.uncovered == 0 and "直播班次10:00–14:00全程在岗（可工作时间09:00–18:00）" in why(people["白天"], "assignment")
    night = Candidate(name="夜班", skills={"主播": 3}, available="18:00-02:00", monthly_cost=9000)
    _, people = staffed(kb, LIVE, [day, night], "growth", lang="en")
    text = why(people["夜班"], "assignment")
    assert "on air for the whole 19:00–23:00 shift (free 18:00–02:00)" in text
    assert "not the cheaper 白天 (5,000 CNY): 白天 works only 09:00–18:00, the live shift is 19:00–23:00" in text


@pytest.mark.parametrize(("people", "zh", "en"), [
    ([Candidate(name="甲", skills={"剪辑": 5})], "名单里没有人会主播", "Nobody on the roster can do Host"),
    ([Candidate(name="乙", skills={"主播": 5}, hours=20)], "乙每周只有20小时，这个岗位要30小时",
     "乙 has 20 hours a week, the post needs 30"),
])
def test_why_a_post_stays_open(kb, people: list[Candidate], zh: str, en: str) -> None:  # type: ignore[no-untyped-def]
    assert zh in why(staffed(kb, LIVE, people, "growth")[1]["主播位（待招聘）"], "vacancy")
    assert en in why(staffed(kb, LIVE, people, "growth", "en")[1]["主播位 (to hire)"], "vacancy")


def test_a_forbidden_combination_is_named_with_its_rule(kb) -> None:  # type: ignore[no-untyped-def]
    plan = Team(stage="mature", live_hours=4, people=[Person(name="运营位", roles=["live_ops"]),
                                                       Person(name="场控位", roles=["floor_control"])])
    star = Candidate(name="全能", skills={"直播运营": 5, "场控": 4}, hours=100, monthly_cost=1)
    _, people = staffed(kb, plan, [star], "mature")
    assert people["全能"].posts == ["live_ops"]
    text = why(people["场控位（待招聘）"], "vacancy")
    assert "全能已担任直播运营，不能同时兼任（成熟期核心岗位兼任）" in text and text.endswith("需要招聘")


def test_hours_used_up_and_personal_constraints(kb) -> None:  # type: ignore[no-untyped-def]
    plan = Team(stage="novice", live_hours=2, people=[Person(name="运营", roles=["live_ops", "video_editor"])])
    busy = Candidate(name="忙", skills={"直播运营": 4, "剪辑": 4}, hours=20, monthly_cost=3000)
    _, people = staffed(kb, plan, [busy], "novice", "en")
    assert "忙's other posts use 12 of 20 hours, no room for 15 more" in why(people["运营 (to hire)"], "vacancy")
    picky = Candidate(name="挑", skills={"直播运营": 4, "剪辑": 4}, cannot_combine="剪辑", monthly_cost=3000)
    _, people = staffed(kb, plan, [picky], "novice", "en")
    assert "(their own constraint)" in why(people["运营 (to hire)"], "vacancy")


def test_assignment_cites_skill_hours_and_combination_rule(kb) -> None:  # type: ignore[no-untyped-def]
    plan = Team(stage="growth", live_hours=4, people=[Person(name="场控位", roles=["floor_control", "assistant_anchor"])])
    people = [Candidate(name="阿杰", skills="场控4、助播3", hours=44, monthly_cost=8000),
              Candidate(name="小便宜", skills="助播5", hours=44, monthly_cost=4000)]
    _, held = staffed(kb, plan, people, "growth")
    text = why(held["阿杰"], "assignment")
    assert text.startswith("阿杰担任场控（技能4/5）、助播（技能3/5），每周约用36/44小时")
    assert "常见兼任：场控兼助播" in text and "floor-assistant" not in text
    assert "没有用更便宜的小便宜（4,000元）：阿杰本来就要兼任其他岗位，不多花钱；用小便宜要多付4,000元" in text
    assert "floor-assistant" in next(r.sources for r in held["阿杰"].reasons if r.about == "assignment")


@pytest.mark.parametrize("fmt", ["text", "json", "yaml", "markdown"])
@pytest.mark.parametrize("lang", ["zh", "en"])
def test_every_format_carries_the_sentences(tmp_path: Path, capsys, fmt: str, lang: str) -> None:  # type: ignore[no-untyped-def]
    examples = Path(__file__).resolve().parents[2] / "examples"
    args = ["staff", "--plan", str(examples / "plan-growth.yaml"), "--roster", str(examples / "roster.yaml")]
    assert main([*args, "--format", fmt, "--lang", lang]) == 0
    out = capsys.readouterr().out
    combined = "常见兼任：场控兼助播" if lang == "zh" else "a common combination: Floor control"
    share = "人力成本占月销" if lang == "zh" else "Labour cost is"
    if fmt in ("json", "yaml"):
        data = json.loads(out) if fmt == "json" else yaml.safe_load(out)
        texts = [r["text"] for p in data["people"] for r in p.get("reasons", [])]
        texts += [d["text"] for d in data["decisions"]]
        assert any(combined in t for t in texts) and any(share in t for t in texts)
    else:
        assert combined in out
        assert share in out


def test_hostile_names_stay_inert(tmp_path: Path, capsys) -> None:  # type: ignore[no-untyped-def]
    names = ["<script>alert(1)</script>", "a|b", "**粗体** [x](http://e)", "'; DROP TABLE people;--"]
    roster = tmp_path / "people.json"
    roster.write_text(json.dumps({"people": [{"name": n, "skills": {"主播": 5}} for n in names]}), encoding="utf-8")
    plan = tmp_path / "plan.yaml"
    plan.write_text("stage: growth\npeople:\n  - {name: 主播位, roles: [主播]}\n", encoding="utf-8")
    assert main(["staff", "--plan", str(plan), "--roster", str(roster), "--format", "markdown"]) == 0
    out = capsys.readouterr().out
    assert "<script>" not in out and "&lt;script&gt;" in out and "a|b" not in out
    assert main(["staff", "--plan", str(plan), "--roster", str(roster), "--format", "json"]) == 0
    data = json.loads(capsys.readouterr().out)
    assert data["people"][0]["name"] in names


def test_a_must_keep_that_cannot_be_kept_is_explained(kb) -> None:  # type: ignore[no-untyped-def]
    both = [Candidate(name="甲", skills={"主播": 5}, must_keep="主播", monthly_cost=9000),
            Candidate(name="乙", skills={"主播": 4}, must_keep="主播", days_only=True, monthly_cost=5000)]
    result, people = staffed(kb, LIVE, both, "growth", "en")
    assert result.broken_keeps == 1 and people["甲"].posts == ["anchor"]
    assert [n.text for n in result.notes] == [
        "乙 must keep Host but does not: 乙 works only 09:00–18:00, the live shift is 19:00–23:00"]
    result, _ = staffed(kb, LIVE, [Candidate(name="丙", skills={"主播": 5, "客服": 3}, must_keep="客服")], "growth")
    assert result.notes[0].text == "丙必须保留客服，但没能保留：计划里没有这个岗位"


def test_staff_command_with_a_day_only_csv_roster_and_a_morning_show(tmp_path: Path, capsys) -> None:  # type: ignore[no-untyped-def]
    plan = tmp_path / "plan.yaml"
    plan.write_text("stage: growth\nlive_hours: 4\npeople:\n  - {name: 主播位, roles: [主播]}\n", encoding="utf-8")
    people = tmp_path / "people.csv"
    people.write_text("姓名,技能,月薪,只能白天\n白天,主播5,5000,是\n", encoding="utf-8")
    args = ["staff", "--plan", str(plan), "--roster", str(people), "--format", "json"]
    assert main(args) == 0
    evening = json.loads(capsys.readouterr().out)
    assert [p["name"] for p in evening["people"]] == ["主播位（待招聘）"]
    assert main([*args, "--start", "09:30"]) == 0
    morning = json.loads(capsys.readouterr().out)
    assert [p["name"] for p in morning["people"]] == ["白天"]
    with pytest.raises(SystemExit):
        main([*args, "--start", "9pm"])


def test_host_and_assistant_host_are_two_people_by_definition(kb) -> None:  # type: ignore[no-untyped-def]
    plan = Team(stage="novice", live_hours=2, people=[Person(name="主播位", roles=["anchor"]),
                                                       Person(name="助播位", roles=["assistant_anchor"])])
    one = Candidate(name="独挑", skills={"主播": 5, "助播": 5}, hours=80)
    _, people = staffed(kb, plan, [one], "novice", "en")
    assert len(people["独挑"].posts) == 1  # either, never both
    vacancy = next(p for p in people.values() if p.vacancy)
    assert "may not be combined with it (Host and Assistant host are two people by definition)" in why(vacancy, "vacancy")
