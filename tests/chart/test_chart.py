"""The chart model: cards sized by real font metrics, no overlaps, frames, lines, determinism."""

from __future__ import annotations

from collections import Counter

import msgspec
from hypothesis import given, settings
from hypothesis import strategies as st

from douyin_team.chart import Chart, ChartOptions, build_chart
from douyin_team.chart.fonts import find_face
from douyin_team.chart.linebreak import wrap
from douyin_team.planning import plan_team
from douyin_team.team import Person, Profile, Team


def chart_of(kb, sales: float = 300_000, **options) -> Chart:  # type: ignore[no-untyped-def]
    team = plan_team(Profile(monthly_sales=sales, merchant="山野茶铺"), kb)
    return build_chart(team, kb, team.stage or "", ChartOptions(date="2026-11-24", **options))


def overlaps(rects: list[tuple[float, float, float, float]]) -> bool:
    return any(a[0] < b[0] + b[2] and b[0] < a[0] + a[2] and a[1] < b[1] + b[3] and b[1] < a[1] + a[3]
               for i, a in enumerate(rects) for b in rects[i + 1:])


def test_one_card_per_person_with_all_posts(kb) -> None:  # type: ignore[no-untyped-def]
    chart = chart_of(kb)
    lead = chart.cards[0]
    assert len(chart.cards) == 6 and lead.roles == ["team_lead", "live_ops", "ad_buyer"]
    assert "负责人、直播运营、投手" in "".join(t.text for t in lead.lines)
    assert lead.serves == ["live"]
    assert [e.kind for e in chart.edges].count("report") == 5


def test_boxes_fit_their_text_by_font_metrics(kb) -> None:  # type: ignore[no-untyped-def]
    face, bold = find_face(), find_face(bold=True)
    assert face.width("主播", 12) == 24 and face.width("ii", 12) < face.width("WW", 12)
    for card in chart_of(kb, 2_500_000).cards:
        for line in card.lines:
            width = (bold if line.bold else face).width(line.text, line.size)
            assert line.x + width <= card.w - 9, (card.name, line.text)


def test_long_text_wraps() -> None:
    lines = wrap(find_face(), "直播运营、中控、投手、拍摄剪辑、抖店运营 Live ops and central control", 12, 120)
    assert len(lines) >= 3 and all(find_face().width(x, 12) <= 120 + 12 for x in lines)
    assert not any(x.startswith(("、", " ")) for x in lines)


def test_header_frames_and_legend(kb) -> None:  # type: ignore[no-untyped-def]
    chart = chart_of(kb, 2_500_000)
    assert chart.title == "山野茶铺团队架构图" and "成熟阶段" in chart.subtitle and "2026-11-24" in chart.subtitle
    assert {"直播组", "客户服务部", "商品部", "仓储配送部"} <= {f.name for f in chart.frames}
    assert ("vacancy", "待招聘") in [(i.kind, i.label) for i in chart.legend]


def test_frames_cover_only_their_own_cards(kb) -> None:  # type: ignore[no-untyped-def]
    for sales in (60_000, 300_000, 2_500_000):
        chart = chart_of(kb, sales)
        for f in chart.frames:
            inside = [c for c in chart.cards
                      if c.x < f.x + f.w and f.x < c.x + c.w and c.y < f.y + f.h and f.y < c.y + c.h]
            if f.empty:  # the box of a group nobody sits in covers no card
                assert not inside and not any(c.group == f.group for c in chart.cards)
                continue
            assert inside and all(c.group == f.group or kb.group[c.group].parent == f.group for c in inside)
        assert not overlaps([(f.x, f.y, f.w, f.h) for f in chart.frames if kb.group[f.group].kind == "group"])


def test_a_group_served_by_someone_who_sits_elsewhere_gets_a_box_and_a_dashed_line(kb) -> None:  # type: ignore[no-untyped-def]
    """Growth plan of four: 中控 also holds 抖店运营 and 客服 (few chats on air), and nobody else sits in 抖店组."""
    team = plan_team(Profile(monthly_sales=150_000, merchant="山野茶铺", fulfilment="cloud", headcount_budget=4), kb)
    for orientation in ("vertical", "horizontal"):
        chart = build_chart(team, kb, "growth", ChartOptions(date="2026-11-24", orientation=orientation))
        control = next(c for c in chart.cards if set(c.roles) == {"central_control", "store_ops", "customer_service"})
        assert control.group == "live" and control.serves == ["store"]
        box = next(f for f in chart.frames if f.group == "store")
        # The box says who covers it, or a reader sees an empty department joined only by a dashed line.
        assert box.empty and box.name == f"抖店组（{control.name}兼）" and box.w >= 64
        if orientation == "vertical":  # laid out below the person serving it
            assert box.y >= control.y + control.h and box.x < control.x + control.w / 2 < box.x + box.w
        else:
            assert box.x >= control.x + control.w
        line = next(e for e in chart.edges if e.source == control.id and e.kind == "serves")
        assert line.target == "group:store" and line.points[-1] in [(box.x + box.w / 2, box.y), (box.x, box.y + box.h / 2)]
        assert "抖店组" in [i.label for i in chart.legend]
        rects = [(c.x, c.y, c.w, c.h) for c in chart.cards] + [(f.x, f.y, f.w, f.h) for f in chart.frames if f.empty]
        assert not overlaps(rects) and not overlaps([(f.x, f.y, f.w, f.h) for f in chart.frames])
        assert box.x + box.w <= chart.width and box.y + box.h <= chart.height
    english = build_chart(plan_team(Profile(monthly_sales=150_000, merchant="Shop", fulfilment="cloud", headcount_budget=4), kb, "en"), kb,
                          "growth", ChartOptions(date="2026-11-24", lang="en"))
    box = next(f for f in english.frames if f.group == "store")
    assert box.name.endswith(")") and " (covered by " in box.name and "、" not in box.name


