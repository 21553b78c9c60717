"""Sample data that tests of several packages share: a growth-stage roster and random merchant profiles."""

from __future__ import annotations

from hypothesis import strategies as st

from douyin_team.team import Candidate, Profile

# Six people for a 300k/month plan: one of them (阿豪贵) the same as 阿豪 but dearer.
GROWTH_ROSTER = [
    Candidate(name="小美", skills={"主播": 5, "助播": 3}, hours=44, monthly_cost=12000),
    Candidate(name="阿杰", skills="场控4、助播4、直播运营2", hours=44, monthly_cost=8000),
    Candidate(name="老周", skills={"负责人": 5, "直播运营": 4, "投手": 3}, hours=60, monthly_cost=0),
    Candidate(name="小敏", skills="中控3、抖店运营4、客服5", hours=44, monthly_cost=6500),
    Candidate(name="阿豪", skills="剪辑4、编导3、美工2", hours=40, monthly_cost=8000),
    Candidate(name="阿豪贵", skills="剪辑4、编导3、美工2", hours=40, monthly_cost=15000),
]

# Random merchants for property tests (Hypothesis), from a 0 to a 50M monthly turnover.
profiles = st.builds(
    Profile,
    monthly_sales=st.floats(min_value=0, max_value=50_000_000),
    focus=st.sampled_from(["live", "store", "video", None]),
    resources=st.lists(st.sampled_from(["supply_chain", "offline_stores", "ecommerce_team"]), unique=True),
    headcount_budget=st.one_of(st.none(), st.integers(min_value=1, max_value=30)),
    live_hours=st.one_of(st.none(), st.floats(min_value=0, max_value=24)),
    city_tier=st.one_of(st.none(), st.integers(min_value=1, max_value=5)),
    ads=st.one_of(st.none(), st.booleans()),
)


def big_team(size: int, merchant: str = "大商家", span: int | None = None) -> dict[str, object]:
    """A team document of `size` people: a lead and, under them, people holding one post each in turn
    (posts of a mature team's plan) — big enough that its kit PDF takes seconds to render. With `span`, each
    person has up to `span` reports (a tree `size` people deep for span 1), so its chart is tall and wide
    instead of the lead's compact columns."""
    posts = ["主播", "助播", "场控", "中控", "直播运营", "投手", "短视频编导", "拍摄剪辑", "抖店运营", "客服", "设计/美工"]
    names = ["总负责人"] + [f"{posts[i % len(posts)]}{i:03d}" for i in range(1, size)]
    people: list[dict[str, object]] = [{"name": names[0], "roles": ["负责人"]}]
    people += [{"name": names[i], "roles": [posts[i % len(posts)]],
                "reports_to": names[(i - 1) // span] if span else names[0]} for i in range(1, size)]
    return {"merchant": merchant, "monthly_sales": 5_000_000, "people": people}
