"""The merchant's situation: the profile with every default filled in, as the planner works from it.

Each default is a figure of the knowledge base's workload model (`knowledge/workload.yaml`); `assumed` lists
the ones the merchant did not give, so the plan can say what it assumed.
"""

from __future__ import annotations

from typing import TypeVar

import msgspec

from ..errors import InvalidValue
from ..knowledge import KnowledgeBase
from ..team import Focus, Fulfilment, Profile, Service
from .diagnosis import Diagnosis

T = TypeVar("T")


class Situation(msgspec.Struct, frozen=True):
    """The profile with every default filled in."""

    stage: str
    focus: Focus
    resources: frozenset[str]
    ads: bool
    live_hours: float  # a day, per room
    rooms: int
    live_days: int
    day_parts: tuple[str, ...]
    sales: float
    category: str
    order_value: float
    orders_per_day: float
    ad_spend: float  # a month; 0 without ads
    fulfilment: Fulfilment
    service: Service
    videos_per_week: float
    small_city: bool
    budget: int | None
    budget_paid: bool = False  # the headcount budget is what the labour money pays for (pricing), not the merchant's
    assumed: tuple[str, ...] = ()
    shelf_share: float = 0.0  # of the sales, made on the shelf (商城, search, shop page, product cards)
    listings: float = 0.0  # live listings the shelf's sales take to keep up


def usual_live_hours(kb: KnowledgeBase, sales: float, focus: str) -> float:
    """A room's live hours a day when the merchant does not say: by sales, half of it when live is not the focus."""
    return kb.figures.live_hours_by_sales.at(sales) * (1 if focus == "live" else 0.5)


def usual_rooms(kb: KnowledgeBase, sales: float, focus: str) -> int:
    """Live rooms when the merchant does not say, by sales: a shelf-first shop by what it sells live only."""
    w = kb.figures
    return int(w.rooms_by_sales.at(sales * (1 - w.shelf_share_store_focus.value) if focus == "store" else sales))


def situation(profile: Profile, kb: KnowledgeBase, diagnosis: Diagnosis) -> Situation:
    """Fill in the defaults from the knowledge base's workload figures and the stage."""
    w, stage = kb.figures, diagnosis.stage
    assumed: list[str] = []

    def given(name: str, value: T | None, default: T) -> T:
        if value is None:
            assumed.append(name)
            return default
        return value

    sales = profile.monthly_sales if profile.monthly_sales is not None else _typical_sales(kb, stage)
    category = given("category", profile.category, "general")
    if category not in kb.category:
        raise InvalidValue(f"unknown category '{category}'", field="category", hint=f"use one of: {', '.join(kb.category)}")
    order_value = given("order_value", profile.order_value, kb.category[category].order_value)
    orders = sales / 30 / order_value
    focus = profile.focus or "live"
    hours = given("live_hours", profile.live_hours, usual_live_hours(kb, sales, focus))
    shelf = (w.shelf_share_store_focus if focus == "store" else w.shelf_share).value
    rooms = given("rooms", profile.rooms, usual_rooms(kb, sales, focus))
    ads = profile.ads is not False
    if profile.ads is None:
        assumed.append("ads")
    spend = given("ad_spend", profile.ad_spend, sales * w.ad_spend_share.value) if ads else 0.0
    own_stock = bool({"supply_chain", "offline_stores"} & set(profile.resources))
    default_mode: Fulfilment = "own" if own_stock or orders >= w.cloud_warehouse_below_orders.value else "cloud"
    per_day = (w.videos_per_room_per_day_video_focus if focus == "video" else w.videos_per_room_per_day).value
    videos = rooms * per_day * 7 * (0.5 if stage == "novice" else 1)  # a newcomer posts half as often (our estimate)
    if spend >= w.creatives_from_spend.value:
        videos += rooms * w.creatives_per_room_per_week.value
    return Situation(
        stage=stage, focus=focus, resources=frozenset(profile.resources), ads=ads, live_hours=hours, rooms=rooms,
        live_days=given("live_days", profile.live_days, int(w.live_days_per_week.value)),
        day_parts=tuple(day_part_ids(kb, profile.day_parts)), sales=sales, category=category, order_value=order_value,
        orders_per_day=orders, ad_spend=spend, fulfilment=given("fulfilment", profile.fulfilment, default_mode),
        service=given("service", profile.service, "in_house"),
        videos_per_week=float(given("videos_per_week", profile.videos_per_week, round(videos))),
        small_city=(profile.city_tier or 1) >= kb.settings.small_city_tier, budget=profile.headcount_budget,
        assumed=tuple(assumed), shelf_share=shelf,
        listings=max(w.min_listings.value, sales * shelf / w.shelf_sales_per_listing.value),
    )


def _typical_sales(kb: KnowledgeBase, stage: str) -> float:
    """Monthly sales to size a plan by when only the stage is given: the middle of its range (mature: twice its floor)."""
    s = kb.stage[stage]
    return (s.sales_min + s.sales_max) / 2 if s.sales_max is not None else s.sales_min * 2


def day_part_ids(kb: KnowledgeBase, names: list[str]) -> list[str]:
    """Day-part ids for ids or names (晚场, evening …), in the order given; InvalidValue for an unknown one."""
    known = {key: part.id for part in kb.day_parts for key in (part.id, part.name.zh, part.name.en.casefold())}
    out = []
    for name in names:
        part = known.get(name.strip()) or known.get(name.strip().casefold())
        if part is None:
            raise InvalidValue(f"unknown day part '{name}'", field="day_parts",
                               hint="use " + "、".join(f"{p.name.zh}（{p.id}）" for p in kb.day_parts))
        out.append(part)
    return list(dict.fromkeys(out))
