"""Cross-reference checks on a loaded knowledge base: every id it mentions must exist."""

from __future__ import annotations

import re
from collections.abc import Iterable

from ..errors import KnowledgeError
from .kitdata import hiring_extras_problems
from .model import FULL_TIME_HOURS, KnowledgeBase, normalize
from .scorecheck import scorecard_problems


def validate_knowledge(kb: KnowledgeBase, origin: str) -> None:
    """Raise KnowledgeError (naming `origin`) at the first dangling reference or inconsistency."""
    problems = list(_problems(kb))
    if problems:
        raise KnowledgeError(problems[0], file=origin, hint=f"{len(problems)} problem(s) in all")


def _problems(kb: KnowledgeBase) -> Iterable[str]:
    roles, groups, stages = set(kb.role), set(kb.group), set(kb.stage)

    def missing(kind: str, where: str, ids: Iterable[str], known: set[str]) -> Iterable[str]:
        for i in ids:
            if i not in known:
                yield f"{where} refers to unknown {kind} '{i}'"

    cited: list[tuple[str, str, list[str]]] = [
        (type(item).__name__.lower(), item.id, item.sources)
        for items in (kb.stages, kb.groups, kb.roles, kb.metrics, kb.combinations, kb.rules, kb.sop,
                      kb.segments, kb.scorecards, kb.requirements, kb.hiring) for item in items
    ]
    for kind, item_id, sources in cited:
        where = f"{kind} '{item_id}'"
        yield from missing("source", where, sources, set(kb.source))
        if not sources:
            yield f"{where} cites no source"
    for stage in kb.stages:
        yield from missing("role", f"stage '{stage.id}'", [*stage.required_roles, *stage.placement], roles)
        yield from missing("group", f"stage '{stage.id}'", stage.placement.values(), groups)
    yield from _stage_order(kb)
    for group in kb.groups:
        yield from missing("stage", f"group '{group.id}'", group.stages, stages)
        yield from missing("group", f"group '{group.id}'", [group.parent] if group.parent else [], groups)
    for role in kb.roles:
        yield from missing("group", f"role '{role.id}'", [role.group], groups)
        yield from missing("metric", f"role '{role.id}'", role.kpis, set(kb.metric))
    for combo in kb.combinations:
        yield from missing("role", f"combination '{combo.id}'", combo.roles, roles)
        yield from missing("stage", f"combination '{combo.id}'", combo.stages, stages)
    yield from _rule_problems(kb, stages)
    for stage_id, posts in kb.posts.items():
        yield from missing("stage", "posts", [stage_id], stages)
        yield from missing("role", f"posts of '{stage_id}'", [p.role for p in posts], roles)
    yield from missing("role", "settings.specialist_roles", kb.settings.specialist_roles, roles)
    yield from missing("role", "settings.existing_team_roles", kb.settings.existing_team_roles, roles)
    for name in ("host_roles", "control_roles", "follow_live_roles"):
        yield from missing("role", f"settings.{name}", getattr(kb.settings, name), roles)
    yield from _clock_problems(kb)
    yield from _skill_problems(kb)
    yield from _alias_clashes(kb)
    yield from _id_shapes(kb)
    yield from _kit_problems(kb, roles, stages)
    yield from _title_problems(kb, roles)
    yield from _pay_problems(kb, roles, stages)
    for dept in kb.departments:
        yield from missing("group", f"department '{dept.id}'", [dept.group], groups)
        yield from missing("source", f"department '{dept.id}'", [dept.source], set(kb.source))
    for scope in kb.scopes:
        yield from missing("source", f"scope '{scope.id}'", scope.sources, set(kb.source))
        yield from missing("rule", f"scope '{scope.id}'", scope.rules_off, {r.id for r in kb.rules})
        yield from missing("role", f"scope '{scope.id}'", [r for need in scope.needs for r in need], roles)


def _pay_problems(kb: KnowledgeBase, roles: set[str], stages: set[str]) -> Iterable[str]:
    """Every post is priced, bases are ordered low ≤ typical ≤ high, tiers 1–5 exist, figures cite sources."""
    known = set(kb.source)
    for post in kb.pay_posts:
        if post.id not in roles:
            yield f"pay_posts refers to unknown role '{post.id}'"
        low, mid, high = post.base
        if not 0 <= low <= mid <= high:
            yield f"pay_posts '{post.id}': base must be [low, typical, high] in ascending order"
        for s in post.sources:
            if s not in known:
                yield f"pay_posts '{post.id}' refers to unknown source '{s}'"
    for tier in ("1", "2", "3", "4", "5"):
        if tier not in kb.pay_tier:
            yield f"pay_tiers has no tier '{tier}'"
    for item in kb.pay_tiers:
        for s in item.sources:
            if s not in known:
                yield f"pay_tiers '{item.id}' refers to unknown source '{s}'"
    if kb.pay is not None:
        for name in kb.pay.__struct_fields__:
            figure = getattr(kb.pay, name)
            for s in figure.sources:
                if s not in known:
                    yield f"pay.{name} refers to unknown source '{s}'"
        for stage in [*kb.pay.stage_factor.value, *kb.pay.owner_stages.value]:
            if stage not in stages:
                yield f"pay refers to unknown stage '{stage}'"
        yield from _part_time_problems(kb, roles)


