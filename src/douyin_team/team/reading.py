"""A team's posts read from the titles its people wrote: each title read once (`titles.read_title`), the
generic 运营 decided by the whole team, and notes (`TitleNote`) saying what was read, for the checker."""

from __future__ import annotations

import re

import msgspec

from ..errors import InvalidValue
from ..knowledge import KnowledgeBase
from ..text import Text
from .model import Person, TitleNote
from .titles import OpsReading, TitleReading, read_ops, read_title, split_outside_brackets

LIST_SEPARATORS = re.compile(r"[、，,+＋;；|]")  # a list of posts; 兼, /, brackets are the title grammar's
SENIORITY = {"intern": ("实习", "intern"), "assistant": ("助理级", "assistant"), "staff": ("专员级", "staff"),
             "senior": ("资深", "senior"), "lead": ("主管/组长级", "lead"), "manager": ("经理级", "manager"),
             "head": ("总监/负责人级", "head")}
EMPLOYMENT = {"part_time": ("兼职", "part-time"), "outsourced": ("外包", "outsourced"), "intern": ("实习", "intern")}
Posts = tuple[list[TitleReading], list[TitleReading]]
Resolved = tuple[list[str], list[str], list[str], str | None]  # roles, can_cover, unknown titles, employment


def split_titles(roles: list[str] | str) -> list[str]:
    """Split post labels written as one string ('运营、中控+投手') or a list into titles, dropping blanks (a
    separator inside brackets stays with its title: '运营（中控、投流）' is one)."""
    items = [roles] if isinstance(roles, str) else roles
    return [part.strip() for item in items for part in split_outside_brackets(item, LIST_SEPARATORS) if part.strip()]


def taught_posts(titles: dict[str, list[str]], kb: KnowledgeBase) -> dict[str, list[str]]:
    """Taught titles (title → posts as role ids, names or aliases) as title → role ids; a post that is not
    known is an error naming the title (UnknownRole), a title with no post too."""
    out: dict[str, list[str]] = {}
    for title, posts in titles.items():
        field = f"titles.{title.strip()}"
        if not title.strip() or not posts:
            raise InvalidValue(f"the title '{title.strip()}' is taught no post", field=field,
                               hint="give the posts this title stands for, e.g. 中控")
        out[title.strip()] = list(dict.fromkeys(kb.resolve_role(p, field) for p in posts))
    return out


def read_people(people: list[Person], kb: KnowledgeBase, focus: str | None = None
                ) -> tuple[list[Resolved], list[TitleNote]]:
    """Each person's posts (role ids), cover posts, unknown titles and employment, and the team's notes.
    A person whose titles are all unknown keeps no post; only a person with no title at all is an error."""
    seen: dict[tuple[tuple[str, ...], ...], Posts] = {}
    readings: list[Posts] = []
    keys = [(tuple(p.posts), tuple(p.covers), tuple(p.unknown_titles)) for p in people]
    for i, (person, key) in enumerate(zip(people, keys, strict=True)):
        if key not in seen:
            labels = split_titles(person.roles) + [t for t in person.unknown_titles if t.strip()]
            if not labels:
                raise InvalidValue(f"{person.name} holds no post", field=f"people[{i}].roles",
                                   hint="list at least one post", person=person.name)
            seen[key] = ([read_title(t, kb) for t in labels], [read_title(t, kb) for t in split_titles(person.covers)])
        readings.append(seen[key])
    # The team 运营 works in is the e-commerce team: those in company jobs outside it (财务, 行政, 司机 in a
    # directory export) are not counted in its size, as Team.headcount does not count them.
    outside = {key for key, (holds, _) in seen.items() if _outside(holds)}
    size = sum(1 for p, key in zip(people, keys, strict=True) if p.vacancy or key not in outside)
    ops = _team_ops(list(seen.values()), kb, size, focus)
    resolved = {key: _resolve(value, kb, ops.roles if ops else []) for key, value in seen.items()}
    people_out = [resolved[key] for key in keys]
    if all(t.plain for holds, covers in seen.values() for t in holds + covers):
        return people_out, []  # nothing to tell: skip the pass over everyone
    return people_out, _notes(people, readings, kb, ops)


def _outside(holds: list[TitleReading]) -> bool:
    """Whether titles held are only jobs outside the e-commerce team (财务): at least one, and none with a post."""
    return any(t.outside for t in holds) and not any(t.ops or t.posts([]) for t in holds)


def _team_ops(readings: list[Posts], kb: KnowledgeBase, size: int, focus: str | None) -> OpsReading | None:
    titles = [t for posts, covers in readings for t in posts + covers]
    if not any(t.ops for t in titles):
        return None
    held = {r for posts, _ in readings for t in posts for r in t.posts([])}
    return read_ops(kb, size, held, focus)


