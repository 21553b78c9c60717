"""Pricing a plan: its labour cost at market pay, the cheaper ways to run the same business when it costs more
than the usual share of sales or the merchant's money budget, and the plan that fits that budget.

Variants are plans of changed profiles (outsourced service, a cloud warehouse, fewer people holding more
posts), priced from the people the planner would seat for them (`planner.sized`: the work sized once per
profile) and planned in full only when the money budget picks one, so what a variant promises is what `plan`
would give.
"""

from __future__ import annotations

import math
from collections.abc import Callable
from typing import NamedTuple

import msgspec

from ..knowledge import KnowledgeBase
from ..money import price_team
from ..team import CostVariant, Labour, Person, Profile, Reason, Team, WorkloadLine
from ..text import Lang, Text
from .hierarchy import Seating, structure
from .packing import Post, Seat
from .parttime import mark_part_time, part_time_text, part_timer, picker
from .situation import usual_live_hours, usual_rooms

Apart = Callable[[list[Post]], list[int]]  # which of a plan's posts to hire on their own (part-time), in order
# (profile, posts hired part-time, whether its headcount budget is what the labour money pays for) → the plan
Planner = Callable[[Profile, "Apart | None", bool], Team]
# A profile's workload and its people at any headcount budget (planner.sized): variants are priced from these
# seats, without planning them, and only the one a budget picks is planned.
Sizer = Callable[[Profile], tuple[list[WorkloadLine], Callable[[int | None, "Apart | None"], list[Seat]]]]

CHANGES = {
    "outsourced_service": Text(zh="客服外包（按咨询量计价）", en="outsource customer service (priced per chat)"),
    "cloud_warehouse": Text(zh="用云仓发货（按单计价）", en="ship from a cloud warehouse (priced per order)"),
    "outsource_and_cloud": Text(zh="客服外包并用云仓发货", en="outsource service and ship from a cloud warehouse"),
}


class Option(NamedTuple):
    """A cheaper variant before it is planned: what changes, the profile that plans it, its people, its cost."""

    change: str
    profile: Profile
    headcount: int
    labour: Labour
    apart: Apart | None = None  # the part-time variant: the posts it hires part-time (the last people) …
    loads: tuple[float, ...] = ()  # … and their loads
    what: Text | None = None  # what changes, when not one of CHANGES
    chats_wait: bool = False  # someone on a session-long control answers the chats of the show (`Seating.chats_wait`)
    camera_long: bool = False  # someone is on camera longer than a session (`Seating.camera_long`)


