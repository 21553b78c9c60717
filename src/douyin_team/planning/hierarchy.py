"""Who reports to whom in a plan, and what each person is called.

The reporting lines follow the knowledge base's groups (a department's head first, then the team lead). On top:

- **Room crews** (mature, two or more live operators): each room's floor and central controls report to the
  operator of that room, so every 直播运营 leads one room's off-camera crew.
- **Span of control** (`span_of_control`, 6–10 people a lead): where more people of one post report to one
  person than a lead can take, they split into teams of at most that many plus a working lead (组长) who still
  works the post.
- **Manager posts** (roles with `leads`: 直播主管, 客服主管, 仓储主管): once two or more people lead others of
  the posts a manager post leads, that manager is added above them; it does not work the post.

Names: one holder is the post's name; several are lettered (主播A, 主播B …), or numbered 01, 02 … past 26;
teams name their lead and members by team (客服一组组长, 客服一组A …).
"""

from __future__ import annotations

import math
from operator import is_
from typing import NamedTuple

from ..knowledge import KnowledgeBase
from ..text import Lang, numeral
from .packing import Seat


class Manager(NamedTuple):
    """A manager post the plan adds: its role, the seats that report to it, and whom it reports to."""

    role: str
    reports: list[int]
    boss: int | None  # a seat, or None: the team lead


class Structure(NamedTuple):
    """The plan's reporting lines: each seat's boss (a seat, a manager as -1 - its index, or None: the lead)."""

    boss: list[int | None]
    teams: dict[int, tuple[str, int]]  # seat → (post, its team's number from 1 among that post's teams)
    leads: dict[int, int]  # a working lead's seat → how many people they lead
    managers: list[Manager]


class Seating(list[Seat]):
    """A plan's seats (its manager seats, with no posts, among them) with the reporting lines `structure` drew
    for the seats that work posts, in their order: pricing a variant reuses them instead of drawing them again."""

    lines: Structure | None = None
    # Whether someone works a session-long control and answers the chats that arrive on air past what may wait
    # (rule `live_chats_held`): the plan of these seats would say so, and its check would warn.
    chats_wait: bool = False
    # Whether someone is on camera longer than a session (`max_session_hours`): only a tight headcount budget
    # packs that, and the plan of these seats would say so (`reasons.long_day_decisions`).
    camera_long: bool = False


# `structure`'s last answers, with the seats they were drawn for (kept, so compared by identity): pricing draws
# a variant's lines and planning the variant it picks draws them again for the same seats. Never changed once drawn.
_DRAWN: list[tuple[KnowledgeBase, str, list[Seat], Structure]] = []


def structure(kb: KnowledgeBase, stage: str, seats: list[Seat]) -> Structure:
    """The reporting lines of packed seats at a stage (see the module's docstring)."""
    for known, known_stage, known_seats, drawn in _DRAWN:
        if known is kb and known_stage == stage and len(known_seats) == len(seats) and all(map(is_, known_seats, seats)):
            return drawn
    drawn = _structure(kb, stage, seats)
    _DRAWN[:] = [(kb, stage, list(seats), drawn), *_DRAWN[:3]]
    return drawn


def _structure(kb: KnowledgeBase, stage: str, seats: list[Seat]) -> Structure:
    lead = next((k for k, s in enumerate(seats) if "team_lead" in s.roles), None)
    boss = _base(kb, stage, seats, lead)
    pinned = _room_crews(kb, stage, seats, boss)
    span = int(kb.figures.span_of_control.value)
    teams, leads = _split(seats, boss, span, pinned)
    figure = kb.figures.span_of_control
    most = int(figure.high if figure.high is not None else figure.value)
    plan = Structure(boss, teams, leads, _managers(kb, seats, boss, leads, pinned, most))
    _narrow(seats, boss, plan, most)
    managers = _more_managers(boss, plan.managers, most)
    managers = _heads(boss, managers, most)
    return plan._replace(managers=[m._replace(reports=[k for k in range(len(seats)) if boss[k] == -1 - i])
                                   for i, m in enumerate(managers)])


