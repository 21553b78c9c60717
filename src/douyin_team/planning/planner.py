"""The team planner: a merchant's profile in, a recommended team (a Team of open posts) out.

Every post and every combination carries its reason and the sources it rests on. Deterministic.
"""

from __future__ import annotations

import math

from ..knowledge import KnowledgeBase, PostSpec
from ..team import RESOURCES, Person, Profile, Reason, Team
from ..text import Lang, Text
from .diagnosis import diagnose
from .packing import Packer, Post, Seat, packer_for
from .reasons import combination_reason, headcount_decision, post_reason, profile_decisions
from .situation import Situation, situation


def plan_team(profile: Profile, kb: KnowledgeBase, lang: Lang = "zh") -> Team:
    """Recommend a team for the profile: who holds which posts, and why."""
    diagnosis = diagnose(kb, profile.monthly_sales, profile.stage)
    sit = situation(profile, kb, diagnosis)
    posts = expand_posts(kb, sit)
    target = target_headcount(kb, sit, posts)
    packer = packer_for(kb, sit.stage)
    seats = packer.pack(posts, target)
    people = name_people(kb, sit, seats, packer, lang)
    decisions = [
        Reason(about="stage", text=diagnosis.reason.get(lang), sources=diagnosis.sources),
        *profile_decisions(kb, sit, lang),
        headcount_decision(kb, sit, posts, target, len(seats), lang),
    ]
    return Team(
        merchant=profile.merchant, stage=sit.stage, monthly_sales=profile.monthly_sales, focus=sit.focus,
        resources=[r for r in RESOURCES if r in sit.resources], headcount_budget=sit.budget, live_hours=sit.live_hours,
        city_tier=profile.city_tier, ads=sit.ads, people=people, decisions=decisions,
    )


def expand_posts(kb: KnowledgeBase, sit: Situation) -> list[Post]:
    """The stage's posts for this merchant: filtered, counted per shift, loads adjusted."""
    posts: list[Post] = []
    for spec in kb.posts.get(sit.stage, []):
        if not _applies(spec, sit):
            continue
        count = (sit.shifts if spec.per_shift else 1) * spec.count
        posts.extend(_post(kb, sit, spec) for _ in range(count))
    return _add_hosts(kb, sit, posts)


def _applies(spec: PostSpec, sit: Situation) -> bool:
    if spec.focus and sit.focus not in spec.focus:
        return False
    if spec.if_resources and not sit.resources & set(spec.if_resources):
        return False
    return sit.ads or not spec.only_with_ads


def _post(kb: KnowledgeBase, sit: Situation, spec: PostSpec) -> Post:
    load, notes = spec.load, []
    group = kb.role[spec.role].group
    if sit.stage != "mature" and group in ("live", "store", "video") and group != sit.focus:
        load *= kb.settings.lean_factor
        notes.append(Text(zh="重心不在这个组，人手从简", en="this group is not the focus, so it is kept lean"))
    if sit.small_city and spec.role in kb.settings.specialist_roles:
        load *= kb.settings.small_city_specialist_factor
        notes.append(Text(zh="小城市专才难招，优先兼任", en="specialists are hard to hire in small towns, so this post is combined first"))
    if "ecommerce_team" in sit.resources and spec.role in kb.settings.existing_team_roles:
        notes.append(Text(zh="可从现有电商团队调配，不必新招", en="can be staffed from your existing e-commerce team"))
    return Post(spec.role, round(load, 4), spec.why, list(spec.sources), notes)


def _add_hosts(kb: KnowledgeBase, sit: Situation, posts: list[Post]) -> list[Post]:
    """Add assistant-host posts until hosts cover the live hours (about 60 a month each)."""
    have = sum(1 for p in posts if p.role in ("anchor", "assistant_anchor"))
    spec = next((s for s in kb.posts.get(sit.stage, []) if s.role == "assistant_anchor"), None)
    load = spec.load if spec else 0.4
    why = Text(zh=f"每天开播{sit.live_hours:g}小时，需要{sit.hosts}人能上镜带货",
               en=f"{sit.live_hours:g} live hours a day need {sit.hosts} people who can host")
    extra = [Post("assistant_anchor", load, why, ["renrendoc-497774807"]) for _ in range(sit.hosts - have)]
    return posts + extra


