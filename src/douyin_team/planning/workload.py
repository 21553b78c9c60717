"""Work → posts: how many people each post of the stage needs, from the merchant's live sessions, orders,
ad spend and videos, with the figures (and their sources) that say how much one person does.

The stage decides which posts exist (`knowledge/posts.yaml`) and which may combine; the work decides how many
people each takes. A post's `driver` names what sizes it; one without a driver keeps its stage load.
"""

from __future__ import annotations

import math
from collections.abc import Callable
from typing import NamedTuple

import msgspec

from ..errors import InvalidValue
from ..knowledge import FULL_TIME_HOURS, KnowledgeBase, PostSpec, hours_range
from ..team import WorkloadLine
from ..text import Text
from .packing import Post
from .sessions import Slot
from .situation import Situation

EPS = 1e-9


class Need(NamedTuple):
    """What one driver asks of a post: people-worth of work, how many posts it splits into, the windows each
    post works in (by post), and the line that explains it."""

    work: float
    posts: int
    windows: list[tuple[tuple[int, int], ...]]
    line: WorkloadLine
    why: Text | None
    rooms: list[int] = []  # the room of each post, for on-air crew


def stage_posts(kb: KnowledgeBase, sit: Situation, slots: list[Slot]) -> tuple[list[Post], list[WorkloadLine]]:
    """The stage's posts for this merchant, each sized by its driver; and the workload lines behind them."""
    posts: list[Post] = []
    lines: list[WorkloadLine] = []
    specs = [phased(kb, sit, spec) for spec in kb.posts.get(sit.stage, []) if _applies(spec, sit)]
    needs = [DRIVERS[spec.driver](kb, sit, slots, spec) if spec.driver else None for spec in specs]
    total = sum(need.posts if need is not None else spec.count for spec, need in zip(specs, needs, strict=True))
    if total > kb.settings.max_plan_posts:
        raise InvalidValue(f"this business needs about {total:,} posts; plans go up to {kb.settings.max_plan_posts:,}",
                           field="monthly_sales", hint="check the monthly sales, rooms and live hours, or plan one business unit at a time")
    for spec, need in zip(specs, needs, strict=True):
        if need is None:
            load, notes = _sized(kb, sit, spec, spec.load)
            posts.extend(Post(spec.role, load, spec.why, list(spec.sources), list(notes)) for _ in range(spec.count))
            continue
        lines.append(need.line)
        load, notes = _sized(kb, sit, spec, need.work / need.posts, need.why) if need.posts else (0.0, [])
        days = sit.live_days if spec.driver == "session" else 0
        for k in range(need.posts):  # alike but for their live windows and rooms: each post its own object
            windows = need.windows[k] if need.windows else ()
            room = need.rooms[k] if need.rooms else 0
            posts.append(Post(spec.role, load, spec.why, list(spec.sources), list(notes), room, windows, days))
    return posts, lines


def phased(kb: KnowledgeBase, sit: Situation, spec: PostSpec) -> PostSpec:
    """The post with its stage load phased in (`phase_in_sales`): between the stage's sales floor and that
    figure the load runs straight from the post's load at the stage before (0 where it had none) to its own."""
    full = kb.settings.phase_in_sales.get(sit.stage)
    floor = kb.stage[sit.stage].sales_min or 0
    if full is None or sit.sales >= full or full <= floor:
        return spec
    before = _loads_before(kb, sit.stage).get(spec.role, 0.0)
    if before >= spec.load:
        return spec
    share = max(0.0, (sit.sales - floor) / (full - floor))
    return msgspec.structs.replace(spec, load=round(before + (spec.load - before) * share, 4))


def _loads_before(kb: KnowledgeBase, stage: str) -> dict[str, float]:
    """Each post's largest load at the stage before `stage` (knowledge only, made once)."""
    loads = kb.derived.get(("loads_before", stage))
    if loads is None:
        order = [s.id for s in kb.stages]
        at = order.index(stage)
        loads = {}
        for spec in kb.posts.get(order[at - 1], []) if at > 0 else []:
            loads[spec.role] = max(loads.get(spec.role, 0.0), spec.load)
        kb.derived[("loads_before", stage)] = loads
    assert isinstance(loads, dict)
    return loads