def priced(profile: Profile, kb: KnowledgeBase, lang: Lang, plan: Planner, sizer: Sizer, within_sales: bool = True) -> Team:
    """The plan of `profile`, priced; over the usual share of sales it lists cheaper variants, over the money
    budget it becomes the variant that fits (or the cheapest, saying it still does not fit). Without a money
    budget, a plan whose labour is past what the sales can pay (`cost_share_ceiling`) is treated as over a
    budget of that ceiling: the merchant gets the team they can pay, told what the work would need (unless not
    `within_sales`: a roadmap's teams are the work's, hired as the sales come)."""
    team = plan(profile, None, False)
    labour = _price(team, kb)
    limit = _limit(labour, profile)
    if limit is None or labour.monthly_cost <= limit:
        return _with(team, labour, [], lang, kb)
    ceiling = _ceiling(labour, profile, kb) if within_sales else None
    budget = profile.budget_cny if profile.budget_cny is not None else ceiling
    search = ceiling if ceiling is not None else limit  # the most a variant may cost to be worth planning
    options = [o for o in _variants(profile, team, labour, kb, sizer, search, budget is not None)  # worth saying: it fits, or saves a twentieth
               if o.labour.monthly_cost <= search or o.labour.monthly_cost < labour.monthly_cost * 0.95]
    over = Text(zh="超出预算", en="over budget") if profile.budget_cny is not None else Text(zh="仍偏高", en="still high")
    variants = [_variant(o, limit, over, lang) for o in options]
    if budget is None:
        return _with(team, labour, variants, lang, kb)
    if not options:  # over the budget with nothing cheaper to offer: say so
        plain = CostVariant(change="none", text=Text(zh=f"{len(team.people)}人，月成本约{labour.monthly_cost:,.0f}元",
                                                     en=f"{len(team.people)} people, about {labour.monthly_cost:,.0f} CNY a month").get(lang),
                            headcount=len(team.people), monthly_cost=labour.monthly_cost)
        note = _budget_reason(profile, budget, team, labour, plain, False, lang)
        return _with(msgspec.structs.replace(team, decisions=[*(team.decisions or []), note]), labour, [], lang, kb)
    # Under the ceiling the plan changes only for a variant a merchant can run: nobody on camera past a session.
    fitting = [o for o in options if o.labour.monthly_cost <= budget and (ceiling is None or not o.camera_long)]
    if ceiling is not None and not fitting:  # the work's own plan, saying the sales cannot pay it
        note = _budget_reason(profile, budget, team, labour, min(variants, key=lambda v: v.monthly_cost), False, lang)
        return _with(msgspec.structs.replace(team, decisions=[*(team.decisions or []), note]), labour, variants, lang, kb)
    # Of the variants that fit: one that keeps hosts within a session's length and whose check will not warn that
    # chats wait through the show (the platform fines slow replies), then the most people, then the cheapest.
    option = (max(fitting, key=lambda o: (not o.camera_long, not o.chats_wait, o.headcount, -o.labour.monthly_cost))
              if fitting else min(options, key=lambda o: o.labour.monthly_cost))
    what = variants[options.index(option)]
    chosen = plan(option.profile, option.apart, profile.headcount_budget is None and option.profile.headcount_budget is not None)
    if option.loads:
        chosen = mark_part_time(chosen, list(option.loads), kb, lang)
    note = _budget_reason(profile, budget, team, labour, what, bool(fitting), lang)
    chosen = msgspec.structs.replace(chosen, decisions=[*(chosen.decisions or []), note],
                                     headcount_budget=profile.headcount_budget)  # the inputs as given
    cost = _price(chosen, kb)
    return _with(chosen, cost, [v for v in variants if v is not what and v.monthly_cost < cost.monthly_cost], lang, kb)


def _ceiling(labour: Labour, profile: Profile, kb: KnowledgeBase) -> float | None:
    """Without a money budget, the most the sales can pay for labour when the plan costs more than that."""
    if profile.budget_cny is not None or profile.monthly_sales is None or labour.share_of_sales is None:
        return None
    share = kb.pay_figures.cost_share_ceiling.value
    return share * profile.monthly_sales if labour.share_of_sales > share else None


def _price(team: Team, kb: KnowledgeBase) -> Labour:
    return price_team(team, kb, team.stage or kb.stages[0].id)


def _price_seats(team: Team, kb: KnowledgeBase, workload: list[WorkloadLine], seats: list[Seat], **fields: object) -> Labour:
    """What the plan of a changed profile costs, from its seats alone (priced as `plan` would price its people,
    with the reporting lines it would draw where a post has enough holders to need a working lead)."""
    return _price(msgspec.structs.replace(team, people=_seat_people(kb, team, seats), workload=workload, **fields), kb)


def _seat_people(kb: KnowledgeBase, team: Team, seats: list[Seat]) -> list[Person]:
    """The seats as people named by index, reporting as the plan would draw them (for pricing)."""
    bosses = _bosses(kb, team.stage or kb.stages[0].id, seats)
    return [Person(name=str(k), roles=list(seat.roles), reports_to=bosses.get(k)) for k, seat in enumerate(seats)]


