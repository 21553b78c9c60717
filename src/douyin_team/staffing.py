"""Staffing: put the people of a roster into a plan's posts with OR-Tools CP-SAT.

Every post is held by at most one person who has the skill; a person's posts fit in their weekly hours;
combinations follow the stage's rules (a rule with severity error is never broken; an uncommon pairing is
avoided). Objective, in this order (one solve each, the previous optimum fixed): fewest uncovered posts,
fewest uncommon pairings, lowest monthly cost, best skill fit.
"""

from __future__ import annotations

from itertools import combinations
from typing import Literal

import msgspec

from .kb import KnowledgeBase
from .model import Person, Reason, Team
from .roster import Candidate, Roster
from .text import Lang, Text

FULL_TIME_HOURS = 40.0


class Post(msgspec.Struct, frozen=True):
    """One post of the plan: its role, the plan seat it came from, and its weekly hours."""

    role: str
    seat: str
    hours: float


class Staffing(msgspec.Struct, frozen=True):
    """The staffed team, how good the answer is, and why each post is (not) covered."""

    team: Team
    status: Literal["optimal", "feasible", "infeasible", "unknown"]
    seconds: float
    uncovered: int
    uncommon: int
    monthly_cost: float
    fit: int


def plan_posts(plan: Team, kb: KnowledgeBase, stage: str) -> list[Post]:
    """The plan's posts with their weekly hours (the planner's load for the stage × a 40-hour week)."""
    loads = {spec.role: spec.load for spec in kb.posts.get(stage, [])}
    return [Post(role, p.name, round(loads.get(role, 0.5) * FULL_TIME_HOURS, 2)) for p in plan.people for role in p.posts]


def staff(plan: Team, roster: Roster, kb: KnowledgeBase, stage: str, time_limit: float = 10.0,
          seed: int = 0, lang: Lang = "zh") -> Staffing:
    """Assign roster people to the plan's posts; uncovered posts stay as vacancies, with the reason."""
    from ortools.sat.python import cp_model

    posts = plan_posts(plan, kb, stage)
    people = useful_candidates(roster.people, posts)
    model = cp_model.CpModel()
    x = {(i, j): model.new_bool_var(f"x{i}_{j}") for i, c in enumerate(people) for j, post in enumerate(posts)
         if post.role in c.levels}
    for j in range(len(posts)):
        model.add_at_most_one(x[i, j] for i in range(len(people)) if (i, j) in x)
    odd_terms = _person_constraints(model, x, people, posts, kb, stage)
    used = {i: model.new_bool_var(f"used{i}") for i in range(len(people))}
    for (i, _j), var in x.items():
        model.add_implication(var, used[i])
    covered = sum(x.values())
    goals = [
        len(posts) - covered,
        sum(odd_terms),
        sum(round(c.monthly_cost) * used[i] for i, c in enumerate(people)),
        sum((5 - people[i].levels[posts[j].role]) * var for (i, j), var in x.items()),
    ]
    solver = cp_model.CpSolver()
    solver.parameters.random_seed = seed
    solver.parameters.num_workers = 1  # with the seed: the same roster gives the same answer
    keys = list(x)
    status, seconds, values, answer = _lexicographic(model, solver, goals, time_limit, cp_model, [x[k] for k in keys])
    if values is None or answer is None:
        return Staffing(plan, status, round(seconds, 3), len(posts), 0, 0.0, 0)
    chosen = {key for key, value in zip(keys, answer, strict=True) if value}
    team = _staffed_team(plan, posts, people, chosen, kb, lang)
    values += [-1] * (len(goals) - len(values))  # goals the time did not reach
    cost = sum(c.monthly_cost for i, c in enumerate(people) if any(k[0] == i for k in chosen))
    return Staffing(team, status, round(seconds, 3), values[0], values[1], float(cost), values[3])


def useful_candidates(people: list[Candidate], posts: list[Post]) -> list[Candidate]:
    """Drop people who can never be needed, keeping the optimum.

    b is dropped when at least as many people "beat" b as there are posts b could take: a beats b when a
    has exactly b's skills, each at a level as high or higher, as many hours, no higher cost and no
    personal constraints (ties go to the earlier person). Those people can only take the same posts, so
    whenever b holds some, one of them is idle and holds them as well or better. Big rosters of people
    with the same skills solve much faster.
    """
    order = {id(c): k for k, c in enumerate(people)}

    def beats(a: Candidate, b: Candidate) -> bool:
        if a is b or a.keeps or a.never_with or a.hours < b.hours or a.monthly_cost > b.monthly_cost:
            return False
        if a.levels.keys() != b.levels.keys() or any(a.levels[r] < v for r, v in b.levels.items()):
            return False
        strictly = (a.hours > b.hours or a.monthly_cost < b.monthly_cost
                    or any(a.levels[r] > v for r, v in b.levels.items()))
        return strictly or order[id(a)] < order[id(b)]

    by_cost = sorted(people, key=lambda c: c.monthly_cost)
    kept = []
    for b in people:
        fits = sum(1 for p in posts if p.role in b.levels)
        if b.keeps:
            kept.append(b)
            continue
        beaten = 0
        for a in by_cost:
            if a.monthly_cost > b.monthly_cost or beaten >= fits:
                break
            beaten += beats(a, b)
        if beaten < fits:
            kept.append(b)
    return kept