def _applies(spec: PostSpec, sit: Situation) -> bool:
    if spec.focus and sit.focus not in spec.focus:
        return False
    if spec.if_resources and not sit.resources & set(spec.if_resources):
        return False
    return sit.ads or not spec.only_with_ads


LEAN = Text(zh="重心不在这个组，人手从简", en="this group is not the focus, so it is kept lean")
FOCUS = Text(zh="这个组是运营重心，人手加强", en="this group is the focus, so it is staffed up")
SMALL_CITY = Text(zh="小城市专才难招，优先兼任", en="specialists are hard to hire in small towns, so this post is combined first")
EXISTING = Text(zh="可从现有电商团队调配，不必新招", en="can be staffed from your existing e-commerce team")


def _sized(kb: KnowledgeBase, sit: Situation, spec: PostSpec, load: float,
           driver: Text | None = None) -> tuple[float, list[Text]]:
    """A post's load for this merchant (its work adjusted for the focus and the city) and the notes that say
    how (`driver`: what its work was sized by, first)."""
    notes = [driver] if driver is not None else []
    # Main images and detail pages are shelf work: with a store focus the designer is part of the shelf team.
    group = "store" if spec.driver == "design" and sit.focus == "store" else kb.role[spec.role].group
    if spec.driver in (None, "shelf", "design", "videos") and sit.stage != "mature" and group in ("store", "video") \
            and group != sit.focus:
        load *= kb.settings.lean_factor
        notes.append(LEAN)
    elif spec.driver in (None, "shelf", "design", "videos", "sales") and sit.stage != "mature" and group == sit.focus != "live":
        load *= kb.settings.focus_factor
        notes.append(FOCUS)
    if sit.small_city and spec.role in kb.settings.specialist_roles and spec.driver in (None, "sales"):
        load *= kb.settings.small_city_specialist_factor
        notes.append(SMALL_CITY)
    if "ecommerce_team" in sit.resources and spec.role in kb.settings.existing_team_roles:
        notes.append(EXISTING)
    return round(load, 4), notes


def _split(work: float, at_least: int = 1) -> int:
    return max(at_least, math.ceil(work - EPS)) if work > EPS else 0


def _line(spec: PostSpec, driver: str, amount: float, per_person: float, people: float,
          sources: list[str]) -> WorkloadLine:
    return WorkloadLine(post=spec.role, driver=driver, amount=round(amount, 2), per_person=round(per_person, 2),
                        people=round(people, 2), sources=list(dict.fromkeys(sources)))


def _session_crew(kb: KnowledgeBase, sit: Situation, slots: list[Slot], spec: PostSpec) -> Need:
    """On-air crew: every session needs this post for its whole length; hours and days a person can give."""
    w = kb.figures
    host = spec.role in kb.settings.on_camera_roles and spec.role == "anchor"
    per_day = (w.host_hours_per_day if host else w.crew_hours_per_day).value
    days = w.host_days_per_week.value
    windows: list[tuple[tuple[int, int], ...]] = []
    rooms: list[int] = []
    total = 0.0
    work = 0.0
    for room in range(1, sit.rooms + 1):
        mine = [s for s in slots if s.room == room]
        hours = sum(s.hours for s in mine) * sit.live_days
        n = max(_split(hours / (per_day * days)), _split(len(mine) * sit.live_days / days))
        windows += [((mine[k % len(mine)].start, mine[k % len(mine)].end),) for k in range(n)]
        rooms += [room] * n
        total += hours
        work += hours / (per_day * days) if host else hours * (1 + w.crew_prep_share.value) / FULL_TIME_HOURS
    capacity = per_day * days
    sources = [*(w.host_hours_per_day if host else w.crew_hours_per_day).sources, *w.host_days_per_week.sources]
    line = _line(spec, "live_hours_per_week", total, capacity, total / capacity, sources)
    why = Text(zh=f"每周直播{total:g}小时（{sit.rooms}个直播间），每人每周约{capacity:g}小时 → {len(windows)}人",
               en=f"{total:g} live hours a week ({sit.rooms} room(s)), about {capacity:g} per person → {len(windows)}")
    return Need(max(work, EPS * 2), len(windows), windows, line, why, rooms)