def _bosses(kb: KnowledgeBase, stage: str, seats: list[Seat]) -> dict[int, str]:
    """Who each working seat reports to (by index, as `_price_seats` names them), only when three or more seats
    share a first post (fewer have no working lead to pay); the manager seats, with no posts, stay out."""
    work = [k for k, seat in enumerate(seats) if seat.posts]
    firsts: dict[str, int] = {}
    for k in work:
        firsts[seats[k].roles[0]] = firsts.get(seats[k].roles[0], 0) + 1
    if max(firsts.values(), default=0) < 3:
        return {}
    drawn = seats.lines if isinstance(seats, Seating) else None  # drawn for these working seats by `planner.sized`
    lines = (drawn or structure(kb, stage, [seats[k] for k in work])).boss
    return {work[j]: str(work[b]) for j, b in enumerate(lines) if b is not None and b >= 0}


def _limit(labour: Labour, profile: Profile) -> float | None:
    """The most the plan should cost a month: the money budget, else the top of the usual share of sales."""
    if profile.budget_cny is not None:
        return profile.budget_cny
    if labour.share_of_sales is None or profile.monthly_sales is None:
        return None
    return labour.share_max * profile.monthly_sales


def _variants(profile: Profile, team: Team, labour: Labour, kb: KnowledgeBase, sizer: Sizer,
              limit: float, picking: bool = False) -> list[Option]:
    """Cheaper plans: outsourced service and a cloud warehouse where people are hired for that work alone (both,
    only when neither fits alone), part-time hires, and the most people that fit the limit (with service
    outsourced too, when that cut leaves the show's chats waiting on a control), the usual live hours and rooms
    (`picking`: one of them becomes the plan, so the most hours that fit are searched). Each priced from its seats."""
    # Outsourcing saves money where it replaces people hired for that work alone, not a post held beside others.
    dedicated = {p.posts[0] for p, c in zip(team.people, labour.people, strict=True) if c.total > 0 and len(p.posts) == 1}
    changes: dict[str, dict[str, str]] = {}
    if team.service != "outsourced" and "customer_service" in dedicated:
        changes["outsourced_service"] = {"service": "outsourced"}
    if team.fulfilment == "own" and "fulfillment" in dedicated:
        changes["cloud_warehouse"] = {"fulfilment": "cloud"}
    if len(changes) == 2:
        changes["outsource_and_cloud"] = {"service": "outsourced", "fulfilment": "cloud"}
    out: list[Option] = []
    outsourced = msgspec.structs.replace(profile, service="outsourced")  # one object: the sizer prepares it once
    for change, fields in changes.items():
        if change == "outsource_and_cloud" and any(o.labour.monthly_cost <= limit for o in out):
            continue  # both only when neither fits alone
        changed = outsourced if change == "outsourced_service" else msgspec.structs.replace(profile, **fields)
        workload, at = sizer(changed)
        seats = at(profile.headcount_budget, None)
        out.append(Option(change, changed, len(seats), _price_seats(team, kb, workload, seats, **fields),
                          chats_wait=_waits(seats), camera_long=_long(seats)))
    part = _part_time(profile, team, labour, kb, sizer)
    if part is not None and part.labour.monthly_cost < labour.monthly_cost:
        out.append(part)
    fewer = _fewest(profile, kb, sizer, team, labour, limit)
    if fewer is not None:
        out.append(fewer)
    smaller = _smaller_live(profile, team, kb, sizer, labour, limit, picking)
    if smaller is not None:
        out.append(smaller)
    if fewer is not None and fewer.chats_wait and team.service != "outsourced":
        # Fewer people put customer service on someone who works the show's control: outsourcing the chats as
        # well keeps them answered on air, for a little more than that cut (tried at its size, then one less).
        workload, seats_at = sizer(outsourced)
        both = _cut(outsourced, kb, team, workload, seats_at, fewer.headcount, {"service": "outsourced"})
        smallest = kb.stage[team.stage or kb.stages[0].id].team_min
        if both.labour.monthly_cost > limit and both.headcount > max(1, smallest):
            both = _cut(outsourced, kb, team, workload, seats_at, both.headcount - 1, {"service": "outsourced"})
        out.append(both._replace(change="fewer_and_outsourced", what=Text(
            zh=f"客服外包，减到{both.headcount}人、岗位合并", en=f"outsource service and cut to {both.headcount} people")))
    return out


