"""The team planner: a merchant's profile in, a recommended team (a Team of open posts) out.

Every post and every combination carries its reason and the sources it rests on. Deterministic.
"""

from __future__ import annotations

import math
from collections.abc import Callable
from typing import NamedTuple

import msgspec

from ..knowledge import KnowledgeBase, label
from ..money import is_owner_post
from ..team import RESOURCES, Person, Profile, Reason, Session, Team, WorkloadLine
from ..text import Lang
from .diagnosis import Diagnosis, diagnose
from .hierarchy import Seating, structure
from .hierarchy import names as hierarchy_names
from .livechats import live_chats_per_week
from .packing import Packer, Post, Seat, on_set_sharing, packer_for
from .pricing import Apart, priced
from .reasons import (
    alone_decisions,
    combination_reasons,
    headcount_decision,
    live_chats_reason,
    long_day_decisions,
    manager_reason,
    post_reason,
    profile_decisions,
    span_reason,
)
from .sessions import Slot, place_sessions
from .situation import Situation, situation
from .workload import stage_posts


def plan_team(profile: Profile, kb: KnowledgeBase, lang: Lang = "zh", ceiling: bool = True) -> Team:
    """Recommend a team for the profile: who holds which posts, why, and what it costs (within the money
    budget when one is given; `ceiling`: else within what the sales can pay, `pricing.priced`)."""
    made: list[tuple[Profile, Prepared]] = []  # the plan and its variants prepare each profile once

    def ready(changed: Profile) -> Prepared:
        found = next((prepared for known, prepared in made if known is changed), None)
        if found is None:
            found = _rebudgeted(made, changed) or prepare(changed, kb)
            made.append((changed, found))
        return found

    def plan(changed: Profile, apart: Apart | None, paid: bool) -> Team:
        return unpriced_plan(changed, kb, lang, apart, ready(changed), paid)
    return priced(profile, kb, lang, plan, lambda p: sized(p, kb, ready(p)), ceiling)


class Prepared(NamedTuple):
    """A profile's work before anyone is seated: its stage, situation, live sessions, posts and workload."""

    diagnosis: Diagnosis
    sit: Situation
    slots: list[Slot]
    posts: list[Post]
    workload: list[WorkloadLine]


def prepare(profile: Profile, kb: KnowledgeBase) -> Prepared:
    """The profile's stage, situation, live sessions and posts sized by their work (`stage_posts`)."""
    diagnosis = diagnose(kb, profile.monthly_sales, profile.stage)
    sit = situation(profile, kb, diagnosis)
    slots = place_sessions(kb, sit)
    posts, workload = stage_posts(kb, sit, slots)
    return Prepared(diagnosis, sit, slots, posts, workload)


def _rebudgeted(made: list[tuple[Profile, Prepared]], profile: Profile) -> Prepared | None:
    """The work of a profile already prepared that differs from `profile` in its headcount budget alone (a
    variant cut to fewer people), with that budget: the budget changes who is seated, not the work."""
    plain = msgspec.structs.replace(profile, headcount_budget=None)
    for known, prepared in made:
        if msgspec.structs.replace(known, headcount_budget=None) == plain:
            return prepared._replace(sit=msgspec.structs.replace(prepared.sit, budget=profile.headcount_budget))
    return None