def _service(kb: KnowledgeBase, sit: Situation, slots: list[Slot], spec: PostSpec) -> Need | None:
    """Customer service: chats from the orders, at least the service window once service is a team."""
    w = kb.figures
    chats = sit.orders_per_day * w.consults_per_order.value * (1 - w.chats_automated_share.value)
    if sit.service == "outsourced":  # the chats stay in the line: the outsourced service is priced by them
        line = _line(spec, "outsourced", chats, 0, 0, ["xiaoduo-outsourcing"])
        return Need(0, 0, [], line, Text(zh="客服外包", en="service is outsourced"))
    per_person = w.chats_per_agent_per_day.value * w.full_time_days_per_week.value / 7
    work = max(chats / per_person, spec.load)
    window = hours_range(w.service_window.value)
    cover = math.ceil((window[1] - window[0]) / 60 * 7 / FULL_TIME_HOURS - EPS)
    n = _split(work)
    if n >= 2:  # a service team covers the whole window every day
        n = max(n, cover)
        work = max(work, float(n))
    line = _line(spec, "chats_per_day", chats, per_person, chats / per_person,
                 [*w.consults_per_order.sources, *w.chats_automated_share.sources, *w.chats_per_agent_per_day.sources, *w.service_window.sources])
    why = Text(zh=f"每天约{chats:.0f}次需要人工回复的咨询，每人每天约{w.chats_per_agent_per_day.value:g}次；在线时段{w.service_window.value}",
               en=f"About {chats:.0f} chats a day that need a person, {w.chats_per_agent_per_day.value:g} per agent a day; online {w.service_window.value}")
    if n < cover:
        why = _uncovered(kb, why, window, chats)
    return Need(work, n, [(window,)] * n, line, why)


def _uncovered(kb: KnowledgeBase, why: Text, window: tuple[int, int], chats: float) -> Text:
    """The service window one in-house agent cannot cover, and how to cover the rest: so few chats that an
    outsourced shift would cost no more than its monthly floor are answered from 飞鸽's phone app (our reading
    of the sources); more are an outsourced early or late shift, as merchants usually do."""
    week = (window[1] - window[0]) / 60 * 7
    f = kb.pay_figures
    head = Text(zh=f"{why.zh}；一人每周在线约{FULL_TIME_HOURS:g}小时，覆盖不了这段时间每周{week:g}小时：",
                en=f"{why.en}; one agent is online about {FULL_TIME_HOURS:g} h a week, not the window's {week:g}: ")
    if chats * 30 * f.outsourced_per_chat.value <= f.outsourced_minimum.value:
        return Text(zh=head.zh + "咨询不多，开飞鸽自动回复，其余时段由负责人用飞鸽手机端接待（超过90秒没回算慢）",
                    en=head.en + "with so few chats, turn on 飞鸽's auto-replies and let the lead answer the rest "
                    "on the 飞鸽 phone app (over 90 s counts as slow)")
    return Text(zh=head.zh + f"常见做法是把早班或晚班外包（按咨询量计价，每月约{f.outsourced_minimum.value:,.0f}元起），"
                "或由负责人在不开播时补位",
                en=head.en + "merchants usually outsource the early or late shift (priced by the chat, from about "
                f"{f.outsourced_minimum.value:,.0f} CNY a month) or have the lead cover when not live")


