"""Staffing: put the people of a roster into a plan's posts with OR-Tools CP-SAT, proven optimal.

Every post is held by at most one person who has the skill, is free for the post's live shift and has the
hours; a person's posts fit in their week; combinations follow the stage's rules (a rule with severity
error is never broken), and a post is held only at its minimum skill level or above (`kb.min_level`: core
posts 3/5 by default). Goals, in this order: posts people must keep, fewest uncovered posts, fewest uncommon
pairings, lowest skill-weighted cost, lowest monthly cost. The skill-weighted cost makes the trade between
skill and pay explicit: the monthly cost of the people used plus, for every post held, its skill shortfall
(5 − level) times what one level is worth a month (`kb.skills.level_worth`, 2,000 CNY by default). So a
person two levels better takes a post if they cost less than two levels' worth more (see docs/staffing.md).

The model is small on purpose. Each person gets one choice among the few sets of posts they could hold
together (their "patterns"), so every goal is a sum over those choices and the LP bound is tight. People
nobody could ever need are dropped first (`useful_candidates`), people who are interchangeable share one
counting variable, and the goals are folded into one weighted objective whenever the weights provably keep
their order (`packs`).
"""

from __future__ import annotations

import time
from collections.abc import Callable
from itertools import combinations
from typing import Any, NamedTuple

import msgspec

from .. import progress
from ..knowledge import KnowledgeBase, Window, covers
from ..team import Candidate, Roster, Team
from ..text import Lang, Text
from .posts import Post, Staffing, Status, forbidden_by, plan_posts
from .seats import Seated

EXACT = 2**53  # a weighted objective stays below this, where every integer is exact in a double
class Kind(NamedTuple):
    """Posts that are the same to anyone: one role, one shift, the same hours."""

    role: str
    window: Window | None
    hours: float
    posts: list[int]


class Pattern(NamedTuple):
    """A set of posts (kinds, repeated for several posts of a kind) one person could hold together."""

    kinds: tuple[int, ...]
    uncommon: int
    fit: int


def post_kinds(posts: list[Post]) -> list[Kind]:
    """Posts grouped into kinds, in plan order."""
    kinds: dict[tuple[str, Window | None, float], list[int]] = {}
    for j, post in enumerate(posts):
        kinds.setdefault((post.role, post.window, post.hours), []).append(j)
    return [Kind(role, window, hours, js) for (role, window, hours), js in kinds.items()]


def able_mask(c: Candidate, kinds: list[Kind], kb: KnowledgeBase) -> int:
    """The kinds this person could hold one of (skill at the post's minimum level, free for the whole shift,
    enough hours), as bits."""
    free = c.window(kb.settings)
    return sum(1 << k for k, kind in enumerate(kinds)
               if c.levels.get(kind.role, 0) >= kb.min_level(kind.role) and kind.hours <= c.work_hours + 1e-9
               and covers(free, kind.window))


def useful_candidates(people: list[Candidate], masks: list[int], kinds: list[Kind]) -> list[int]:
    """The people worth a place in the model (indices); dropping the others keeps an optimum.

    a "beats" b when a has no personal constraints, can take every kind of post b can, has as many hours,
    skill levels as high in each of those posts and costs no more (ties to the earlier person): in any
    answer where a is idle, a can hold b's posts instead at no loss. b is dropped when some set of its beaters has at
    least as many people as there are posts those beaters could take: b holds one of those posts, so one
    beater is idle. Nobody who must keep a post is dropped; nobody who can take no post is kept.
    """
    count: dict[int, int] = {}

    def posts_of(mask: int) -> int:
        if mask not in count:
            count[mask] = sum(len(kind.posts) for k, kind in enumerate(kinds) if mask >> k & 1)
        return count[mask]

    total = sum(len(kind.posts) for kind in kinds)
    cost = [round(c.cost) for c in people]
    holders: list[list[int]] = [[] for _ in kinds]  # by kind: people free of constraints, cheapest first
    for i in sorted(range(len(people)), key=lambda i: cost[i]):
        if not people[i].keeps and not people[i].never_with:
            for k in range(len(kinds)):
                if masks[i] >> k & 1:
                    holders[k].append(i)
    kept = []
    for b, person in enumerate(people):
        if person.keeps or (masks[b] and not _beaten(b, people, masks, cost, holders, posts_of, total, kinds)):
            kept.append(b)
    return kept