def _part_time_problems(kb: KnowledgeBase, roles: set[str]) -> Iterable[str]:
    """Part-time posts are known and never on camera; the part-time figures are in range."""
    assert kb.pay is not None
    pay = kb.pay
    on_air = {*kb.settings.on_camera_roles, *(p.role for specs in kb.posts.values() for p in specs if p.driver == "session")}
    for role in pay.part_time_posts.value:
        if role not in roles:
            yield f"pay.part_time_posts refers to unknown role '{role}'"
        elif role in on_air:
            yield f"pay.part_time_posts: '{role}' is on air for whole live sessions and cannot be part-time"
    if pay.part_time_rate.value <= 0:
        yield "pay.part_time_rate must be above 0"
    if not 0 < pay.part_time_max_load.value <= 1:
        yield "pay.part_time_max_load must be above 0 and at most 1 (a full person)"
    for name in ("part_time_min_hours", "part_time_hours"):
        if not 0 < getattr(pay, name).value <= FULL_TIME_HOURS:
            yield f"pay.{name} must be above 0 and at most {FULL_TIME_HOURS:g} hours a week"


def _kit_problems(kb: KnowledgeBase, roles: set[str], stages: set[str]) -> Iterable[str]:
    """The kit's SOP, scorecards and requirements name known posts, stages and metrics; weights add up."""
    for step in kb.sop:
        if not step.roles:
            yield f"sop '{step.id}' names no post to own it"
        yield from (f"sop '{step.id}' refers to unknown role '{r}'" for r in step.roles if r not in roles)
    for seg in kb.segments:
        yield from (f"segment '{seg.id}' refers to unknown role '{r}'" for r in seg.roles if r not in roles)
    yield from _show_problems(kb)
    yield from scorecard_problems(kb)
    for req in kb.requirements:
        yield from (f"requirement '{req.id}' refers to unknown stage '{s}'" for s in req.stages if s not in stages)
        yield from (f"requirement '{req.id}' refers to unknown role '{r}'" for r in req.roles if r not in roles)
    yield from _hiring_problems(kb, roles)
    named = {d.id for d in kb.data_sources}
    if named:
        yield from (f"data source '{m.data_source}' of metric '{m.id}' has no name in data_sources"
                    for m in kb.metrics if m.data_source not in named)


def _show_problems(kb: KnowledgeBase) -> Iterable[str]:
    """The show's figures cite known sources, its minutes are positive and its working hours parse."""
    from ..errors import DouyinTeamError
    from .clock import hours_range

    if kb.show is None:
        return
    for name in kb.show.__struct_fields__:
        figure = getattr(kb.show, name)
        yield from (f"show.{name} refers to unknown source '{x}'" for x in figure.sources if x not in kb.source)
        if name.endswith("_minutes") and not 0 < figure.value <= 24 * 60:
            yield f"show.{name} must be between 1 and 1440 minutes, not {figure.value:g}"
    try:
        hours_range(kb.show.working_hours.value)
    except DouyinTeamError as err:
        yield f"show.working_hours: {err.message} ({err.hint})"


def _hiring_problems(kb: KnowledgeBase, roles: set[str]) -> Iterable[str]:
    """Each hiring kit is for a known post, with interview questions and a 30-day plan whose days rise within 1–30."""
    if not kb.hiring:
        return
    yield from (f"hiring '{h.id}' is for unknown role '{h.id}'" for h in kb.hiring if h.id not in roles)
    # A playbook's own new post may come without a hiring kit (its JD then shows none): the packaged posts all have one.
    for h in kb.hiring:
        days = [m.days for m in h.onboarding]
        if not h.interview or not days:
            yield f"hiring '{h.id}' needs interview questions and onboarding milestones"
        elif days != sorted(set(days)) or days[0] < 1 or days[-1] > 30:
            yield f"hiring '{h.id}': onboarding days must rise within 1–30, not {days}"
        yield from hiring_extras_problems(h, roles, {s.id for s in kb.stages}, set(kb.source))


