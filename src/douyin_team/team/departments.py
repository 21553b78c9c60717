"""Departments as the company names them (客服部, 直播部/一组, 总部/直播部/一组): paths, several per person
(兼任), and the knowledge base's group each maps to for the rules (named in departments.yaml, else the group
most of its posts are in)."""

from __future__ import annotations

import re
from collections import Counter

from ..knowledge import KnowledgeBase, normalize
from .model import GroupOut, Person, Position, Team

PATH = re.compile(r"\s*[/／>＞\\]\s*")
SEVERAL = re.compile(r"\s*[;；、,，|]\s*")
NUMBERED = re.compile(r"[0-9０-９一二三四五六七八九十]+(?=[组部队班])")  # 直播一组 → 直播组


def departments_of(person: Person) -> list[str]:
    """The person's departments as written, first the main one (a cell may list several: 直播部；客服部)."""
    return [d for d in SEVERAL.split(person.department or "") if d.strip()]


def department_path(department: str) -> list[str]:
    """A department's path from the top: '总部/直播部/一组' → ['总部', '直播部', '一组']."""
    return [part for part in PATH.split(department.strip()) if part]


def department_group(department: str, kb: KnowledgeBase, posts: list[str], stage: str) -> str:
    """The knowledge base's group for a department: its own name or a parent's in departments.yaml (the
    innermost that is known), else the group most of its posts are in, else the lead."""
    table = {normalize(d.id): d.group for d in kb.departments}
    for part in reversed(department_path(department)):
        key = normalize(part)
        found = table.get(key) or table.get(NUMBERED.sub("", key))
        if found and found in kb.group:
            return found
    counts = Counter(kb.group_of(r, stage) for r in posts if r in kb.role)
    return counts.most_common(1)[0][0] if counts else next(g.id for g in kb.groups if g.kind == "lead")


def department_groups(team: Team, kb: KnowledgeBase, stage: str) -> list[GroupOut] | None:
    """The team's positions grouped by the departments its people are in (each person under their main
    department), in the order the departments first appear; None when nobody has a department."""
    members: dict[str, list[Person]] = {}
    for person in team.people:
        depts = departments_of(person)
        members.setdefault(depts[0] if depts else "", []).append(person)
    if list(members) in ([], [""]):
        return None
    ids = {name: f"dept-{i + 1}" for i, name in enumerate(members)}
    groups = []
    for name, people in members.items():
        posts = [r for p in people for r in p.posts]
        path = department_path(name)
        parent = "/".join(path[:-1])
        groups.append(GroupOut(
            id=ids[name], name=name or "—", parent=ids.get(parent) if parent else None,
            positions=[Position(role=r, person=p.name) for p in people for r in p.posts],
            maps_to=department_group(name, kb, posts, stage) if name else None))
    return groups