def _person_constraints(model, x, people: list[Candidate], posts: list[Post], kb: KnowledgeBase,  # type: ignore[no-untyped-def]
                        stage: str) -> list:  # type: ignore[type-arg]
    """Hours, rules, personal constraints; returns the indicators of uncommon pairings (to minimise)."""
    forbidden = _forbidden_pairs(kb, stage)
    common = {frozenset(p) for c in kb.combinations_at(stage) for p in combinations(c.roles, 2)}
    odd = []
    for i, c in enumerate(people):
        mine = [j for j in range(len(posts)) if (i, j) in x]
        model.add(sum(round(posts[j].hours * 10) * x[i, j] for j in mine) <= round(c.hours * 10))
        for keep in c.keeps:
            if any(posts[j].role == keep for j in mine):
                model.add_bool_or([x[i, j] for j in mine if posts[j].role == keep])
        for j, k in combinations(mine, 2):
            a, b = posts[j].role, posts[k].role
            if forbidden(a, b) or (set(c.never_with) & {a, b}):
                model.add_bool_or([x[i, j].negated(), x[i, k].negated()])
            elif a != b and frozenset((a, b)) not in common:
                both = model.new_bool_var(f"odd{i}_{j}_{k}")
                model.add_bool_or([x[i, j].negated(), x[i, k].negated(), both])
                odd.append(both)
    return odd


def _forbidden_pairs(kb: KnowledgeBase, stage: str):  # type: ignore[no-untyped-def]
    """A test for two posts that one person may never hold together at this stage (rules with severity error)."""
    rules = [r for r in kb.rule.values() if stage in r.stages and r.severity == "error"]
    exclusive = {frozenset(p) for p in kb.settings.exclusive_pairs}

    def forbidden(a: str, b: str) -> bool:
        if a == b or frozenset((a, b)) in exclusive:
            return a != b or kb.role[a].core  # two shifts of one core post are two people
        for rule in rules:
            if rule.check == "forbidden_combination" and {a, b} <= set(rule.params["roles"]):
                return True
            if rule.check == "core_single" and (kb.role[a].core or kb.role[b].core):
                return True
            if rule.check == "dedicated_posts" and {a, b} & set(rule.params["need"]):
                return True
        return False

    return forbidden


def _lexicographic(model, solver, goals, time_limit: float, cp_model, variables):  # type: ignore[no-untyped-def]
    """Minimise each goal in turn, fixing the ones before and starting from the last answer (a hint).

    Returns the status ("optimal" only if every step was proven), the time, the goal values reached and
    the last answer's variable values. A step that finds nothing in its time keeps the previous answer.
    """
    values: list[int] = []
    answer: list[int] | None = None
    seconds, proven = 0.0, True
    for goal in goals:
        model.minimize(goal)
        solver.parameters.max_time_in_seconds = max(0.1, (time_limit - seconds) / (len(goals) - len(values)))
        status = solver.solve(model)
        seconds += solver.wall_time
        if status == cp_model.INFEASIBLE and answer is None:
            return "infeasible", seconds, None, None
        if status not in (cp_model.OPTIMAL, cp_model.FEASIBLE):
            proven = False
            break
        proven = proven and status == cp_model.OPTIMAL
        values.append(round(solver.objective_value))
        answer = [solver.value(v) for v in variables]
        model.clear_hints()
        for var, value in zip(variables, answer, strict=True):
            model.add_hint(var, value)
        model.add(goal <= values[-1])
    if answer is None:
        return "unknown", seconds, None, None
    return ("optimal" if proven else "feasible"), seconds, values, answer


def _staffed_team(plan: Team, posts: list[Post], people: list[Candidate], chosen: set[tuple[int, int]],
                  kb: KnowledgeBase, lang: Lang) -> Team:
    """The plan with roster people in their posts and one open post per plan seat left uncovered."""
    held: dict[int, list[int]] = {}
    for i, j in sorted(chosen):
        held.setdefault(i, []).append(j)
    covered = {j for _, j in chosen}
    staffed = [_assigned(people[i], [posts[j] for j in js], kb, lang) for i, js in sorted(held.items())]
    for seat in dict.fromkeys(p.seat for p in posts):
        open_posts = [p.role for j, p in enumerate(posts) if p.seat == seat and j not in covered]
        if open_posts:
            why = _vacancy_reason(open_posts, people, kb, lang)
            staffed.append(Person(name=f"{seat}（待招聘）" if lang == "zh" else f"{seat} (to hire)", roles=open_posts,
                                  vacancy=True, reasons=[why]))
    lead = next((p.name for p in staffed if "team_lead" in p.posts), None)
    staffed = [msgspec.structs.replace(p, reports_to=None if p.name == lead else lead) for p in staffed]
    return msgspec.structs.replace(plan, people=staffed, groups=None, findings=None, decisions=None, diagnosis=None)


