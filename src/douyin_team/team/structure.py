"""How a team's posts fall into groups and departments at a stage."""

from __future__ import annotations

from ..knowledge import KnowledgeBase
from ..text import Lang
from .model import GroupOut, Position, Team


def team_groups(team: Team, kb: KnowledgeBase, stage: str, lang: Lang = "zh") -> list[GroupOut]:
    """The team's positions grouped by the company's own departments when its people have them (each mapped
    to a knowledge-base group), else by the group each post belongs to at `stage`, in knowledge-base order."""
    from .departments import department_groups

    own = department_groups(team, kb, stage)
    if own is not None:
        return own
    positions: dict[str, list[Position]] = {}
    for person in team.people:
        for role in person.posts:
            positions.setdefault(kb.group_of(role, stage), []).append(Position(role=role, person=person.name))
    groups = []
    for group in kb.groups:
        if group.id in positions:
            parent = group.parent if group.parent and stage in kb.group[group.parent].stages else None
            groups.append(GroupOut(id=group.id, name=group.name.get(lang), positions=positions[group.id], parent=parent))
    return groups

