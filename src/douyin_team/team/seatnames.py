"""The names the planner gave a plan's seats, said in the reader's language: a Chinese plan read in English shows
主播A as Host A, 主播一组组长 as Host team 1 lead and 拍摄剪辑（待招聘） as Video editor (to hire), and an English plan
read in Chinese the other way round. Names people typed are left as written.

A seat's name is the planner's when it is its first post's name (planning/hierarchy.py: up to a '/', or a
manager post's whole name) followed by the planner's marks: a team (一组 / team 1), 组长 / lead, a letter or a
zero-padded number, a staffing result's count and its 待招聘 / to hire.
"""

from __future__ import annotations

import re

import msgspec

from ..knowledge import KnowledgeBase
from ..text import NUMERALS, Lang, numeral
from .model import Team

ZH_TAIL = re.compile(r"(?:(?P<team>[一二三四五六七八九十]+)组)?(?P<lead>组长)?(?P<mark>[A-Z]|\d{2,})?(?P<k>\d*)"
                     r"(?P<hire>（待招聘）)?")
EN_TAIL = re.compile(r"(?: team (?P<team>\d+)(?P<lead> lead)| (?P<tm>\d+)(?P<letter>[A-Z])|(?P<alone> lead)"
                     r"| (?P<mark>[A-Z]|\d{2,}))?(?P<k>\d*)(?P<hire> \(to hire\))?")


def seat_names(team: Team, kb: KnowledgeBase, lang: Lang) -> dict[str, str]:
    """Each person whose name the planner gave in the other language → that name in `lang` (only those that
    change, and never onto a name someone else in the team has)."""
    taken = {p.name for p in team.people}  # and, as they are given, the new names
    out: dict[str, str] = {}
    for person in team.people:
        if not person.posts:
            continue
        shown = _translated(person.name, person.posts, kb, lang)
        if shown and shown != person.name and shown not in taken:
            out[person.name] = shown
            taken.add(shown)
    return out


def in_language(team: Team, kb: KnowledgeBase, lang: Lang) -> Team:
    """The team with the planner's seat names in `lang`, wherever a name stands: the people, their reporting
    lines, the sessions' crews and the plan's labour cost."""
    names = seat_names(team, kb, lang)
    if not names:
        return team
    people = [msgspec.structs.replace(p, name=names.get(p.name, p.name),
                                      reports_to=names.get(p.reports_to, p.reports_to) if p.reports_to else None)
              for p in team.people]
    sessions = None if team.sessions is None else [
        msgspec.structs.replace(s, crew=[names.get(n, n) for n in s.crew]) for s in team.sessions]
    labour = None if team.labour is None else msgspec.structs.replace(team.labour, people=[
        msgspec.structs.replace(c, name=names.get(c.name, c.name)) for c in team.labour.people])
    return msgspec.structs.replace(team, people=people, sessions=sessions, labour=labour)


def _titles(posts: list[str], kb: KnowledgeBase, lang: Lang) -> list[tuple[str, str]]:
    """The titles a planner's name may start with (in `lang`) and the same title in the other language, longest
    first: each post's name up to a '/' (选品 of 选品/商品) and the whole name."""
    other: Lang = "en" if lang == "zh" else "zh"
    pairs = {}
    for r in posts:
        if r in kb.role:
            name = kb.role[r].name
            pairs[name.get(lang)] = name.get(other)  # a manager post's whole name
            pairs[name.get(lang).split("/")[0]] = name.get(other).split("/")[0]  # the planner's, when both are one
    return sorted(pairs.items(), key=lambda pair: -len(pair[0]))


def _translated(name: str, posts: list[str], kb: KnowledgeBase, lang: Lang) -> str | None:
    """The name in `lang` when it is a planner's name in the other language, else None."""
    source: Lang = "en" if lang == "zh" else "zh"
    for title, target in _titles(posts, kb, source):
        if not name.startswith(title):
            continue
        tail = (ZH_TAIL if source == "zh" else EN_TAIL).fullmatch(name[len(title):])
        if tail is None:
            continue
        marks = tail.groupdict()
        if source == "zh":
            team = _number(marks["team"]) if marks["team"] else None
            lead, mark = bool(marks["lead"]), marks["mark"] or ""
        else:
            team = int(marks["team"] or marks["tm"]) if (marks["team"] or marks["tm"]) else None
            lead, mark = bool(marks["lead"] or marks["alone"]), marks["mark"] or marks["letter"] or ""
        return target + _tail(team, lead, mark, marks["k"], bool(marks["hire"]), lang)
    return None


def _tail(team: int | None, lead: bool, mark: str, k: str, hire: bool, lang: Lang) -> str:
    if lang == "zh":
        return ((f"{numeral(team)}组" if team else "") + ("组长" if lead else mark) + k
                + ("（待招聘）" if hire else ""))
    if lead:
        text = f" team {team} lead" if team else " lead"
    else:
        text = f" {team}{mark}" if team else f" {mark}" if mark else ""
    return text + k + (" (to hire)" if hire else "")


def _number(numeral: str) -> int:
    """一 … 九十九 as a number (the planner's team numerals)."""
    if "十" not in numeral:
        return NUMERALS.index(numeral) + 1
    tens, _, ones = numeral.partition("十")
    return (NUMERALS.index(tens) + 1 if tens else 1) * 10 + (NUMERALS.index(ones) + 1 if ones else 0)
