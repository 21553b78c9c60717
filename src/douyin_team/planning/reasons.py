"""The planner's explanations: why each post, each combination and the headcount."""

from __future__ import annotations

from typing import TYPE_CHECKING

from ..knowledge import KnowledgeBase
from ..team import Reason
from ..text import Lang, Text
from .packing import Merge, Post

if TYPE_CHECKING:
    from .situation import Situation


def _names(kb: KnowledgeBase, roles: tuple[str, ...] | list[str], lang: Lang) -> str:
    return ("、" if lang == "zh" else ", ").join(kb.role[r].name.get(lang) for r in dict.fromkeys(roles))


def post_reason(kb: KnowledgeBase, post: Post, lang: Lang) -> Reason:
    """Why this post is in the plan (and how its load was adjusted)."""
    text = post.why.get(lang) + "".join(("；" if lang == "zh" else "; ") + n.get(lang) for n in post.notes)
    return Reason(about=post.role, text=text, sources=post.sources)


def combination_reason(kb: KnowledgeBase, stage: str, merge: Merge, lang: Lang) -> Reason:
    """Why these posts are held by one person."""
    roles = _names(kb, merge.roles, lang)
    if merge.combos and not merge.forced:
        notes = "；".join(c.note.zh for c in merge.combos) if lang == "zh" else "; ".join(c.note.en for c in merge.combos)
        text = f"兼任{roles}：{notes}" if lang == "zh" else f"Combines {roles}: {notes}"
        if merge.load > kb.settings.max_load:
            text += (f"（工作量约{merge.load:g}人，为控制人数而合并，较繁重）" if lang == "zh"
                     else f" (about {merge.load:g} people's work, merged to keep the headcount: a heavy post)")
        sources = list(dict.fromkeys(s for c in merge.combos for s in c.sources))
        return Reason(about="combination", text=text, sources=sources)
    name = kb.stage[stage].name.get(lang)
    text = (f"兼任{roles}：为控制在{name}的人数内而合并，不是常见组合，招人时要注意这个人能否胜任"
            if lang == "zh" else
            f"Combines {roles}: merged to keep within the {name} headcount; not a common pairing, so hire someone able to do both")
    return Reason(about="combination", text=text, sources=[*kb.stage[stage].sources, "model"])


def headcount_decision(kb: KnowledgeBase, sit: Situation, posts: list[Post], target: int, result: int,
                       lang: Lang) -> Reason:
    """How many people, and why: workload, stage range, budget, and what the rules made impossible."""
    stage = kb.stage[sit.stage]
    load = sum(p.load for p in posts)
    top = f"{stage.team_max}" if stage.team_max is not None else ("以上" if lang == "zh" else "+")
    zh = f"{len(posts)}个岗位，工作量约{load:.1f}人；{stage.name.zh}建议{stage.team_min}–{top}人"
    en = f"{len(posts)} posts, about {load:.1f} people's work; the {stage.name.en} stage runs {stage.team_min}–{top} people"
    if sit.budget is not None:
        zh += f"；人数预算{sit.budget}人"
        en += f"; headcount budget {sit.budget}"
    zh += f"；方案{result}人"
    en += f"; the plan has {result}"
    if result > target:
        zh += f"（规则不允许再合并：核心岗位须一人一岗，所以超出目标{target}人）"
        en += f" (rules forbid merging further: core posts need a person each, so above the target of {target})"
    return Reason(about="headcount", text=Text(zh=zh, en=en).get(lang), sources=[*stage.sources, "model"])


def profile_decisions(kb: KnowledgeBase, sit: Situation, lang: Lang) -> list[Reason]:
    """Decisions that follow from the profile: focus, live hours and shifts, resources, city, ads."""
    focus = kb.group[sit.focus].name
    out = [
        Reason(about="focus", text=Text(
            zh=f"运营重心在{focus.zh}，其他组人手从简但不取消",
            en=f"The focus is the {focus.en}; the other groups are kept lean but not dropped").get(lang),
            sources=["seed-novice", "seed-growth"]),
        Reason(about="live_hours", text=Text(
            zh=f"每天开播{sit.live_hours:g}小时：{sit.shifts}个班次，需要{sit.hosts}人能上镜",
            en=f"{sit.live_hours:g} live hours a day: {sit.shifts} shift(s), {sit.hosts} {'person' if sit.hosts == 1 else 'people'}"
               " able to host").get(lang),
            sources=["renrendoc-497774807", "model"]),
    ]
    for resource, text in RESOURCE_NOTES.items():
        if resource in sit.resources:
            out.append(Reason(about=resource, text=text.get(lang), sources=["seed-novice"]))
    if sit.small_city:
        out.append(Reason(about="city_tier", text=Text(
            zh="所在城市较小，投手、设计、数据等专才难招，方案优先让这些岗位兼任",
            en="A smaller city: specialists such as ad buyers, designers and analysts are hard to hire, so they are combined first").get(lang),
            sources=["seed-novice", "model"]))
    if not sit.ads:
        out.append(Reason(about="ads", text=Text(zh="不投付费流量，方案不设投手", en="No paid traffic, so no ad buyer").get(lang),
                          sources=["model"]))
    return out


RESOURCE_NOTES = {
    "supply_chain": Text(zh="有自有供应链：自己发货，并可更早设商品岗位",
                         en="Own supply chain: ship your own orders and add a product post early"),
    "offline_stores": Text(zh="有线下门店：熟悉产品的店员可以培养成主播，门店可以就近发货",
                           en="Offline stores: staff who know the products can become hosts, and stores can ship"),
    "ecommerce_team": Text(zh="已有电商团队：抖店运营、客服和美工可以从现有团队调配",
                           en="An existing e-commerce team: shop ops, service and design can come from it"),
}
