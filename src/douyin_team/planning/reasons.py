"""The planner's explanations: why each post, each combination and the headcount."""

from __future__ import annotations

from typing import TYPE_CHECKING

from ..knowledge import Combination, KnowledgeBase, Rule
from ..team import Reason
from ..text import Lang, Text
from .packing import Merge, Post, Seat, on_set_sharing

if TYPE_CHECKING:
    from .sessions import Slot
    from .situation import Situation


def _names(kb: KnowledgeBase, roles: tuple[str, ...] | list[str], lang: Lang) -> str:
    return ("、" if lang == "zh" else ", ").join(kb.role[r].name.get(lang) for r in dict.fromkeys(roles))


def post_reason(kb: KnowledgeBase, post: Post, lang: Lang) -> Reason:
    """Why this post is in the plan (and how its load was adjusted)."""
    text = post.why.get(lang) + "".join(("；" if lang == "zh" else "; ") + n.get(lang) for n in post.notes)
    return Reason(about=post.role, text=text, sources=post.sources)


def combination_reasons(kb: KnowledgeBase, stage: str, held: tuple[str, ...], merges: list[Merge],
                        lang: Lang) -> list[Reason]:
    """Why one person holds their posts (`held`, in their order), in one reason: the common combinations that
    justify the merges (each quoted once; those naming only posts this person holds first), whether some were
    merged only to keep the headcount, and whether the load is heavy."""
    if not merges:
        return []
    roles = _names(kb, list(held), lang)
    def quoted(merge: Merge) -> list[Combination]:  # those naming only this person's posts, where there are any
        mine = [c for c in merge.combos if set(c.roles) <= set(held)]
        return mine or list(merge.combos)

    combos = list({id(c): c for m in merges if not m.forced for c in quoted(m)}.values())
    notes = list(dict.fromkeys(c.note.get(lang) for c in combos))
    forced, load = any(m.forced or not m.combos for m in merges), max(m.load for m in merges)
    name, sep = kb.stage[stage].name.get(lang), "；" if lang == "zh" else ". "
    parts = list(notes)
    if forced:
        parts.append(f"{'另有岗位' if notes else ''}为控制在{name}的人数内而合并，不是常见组合，招人时要注意这个人能否胜任"
                     if lang == "zh" else
                     f"{'Some posts were merged' if notes else 'Merged'} to keep within the {name} headcount; not a "
                     "common pairing, so hire someone able to do both")
    text = (f"兼任{roles}：" if lang == "zh" else f"Combines {roles}: ") + sep.join(parts)
    if load > kb.settings.max_load:
        text += (f"（工作量约{load:g}人，为控制人数而合并，较繁重）" if lang == "zh"
                 else f" (about {load:g} people's work, merged to keep the headcount: a heavy post)")
    sources = list(dict.fromkeys([*(s for c in combos for s in c.sources),
                                  *([*kb.stage[stage].sources, "model"] if forced else [])]))
    return [Reason(about="combination", text=text, sources=sources)]


def live_chats_reason(kb: KnowledgeBase, controls: list[str], chats: float, lang: Lang,
                      owner: Situation | None = None) -> Reason:
    """Why someone who runs a control post through the show and also answers chats leaves some waiting: the
    chats a week that arrive on air, and the platform's threshold for slow replies. For the owner (`owner`:
    the merchant's situation), in plain words: what it means during the show, what to do now, and at what
    orders a day (and sales) the waiting chats pass the rule's weekly threshold, when to hire for the show."""
    rule = kb.rule.get("control-answers-chats")
    posts = _names(kb, controls, lang)
    sources = list(rule.sources) if rule else ["model"]
    if owner is not None:
        return Reason(about="live_chats", text=_owner_chats(owner, controls, posts, chats, rule).get(lang), sources=sources)
    return Reason(about="live_chats", text=Text(
        zh=f"开播时整场在做{posts}，直播时段每周约{chats:.0f}条要人工回复的咨询只能等间隙或下播后再回；超过90秒没回算慢，"
           "一周慢会话超过10次会被处罚，咨询多起来就该把客服分给别人",
        en=f"Works {posts} through the whole show, so about {chats:.0f} chats a week that arrive on air wait for a "
           "gap or the end of the show; over 90 s is a slow reply and more than ten a week are penalised, so hand "
           "service to someone else as chats grow").get(lang), sources=sources)


