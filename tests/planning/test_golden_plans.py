"""Golden plans for a dozen named merchants from 5k to 50M a month: the plan as the CLI prints it, with its
reasons, read by an expert and kept in tests/golden/plans/ (rewrite with `pytest --update-golden`).

Each plan must also pass its own check and grow with the business.
"""

from __future__ import annotations

from typing import Any

import pytest

from douyin_team.checking import check_team, result_team
from douyin_team.planning import plan_team
from douyin_team.reports import render
from douyin_team.team import Profile

MERCHANTS: dict[str, dict[str, Any]] = {
    # a one-woman handmade-soap shop in a county town, no ads, one person
    "soap-5k": {"merchant": "小城手工皂", "monthly_sales": 5_000, "city_tier": 5, "ads": False, "headcount_budget": 1},
    # a mother selling snacks at night, the worked newcomer example
    "snacks-30k": {"merchant": "宝妈零食铺", "monthly_sales": 30_000, "category": "food"},
    # a women's-wear newcomer live every evening, 3 hours
    "apparel-80k": {"merchant": "小鹿女装", "monthly_sales": 80_000, "category": "apparel", "live_hours": 3},
    # a beauty shop growing on a cloud warehouse
    "beauty-150k": {"merchant": "花漾美妆", "monthly_sales": 150_000, "category": "beauty", "fulfilment": "cloud"},
    # the README's tea shop
    "tea-300k": {"merchant": "山野茶铺", "monthly_sales": 300_000},
    # the worked two-shift room
    "two-shift-600k": {"merchant": "好物优选", "monthly_sales": 600_000, "live_hours": 8},
    # a home-goods shop that sells from the shelf first
    "home-store-900k": {"merchant": "安居家居", "monthly_sales": 900_000, "category": "home", "focus": "store"},
    # an apparel brand just past the growth bound
    "apparel-1.2m": {"merchant": "衣见倾心", "monthly_sales": 1_200_000, "category": "apparel"},
    # a beauty brand with two rooms (matrix accounts)
    "beauty-3m-two-rooms": {"merchant": "研色", "monthly_sales": 3_000_000, "category": "beauty", "rooms": 2},
    # a food brand with outsourced service and a morning slot
    "food-8m": {"merchant": "田园鲜食", "monthly_sales": 8_000_000, "category": "food", "service": "outsourced",
                    "day_parts": ["早场", "晚场"]},
    # the worked three-room 24-hour brand
    "brand-20m-24h": {"merchant": "极光数码", "monthly_sales": 20_000_000, "rooms": 3, "live_hours": 24, "live_days": 7},
    # a 50M group with its own supply chain and a cloud warehouse
    "group-50m": {"merchant": "远山集团", "monthly_sales": 50_000_000, "resources": ["supply_chain"], "fulfilment": "cloud"},
}


@pytest.mark.parametrize("name", list(MERCHANTS))
def test_golden_plan(kb, golden, name: str) -> None:  # type: ignore[no-untyped-def]
    team = plan_team(Profile(**MERCHANTS[name]), kb)
    result = check_team(team, kb)
    assert result.errors == 0
    text = render(result_team(team, result, kb, "zh"), "text", kb, "zh", f"抖音团队方案 · {team.merchant}")
    golden(f"plans/{name}.txt", text)


def test_the_dozen_grow_with_the_business(kb) -> None:  # type: ignore[no-untyped-def]
    alike = ("tea-300k", "two-shift-600k", "apparel-1.2m", "beauty-3m-two-rooms", "brand-20m-24h")
    sizes = [len(plan_team(Profile(**MERCHANTS[n]), kb).people) for n in alike]
    assert sizes == sorted(sizes) and len(set(sizes)) == len(sizes)