def _packing(kb: KnowledgeBase, sit: Situation, slots: list[Slot], spec: PostSpec) -> Need | None:
    """Fulfilment: orders a day over what one packer ships; none with a cloud warehouse or no stock."""
    w = kb.figures
    if sit.fulfilment != "own":
        orders = sit.orders_per_day if sit.fulfilment == "cloud" else 0  # a cloud warehouse is priced by its orders
        line = _line(spec, f"fulfilment_{sit.fulfilment}", orders, 0, 0, w.cloud_warehouse_below_orders.sources)
        return Need(0, 0, [], line, Text(zh="云仓或无库存，不设仓储", en="cloud warehouse or no stock"))
    pace = kb.category[sit.category].packs_per_day
    per_person = pace * w.packer_days_per_week.value / 7
    work = max(sit.orders_per_day / per_person, spec.load if sit.orders_per_day else 0)
    line = _line(spec, "orders_per_day", sit.orders_per_day, per_person, sit.orders_per_day / per_person,
                 [*kb.category[sit.category].sources, *w.packer_days_per_week.sources])
    why = Text(zh=f"每天约{sit.orders_per_day:.0f}单，每人每天约打包{pace:g}单", en=f"About {sit.orders_per_day:.0f} orders a day, {pace:g} packed per person a day")
    return Need(work, _split(work), [], line, why)


def _ads(kb: KnowledgeBase, sit: Situation, slots: list[Slot], spec: PostSpec) -> Need:
    """Paid traffic: the month's spend over what one buyer manages, and rooms over rooms per buyer."""
    w = kb.figures
    work = max(spec.load, sit.ad_spend / w.spend_per_buyer.value, sit.rooms / w.rooms_per_buyer.value if sit.rooms > 1 else 0)
    n = _split(work)
    live = tuple((s.start, s.end) for s in slots)
    line = _line(spec, "ad_spend_per_month", sit.ad_spend, w.spend_per_buyer.value, sit.ad_spend / w.spend_per_buyer.value,
                 [*w.ad_spend_share.sources, *w.spend_per_buyer.sources, *w.rooms_per_buyer.sources])
    why = Text(zh=f"每月千川消耗约{sit.ad_spend / 10000:.1f}万元，一名投手约管{w.spend_per_buyer.value / 10000:g}万元、{w.rooms_per_buyer.value:g}个直播间",
               en=f"About {sit.ad_spend:,.0f} CNY of ads a month; one buyer manages about {w.spend_per_buyer.value:,.0f} and {w.rooms_per_buyer.value:g} rooms")
    return Need(work, n, [live] * n, line, why)


def _videos(kb: KnowledgeBase, sit: Situation, slots: list[Slot], spec: PostSpec) -> Need | None:
    """Short video: videos a week over an editor's weekly output."""
    w = kb.figures
    per_person = w.clips_per_editor_per_day.value * w.full_time_days_per_week.value
    work = sit.videos_per_week / per_person
    posting = w.videos_per_room_per_day_video_focus if sit.focus == "video" else w.videos_per_room_per_day
    line = _line(spec, "videos_per_week", sit.videos_per_week, per_person, work,
                 [*w.clips_per_editor_per_day.sources, *posting.sources])
    why = Text(zh=f"每周约{sit.videos_per_week:g}条短视频，一人每周约出{per_person:g}条",
               en=f"About {sit.videos_per_week:g} short videos a week, about {per_person:g} per editor")
    return Need(work, _split(work), [], line, why)


def _directors(kb: KnowledgeBase, sit: Situation, slots: list[Slot], spec: PostSpec) -> Need | None:
    """Video directors: one to every few editors (at least the stage's share while videos are made)."""
    w = kb.figures
    editors = sit.videos_per_week / (w.clips_per_editor_per_day.value * w.full_time_days_per_week.value)
    if editors <= EPS:
        return Need(0, 0, [], _line(spec, "editors", 0, w.editors_per_director.value, 0, w.editors_per_director.sources),
                    Text(zh="不做短视频", en="no short videos"))
    work = max(min(spec.load, editors), editors / w.editors_per_director.value)
    line = _line(spec, "editors", editors, w.editors_per_director.value, editors / w.editors_per_director.value,
                 w.editors_per_director.sources)
    why = Text(zh=f"约{editors:.1f}名剪辑的工作量，一名编导带{w.editors_per_director.value:g}人",
               en=f"About {editors:.1f} editors' work; one director leads {w.editors_per_director.value:g}")
    return Need(work, _split(work), [], line, why)