def _beaten(b: int, people: list[Candidate], masks: list[int], cost: list[int], holders: list[list[int]],
            posts_of: Callable[[int], int], total: int, kinds: list[Kind]) -> bool:
    mine, target = masks[b], people[b]
    able = [k for k in range(len(kinds)) if mine >> k & 1]
    roles = {kinds[k].role for k in able}
    beaters = []
    for a in min((holders[k] for k in able), key=len):  # a beater holds b's rarest kind too
        if cost[a] > cost[b]:
            break
        other = people[a]
        if a == b or masks[a] & mine != mine or other.work_hours < target.work_hours:
            continue
        levels = [(other.levels[r], target.levels[r]) for r in roles]
        if any(x < y for x, y in levels):  # less skilled: b may be worth its cost
            continue
        strict = cost[a] < cost[b] or other.work_hours > target.work_hours or masks[a] != mine or any(x > y for x, y in levels)
        if not strict and a > b:
            continue
        beaters.append(a)
        if len(beaters) >= total:
            return True
    union, n = 0, 0
    for a in sorted(beaters, key=lambda a: posts_of(masks[a])):
        union, n = union | masks[a], n + 1
        if n >= posts_of(union):
            return True
    return False


def patterns(c: Candidate, mask: int, kinds: list[Kind], forbidden: Callable[[str, str], Text | None],
             common: set[frozenset[str]]) -> list[Pattern]:
    """Every non-empty set of posts this person may hold together: hours, rules and their own constraints."""
    able = [k for k in range(len(kinds)) if mask >> k & 1]
    never = set(c.never_with)

    def clash(a: str, b: str) -> bool:
        return forbidden(a, b) is not None or bool(never & {a, b})

    out: list[Pattern] = []

    def extend(start: int, chosen: tuple[int, ...], hours: float) -> None:
        for pos in range(start, len(able)):
            k, kind = able[pos], kinds[able[pos]]
            if chosen.count(k) >= len(kind.posts) or hours + kind.hours > c.work_hours + 1e-9:
                continue
            if any(clash(kind.role, kinds[j].role) for j in chosen):
                continue
            pattern = (*chosen, k)
            roles = [kinds[j].role for j in pattern]
            odd = sum(1 for x, y in combinations(roles, 2) if x != y and frozenset((x, y)) not in common)
            out.append(Pattern(pattern, odd, sum(5 - c.levels[r] for r in roles)))
            extend(pos, pattern, hours + kind.hours)

    extend(0, (), 0.0)
    return out


def packs(uppers: list[int]) -> list[list[tuple[int, int]]]:
    """Goals (minimised in order, each between 0 and its upper bound) folded into weighted sums.

    Within a pack a goal's weight is one more than the most all later goals of the pack can add up to,
    so the weighted sum orders answers exactly as the goals do one after the other. A new pack starts
    when the weights would leave the range where a double holds every integer.
    """
    out: list[list[tuple[int, int]]] = [[]]
    scale = 1
    for goal in reversed(range(len(uppers))):
        if out[0] and scale * (uppers[goal] + 1) > EXACT:
            out.insert(0, [])
            scale = 1
        out[0].insert(0, (goal, scale))
        scale *= uppers[goal] + 1
    return out


def staff(plan: Team, roster: Roster, kb: KnowledgeBase, stage: str, time_limit: float = 10.0,
          seed: int = 0, lang: Lang = "zh", start: str | None = None) -> Staffing:
    """Assign roster people to the plan's posts; uncovered posts stay as vacancies, with the reason.

    `seconds` counts building, reducing, solving and explaining, not loading the solver library.
    """
    import ortools.sat.python.cp_model  # noqa: F401  (loaded before the clock starts)

    from ..money import price_team
    from .leftout import unused
    from .reasons import placements, staffed_team, unkept

    began = time.perf_counter()
    posts = plan_posts(plan, kb, stage, start)
    kinds = post_kinds(posts)
    people = roster.people
    masks = [able_mask(c, kinds, kb) for c in people]
    kept = useful_candidates(people, masks, kinds)
    forbidden = forbidden_by(kb, stage)
    common = {frozenset(p) for c in kb.combinations_at(stage) for p in combinations(c.roles, 2)}
    choices = {i: patterns(people[i], masks[i], kinds, forbidden, common) for i in kept}
    worth = kb.skills.worth
    solved = _solve(people, kept, choices, kinds, time_limit - (time.perf_counter() - began), seed, worth)
    status, values, chosen = solved
    held = _posts_held(chosen, kinds)
    team = staffed_team(plan, posts, people, held, kb, stage, lang)
    open_cost = sum(c.total for c in price_team(team, kb, stage).people if c.basis != "own")  # the open posts
    left_out = unused(posts, people, held, kb, stage, lang, solved=values is not None)
    seconds = round(time.perf_counter() - began, 3)
    placed = placements(posts, people, held, kb, lang)
    if values is None:
        return Staffing(team, "unknown", seconds, len(posts), 0, 0.0, 0, sum(len(c.keeps) for c in people), len(kept),
                        open_cost=open_cost, left_out=left_out, placements=placed)
    cost = sum(people[i].cost for i in held)
    fit = sum(5 - people[i].levels[posts[j].role] for i, js in held.items() for j in js)
    notes = unkept(posts, people, held, kb, stage, lang)
    return Staffing(team, status, seconds, values[1], values[2], float(cost), fit, values[0], len(kept), notes,
                    value=values[3], open_cost=open_cost, left_out=left_out, worth=worth,
                    worth_sources=list(kb.skills.level_worth.sources), worth_estimate=kb.skills.level_worth.estimate,
                    placements=placed)


