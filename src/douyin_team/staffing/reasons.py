"""Staffing in words: the staffed team, a sentence for each assignment and for each post left to hire.

Every sentence exists in Chinese and English and cites what it rests on: the skill level, the hours used of
the hours available, the combination from the knowledge base that allows two posts together (or the rule
that warns about it), the live shift a person is free for, and why a cheaper person did not get the post.
"""

from __future__ import annotations

from dataclasses import dataclass
from itertools import combinations
from typing import TYPE_CHECKING

import msgspec

from ..knowledge import Combination, KnowledgeBase, covers, label
from ..team import Candidate, Person, Reason, Session, Team
from ..text import Lang, Text
from .pricing import holders, open_seat_price, price_text

if TYPE_CHECKING:
    from .posts import Placement, Post, Staffing


@dataclass(frozen=True)
class Held:
    """The staffing as the sentences need it: the posts, the roster and who holds which posts."""

    posts: list[Post]
    people: list[Candidate]
    held: dict[int, list[int]]
    kb: KnowledgeBase
    stage: str
    lang: Lang

    def used(self, i: int) -> float:
        """Hours a week person i's posts take."""
        return sum(self.posts[j].hours for j in self.held.get(i, []))


def staffed_team(plan: Team, posts: list[Post], people: list[Candidate], held: dict[int, list[int]],
                 kb: KnowledgeBase, stage: str, lang: Lang) -> Team:
    """The plan with roster people in their posts and one open post per plan seat left uncovered."""
    h = Held(posts, people, held, kb, stage, lang)
    staffed = [Person(name=people[i].name, roles=list(dict.fromkeys(posts[j].role for j in js)),
                      hours=people[i].work_hours, monthly_cost=people[i].cost,
                      reasons=[Reason(about="assignment", text=assignment_text(h, i).get(lang), sources=_cited(h, i))])
               for i, js in sorted(held.items())]
    covered = {j for js in held.values() for j in js}
    vacant = vacancy_names(posts, covered, [p.name for p in staffed], kb, lang)
    for seat, name in vacant.items():
        open_posts = [j for j, p in enumerate(posts) if p.seat == seat and j not in covered]
        roles = list(dict.fromkeys(posts[j].role for j in open_posts))
        why = [Reason(about="vacancy", text=vacancy_text(h, j).get(lang), sources=["model"]) for j in open_posts]
        staffed.append(Person(name=name, roles=roles, vacancy=True, reasons=why))
    staffed = _priced(plan, staffed, kb, stage, lang)
    lead = next((p.name for p in staffed if "team_lead" in p.posts), None)
    staffed = [msgspec.structs.replace(p, reports_to=None if p.name == lead else lead) for p in staffed]
    return msgspec.structs.replace(plan, people=staffed, groups=None, findings=None, decisions=None, diagnosis=None,
                                   sessions=_sessions(plan, posts, people, held, vacant))


def placements(posts: list[Post], people: list[Candidate], held: dict[int, list[int]], kb: KnowledgeBase,
               lang: Lang) -> list[Placement]:
    """Every post with the name of who holds it in `staffed_team`'s team: the roster person, or the open post."""
    from .posts import Placement

    owner = {j: people[i].name for i, js in held.items() for j in js}
    vacant = vacancy_names(posts, set(owner), [people[i].name for i in sorted(held)], kb, lang)
    return [Placement(post.seat, post.role, owner.get(j) or vacant[post.seat]) for j, post in enumerate(posts)]


