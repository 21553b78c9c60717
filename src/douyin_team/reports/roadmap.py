"""The road to a later stage: which combined posts to split and whom to hire, in the order the business grows
into them, each step at the sales (and work) level where it becomes worth it, with its cost and its reason.

The end of the road is the planner's team for the target stage's work (`target_profile`: the team's profile at
the stage's first sales level). The hires are that plan's seats the team does not fill yet (after the splits
the stage's rules ask for); each comes due at the first sales level (a 1–1.5–2–3–5–7 series between today's
sales and the target, plus every stage's start) whose plan, as `plan` gives it there, has a person nobody in the
team stands for yet (so no level hires past that plan's headcount). When the target's first sales cannot pay its work's team
(`cost_share_ceiling`: `plan` starts smaller there and says at what sales to fill it), the road goes on to those
sales (`full_team_sales`), so it hires at the pace `plan` gives. Splits come at the start of the stage whose
rules call for them.
"""

from __future__ import annotations

from collections import Counter

import msgspec

from ..checking import check_team
from ..dump import dump_data
from ..errors import InvalidValue
from ..knowledge import KnowledgeBase
from ..planning import full_team_sales, plan_team
from ..team import Profile, Team
from ..text import Lang, Text
from .roadcost import step_cost

SPLIT_CHECKS = ("core_single", "forbidden_combination", "dedicated_posts", "uncommon_combination")
SERIES = (1.0, 1.5, 2.0, 3.0, 5.0, 7.0)


class Step(msgspec.Struct, frozen=True):
    """One thing to do on the way: split a person's posts, hire for posts nobody holds, or add headcount to
    posts the team already staffs; at the monthly sales where it becomes worth it."""

    stage: str
    sales: float
    # "split" (a person gives up posts), "extend" (a person takes posts on), "hire" (a new person for posts
    # nobody holds) or "add" (a new person for posts already staffed)
    action: str
    roles: list[str]
    people: list[str]
    why: str
    rule: str | None
    sources: list[str]
    driver: str | None = None  # the workload driver that calls for the post at this level (orders_per_day …)
    amount: float | None = None  # the driver's amount at this level
    cost: float | None = None  # monthly CNY this step adds (None: not priced)
    cost_low: float | None = None
    cost_high: float | None = None


def target_profile(team: Team, kb: KnowledgeBase, goal: str) -> Profile:
    """The team's own profile at the first sales level of `goal` (or its sales, when already above that); its
    headcount and money budgets are for the team of today, so the target's plan is not held to them."""
    fields = {f: getattr(team, f) for f in Profile.__struct_fields__}
    sales = max(kb.stage[goal].sales_min, team.monthly_sales or 0.0)
    return Profile(**{**fields, "stage": goal, "monthly_sales": sales, "headcount_budget": None, "budget_cny": None})


def roadmap(team: Team, kb: KnowledgeBase, target: str | None = None, lang: Lang = "zh") -> list[Step]:
    """Steps from the team's stage to `target` (default: the next stage), ordered by the sales level at which
    each becomes worth it; at one level, splits before hires."""
    ids = list(kb.stage)
    now = check_team(team, kb).diagnosis.stage
    goal = target or (ids[ids.index(now) + 1] if ids.index(now) + 1 < len(ids) else now)
    if goal not in kb.stage:
        raise InvalidValue(f"unknown stage '{goal}'", field="--to", hint=f"use one of: {', '.join(ids)}")
    if now == ids[-1]:
        raise InvalidValue("the team is already at the last stage",
                           hint="give its monthly sales with --sales if the file has none")
    if ids.index(goal) <= ids.index(now):
        raise InvalidValue(f"the team is already at the {kb.stage[now].name.en} stage", field="--to",
                           hint=f"choose a later stage than {now}")
    end = target_profile(team, kb, goal)
    final = plan_team(end, kb, lang, ceiling=False)  # the work's team: what to hire as sales grow
    ruled = _all_splits(team, kb, ids[ids.index(now) + 1: ids.index(goal) + 1], lang)
    road = _Road(kb, team, lang, [list(p.posts) for p in team.people], [p.name for p in team.people])
    road.steps = _open_posts(kb, team, lang)
    road.pending(final, ruled, goal)
    top = _road_end(end, final, kb, lang)
    for sales in _levels(team, kb, now, top, end.monthly_sales or 0.0):
        last = sales >= top
        road.advance(final if last else plan_team(msgspec.structs.replace(end, stage=None, monthly_sales=sales), kb, lang),
                     sales, last)
    return road.steps


