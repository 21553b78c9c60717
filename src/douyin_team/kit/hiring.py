"""The hiring parts of a job description: requirements that fit the posts, working hours from the plan's
sessions, interview questions and a first-30-days plan, all from the knowledge base (`kit.yaml`'s
`requirements`, `hiring.yaml`), merged for a person who holds several posts.

A merged description names the post a line belongs to (`[主播] …`) unless the line fits every post it
describes; lines that come from the same knowledge item appear once.
"""

from __future__ import annotations

import msgspec

from ..knowledge import KnowledgeBase, Requirement
from ..team import Person, Session
from ..text import Lang, Text


class OnboardingStep(msgspec.Struct, frozen=True):
    """What the new hire has done by day `days` (for the post named in `post` when several are merged)."""

    days: int
    task: str
    post: str | None = None


def fitting_requirements(kb: KnowledgeBase, roles: list[str], stage: str) -> list[Requirement]:
    """The knowledge base's requirements for `roles` at `stage`: a post's own lines, lines for every post, and
    lines meant for one post alone (or for posts held together) only when the description is such."""
    several = len(roles) > 1
    return [q for q in kb.requirements if stage in q.stages and (not q.roles or set(q.roles) & set(roles))
            and (q.holds == "any" or (q.holds == "several") == several)]


def requirement_lines(kb: KnowledgeBase, roles: list[str], reqs: list[Requirement], lang: Lang) -> list[str]:
    """Each requirement once, prefixed with the posts it is for when it fits only some of the merged posts."""
    return [_tagged(kb, [r for r in roles if not q.roles or r in q.roles], roles, q.text.get(lang), lang)
            for q in reqs]


def interview_questions(kb: KnowledgeBase, roles: list[str], lang: Lang) -> list[str]:
    """Each post's interview questions, in post order (tagged with the post when several)."""
    kits = {h.id: h for h in kb.hiring}
    return [_tagged(kb, [r], roles, q.get(lang), lang) for r in roles if r in kits for q in kits[r].interview]


def onboarding_plan(kb: KnowledgeBase, roles: list[str], lang: Lang) -> list[OnboardingStep]:
    """The posts' onboarding milestones by day (the posts' milestones interleaved by day when several)."""
    kits = {h.id: h for h in kb.hiring}
    several = len(roles) > 1
    steps = [OnboardingStep(m.days, m.task.get(lang), kb.role[r].name.get(lang) if several else None)
             for r in roles if r in kits for m in kits[r].onboarding]
    return sorted(steps, key=lambda s: s.days)  # stable: within a day, post order


def hiring_sources(kb: KnowledgeBase, roles: list[str]) -> tuple[list[str], bool]:
    """The sources of the posts' hiring kits, and whether any of it is our own estimate."""
    kits = [h for h in kb.hiring if h.id in roles]
    return list(dict.fromkeys(s for h in kits for s in h.sources)), any(h.estimate for h in kits)


def working_hours(kb: KnowledgeBase, roles: list[str], holders: list[Person], sessions: list[Session],
                  lang: Lang) -> list[str]:
    """When the job is worked: the plan's live sessions the holders are on air for (every session crewed by
    someone holding one of the posts when no holder is named), then each post's usual hours off air."""
    names = {p.name for p in holders}
    mine = [s for s in sessions if names & set(s.crew)] if names else sessions
    lines = _session_lines(mine, lang)
    kits = {h.id: h for h in kb.hiring}
    lines += [_tagged(kb, [r], roles, kits[r].hours.get(lang), lang) for r in roles if r in kits]
    return list(dict.fromkeys(lines))


def crewed_by(sessions: list[Session], people: list[Person], roles: list[str]) -> list[Session]:
    """The sessions someone holding any of `roles` is on air for."""
    names = {p.name for p in people if set(p.posts) & set(roles)}
    return [s for s in sessions if names & set(s.crew)]


def _session_lines(sessions: list[Session], lang: Lang) -> list[str]:
    """One line per window and week pattern: '直播 20:00–24:00，每周6天（1、2号直播间）'."""
    rooms: dict[tuple[str, str, int], list[int]] = {}
    for s in sessions:
        rooms.setdefault((s.start, s.end, s.days_per_week), []).append(s.room)
    several = len({s.room for s in sessions}) > 1
    out = []
    for (start, end, days), where in rooms.items():
        text = Text(zh=f"直播 {start}–{end}，每周{days}天", en=f"On air {start}–{end}, {days} days a week").get(lang)
        if several:
            text += Text(zh=f"（{'、'.join(map(str, where))}号直播间）", en=f" (room {', '.join(map(str, where))})").get(lang)
        out.append(text)
    return out


def _tagged(kb: KnowledgeBase, fits: list[str], roles: list[str], text: str, lang: Lang) -> str:
    """`text`, prefixed with the names of the posts it fits when it does not fit all of `roles`."""
    if len(roles) < 2 or set(roles) <= set(fits):
        return text
    sep = "、" if lang == "zh" else ", "
    return f"[{sep.join(kb.role[r].name.get(lang) for r in roles if r in fits)}] {text}"
