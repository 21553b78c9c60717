"""Frames for a company's own departments (客服部, 直播部/一组 …): when the team's people have departments,
the chart frames them as the company names them, coloured by the knowledge-base group each maps to."""

from __future__ import annotations

from ..knowledge import KnowledgeBase
from ..team import Team, department_groups
from .model import Card, Frame

FRAME_PAD = 10.0
FRAME_LABEL = 20.0  # as build.py's frames


def department_frames(team: Team, kb: KnowledgeBase, stage: str, cards: list[Card], colors: dict[str, str],
                      empty: list[Frame]) -> list[Frame] | None:
    """A frame around each department's cards (sub-departments first, then their parents around them), kept
    only where it covers no other card and crosses no other frame; None when nobody has a department."""
    groups = department_groups(team, kb, stage)
    if groups is None:
        return None
    by_person = {c.name: c for c in cards}
    people = {g.id: {p.person for p in g.positions} for g in groups}
    for group in sorted(groups, key=lambda g: -g.name.count("/")):  # each department's people include its subs'
        if group.parent in people:
            people[group.parent] |= people[group.id]
    mapped = {g.maps_to for g in groups}
    frames: list[Frame] = [f for f in empty if f.group not in mapped]  # a department already stands for it
    for group in sorted(groups, key=lambda g: -g.name.count("/")):
        mine = [by_person[p] for p in people[group.id] if p in by_person]
        if not mine or group.maps_to is None:
            continue
        x0 = min(c.x for c in mine) - FRAME_PAD
        y0 = min(c.y for c in mine) - FRAME_PAD - FRAME_LABEL
        x1, y1 = max(c.x + c.w for c in mine) + FRAME_PAD, max(c.y + c.h for c in mine) + FRAME_PAD
        inner = [f for f in frames if x0 <= f.x and f.x + f.w <= x1 and y0 <= f.y and f.y + f.h <= y1]
        x0, y0 = min([x0, *(f.x - FRAME_PAD for f in inner)]), min([y0, *(f.y - FRAME_PAD - FRAME_LABEL for f in inner)])
        if any(c.x < x1 and x0 < c.x + c.w and c.y < y1 and y0 < c.y + c.h and c.name not in people[group.id]
               for c in cards):
            continue
        if any(f.x < x1 and x0 < f.x + f.w and f.y < y1 and y0 < f.y + f.h and f not in inner for f in frames):
            continue
        frames.append(Frame(group=group.maps_to, name=group.name.rsplit("/", 1)[-1], x=round(x0, 2), y=round(y0, 2),
                            w=round(x1 - x0, 2), h=round(y1 - y0, 2), color=colors.get(group.maps_to, "#999999")))
    return frames