def test_compact_stacks_wide_groups(kb) -> None:  # type: ignore[no-untyped-def]
    people = [Person(name="店长", roles=["store_ops"])] + [
        Person(name=f"客服{i}", roles=["customer_service"], reports_to="店长") for i in range(10)]
    team = Team(stage="mature", people=people)
    stacked = build_chart(team, kb, "mature", ChartOptions(date="x"))
    wide = build_chart(team, kb, "mature", ChartOptions(date="x", compact="off"))
    assert stacked.width < wide.width / 3
    assert len({c.x for c in stacked.cards[1:]}) == 2  # ten in two columns of five, not one of ten
    assert sorted(Counter(c.x for c in stacked.cards[1:]).values()) == [5, 5]


def test_horizontal_orientation(kb) -> None:  # type: ignore[no-untyped-def]
    chart = chart_of(kb, orientation="horizontal")
    lead, host = chart.cards[0], chart.cards[1]
    assert host.x > lead.x + lead.w
    assert not overlaps([(c.x, c.y, c.w, c.h) for c in chart.cards])


def test_deterministic(kb) -> None:  # type: ignore[no-untyped-def]
    assert msgspec.json.encode(chart_of(kb, 2_500_000)) == msgspec.json.encode(chart_of(kb, 2_500_000))


names = st.text(alphabet=st.sampled_from("主播运营客服老王小李张三 ABCxyz<>&\"'-—\\"), min_size=1, max_size=30)


@settings(max_examples=60, deadline=None)
@given(st.lists(st.tuples(names, st.lists(st.sampled_from(
    ["anchor", "live_ops", "customer_service", "store_ops", "video_editor", "floor_control"]), min_size=1, max_size=4,
    unique=True), st.integers(min_value=-1, max_value=30)), min_size=1, max_size=30, unique_by=lambda t: t[0].strip()),
    st.sampled_from(["vertical", "horizontal"]), st.sampled_from(["auto", "on", "off"]))
def test_no_two_boxes_overlap_on_random_teams(kb, rows, orientation, compact) -> None:  # type: ignore[no-untyped-def]
    people = []
    for i, (name, roles, boss) in enumerate(rows):
        manager = rows[boss][0] if 0 <= boss < i else None
        people.append(Person(name=name, roles=roles, reports_to=manager))
    team = Team(people=people)
    chart = build_chart(team, kb, "growth", ChartOptions(date="x", orientation=orientation, compact=compact))
    boxes = [(f.x, f.y, f.w, f.h) for f in chart.frames if f.empty]  # groups someone serves but nobody sits in
    assert not overlaps([(c.x, c.y, c.w, c.h) for c in chart.cards] + boxes)
    assert not overlaps([(f.x, f.y, f.w, f.h) for f in chart.frames])  # boxes and frames never cross either
    assert all(c.x >= 0 and c.y >= 0 and c.x + c.w <= chart.width and c.y + c.h <= chart.height for c in chart.cards)
    assert all(x >= 0 and y >= 0 and x + w <= chart.width and y + h <= chart.height for x, y, w, h in boxes)
    lines = {(e.source, e.target) for e in chart.edges if e.kind == "serves"}
    assert all((c.id, f"group:{g}") in lines for c in chart.cards for g in c.serves)  # a dashed line to every group served


def test_every_group_in_a_legend_has_its_own_colour(kb) -> None:  # type: ignore[no-untyped-def]
    """Every stage's legend (and a team with the company's own departments): no two groups share a swatch."""
    from douyin_team.chart.model import THEMES

    light = THEMES["light"].groups
    assert set(light) == {g.id for g in kb.groups} and len(set(light.values())) == len(light)
    for sales in (30_000, 300_000, 2_500_000, 20_000_000, 50_000_000):
        for lang in ("zh", "en"):
            team = plan_team(Profile(monthly_sales=sales, merchant="山野茶铺"), kb, lang)
            chart = build_chart(team, kb, team.stage or "", ChartOptions(date="2026-11-24", lang=lang))
            groups = [(i.label, i.color) for i in chart.legend if i.kind == "group"]
            assert len(groups) >= 2 and len({c for _, c in groups}) == len(groups), (sales, groups)
    mature = {i.label: i.color for i in chart_of(kb, 5_000_000).legend}  # the case seen: both, one purple
    assert mature["短视频组"] != mature["内容创作部"] and mature["负责人"] != mature.get("运营管理部")
