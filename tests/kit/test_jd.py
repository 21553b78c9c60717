"""Job descriptions and scorecards: merged for several posts, requirements and weights by stage."""

from __future__ import annotations

import json

from hypothesis import given, settings
from hypothesis import strategies as st

from douyin_team.cli import main
from douyin_team.kit.hiring import PER_POST_WHEN_SEVERAL
from douyin_team.kit.jd import job_description, people_label, render_jd
from douyin_team.kit.scorecard import scorecard
from douyin_team.team import Person, Team


def test_one_post_has_its_duties_requirements_and_kpis(kb) -> None:  # type: ignore[no-untyped-def]
    jd = job_description(kb, ["anchor"], "growth", "zh")
    assert jd.title == "主播" and jd.holders == [] and jd.reports_to == []
    assert jd.before and jd.during and jd.after and jd.skills and jd.kpis
    assert any("3–4小时" in r for r in jd.requirements)  # the growth-stage host requirement
    novice = job_description(kb, ["anchor"], "novice", "zh")
    assert novice.requirements != jd.requirements and any("老板" in r for r in novice.requirements)


def test_several_posts_merge_into_one_description_with_the_reporting_line(kb) -> None:  # type: ignore[no-untyped-def]
    team = Team(people=[Person(name="老周", roles=["team_lead"]),
                        Person(name="阿杰", roles=["floor_control", "central_control"], reports_to="老周")])
    jd = job_description(kb, ["floor_control", "central_control"], "growth", "zh", [team.people[1]], team)
    assert jd.title == "场控 + 中控" and jd.holders == ["阿杰"]
    assert any(d.startswith("[场控]") for d in jd.before) and any(d.startswith("[中控]") for d in jd.before)
    assert jd.reports_to == ["老周（负责人）"]
    assert job_description(kb, ["team_lead"], "growth", "zh", [team.people[0]], team).manages == ["阿杰"]
    assert len(jd.kpis) == len(set(jd.kpis))


def test_jd_command(capsys) -> None:  # type: ignore[no-untyped-def]
    assert main(["jd", "anchor", "--stage", "growth"]) == 0
    out = capsys.readouterr().out
    assert out.startswith("# 主播") and "**任职要求**" in out and "| 合计 | | | 100% |" in out
    assert "| 主播 | ★ 直播成交金额 GMV | 越高越好 | 40% | 由你设定 |" in out
    assert main(["jd", "投手", "--stage", "novice"]) == 0  # the ad buyer is paid for return, not for cheap traffic
    buyer = capsys.readouterr().out
    assert "| 投手 | ★ 支付ROI | 越高越好 | 40% |" in buyer and "| 投手 | 消耗偏差率 | 越低越好 | 25% | 10%–20%（估算） |" in buyer
    assert "CPM" not in buyer.split("**考核表")[1]
    assert main(["jd", "仓储", "--category", "nothing"]) == 2 and "未知品类“nothing”" in capsys.readouterr().err
    assert main(["jd", "抖店运营", "--category", "apparel"]) == 0 and "40%–50%" in capsys.readouterr().out
    assert main(["jd", "主播", "中控", "--stage", "novice", "--format", "json"]) == 0
    data = json.loads(capsys.readouterr().out)
    assert data["job_description"]["posts"] == ["anchor", "central_control"]
    assert main(["jd", "wizard"]) == 2 and "未知岗位“wizard”" in capsys.readouterr().err
    assert main(["jd", "anchor", "--stage", "huge"]) == 2 and "novice" in capsys.readouterr().err


def test_render_jd_text_in_english(kb) -> None:  # type: ignore[no-untyped-def]
    jd = job_description(kb, ["customer_service"], "mature", "en")
    text = render_jd(jd, scorecard(kb, ["customer_service"], "mature", "en"), "en", "markdown")
    assert "**Before the session**" in text and "Feige" in text and "| Total |" in text
    assert "**Scorecard: Customer service**" in text
    assert "| Customer service | ★ Feige average response time | lower is better | 35% | 6 s–18 s |" in text


def test_people_with_the_same_posts_share_one_description(kb) -> None:  # type: ignore[no-untyped-def]
    hosts = [Person(name=f"主播{i}", roles=["anchor"], reports_to="老周") for i in range(10)]
    team = Team(people=[Person(name="老周", roles=["team_lead"]), *hosts])
    jd = job_description(kb, ["anchor"], "mature", "zh", hosts, team)
    assert jd.holders == [p.name for p in hosts] and jd.reports_to == ["老周（负责人）"]
    assert people_label(jd.holders, "zh") == "主播0、主播1、主播2、主播3、主播4、主播5、主播6、主播7等10人"
    assert people_label(jd.holders, "en", 9) == "主播0, 主播1, 主播2, 主播3, 主播4, 主播5, 主播6, 主播7, 主播8 and 1 more"


