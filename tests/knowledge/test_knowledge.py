"""The knowledge base: loads, cross-checks, resolves aliases, takes a playbook laid over it."""

from __future__ import annotations

from pathlib import Path

import pytest

from douyin_team.errors import KnowledgeError, UnknownRole
from douyin_team.knowledge import load_knowledge

ROLE_IDS = ["team_lead", "anchor", "assistant_anchor", "floor_control", "central_control", "live_ops", "ad_buyer",
            "video_director", "video_editor", "store_ops", "customer_service", "merchandiser", "fulfillment",
            "data_analyst", "designer", "marketing"]
# Manager posts the planner adds at scale, above the working leads of the posts they lead.
MANAGER_IDS = ["live_manager", "service_manager", "warehouse_manager"]


def test_the_sixteen_roles_with_stable_ids(kb) -> None:  # type: ignore[no-untyped-def]
    assert list(kb.role) == ROLE_IDS + MANAGER_IDS
    assert all(kb.role[m].leads and set(kb.role[m].leads) <= set(ROLE_IDS) for m in MANAGER_IDS)


def test_stages_and_groups(kb) -> None:  # type: ignore[no-untyped-def]
    assert [(s.id, s.team_min, s.team_max) for s in kb.stages] == [("novice", 1, 2), ("growth", 3, 5), ("mature", 6, None)]
    assert [s.sales_max for s in kb.stages] == [100_000, 1_000_000, None]
    names = {g.name.zh for g in kb.groups}
    assert {"直播组", "抖店组", "短视频组", "市场营销部", "内容创作部", "客户服务部", "数据分析部", "运营管理部",
            "商品部", "仓储配送部"} <= names


def test_every_item_cites_a_known_source(kb) -> None:  # type: ignore[no-untyped-def]
    for item in [*kb.stages, *kb.groups, *kb.roles, *kb.metrics, *kb.combinations, *kb.rules]:
        assert item.sources and all(s in kb.source for s in item.sources), item.id


def test_every_role_has_duties_skills_and_kpis(kb) -> None:  # type: ignore[no-untyped-def]
    for role in kb.roles:
        assert role.duties.before and role.duties.during and role.duties.after, role.id
        assert role.skills and role.kpis and role.purpose.zh and role.purpose.en, role.id


@pytest.mark.parametrize("alias, role", [
    ("副播", "assistant_anchor"), ("投流", "ad_buyer"), ("投流手", "ad_buyer"), ("千川投手", "ad_buyer"),
    ("跟播运营", "live_ops"), ("运营", "live_ops"), ("数据运营", "data_analyst"), ("老板", "team_lead"),
    ("店长", "team_lead"), ("美工", "designer"), ("售后", "customer_service"), ("发货", "fulfillment"),
    ("仓管", "fulfillment"), ("剪辑", "video_editor"), ("编导", "video_director"), ("气氛组", "assistant_anchor"),
    ("主播", "anchor"), ("Host", "anchor"), ("anchor", "anchor"), ("选品", "merchandiser"), ("商品", "merchandiser"),
    ("千川 投手", "ad_buyer"), ("ＨＯＳＴ", "anchor"),
])
def test_aliases_people_really_write(kb, alias: str, role: str) -> None:  # type: ignore[no-untyped-def]
    assert kb.resolve_role(alias) == role


def test_unknown_role_suggests_the_nearest(kb) -> None:  # type: ignore[no-untyped-def]
    with pytest.raises(UnknownRole) as info:
        kb.resolve_role("直播运维")
    assert "live_ops" in (info.value.hint or "")


def test_metrics_named_in_the_issue_exist(kb) -> None:  # type: ignore[no-untyped-def]
    assert {"gmv", "gpm", "uv_value", "pay_roi", "feige_3min_reply_rate", "completion_rate"} <= set(kb.metric)


