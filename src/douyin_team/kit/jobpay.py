"""A job description's pay: the market pay of the posts at the team's city tier and stage, from the pay model
(`money.pay`): one post's range as `post_pay` gives it, several posts held together as `seat_pay` prices
that person (the best-paid post plus the combined-post premium), with each post's commission where
practitioners pay one, and the owner's posts noted as unpaid where the owner leads."""

from __future__ import annotations

import msgspec

from ..knowledge import CommissionData, KnowledgeBase
from ..money import is_owner_post, post_pay, seat_pay, tier_of
from ..text import Lang, Text


class PostPayLine(msgspec.Struct, frozen=True):
    """One post's monthly base pay (low, typical, high) and its commission, as text in the kit's language."""

    post: str
    base: float
    low: float
    high: float
    commission: str | None


class JobPay(msgspec.Struct, frozen=True):
    """What the job pays a month at `city_tier`: base (typical), low and high for one person holding the
    posts; `owner`: the owner holds them and draws no salary (the posts' figures are then what hires would
    cost, and base/low/high their sum)."""

    city_tier: int
    base: float
    low: float
    high: float
    posts: list[PostPayLine]
    owner: bool
    sources: list[str]
    estimate: bool


def _commission(c: CommissionData, lang: Lang) -> str:
    """'月销售额的0.2%（0%–0.5%）：投手常拿ROI达标奖金…' — the rate first, then what practitioners pay it for."""
    def pct(v: float) -> str:
        return f"{v * 100:.2g}%"

    span = f"{pct(c.rate_low)}–{pct(c.rate_high)}"
    rate = f"{pct(c.rate)}（{span}）" if lang == "zh" else f"{pct(c.rate)} ({span})"
    return (f"月销售额的{rate}，多人担任时分摊；{c.note.zh}" if lang == "zh"
            else f"{rate} of monthly sales, shared among the holders; {c.note.en}")


def job_pay(kb: KnowledgeBase, roles: list[str], stage: str, city_tier: int | None, lang: Lang) -> JobPay | None:
    """The market pay of a job holding `roles` (None when the pay model prices none of them)."""
    priced = [r for r in roles if r in kb.pay_post]
    if not priced:
        return None
    posts = [post_pay(kb, r, stage, city_tier) for r in priced]
    lines = [PostPayLine(kb.role[p.role].name.get(lang), p.base, p.low, p.high,
                         _commission(p.commission, lang) if p.commission else None) for p in posts]
    owner = is_owner_post(kb, roles, stage)
    if len(posts) == 1 or owner:  # the owner is not paid: the posts' own market figures are what a hire costs
        base, low, high = (sum(p.base for p in posts), sum(p.low for p in posts), sum(p.high for p in posts)) \
            if len(posts) > 1 else (posts[0].base, posts[0].low, posts[0].high)
    else:  # no sales given: the person's base range (commission is shown per post)
        seat = seat_pay(kb, priced, stage, city_tier, {}, None)
        base, low, high = seat.base, seat.low, seat.high
    sources = list(dict.fromkeys(s for p in posts for s in p.sources))
    if owner:
        sources += [s for s in kb.pay_figures.owner_stages.sources if s not in sources]
    return JobPay(tier_of(kb, city_tier), base, low, high, lines, owner, sources, any(p.estimate for p in posts))


def pay_lines(pay: JobPay | None, kb: KnowledgeBase, lang: Lang) -> list[str]:
    """The pay as the description's lines: the range, each post's figure when merged, commission, the owner."""
    if pay is None:
        return []
    zh = lang == "zh"
    tier = kb.pay_tier[str(pay.city_tier)].name.get(lang)
    several = len(pay.posts) > 1
    if pay.owner:
        lines = [kb.pay_figures.owner_stages.note.get(lang) + (f"；外聘参考（{tier}）：" if zh else f"; for a hire ({tier}):")]
    else:
        lines = [Text(zh=f"月薪（底薪）{pay.low:,.0f}–{pay.high:,.0f}元，常见{pay.base:,.0f}元（{tier}）",
                      en=f"Monthly base {pay.low:,.0f}–{pay.high:,.0f} CNY, typically {pay.base:,.0f} ({tier})").get(lang)]
        if several:
            lines[0] += "；兼任按最高岗位加兼任补贴" if zh else "; combined posts: the best-paid post plus a premium"
    if several or pay.owner:
        lines += [(f"[{p.post}] " if several else "") + f"{p.low:,.0f}–{p.high:,.0f}" + ("元" if zh else " CNY")
                  for p in pay.posts]
    lines += [(f"[{p.post}] " if several else "") + ("提成：" if zh else "Commission: ") + p.commission
              for p in pay.posts if p.commission]
    if pay.estimate:
        lines.append("部分数字为本工具估算" if zh else "Some figures are our own estimate")
    return lines