def test_requirements_fit_the_post_not_the_stage(kb) -> None:  # type: ignore[no-untyped-def]
    service = job_description(kb, ["customer_service"], "growth", "zh")
    assert not any(w in r for r in service.requirements for w in ("运营短板", "千川", "罗盘", "运营"))
    assert any("飞鸽" in r for r in service.requirements)
    fulfilment = job_description(kb, ["fulfillment"], "mature", "zh")
    assert not any(w in r for r in fulfilment.requirements for w in ("罗盘", "千川"))
    assert any("错漏发" in r for r in fulfilment.requirements)
    by_text = {q.text.zh: q for q in kb.requirements}
    for role in kb.role:
        for stage in kb.stage:
            for line in job_description(kb, [role], stage, "zh").requirements:  # one post: every line is its own or general
                req = by_text[line]
                assert stage in req.stages and (not req.roles or role in req.roles) and req.holds != "several"


def test_a_merged_description_tags_post_lines_and_keeps_general_ones_once(kb) -> None:  # type: ignore[no-untyped-def]
    jd = job_description(kb, ["team_lead", "anchor", "live_ops"], "novice", "zh")
    assert "愿意一人多岗，边做边学平台规则和后台操作" in jd.requirements  # only for posts held together
    assert "[负责人、直播运营] 懂千川投放，否则早期的投放预算大多会浪费" in jd.requirements  # one line for both posts
    assert any(r.startswith("[主播] ") for r in jd.requirements)
    assert len(jd.requirements) == len(set(jd.requirements))
    assert not any("一人多岗" in r for r in job_description(kb, ["anchor"], "novice", "zh").requirements)
    combined = job_description(kb, ["floor_control", "central_control"], "mature", "zh")
    assert not any("专职本岗" in r for r in combined.requirements)  # "one post only" never on a combined post
    assert any("专职本岗" in r for r in job_description(kb, ["floor_control"], "mature", "zh").requirements)


def test_every_post_has_interview_questions_and_a_30_day_plan(kb) -> None:  # type: ignore[no-untyped-def]
    for role in kb.role:
        for lang in ("zh", "en"):
            jd = job_description(kb, [role], "growth", lang)
            assert len(jd.interview) >= 3 and jd.hours and jd.estimate
            days = [s.days for s in jd.onboarding]
            assert days == sorted(days) and days[-1] == 30 and len(days) >= 4
    merged = job_description(kb, ["anchor", "central_control"], "growth", "en")
    assert {s.post for s in merged.onboarding} == {"Host", "Central control"}
    assert [s.days for s in merged.onboarding] == sorted(s.days for s in merged.onboarding)
    text = render_jd(merged, None, "en", "markdown")
    assert "**Interview questions**" in text and "- By day 30: [Host] " in text and "[Central control] When the host" in text


def test_hours_come_from_the_plan_sessions_the_holders_are_on_air_for(kb) -> None:  # type: ignore[no-untyped-def]
    from douyin_team.planning import plan_team
    from douyin_team.team import Profile

    plan = plan_team(Profile(monthly_sales=1_500_000, live_hours=16), kb)
    windows = {f"{s.start}–{s.end}" for s in plan.sessions or []}
    assert len(windows) >= 2  # two shifts
    host = next(p for p in plan.people if "anchor" in p.posts)
    jd = job_description(kb, list(host.posts), "mature", "zh", [host], plan, plan.sessions)
    mine = {f"{s.start}–{s.end}" for s in plan.sessions or [] if host.name in s.crew}
    assert mine and all(any(w in h for h in jd.hours) for w in mine)
    assert not any(w in h for h in jd.hours for w in windows - mine)  # not the other shift's hours
    service = next(p for p in plan.people if p.posts == ["customer_service"])
    hours = job_description(kb, ["customer_service"], "mature", "zh", [service], plan, plan.sessions).hours
    assert not any(h.startswith("直播 ") for h in hours) and any("08:00–22:59" in h for h in hours)


def test_jd_command_shows_the_plans_hours(capsys) -> None:  # type: ignore[no-untyped-def]
    assert main(["jd", "主播", "--stage", "mature"]) == 0
    out = capsys.readouterr().out
    assert "**工作时间**" in out and "- 直播 " in out and "**面试问题**" in out and "**入职30天计划**" in out
    assert main(["jd", "客服", "--stage", "growth"]) == 0
    assert "- 直播 " not in capsys.readouterr().out  # off air: its own hours only


