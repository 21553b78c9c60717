"""The rule checker: a team and its stage in, findings out. Rules are data (knowledge/rules.yaml);
each names one of the checks registered here."""

from __future__ import annotations

from collections.abc import Callable, Iterable
from functools import cached_property
from itertools import combinations

import msgspec

from ..errors import KnowledgeError
from ..knowledge import FULL_TIME_HOURS, KnowledgeBase, Rule, Severity, hours_range
from ..money import price_team
from ..planning import Diagnosis, diagnose, hosts_needed, live_sessions, session_hours
from ..team import Labour, Person, Session, Team
from ..text import Lang, Text
from .scope import assumptions, in_scope, not_needed, size_excess

SEVERITY_ORDER: dict[str, int] = {"error": 0, "warning": 1, "info": 2}


class Hit(msgspec.Struct, frozen=True):
    """One place where a rule is broken: who, which posts, and values for the message."""

    people: list[str] = []
    roles: list[str] = []
    values: dict[str, str | float | Text] = {}
    web_values: dict[str, Text] = {}  # values worded for the web app (where to say a fact, not a file's key)


class Finding(msgspec.Struct, frozen=True):
    """A broken rule: its id, severity, message in both languages, the people and posts involved."""

    rule: str
    severity: Severity
    message: Text
    people: list[str]
    roles: list[str]
    sources: list[str]
    web_message: Text | None = None  # the message as the web app says it, when it differs

    def text(self, lang: Lang, web: bool = False) -> str:
        """The message in `lang`, worded for the web app when `web` (no team-file keys there)."""
        return (self.web_message if web and self.web_message is not None else self.message).get(lang)


class CheckResult(msgspec.Struct, frozen=True):
    """A team's diagnosis and findings."""

    diagnosis: Diagnosis
    findings: list[Finding]

    @property
    def errors(self) -> int:
        """How many findings are errors (a non-zero count makes `check` exit 1)."""
        return sum(1 for f in self.findings if f.severity == "error")


class Context(msgspec.Struct, frozen=True, dict=True):
    """What every check can look at."""

    kb: KnowledgeBase
    team: Team
    stage: str

    def holders(self, role: str) -> list[Person]:
        """People holding a post, in team order."""
        return list(self._holders.get(role, ()))

    @cached_property
    def _holders(self) -> dict[str, list[Person]]:
        """People by the posts they hold, built once: checks ask for holders many times (large teams)."""
        found: dict[str, list[Person]] = {}
        for person in self.team.people:
            for role in dict.fromkeys(person.posts):
                found.setdefault(role, []).append(person)
        return found

    @cached_property
    def sessions(self) -> list[Session]:
        """The team's live sessions with their crews (the plan's, else placed from its profile)."""
        return live_sessions(self.team, self.kb)

    def can_do(self, role: str) -> list[Person]:
        """People holding a post or able to cover it."""
        return [p for p in self.team.people if role in p.posts or role in p.covers]


Check = Callable[[Context, Rule], Iterable[Hit]]
CHECKS: dict[str, Check] = {}


def check(fn: Check) -> Check:
    """Register a check under its function name (rules refer to it by that name)."""
    CHECKS[fn.__name__] = fn
    return fn


def known_checks(kb: KnowledgeBase) -> None:
    """Raise KnowledgeError when a rule names a check this module does not have (a playbook's typo)."""
    for rule in kb.rules:
        if rule.check not in CHECKS:
            raise KnowledgeError(f"rule '{rule.id}' uses unknown check '{rule.check}' (known: {', '.join(sorted(CHECKS))})",
                                 file=kb.origin, hint="compare with the files in douyin_team/knowledge/")


