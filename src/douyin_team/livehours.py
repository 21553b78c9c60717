"""Live hours on the clock: the session's window, each live post's share of it, and who is free then.

A live session starts at a time of day (`--start`, else the playbook's `live_start`) and lasts the team's
`live_hours` (else the stage's default). Its host and control posts are needed for their whole shift: the
posts of one live role share the session equally (one post per shift of at most `shift_hours`). A person
who can only work certain hours (`available`, or `days_only` meaning the playbook's `day_window`) can take
a live post only when those hours cover its shift.
"""

from __future__ import annotations

import math
import re

from .errors import InvalidValue
from .kb import Settings

DAY = 24 * 60
CLOCK = re.compile(r"^\s*([01]?\d|2[0-4])[:：]([0-5]\d)\s*$")
RANGE = re.compile(r"^(.+?)\s*(?:-|–|—|~|～|到|至)\s*(.+)$")
Window = tuple[int, int]  # minutes from midnight; the end may pass midnight (end > start)


def clock(text: str, field: str | None = None) -> int:
    """Minutes after midnight for 'HH:MM' (24:00 allowed as the end of a day)."""
    match = CLOCK.match(text)
    if not match or int(match.group(1)) * 60 + int(match.group(2)) > DAY:
        raise InvalidValue(f"'{text}' is not a time of day", field=field, hint="write it like 19:00")
    return int(match.group(1)) * 60 + int(match.group(2))


def hours_range(text: str, field: str | None = None) -> Window:
    """A window like '09:00-18:00' or '20:00-02:00' (past midnight)."""
    match = RANGE.match(text.strip())
    if not match:
        raise InvalidValue(f"'{text}' is not a range of hours", field=field, hint="write it like 09:00-18:00")
    start, end = clock(match.group(1), field), clock(match.group(2), field)
    return start % DAY, end + (DAY if end <= start % DAY else 0)


def label(window: Window) -> str:
    """'19:00–23:00' for a window."""
    return "–".join(f"{m % DAY // 60:02d}:{m % 60:02d}" for m in window)


def covers(free: Window | None, need: Window | None) -> bool:
    """Whether someone free during `free` (None: any time) can work the whole of `need`."""
    if free is None or need is None:
        return True
    return any(free[0] + k * DAY <= need[0] and need[1] <= free[1] + k * DAY for k in (-1, 0, 1))


def live_windows(settings: Settings, roles: list[str], live_hours: float, start: str | None = None) -> list[Window | None]:
    """The window each post (given by role, in plan order) must be worked in; None for posts off the air.

    Host and control posts are live (跟播运营 too when the plan has no 场控/中控). The k-th post of a live role
    takes shift k of as many equal shifts as the role has posts, up to the shifts the hours need.
    """
    live = set(settings.host_roles) | set(settings.control_roles)
    if not set(settings.control_roles) & set(roles):
        live |= set(settings.follow_live_roles)
    if live_hours <= 0:
        return [None] * len(roles)
    begin = clock(start or settings.live_start, "--start") % DAY
    shifts = max(1, math.ceil(live_hours / settings.shift_hours - 1e-9))
    seen: dict[str, int] = {}
    out: list[Window | None] = []
    for role in roles:
        if role not in live:
            out.append(None)
            continue
        parts = min(shifts, roles.count(role))
        k = seen.get(role, 0) % parts
        seen[role] = seen.get(role, 0) + 1
        length = live_hours * 60 / parts
        out.append((begin + round(k * length), begin + round((k + 1) * length)))
    return out