def _smaller_live(profile: Profile, team: Team, kb: KnowledgeBase, sizer: Sizer, labour: Labour,
                  limit: float, most_hours: bool) -> Option | None:
    """When the merchant asked for more live hours or rooms than is usual at their sales: the plan live in the
    usual rooms for the usual hours (`most_hours`: for the most whole hours a day whose team fits the limit), or
    the usual hours with the most people that fit."""
    if profile.monthly_sales is None:
        return None
    focus = team.focus or "live"
    hours, rooms = usual_live_hours(kb, profile.monthly_sales, focus), usual_rooms(kb, profile.monthly_sales, focus)
    asked_hours = profile.live_hours if profile.live_hours is not None else hours
    fields: dict[str, float] = {}
    if profile.rooms is not None and profile.rooms > rooms:
        fields["rooms"] = rooms
    if asked_hours > hours:
        fields["live_hours"] = hours
    if not fields:
        return None

    def whole(live: float, part: bool = False) -> Option | None:  # the plan at these hours (`part`: light posts part-time)
        changed = msgspec.structs.replace(profile, **{**fields, "live_hours": live} if "live_hours" in fields else fields)
        if part:
            return _part_time(changed, team, labour, kb, sizer)
        workload, seats_at = sizer(changed)
        return _cut(changed, kb, team, workload, seats_at, len(seats_at(profile.headcount_budget, None)))._replace(profile=changed)

    def fitting(option: Option | None) -> Option | None:
        return option if option is not None and option.labour.monthly_cost <= limit else None

    start = hours if "live_hours" in fields else asked_hours
    first = whole(start)
    assert first is not None
    # Past the limit, the same hours with the light posts part-time, when that fits (only when one is picked).
    part = most_hours and first.labour.monthly_cost > limit and fitting(whole(start, True)) or None
    found = part or first
    if found.labour.monthly_cost > limit:
        found = _fewest(found.profile, kb, sizer, team, labour, limit) or found
    elif most_hours and "live_hours" in fields:  # the most whole hours whose team fits, halving between the usual and the asked
        low, high = math.floor(hours) + 1, math.ceil(asked_hours) - 1
        while low <= high:
            mid = (low + high) // 2
            tried = fitting(whole(float(mid), part is not None))
            if tried is not None:
                found, low = tried, mid + 1
            else:
                high = mid - 1
        # More hours may fit with the light posts part-time: tried hour by hour past the halving's answer.
        more = math.floor(found.profile.live_hours or start) + 1
        while part is None and more < asked_hours and (tried := fitting(whole(float(more), True))) is not None:
            found, more = tried, more + 1
    live = found.profile.live_hours if found.profile.live_hours is not None else asked_hours
    cut = found.profile.headcount_budget is not None and profile.headcount_budget is None
    zh = [*([f"只开{rooms}个直播间"] if "rooms" in fields else []), *([f"每天开播缩短到{live:g}小时"] if "live_hours" in fields else [])]
    en = [*([f"run {rooms} room(s)"] if "rooms" in fields else []), *([f"go live {live:g} h a day"] if "live_hours" in fields else [])]
    also = found.what if found.loads and found.what is not None else None  # its light posts part-time
    what = Text(zh="、".join(zh) + (f"，减到{found.headcount}人" if cut else "") + (f"，{also.zh}" if also else ""),
                en=" and ".join(en) + (f", cut to {found.headcount} people" if cut else "") + (f", {also.en}" if also else ""))
    return found._replace(change="smaller_live", what=what)


