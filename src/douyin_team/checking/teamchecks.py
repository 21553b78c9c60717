"""Checks on how a team is organised and staffed through the live: span of control (who leads whom), and
session-long controls who also answer chats. Registered with the checker like its own checks."""

from __future__ import annotations

from collections import Counter
from collections.abc import Iterable

from ..knowledge import Rule
from ..planning import live_chats_per_week, session_hours
from ..text import Text
from .checker import Context, Hit, check


@check
def span_of_control(ctx: Context, rule: Rule) -> Iterable[Hit]:
    """A person with more than params.max direct reports; and a post held by more than params.max people who
    report to nobody (a group past the span with nobody leading it)."""
    most = int(rule.params.get("max", 10))
    reports = Counter(p.reports_to for p in ctx.team.people if p.reports_to)
    for name, count in reports.items():
        if count > most:
            yield Hit(people=[name], values={"detail": Text(
                zh=f"{name}直接管{count}人，超过一个组长能带的{most}人：分组设组长，组长多了再设主管",
                en=f"{name} has {count} direct reports, more than the {most} one lead can take: split into groups "
                   "with leads, and add a manager above several leads")})
    for role in ctx.kb.role:
        unled = [p.name for p in ctx.holders(role) if not p.reports_to]
        if len(unled) > most:
            post = ctx.kb.role[role].name
            yield Hit(roles=[role], values={"detail": Text(
                zh=f"{len(unled)}名{post.zh}没有汇报对象，一个组长最多带{most}人：要设组长和主管",
                en=f"{len(unled)} {post.en} posts report to nobody, and one lead takes at most {most}: add leads and a manager")})


@check
def live_chats_held(ctx: Context, rule: Rule) -> Iterable[Hit]:
    """Someone holding a session-long control post (params.roles) and customer service while more chats arrive
    during live hours than may wait a week (params.max_per_week); only when sales and live hours are known."""
    team, kb = ctx.team, ctx.kb
    if not team.monthly_sales or (team.live_hours is None and team.sessions is None) or not ctx.sessions:
        return
    category = kb.category.get(team.category or "general", kb.category["general"])
    orders = team.monthly_sales / 30 / (team.order_value or category.order_value)
    by_room = Counter[int]()
    for x in ctx.sessions:
        by_room[x.room] += session_hours(x)  # type: ignore[assignment]
    days = max(x.days_per_week for x in ctx.sessions)
    chats = live_chats_per_week(kb, orders, max(by_room.values()), days)
    limit = float(rule.params.get("max_per_week", 10))
    if chats <= limit:
        return
    controls = list(rule.params.get("roles", ["central_control"]))
    for person in ctx.holders("customer_service"):
        held = [r for r in controls if r in person.posts]
        if held:
            detail = Text(zh=f"开播时段每周约{chats:.0f}次咨询要等到下播才回（每周超过{limit:g}次慢会话会被处罚），客服应由开播时有空的人担任",
                          en=f"about {chats:.0f} chats a week arrive on air and wait until the show ends (more than {limit:g} slow "
                             "sessions a week are penalised); give service to someone free during the live")
            yield Hit(people=[person.name], roles=[*held, "customer_service"], values={
                "detail": detail, "posts": "、".join(kb.role[r].name.zh for r in held),
                "posts_en": ", ".join(kb.role[r].name.en for r in held)})
