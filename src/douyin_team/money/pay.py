"""Pay: what a post, a person holding several posts, and a whole team cost a month.

Market figures come from the knowledge base's pay model (`knowledge/pay.yaml`: a base range per post at the
reference city tier, tier and stage factors, commission as a share of sales). A person's own `monthly_cost`
always wins over the market figure; the team lead at the stages where the owner leads costs nothing.
Pure: a team in, numbers out; the planner, the checker, staffing and the kit all price with these functions.
"""

from __future__ import annotations

import math
from typing import Literal, NamedTuple, cast

import msgspec

from ..knowledge import FULL_TIME_HOURS, CommissionData, KnowledgeBase
from ..team import Labour, OutsideCost, Person, PersonCost, Team


class PostPay(msgspec.Struct, frozen=True):
    """One post's monthly base pay at a city tier and stage (typical, low, high) and its commission."""

    role: str
    base: float
    low: float
    high: float
    commission: CommissionData | None
    sources: list[str]
    estimate: bool


class PersonPay(msgspec.Struct, frozen=True):
    """What one person holding some posts costs a month; `owner`: the owner holds them and is not paid."""

    base: float
    commission: float
    total: float
    low: float
    high: float
    owner: bool
    sources: list[str]


def tier_of(kb: KnowledgeBase, city_tier: int | None) -> int:
    """The city tier to price at: the given one, else the pay model's reference tier."""
    return city_tier if city_tier is not None else int(kb.pay_figures.reference_tier.value)


def post_pay(kb: KnowledgeBase, role: str, stage: str, city_tier: int | None) -> PostPay:
    """The market pay of one post at the stage and city tier (worked out once per knowledge base)."""
    key = ("post_pay", role, stage, city_tier)
    found = kb.derived.get(key)
    if found is None:
        found = kb.derived[key] = _post_pay(kb, role, stage, city_tier)
    assert isinstance(found, PostPay)
    return found


def _post_pay(kb: KnowledgeBase, role: str, stage: str, city_tier: int | None) -> PostPay:
    data, figures = kb.pay_post[role], kb.pay_figures
    tier = kb.pay_tier[str(tier_of(kb, city_tier))]
    factor = tier.factor * figures.stage_factor.value.get(stage, 1.0)
    low, mid, high = (round(v * factor, -1) for v in data.base)
    return PostPay(role, mid, low, high, data.commission, [*data.sources, *tier.sources],
                   data.estimate or tier.estimate)


def is_owner_post(kb: KnowledgeBase, roles: list[str], stage: str) -> bool:
    """Whether the person holding `roles` is taken to be the owner (the team lead where the owner leads)."""
    return "team_lead" in roles and stage in kb.pay_figures.owner_stages.value


def seat_pay(kb: KnowledgeBase, roles: list[str], stage: str, city_tier: int | None,
             sales_share: dict[str, float], monthly_sales: float | None, part_time: float | None = None,
             leads: bool = False) -> PersonPay:
    """What one person holding `roles` costs a month: paid as the best-paid of them plus a premium for each
    extra post, with commission on each post's share of sales (`sales_share`: this person's share of the
    post's work, 1.0 when missing). `part_time`: the hours a week of a part-timer, paid that share of the
    full-time base at the part-time hourly rate (never more than the full-time base). `leads`: a working
    team lead (组长), paid the lead premium on top."""
    memo = kb.derived.setdefault("seat_pay", {})  # a plan and its variants price the same seats again
    key = (tuple(roles), stage, city_tier, tuple(sorted(sales_share.items())), monthly_sales, part_time, leads)
    found = memo.get(key)
    if found is None:
        if len(memo) >= 1024:  # a few merchants' seats: each kept one is one more object for the garbage collector
            memo.clear()
        found = memo[key] = _seat_pay(kb, roles, stage, city_tier, sales_share, monthly_sales, part_time, leads)
    assert isinstance(found, PersonPay)
    return found


class _Fixed(NamedTuple):
    """What a seat's pay takes from its posts alone (not from sales): base, floor and top of the range, the
    posts' commission figures and the sources; None for the owner's seat, empty (`pays`) for unpaid posts."""

    pays: int
    base: float
    floor: float
    top_high: float
    rates: tuple[tuple[CommissionData, str], ...]
    sources: list[str]