def sized(profile: Profile, kb: KnowledgeBase, ready: Prepared | None = None
          ) -> tuple[list[WorkloadLine], Callable[[int | None, Apart | None], list[Seat]]]:
    """The profile's workload, and its people (seats) at any headcount budget with the work sized once: what
    pricing tries for cheaper variants before it plans the one it picks (the same seats `unpriced_plan` names).
    `ready`: the profile already prepared (`prepare`)."""
    _, sit, _, posts, workload = ready or prepare(profile, kb)
    packer = packer_for(kb, sit.stage)
    busy = _controls_without_chats(kb, sit)
    longest = kb.figures.max_session_hours.value * 60

    def at(budget: int | None, apart: Apart | None = None) -> list[Seat]:
        mine = msgspec.structs.replace(sit, budget=budget)
        rest, alone = set_apart(posts, apart)
        packed = pack_within_host_day(kb, mine, packer, rest, target_headcount(kb, mine, rest))
        # The manager posts a large team gets above its leads are people too (`name_people` adds them).
        lines = structure(kb, sit.stage, packed + alone)
        out = Seating([*packed, *(Seat([], roles=(m.role,)) for m in lines.managers), *alone])
        out.lines = lines
        out.chats_wait = any("customer_service" in seat.roles and not busy.isdisjoint(seat.roles) for seat in packed)
        out.camera_long = any(camera_minutes(kb, seat) > longest for seat in packed)
        return out
    return workload, at


def set_apart(posts: list[Post], apart: Apart | None) -> tuple[list[Post], list[Seat]]:
    """The posts to pack, and those `apart` picks to be hired on their own (part-time, by pricing), last."""
    picked = apart(posts) if apart is not None else []
    if not picked:
        return posts, []  # the same list: the packer knows it from the last time it packed it
    return ([p for k, p in enumerate(posts) if k not in picked],
            [Seat([posts[k]], load=posts[k].load, roles=(posts[k].role,)) for k in picked])


def unpriced_plan(profile: Profile, kb: KnowledgeBase, lang: Lang = "zh", apart: Apart | None = None,
                  ready: Prepared | None = None, paid: bool = False) -> Team:
    """The team for the profile from the work alone, before it is priced (`apart`: posts each hired on their own;
    `ready`: the profile already prepared, `prepare`; `paid`: its headcount budget is the people the labour money
    pays for, not one the merchant gave, and the reasons say so)."""
    diagnosis, sit, slots, all_posts, workload = ready or prepare(profile, kb)
    if paid:
        sit = msgspec.structs.replace(sit, budget_paid=True)
    posts, alone = set_apart(all_posts, apart)
    target = target_headcount(kb, sit, posts)
    packer = packer_for(kb, sit.stage)
    seats = pack_within_host_day(kb, sit, packer, posts, target) + alone
    people = name_people(kb, sit, seats, packer, lang)
    managers = len(people) - len(seats)
    decisions = [
        Reason(about="stage", text=diagnosis.reason.get(lang), sources=diagnosis.sources),
        *profile_decisions(kb, sit, slots, lang),
        headcount_decision(kb, sit, posts, target, len(seats), lang, managers),
        *alone_decisions(kb, sit, seats, lang),
        *long_day_decisions(kb, sit, [(p.name, camera_minutes(kb, seat)) for p, seat in zip(
            [p for p in people if not kb.role[p.roles[0]].leads], seats, strict=True)], lang),
    ]
    return Team(
        merchant=profile.merchant, stage=sit.stage, monthly_sales=profile.monthly_sales, focus=sit.focus,
        resources=[r for r in RESOURCES if r in sit.resources], headcount_budget=sit.budget, live_hours=sit.live_hours,
        city_tier=profile.city_tier, budget_cny=profile.budget_cny, ads=sit.ads, order_value=profile.order_value, category=profile.category,
        rooms=sit.rooms, live_days=sit.live_days, day_parts=list(sit.day_parts), ad_spend=profile.ad_spend,
        fulfilment=sit.fulfilment, service=sit.service, videos_per_week=profile.videos_per_week,
        people=people, decisions=decisions, sessions=crews(kb, slots, seats, [p.name for p in people if not kb.role[p.roles[0]].leads], sit.live_days),
        workload=list(workload),
    )