def check_team(team: Team, kb: KnowledgeBase, stage: str | None = None) -> CheckResult:
    """Run every enabled rule for the team's stage (given, from the file, or diagnosed)."""
    known_checks(kb)
    diagnosis = diagnose(kb, team.monthly_sales, stage or team.stage, team.headcount())
    ctx = Context(kb, team, diagnosis.stage)
    findings: list[Finding] = []
    for rule in kb.rule.values():
        if diagnosis.stage in rule.stages and in_scope(kb, team, rule):
            findings.extend(_finding(ctx, rule, hit) for hit in CHECKS[rule.check](ctx, rule))
    findings.sort(key=lambda f: SEVERITY_ORDER[f.severity])
    return CheckResult(diagnosis, findings)


def _finding(ctx: Context, rule: Rule, hit: Hit) -> Finding:
    message = Text(zh=_format(ctx, rule.message.zh, hit, "zh"), en=_format(ctx, rule.message.en, hit, "en"))
    web = None
    if hit.web_values:
        worded = msgspec.structs.replace(hit, values={**hit.values, **hit.web_values})
        web = Text(zh=_format(ctx, rule.message.zh, worded, "zh"), en=_format(ctx, rule.message.en, worded, "en"))
    return Finding(rule.id, rule.severity, message, hit.people, hit.roles, list(rule.sources), web)


PEOPLE_NAMED = 12  # a message names up to this many people; a longer list is cut to its first ten and a count


def _people(names: list[str], lang: Lang) -> str:
    """The people a message names: all of them, or the first ten and how many there are (the finding keeps all)."""
    if len(names) <= PEOPLE_NAMED:
        return ("、" if lang == "zh" else ", ").join(names)
    if lang == "zh":
        return f"{'、'.join(names[:10])}等{len(names)}人"
    return f"{', '.join(names[:10])} and {len(names) - 10} more"


def _format(ctx: Context, template: str, hit: Hit, lang: Lang) -> str:
    stage = ctx.kb.stage[ctx.stage]
    sep = "、" if lang == "zh" else ", "
    values: dict[str, object] = {
        "people": _people(hit.people, lang),
        "roles": sep.join(ctx.kb.role[r].name.get(lang) for r in hit.roles),
        "stage": stage.name.get(lang),
        "min": stage.team_min,
        "max": stage.team_max if stage.team_max is not None else "∞",
        "count": ctx.team.headcount(),
        "detail": "",
    }
    for key, value in hit.values.items():
        values[key] = value.get(lang) if isinstance(value, Text) else value
    return template.format_map(values)


@check
def headcount(ctx: Context, rule: Rule) -> Iterable[Hit]:
    """Headcount below the stage's minimum (side: below) or above its maximum (side: above)."""
    stage, count = ctx.kb.stage[ctx.stage], ctx.team.headcount()
    if rule.params.get("side") == "below" and count < stage.team_min:
        yield Hit()
    if rule.params.get("side") == "above" and stage.team_max is not None and count > stage.team_max:
        yield Hit()


@check
def required_roles(ctx: Context, rule: Rule) -> Iterable[Hit]:
    """Posts the stage requires that nobody holds (ad posts only when the merchant buys ads)."""
    skip = set() if _buys_ads(ctx.team) else set(rule.params.get("ads_roles", ["ad_buyer"]))
    skip |= not_needed(ctx.team)
    missing = [r for r in ctx.kb.stage[ctx.stage].required_roles if r not in skip and not ctx.holders(r)]
    if missing:
        yield Hit(roles=missing)


@check
def vacancy(ctx: Context, rule: Rule) -> Iterable[Hit]:
    """Open posts (people marked vacancy), reported together."""
    open_posts = [p for p in ctx.team.people if p.vacancy]
    if open_posts:
        roles = {r for p in open_posts for r in p.posts}
        yield Hit(people=[p.name for p in open_posts], roles=[r for r in ctx.kb.role if r in roles])


@check
def role_has_kpis(ctx: Context, rule: Rule) -> Iterable[Hit]:
    """Posts held in the team that have no KPI in the knowledge base."""
    held = {r for p in ctx.team.people for r in p.posts}
    bare = [r for r in ctx.kb.role if r in held and not ctx.kb.role[r].kpis]
    if bare:
        yield Hit(roles=bare)