def vacancy_names(posts: list[Post], covered: set[int], taken: list[str], kb: KnowledgeBase,
                  lang: Lang) -> dict[str, str]:
    """Each plan seat with a post left open → the name of its open post: the seat's own name (主播A（待招聘）)
    while the post the seat leads with is open, else the open post's own name — a host seat whose host was
    found but whose editing was not is 拍摄剪辑（待招聘）, not 主播（待招聘）. Never a name already in the team."""
    hire = "（待招聘）" if lang == "zh" else " (to hire)"
    bases: dict[str, str] = {}
    for seat in dict.fromkeys(p.seat for p in posts):
        mine = [j for j, p in enumerate(posts) if p.seat == seat]
        left = [j for j in mine if j not in covered]
        if left:
            bases[seat] = seat if mine[0] in left else kb.role[posts[left[0]].role].name.get(lang)
    used, out = set(taken), {}
    for seat in sorted(bases, key=lambda seat: bases[seat] != seat):  # seats keeping their name come first
        names = [f"{bases[seat]}{hire}", *(f"{bases[seat]}{k}{hire}" for k in range(2, len(used) + 3))]
        out[seat] = next(n for n in names if n not in used)  # 拍摄剪辑2（待招聘）
        used.add(out[seat])
    return {seat: out[seat] for seat in bases}


def _sessions(plan: Team, posts: list[Post], people: list[Candidate], held: dict[int, list[int]],
              vacant: dict[str, str]) -> list[Session] | None:
    """The plan's sessions with the staffed people (or the open posts) in place of the plan's seats on air."""
    if plan.sessions is None:
        return None
    owner = {j: people[i].name for i, js in held.items() for j in js}
    on_air: dict[str, list[str]] = {}
    for j, post in enumerate(posts):
        if post.window is not None:
            on_air.setdefault(post.seat, []).append(owner.get(j) or vacant[post.seat])
    return [msgspec.structs.replace(x, crew=list(dict.fromkeys(n for seat in x.crew for n in on_air.get(seat, []))))
            for x in plan.sessions]


def _priced(plan: Team, staffed: list[Person], kb: KnowledgeBase, stage: str, lang: Lang) -> list[Person]:
    """Each open post with its expected monthly cost (as the team's labour section prices it) and its job.

    The cost is a reason, not the person's `monthly_cost`: that field is the merchant's own figure, and an
    open post left without one is priced at market pay wherever the team is priced."""
    held_by = holders(staffed)
    out = []
    for person in staffed:
        if person.vacancy:
            price = open_seat_price(kb, plan, person.posts, stage, held_by)
            pay = Reason(about="pay", text=price_text(price).get(lang), sources=list(price.sources) or ["model"])
            jobs = [Reason(about=r, text=kb.role[r].purpose.get(lang), sources=list(kb.role[r].sources))
                    for r in person.posts]
            person = msgspec.structs.replace(person, reasons=[*person.reasons, pay, *jobs])
        out.append(person)
    return out


def _cited(h: Held, i: int) -> list[str]:
    roles = [h.posts[j].role for j in h.held[i]]
    return ["model", *dict.fromkeys(c.id for c in _combos(h, roles))]


def _combos(h: Held, roles: list[str]) -> list[Combination]:
    """The stage's combinations that allow each pair of distinct posts (one per pair)."""
    out: list[Combination] = []
    for a, b in combinations(dict.fromkeys(roles), 2):
        combo = next((c for c in h.kb.combinations_at(h.stage) if {a, b} <= set(c.roles)), None)
        if combo is not None and combo not in out:
            out.append(combo)
    return out


def assignment_text(h: Held, i: int) -> Text:
    """Who holds what, at which skill level, with how many of their hours, why combined, why not cheaper."""
    c, js = h.people[i], h.held[i]
    roles = [h.posts[j].role for j in js]
    zh = [f"{h.kb.role[r].name.zh}（技能{c.levels[r]}/5）" for r in dict.fromkeys(roles)]
    en = [f"{h.kb.role[r].name.en} (skill {c.levels[r]}/5)" for r in dict.fromkeys(roles)]
    used = h.used(i)
    parts: list[Text] = [Text(zh=f"{c.name}担任" + "、".join(zh) + f"，每周约用{used:g}/{c.work_hours:g}小时",
                  en=f"{c.name} holds " + ", ".join(en) + f", using about {used:g} of {c.work_hours:g} hours a week")]
    text = parts + [p for p in (_combined(h, roles), _shift(h, i), _rather(h, i)) if p is not None]
    return Text(zh="；".join(t.zh for t in text) + "。", en="; ".join(t.en for t in text) + ".")


