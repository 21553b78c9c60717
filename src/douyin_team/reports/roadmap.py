"""The road to the next stage: which combined posts to split first and which posts to hire, in order,
at the sales level where each stage begins, every step citing the rule or plan reason behind it."""

from __future__ import annotations

import msgspec

from ..checking import check_team
from ..dump import dump_data
from ..errors import InvalidValue
from ..knowledge import KnowledgeBase
from ..planning import plan_team
from ..team import Profile, Team
from ..text import Lang, Text

SPLIT_CHECKS = ("core_single", "forbidden_combination", "dedicated_posts", "uncommon_combination")


class Step(msgspec.Struct, frozen=True):
    """One thing to do on the way: split a person's posts, or hire for a post."""

    stage: str
    sales: float
    action: str  # "split" or "hire"
    roles: list[str]
    people: list[str]
    why: str
    rule: str | None
    sources: list[str]


def roadmap(team: Team, kb: KnowledgeBase, target: str | None = None, lang: Lang = "zh") -> list[Step]:
    """Steps from the team's stage to `target` (default: the next stage), stage by stage, splits first."""
    ids = list(kb.stage)
    now = check_team(team, kb).diagnosis.stage
    goal = target or (ids[ids.index(now) + 1] if ids.index(now) + 1 < len(ids) else now)
    if goal not in kb.stage:
        raise InvalidValue(f"unknown stage '{goal}'", field="--to", hint=f"use one of: {', '.join(ids)}")
    if ids.index(goal) <= ids.index(now):
        raise InvalidValue(f"the team is already at the {kb.stage[now].name.en} stage", field="--to",
                           hint=f"choose a later stage than {now}")
    steps: list[Step] = []
    for stage in ids[ids.index(now) + 1: ids.index(goal) + 1]:
        done = {(tuple(s.people), tuple(s.roles), s.rule) for s in steps if s.action == "split"}
        hired = {r for s in steps if s.action == "hire" for r in s.roles}
        steps += [s for s in _splits(team, kb, stage, lang) if (tuple(s.people), tuple(s.roles), s.rule) not in done]
        steps += _hires(team, kb, stage, lang, hired)
    return steps


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
                            list(rule.sources)))
    return out


def _hires(team: Team, kb: KnowledgeBase, stage: str, lang: Lang, hired: set[str]) -> list[Step]:
    """Posts the stage's plan has that nobody holds or an earlier step hired: required posts first.

    Each cites the rule whose finding names the missing post at that stage, else `required-post-missing`
    for a post the stage requires, else the stage's plan entry in the knowledge base (`posts.<stage>`).
    """
    profile = Profile(stage=stage, monthly_sales=kb.stage[stage].sales_min, focus=team.focus,
                      resources=team.resources, live_hours=team.live_hours, city_tier=team.city_tier, ads=team.ads)
    plan = plan_team(profile, kb, lang)
    held = {r for p in team.people if not p.vacancy for r in p.posts} | hired
    wanted: dict[str, tuple[str, list[str]]] = {}
    for person in plan.people:
        for reason in person.reasons:
            if reason.about in person.posts and reason.about not in held:
                wanted.setdefault(reason.about, (reason.text, list(reason.sources)))
    findings = check_team(msgspec.structs.replace(team, stage=stage), kb, stage).findings
    named = {r: f.rule for f in findings if f.severity in ("error", "warning") for r in f.roles}
    required = kb.stage[stage].required_roles
    order = sorted(wanted, key=lambda r: (r not in required, list(kb.role).index(r)))
    return [Step(stage, kb.stage[stage].sales_min, "hire", [r], [], wanted[r][0],
                 named.get(r) or ("required-post-missing" if r in required else f"posts.{stage}"),
                 wanted[r][1] or list(kb.stage[stage].sources)) for r in order]


def render_roadmap(steps: list[Step], kb: KnowledgeBase, lang: Lang, fmt: str) -> str:
    """The steps as a numbered Markdown list (also for text), or JSON/YAML."""
    if fmt in ("json", "yaml"):
        return dump_data(steps, fmt)
    zh = lang == "zh"
    lines = [f"# {'升级路线' if zh else 'Roadmap'}", ""]
    for n, s in enumerate(steps, 1):
        stage = kb.stage[s.stage].name.get(lang)
        when = Text(zh=f"月销达到{s.sales / 10000:g}万元（{stage}）", en=f"at {s.sales:,.0f} CNY a month ({stage})").get(lang)
        roles = ("、" if zh else ", ").join(kb.role[r].name.get(lang) for r in s.roles)
        if s.action == "split":
            what = (f"拆分{'、'.join(s.people)}的兼任：{roles}" if zh else f"Split {', '.join(s.people)}'s posts: {roles}")
        else:
            what = f"招聘{roles}" if zh else f"Hire: {roles}"
        rule = f" [{s.rule}]" if s.rule else ""
        lines.append(f"{n}. {when} — {what}{rule}：{s.why}" if zh else f"{n}. {when} — {what}{rule}: {s.why}")
    if not steps:
        lines.append("没有需要调整的地方" if zh else "Nothing to change")
    return "\n".join(lines) + "\n"