@check
def any_role(ctx: Context, rule: Rule) -> Iterable[Hit]:
    """None of the posts in params.any_of is held."""
    wanted = list(rule.params["any_of"])
    if not any(ctx.holders(r) for r in wanted):
        yield Hit(roles=wanted)


@check
def mutual_cover(ctx: Context, rule: Rule) -> Iterable[Hit]:
    """Two posts held apart whose holders cannot stand in for each other."""
    a, b = rule.params["roles"]
    if not ctx.holders(a) or not ctx.holders(b):
        return
    lacking = [p.name for p in ctx.holders(a) if b not in p.posts and b not in p.covers]
    lacking += [p.name for p in ctx.holders(b) if a not in p.posts and a not in p.covers]
    if lacking:
        yield Hit(people=lacking, roles=[a, b])


@check
def core_single(ctx: Context, rule: Rule) -> Iterable[Hit]:
    """People who hold a core post together with any other post."""
    for person in ctx.team.people:
        if len(person.posts) > 1 and any(ctx.kb.role[r].core for r in person.posts):
            yield Hit(people=[person.name], roles=person.posts)


@check
def budget(ctx: Context, rule: Rule) -> Iterable[Hit]:
    """More people than the team's headcount budget."""
    limit = ctx.team.headcount_budget
    if limit is not None and len(ctx.team.people) > limit:
        yield Hit(values={"max": limit})


@check
def forbidden_combination(ctx: Context, rule: Rule) -> Iterable[Hit]:
    """People holding every post in params.roles."""
    roles = list(rule.params["roles"])
    for person in ctx.team.people:
        if all(r in person.posts for r in roles):
            yield Hit(people=[person.name], roles=roles)


@check
def dedicated_posts(ctx: Context, rule: Rule) -> Iterable[Hit]:
    """Posts in params.need that no one holds as their only post."""
    missing = [r for r in rule.params["need"] if not any(p.posts == [r] for p in ctx.team.people)
               and r not in not_needed(ctx.team)]
    if missing:
        yield Hit(roles=missing)


@check
def uncommon_combination(ctx: Context, rule: Rule) -> Iterable[Hit]:
    """People whose posts include a pair that no combination allowed at the stage contains."""
    for person in ctx.team.people:
        one_word = _read_as_one(ctx.team, person.name)
        odd = [pair for pair in uncommon_pairs(ctx.kb, ctx.stage, person.posts) if not set(pair) <= one_word]
        if odd:
            roles = {r for pair in odd for r in pair}
            yield Hit(people=[person.name], roles=[r for r in person.posts if r in roles])


def _read_as_one(team: Team, name: str) -> set[str]:
    """Posts one word of the person's title stood for (运营 in a two-person team): not a combination they chose."""
    return {r for n in team.readings or [] if n.kind == "ops" and name in n.people for r in n.roles
            if r in ("live_ops", "store_ops")}


def uncommon_pairs(kb: KnowledgeBase, stage: str, roles: list[str]) -> list[tuple[str, str]]:
    """Pairs of posts that appear together in none of the stage's combinations."""
    allowed = [set(c.roles) for c in kb.combinations_at(stage)]
    return [(a, b) for a, b in combinations(roles, 2) if not any(a in s and b in s for s in allowed)]


LIVE_SUPPORT = ("assistant_anchor", "floor_control", "central_control", "live_ops")


@check
def host_alone(ctx: Context, rule: Rule) -> Iterable[Hit]:
    """A host who also runs the room's control posts, or has nobody supporting the show."""
    supporters = [p.name for p in ctx.team.people if any(r in p.posts for r in LIVE_SUPPORT)]
    for host in ctx.holders("anchor"):
        doubled = [r for r in ("floor_control", "central_control") if r in host.posts]
        helpers = len(supporters) - (host.name in supporters)
        if doubled:
            detail = Text(zh="主播同时兼任场控或中控，开播时一个人撑全场",
                          en="the host also holds floor or central control and runs the show alone")
            yield Hit(people=[host.name], roles=["anchor", *doubled], values={"detail": detail})
        elif not helpers:
            detail = Text(zh="开播时没有助播、场控、中控或运营配合主播",
                          en="no assistant host, floor or central control or live ops supports the host on air")
            yield Hit(people=[host.name], roles=["anchor"], values={"detail": detail})