def pack(kb: KnowledgeBase, sit: Situation, packer: Packer, posts: list[Post], target: int) -> list[Seat]:
    """The posts packed into `target` people: one person holds everything (on air too) when the budget is one at
    a stage that lets posts combine; posts an existing e-commerce team can take are packed among themselves,
    so they go to that team instead of new hires."""
    if target == 1 and kb.stage[sit.stage].merge == "any":
        return [Seat(posts, roles=tuple(dict.fromkeys(p.role for p in posts)))]
    existing = [p for p in posts if p.role in kb.settings.existing_team_roles] if "ecommerce_team" in sit.resources else []
    if not existing or len(existing) == len(posts) or target < 2:
        seats = packer.pack(posts, target)
        if sit.budget is not None and len(seats) > target:  # a tight budget: long days on camera if they meet it
            fewer = packer.lenient().pack(posts, target)
            return fewer if len(fewer) < len(seats) else seats
        return seats
    rest = [p for p in posts if p.role not in kb.settings.existing_team_roles]
    share = math.ceil(sum(p.load for p in existing) / kb.settings.stage_tolerance.get(sit.stage, 1.0) - 1e-9)
    mine = min(max(1, share), target - 1)
    seats = packer.pack(rest, target - mine) + packer.pack(existing, mine)
    order = {id(p): k for k, p in enumerate(posts)}
    return sorted(seats, key=lambda seat: min(order[id(p)] for p in seat.posts))


def pack_within_host_day(kb: KnowledgeBase, sit: Situation, packer: Packer, posts: list[Post], target: int) -> list[Seat]:
    """`pack`, with one more person each time someone would be on camera longer than a host's day
    (`max_session_hours`: hosts are on air about 4–6 hours a day), or would work a session-long control and
    answer the chats that arrive on air (rule `live_chats_held`), or, at a stage whose team follows its work
    (no usual team size) or past its usual size, would hold posts that together are more work than the stage
    tolerates for one person (`stage_tolerance`: posts that each take most of a person cannot share one), while
    the budget and the posts allow."""
    stage = kb.stage[sit.stage]
    if sit.budget is not None and stage.team_max is None and stage.merge != "any":
        # At a stage whose team follows its work, a budget the posts that rules seat alone already pass (and
        # one more person for the rest, if any) cannot be met: no need to pack at it to find out (below).
        lone, _ = _shared_work(kb, sit.stage, posts)
        if lone + (lone < len(posts)) > sit.budget:
            free = msgspec.structs.replace(sit, budget=None)
            return pack_within_host_day(kb, free, packer, posts, target_headcount(kb, free, posts))
    seats = pack(kb, sit, packer, posts, target)
    if sit.budget is not None and len(seats) > sit.budget and stage.team_max is None:
        # The budget cannot be met at a stage whose team follows its work (posts that rules keep one to a
        # person need more people than it gives): merging the other posts past one person's work would not
        # meet it either, so the plan keeps to the work and says the budget is short (`headcount_decision`).
        free = msgspec.structs.replace(sit, budget=None)
        return pack_within_host_day(kb, free, packer, posts, target_headcount(kb, free, posts))
    limit = kb.figures.max_session_hours.value * 60
    busy = _controls_without_chats(kb, sit)
    # Past the stage's usual size the team follows its work, so nobody hired carries more than the stage
    # tolerates; within it (a growth merchant's 3–5 people) everyone holding several posts and working late is
    # the stage. The owner's own hours are not hired: what they take on is theirs (the reasons say how much).
    most = kb.settings.stage_tolerance.get(sit.stage, kb.settings.overload_tolerance) \
        if stage.team_max is None or target > stage.team_max else math.inf
    camera = kb.settings.on_camera_roles
    alone_busy = "customer_service" in busy  # a seat of customer service alone that rules keep from the controls

    def heavy(seat: Seat) -> bool:  # on camera too long, controls answering chats on air, or too much work
        if len(seat.posts) == 1:  # most seats of a big plan: the same tests, without building sets
            post = seat.posts[0]
            return bool(post.windows) and post.role in camera and sum(b - a for a, b in set(post.windows)) > limit \
                or alone_busy and post.role == "customer_service"
        return camera_minutes(kb, seat) > limit or ("customer_service" in seat.roles and not busy.isdisjoint(seat.roles)) \
            or -seat.cost[4] > most + 1e-9 and not is_owner_post(kb, list(seat.roles), sit.stage)

    while any(heavy(seat) for seat in seats) and len(seats) < len(posts) and (sit.budget is None or len(seats) < sit.budget):
        more = pack(kb, sit, packer, posts, len(seats) + 1)
        if len(more) <= len(seats):
            break
        seats = more
    return seats