def _combined(h: Held, roles: list[str]) -> Text | None:
    distinct = list(dict.fromkeys(roles))
    if len(distinct) < 2:
        return None if len(roles) < 2 else Text(zh=f"同时担任{len(roles)}个{h.kb.role[roles[0]].name.zh}岗位",
                                                 en=f"{len(roles)} {h.kb.role[roles[0]].name.en} posts")
    combos = _combos(h, distinct)
    cited = Text(zh="；".join(f"常见兼任：{c.note.zh}" for c in combos),
                 en="; ".join(f"a common combination: {c.note.en}" for c in combos)) if combos else None
    odd = [(a, b) for a, b in combinations(distinct, 2)
           if not any({a, b} <= set(c.roles) for c in h.kb.combinations_at(h.stage))]
    if not odd:
        return cited
    rule = next((r.title for r in h.kb.rule.values() if r.check == "uncommon_combination" and h.stage in r.stages),
                Text(zh="少见的兼任组合", en="An uncommon combination"))
    pairs = Text(zh="、".join(f"{h.kb.role[a].name.zh}+{h.kb.role[b].name.zh}" for a, b in odd),
                 en=", ".join(f"{h.kb.role[a].name.en}+{h.kb.role[b].name.en}" for a, b in odd))
    warn = Text(zh=f"{pairs.zh}不在常见组合里（规则“{rule.zh}”），找不到更好的安排",
                en=f"{pairs.en} is not a common pairing (rule: {rule.en}), the best the roster allows")
    return warn if cited is None else Text(zh=f"{cited.zh}；{warn.zh}", en=f"{cited.en}; {warn.en}")


def _shift(h: Held, i: int) -> Text | None:
    windows = sorted({w for j in h.held[i] if (w := h.posts[j].window) is not None})
    if not windows:
        return None
    when = "、".join(label(w) for w in windows)
    free = h.people[i].window(h.kb.settings)
    mine = Text(zh=f"可工作时间{label(free)}", en=f"free {label(free)}") if free else Text(zh="不限时段", en="free any time")
    return Text(zh=f"直播班次{when}全程在岗（{mine.zh}）", en=f"on air for the whole {when} shift ({mine.en})")


def _rather(h: Held, i: int) -> Text | None:
    """Why not the cheapest cheaper person who could hold one of these posts: what stops them, or what the
    skill they lack is worth against the pay they would save."""
    c = h.people[i]
    options = [(round(q.cost), k, j) for j in h.held[i] for k, q in enumerate(h.people)
               if h.posts[j].role in q.levels and round(q.cost) < round(c.cost)]
    if not options:
        return None
    _, k, j = min(options)
    q, role = h.people[k], h.posts[j].role
    why = blocked(h, k, j)
    gap, per = c.levels[role] - q.levels[role], h.kb.skills.worth
    name = h.kb.role[role].name
    lower = Text(zh=f"，且{name.zh}技能低{gap}级", en=f", and is {gap} level{'s' if gap > 1 else ''} lower at {name.en}") \
        if gap > 0 else Text(zh="", en="")
    if why is None and len(h.held[i]) > 1:
        why = Text(zh=f"{c.name}本来就要兼任其他岗位，不多花钱；用{q.name}要多付{q.cost:,.0f}元{lower.zh}",
                   en=f"{c.name} is paid for other posts anyway; {q.name} would add {q.cost:,.0f} CNY{lower.en}")
    elif why is None and gap > 0:
        worth, saved = gap * per, c.cost - q.cost
        why = Text(zh=f"{q.name}的{name.zh}技能低{gap}级，按每级每月{per:,}元折算值{worth:,}元，"
                      f"{'多于' if worth > saved else '不少于'}省下的{saved:,.0f}元",
                   en=f"{q.name} is {gap} level{'s' if gap > 1 else ''} lower at {name.en}, worth {worth:,} CNY a month at "
                      f"{per:,} a level, {'more than' if worth > saved else 'as much as'} the {saved:,.0f} CNY it would save")
    elif why is None:
        why = Text(zh="综合所有岗位的覆盖、兼任规则、技能和成本后的最优安排",
                   en="the overall optimum over every post's coverage, rules, skill and cost")
    return Text(zh=f"没有用更便宜的{q.name}（{q.cost:,.0f}元）：{why.zh}",
                en=f"not the cheaper {q.name} ({q.cost:,.0f} CNY): {why.en}")


