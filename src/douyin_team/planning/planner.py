"""The team planner: a merchant's profile in, a recommended team (a Team of open posts) out.

Every post and every combination carries its reason and the sources it rests on. Deterministic.
"""

from __future__ import annotations

import math
from collections import Counter

from ..knowledge import KnowledgeBase, label
from ..money import is_owner_post
from ..team import RESOURCES, Person, Profile, Reason, Session, Team
from ..text import Lang
from .diagnosis import diagnose
from .packing import Packer, Post, Seat, on_set_sharing, packer_for
from .pricing import priced
from .reasons import (
    alone_decisions,
    combination_reason,
    headcount_decision,
    post_reason,
    profile_decisions,
    span_reason,
)
from .sessions import Slot, place_sessions
from .situation import Situation, situation
from .workload import stage_posts


def plan_team(profile: Profile, kb: KnowledgeBase, lang: Lang = "zh") -> Team:
    """Recommend a team for the profile: who holds which posts, why, and what it costs (within the money
    budget when one is given)."""
    return priced(profile, kb, lang, lambda p: unpriced_plan(p, kb, lang))


def unpriced_plan(profile: Profile, kb: KnowledgeBase, lang: Lang = "zh") -> Team:
    """The team for the profile from the work alone, before it is priced."""
    diagnosis = diagnose(kb, profile.monthly_sales, profile.stage)
    sit = situation(profile, kb, diagnosis)
    slots = place_sessions(kb, sit)
    posts, workload = stage_posts(kb, sit, slots)
    target = target_headcount(kb, sit, posts)
    packer = packer_for(kb, sit.stage)
    seats = pack(kb, sit, packer, posts, target)
    people = name_people(kb, sit, seats, packer, lang)
    decisions = [
        Reason(about="stage", text=diagnosis.reason.get(lang), sources=diagnosis.sources),
        *profile_decisions(kb, sit, slots, lang),
        headcount_decision(kb, sit, posts, target, len(seats), lang),
        *alone_decisions(kb, sit, seats, lang),
    ]
    return Team(
        merchant=profile.merchant, stage=sit.stage, monthly_sales=profile.monthly_sales, focus=sit.focus,
        resources=[r for r in RESOURCES if r in sit.resources], headcount_budget=sit.budget, live_hours=sit.live_hours,
        city_tier=profile.city_tier, budget_cny=profile.budget_cny, ads=sit.ads, order_value=profile.order_value, category=profile.category,
        rooms=sit.rooms, live_days=sit.live_days, day_parts=list(sit.day_parts), ad_spend=profile.ad_spend,
        fulfilment=sit.fulfilment, service=sit.service, videos_per_week=profile.videos_per_week,
        people=people, decisions=decisions, sessions=crews(kb, slots, seats, [p.name for p in people], sit.live_days),
        workload=workload,
    )


def pack(kb: KnowledgeBase, sit: Situation, packer: Packer, posts: list[Post], target: int) -> list[Seat]:
    """The posts packed into `target` people: one person holds everything (on air too) when the budget is one at
    a stage that lets posts combine; posts an existing e-commerce team can take are packed among themselves,
    so they go to that team instead of new hires."""
    if target == 1 and kb.stage[sit.stage].merge == "any":
        return [Seat(posts, roles=tuple(dict.fromkeys(p.role for p in posts)))]
    existing = [p for p in posts if p.role in kb.settings.existing_team_roles] if "ecommerce_team" in sit.resources else []
    if not existing or len(existing) == len(posts) or target < 2:
        return packer.pack(posts, target)
    rest = [p for p in posts if p.role not in kb.settings.existing_team_roles]
    share = math.ceil(sum(p.load for p in existing) / kb.settings.stage_tolerance.get(sit.stage, 1.0) - 1e-9)
    mine = min(max(1, share), target - 1)
    seats = packer.pack(rest, target - mine) + packer.pack(existing, mine)
    order = {id(p): k for k, p in enumerate(posts)}
    return sorted(seats, key=lambda seat: min(order[id(p)] for p in seat.posts))


def target_headcount(kb: KnowledgeBase, sit: Situation, posts: list[Post]) -> int:
    """People to aim for: the posts' total load; within the stage's usual size while people stay within the
    stage's tolerance for combined work (never below its minimum), capped by the budget."""
    stage, load = kb.stage[sit.stage], sum(p.load for p in posts) - on_set_sharing(kb, posts)
    natural = max(1, math.ceil(load - 1e-9))
    tolerance = kb.settings.stage_tolerance.get(sit.stage, kb.settings.overload_tolerance)
    usual = stage.team_max if stage.team_max is not None else natural
    target = max(stage.team_min, min(natural, max(usual, math.ceil(load / tolerance - 1e-9))))
    return min(target, sit.budget) if sit.budget is not None else target


def crews(kb: KnowledgeBase, slots: list[Slot], seats: list[Seat], names: list[str], days: int) -> list[Session]:
    """Each session with the people on air for it: those holding a live post in that room and window."""
    # Who works each (room, window), in seat order: one pass over the posts, not one per session.
    on_air: dict[tuple[int, tuple[int, int]], list[int]] = {}
    for k, seat in enumerate(seats):
        for key in {(p.room, w) for p in seat.posts for w in p.windows}:
            on_air.setdefault(key, []).append(k)
    out = []
    for slot in slots:
        start, end = label((slot.start, slot.end)).split("–")
        crew = [names[k] for k in on_air.get((slot.room, (slot.start, slot.end)), [])]
        out.append(Session(room=slot.room, start=start, end=end, days_per_week=days, crew=crew, part=slot.part))
    return out