def _road_end(end: Profile, final: Team, kb: KnowledgeBase, lang: Lang) -> float:
    """Where the road ends: the target's first sales, or, when `plan` starts smaller there because those sales
    cannot pay the work's team, the sales it names for the full team."""
    start = plan_team(end, kb, lang)
    sales = end.monthly_sales or 0.0
    if final.labour is None or not any(d.about == "labour_budget" for d in start.decisions or []):
        return sales
    return max(sales, full_team_sales(final.labour, kb.pay_figures.cost_share_ceiling.value))


def _open_posts(kb: KnowledgeBase, team: Team, lang: Lang) -> list[Step]:
    """The team's open posts (a plan's 待招聘 seats) as the first hires, at today's sales: the road starts
    from the team once they are filled, so they are not hired again later or post by post."""
    sales = team.monthly_sales if team.monthly_sales is not None else 0.0
    have = Counter(r for p in team.people if not p.vacancy for r in p.posts)
    stage = team.stage or check_team(team, kb).diagnosis.stage
    steps = []
    for p in (p for p in team.people if p.vacancy and p.posts):
        step = _hire(kb, team, msgspec.structs.replace(team, stage=stage), sales, list(p.posts), p.posts[0], have, lang)
        steps.append(msgspec.structs.replace(step, people=[p.name], rule="post-vacant"))
    return steps


def end_state(team: Team, steps: list[Step]) -> list[list[str]]:
    """The posts each person holds once every step is done (the team's people, the open posts filled, then
    the hires, each by the name its step gives it)."""
    state = [list(p.posts) for p in team.people]
    index = {p.name: k for k, p in enumerate(team.people)}
    for s in steps:
        if s.rule == "post-vacant":
            continue  # already in the state: the open post is one of the team's people
        if s.action == "split":
            for name in s.people:
                state[index[name]] = [r for r in state[index[name]] if r not in s.roles]
        elif s.action == "extend":
            for name in s.people:
                state[index[name]] += [r for r in s.roles if r not in state[index[name]]]
        else:
            index.update((name, len(state)) for name in s.people)
            state.append(list(s.roles))
    return state


class _Change(msgspec.Struct):
    """A change still to make: `who` (an index into the team's people, None for a new hire) gives up or takes
    on `roles`; `rule` is the split a stage's rules call for (its level is that stage's start)."""

    kind: str  # "drop", "take" or "seat"
    who: int | None
    roles: list[str]
    rule: Step | None = None
    name: str | None = None  # a seat's name in the target plan (its hire is called so)