def _owner_chats(sit: Situation, controls: list[str], posts: str, chats: float, rule: Rule | None) -> Text:
    """The owner's note: running the show's backend and the shop's chats at once (see `live_chats_reason`)."""
    most = float(rule.params.get("max_per_week", 10)) if rule else 10.0
    hours = f"{sit.live_hours:g}"
    backend = "central_control" in controls
    what = Text(zh="（上下架、改价、发券）", en=" (listing items, changing prices, dropping coupons)") if backend else Text(zh="", en="")
    zh = (f"老板开播时整场做{posts}{what.zh}，同时又是客服：直播的{hours}小时里顾客在飞鸽发来的消息没人回，"
          f"只能等间隙或下播再回。按现在每天约{sit.orders_per_day:.0f}单，每周约{chats:.0f}条咨询会在直播中等着；"
          f"超过90秒没回算慢，一周慢会话超过{most:g}次会被处罚。现在先开飞鸽自动回复和快捷短语，下播后先回完未回复的会话。")
    en = (f"The owner runs {posts} through the show{what.en} and is also "
          f"customer service: for the {hours} h on air nobody answers the shop's 飞鸽 messages until a gap or the end "
          f"of the show. At about {sit.orders_per_day:.0f} orders a day, about {chats:.0f} chats a week wait during "
          f"the show; over 90 s is a slow reply and more than {most:g} slow sessions a week are penalised. For now, "
          "turn on 飞鸽's auto-replies and quick phrases, and answer what is left first thing after the show.")
    if chats > most:
        zh += f"等待的咨询已超过每周{most:g}条：该请一名兼职客服只在开播的{hours}小时接待（或把这段时间外包），老板专心做{posts}。"
        en += (f" The waiting chats are already past {most:g} a week: hire a part-time agent for the {hours} h on air "
               f"(or outsource those hours) so the owner can keep to {posts}.")
    else:
        orders = sit.orders_per_day * most / chats
        sales = orders * 30 * sit.order_value
        zh += (f"等每天到约{orders:.0f}单（月销约{sales / 10000:.1f}万元），直播中等着的咨询会超过每周{most:g}条，"
               f"那时请一名兼职客服只在开播时段接待（或把这段时间外包）。")
        en += (f" At about {orders:.0f} orders a day (about {sales:,.0f} CNY a month) more than {most:g} chats a week "
               "would wait: then hire a part-time agent for the hours on air (or outsource them).")
    return Text(zh=zh, en=en)