def _buys_ads(team: Team) -> bool:
    """Only a merchant who said so buys ads: an unstated `ads` is an assumption shown, never a warning."""
    return team.ads is True


@check
def ads_owner(ctx: Context, rule: Rule) -> Iterable[Hit]:
    """The merchant buys paid traffic but nobody holds or can cover the ad-buyer post."""
    if _buys_ads(ctx.team) and not ctx.can_do("ad_buyer"):
        yield Hit(roles=["ad_buyer"])


@check
def lead_ops_ads(ctx: Context, rule: Rule) -> Iterable[Hit]:
    """The team lead runs live ops without being able to buy ads, in a team that said it buys paid traffic."""
    if not _buys_ads(ctx.team):
        return
    for person in ctx.holders("team_lead"):
        if "live_ops" in person.posts and "ad_buyer" not in person.posts and "ad_buyer" not in person.covers:
            yield Hit(people=[person.name], roles=["team_lead", "live_ops"])


@check
def single_host(ctx: Context, rule: Rule) -> Iterable[Hit]:
    """At most one person can host."""
    if len(ctx.can_do("anchor") + [p for p in ctx.holders("assistant_anchor") if "anchor" not in p.posts]) <= 1:
        yield Hit(roles=["anchor", "assistant_anchor"])


@check
def host_hours(ctx: Context, rule: Rule) -> Iterable[Hit]:
    """Hosts (host + assistant host) carrying far more hours on air a week than a host does (params.factor ×
    the knowledge base's capacity)."""
    if ctx.team.live_hours is None and ctx.team.sessions is None:
        return  # the usual hours are an assumption (rule assumed-facts), not the merchant's fact
    w = ctx.kb.figures
    sessions = ctx.sessions
    hosts = len({p.name for p in ctx.holders("anchor") + ctx.holders("assistant_anchor")})
    hours = sum(session_hours(x) * x.days_per_week for x in sessions)
    capacity = w.host_hours_per_day.value * w.host_days_per_week.value
    if hours > 0 and hours / max(hosts, 1) > capacity * float(rule.params.get("factor", 1.25)):
        needed = hosts_needed(ctx.kb, sessions)
        detail = Text(
            zh=f"每周直播{hours:g}小时，{hosts}人能上镜，每人约{hours / max(hosts, 1):.0f}小时；一名主播每周约{capacity:g}小时，需要{needed}人",
            en=f"{hours:g} live hours a week and {hosts} people who can host: about {hours / max(hosts, 1):.0f} each; "
               f"a host does about {capacity:g} a week, so {needed} are needed",
        )
        yield Hit(roles=["anchor", "assistant_anchor"], values={"detail": detail})


@check
def on_camera_backstage(ctx: Context, rule: Rule) -> Iterable[Hit]:
    """In a team of two or more, people on camera who also hold a post that works during the live off camera
    (中控, 投手, 客服 …), except pairs that are both on set."""
    if ctx.team.headcount() < 2:
        return
    s = ctx.kb.settings
    on_set = {frozenset(p) for p in s.on_set_pairs}
    for person in ctx.team.people:
        camera = [r for r in person.posts if r in s.on_camera_roles]
        busy = [r for r in person.posts if r in s.live_work_roles and all(frozenset((c, r)) not in on_set for c in camera)]
        if camera and busy:
            yield Hit(people=[person.name], roles=[*camera, *busy],
                      values={"posts": "、".join(ctx.kb.role[r].name.zh for r in busy),
                              "posts_en": ", ".join(ctx.kb.role[r].name.en for r in busy)})