class _Road:
    """The team's posts as the steps change them, and the changes still to come."""

    def __init__(self, kb: KnowledgeBase, team: Team, lang: Lang, state: list[list[str]], names: list[str]) -> None:
        self.kb, self.team, self.lang, self.state, self.names = kb, team, lang, state, names
        self.steps: list[Step] = []
        self.todo: list[_Change] = []

    def pending(self, final: Team, ruled: list[Step], goal: str) -> None:
        """Match the people to the target plan's seats; what each gives up or takes on, and the seats to hire."""
        seats = [list(p.posts) for p in final.people]
        match = _match(self.state, seats)
        for who, seat in match.items():
            drop = [r for r in self.state[who] if r not in seats[seat]]
            take = [r for r in seats[seat] if r not in self.state[who]]
            rule = next((s for s in ruled if self.names[who] in s.people and set(s.roles) & set(drop)), None)
            if drop:
                self.todo.append(_Change("drop", who, drop, rule))
            if take:
                self.todo.append(_Change("take", who, take))
        used = set(match.values())
        self.todo += [_Change("seat", None, seat, name=final.people[k].name) for k, seat in enumerate(seats) if k not in used]

    def advance(self, plan: Team, sales: float, last: bool) -> None:
        """The changes due at this level: ruled splits from their stage's start; each take-on once the plan here
        has more holders of one of its posts than the team; a hire for each person of the plan here whom nobody
        in the team stands for yet (`_match`), of the target's seat nearest that person's posts, so the team grows
        as `plan` would staff each level; with the hand-overs they free. At the last level, everything left."""
        for change in [c for c in self.todo if c.kind == "drop"]:
            # A split the stage's rules require comes at its start; one they only warn about waits until someone
            # takes those posts over (`_handovers`), so no post is left without a holder on the way.
            if (ruled := change.rule) is not None and self.kb.stage[ruled.stage].sales_min <= sales \
                    and (ruled.rule is None or self.kb.rule[ruled.rule].severity == "error"):
                self._split(change, sales, ruled.why, ruled.rule, list(ruled.sources))
        need = Counter(r for p in plan.people for r in p.posts)
        for change in [c for c in self.todo if c.kind == "take" or last and c.kind == "seat"]:
            have = Counter(r for posts in self.state for r in posts)
            trigger = next((r for r in change.roles if need[r] > have[r]), change.roles[0] if last else None)
            if trigger is not None:
                self._handovers(change.roles, sales, plan)
                self._grow(change, plan, sales, trigger, have)
        if last:  # what is left to give up goes with nobody's seat: the plan simply does not combine it
            for change in [c for c in self.todo if c.kind == "drop"]:
                self._handovers(change.roles, sales, plan)
            return
        matched = _match([list(p.posts) for p in plan.people], self.state)
        for k, person in enumerate(plan.people):
            seats = [c for c in self.todo if c.kind == "seat" and set(c.roles) & set(person.posts)]
            if k in matched or not seats:
                continue
            seat = max(seats, key=lambda c: (person.posts[0] in c.roles, len(set(c.roles) & set(person.posts))))
            held = Counter(r for posts in self.state for r in posts)
            self._handovers(seat.roles, sales, plan)
            self._grow(seat, plan, sales, next(r for r in person.posts if r in seat.roles), held)
            self._meanwhile(person.posts, plan, sales)

    def _meanwhile(self, posts: list[str], plan: Team, sales: float) -> None:
        """The person just hired also holds, until their own holder is hired, the posts that the plan here gives
        them and nobody holds yet (a growth plan's 助播 who is also 场控, before the target's own 场控)."""
        who = len(self.state) - 1
        extra = [r for r in posts if r not in self.state[who] and not any(r in mine for mine in self.state)]
        if not extra:
            return
        self.state[who] += extra
        stage = self.kb.stage[plan.stage or "novice"]
        named = ("、" if self.lang == "zh" else ", ").join(self.kb.role[r].name.get(self.lang) for r in extra)
        why = Text(zh=f"按{stage.name.zh}这一档的方案，{self.names[who]}暂时兼任{named}，招到专人后交出",
                   en=f"In the {stage.name.en} plan at this level {self.names[who]} also holds {named} until it "
                      "has its own hire").get(self.lang)
        self.steps.append(Step(plan.stage or "", sales, "extend", extra, [self.names[who]], why, f"posts.{plan.stage}",
                               list(stage.sources), cost=0.0, cost_low=0.0, cost_high=0.0))
        self.todo.append(_Change("drop", who, extra))

    def _handovers(self, roles: list[str], sales: float, plan: Team) -> None:
        """Before someone takes `roles`, whoever the plan has give them up does so (at this level; a split a
        later stage's rules call for waits for that stage): those posts only, the rest of what they give up
        waiting for its own taker."""
        for change in [c for c in self.todo if c.kind == "drop" and set(c.roles) & set(roles)
                       and (c.rule is None or self.kb.stage[c.rule.stage].sales_min <= sales)]:
            given = [r for r in change.roles if r in roles]
            if len(given) < len(change.roles):  # the part handed over now becomes its own change
                change.roles = [r for r in change.roles if r not in roles]
                change = _Change("drop", change.who, given, change.rule)
                self.todo.append(change)
            why = Text(zh=f"按{self.kb.stage[plan.stage or 'novice'].name.zh}的方案，{self.names[change.who or 0]}不再兼任"
                          f"{'、'.join(self.kb.role[r].name.zh for r in change.roles)}",
                       en=f"In the {self.kb.stage[plan.stage or 'novice'].name.en} plan {self.names[change.who or 0]} no "
                          f"longer holds {', '.join(self.kb.role[r].name.en for r in change.roles)}").get(self.lang)
            rule = change.rule
            self._split(change, sales, rule.why if rule else why, rule.rule if rule else f"posts.{plan.stage}",
                        list(rule.sources) if rule else list(self.kb.stage[plan.stage or "novice"].sources))

    def _split(self, change: _Change, sales: float, why: str, rule: str | None, sources: list[str]) -> None:
        assert change.who is not None
        self.todo.remove(change)
        self.state[change.who] = [r for r in self.state[change.who] if r not in change.roles]
        stage = change.rule.stage if change.rule else _stage_at(self.kb, sales)
        self.steps.append(Step(stage, sales, "split", change.roles, [self.names[change.who]], why, rule, sources,
                               cost=0.0, cost_low=0.0, cost_high=0.0))

    def _grow(self, change: _Change, plan: Team, sales: float, trigger: str, held: Counter[str]) -> None:
        """Someone takes the change's posts on, or a new person is hired for them: hired, not added, for a post
        someone just gave up (the hand-overs done), and a required post missing only if nobody `held` it before."""
        have = Counter(r for posts in self.state for r in posts)
        self.todo.remove(change)
        step = _hire(self.kb, self.team, plan, sales, change.roles, trigger, have, self.lang, held)
        if change.who is not None:  # an existing person takes the posts on: no new pay
            self.state[change.who] += change.roles
            step = msgspec.structs.replace(step, action="extend", people=[self.names[change.who]], cost=0.0,
                                           cost_low=0.0, cost_high=0.0)
        else:  # the new person, called as the target plan calls the seat (unless someone already is)
            name = change.name or self.kb.role[change.roles[0]].name.get(self.lang)
            while name in self.names:
                name += "（新）" if self.lang == "zh" else " (new)"
            self.state.append(list(change.roles))
            self.names.append(name)
            step = msgspec.structs.replace(step, people=[name])
        self.steps.append(step)