def headcount_decision(kb: KnowledgeBase, sit: Situation, posts: list[Post], target: int, result: int,
                       lang: Lang, managers: int = 0) -> Reason:
    """How many people, and why: the work, the stage's usual size as a guideline, budget, what rules made
    impossible, and the manager posts a large team adds (`managers`, not counted in `result`)."""
    stage = kb.stage[sit.stage]
    load = sum(p.load for p in posts) - on_set_sharing(kb, posts)
    usual_zh = f"{stage.team_min}–{stage.team_max}人" if stage.team_max is not None else f"{stage.team_min}人以上"
    usual_en = f"{stage.team_min}–{stage.team_max}" if stage.team_max is not None else f"{stage.team_min} or more"
    zh = f"{len(posts)}个岗位，工作量约{load:.1f}人；{stage.name.zh}通常{usual_zh}"
    en = f"{len(posts)} posts, about {load:.1f} people's work; the {stage.name.en} stage usually runs {usual_en}"
    if sit.budget is not None:
        zh += f"；人力成本容得下{sit.budget}人" if sit.budget_paid else f"；人数预算{sit.budget}人"
        en += f"; the labour money pays for {sit.budget}" if sit.budget_paid else f"; headcount budget {sit.budget}"
    zh += f"；方案{result + managers}人" + (f"（含{managers}名不上岗的主管）" if managers else "")
    en += f"; the plan has {result + managers}" + (f" (with {managers} manager(s) who do not work a post)" if managers else "")
    if stage.team_max is not None and result > stage.team_max:
        zh += "（工作量超出这个阶段的常见人数：人数按工作量定，阶段人数只作参考）"
        en += " (the work is more than the stage's usual size: the work sets the headcount, the stage's range is a guide)"
    elif load > result + 1e-9:
        zh += f"（每人平均约{load / result:.1f}人的工作量：人人兼岗，忙时要加班）"
        en += f" (about {load / result:.1f} people's work each: everyone holds several posts, with long days at peaks)"
    if result > target:
        most = kb.settings.stage_tolerance.get(sit.stage, kb.settings.overload_tolerance)
        heavy = Text(zh=f"，{stage.name.zh}每人不超过约{most:g}人的工作量", en=f"; at the {stage.name.en} stage nobody holds "
                     f"more than about {most:g} people's work") if stage.team_max is None else Text(zh="", en="")
        zh += (f"（规则不允许再合并：核心岗位须一人一岗，上镜的人开播时不兼幕后、每天上镜不超过一名主播的时长，"
               f"开播时段咨询多时中控和场控不兼客服{heavy.zh}，所以超出目标{target}人）")
        en += (f" (rules forbid merging further: core posts need a person each; people on camera do no backstage work "
               f"on air and stay within a host's day; with many chats on air, controls do not also answer them{heavy.en}; "
               f"so above the target of {target})")
    if sit.budget is not None and result > sit.budget and stage.team_max is None:
        zh += (f"；{sit.budget}人的预算排不下这些工作，再合并也只会让人承担超过一人的工作量：按方案人数准备预算，"
               "或先缩小要做的事（少开直播间或时段、外包客服、用云仓发货）")
        en += (f"; a budget of {sit.budget} cannot hold this work, and merging more would only give people more than "
               "one person's work: budget for the plan's headcount, or do less first (fewer rooms or hours, outsourced "
               "service, a cloud warehouse)")
    return Reason(about="headcount", text=Text(zh=zh, en=en).get(lang), sources=[*stage.sources, "model"])


