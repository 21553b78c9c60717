"""Staffing in words, for the people of a roster the answer does not use: why each is left out, and what
using them instead would cost a month (and be worth in skill), so nobody on the roster goes unmentioned.
"""

from __future__ import annotations

from ..knowledge import KnowledgeBase
from ..team import Candidate, Reason
from ..text import Lang, Text
from .posts import Post
from .reasons import Held, blocked

SHOWN = 3  # posts explained per person left out; more only make the sentence long


def unused(posts: list[Post], people: list[Candidate], held: dict[int, list[int]], kb: KnowledgeBase,
           stage: str, lang: Lang, solved: bool = True) -> list[Reason]:
    """A sentence for each roster person holding no post: their skills and cost, and for each post they
    could do, what stops them or what taking it over would cost against the skill it would bring (when the
    solver found no answer in its time, only that)."""
    h = Held(posts, people, held, kb, stage, lang)
    if not solved:
        late = Text(zh="在时限内没有找到答案，没有排岗；可加长--time-limit再试",
                    en="no answer within the time limit, so no post; try a longer --time-limit")
        return [Reason(about="left_out", text=Text(zh=f"{q.name}：{late.zh}", en=f"{q.name}: {late.en}").get(lang),
                       sources=["model"]) for q in people]
    cited = list(dict.fromkeys(["model", *kb.skills.level_worth.sources, *kb.skills.core_min_level.sources]))
    return [Reason(about="left_out", text=left_out_text(h, k).get(lang), sources=cited)
            for k in range(len(people)) if not held.get(k)]


def left_out_text(h: Held, k: int) -> Text:
    """Why roster person k holds no post, post by post."""
    q, kb = h.people[k], h.kb
    skills = Text(zh="、".join(f"{kb.role[r].name.zh}{v}/5" for r, v in q.levels.items()),
                  en=", ".join(f"{kb.role[r].name.en} {v}/5" for r, v in q.levels.items()))
    head = Text(zh=f"{q.name}（{skills.zh}，月成本{q.cost:,.0f}元）没有排岗",
                en=f"{q.name} ({skills.en}, {q.cost:,.0f} CNY a month) holds no post")
    first: dict[str, int] = {}
    for j, post in enumerate(h.posts):
        if post.role in q.levels:
            first.setdefault(post.role, j)
    if not first:
        none = Text(zh="方案里没有他/她会做的岗位", en="the plan has no post they can do")
        return Text(zh=f"{head.zh}：{none.zh}。", en=f"{head.en}: {none.en}.")
    parts = [_post_text(h, k, j) for j in list(first.values())[:SHOWN]]
    if len(first) > SHOWN:
        parts.append(Text(zh=f"另有{len(first) - SHOWN}个会做的岗位同理", en=f"{len(first) - SHOWN} more posts likewise"))
    return Text(zh=f"{head.zh}：" + "；".join(p.zh for p in parts) + "。",
                en=f"{head.en}: " + "; ".join(p.en for p in parts) + ".")


def _post_text(h: Held, k: int, j: int) -> Text:
    """Why person k does not hold post j: what stops them, else who holds it and what a swap costs."""
    q, role = h.people[k], h.posts[j].role
    name = h.kb.role[role].name
    why = blocked(h, k, j)
    if why is not None:
        return why
    holder = next((i for i, js in h.held.items() if j in js), None)
    if holder is None:  # free and able, yet the post is open: only another goal (a must-keep) stands in the way
        return Text(zh=f"{name.zh}仍待招聘，但用{q.name}会和别人必须保留的岗位冲突",
                    en=f"{name.en} is still open, but {q.name} would clash with someone's must-keep post")
    c = h.people[holder]
    alone = len(h.held[holder]) == 1
    extra = q.cost - (c.cost if alone else 0.0)
    gap = q.levels[role] - c.levels[role]
    worth = abs(gap) * h.kb.skills.worth
    pay = Text(zh=f"每月多付{extra:,.0f}元", en=f"{extra:,.0f} CNY a month more") if extra >= 0 else \
        Text(zh=f"每月省{-extra:,.0f}元", en=f"{-extra:,.0f} CNY a month less")
    skill = (Text(zh=f"技能高{gap}级，按每级每月{h.kb.skills.worth:,}元值{worth:,}元",
                  en=f"{gap} level{'s' if gap > 1 else ''} better, worth {worth:,} CNY at {h.kb.skills.worth:,} a level")
             if gap > 0 else Text(zh=f"技能低{-gap}级，折算少{worth:,}元", en=f"{-gap} level{'s' if gap < -1 else ''} weaker, "
                                  f"worth {worth:,} CNY less") if gap < 0 else Text(zh="技能相同", en="the same skill"))
    kept = Text(zh="" if alone else f"（{c.name}还要担任其他岗位，工资照付）",
                en="" if alone else f" ({c.name} keeps their other posts and pay)")
    swap = Text(zh=f"{name.zh}由{c.name}担任（技能{c.levels[role]}/5）；换成{q.name}（技能{q.levels[role]}/5）{pay.zh}{kept.zh}，"
                   f"{skill.zh}",
                en=f"{c.name} holds {name.en} (skill {c.levels[role]}/5); {q.name} ({q.levels[role]}/5) instead would cost "
                   f"{pay.en}{kept.en}, {skill.en}")
    if extra - (gap * h.kb.skills.worth) < 0:  # the swap alone would pay: other posts' rules or hours forbid it
        return Text(zh=f"{swap.zh}；但换人会打乱其他岗位的兼任或工时安排，整体更差",
                    en=f"{swap.en}; but the swap would upset other posts' combinations or hours, worse overall")
    return swap