@check
def session_crew(ctx: Context, rule: Rule) -> Iterable[Hit]:
    """Live sessions without a host or without a control (场控/中控, else live ops following the live); only
    for the plan's sessions or a team that gives its live hours."""
    if ctx.team.live_hours is None and ctx.team.sessions is None:
        return
    for x in ctx.sessions:
        people = [p for p in ctx.team.people if p.name in x.crew]
        roles = {r for p in people for r in p.posts}
        s = ctx.kb.settings
        missing = [Text(zh="主播", en="a host")] if not roles & set(s.host_roles) else []
        if not roles & (set(s.control_roles) | set(s.follow_live_roles)):
            missing.append(Text(zh="控场", en="someone on floor or central control"))
        if missing:
            yield Hit(roles=list(s.host_roles[:1]), values={
                "session": f"{x.start}–{x.end}" + (f"（{x.room}号直播间）" if x.room > 1 else ""),
                "missing": Text(zh="和".join(m.zh for m in missing), en=" and ".join(m.en for m in missing))})


@check
def service_window(ctx: Context, rule: Rule) -> Iterable[Hit]:
    """A service team (two or more agents, or any at a stage in params.always) whose weekly hours fall short of
    the service window every day."""
    agents = ctx.holders("customer_service")
    if not agents or (len(agents) < 2 and ctx.stage not in rule.params.get("always", [])):
        return
    w = ctx.kb.figures
    window = hours_range(w.service_window.value)
    need = (window[1] - window[0]) / 60 * 7
    have = sum(p.hours if p.hours is not None else FULL_TIME_HOURS for p in agents if len(p.posts) == 1) + \
        sum((p.hours if p.hours is not None else FULL_TIME_HOURS) / len(p.posts) for p in agents if len(p.posts) > 1)
    if have + 1e-9 < need:
        yield Hit(people=[p.name for p in agents], roles=["customer_service"],
                  values={"have": f"{have:g}", "need": f"{need:g}", "window": w.service_window.value})


@check
def cost_share(ctx: Context, rule: Rule) -> Iterable[Hit]:
    """Labour cost as a share of monthly sales outside the usual range, priced as `money.price_team` prices it
    (own figures first, market pay for the rest), so plan, check, staff and the kit agree. Below the range is
    only a finding when every figure is the merchant's own: a market estimate that is low just means few people."""
    flag, labour = _cost_flag(ctx)
    if flag is None or labour is None or labour.share_of_sales is None:
        return
    low, high = labour.share_min * 100, labour.share_max * 100
    market = sum(1 for p in labour.people if p.basis == "market")
    note = Text(zh=f"（其中{market}人按市场价估算）" if market else "", en=f" ({market} priced at market pay)" if market else "")
    detail = Text(
        zh=f"人力成本每月{labour.monthly_cost:,.0f}元{note.zh}，占月销{labour.share_of_sales:.1%}，常见范围{low:g}%–{high:g}%",
        en=f"labour costs {labour.monthly_cost:,.0f} CNY a month{note.en}, {labour.share_of_sales:.1%} of sales; "
           f"the usual range is {low:g}–{high:g}%",
    )
    yield Hit(values={"detail": detail})


def _cost_flag(ctx: Context) -> tuple[str | None, Labour | None]:
    """'high' or 'low' when the team's labour share is outside the usual range, with the priced labour."""
    if not ctx.team.monthly_sales:
        return None, None
    labour = price_team(ctx.team, ctx.kb, ctx.stage)  # recomputed: a file's labour section is never trusted
    share = labour.share_of_sales
    if share is None:
        return None, labour
    if share > labour.share_max:
        return "high", labour
    own = all(p.basis in ("own", "owner") for p in labour.people)
    return ("low" if own and share < labour.share_min else None), labour


@check
def hours_cap(ctx: Context, rule: Rule) -> Iterable[Hit]:
    """People whose weekly hours exceed the configured maximum."""
    limit = ctx.kb.settings.max_weekly_hours
    for person in ctx.team.people:
        if person.hours is not None and person.hours > limit:
            yield Hit(people=[person.name], roles=person.posts, values={"detail": f"{person.hours:g}", "max": f"{limit:g}"})