def profile_decisions(kb: KnowledgeBase, sit: Situation, slots: list[Slot], lang: Lang) -> list[Reason]:
    """Decisions that follow from the profile: focus, the live sessions, orders, assumptions, resources, city, ads."""
    w = kb.figures
    focus = kb.group[sit.focus].name
    times = "、".join(f"{s.start // 60:02d}:{s.start % 60:02d}–{s.end // 60 % 24:02d}:{s.end % 60:02d}"
                     for s in slots if s.room == 1)
    focus_text = Text(zh=f"运营重心在{focus.zh}，其他组人手从简但不取消",
                      en=f"The focus is the {focus.en}; the other groups are kept lean but not dropped")
    focus_sources = ["seed-novice", "seed-growth"]
    if sit.focus == "store":  # the shelf team is the core: say what sizes it and what the live side gives up
        focus_text = Text(
            zh=f"{focus_text.zh}：约{sit.shelf_share:.0%}的成交来自货架（商城、搜索、店铺页、商品卡），约{sit.listings:.0f}个在售商品，"
               "抖店运营、美工和选品按在售商品配人；直播只是渠道之一，默认开播时长减半、直播间按直播部分的销售开",
            en=f"{focus_text.en}: about {sit.shelf_share:.0%} of the sales come from the shelf (mall, search, shop page, "
               f"product cards), about {sit.listings:.0f} listings, and shop operators, designers and merchandisers are "
               "sized by them; live is one channel of several, so default live hours are halved and rooms follow the live part of the sales")
        focus_sources = [*focus_sources, *w.shelf_share_store_focus.sources, *w.listings_per_store_operator.sources]
    out = [
        Reason(about="focus", text=focus_text.get(lang), sources=list(dict.fromkeys(focus_sources))),
        Reason(about="live_hours", text=Text(
            zh=(f"{sit.rooms}个直播间，每个每天开播{sit.live_hours:g}小时、每周{sit.live_days}天：" +
                (f"每天{len(slots) // max(sit.rooms, 1)}场（{times}），每场都要有自己的主播和控场" if slots else "不开播")),
            en=(f"{sit.rooms} room(s), each live {sit.live_hours:g} h a day, {sit.live_days} days a week: " +
                (f"{len(slots) // max(sit.rooms, 1)} session(s) a day ({times.replace('、', ', ')}), each with its own host "
                 "and control" if slots else "no live sessions"))).get(lang),
            sources=[*w.host_hours_per_day.sources, *w.max_session_hours.sources, *(kb.day_parts[0].sources if kb.day_parts else [])]),
        Reason(about="orders", text=Text(
            zh=f"月销约{sit.sales / 10000:g}万元、客单价约{sit.order_value:g}元：每天约{sit.orders_per_day:.0f}单",
            en=f"About {sit.sales:,.0f} CNY a month at about {sit.order_value:g} CNY an order: about {sit.orders_per_day:.0f} orders a day").get(lang),
            sources=kb.category[sit.category].sources),
    ]
    if sit.assumed:
        names = ASSUMPTION_NAMES
        out.append(Reason(about="assumptions", text=Text(
            zh="没有给出、按默认值估算：" + "、".join(names[a].zh for a in sit.assumed if a in names),
            en="Not given, so assumed from the defaults: " + ", ".join(names[a].en for a in sit.assumed if a in names)).get(lang),
            sources=["model"]))
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


def span_reason(kb: KnowledgeBase, post: str, led: int, lang: Lang, paid: bool = True) -> Reason:
    """Why this person is a working lead (组长) of `led` others holding the same post (`paid`: with the lead
    premium, which `money.working_leads` pays to whoever leads two or more)."""
    span, premium = kb.figures.span_of_control, kb.pay_figures.lead_premium
    name, extra = kb.role[post].name.get(lang), f"{premium.value:.0%}"
    pay = Text(zh=f"；底薪按比组员高约{extra}估算", en=f"; base pay taken as about {extra} above the team's") if paid else Text(zh="", en="")
    return Reason(about="span", text=Text(
        zh=f"组长：带{led}名{name}（一个组长约带{span.value:g}人，常见6–10人），本人照常上岗，另管本组排班、带新人和质检{pay.zh}",
        en=f"Working lead of {led} other {name} posts (a lead takes about {span.value:g}, usually 6–10): still works the "
           f"post, and runs the group's rota, training and quality checks{pay.en}").get(lang),
        sources=[*span.sources, *(premium.sources if paid else [])])


def manager_reason(kb: KnowledgeBase, role: str, reports: list[str], people: int, lang: Lang) -> Reason:
    """Why a manager post (主管) heads several working leads: more people than one lead can take."""
    span = kb.figures.span_of_control
    sep = "、" if lang == "zh" else ", "
    posts = sep.join(kb.role[r].name.get(lang) for r in dict.fromkeys(reports))
    return Reason(about=role, text=Text(
        zh=f"{len(reports)}人直接向这位主管汇报（{posts}），连同他们带的人共{people}人，超过一个组长能带的{span.value:g}人："
           f"设专职{kb.role[role].name.zh}，不上岗，负责目标拆解、排班、招聘和考核组长",
        en=f"{len(reports)} people report here ({posts}), {people} with the people they lead, more than one lead's span of "
           f"{span.value:g}: a full-time {kb.role[role].name.en} who does not work the post, and sets targets, rotas, "
           "hiring and the leads' appraisals").get(lang), sources=[*span.sources, *kb.role[role].sources])