def test_pay_range_is_the_pay_models_figure_for_the_posts(kb) -> None:  # type: ignore[no-untyped-def]
    from douyin_team.money import post_pay, seat_pay

    for role in kb.role:
        for tier in (None, 1, 5):
            jd = job_description(kb, [role], "mature", "zh", city_tier=tier)
            market = post_pay(kb, role, "mature", tier)
            assert jd.pay is not None and (jd.pay.low, jd.pay.base, jd.pay.high) == (market.low, market.base, market.high)
            assert f"{market.low:,.0f}–{market.high:,.0f}元" in jd.pay_text[0]
    merged = job_description(kb, ["floor_control", "central_control"], "growth", "en", city_tier=3)
    seat = seat_pay(kb, ["floor_control", "central_control"], "growth", 3, {}, None)
    assert merged.pay is not None and (merged.pay.low, merged.pay.high) == (seat.low, seat.high)
    assert any(line.startswith("[Floor control] ") for line in merged.pay_text)
    anchor = job_description(kb, ["anchor"], "growth", "zh")
    assert any(line.startswith("提成：") for line in anchor.pay_text)  # hosts are paid a share of sales
    owner = job_description(kb, ["team_lead", "anchor"], "novice", "zh")
    assert owner.pay is not None and owner.pay.owner and "不另计薪酬" in owner.pay_text[0]


def test_the_kit_prices_each_description_at_the_teams_city_tier(kb) -> None:  # type: ignore[no-untyped-def]
    from douyin_team.kit import build_kit
    from douyin_team.money import post_pay

    team = Team(city_tier=4, people=[Person(name="老周", roles=["team_lead"]), Person(name="小美", roles=["customer_service"])])
    kit = build_kit(team, kb, "growth")
    service = next(j for j in kit.jobs if j.posts == ["customer_service"])
    assert service.pay is not None and service.pay.city_tier == 4
    assert service.pay.high == post_pay(kb, "customer_service", "growth", 4).high


@given(data=st.data())
@settings(max_examples=60, deadline=None)
def test_a_merged_requirement_names_exactly_the_posts_it_fits(kb, data) -> None:  # type: ignore[no-untyped-def]
    roles = data.draw(st.lists(st.sampled_from(list(kb.role)), min_size=2, max_size=4, unique=True))
    stage = data.draw(st.sampled_from(list(kb.stage)))
    jd = job_description(kb, roles, stage, "zh")
    names = {kb.role[r].name.zh: r for r in roles}
    for line in jd.requirements:
        tag, _, text = line.partition("] ") if line.startswith("[") else ("", "", line)
        req = next(q for q in kb.requirements if q.text.zh == text)
        fits = {r for r in roles if not req.roles or r in req.roles}
        assert stage in req.stages and req.holds != "one" and fits
        assert ({names[n] for n in tag[1:].split("、")} if tag else set(roles)) == fits
    kits = {h.id: h for h in kb.hiring}
    for r in roles:  # each post's own questions: its most telling ones (the stage's first) for a shared card
        own = [q.zh for q in [*(kits[r].stages[stage].interview if stage in kits[r].stages else []), *kits[r].interview]]
        assert [q.partition("] ")[2] for q in jd.interview if q.startswith(f"[{kb.role[r].name.zh}] ")] == \
            own[:PER_POST_WHEN_SEVERAL]


def test_a_playbook_replaces_a_posts_interview_questions_and_requirements(tmp_path) -> None:  # type: ignore[no-untyped-def]
    from douyin_team.knowledge import load_knowledge

    book = tmp_path / "playbook.yaml"
    book.write_text("hiring:\n  - id: customer_service\n    interview:\n      - {zh: 你用过哪些客服工具？, en: Which service tools have you used?}\n"
                    "    stages: {}\n"
                    "requirements:\n  - id: service-feedback\n    stages: [growth]\n    roles: [customer_service]\n"
                    "    text: {zh: 会写周报, en: Writes a weekly report}\n    sources: [model]\n    estimate: true\n",
                    encoding="utf-8")
    kb = load_knowledge(book)
    jd = job_description(kb, ["customer_service"], "growth", "zh")
    assert jd.interview == ["你用过哪些客服工具？"] and "会写周报" in jd.requirements and len(jd.onboarding) == 4


def test_every_post_at_every_stage_has_questions_and_a_30_day_plan(kb) -> None:  # type: ignore[no-untyped-def]
    for role in kb.role:
        for stage in kb.stage:
            jd = job_description(kb, [role], stage, "zh")
            assert len(jd.interview) >= 3 and len(set(jd.interview)) == len(jd.interview), (role, stage)
            days = [s.days for s in jd.onboarding]
            assert days == sorted(set(days)) and days[-1] == 30 and len(days) >= 4, (role, stage, days)


