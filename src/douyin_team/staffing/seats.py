"""The staffing result put back onto the plan's seats: each seat a roster person fills stays that seat.

The optimiser answers with a new team: roster people holding posts, and the posts left open. A plan's seats
know more than their posts — a department, the hours and the budget of the seat, who can cover it (可替岗),
whom it reports to — and a team saved revision by revision knows each seat by an id. `onto_seats` keeps all of
it: the person who fills a seat takes it over (their name; their own hours and monthly cost where the roster
said them, else the seat's), a seat nobody fills stays open with everything it had, the reporting lines of
the seats point at whoever now holds the manager's seat, and only the people or open posts no seat matches
become new rows. `seat_of` says which seat each row is, so a caller that stores the team keeps the seats' ids.

The seats may be the very plan the optimiser staffed (`douyin-team staff`) or a team whose people are that
plan's seats as someone edited them (the web app's latest revision): a plan seat is the seat of the same name
that shares a post with it, else the seat sharing most of its posts (its first post first).
"""

from __future__ import annotations

from typing import NamedTuple

import msgspec

from ..team import Candidate, Person, Team
from .posts import Placement


class Seated(NamedTuple):
    """The staffed team on the seats, and for each of its people the index of the seat they are (None: new)."""

    team: Team
    seat_of: list[int | None]


def onto_seats(seats: Team, staffed: Team, placements: list[Placement], roster: list[Candidate]) -> Seated:
    """The staffed team with each row that fills (or leaves open) a seat of `seats` in that seat's place.

    A row takes the seat where it holds the seat's first post, else the one where it holds most posts (a person
    on posts of several seats takes the seat that matches best; each seat goes to one row). Rows keep their
    names, posts and reasons; the other fields come from the seat (see `seated_person`)."""
    plan = _plan_seats(placements)
    bridge = _bridge(seats.people, plan)
    row_of = {p.name: i for i, p in enumerate(staffed.people)}
    taken: dict[int, int] = {}  # row index → seat index
    for _, _, _, row, seat in sorted(_pairs(placements, plan, bridge, row_of)):
        if row not in taken and seat not in taken.values():
            taken[row] = seat
    people = {c.name: c for c in roster}
    order = sorted(range(len(staffed.people)), key=lambda i: (i not in taken, taken.get(i, 0), i))
    rows = [seated_person(staffed.people[i], seats.people[taken[i]], people.get(staffed.people[i].name))
            if i in taken else staffed.people[i] for i in order]
    seat_of = [taken.get(i) for i in order]
    lines = _reporting_lines(rows, seat_of, seats.people)
    rows = [msgspec.structs.replace(p, reports_to=lines[p.name]) for p in rows]
    return Seated(msgspec.structs.replace(staffed, people=rows), seat_of)


def seated_person(row: Person, seat: Person, candidate: Candidate | None) -> Person:
    """A staffed row in its seat: the row's name, posts and reasons; the seat's department and titles; the
    person's own hours and monthly cost where the roster said them, else the seat's (an open seat keeps its
    budget); the seat's 可替岗 posts the person can do (the roster's skills say so; an open seat keeps them
    all). A seat's phone, employment and unread titles were its holder's: kept only for the same holder."""
    said = candidate.given if candidate is not None else frozenset()
    hours = candidate.hours if candidate is not None and "hours" in said else _first(seat.hours, row.hours)
    cost = candidate.monthly_cost if candidate is not None and "monthly_cost" in said \
        else _first(seat.monthly_cost, row.monthly_cost)
    if row.vacancy or candidate is None:
        covers = [r for r in seat.covers if r not in row.posts]
    else:
        covers = [r for r in seat.covers if r in candidate.levels and r not in row.posts]
    same = row.vacancy == seat.vacancy and (row.vacancy or row.name == seat.name)
    return msgspec.structs.replace(
        row, hours=hours, monthly_cost=cost, department=seat.department, can_cover=covers,
        unknown_titles=seat.unknown_titles if same else [], employment=seat.employment if same else None,
        phone=seat.phone if same else None)


def open_seat_names(seated: Seated, seats: Team) -> dict[str, str]:
    """Name → name for the rows that leave an open seat open: the seat's own name (中控), not the optimiser's
    中控（待招聘）, so a team saved with them renames nobody (never a name another row has)."""
    names = {p.name for p in seated.team.people}
    out = {}
    for person, k in zip(seated.team.people, seated.seat_of, strict=True):
        seat = seats.people[k] if k is not None else None
        if seat is not None and person.vacancy and seat.vacancy and seat.name != person.name and seat.name not in names:
            out[person.name] = seat.name
    return out


def _first(*values: float | None) -> float | None:
    return next((v for v in values if v is not None), None)


def _plan_seats(placements: list[Placement]) -> dict[str, list[str]]:
    """The plan's seats in plan order, each with its posts in order (its first post is the one it leads with)."""
    plan: dict[str, list[str]] = {}
    for post in placements:
        plan.setdefault(post.seat, []).append(post.role)
    return plan


def _bridge(seats: list[Person], plan: dict[str, list[str]]) -> dict[str, int]:
    """Each plan seat → the index of the seat it is: the seat of the same name sharing a post with it, else the
    free seat sharing most of its posts, the one that leads with the same post first, then the earliest."""
    index = {p.name: k for k, p in reversed(list(enumerate(seats)))}
    out: dict[str, int] = {}
    for name, roles in plan.items():
        k = index.get(name)
        if k is not None and set(roles) & set(seats[k].posts):
            out[name] = k
    for name, roles in plan.items():
        if name in out:
            continue
        free = [(seats[k].posts[:1] == roles[:1], len(set(roles) & set(seats[k].posts)), -k) for k in range(len(seats))
                if k not in out.values() and set(roles) & set(seats[k].posts)]
        if free:
            out[name] = -max(free)[2]
    return out


def _pairs(placements: list[Placement], plan: dict[str, list[str]], bridge: dict[str, int],
           row_of: dict[str, int]) -> list[tuple[bool, int, int, int, int]]:
    """(not the seat's first post, − posts held there, plan order, row, seat) for every row and seat it holds
    posts of: sorted, the best match comes first."""
    held: dict[tuple[int, str], list[str]] = {}
    for post in placements:
        if post.holder in row_of and post.seat in bridge:
            held.setdefault((row_of[post.holder], post.seat), []).append(post.role)
    order = {name: n for n, name in enumerate(plan)}
    return [(plan[seat][0] not in roles, -len(roles), order[seat], row, bridge[seat])
            for (row, seat), roles in held.items()]


def _reporting_lines(rows: list[Person], seat_of: list[int | None], seats: list[Person]) -> dict[str, str | None]:
    """Each row's manager: a seat's own line, pointing at whoever holds the manager's seat now; a new row, or a
    seat whose manager's seat nobody holds, keeps the staffing's line (the team lead). Never a loop."""
    holder = {seats[k].name: p.name for p, k in zip(rows, seat_of, strict=True) if k is not None}
    lines: dict[str, str | None] = {}
    for person, k in zip(rows, seat_of, strict=True):
        line = person.reports_to
        if k is not None:
            boss = seats[k].reports_to
            line = None if boss is None else holder.get(boss, person.reports_to)
        lines[person.name] = line if line != person.name else None
    for name in lines:  # a seat's line and the staffing's may meet in a loop: the first one found leads
        seen, up = {name}, lines[name]
        while up is not None and up in lines and up not in seen:
            seen.add(up)
            up = lines[up]
        if up == name:
            lines[name] = None
    return lines