def test_each_post_is_judged_on_the_sales_of_its_own_channel(kb) -> None:  # type: ignore[no-untyped-def]
    """Live posts on the live room's GMV, the shop operator on the shelf's, campaigns on the whole shop's: the
    shop operator's card must not borrow the live room's definition."""
    assert "直播" in kb.metric["gmv"].definition.zh and "货架" in kb.metric["shelf_gmv"].definition.zh
    card = {s.id: [line.metric for line in s.lines] for s in kb.scorecards}
    assert "shelf_gmv" in card["store_ops"] and "gmv" not in card["store_ops"]
    assert "shop_gmv" in card["marketing"] and "gmv" not in card["marketing"]
    for live_post in ("anchor", "live_manager"):
        assert "gmv" in card[live_post] and "shelf_gmv" not in card[live_post]
    for role in kb.roles:
        assert set(role.kpis) <= set(kb.metric), role.id


def test_playbook_adds_a_role_alias_and_changes_a_rule(tmp_path: Path) -> None:
    playbook = tmp_path / "playbook.yaml"
    playbook.write_text("""
roles:
  - id: anchor
    aliases: [带货一姐]
rules:
  - id: weekly-hours-overload
    enabled: false
settings:
  max_weekly_hours: 50
""", encoding="utf-8")
    kb = load_knowledge(playbook)
    assert kb.resolve_role("带货一姐") == "anchor"
    assert "weekly-hours-overload" not in kb.rule
    assert kb.settings.max_weekly_hours == 50


@pytest.mark.parametrize("text, needle", [
    ("combinations:\n  - {id: x, roles: [anchor, wizard], stages: [novice], note: {zh: a, en: a}, sources: [model]}\n", "wizard"),
    ("roles:\n  - {id: anchor, kpis: [happiness]}\n", "happiness"),
    ("stages:\n  - {id: growth, sales_min: 5}\n", "previous stage"),
    ("roles:\n  - {id: anchor, aliases: [运营]}\n", "运营"),
    ("stages: 3\n", "stages"),
    ("- just a list\n", "mapping"),
    ("roles: [unclosed\n", "YAML"),
    ("sop:\n  - {id: x, phase: before, at: -10, task: {zh: a, en: a}, roles: [wizard], sources: [model]}\n", "wizard"),
    ("sop:\n  - {id: x, phase: someday, at: 0, task: {zh: a, en: a}, roles: [anchor], sources: [model]}\n", "phase"),
    ("scorecards:\n  - {id: anchor, lines: [{metric: gmv, weights: {novice: 90}, targets: {all: {low: 1, estimate: true}}}]}\n",
     "'novice' add up to 90"),
    ("scorecards:\n  - {id: wizard, purpose: gmv, lines: [], sources: [model]}\n", "unknown role 'wizard'"),
    ("metrics:\n  - {id: gmv, direction: sideways}\n", "direction"),
    ("requirements:\n  - {id: r, stages: [giant], text: {zh: a, en: a}, sources: [model]}\n", "giant"),
])
def test_bad_playbooks_are_one_clear_error(tmp_path: Path, text: str, needle: str) -> None:
    playbook = tmp_path / "bad.yaml"
    playbook.write_text(text, encoding="utf-8")
    with pytest.raises(KnowledgeError) as info:
        load_knowledge(playbook)
    assert needle in str(info.value) and str(playbook) in str(info.value) and "\n" not in str(info.value)


def test_the_cache_is_used_and_a_broken_one_ignored(tmp_path: Path, monkeypatch) -> None:  # type: ignore[no-untyped-def]
    monkeypatch.setenv("XDG_CACHE_HOME", str(tmp_path))
    first = load_knowledge()
    files = list((tmp_path / "douyin-team").glob("knowledge-*.msgpack"))
    assert len(files) == 1
    assert load_knowledge() == first
    files[0].write_bytes(b"\x00garbage")
    assert load_knowledge() == first  # rebuilt from the YAML, and the cache rewritten
    assert files[0].read_bytes() != b"\x00garbage"


def test_ids_must_be_plain_lowercase(tmp_path: Path) -> None:
    playbook = tmp_path / "p.yaml"
    playbook.write_text('groups:\n  - {id: "Live\\"><script>", name: {zh: a, en: a}, kind: group, '
                        'description: {zh: a, en: a}, stages: [novice], sources: [model]}\n', encoding="utf-8")
    with pytest.raises(KnowledgeError, match="lower-case"):
        load_knowledge(playbook)