def _controls_without_chats(kb: KnowledgeBase, sit: Situation) -> set[str]:
    """The control posts the stage's `live_chats_held` rules keep apart from customer service for this
    merchant (more chats on air than may wait), else none."""
    held = kb.derived.get(("live_chats_held", sit.stage))
    if held is None:  # the stage's rules as (threshold, roles): knowledge only, made once
        held = kb.derived[("live_chats_held", sit.stage)] = [
            (float(rule.params.get("max_per_week", 10)), list(rule.params.get("roles", []))) for rule in kb.rule.values()
            if rule.check == "live_chats_held" and rule.enabled and sit.stage in rule.stages]
    if not held:
        return set()
    chats = live_chats_per_week(kb, sit.orders_per_day, sit.live_hours, sit.live_days)
    return {r for most, roles in held if chats > most for r in roles}


def camera_minutes(kb: KnowledgeBase, seat: Seat) -> int:
    """Minutes a day the seat is on camera: the live windows of its on-camera posts, each window once (an
    assistant host who is also floor control is on camera once)."""
    camera = kb.settings.on_camera_roles
    windows = {w for p in seat.posts if p.windows and p.role in camera for w in p.windows}
    return sum(b - a for a, b in windows) if windows else 0


def target_headcount(kb: KnowledgeBase, sit: Situation, posts: list[Post]) -> int:
    """People to aim for: one for each post that rules let join no other (`Packer.loners`), and the other posts'
    total load; within the stage's usual size while people stay within the stage's tolerance for combined work
    (never below its minimum), capped by the budget. (A post held alone leaves its spare time unused: counting
    it in the shared load would squeeze the other posts into too few people.)"""
    stage = kb.stage[sit.stage]
    lone, load = _shared_work(kb, sit.stage, posts)
    natural = max(1, lone + math.ceil(load - 1e-9))
    tolerance = kb.settings.stage_tolerance.get(sit.stage, kb.settings.overload_tolerance)
    usual = stage.team_max if stage.team_max is not None else natural
    target = max(stage.team_min, min(natural, max(usual, lone + math.ceil(load / tolerance - 1e-9))))
    return min(target, sit.budget) if sit.budget is not None else target


_WORK: list[tuple[KnowledgeBase, str, list[Post], int, int, float]] = []  # `_shared_work`'s last answer