def _fixed(kb: KnowledgeBase, roles: tuple[str, ...], stage: str, city_tier: int | None, part_time: float | None,
           leads: bool) -> _Fixed | None:
    """`_Fixed` for a seat, worked out once per knowledge base (the same for every merchant)."""
    memo = kb.derived.setdefault("seat_pay_fixed", {})
    key = (roles, stage, city_tier, part_time, leads)
    found = memo.get(key, memo)
    if found is memo:
        if len(memo) >= 65536:
            memo.clear()
        found = memo[key] = _fixed_pay(kb, roles, stage, city_tier, part_time, leads)
    return cast("_Fixed | None", found)


def _fixed_pay(kb: KnowledgeBase, roles: tuple[str, ...], stage: str, city_tier: int | None, part_time: float | None,
               leads: bool) -> _Fixed | None:
    if is_owner_post(kb, list(roles), stage):
        return None
    pays = [post_pay(kb, r, stage, city_tier) for r in roles if r in kb.pay_post]
    if not pays:
        return _Fixed(0, 0.0, 0.0, 0.0, (), [])
    step = kb.pay_figures.combined_premium.value
    premium = 1 + min(step * (len(pays) - 1), step * 3)
    if leads:
        premium *= 1 + kb.pay_figures.lead_premium.value
    top = max(pays, key=lambda p: p.base)
    low_rate = typical = high_rate = 1.0
    if part_time is not None:
        rate, share = kb.pay_figures.part_time_rate, part_time / FULL_TIME_HOURS
        low_rate, typical, high_rate = (min(1.0, share * r) for r in (rate.low or rate.value, rate.value, rate.high or rate.value))
    base = top.base * premium * typical
    floor, top_high = max(p.low for p in pays) * premium * low_rate, max(p.high for p in pays) * premium * high_rate
    sources = list(dict.fromkeys([*(s for p in pays for s in p.sources),
                                  *(kb.pay_figures.lead_premium.sources if leads else [])]))
    return _Fixed(len(pays), base, floor, top_high, tuple((p.commission, p.role) for p in pays if p.commission is not None),
                  sources)


def _seat_pay(kb: KnowledgeBase, roles: list[str], stage: str, city_tier: int | None,
              sales_share: dict[str, float], monthly_sales: float | None, part_time: float | None,
              leads: bool) -> PersonPay:
    fixed = _fixed(kb, tuple(roles), stage, city_tier, part_time, leads)
    if fixed is None:
        return PersonPay(0.0, 0.0, 0.0, 0.0, 0.0, True, kb.pay_figures.owner_stages.sources)
    if not fixed.pays:
        return PersonPay(0.0, 0.0, 0.0, 0.0, 0.0, False, [])
    sales = monthly_sales or 0.0
    rates = [(c, sales * sales_share.get(role, 1.0)) for c, role in fixed.rates]
    base, floor, top_high = fixed.base, fixed.floor, fixed.top_high
    cap = kb.pay_figures.commission_cap.value  # commission at most this share of the base it is paid on
    earned = round(min(sum([c.rate * basis for c, basis in rates]), cap * base), -1)
    low = floor + min(sum([c.rate_low * basis for c, basis in rates]), cap * floor)
    high = top_high + min(sum([c.rate_high * basis for c, basis in rates]), cap * top_high)
    return PersonPay(round(base, -1), earned, round(base, -1) + earned, round(low, -1), round(high, -1), False,
                     list(fixed.sources))


def working_leads(kb: KnowledgeBase, team: Team) -> set[str]:
    """The people who lead a team of their own post (组长: two or more people holding the post they hold first
    report to them) while still working it; the team lead and manager posts (主管) are paid as their own posts."""
    first = {p.name: p.posts[0] for p in team.people if p.posts}
    count: dict[str, int] = {}
    for person in team.people:
        boss = person.reports_to
        if boss is not None and person.posts and first.get(boss) == person.posts[0]:
            count[boss] = count.get(boss, 0) + 1
    return {name for name, n in count.items()
            if n >= 2 and first[name] != "team_lead" and (role := kb.role.get(first[name])) is not None and not role.leads}