def alone_decisions(kb: KnowledgeBase, sit: Situation, seats: list[Seat], lang: Lang) -> list[Reason]:
    """For a person who hosts and also holds posts that work during the live (only a one-person team does):
    what they cannot do while on air."""
    camera = set(kb.settings.on_camera_roles)
    on_set = {frozenset(p) for p in kb.settings.on_set_pairs}
    out = []
    for seat in seats if len(seats) == 1 else []:
        held = set(seat.roles)
        busy = [r for r in kb.settings.live_work_roles
                if r in held and all(frozenset((c, r)) not in on_set for c in camera & held)]
        if camera & held and busy:
            names = _names(kb, busy, lang)
            out.append(Reason(about="alone", text=Text(
                zh=f"只有一个人时，开播期间顾不上{names}：上下架、改价和发券要在开播前设好，投放开播前定好预算，飞鸽消息下播后集中回复",
                en=f"With one person, {names} cannot be done on air: set listings, prices and coupons before going live, "
                   "fix the ad budget beforehand and answer Feige messages after the show").get(lang),
                sources=["520zimeiti-48283", "model"]))
    return out


def long_day_decisions(kb: KnowledgeBase, sit: Situation, minutes: list[tuple[str, int]], lang: Lang) -> list[Reason]:
    """For each person on camera longer than a host's day (only when the budget leaves no one to share it):
    why, and what it costs."""
    w = kb.figures
    budget = Text(zh=f"人力成本只容得下{sit.budget}人，" if sit.budget_paid else f"人数预算{sit.budget}人",
                  en=f"the labour money pays for only {sit.budget} people, which" if sit.budget_paid
                  else f"a headcount budget of {sit.budget}")
    out = []
    for name, on_air in minutes:
        if on_air > w.max_session_hours.value * 60:
            hours = on_air / 60
            out.append(Reason(about="host_hours", text=Text(
                zh=f"{name}每天上镜约{hours:g}小时，超过一名主播通常的{w.host_hours_per_day.value:g}小时左右（4–6小时）："
                   f"{budget.zh}容不下再一个上镜的人；长时间开播状态会下滑，预算允许时先加一名主播或缩短开播时长",
                en=f"{name} is on camera about {hours:g} h a day, past a host's usual {w.host_hours_per_day.value:g} h or so "
                   f"(4–6 h): {budget.en} leaves no room for another person on camera; energy drops over long "
                   "shows, so add a host or shorten the live hours when the budget allows").get(lang),
                sources=[*w.host_hours_per_day.sources, *w.max_session_hours.sources]))
    return out


ASSUMPTION_NAMES = {
    "category": Text(zh="品类（综合）", en="category (general)"),
    "order_value": Text(zh="客单价", en="order value"),
    "live_hours": Text(zh="开播时长", en="live hours"),
    "rooms": Text(zh="直播间数", en="rooms"),
    "ads": Text(zh="投付费流量", en="paid traffic bought"),
    "ad_spend": Text(zh="千川消耗", en="ad spend"),
    "live_days": Text(zh="每周开播天数", en="live days a week"),
    "fulfilment": Text(zh="发货方式", en="fulfilment"),
    "service": Text(zh="客服自营", en="in-house service"),
    "videos_per_week": Text(zh="每周短视频数", en="videos a week"),
}


RESOURCE_NOTES = {
    "supply_chain": Text(zh="有自有供应链：自己发货，并可更早设商品岗位",
                         en="Own supply chain: ship your own orders and add a product post early"),
    "offline_stores": Text(zh="有线下门店：熟悉产品的店员可以培养成主播，门店可以就近发货",
                           en="Offline stores: staff who know the products can become hosts, and stores can ship"),
    "ecommerce_team": Text(zh="已有电商团队：抖店运营、客服和美工可以从现有团队调配",
                           en="An existing e-commerce team: shop ops, service and design can come from it"),
}