def _departments(kb: KnowledgeBase, stage: str) -> bool:
    """Whether the stage has departments (knowledge only: worked out once per stage)."""
    found = kb.derived.get(("departments", stage))
    if found is None:
        found = kb.derived[("departments", stage)] = any(g.kind == "department" and stage in g.stages for g in kb.groups)
    return bool(found)


def _leading(kb: KnowledgeBase) -> list[tuple[str, frozenset[str]]]:
    """The manager posts and the posts each leads (roles with `leads`), in the knowledge base's order; once."""
    found = kb.derived.get("leading")
    if found is None:
        found = kb.derived["leading"] = [(role.id, frozenset(role.leads)) for role in kb.roles if role.leads]
    assert isinstance(found, list)
    return found


def _main(seat: Seat) -> str:
    return seat.roles[0]


def _base(kb: KnowledgeBase, stage: str, seats: list[Seat], lead: int | None) -> list[int | None]:
    """Everyone to their group's head (where the stage has departments), else to the lead. A head whose post
    more people hold in the group than one lead can take is their peer, not their boss."""
    span = kb.figures.span_of_control.value
    heads: dict[str, int] = {}
    if _departments(kb, stage):
        first: dict[str, int] = {}
        count: dict[str, int] = {}
        for k, seat in enumerate(seats):
            for role in seat.roles:
                first.setdefault(role, k)
            count[_main(seat)] = count.get(_main(seat), 0) + 1
        heads = {g.id: first[g.lead_role] for g in kb.groups
                 if g.lead_role in first and count.get(g.lead_role, 0) <= span + 1}
    out: list[int | None] = []
    for k, seat in enumerate(seats):
        group: str | None = kb.group_of(_main(seat), stage)
        found = None
        while group is not None and found is None and k != lead:
            candidate = heads.get(group)
            found = candidate if candidate not in (None, k) else None
            parent = kb.group[group].parent
            group = parent if parent and stage in kb.group[parent].stages else None
        out.append(None if k == lead else found if found is not None else lead)
    return out