def price_team(team: Team, kb: KnowledgeBase, stage: str) -> Labour:
    """The team's monthly labour cost person by person (own figures first, then the market, with the premium
    of working team leads), plus work bought outside (outsourced service, a cloud warehouse), against the
    usual share of sales."""
    holders: dict[str, int] = {}
    for person in team.people:
        for role in person.posts:
            holders[role] = holders.get(role, 0) + 1
    leading = working_leads(kb, team)
    people, sources = [], ["feedwhy-4948"]
    elsewhere = team.outside_people()  # 财务, 行政: not the e-commerce team's labour, whatever they are paid
    # People holding the same posts, part-time alike and alike leading, are paid alike (their share of each
    # post's commission follows from the posts): a big team's ten 客服 are priced once.
    priced: dict[tuple[tuple[str, ...], float | None, bool], PersonPay] = {}
    for person in team.people:
        if person.monthly_cost is not None and person.name not in elsewhere:
            cost = person.monthly_cost
            people.append(PersonCost(person.name, cost, 0.0, cost, cost, cost, "own"))
            continue
        seat = (tuple(person.posts), part_time_hours(kb, person), person.name in leading)
        pay = priced.get(seat)
        if pay is None:
            pay = priced[seat] = seat_pay(kb, person.posts, stage, team.city_tier, {r: 1 / holders[r] for r in person.posts},
                                          team.monthly_sales, seat[1], seat[2])
            sources += pay.sources  # the sources of a pay already listed are listed already
        people.append(PersonCost(person.name, pay.base, pay.commission, pay.total, pay.low, pay.high,
                                 "owner" if pay.owner else "market"))
    outside = outside_costs(team, kb)
    sources += [s for o in outside for s in o.sources]
    total = sum(p.total for p in people) + sum(o.monthly for o in outside)
    low, high = cost_share_range(kb, team.monthly_sales)
    return Labour(
        monthly_cost=round(total, 2), base=round(sum(p.base for p in people), 2),
        commission=round(sum(p.commission for p in people), 2),
        range_low=round(sum(p.low for p in people) + sum(o.low for o in outside), 2),
        range_high=round(sum(p.high for p in people) + sum(o.high for o in outside), 2),
        share_of_sales=total / sales if (sales := team.monthly_sales or 0.0) >= 1 else None,
        share_min=low, share_max=high,
        city_tier=tier_of(kb, team.city_tier), people=people, outside=outside, budget=team.budget_cny,
        sources=list(dict.fromkeys(sources)))


def part_time_hours(kb: KnowledgeBase, person: Person) -> float | None:
    """The hours a week a part-timer (兼职) is paid for: their own, else the pay model's default; None for
    everyone else."""
    if person.employment != "part_time":
        return None
    return min(person.hours, FULL_TIME_HOURS) if person.hours else kb.pay_figures.part_time_hours.value


def cost_share_range(kb: KnowledgeBase, monthly_sales: float | None) -> tuple[float, float]:
    """The usual labour share of sales: the settings' range, and the large merchants' lower one above its floor."""
    large = kb.pay_figures.cost_share_large
    if monthly_sales is not None and monthly_sales >= large.value and large.low is not None and large.high is not None:
        return large.low, large.high
    return kb.settings.labour_cost_share_min, kb.settings.labour_cost_share_max


def outside_costs(team: Team, kb: KnowledgeBase) -> list[OutsideCost]:
    """Outsourced service and cloud-warehouse fees, from the amounts in the plan's workload (none without one)."""
    f, out = kb.pay_figures, []
    what: Literal["outsourced_service", "cloud_warehouse"]
    for line in team.workload or []:
        if line.driver == "outsourced" and line.amount > 0:
            what, per, floor = "outsourced_service", f.outsourced_per_chat, f.outsourced_minimum.value
            sources = [*per.sources, *f.outsourced_minimum.sources]
        elif line.driver == "fulfilment_cloud" and line.amount > 0:
            what, per, floor, sources = "cloud_warehouse", f.cloud_per_order, 0.0, f.cloud_per_order.sources
        else:
            continue
        typical, low, high = (math.ceil(max(floor, line.amount * 30 * v))
                              for v in (per.value, per.low or per.value, per.high or per.value))
        out.append(OutsideCost(what, line.amount, typical, low, high, sources=sources))
    return out
