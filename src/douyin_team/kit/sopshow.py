"""The show itself on the clock: the on-air segments of one session's run sheet.

Between going on air and going off air a session gets: the opening (warm-up and the welfare item held back
until viewers build up), product rounds (过款) at the knowledge base's pace, a lucky bag and flash deal on
every hour, the host's breaks (the assistant host takes over) and hand-overs where the session is longer
than a host's day on air, and the closing — a preview of the next session, or a hand-over to the crew
that follows in the same room. Every figure comes from `kb.show` (cited, or marked as our estimate).
"""

from __future__ import annotations

import msgspec

from ..knowledge import KnowledgeBase, Segment
from ..team import Person
from ..text import Lang


class Stint(msgspec.Struct, frozen=True):
    """Who hosts a stretch of the session (several names: they take the days in turn), minutes from its start."""

    hosts: list[str]
    start: int
    end: int


class ShowLine(msgspec.Struct, frozen=True):
    """One on-air segment: minutes from the session's start, its segment, text, owners and product rounds."""

    offset: int
    until: int | None
    segment: Segment
    task: str
    owners: list[str]
    posts: list[str]
    rounds: int = 0


class Show(msgspec.Struct, frozen=True):
    """What the segments need to know about the session."""

    start: int  # minute of the day it goes on air
    length: int
    stints: list[Stint]
    crew: list[Person]
    next_label: str
    hands_over: bool