def target_headcount(kb: KnowledgeBase, sit: Situation, posts: list[Post]) -> int:
    """People to aim for: the posts' total load, within the stage's range, capped by the budget."""
    stage, load = kb.stage[sit.stage], sum(p.load for p in posts)
    natural = max(1, math.ceil(load - 1e-9))
    target = max(stage.team_min, natural if stage.team_max is None else min(natural, stage.team_max))
    # Beyond the tolerated overload, the stage's usual size gives way to the work (a warning says so).
    target = max(target, math.ceil(load / kb.settings.overload_tolerance - 1e-9))
    return min(target, sit.budget) if sit.budget is not None else target


def name_people(kb: KnowledgeBase, sit: Situation, seats: list[Seat], packer: Packer, lang: Lang) -> list[Person]:
    """Turn seats into open posts: names from the main post, reasons, cover skills, reporting lines."""
    titles = [kb.role[seat.roles[0]].name.get(lang).split("/")[0] for seat in seats]
    names = _unique_names(titles)
    lead = next((n for n, s in zip(names, seats, strict=True) if "team_lead" in s.roles), None)
    managers = _managers(kb, sit.stage, seats, names, lead)
    people = []
    for name, seat, manager in zip(names, seats, managers, strict=True):
        reasons = [post_reason(kb, post, lang) for post in seat.posts]
        reasons += [combination_reason(kb, sit.stage, merge, lang) for merge in packer.explain(seat)]
        people.append(Person(name=name, roles=list(seat.roles), reports_to=manager, vacancy=True,
                             can_cover=_cover(kb, sit, seat, seats), reasons=reasons))
    return people


def _unique_names(titles: list[str]) -> list[str]:
    counts = {t: titles.count(t) for t in titles}
    seen: dict[str, int] = {}
    names = []
    for title in titles:
        seen[title] = seen.get(title, 0) + 1
        names.append(title if counts[title] == 1 else f"{title}{chr(ord('A') + seen[title] - 1)}")
    return names


def _managers(kb: KnowledgeBase, stage: str, seats: list[Seat], names: list[str], lead: str | None) -> list[str | None]:
    """Everyone reports to the lead; where the stage has departments, to their group's head first."""
    has_departments = any(g.kind == "department" and stage in g.stages for g in kb.groups)
    heads: dict[str, str] = {}
    for g in kb.groups:
        holder = next((n for n, s in zip(names, seats, strict=True) if g.lead_role in s.roles), None)
        if has_departments and holder is not None:
            heads[g.id] = holder
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


def _cover(kb: KnowledgeBase, sit: Situation, seat: Seat, seats: list[Seat]) -> list[str]:
    """Skills to hire for so that rules about standing in for each other hold."""
    cover: set[str] = set()
    mine = set(seat.roles)
    held = {r for s in seats for r in s.roles}
    for rule in kb.rule.values():
        if sit.stage in rule.stages and rule.check == "mutual_cover":
            a, b = rule.params["roles"]
            for x, y in ((a, b), (b, a)):
                if x in mine and y not in mine and y in held:
                    cover.add(y)
    if {"team_lead", "live_ops"} <= mine and "ad_buyer" not in mine:
        cover.add("ad_buyer")
    hosts = sum(1 for s in seats if "anchor" in s.roles or "assistant_anchor" in s.roles)
    if hosts <= 1 and "anchor" not in mine and {"assistant_anchor", "floor_control"} & mine:
        cover.add("anchor")
    if sit.ads and "ad_buyer" not in held and "live_ops" in mine:
        cover.add("ad_buyer")
    return [r for r in kb.role if r in cover]