def _cut(profile: Profile, kb: KnowledgeBase, team: Team, workload: list[WorkloadLine],
         seats_at: Callable[[int | None, Apart | None], list[Seat]], n: int, fields: dict[str, str] | None = None) -> Option:
    """The plan of `profile` cut to `n` people (posts combined), priced from its seats; `fields`: how `profile`
    differs from the plan's (outsourced service), for the price."""
    seats = seats_at(n, None)
    return Option("fewer_people", msgspec.structs.replace(profile, headcount_budget=n), len(seats),
                  _price_seats(team, kb, workload, seats, headcount_budget=n, **(fields or {})), chats_wait=_waits(seats),
                  camera_long=_long(seats))


def _waits(seats: list[Seat]) -> bool:
    """Whether these seats leave the show's chats waiting on someone who works a control (see `Seating`)."""
    return isinstance(seats, Seating) and seats.chats_wait


def _long(seats: list[Seat]) -> bool:
    """Whether these seats put someone on camera longer than a session (see `Seating`)."""
    return isinstance(seats, Seating) and seats.camera_long


def _fewest(profile: Profile, kb: KnowledgeBase, sizer: Sizer, team: Team, labour: Labour,
            limit: float) -> Option | None:
    """The largest smaller team (posts combined) within `limit`, never below the stage's smallest team (that
    smallest team when none fits): first guessed from what a paid person costs, then halved below the guess.
    Each try is priced from the packing alone (the packer takes its search on from the last try)."""
    size = len(team.people)
    smallest = max(1, kb.stage[team.stage or kb.stages[0].id].team_min)
    if size <= smallest:
        return None  # nothing smaller to try
    workload, seats_at = sizer(profile)

    def at(n: int) -> Option:
        return _cut(profile, kb, team, workload, seats_at, n)

    paid = [c.total for c in labour.people if c.total > 0]
    each = sum(paid) / len(paid) if paid else 1.0
    unpaid = size - len(paid)
    outside = sum(o.monthly for o in labour.outside)
    guess = min(size - 1, max(smallest, unpaid + int(max(limit - outside, 0) // each)))
    found = at(guess)
    if found.labour.monthly_cost <= limit or guess == smallest:
        return found
    low, high, best = smallest, guess - 1, None  # a smaller team combines more (dearer heads): halve below the guess
    while low <= high:
        mid = (low + high) // 2
        tried = at(mid)
        if tried.labour.monthly_cost <= limit:
            best, low = tried, mid + 1
        else:
            high = mid - 1
    return best or at(smallest)


def _part_time(profile: Profile, team: Team, labour: Labour, kb: KnowledgeBase, sizer: Sizer) -> Option | None:
    """The same plan with the posts whose work is a fraction of a person hired part-time (parttime.py), priced
    at part-time pay; None when no post may be, or the part-timers would break the headcount budget."""
    owner = frozenset(r for p, c in zip(team.people, labour.people, strict=True) if c.basis == "owner" for r in p.posts)
    pick = picker(kb, owner)
    picked: list[Post] = []

    def apart(posts: list[Post]) -> list[int]:
        found = pick(posts)
        picked[:] = [posts[k] for k in found]
        return found

    workload, at = sizer(profile)
    seats = at(profile.headcount_budget, apart)
    if not picked or (profile.headcount_budget is not None and len(seats) > profile.headcount_budget):
        return None
    full = len(seats) - len(picked)
    people = _seat_people(kb, team, seats)
    people[full:] = [part_timer(kb, people[full + k], p.load) for k, p in enumerate(picked)]
    cost = _price(msgspec.structs.replace(team, people=people, workload=workload), kb)
    loads = tuple(p.load for p in picked)
    return Option("part_time", profile, len(seats), cost, pick, loads, part_time_text(kb, [p.role for p in picked], list(loads)))


def _variant(option: Option, limit: float, over: Text, lang: Lang) -> CostVariant:
    change, size, labour = option.change, option.headcount, option.labour
    what = (option.what if option.what is not None else CHANGES[change] if change in CHANGES else
            Text(zh="老板一人身兼所有岗位（自己开播）", en="the owner alone holds every post (and hosts)") if size == 1 else
            Text(zh=f"减到{size}人，岗位合并、每人兼更多岗", en=f"cut to {size} people holding more posts each"))
    if option.loads:  # say who of them is part-time
        heads = Text(zh=f"{size}人（其中{len(option.loads)}人兼职）", en=f"{size} people ({len(option.loads)} part-time)")
    else:
        heads = Text(zh=f"{size}人", en=f"{size} people")
    share = labour.share_of_sales
    within = labour.monthly_cost <= limit
    tail = Text(zh=f"，占月销{share:.1%}" if share is not None else "", en=f", {share:.1%} of sales" if share is not None else "")
    notes = [*([Text(zh="有人每天上镜超过一场", en="someone is on camera for more than a session a day")] if option.camera_long else []),
             *([Text(zh="开播时咨询要等下播才回", en="chats wait until the show ends")] if option.chats_wait else []),
             *([] if within else [over])]
    if notes:
        tail = Text(zh=tail.zh + "（" + "；".join(n.zh for n in notes) + "）", en=tail.en + " (" + "; ".join(n.en for n in notes) + ")")
    text = Text(zh=f"{what.zh}：{heads.zh}，月成本约{labour.monthly_cost:,.0f}元{tail.zh}",
                en=f"{what.en}: {heads.en}, about {labour.monthly_cost:,.0f} CNY a month{tail.en}")
    return CostVariant(change=change, text=text.get(lang), headcount=size, monthly_cost=labour.monthly_cost,
                       share_of_sales=share, within_rule=within)


def _with(team: Team, labour: Labour, variants: list[CostVariant], lang: Lang, kb: KnowledgeBase) -> Team:
    """The team with its labour section and the cost reasons among its decisions."""
    labour = msgspec.structs.replace(labour, variants=variants)
    return msgspec.structs.replace(team, labour=labour, decisions=[*(team.decisions or []), *cost_reasons(kb, labour, lang)])


def cost_reasons(kb: KnowledgeBase, labour: Labour, lang: Lang) -> list[Reason]:
    """The plan's cost in sentences: the total and its make-up, the owner's unpaid lead, the share of sales
    against the usual range, and the cheaper variants when it is over."""
    tier = kb.pay_tier[str(labour.city_tier)].name
    outside = sum(o.monthly for o in labour.outside)
    extra = Text(zh=f"、外包和云仓{outside:,.0f}元" if outside else "", en=f", outsourced work {outside:,.0f}" if outside else "")
    text = Text(zh=f"按{tier.zh}市场价估算：月人力成本约{labour.monthly_cost:,.0f}元（{labour.range_low:,.0f}–{labour.range_high:,.0f}元），"
                   f"其中底薪{labour.base:,.0f}元、提成{labour.commission:,.0f}元{extra.zh}",
                en=f"At market pay ({tier.en}): labour costs about {labour.monthly_cost:,.0f} CNY a month "
                   f"({labour.range_low:,.0f}–{labour.range_high:,.0f}), of which base {labour.base:,.0f}, commission "
                   f"{labour.commission:,.0f}{extra.en}")
    out = [Reason(about="labour", text=text.get(lang), sources=labour.sources)]
    if any(p.basis == "owner" for p in labour.people):
        out.append(Reason(about="owner", text=kb.pay_figures.owner_stages.note.get(lang),
                          sources=kb.pay_figures.owner_stages.sources))
    share = labour.share_of_sales
    if share is not None:
        low, high = labour.share_min * 100, labour.share_max * 100
        verdict = (Text(zh="高于", en="above") if share > labour.share_max else
                   Text(zh="低于", en="below") if share < labour.share_min else Text(zh="在", en="within"))
        mark = "⚠ " if share > labour.share_max else ""
        out.append(Reason(about="labour_share", text=Text(
            zh=f"{mark}人力成本占月销{share:.1%}，{verdict.zh}常见的{low:g}%–{high:g}%" + ("之内" if verdict.zh == "在" else ""),
            en=f"{mark}Labour is {share:.1%} of sales, {verdict.en} the usual {low:g}–{high:g}%").get(lang),
            sources=["feedwhy-4948", *kb.pay_figures.cost_share_large.sources]))
    if labour.variants:
        sep = "；" if lang == "zh" else "; "
        out.append(Reason(about="cheaper", text=Text(
            zh="更省的做法：" + sep.join(v.text for v in labour.variants),
            en="Cheaper ways: " + sep.join(v.text for v in labour.variants)).get(lang), sources=["model"]))
    return out


def _budget_reason(profile: Profile, budget: float, team: Team, first: Labour, what: CostVariant, fits: bool,
                   lang: Lang) -> Reason:
    """Why the plan is the variant it is: the merchant's money budget, or (without one) the ceiling of what the
    sales can pay, with what the work alone would need and the sales at which that is within the usual share."""
    if profile.budget_cny is None:
        return _ceiling_reason(budget / (profile.monthly_sales or budget), team, first, what, fits, lang)
    if fits:
        text = Text(zh=f"人力预算每月{budget:,.0f}元，原方案约{first.monthly_cost:,.0f}元超出预算，改为：{what.text}",
                    en=f"The labour budget is {budget:,.0f} CNY a month and the first plan costs about "
                       f"{first.monthly_cost:,.0f}, so this plan is: {what.text}")
    else:
        text = Text(zh=f"⚠ 人力预算每月{budget:,.0f}元不够：最省的做法也要约{what.monthly_cost:,.0f}元（{what.text}）",
                    en=f"⚠ A labour budget of {budget:,.0f} CNY a month is not enough: the cheapest way still costs "
                       f"about {what.monthly_cost:,.0f} ({what.text})")
    return Reason(about="labour_budget", text=text.get(lang), sources=["model"])


def full_team_sales(labour: Labour, share: float) -> float:
    """The monthly sales (up to the next 10,000 CNY) at which a team of this labour cost is within `share` of
    sales (what the sales can pay, `cost_share_ceiling`): when a plan cut to that share says to hire the work's
    full team, and `plan` gives it."""
    return float(math.ceil(labour.monthly_cost / share / 10000 - 1e-9) * 10000)


def _ceiling_reason(top: float, team: Team, first: Labour, what: CostVariant, fits: bool, lang: Lang) -> Reason:
    share = first.share_of_sales or 0.0
    needs = full_team_sales(first, top)
    full = Text(zh=f"按工作量要{len(team.people)}人、月成本约{first.monthly_cost:,.0f}元，占月销{share:.1%}，超过{top:.0%}：",
                en=f"The work needs {len(team.people)} people at about {first.monthly_cost:,.0f} CNY a month, "
                   f"{share:.1%} of sales, past {top:.0%}: ")
    if fits:
        text = Text(zh=f"{full.zh}工资会吃光常见的毛利，先按{what.text}；月销到约{needs / 10000:.0f}万元时再按工作量配齐"
                       f"（给出人力预算，就按预算配人）",
                    en=f"{full.en}pay would eat a usual gross margin, so the plan starts as: {what.text}; hire the "
                       f"full team at about {needs:,.0f} CNY of monthly sales (given a labour budget, the plan fits that instead)")
    elif (what.share_of_sales or 0.0) <= top:  # cheap enough, but only with someone on camera all day
        text = Text(zh=f"⚠ {full.zh}再减人就要有人一天上镜超过一场，所以仍按工作量配人；先缩短开播时长或少开直播间，或给出人力预算按预算配人",
                    en=f"⚠ {full.en}fewer people would put someone on camera for more than a session a day, so the plan "
                       "follows the work; shorten the live hours or run fewer rooms, or give a labour budget to fit")
    else:
        text = Text(zh=f"⚠ {full.zh}最省的做法也要约{what.monthly_cost:,.0f}元（{what.text}）",
                    en=f"⚠ {full.en}the cheapest way still costs about {what.monthly_cost:,.0f} ({what.text})")
    return Reason(about="labour_budget", text=text.get(lang), sources=["10100-58953763", "model"])