def _rooms(kb: KnowledgeBase, sit: Situation, slots: list[Slot], spec: PostSpec) -> Need:
    """Live operations: one operator to every few rooms, and to every few hosts once a room runs several
    sessions a day (at least the stage's share)."""
    w = kb.figures
    hosts = sum(_hosts(kb, sit, [s for s in slots if s.room == room]) for room in range(1, sit.rooms + 1))
    by_rooms, by_hosts = sit.rooms / w.rooms_per_live_ops.value, hosts / w.hosts_per_live_ops.value
    work = max(spec.load, by_rooms, by_hosts)
    line = _line(spec, "rooms" if by_rooms >= by_hosts else "hosts", sit.rooms if by_rooms >= by_hosts else hosts,
                 w.rooms_per_live_ops.value if by_rooms >= by_hosts else w.hosts_per_live_ops.value,
                 max(by_rooms, by_hosts), [*w.rooms_per_live_ops.sources, *w.hosts_per_live_ops.sources])
    why = Text(zh=f"{sit.rooms}个直播间、{hosts}名主播，一名直播运营带约{w.rooms_per_live_ops.value:g}个直播间或"
                  f"{w.hosts_per_live_ops.low:g}–{w.hosts_per_live_ops.high:g}名主播",
               en=f"{sit.rooms} room(s) and {hosts} host(s); one live operator runs about {w.rooms_per_live_ops.value:g} "
                  f"rooms or {w.hosts_per_live_ops.low:g}–{w.hosts_per_live_ops.high:g} hosts")
    return Need(work, _split(work), [], line, why)


def _hosts(kb: KnowledgeBase, sit: Situation, mine: list[Slot]) -> int:
    """Hosts one room's sessions need: its hours on air over a host's week, and a host per session a day."""
    w = kb.figures
    hours = sum(s.hours for s in mine) * sit.live_days
    capacity = w.host_hours_per_day.value * w.host_days_per_week.value
    return max(_split(hours / capacity), _split(len(mine) * sit.live_days / w.host_days_per_week.value))


def _shelf_text(kb: KnowledgeBase, sit: Situation) -> Text:
    """The shelf's part of the sales and the listings it takes (shared by the shelf posts' reasons)."""
    return Text(zh=f"月销约{sit.sales * sit.shelf_share / 10000:g}万元来自货架（约{sit.shelf_share:.0%}），约{sit.listings:.0f}个在售商品",
                en=f"about {sit.sales * sit.shelf_share:,.0f} CNY a month from the shelf ({sit.shelf_share:.0%}), "
                   f"about {sit.listings:.0f} listings")


def _shelf(kb: KnowledgeBase, sit: Situation, slots: list[Slot], spec: PostSpec) -> Need:
    """Shop operations: the larger of the order side (reviews, after-sales, scores: orders a day over what one
    operator looks after) and the shelf side (listings over what one operator keeps up: titles and main images,
    prices and stock, search terms, product cards, campaign entries), at least the stage's share."""
    w = kb.figures
    per_order, per_listing = w.orders_per_store_operator.value, w.listings_per_store_operator.value
    by_orders, by_listings = sit.orders_per_day / per_order, sit.listings / per_listing
    work = max(spec.load, by_orders, by_listings)
    shelf = by_listings > by_orders
    line = _line(spec, "listings" if shelf else "orders_per_day", sit.listings if shelf else sit.orders_per_day,
                 per_listing if shelf else per_order, max(by_orders, by_listings),
                 [*w.orders_per_store_operator.sources, *w.shelf_share.sources, *w.listings_per_store_operator.sources])
    why = Text(zh=f"每天约{sit.orders_per_day:.0f}单，一名抖店运营约管{per_order:g}单",
               en=f"About {sit.orders_per_day:.0f} orders a day; one shop operator looks after about {per_order:g}")
    if by_listings > max(by_orders, spec.load) or sit.focus == "store":  # the shelf's work, where it sizes the post
        head = _shelf_text(kb, sit)
        why = Text(zh=f"{why.zh}；{head.zh}，一人约维护{per_listing:g}个（标题主图、价格库存、搜索词、商品卡、活动报名）",
                   en=f"{why.en}; {head.en}, about {per_listing:g} per operator (titles and images, price and stock, "
                      "search terms, product cards, campaigns)")
    return Need(work, _split(work), [], line, why)