def _room_crews(kb: KnowledgeBase, stage: str, seats: list[Seat], boss: list[int | None]) -> set[int]:
    """At a stage with departments and two or more live operators, each room's controls report to that room's
    operator (operators share the rooms in order). Returns the seats placed so."""
    if not _departments(kb, stage):
        return set()
    ops = [k for k, s in enumerate(seats) if _main(s) == "live_ops"]
    rooms = max((p.room for s in seats for p in s.posts), default=0)
    if len(ops) < 2 or rooms < 1:
        return set()
    by_room = {r: [ops[j] for j in range(len(ops)) if j * rooms // len(ops) == r - 1 or
                   (len(ops) < rooms and j == (r - 1) * len(ops) // rooms)] for r in range(1, rooms + 1)}
    turn = dict.fromkeys(by_room, 0)
    pinned = set()
    controls = set(kb.settings.control_roles)
    for k, seat in enumerate(seats):
        room = seat.posts[0].room
        if _main(seat) in controls and room in by_room and by_room[room]:
            boss[k] = by_room[room][turn[room] % len(by_room[room])]
            turn[room] += 1
            pinned.add(k)
    return pinned


def _split(seats: list[Seat], boss: list[int | None], span: int,
           pinned: set[int]) -> tuple[dict[int, tuple[str, int]], dict[int, int]]:
    """Where more than `span` people of one post report to one person, teams of at most `span` members plus
    a working lead, people of one room together; the leads report to that person."""
    peers: dict[tuple[int | None, str], list[int]] = {}
    for k, seat in enumerate(seats):
        peers.setdefault((boss[k], _main(seat)), []).append(k)
    teams: dict[int, tuple[str, int]] = {}
    leads: dict[int, int] = {}
    made: dict[str, int] = {}  # teams of each post so far
    for (_, post), ks in peers.items():
        if len(ks) <= span or post == "team_lead":
            continue
        ks = sorted(ks, key=lambda k: (seats[k].posts[0].room, k))
        count = math.ceil(len(ks) / (span + 1))
        for t in range(count):
            team = ks[len(ks) * t // count: len(ks) * (t + 1) // count]
            for k in team[1:]:
                boss[k] = team[0]
                pinned.add(k)
            leads[team[0]] = len(team) - 1
            made[post] = made.get(post, 0) + 1
            teams.update(dict.fromkeys(team, (post, made[post])))
    return teams, leads


def _managers(kb: KnowledgeBase, seats: list[Seat], boss: list[int | None], leads: dict[int, int],
              pinned: set[int], most: int) -> list[Manager]:
    """Manager posts above two or more people leading others of the posts each manager post leads. Those
    leads, and the people of those posts who reported to the same boss or to one of them (the group's head),
    now report to the manager (several managers of a post when more than `most` team leads would); people
    placed in a room crew or a team stay where they are."""
    out: list[Manager] = []
    mains = [_main(seat) for seat in seats]
    for role_id, mine in _leading(kb):
        leading = {boss[j] for j, main in enumerate(mains) if main in mine}  # who has someone of these posts under them
        heads = [k for k, main in enumerate(mains) if main in mine and (k in leads or k in leading)]
        if len(heads) < 2:
            continue
        among = set(heads)
        top = next((boss[k] for k in heads if boss[k] not in among), None)  # above the highest of them
        moving = [k for k, main in enumerate(mains) if k in among or (
            main in mine and k not in pinned and (boss[k] == top or boss[k] in among))]
        # Leads of teams cannot be grouped further: more of them than one manager takes need several managers;
        # the rest is left to `_narrow`, which gives sets of peers a working lead.
        count = max(1, math.ceil(sum(1 for k in moving if k in leads) / most))
        for part in range(count):
            index = -1 - len(out)
            for k in moving[len(moving) * part // count: len(moving) * (part + 1) // count]:
                boss[k] = index
            out.append(Manager(role_id, [], top))
    return out


def _narrow(seats: list[Seat], boss: list[int | None], plan: Structure, span: int) -> None:
    """Where someone has more than `span` direct reports (the top of the span's range), the largest set of
    them sharing a post (not yet in a team) gets a working lead from among them: the one with the
    fewest reports, if they can take the others. Until the span holds or no such set is left."""
    under: dict[int | None, list[int]] = {}  # each boss's direct reports, in plan order
    for k, b in enumerate(boss):
        under.setdefault(b, []).append(k)
    for who in list(under):
        while True:
            reports = under[who]
            if len(reports) <= span:
                break
            by_post: dict[str, list[int]] = {}
            for k in reports:
                if k not in plan.teams:
                    by_post.setdefault(_main(seats[k]), []).append(k)
            fits = [sorted(ks, key=lambda k: (len(under.get(k, ())), k)) for ks in by_post.values()
                    if len(ks) >= 2 and min(len(under.get(k, ())) for k in ks) + len(ks) - 1 <= span]
            if not fits:
                break
            ks = max(fits, key=len)
            had = len(under.get(ks[0], ()))
            for k in ks[1:]:
                boss[k] = ks[0]
            moved = set(ks[1:])
            under[who] = [k for k in reports if k not in moved]
            under[ks[0]] = sorted([*under.get(ks[0], []), *ks[1:]])
            post = _main(seats[ks[0]])
            plan.leads[ks[0]] = had + len(ks) - 1
            plan.teams.update(dict.fromkeys(ks, (post, 1 + sum(1 for k in plan.leads if plan.teams.get(k, ("",))[0] == post))))


def _more_managers(boss: list[int | None], managers: list[Manager], span: int) -> list[Manager]:
    """Each manager still over `span` direct reports shares them with more managers of the same post (主管A,
    主管B …), the reports kept in plan order."""
    out = list(managers)
    for i, manager in enumerate(managers):
        mine = [k for k in range(len(boss)) if boss[k] == -1 - i]
        count = math.ceil(len(mine) / span)
        for part in range(1, count):
            index = -1 - len(out)
            out.append(Manager(manager.role, [], manager.boss))
            for k in mine[len(mine) * part // count: len(mine) * (part + 1) // count]:
                boss[k] = index
    return out


def _heads(boss: list[int | None], managers: list[Manager], span: int) -> list[Manager]:
    """Where someone has more than `span` direct reports and several managers of one post among them (a big
    team's 直播主管A and 直播主管B beside the other departments' heads), the first of those managers heads the
    post's department and the others report to them, post by post until the span holds."""
    out = list(managers)
    for i, manager in enumerate(managers):
        top = manager.boss
        peers = [j for j, m in enumerate(out) if j > i and m.role == manager.role and m.boss == top]
        if not peers or any(m.role == manager.role and m.boss == top for m in out[:i]):
            continue  # no others of this post beside it, or it is not the first of them
        reports = sum(1 for b in boss if b == top) + sum(1 for m in out if m.boss == top)
        if reports <= span:
            continue
        for j in peers:
            out[j] = out[j]._replace(boss=-1 - i)
    return out


def names(kb: KnowledgeBase, seats: list[Seat], plan: Structure, lang: Lang) -> tuple[list[str], list[str]]:
    """The seats' names and the managers' names (see the module's docstring)."""
    titles = [kb.role[_main(s)].name.get(lang).split("/")[0] for s in seats]
    counts: dict[str, int] = {}  # teams of each title
    for k, (_, number) in plan.teams.items():
        counts[titles[k]] = max(counts.get(titles[k], 0), number)
    out = [""] * len(seats)
    plain: dict[str, list[int]] = {}
    members: dict[tuple[str, int], list[int]] = {}
    for k, title in enumerate(titles):
        if k not in plan.teams:
            plain.setdefault(title, []).append(k)
    for title in counts:  # teams are numbered when a post has several, or people outside them too
        counts[title] += int(title in plain)
    for k, title in enumerate(titles):
        found = plan.teams.get(k)
        if found is not None and k in plan.leads:
            out[k] = _lead_name(title, found[1], counts[title], lang)
        elif found is not None:
            members.setdefault((title, found[1]), []).append(k)
    for title, ks in plain.items():
        for n, k in enumerate(ks):
            out[k] = title if len(ks) == 1 and title not in counts else title + _mark(n, len(ks), lang)
    for (title, team), ks in members.items():
        several = counts[title] > 1
        prefix = (f"{title}{numeral(team)}组" if lang == "zh" else f"{title} {team}") if several else title
        for n, k in enumerate(ks):
            out[k] = prefix + _mark(n, len(ks), "zh" if several else lang)
    roles = [m.role for m in plan.managers]
    bosses = [kb.role[r].name.get(lang) + (_mark(roles[:i].count(r), roles.count(r), lang) if roles.count(r) > 1 else "")
              for i, r in enumerate(roles)]
    return out, bosses


def _lead_name(title: str, team: int, count: int, lang: Lang) -> str:
    if lang == "zh":
        return f"{title}组长" if count == 1 else f"{title}{numeral(team)}组组长"
    return f"{title} lead" if count == 1 else f"{title} team {team} lead"


def _mark(n: int, count: int, lang: Lang) -> str:
    """The n-th (from 0) of `count` people's mark: A, B … up to 26, else 01, 02 … (zero-padded)."""
    if count <= 26:
        return ("" if lang == "zh" else " ") + chr(ord("A") + n)
    return ("" if lang == "zh" else " ") + str(n + 1).zfill(len(str(count)))