def _match(state: list[list[str]], seats: list[list[str]]) -> dict[int, int]:
    """Each person (in team order) to the free seat of the target plan that holds their main post, else the
    one they share most posts with; people sharing no post with any free seat stay unmatched."""
    out: dict[int, int] = {}
    for who, posts in enumerate(state):
        free = [k for k in range(len(seats)) if k not in out.values()]
        best = max(free, key=lambda k: (bool(posts) and posts[0] in seats[k], len(set(posts) & set(seats[k])),
                                        -len(seats[k]), -k), default=None)
        if best is not None and set(posts) & set(seats[best]):
            out[who] = best
    return out


def _stage_at(kb: KnowledgeBase, sales: float) -> str:
    return next(s.id for s in reversed(kb.stages) if s.sales_min <= sales)


def _levels(team: Team, kb: KnowledgeBase, now: str, target: float, *more: float) -> list[float]:
    """Sales levels above today's and up to the target: the series, every stage's start, the target (and `more`)."""
    start = team.monthly_sales if team.monthly_sales is not None else kb.stage[now].sales_min
    marks = {m * 10 ** k for k in range(2, 10) for m in SERIES} | {s.sales_min for s in kb.stages} | {target, *more}
    return sorted(x for x in marks if start < x <= target) or [target]


def _all_splits(team: Team, kb: KnowledgeBase, stages: list[str], lang: Lang) -> list[Step]:
    """Each stage's splits, each person's posts split once (at the first stage whose rules ask for it)."""
    out: list[Step] = []
    for stage in stages:
        done = {(tuple(s.people), tuple(s.roles)) for s in out}
        out += [s for s in _splits(team, kb, stage, lang) if (tuple(s.people), tuple(s.roles)) not in done]
    return out


def _splits(team: Team, kb: KnowledgeBase, stage: str, lang: Lang) -> list[Step]:
    """Combined posts the stage's rules forbid (errors first) or warn about, with the posts concerned."""
    findings = check_team(msgspec.structs.replace(team, stage=stage), kb, stage).findings
    out = []
    for f in sorted(findings, key=lambda f: f.severity != "error"):
        rule = kb.rule[f.rule]
        if rule.check not in SPLIT_CHECKS or f.severity not in ("error", "warning"):
            continue
        people = f.people or [p.name for p in team.people if len(p.posts) > 1 and set(f.roles) & set(p.posts)]
        held = {r for p in team.people if p.name in people for r in p.posts}
        roles = [r for r in f.roles if r in held] or f.roles
        if people:  # a dedicated post held together with others: that person splits it off
            out.append(Step(stage, kb.stage[stage].sales_min, "split", roles, people, f.message.get(lang), f.rule,
                            list(rule.sources), cost=0.0, cost_low=0.0, cost_high=0.0))
    return out