def _classes(people: list[Candidate], kept: list[int], choices: dict[int, list[Pattern]]) -> list[list[int]]:
    """Kept people grouped when they are interchangeable: the same cost and the same choices, fit included."""
    groups: dict[Any, list[int]] = {}
    for i in kept:
        key: Any = ("one", i) if people[i].keeps else (round(people[i].cost), tuple(choices[i]))
        groups.setdefault(key, []).append(i)
    return [members for members in groups.values() if choices[members[0]]]


Term = tuple[Any, list[int], Pattern]  # a model variable, the class it counts, the pattern it chooses
Goal = tuple[list[tuple[int, int]], int, int]  # (term index, coefficient) pairs, a constant, an upper bound


def _solve(people: list[Candidate], kept: list[int], choices: dict[int, list[Pattern]], kinds: list[Kind],
           time_limit: float, seed: int, worth: int) -> tuple[Status, list[int] | None, list[tuple[int, Pattern]]]:
    """Build and solve the model; returns the status, the goal values and (person, pattern) chosen.

    Goals: broken keeps, open posts, uncommon pairings, skill-weighted cost (monthly cost + a level's
    worth × each held post's shortfall from 5/5), monthly cost.
    """
    from ortools.sat.python import cp_model

    model = cp_model.CpModel()
    terms: list[Term] = []
    for members in _classes(people, kept, choices):
        size = len(members)
        variables = [model.new_bool_var("") if size == 1 else model.new_int_var(0, size, "")
                     for _ in choices[members[0]]]
        model.add(sum(variables) <= size)
        terms += [(v, members, p) for v, p in zip(variables, choices[members[0]], strict=True)]
    for k, kind in enumerate(kinds):
        model.add(sum(p.kinds.count(k) * v for v, _, p in terms if k in p.kinds) <= len(kind.posts))
    keeps = [(i, role) for i in kept for role in dict.fromkeys(people[i].keeps)]
    top = max((round(people[i].cost) for i in kept), default=0)
    n = sum(len(kind.posts) for kind in kinds)
    goals: list[Goal] = [
        ([(t, -1) for i, role in keeps for t, (_, members, p) in enumerate(terms)
          if members == [i] and any(kinds[k].role == role for k in p.kinds)], len(keeps), len(keeps)),
        ([(t, -len(p.kinds)) for t, (_, _, p) in enumerate(terms)], n, n),
        ([(t, p.uncommon) for t, (_, _, p) in enumerate(terms) if p.uncommon], 0, n * (n - 1) // 2),
        ([(t, round(people[m[0]].cost) + worth * p.fit) for t, (_, m, p) in enumerate(terms)
          if people[m[0]].cost >= 0.5 or p.fit], 0, n * (top + 4 * worth)),
        ([(t, round(people[m[0]].cost)) for t, (_, m, _) in enumerate(terms)
          if people[m[0]].cost >= 0.5], 0, n * top),
    ]
    return _lexicographic(model, goals, terms, time_limit, seed, cp_model)


def _lexicographic(model, goals: list[Goal], terms: list[Term], time_limit: float, seed: int,  # type: ignore[no-untyped-def]
                   cp_model) -> tuple[Status, list[int] | None, list[tuple[int, Pattern]]]:
    """Minimise the packs of goals in turn, each optimum fixed before the next, the last answer as a hint."""
    solver = cp_model.CpSolver()
    solver.parameters.random_seed = seed
    solver.parameters.num_workers = 1  # with the seed: the same roster gives the same answer
    variables = [v for v, _, _ in terms]
    answer: list[int] | None = None
    proven, spent = True, 0.0
    order = packs([upper for _, _, upper in goals])
    for n, pack in enumerate(order):
        pairs = [(variables[t], coef * weight) for goal, weight in pack for t, coef in goals[goal][0]]
        expr = cp_model.LinearExpr.weighted_sum([v for v, _ in pairs], [c for _, c in pairs])
        model.minimize(expr)
        solver.parameters.max_time_in_seconds = max(0.05, (time_limit - spent) / (len(order) - n))
        status = solver.solve(model)
        spent += solver.wall_time
        if status not in (cp_model.OPTIMAL, cp_model.FEASIBLE):
            proven = False
            break
        proven = proven and status == cp_model.OPTIMAL
        answer = [solver.value(v) for v in variables]
        if not proven or n == len(order) - 1:
            break
        model.clear_hints()
        for var, value in zip(variables, answer, strict=True):
            model.add_hint(var, value)
        model.add(expr <= round(solver.objective_value))
    if answer is None:
        return "unknown", None, []
    values = [const + sum(coef * answer[t] for t, coef in lin) for lin, const, _ in goals]
    return ("optimal" if proven else "feasible"), values, _expand(terms, answer)


def _expand(terms: list[tuple[Any, list[int], Pattern]], answer: list[int]) -> list[tuple[int, Pattern]]:
    """(person, pattern) for every chosen pattern, handing a class's patterns to its members in order."""
    used: dict[int, int] = {}
    out = []
    for (_, members, pattern), value in zip(terms, answer, strict=True):
        key = id(members)
        for _ in range(value):
            out.append((members[used.get(key, 0)], pattern))
            used[key] = used.get(key, 0) + 1
    return sorted(out)


def _posts_held(chosen: list[tuple[int, Pattern]], kinds: list[Kind]) -> dict[int, list[int]]:
    """Person index → the plan posts they hold, each kind's posts handed out in plan order."""
    nxt = [0] * len(kinds)
    held: dict[int, list[int]] = {}
    for i, pattern in chosen:
        for k in pattern.kinds:
            held.setdefault(i, []).append(kinds[k].posts[nxt[k]])
            nxt[k] += 1
    return held


def staff_team(plan: Team, roster: Roster, kb: KnowledgeBase, stage: str | None = None, *, time_limit: float = 10.0,
               seed: int = 0, lang: Lang = "zh", start: str | None = None) -> Team:
    """What `douyin-team staff` and the staff API report: the staffed team at the plan's stage (or `stage`) on
    the plan's own seats (`staffing.seats`), its decisions (the solver's summary, must-keep posts not kept,
    every roster person left out and why, the labour cost with the open posts' expected pay), checked like any
    team."""
    return staff_seats(plan, roster, kb, stage, time_limit=time_limit, seed=seed, lang=lang, start=start).team


def staff_seats(plan: Team, roster: Roster, kb: KnowledgeBase, stage: str | None = None, *, seats: Team | None = None,
                time_limit: float = 10.0, seed: int = 0, lang: Lang = "zh", start: str | None = None) -> Seated:
    """`staff_team` with the answer put onto `seats` (the plan's seats as a team, e.g. the revision a web page
    staffs; the plan itself by default), saying which seat each person is (`Seated.seat_of`)."""
    from ..checking import check_team, result_team
    from ..money import price_team
    from .pricing import labour_lines
    from .reasons import summary
    from .seats import onto_seats

    stage = check_team(plan, kb, stage).diagnosis.stage
    progress.report(1, 3, progress.STEPS)
    result = staff(plan, roster, kb, stage, time_limit=time_limit, seed=seed, lang=lang, start=start)
    progress.report(2, 3, progress.STEPS)
    seated = onto_seats(seats or plan, result.team, result.placements, roster.people)
    labour = price_team(seated.team, kb, stage)  # the seats' budgets count where the roster gave no pay
    vacant = {p.name for p in seated.team.people if p.vacancy}
    result = msgspec.structs.replace(result, team=seated.team,
                                     open_cost=sum(c.total for c in labour.people if c.name in vacant))
    decisions = [summary(result, lang), *result.notes, *result.left_out, *labour_lines(labour, seated.team, lang)]
    team = msgspec.structs.replace(seated.team, stage=stage, decisions=decisions)
    checked = result_team(team, check_team(team, kb, stage), kb, lang)
    progress.report(3, 3, progress.STEPS)
    return Seated(checked, seated.seat_of)