def _resolve(posts: Posts, kb: KnowledgeBase, ops: list[str]) -> Resolved:
    holds, covers = posts
    roles = list(dict.fromkeys(r for t in holds for r in t.posts(ops)))
    cover = {r for t in covers for r in t.posts(ops)}
    # A title read in part keeps only the parts nobody understood ('0' of '0/运营'): the parts read are in `roles`
    # now, so a file written back reads the same (the whole title would re-read its 运营 among known posts).
    # A job outside the team (财务) is kept as written too: the person holds no post, and reads the same again.
    unknown = list(dict.fromkeys(part for t in holds if t.unknown or t.outside
                                 for part in (t.unknown if t.posts(ops) else [t.text])))
    employment = next((t.employment for t in holds if t.employment), None)
    return roles, [r for r in kb.role if r in cover and r not in roles], unknown, employment


def _notes(people: list[Person], readings: list[Posts], kb: KnowledgeBase,
           ops: OpsReading | None) -> list[TitleNote]:
    """One note per distinct title worth telling about, naming everyone who wrote it."""
    notes: dict[tuple[str, str], TitleNote] = {}
    named: dict[tuple[str, str], dict[str, None]] = {}  # who wrote each, in order (a set: 100,000 people)
    held: set[tuple[str, str]] = set()  # titles someone holds (the rest were written only as cover)
    for person, (holds, covers) in zip(people, readings, strict=True):
        for n, title in enumerate(holds + covers):
            kind = ("unknown" if title.unknown else "outside" if title.outside else "ops" if title.ops
                    else None if title.plain else "read")
            if kind is None:
                continue
            if (kind, title.text) not in notes:
                notes[(kind, title.text)] = _note(title, kind, kb, ops)
            named.setdefault((kind, title.text), {})[person.name.strip()] = None
            if n < len(holds):
                held.add((kind, title.text))
    return [msgspec.structs.replace(note, people=list(named[key]), cover=key not in held)
            for key, note in notes.items()]


def _note(title: TitleReading, kind: str, kb: KnowledgeBase, ops: OpsReading | None) -> TitleNote:
    roles = [r for r in title.posts(ops.roles if ops else []) if r in kb.role]
    if kind == "unknown":
        nearest = [r for part in title.unknown for r in kb.nearest_roles(part, 3)]
        return TitleNote(title=title.text, kind="unknown", people=[], roles=roles,
                         nearest=list(dict.fromkeys(nearest))[:3])
    if kind == "outside":
        return TitleNote(title=title.text, kind="outside", people=[], roles=[], why=Text(
            zh=f"“{title.text}”是公司里抖音电商团队以外的职位，不算团队的岗位：规则不评判这份工作，也不估算月成本",
            en=f"'{title.text}' is a job of the company outside the Douyin e-commerce team, not one of its posts: "
               "no rule judges that work and no monthly cost is estimated for it"))
    if kind == "ops" and ops is not None:
        return TitleNote(title=title.text, kind="ops", people=[], roles=roles, why=_describe(title, roles, kb, ops.why))
    return TitleNote(title=title.text, kind="read", people=[], roles=roles, why=_describe(title, roles, kb, None))


def _describe(title: TitleReading, roles: list[str], kb: KnowledgeBase, because: Text | None) -> Text:
    """'运营助理' 读作 直播运营、抖店运营（助理级），因为… / 'X' read as … (assistant) because …"""
    zh_marks = [SENIORITY[title.seniority][0]] if title.seniority else []
    en_marks = [SENIORITY[title.seniority][1]] if title.seniority else []
    if title.employment:
        zh_marks.append(EMPLOYMENT[title.employment][0])
        en_marks.append(EMPLOYMENT[title.employment][1])
    if title.channels:
        zh_marks.append("渠道：" + "、".join(title.channels))
        en_marks.append("channel: " + ", ".join(title.channels))
    if title.taught:
        zh_marks.append("按已教过的职位名称")
        en_marks.append("as taught")
    if title.ignored:
        zh_marks.append("未读：" + "、".join(title.ignored))
        en_marks.append("not read: " + ", ".join(title.ignored))
    zh = f"“{title.text}”读作{'、'.join(kb.role[r].name.zh for r in roles)}"
    en = f"'{title.text}' read as {' + '.join(kb.role[r].name.en for r in roles)}"
    if zh_marks:
        zh += "（" + "，".join(zh_marks) + "）"
        en += " (" + "; ".join(en_marks) + ")"
    if because is not None:
        zh += "，因为" + because.zh
        en += " because " + because.en
    return Text(zh=zh, en=en)