def _hire(kb: KnowledgeBase, team: Team, plan: Team, sales: float, seat: list[str], trigger: str,
          have: Counter[str], lang: Lang, held: Counter[str] | None = None) -> Step:
    """One hire: why the plan at this level wants the post (its reason and workload), what it costs a month."""
    reason = next((r for p in plan.people for r in p.reasons if r.about == trigger), None)
    work = next((w for w in plan.workload or [] if w.post == trigger), None)
    # A post the stage requires and nobody holds yet is the missing-post rule's; one more of a post already held is
    # the workload's (the plan's posts at the stage).
    required = trigger in kb.stage[plan.stage or "novice"].required_roles and not (have if held is None else held)[trigger]
    rule = "required-post-missing" if required else f"posts.{plan.stage}"
    why = reason.text if reason else kb.role[trigger].purpose.get(lang)
    cost = step_cost(kb, team, plan, seat, sales)
    return Step(plan.stage or "", sales, "add" if any(have[r] for r in seat) else "hire", seat, [], why, rule,
                list(reason.sources) if reason and reason.sources else list(kb.stage[plan.stage or "novice"].sources),
                work.driver if work else None, work.amount if work else None, *cost)


def render_roadmap(steps: list[Step], kb: KnowledgeBase, lang: Lang, fmt: str) -> str:
    """The steps as a numbered Markdown list (also for text), or JSON/YAML."""
    if fmt in ("json", "yaml"):
        return dump_data(steps, fmt)
    zh = lang == "zh"
    lines = [f"# {'升级路线' if zh else 'Roadmap'}", ""]
    for n, (s, count) in enumerate(_alike(steps), 1):
        stage = kb.stage[s.stage].name.get(lang)
        when = Text(zh=f"月销达到{s.sales / 10000:g}万元（{stage}）", en=f"at {s.sales:,.0f} CNY a month ({stage})").get(lang)
        roles = (" + " if s.action != "split" else "、" if zh else ", ").join(kb.role[r].name.get(lang) for r in s.roles)
        what = {"split": Text(zh=f"拆分{'、'.join(s.people)}的兼任：{roles}", en=f"Split {', '.join(s.people)}'s posts: {roles}"),
                "hire": Text(zh=f"招聘{roles}", en=f"Hire: {roles}"),
                "add": Text(zh=f"增加{'一' if count == 1 else count}名{roles}",
                            en=f"Add {'one' if count == 1 else count} more: {roles}"),
                "extend": Text(zh=f"{'、'.join(s.people)}兼任{roles}", en=f"{', '.join(s.people)} also takes on: {roles}")}[s.action].get(lang)
        rule = f" [{s.rule}]" if s.rule else ""
        lines.append(f"{n}. {when} — {what}{rule}{'：' if zh else ': '}{s.why}{_cost_text(s, lang)}")
    if not steps:
        lines.append("没有需要调整的地方" if zh else "Nothing to change")
    priced = [s for s in steps if s.action in ("hire", "add") and s.cost is not None]
    if priced:
        total, low, high = (sum(getattr(s, k) or 0.0 for s in priced) for k in ("cost", "cost_low", "cost_high"))
        lines += ["", Text(zh=f"新增月人力成本合计：+{total:,.0f}元（{low:,.0f}–{high:,.0f}，按薪酬模型的市场价；老板本人不计）",
                           en=f"Added monthly labour cost: +{total:,.0f} CNY ({low:,.0f}–{high:,.0f}, market pay from the "
                              "pay model; the owner is not counted)").get(lang)]
    return "\n".join(lines) + "\n"


def _alike(steps: list[Step]) -> list[tuple[Step, int]]:
    """The steps with each run of the same hire at one level (two more 客服 at 70万) as one step and its count,
    its costs added up."""
    out: list[tuple[Step, int]] = []
    for step in steps:
        if out and step.action == "add" and _same(out[-1][0], step):
            first, count = out[-1]
            out[-1] = (msgspec.structs.replace(first, **{k: (getattr(first, k) or 0.0) + (getattr(step, k) or 0.0)
                                                        for k in ("cost", "cost_low", "cost_high")}), count + 1)
        else:
            out.append((step, 1))
    return out


def _same(a: Step, b: Step) -> bool:
    return (a.action, a.sales, a.stage, a.roles, a.why, a.rule) == (b.action, b.sales, b.stage, b.roles, b.why, b.rule)


def _cost_text(step: Step, lang: Lang) -> str:
    """'（月成本 +6,500元，5,000–8,000）' for a priced hire; nothing for a split or an unpriced step."""
    if step.action in ("split", "extend") or step.cost is None:
        return ""
    span = f"，{step.cost_low:,.0f}–{step.cost_high:,.0f}" if step.cost_low is not None and step.cost_high is not None else ""
    return Text(zh=f"（月成本 +{step.cost:,.0f}元{span}）",
                en=f" (monthly cost +{step.cost:,.0f} CNY{span.replace('，', ', ')})").get(lang)