def test_the_questions_and_plan_differ_by_stage_where_the_data_says_so(kb) -> None:  # type: ignore[no-untyped-def]
    """A post's stage entry: its questions asked first at that stage only, its milestones in the place of the
    every-stage milestone of their day; a stage it says nothing of keeps the every-stage kit."""
    changed = 0
    for h in kb.hiring:
        base = {m.days: m.task.zh for m in h.onboarding}
        for stage in kb.stage:
            jd = job_description(kb, [h.id], stage, "zh")
            extra = h.stages.get(stage)
            asked = [q.zh for q in extra.interview] if extra else []
            assert jd.interview == [*asked, *(q.zh for q in h.interview)], (h.id, stage)
            plan = {s.days: s.task for s in jd.onboarding}
            assert plan == base | {m.days: m.task.zh for m in (extra.onboarding if extra else [])}, (h.id, stage)
            changed += bool(extra)
    assert changed >= 12  # hosts, ops, leads, service, shipping, editors, store: more than one stage each
    novice, mature = (job_description(kb, ["anchor"], s, "zh") for s in ("novice", "mature"))
    assert "没有场控和中控" in novice.interview[0] and "固定晚场4小时" in mature.interview[0]
    assert novice.interview != mature.interview and novice.onboarding != mature.onboarding


PLANS = {"5k": 5_000, "60k": 60_000, "300k": 300_000, "3m": 3_000_000}


def test_a_combined_description_covers_each_post_and_doing_them_together(kb) -> None:  # type: ignore[no-untyped-def]
    """Every person of several plans who holds several posts: one card whose questions and 30-day plan name
    each of the posts; where the data says what holding two of them together takes, that is asked too."""
    from douyin_team.planning import plan_team
    from douyin_team.team import Profile

    seen: set[tuple[str, ...]] = set()
    for sales in PLANS.values():
        team = plan_team(Profile(monthly_sales=sales), kb)
        stage = team.stage or "growth"
        for person in team.people:
            if len(person.posts) < 2:
                continue
            seen.add(tuple(person.posts))
            jd = job_description(kb, person.posts, stage, "zh", [person], team)
            names = [kb.role[r].name.zh for r in person.posts]
            for name in names:
                assert any(q.startswith("[") and name in q.split("]")[0] for q in jd.interview), (person.posts, name)
                assert any(s.post and name in s.post for s in jd.onboarding), (person.posts, name)
            kits = {h.id: h for h in kb.hiring}
            for r in person.posts:
                for t in kits[r].together if r in kits else []:
                    if set(t.roles) & set(person.posts) and (not t.stages or stage in t.stages):
                        assert all(any(q.zh in line for line in jd.interview) for q in t.interview)
    assert ("anchor", "video_editor") in seen
    # A newcomer's host who also packs (the planner combines them only at that stage; a team file may anyway).
    team = plan_team(Profile(monthly_sales=60_000), kb)
    packer = Person(name="主播", roles=["anchor", "fulfillment"])
    jd = job_description(kb, packer.posts, "novice", "zh", [packer], team)
    assert jd.interview[-1] == "晚上直播，第二天上午还要打包发货，你怎么安排作息？"  # about both posts: untagged
    assert any(s.post == "主播、仓储配送" and s.days == 14 for s in jd.onboarding)
    single = job_description(kb, ["anchor"], "growth", "zh")
    assert not any("打包" in q for q in single.interview)  # a host who packs nothing is not asked about it


def test_a_playbook_stage_entry_is_checked(tmp_path) -> None:  # type: ignore[no-untyped-def]
    import pytest

    from douyin_team.errors import KnowledgeError
    from douyin_team.knowledge import load_knowledge

    book = tmp_path / "playbook.yaml"
    for entry, problem in (("stages:\n      giant: {interview: [{zh: 问, en: Q}], sources: [model]}", "unknown stage 'giant'"),
                           ("together:\n      - {roles: [nobody], interview: [{zh: 问, en: Q}], sources: [model]}",
                            "together #1: unknown role 'nobody'"),
                           ("stages:\n      novice: {onboarding: [{days: 40, task: {zh: 做, en: Do}}], sources: [model]}",
                            "onboarding days must rise within 1–30")):
        book.write_text(f"hiring:\n  - id: anchor\n    {entry}\n", encoding="utf-8")
        with pytest.raises(KnowledgeError, match=problem):
            load_knowledge(book)