def blocked(h: Held, k: int, j: int) -> Text | None:
    """Why person k cannot also take post j (None when nothing stops them)."""
    from .posts import forbidden_by

    q, post = h.people[k], h.posts[j]
    name = h.kb.role[post.role].name
    if post.role not in q.levels:
        return Text(zh=f"{q.name}不会{name.zh}", en=f"{q.name} cannot do {name.en}")
    least = h.kb.min_level(post.role)
    if q.levels[post.role] < least:
        kind = Text(zh="核心岗位", en="a core post") if h.kb.role[post.role].core else Text(zh="这个岗位", en="the post")
        return Text(zh=f"{q.name}的{name.zh}技能{q.levels[post.role]}/5，低于{kind.zh}的最低要求{least}/5",
                    en=f"{q.name}'s {name.en} skill is {q.levels[post.role]}/5, below the {least}/5 {kind.en} needs")
    free = q.window(h.kb.settings)
    if not covers(free, post.window) and free and post.window:
        return Text(zh=f"{q.name}只能在{label(free)}工作，直播班次是{label(post.window)}",
                    en=f"{q.name} works only {label(free)}, the live shift is {label(post.window)}")
    if post.hours > q.work_hours + 1e-9:
        return Text(zh=f"{q.name}每周只有{q.work_hours:g}小时，这个岗位要{post.hours:g}小时",
                    en=f"{q.name} has {q.work_hours:g} hours a week, the post needs {post.hours:g}")
    mine = [h.posts[x].role for x in h.held.get(k, []) if x != j]
    forbidden = forbidden_by(h.kb, h.stage)
    for other in dict.fromkeys(mine):
        rule = forbidden(post.role, other)
        if rule is not None or {post.role, other} & set(q.never_with):
            cite = rule or Text(zh="本人不兼任", en="their own constraint")
            return Text(zh=f"{q.name}已担任{h.kb.role[other].name.zh}，不能同时兼任（{cite.zh}）",
                        en=f"{q.name} holds {h.kb.role[other].name.en}, which may not be combined with it ({cite.en})")
    used = sum(h.posts[x].hours for x in h.held.get(k, []) if x != j)
    if used + post.hours > q.work_hours + 1e-9:
        return Text(zh=f"{q.name}的其他岗位已用{used:g}/{q.work_hours:g}小时，放不下这个岗位的{post.hours:g}小时",
                    en=f"{q.name}'s other posts use {used:g} of {q.work_hours:g} hours, no room for {post.hours:g} more")
    return None


def vacancy_text(h: Held, j: int) -> Text:
    """Why post j is left to hire: nobody has the skill, is free for the shift, has the hours, or may combine."""
    post = h.posts[j]
    role = h.kb.role[post.role].name
    able = [k for k, q in enumerate(h.people) if post.role in q.levels]
    if not able:
        return Text(zh=f"名单里没有人会{role.zh}，需要招聘", en=f"Nobody on the roster can do {role.en}: hire")
    reasons = [(k, blocked(h, k, j)) for k in able]
    stopped = [why for _, why in reasons if why is not None]
    if len(stopped) < len(reasons):
        free = next(h.people[k].name for k, why in reasons if why is None)
        return Text(zh=f"{free}会{role.zh}但在时限内没有排上，可加长--time-limit再试",
                    en=f"{free} can do {role.en} but was not placed within the time limit; try a longer --time-limit")
    shown = stopped[:3] + ([Text(zh=f"另有{len(stopped) - 3}人同样排不上", en=f"{len(stopped) - 3} more likewise")]
                           if len(stopped) > 3 else [])
    return Text(zh=f"会{role.zh}的人都排不上：" + "；".join(t.zh for t in shown) + "，需要招聘",
                en=f"Everyone who can do {role.en} is blocked: " + "; ".join(t.en for t in shown) + ": hire")