def _title_problems(kb: KnowledgeBase, roles: set[str]) -> Iterable[str]:
    """Titles, affixes and words name known posts and sources, and no title is listed twice."""
    seen: set[str] = set()
    for kind, items in (("title", kb.titles), ("title affix", kb.title_affixes), ("title word", kb.title_words)):
        for item in items:
            key = (kind, normalize(item.id))
            if not key[1] or f"{kind}:{key[1]}" in seen:
                yield f"{kind} '{item.id}' is empty or listed twice"
            seen.add(f"{kind}:{key[1]}")
            if item.source not in kb.source:
                yield f"{kind} '{item.id}' refers to unknown source '{item.source}'"
            yield from (f"{kind} '{item.id}' refers to unknown role '{r}'" for r in getattr(item, "roles", [])
                        if r not in roles)
    for title in kb.titles:
        if not title.roles and title.context != "outside":
            yield f"title '{title.id}' names no post"
        if title.roles and title.context == "outside":
            yield f"title '{title.id}' is outside the team but names posts"


ID_SHAPE = re.compile(r"[a-z0-9][a-z0-9_-]*")


def _clock_problems(kb: KnowledgeBase) -> Iterable[str]:
    from ..errors import DouyinTeamError
    from .clock import clock, hours_range

    for name, parse in (("live_start", clock), ("day_window", hours_range)):
        try:
            parse(getattr(kb.settings, name))
        except DouyinTeamError as err:
            yield f"settings.{name}: {err.message} ({err.hint})"


def _id_shapes(kb: KnowledgeBase) -> Iterable[str]:
    """Ids are stable lower-case ASCII (snake_case or kebab-case): safe in every file format unescaped."""
    for items in (kb.stages, kb.groups, kb.roles, kb.metrics, kb.combinations, kb.rules, kb.sources, kb.sop,
                  kb.scorecards, kb.requirements):
        for item in items:
            if not ID_SHAPE.fullmatch(item.id):
                yield f"id '{item.id}' must be lower-case letters, digits, '_' or '-'"


def _stage_order(kb: KnowledgeBase) -> Iterable[str]:
    previous_max: float | None = 0.0
    for stage in kb.stages:
        if stage.sales_min != previous_max:
            yield f"stage '{stage.id}' starts at {stage.sales_min}, not where the previous stage ends"
        if stage.sales_max is not None and stage.sales_max <= stage.sales_min:
            yield f"stage '{stage.id}' has sales_max not above sales_min"
        if stage.team_max is not None and stage.team_max < stage.team_min:
            yield f"stage '{stage.id}' has team_max below team_min"
        previous_max = stage.sales_max
    if kb.stages and kb.stages[-1].sales_max is not None:
        yield f"the last stage '{kb.stages[-1].id}' must have no sales_max"


def _rule_problems(kb: KnowledgeBase, stages: set[str]) -> Iterable[str]:
    for rule in kb.rules:  # a rule's `check` is the checker's to know (checking.checker.check_team)
        for stage in rule.stages:
            if stage not in stages:
                yield f"rule '{rule.id}' refers to unknown stage '{stage}'"
        for key in ("roles", "any_of", "need"):
            for role in rule.params.get(key, []):
                if role not in kb.role:
                    yield f"rule '{rule.id}' params.{key} refers to unknown role '{role}'"


def _alias_clashes(kb: KnowledgeBase) -> Iterable[str]:
    owner: dict[str, str] = {}
    for role in kb.roles:
        labels = {normalize(x) for x in (role.id, role.name.zh, role.name.en, *role.aliases)}
        for label in labels:
            if label in owner and owner[label] != role.id:
                yield f"'{label}' names both '{owner[label]}' and '{role.id}'"
            owner[label] = role.id


def _skill_problems(kb: KnowledgeBase) -> Iterable[str]:
    """Staffing's skill figures: levels on the roster's 1–5 scale, known posts, a level's worth not negative."""
    if kb.skill is None:
        return
    s = kb.skill
    for name, figure in (("core_min_level", s.core_min_level), ("level_worth", s.level_worth)):
        yield from (f"skill.{name} refers to unknown source '{x}'" for x in figure.sources if x not in kb.source)
    if not 1 <= s.core_min_level.value <= 5:
        yield f"skill.core_min_level is {s.core_min_level.value:g}, not a level from 1 to 5"
    if s.level_worth.value < 0:
        yield f"skill.level_worth is {s.level_worth.value:g}: a level's worth cannot be negative"
    for role, level in s.min_level.items():
        if role not in kb.role:
            yield f"skill.min_level refers to unknown role '{role}'"
        elif not 1 <= level <= 5:
            yield f"skill.min_level of '{role}' is {level}, not a level from 1 to 5"
