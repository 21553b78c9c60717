"""The workload model's data: day parts, categories and the figures the planner sizes a team with.

The values live in `workload.yaml`; each figure cites its sources and says when it is our own estimate, so a
plan can show where every number came from. A playbook overrides any figure key by key.
"""

# No `from __future__ import annotations`: msgspec reads these classes' annotations when a command first
# decodes the cached knowledge base, and as strings they would be compiled there (3 ms of every start).

import msgspec

from ..text import Text


class Figure(msgspec.Struct, frozen=True, forbid_unknown_fields=True):
    """One number of the model, with what it means and where it comes from."""

    value: float
    note: Text
    sources: list[str]
    estimate: bool = False
    low: float | None = None  # the range practitioners give, where they give one
    high: float | None = None


class TextFigure(msgspec.Struct, frozen=True, forbid_unknown_fields=True):
    """A figure whose value is text (a window of hours)."""

    value: str
    note: Text
    sources: list[str]
    estimate: bool = False


class BandsFigure(msgspec.Struct, frozen=True, forbid_unknown_fields=True):
    """A figure that depends on monthly sales: [[sales from, value], …] in ascending order of sales."""

    value: list[tuple[float, float]]
    note: Text
    sources: list[str]
    estimate: bool = False

    def at(self, sales: float) -> float:
        """The value of the band `sales` falls in (the first band below any sales)."""
        found = self.value[0][1]
        for start, value in self.value:
            if sales >= start:
                found = value
        return found


class DayPart(msgspec.Struct, frozen=True, forbid_unknown_fields=True):
    """A part of the day a live session can be placed in (晚场 19:00–23:00 …), most preferred at rank 1."""

    id: str
    name: Text
    start: str
    end: str
    rank: int
    sources: list[str]
    night: bool = False


class Category(msgspec.Struct, frozen=True, forbid_unknown_fields=True):
    """A product category: its usual order value (客单价) and how many orders one packer ships a day."""

    id: str
    name: Text
    order_value: float
    packs_per_day: float
    sources: list[str]


class Workload(msgspec.Struct, frozen=True, forbid_unknown_fields=True):
    """The figures the planner turns a merchant's business into people with (see workload.yaml)."""

    host_hours_per_day: Figure
    host_days_per_week: Figure
    host_cover_share: Figure
    crew_hours_per_day: Figure
    crew_prep_share: Figure
    max_session_hours: Figure
    live_days_per_week: Figure
    central_control_min_sales: Figure
    consults_per_order: Figure
    chats_automated_share: Figure
    chats_per_agent_per_day: Figure
    live_chat_peak: Figure
    service_window: TextFigure
    full_time_days_per_week: Figure
    cloud_warehouse_below_orders: Figure
    packer_days_per_week: Figure
    ad_spend_share: Figure
    spend_per_buyer: Figure
    rooms_per_buyer: Figure
    rooms_per_live_ops: Figure
    hosts_per_live_ops: Figure
    clips_per_editor_per_day: Figure
    videos_per_room_per_day: Figure
    videos_per_room_per_day_video_focus: Figure
    creatives_per_room_per_week: Figure
    creatives_from_spend: Figure
    editors_per_director: Figure
    span_of_control: Figure
    orders_per_store_operator: Figure
    shelf_share: Figure
    shelf_share_store_focus: Figure
    shelf_sales_per_listing: Figure
    min_listings: Figure
    listings_per_store_operator: Figure
    listing_refresh_per_month: Figure
    design_hours_per_listing: Figure
    listings_per_merchandiser: Figure
    sales_per_specialist: Figure
    live_hours_by_sales: BandsFigure
    rooms_by_sales: BandsFigure