def _design(kb: KnowledgeBase, sit: Situation, slots: list[Slot], spec: PostSpec) -> Need:
    """Design: the new listings' main images, detail pages and main-image videos a week over a designer's
    week (at least the stage's share, which also covers the live room's covers and stickers)."""
    w = kb.figures
    new = sit.listings * w.listing_refresh_per_month.value * 7 / 30
    hours = new * w.design_hours_per_listing.value
    work = max(spec.load, hours / FULL_TIME_HOURS)
    line = _line(spec, "new_listings_per_week", new, FULL_TIME_HOURS / w.design_hours_per_listing.value,
                 hours / FULL_TIME_HOURS, [*w.listing_refresh_per_month.sources, *w.design_hours_per_listing.sources])
    if sit.focus != "store" and hours / FULL_TIME_HOURS <= spec.load:  # the stage's share covers it: no need to say
        return Need(work, _split(work), [], line, None)
    head = _shelf_text(kb, sit)
    why = Text(zh=f"{head.zh}，每周约{new:.1f}个上新或换图，每个约{w.design_hours_per_listing.value:g}小时（主图、详情页、主图视频）",
               en=f"{head.en.capitalize()}; about {new:.1f} new or refreshed a week at about "
                  f"{w.design_hours_per_listing.value:g} h each (main images, detail page, main-image video)")
    return Need(work, _split(work), [], line, why)


def _sales(kb: KnowledgeBase, sit: Situation, slots: list[Slot], spec: PostSpec) -> Need:
    """Specialist posts (data, marketing, product): one per slice of monthly sales (at least the stage's share)."""
    w = kb.figures
    per_person = w.sales_per_specialist.value
    merchandise = spec.role == "merchandiser"
    factor = 0.5 if merchandise and "supply_chain" in sit.resources else 1.0
    by_sales = sit.sales / per_person
    # Merchandising also follows the range: stock, replenishment and the mix of the shelf's listings.
    by_listings = sit.listings / w.listings_per_merchandiser.value if merchandise else 0.0
    work = max(spec.load, by_sales, by_listings) * factor
    if merchandise and (by_listings > max(by_sales, spec.load) or sit.focus == "store"):
        line = _line(spec, "listings", sit.listings, w.listings_per_merchandiser.value, by_listings,
                     [*w.sales_per_specialist.sources, *w.listings_per_merchandiser.sources])
        head = _shelf_text(kb, sit)
        why = Text(zh=f"{head.zh}，一名商品专员约盯{w.listings_per_merchandiser.value:g}个的库存、补货和货盘",
                   en=f"{head.en.capitalize()}; one merchandiser watches stock, replenishment and the mix of about "
                      f"{w.listings_per_merchandiser.value:g}")
    else:
        line = _line(spec, "monthly_sales", sit.sales, per_person, by_sales, w.sales_per_specialist.sources)
        why = Text(zh=f"月销约{sit.sales / 10000:g}万元，每{per_person / 10000:g}万元配一人",
                   en=f"About {sit.sales:,.0f} CNY a month; one person per {per_person:,.0f} CNY of monthly sales")
    if factor < 1:
        why = Text(zh=why.zh + "；自有供应链分担选品", en=why.en + "; your supply chain shares the selection")
    return Need(work, _split(work), [], line, why)


Driver = Callable[[KnowledgeBase, Situation, list[Slot], PostSpec], "Need | None"]
DRIVERS: dict[str, Driver] = {
    "session": _session_crew, "service": _service, "packing": _packing, "ads": _ads, "videos": _videos,
    "directors": _directors, "rooms": _rooms, "shelf": _shelf, "design": _design, "sales": _sales,
}

