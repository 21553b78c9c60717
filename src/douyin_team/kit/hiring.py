"""The hiring parts of a job description: requirements that fit the posts, working hours from the plan's
sessions, interview questions and a first-30-days plan, all from the knowledge base (`kit.yaml`'s
`requirements`, `hiring.yaml`), merged for a person who holds several posts.

Questions and milestones depend on the stage (a post's `stages` entry: its questions first, its milestones in
the place of the every-stage one of the same day) and on the posts held together (`together`: added when the
person also holds one of its posts). A merged description names the posts a line belongs to (`[主播] …`,
`[主播、仓储配送] …`) unless the line fits every post it describes; the same line appears once.
"""

from __future__ import annotations

import msgspec

from ..knowledge import Hiring, KnowledgeBase, Milestone, Requirement, TogetherHiring
from ..team import Person, Session
from ..text import Lang, Text

# An interview for several posts at once asks each post's most telling questions (the stage's first), not all.
PER_POST_WHEN_SEVERAL = 2


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


def interview_questions(kb: KnowledgeBase, roles: list[str], lang: Lang, stage: str | None = None) -> list[str]:
    """Each post's interview questions at `stage` (its stage's first; the first PER_POST_WHEN_SEVERAL of them
    for a person with several posts), in post order, then those about the posts held together (tagged with
    the posts they are about when several)."""
    kits = {h.id: h for h in kb.hiring}
    keep = None if len(roles) < 2 else PER_POST_WHEN_SEVERAL
    out = [_tagged(kb, [r], roles, q.get(lang), lang) for r in roles if r in kits
           for q in [*_at(kits[r], stage)[0], *kits[r].interview][:keep]]
    out += [_tagged(kb, posts, roles, q.get(lang), lang) for posts, t in _together(kits, roles, stage)
            for q in t.interview]
    return list(dict.fromkeys(out))


def onboarding_plan(kb: KnowledgeBase, roles: list[str], lang: Lang, stage: str | None = None) -> list[OnboardingStep]:
    """The posts' onboarding milestones at `stage` by day (a stage's milestone in the place of the
    every-stage one of its day), with those of the posts held together; interleaved by day when several."""
    kits = {h.id: h for h in kb.hiring}
    sep = "、" if lang == "zh" else ", "

    def label(posts: list[str]) -> str | None:
        return sep.join(kb.role[r].name.get(lang) for r in posts) if len(roles) > 1 else None

    steps = []
    for r in roles:
        if r in kits:
            by_day = {m.days: m for m in [*kits[r].onboarding, *_at(kits[r], stage)[1]]}
            steps += [OnboardingStep(d, by_day[d].task.get(lang), label([r])) for d in sorted(by_day)]
    steps += [OnboardingStep(m.days, m.task.get(lang), label(posts)) for posts, t in _together(kits, roles, stage)
              for m in t.onboarding]
    return sorted(steps, key=lambda s: s.days)  # stable: within a day, post order


def hiring_sources(kb: KnowledgeBase, roles: list[str], stage: str | None = None) -> tuple[list[str], bool]:
    """The sources of the posts' hiring kits (at `stage`, held together), and whether any is our own estimate."""
    kits = {h.id: h for h in kb.hiring}
    parts: list[tuple[list[str], bool]] = []
    for r in roles:
        if r in kits:
            extra = kits[r].stages.get(stage or "")
            parts += [(kits[r].sources, kits[r].estimate), *([(extra.sources, extra.estimate)] if extra else [])]
    parts += [(t.sources, t.estimate) for _, t in _together(kits, roles, stage)]
    return list(dict.fromkeys(s for sources, _ in parts for s in sources)), any(e for _, e in parts)


def _at(kit: Hiring, stage: str | None) -> tuple[list[Text], list[Milestone]]:
    """A kit's questions and milestones for `stage` alone (none when it says nothing for it)."""
    extra = kit.stages.get(stage or "")
    return (extra.interview, extra.onboarding) if extra else ([], [])


def _together(kits: dict[str, Hiring], roles: list[str], stage: str | None) -> list[tuple[list[str], TogetherHiring]]:
    """The `together` entries that apply to a person holding `roles` at `stage`, each with the posts it is
    about (its own post and those of `roles` it names, in `roles` order)."""
    out = []
    for r in roles:
        for t in kits[r].together if r in kits else []:
            others = set(t.roles) & set(roles)
            if others and (not t.stages or stage in t.stages):
                out.append(([x for x in roles if x == r or x in others], t))
    return out


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