def name_people(kb: KnowledgeBase, sit: Situation, seats: list[Seat], packer: Packer, lang: Lang) -> list[Person]:
    """Turn seats into open posts: names from the main post, reasons, cover skills, reporting lines."""
    titles = [kb.role[seat.roles[0]].name.get(lang).split("/")[0] for seat in seats]
    names = _unique_names(titles)
    leads = _group_leads(kb, seats, titles, names, lang)
    lead = next((n for n, s in zip(names, seats, strict=True) if "team_lead" in s.roles), None)
    managers = _managers(kb, sit.stage, seats, names, lead)
    held = {r for s in seats for r in s.roles}
    hosts = sum(1 for s in seats if "anchor" in s.roles or "assistant_anchor" in s.roles)
    pairs = _cover_pairs(kb, sit.stage)
    existing_roles = set(kb.settings.existing_team_roles) if "ecommerce_team" in sit.resources else None
    people = []
    for k, (name, seat, manager) in enumerate(zip(names, seats, managers, strict=True)):
        reasons = [post_reason(kb, post, lang) for post in seat.posts]
        reasons += [combination_reason(kb, sit.stage, merge, lang) for merge in packer.explain(seat)]
        if k in leads.values():
            reasons.append(span_reason(kb, seat.roles[0], sum(1 for v in leads.values() if v == k) + 1, lang))
        existing = existing_roles is not None and set(seat.roles) <= existing_roles
        owner = is_owner_post(kb, list(seat.roles), sit.stage)  # the owner leads: nobody to hire for it
        if owner:
            reasons.append(Reason(about="owner", text=kb.pay_figures.owner_stages.note.get(lang),
                                  sources=kb.pay_figures.owner_stages.sources))
        people.append(Person(name=name, roles=list(seat.roles), reports_to=names[leads[k]] if k in leads else manager,
                             vacancy=not (existing or owner), can_cover=_cover(kb, sit, seat, held, hosts, len(seats), pairs),
                             reasons=reasons))
    return people


def _group_leads(kb: KnowledgeBase, seats: list[Seat], titles: list[str], names: list[str], lang: Lang) -> dict[int, int]:
    """Where more people share a main post than one person can lead (`span_of_control`), the first of them leads
    the others (主播组长, 客服组长 …): renames them in `names`; returns seat → the seat of its lead."""
    span = kb.figures.span_of_control.value
    by_post: dict[str, list[int]] = {}
    for k, seat in enumerate(seats):
        by_post.setdefault(seat.roles[0], []).append(k)
    leads: dict[int, int] = {}
    for post, ks in by_post.items():
        if len(ks) > span and post != "team_lead":
            names[ks[0]] = f"{titles[ks[0]]}组长" if lang == "zh" else f"{titles[ks[0]]} lead"
            leads.update(dict.fromkeys(ks[1:], ks[0]))
    return leads


def _unique_names(titles: list[str]) -> list[str]:
    counts = Counter(titles)
    seen: dict[str, int] = {}
    names = []
    for title in titles:
        seen[title] = seen.get(title, 0) + 1
        many = counts[title] > 26  # past Z, number them
        mark = str(seen[title]) if many else chr(ord("A") + seen[title] - 1)
        gap = " " if title[-1:].isascii() else ""  # 客服A, but Customer service A
        names.append(title if counts[title] == 1 else f"{title}{gap}{mark}")
    return names


def _managers(kb: KnowledgeBase, stage: str, seats: list[Seat], names: list[str], lead: str | None) -> list[str | None]:
    """Everyone reports to the lead; where the stage has departments, to their group's head first."""
    has_departments = any(g.kind == "department" and stage in g.stages for g in kb.groups)
    heads: dict[str, str] = {}
    if has_departments:
        first: dict[str, str] = {}  # the first person holding each role
        for n, s in zip(names, seats, strict=True):
            for r in s.roles:
                first.setdefault(r, n)
        heads = {g.id: first[g.lead_role] for g in kb.groups if g.lead_role in first}
    managers: list[str | None] = []
    for name, seat in zip(names, seats, strict=True):
        group: str | None = kb.group_of(seat.roles[0], stage)
        boss = None
        while group is not None and boss is None and name != lead:
            candidate = heads.get(group)
            boss = candidate if candidate not in (None, name) else None
            parent = kb.group[group].parent
            group = parent if parent and stage in kb.group[parent].stages else None
        managers.append(None if name == lead else boss or lead)
    return managers


def _cover_pairs(kb: KnowledgeBase, stage: str) -> list[tuple[str, str]]:
    """The (holder's post, post to cover) pairs of the stage's rules about standing in for each other, both ways."""
    pairs = []
    for rule in kb.rule.values():
        if stage in rule.stages and rule.check == "mutual_cover":
            a, b = rule.params["roles"]
            pairs += [(a, b), (b, a)]
    return pairs


def _cover(kb: KnowledgeBase, sit: Situation, seat: Seat, held: set[str], hosts: int, size: int,
           pairs: list[tuple[str, str]]) -> list[str]:
    """Skills to hire for so that rules about standing in for each other hold (`held`: every post of the plan;
    `hosts`: people who can host; `size`: people in the plan; `pairs`: `_cover_pairs` of the stage)."""
    cover: set[str] = set()
    mine = set(seat.roles)
    for x, y in pairs:
        if x in mine and y not in mine and y in held:
            cover.add(y)
    if sit.ads and {"team_lead", "live_ops"} <= mine and "ad_buyer" not in mine:
        cover.add("ad_buyer")
    if hosts <= 1 and size > 1 and "anchor" not in mine and {"assistant_anchor", "floor_control"} & mine:
        cover.add("anchor")
    if sit.ads and "ad_buyer" not in held and "live_ops" in mine:
        cover.add("ad_buyer")
    return [r for r in kb.role if r in cover] if cover else []