def unkept(posts: list[Post], people: list[Candidate], held: dict[int, list[int]], kb: KnowledgeBase,
           stage: str, lang: Lang) -> list[Reason]:
    """A sentence for each post someone must keep but does not hold, with what stood in the way."""
    h = Held(posts, people, held, kb, stage, lang)
    out = []
    for i, c in enumerate(people):
        for role in dict.fromkeys(c.keeps):
            if any(posts[j].role == role for j in held.get(i, [])):
                continue
            mine = [j for j, p in enumerate(posts) if p.role == role]
            why = blocked(h, i, mine[0]) if mine else Text(zh="计划里没有这个岗位", en="the plan has no such post")
            why = why or Text(zh="和其他人的必须保留或更重要的目标冲突", en="it clashes with others' must-keep posts")
            name = kb.role[role].name
            out.append(Reason(about="must_keep", sources=["model"], text=Text(
                zh=f"{c.name}必须保留{name.zh}，但没能保留：{why.zh}",
                en=f"{c.name} must keep {name.en} but does not: {why.en}").get(lang)))
    return out


def summary(result: Staffing, lang: Lang) -> Reason:
    """One sentence on the answer, in a merchant's words (no solver terms): whether it is the best arrangement
    or the best found in the time allowed, the posts to hire, the cost (the roster's and the open posts'
    expected pay) and the skill gap priced in, which is what the arrangement minimised."""
    found = {"optimal": ("已找到最优排法", "Best arrangement found"),
             "feasible": ("在时限内找到的最好排法（不一定最优）", "Best arrangement found in the time allowed (maybe not the best)"),
             "unknown": ("在时限内没有找到排法", "No arrangement found in the time allowed")}[result.status]
    keeps = Text(zh=f"，{result.broken_keeps}个必须保留的岗位没能保留",
                 en=f", {_count(result.broken_keeps, 'must-keep post')} not kept")
    opened = Text(zh=f"，待招聘岗位预计成本{result.open_cost:,.0f}元",
                  en=f", {result.open_cost:,.0f} CNY expected for the posts to hire") if result.uncovered else Text(zh="", en="")
    uncommon = Text(zh=f"，{result.uncommon}处少见的兼岗", en=f", {_count(result.uncommon, 'uncommon pairing')}") \
        if result.uncommon else Text(zh="", en="")
    hires = sum(1 for p in result.team.people if p.vacancy)
    to_hire = Text(zh=f"需招聘{hires}人（{result.uncovered}个岗位）",
                   en=f"{_count(hires, 'person', 'people')} to hire ({_count(result.uncovered, 'post')})") \
        if result.uncovered else Text(zh="所有岗位都排上了人", en="every post is filled")
    estimate = Text(zh="（本工具估算）", en=" (our estimate)") if result.worth_estimate else Text(zh="", en="")
    text = Text(
        zh=f"{found[0]}（用时{result.seconds:g}秒，{result.considered}人参与排岗）：{to_hire.zh}{uncommon.zh}；"
           f"在岗人员月成本{result.monthly_cost:,.0f}元{opened.zh}；在岗人员的技能离满级（5级）共差{result.fit}级，"
           f"每差一级按每月{result.worth:,}元{estimate.zh}折算，合计相当于每月{result.value:,}元"
           + (keeps.zh if result.broken_keeps else ""),
        en=f"{found[1]} ({result.seconds:g} s, {_count(result.considered, 'person', 'people')} considered): "
           f"{to_hire.en}{uncommon.en}; "
           f"the people placed cost {result.monthly_cost:,.0f} CNY a month{opened.en}; "
           f"they are {_count(result.fit, 'skill level')} short of 5/5, which at {result.worth:,} CNY a level a month"
           f"{estimate.en} makes {result.value:,} CNY a month in all" + (keeps.en if result.broken_keeps else ""))
    return Reason(about="staffing", text=text.get(lang), sources=list(dict.fromkeys(["model", *result.worth_sources])))


def _count(n: int, noun: str, plural: str | None = None) -> str:
    return f"{n} {noun if n == 1 else plural or noun + 's'}"
