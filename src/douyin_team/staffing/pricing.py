"""Staffing and the pay model: what a post left open is expected to cost a month, and the staffed team's
labour cost in words, open posts included.

An open seat (the posts of one plan seat nobody on the roster took) is priced with `money.seat_pay` at the
plan's stage and city tier, with that seat's share of each post's commission, exactly as `money.price_team`
prices a vacancy, so the sentences here, the team's `labour` section and the labour-share check agree.
"""

from __future__ import annotations

from ..knowledge import KnowledgeBase
from ..money import PersonPay, seat_pay
from ..team import Labour, Person, Reason, Team
from ..text import Lang, Text


def holders(people: list[Person]) -> dict[str, int]:
    """How many people hold each post: a commission on the room's sales is split among them."""
    count: dict[str, int] = {}
    for person in people:
        for role in person.posts:
            count[role] = count.get(role, 0) + 1
    return count


def open_seat_price(kb: KnowledgeBase, plan: Team, roles: list[str], stage: str, held_by: dict[str, int]) -> PersonPay:
    """What hiring one person for `roles` costs a month (base, commission, range; nothing for the owner)."""
    share = {r: 1 / max(1, held_by.get(r, 1)) for r in roles}
    return seat_pay(kb, roles, stage, plan.city_tier, share, plan.monthly_sales)


def price_text(price: PersonPay) -> Text:
    """An open seat's expected monthly cost in words: total, base and commission, the usual range."""
    if price.owner:
        return Text(zh="由老板本人担任，不计工资（待招聘岗位预计成本0元）",
                    en="held by the owner, unpaid (expected cost of the open post: 0 CNY)")
    split = (Text(zh=f"（底薪{price.base:,.0f}元+提成约{price.commission:,.0f}元）",
                  en=f" (base {price.base:,.0f} + commission about {price.commission:,.0f})")
             if price.commission >= 0.5 else Text(zh="", en=""))
    return Text(zh=f"招聘预计月成本约{price.total:,.0f}元{split.zh}，常见范围{price.low:,.0f}–{price.high:,.0f}元",
                en=f"Expected monthly cost to hire: about {price.total:,.0f} CNY{split.en}, "
                   f"usually {price.low:,.0f}–{price.high:,.0f} CNY")


def labour_lines(labour: Labour, team: Team, lang: Lang) -> list[Reason]:
    """The staffed team's monthly labour cost (people placed, open posts at their expected cost, work bought
    outside) and its share of monthly sales against the usual range, counting the open posts."""
    vacant = {p.name for p in team.people if p.vacancy}
    placed = sum(c.total for c in labour.people if c.name not in vacant)
    opened = sum(c.total for c in labour.people if c.name in vacant)
    outside = sum(o.monthly for o in labour.outside)
    parts = [Text(zh=f"在岗人员{placed:,.0f}元", en=f"{placed:,.0f} for the people placed")]
    if vacant:
        parts.append(Text(zh=f"待招聘岗位预计成本{opened:,.0f}元", en=f"{opened:,.0f} expected for the posts to hire"))
    if labour.outside:
        parts.append(Text(zh=f"外包与云仓{outside:,.0f}元", en=f"{outside:,.0f} for outsourced work"))
    split = Text(zh="+".join(p.zh for p in parts), en=" + ".join(p.en for p in parts))
    cost = Text(zh=f"月人力成本{labour.monthly_cost:,.0f}元（{split.zh}），常见范围{labour.range_low:,.0f}–"
                   f"{labour.range_high:,.0f}元",
                en=f"Monthly labour cost {labour.monthly_cost:,.0f} CNY ({split.en}), usually {labour.range_low:,.0f}–"
                   f"{labour.range_high:,.0f} CNY")
    out = [Reason(about="cost", text=cost.get(lang), sources=["model", *labour.sources])]
    low, high = labour.share_min * 100, labour.share_max * 100
    share = labour.share_of_sales
    if share is None:
        text = Text(zh=f"没有月销售额，无法对照人力成本占比（常见{low:g}%–{high:g}%）",
                    en=f"No monthly sales given, so the labour share (usually {low:g}–{high:g}%) cannot be checked")
    else:
        flag = "high" if share > labour.share_max else "low" if share < labour.share_min else None
        verdict = {None: ("在常见范围内", "within"), "low": ("低于常见范围", "below"), "high": ("高于常见范围", "above")}[flag]
        mark = "⚠ " if flag == "high" else ""
        counted = Text(zh="（含待招聘岗位预计成本）", en=" (counting the posts to hire at their expected cost)") \
            if vacant else Text(zh="", en="")
        text = Text(zh=f"{mark}人力成本占月销{share:.1%}{counted.zh}，{verdict[0]}（{low:g}%–{high:g}%）",
                    en=f"{mark}Labour cost is {share:.1%} of monthly sales{counted.en}, {verdict[1]} the usual "
                       f"{low:g}–{high:g}%")
    out.append(Reason(about="cost_share", text=text.get(lang), sources=["feedwhy-4948"]))
    return out