@check
def unknown_titles(ctx: Context, rule: Rule) -> Iterable[Hit]:
    """Titles nobody could read: the people are kept with an unknown post; the nearest posts are named."""
    for note in ctx.team.readings or []:
        if note.kind == "unknown":
            zh = "、".join(ctx.kb.role[r].name.zh for r in note.nearest if r in ctx.kb.role) or "无"
            en = ", ".join(ctx.kb.role[r].name.en for r in note.nearest if r in ctx.kb.role) or "none"
            detail = Text(zh=f"可替岗里的“{note.title}”不是已知岗位，没有算作可替岗；最接近：{zh}",
                          en=f"'{note.title}' under can cover is not a known post and is not counted as cover; "
                             f"nearest: {en}") if note.cover else \
                Text(zh=f"“{note.title}”不是已知岗位，暂记为未知岗位；最接近：{zh}",
                     en=f"'{note.title}' is not a known post and is kept as unknown; nearest: {en}")
            example = note.nearest[0] if note.nearest else "live_ops"  # the alias to write, by its nearest post
            yield Hit(people=list(note.people), roles=list(note.nearest),
                      values={"detail": detail, "title": note.title, "post": example})


@check
def title_readings(ctx: Context, rule: Rule) -> Iterable[Hit]:
    """How titles that are not simply a post's name were read (the generic 运营 decided by the team, compound,
    affixed or annotated titles)."""
    for note in ctx.team.readings or []:
        if note.kind in params_kinds(rule) and note.why is not None:
            yield Hit(people=list(note.people), roles=list(note.roles), values={"detail": note.why})


def params_kinds(rule: Rule) -> list[str]:
    """The kinds of title notes a reading rule reports (params.kinds; default: all read titles)."""
    return list(rule.params.get("kinds", ["ops", "read"]))


@check
def stated_facts(ctx: Context, rule: Rule) -> Iterable[Hit]:
    """What the check assumed because the file did not say it (ads, live hours, shipping, the owner)."""
    for assumed in assumptions(ctx.kb, ctx.team, ctx.stage):
        yield Hit(values={"detail": assumed.file}, web_values={"detail": assumed.web})


@check
def crew_needs(ctx: Context, rule: Rule) -> Iterable[Hit]:
    """A crew (scope live_room) without one of the posts its scope needs (each need: any of its posts)."""
    scope = next((s for s in ctx.kb.scopes if s.id == ctx.team.scope), None)
    for need in scope.needs if scope else []:
        if not any(ctx.holders(r) for r in need):
            yield Hit(roles=list(need))


@check
def headcount_graded(ctx: Context, rule: Rule) -> Iterable[Hit]:
    """Above the stage's usual size: params.grade 'modest' (within params.far times the maximum, labour cost
    not too high) or 'far' (past that, or above the maximum with labour cost over its range)."""
    size = grade = size_excess(ctx.kb, ctx.team, ctx.stage, float(rule.params.get("far", 2.0)))
    if grade is not None and _cost_too_high(ctx):
        grade = "far"
    if grade == rule.params.get("grade", "far"):
        stage = ctx.kb.stage[ctx.stage]
        top, name = stage.team_max, stage.name
        detail = (Text(zh=f"远超{name.zh}一般的{top}人", en=f"far past the {top} the {name.en} stage usually has")
                  if size == "far" else
                  Text(zh=f"超过{name.zh}一般的{top}人，而且按填写的月成本，人力成本已超出常见占比",
                       en=f"more than the {top} the {name.en} stage usually has, and by your own pay figures labour "
                          "already costs more than the usual share"))
        yield Hit(values={"detail": detail})


def _cost_too_high(ctx: Context) -> bool:
    """The team's own figures put labour above the usual share (a market estimate alone does not make a team
    far too big: the size rules judge that)."""
    flag, labour = _cost_flag(ctx)
    return flag == "high" and labour is not None and all(p.basis in ("own", "owner") for p in labour.people)