def show_lines(kb: KnowledgeBase, show: Show, lang: Lang) -> list[ShowLine]:
    """The session's on-air segments in time order."""
    if kb.show is None or show.length <= 0:
        return []
    f = kb.show
    seg: dict[str, Segment] = {s.id: s for s in kb.segments}
    length = show.length
    opening = min(round(f.opening_minutes.value), length // 4)
    closing = min(round(f.closing_minutes.value), length // 4)
    lines: list[ShowLine] = []
    if "opening" in seg:
        lines.append(_line(seg["opening"], 0, opening, show, lang))
    bags = _on_the_hour(show.start, opening, length - closing, round(f.lucky_bag_every_minutes.value))
    if "lucky_bag" in seg:
        lines += [_line(seg["lucky_bag"], t, None, show, lang) for t in bags]
    cuts = [s.start for s in show.stints[1:]]
    lines += _handovers(seg, show, lang)
    lines += _breaks(kb, seg, show, opening, length - closing, bags, lang)
    if "rounds" in seg:
        lines += _rounds(seg["rounds"], show, opening, length - closing, sorted({*bags, *cuts}),
                         round(f.product_round_minutes.value), lang)
    close = seg.get("handover_out" if show.hands_over else "closing")
    if close is not None:
        lines.append(_line(close, length - closing, length, show, lang, next=show.next_label))
    return sorted(lines, key=lambda x: (x.offset, x.until if x.until is not None else x.offset))


def _on_the_hour(start: int, first: int, last: int, every: int) -> list[int]:
    """Minutes from the start that fall on the clock's hour (every `every` minutes of the day) in [first, last)."""
    every = max(every, 1)
    t = first + (-(start + first)) % every
    return list(range(t, last, every))


def _hosts_at(show: Show, t: int) -> list[str]:
    for stint in show.stints:
        if stint.start <= t < stint.end:
            return stint.hosts
    return show.stints[-1].hosts if show.stints else []


def _line(seg: Segment, offset: int, until: int | None, show: Show, lang: Lang, extra: list[str] | None = None,
          rounds: int = 0, **fill: object) -> ShowLine:
    """A segment's line: owned by whoever hosts at `offset` (for a host post) and the crew's holders of its
    other posts; the task text filled in with `fill`."""
    hosts = _hosts_at(show, offset)
    owners: list[str] = list(extra or [])
    posts: list[str] = []
    for role in seg.roles:
        if role == "anchor":
            found = hosts
        elif role == "assistant_anchor":  # the assistant host named as relief or as the incoming host
            found = [p.name for p in show.crew if role in p.posts and p.name in (extra or [])]
        else:
            found = [p.name for p in show.crew if role in p.posts]
        if found:
            posts.append(role)
            owners += [n for n in found if n not in owners]
    if not owners:
        owners = [p.name for p in show.crew] or hosts
    fill.setdefault("host", "、".join(hosts) if lang == "zh" else ", ".join(hosts))
    task = seg.task.get(lang).format_map(_Fill(fill))
    return ShowLine(offset, until, seg, task, owners, posts or list(seg.roles[:1]), rounds)


class _Fill(dict):  # type: ignore[type-arg]
    """Leaves an unknown `{name}` in a playbook's text as it is instead of failing."""

    def __missing__(self, key: str) -> str:
        return "{" + key + "}"


def _handovers(seg: dict[str, Segment], show: Show, lang: Lang) -> list[ShowLine]:
    """A host change at each stint boundary, owned by the outgoing and the incoming host."""
    if "host_handover" not in seg:
        return []
    sep = "、" if lang == "zh" else ", "
    out = []
    for before, after in zip(show.stints, show.stints[1:], strict=False):
        out.append(_line(seg["host_handover"], after.start, None, show, lang, extra=[*before.hosts, *after.hosts],
                         host=sep.join(before.hosts), next=sep.join(after.hosts)))
    return out


def _breaks(kb: KnowledgeBase, seg: dict[str, Segment], show: Show, first: int, last: int, bags: list[int],
            lang: Lang) -> list[ShowLine]:
    """The host's breaks: every `host_break_every_minutes` of a stint, off the lucky-bag minutes; the
    assistant host takes over, or with none in the crew a short break with a product video. A stint longer
    than a host's day on air, with nobody to take over, gets a line saying so."""
    assert kb.show is not None
    every, minutes = round(kb.show.host_break_every_minutes.value), round(kb.show.host_break_minutes.value)
    limit = round(kb.figures.host_hours_per_day.value * 60)
    out = []
    for stint in show.stints:
        relief = [p.name for p in show.crew if "assistant_anchor" in p.posts and p.name not in stint.hosts]
        t = stint.start + every
        while t + minutes <= min(stint.end, last) and every > 0:
            if any(b - minutes < t < b + minutes for b in bags):  # never over the lucky bag
                t = min(b for b in bags if b > t - minutes) + minutes
                continue
            if t >= first:
                key = "host_break" if relief else "host_break_alone"
                if key in seg:
                    out.append(_line(seg[key], t, t + minutes, show, lang, extra=relief[:1], minutes=minutes,
                                     relief=relief[0] if relief else ""))
            t += every
        if stint.end - stint.start > limit and "host_too_long" in seg:
            out.append(_line(seg["host_too_long"], stint.start + limit, None, show, lang,
                             hours=f"{(stint.end - stint.start) / 60:g}", limit=f"{limit / 60:g}"))
    return out


def _rounds(seg: Segment, show: Show, first: int, last: int, cuts: list[int], pace: int, lang: Lang) -> list[ShowLine]:
    """Product rounds between the opening and the closing: `(last - first) // pace` of them (at least one), in
    blocks between the lucky bags and host changes, shared out by the blocks' lengths."""
    edges = [first, *(c for c in cuts if first < c < last), last]
    blocks = [(a, b) for a, b in zip(edges, edges[1:], strict=False) if b > a]
    total = max(1, (last - first) // max(pace, 1))
    span = sum(b - a for a, b in blocks) or 1
    shares = [total * (b - a) / span for a, b in blocks]
    counts = [int(s) for s in shares]
    for k in sorted(range(len(blocks)), key=lambda k: counts[k] - shares[k])[: total - sum(counts)]:
        counts[k] += 1  # largest remainders first
    out, done = [], 0
    for (a, b), n in zip(blocks, counts, strict=True):
        if n:
            out.append(_line(seg, a, b, show, lang, rounds=n, first=done + 1, last=done + n, n=n,
                             minutes=f"{(b - a) / n:.0f}"))
            done += n
    return out