def _shared_work(kb: KnowledgeBase, stage: str, posts: list[Post]) -> tuple[int, float]:
    """For `target_headcount`: how many posts rules seat alone, and the others' load less what on-set pairs
    share. Remembered for the last few lists of posts (kept, so compared by identity): a plan and its variants'
    tries at other headcounts ask about the same posts."""
    for known, known_stage, known_posts, size, lone, load in _WORK:
        if known is kb and known_stage == stage and known_posts is posts and size == len(posts):
            return lone, load
    alone = packer_for(kb, stage).loners(posts)
    rest = [p for k, p in enumerate(posts) if k not in alone] if alone else posts
    load = sum(p.load for p in rest) - on_set_sharing(kb, rest)
    _WORK[:] = [(kb, stage, posts, len(posts), len(alone), load), *_WORK[:3]]  # a plan's posts and its variants'
    return len(alone), load


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
    """Turn seats into open posts: names, reasons, cover skills, reporting lines, and the manager posts a
    large team needs above its working leads (`hierarchy`)."""
    plan = structure(kb, sit.stage, seats)
    names, managers = hierarchy_names(kb, seats, plan, lang)
    lead = next((n for n, s in zip(names, seats, strict=True) if "team_lead" in s.roles), None)

    def name_of(boss: int | None) -> str | None:
        return lead if boss is None else names[boss] if boss >= 0 else managers[-1 - boss]

    held = {r for s in seats for r in s.roles}
    hosts = sum(1 for s in seats if "anchor" in s.roles or "assistant_anchor" in s.roles)
    pairs = _cover_pairs(kb, sit.stage)
    existing_roles = set(kb.settings.existing_team_roles) if "ecommerce_team" in sit.resources else None
    controls = set(kb.settings.control_roles)
    chats = live_chats_per_week(kb, sit.orders_per_day, sit.live_hours, sit.live_days)
    same = [0] * len(seats)  # how many of the same first post report to each seat (who gets the lead premium)
    for j, boss in enumerate(plan.boss):
        if boss is not None and boss >= 0 and seats[j].roles[0] == seats[boss].roles[0]:
            same[boss] += 1
    # What follows from a seat's posts alone, by its posts: a big team's many alike seats work it out once.
    by_roles: dict[tuple[str, ...], tuple[list[str], bool, bool, list[str]]] = {}
    people = []
    for k, (name, seat) in enumerate(zip(names, seats, strict=True)):
        found = by_roles.get(seat.roles)
        if found is None:
            found = by_roles[seat.roles] = (
                [r for r in seat.roles if r in controls],
                is_owner_post(kb, list(seat.roles), sit.stage),  # the owner leads: nobody to hire for it
                existing_roles is not None and set(seat.roles) <= existing_roles,
                _cover(kb, sit, seat, held, hosts, len(seats), pairs))
        on_air, owner, existing, cover = found
        reasons = [post_reason(kb, post, lang) for post in seat.posts]
        if seat.merges:
            reasons += combination_reasons(kb, sit.stage, seat.roles, packer.explain(seat), lang)
        if on_air and "customer_service" in seat.roles and chats >= 1:
            reasons.append(live_chats_reason(kb, on_air, chats, lang, sit if owner else None))
        if k in plan.leads or same[k] >= 2:
            reasons.append(span_reason(kb, seat.roles[0], plan.leads.get(k, same[k]), lang, same[k] >= 2))
        if owner:
            reasons.append(Reason(about="owner", text=kb.pay_figures.owner_stages.note.get(lang),
                                  sources=kb.pay_figures.owner_stages.sources))
        people.append(Person(name=name, roles=list(seat.roles), reports_to=None if name == lead else name_of(plan.boss[k]),
                             vacancy=not (existing or owner), can_cover=list(cover), reasons=reasons))
    for i, manager in enumerate(plan.managers):  # each manager just before the first person reporting to them
        person = Person(name=managers[i], roles=[manager.role], reports_to=name_of(manager.boss), vacancy=True,
                        reasons=[manager_reason(kb, manager.role, [seats[k].roles[0] for k in manager.reports],
                                                sum(1 + plan.leads.get(k, 0) for k in manager.reports), lang)])
        first = min((j for j, p in enumerate(people) if p.reports_to == person.name), default=len(people))
        people.insert(first, person)
    return people


def _cover_pairs(kb: KnowledgeBase, stage: str) -> list[tuple[str, str]]:
    """The (holder's post, post to cover) pairs of the stage's rules about standing in for each other, both ways
    (knowledge only: made once per stage)."""
    pairs = kb.derived.get(("cover_pairs", stage))
    if pairs is None:
        pairs = kb.derived[("cover_pairs", stage)] = []
        for rule in kb.rule.values():
            if stage in rule.stages and rule.check == "mutual_cover":
                a, b = rule.params["roles"]
                pairs += [(a, b), (b, a)]
    assert isinstance(pairs, list)
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