def _assigned(c: Candidate, posts: list[Post], kb: KnowledgeBase, lang: Lang) -> Person:
    roles = list(dict.fromkeys(p.role for p in posts))
    parts = [f"{kb.role[r].name.get(lang)}（{'技能' if lang == 'zh' else 'skill'} {c.levels[r]}/5）" for r in roles]
    hours = sum(p.hours for p in posts)
    text = Text(zh=f"安排{c.name}担任" + "、".join(parts) + f"，每周约{hours:g}小时，可用{c.hours:g}小时",
                en=f"{c.name} holds " + ", ".join(parts) + f": about {hours:g} of {c.hours:g} hours a week")
    return Person(name=c.name, roles=roles, hours=c.hours, monthly_cost=c.monthly_cost,
                  reasons=[Reason(about="assignment", text=text.get(lang), sources=["model"])])


def cost_lines(result: Staffing, kb: KnowledgeBase, stage: str, lang: Lang) -> list[Reason]:
    """Monthly cost per post (each person's cost split by the hours their posts take) and the share of sales."""
    hours = {p.role: p.hours for p in plan_posts(result.team, kb, stage)}
    per_post: dict[str, float] = {}
    for person in result.team.people:
        if person.vacancy or not person.monthly_cost:
            continue
        total = sum(hours.get(r, 1.0) for r in person.posts) or 1.0
        for role in person.posts:
            per_post[role] = per_post.get(role, 0.0) + person.monthly_cost * hours.get(role, 1.0) / total
    sep = "、" if lang == "zh" else ", "
    items = sep.join(f"{kb.role[r].name.get(lang)} {v:,.0f}" for r, v in sorted(per_post.items(), key=lambda kv: -kv[1]))
    out = [Reason(about="cost", text=Text(zh=f"各岗位月成本：{items}", en=f"Monthly cost per post: {items}").get(lang),
                  sources=["model"])]
    sales, s = result.team.monthly_sales, kb.settings
    if sales:
        share = result.monthly_cost / sales
        inside = s.labour_cost_share_min <= share <= s.labour_cost_share_max
        verdict = Text(zh="在常见范围内" if inside else "超出常见范围", en="within" if inside else "outside").get(lang)
        low, high = s.labour_cost_share_min * 100, s.labour_cost_share_max * 100
        out.append(Reason(about="cost_share", text=Text(
            zh=f"人力成本占月销{share:.1%}，{verdict}（{low:g}%–{high:g}%）",
            en=f"Labour cost is {share:.1%} of monthly sales, {verdict} the usual {low:g}–{high:g}%").get(lang),
            sources=["feedwhy-4948"]))
    return out


def summary(result: Staffing, lang: Lang) -> Reason:
    """One sentence on the answer: covered posts, cost, and whether the solver proved it optimal."""
    proven = {"optimal": ("已证明最优", "proven optimal"), "feasible": ("可行但未证明最优", "feasible, not proven optimal"),
              "infeasible": ("无可行解", "no feasible answer"),
              "unknown": ("在时限内没有找到答案", "found no answer in the time limit")}[result.status]
    text = Text(
        zh=f"CP-SAT求解{proven[0]}（{result.seconds:g}秒）：{result.uncovered}个岗位待招聘，"
           f"{result.uncommon}处少见兼任，月人力成本{result.monthly_cost:,.0f}元",
        en=f"CP-SAT {proven[1]} in {result.seconds:g} s: {result.uncovered} posts to hire, "
           f"{result.uncommon} uncommon pairings, monthly labour cost {result.monthly_cost:,.0f} CNY")
    return Reason(about="staffing", text=text.get(lang), sources=["model"])


def _vacancy_reason(roles: list[str], people: list[Candidate], kb: KnowledgeBase, lang: Lang) -> Reason:
    missing = [r for r in roles if not any(r in c.levels for c in people)]
    if missing:
        names = "、".join(kb.role[r].name.get(lang) for r in missing)
        text = Text(zh=f"名单里没有人会{names}，需要招聘", en=f"Nobody on the roster can do {names}: hire")
    else:
        text = Text(zh="会这些岗位的人工时已满或兼任规则不允许，需要招聘",
                    en="Those who can do it have no hours left or the combination rules forbid it: hire")
    return Reason(about="vacancy", text=text.get(lang), sources=["model"])
