"""Live hours: the hosts a day's live hours need, and each live post's window of the session.

A live session starts at a time of day (`--start`, else the playbook's `live_start`) and lasts the team's
`live_hours` (else the stage's default). Its host and control posts are needed for their whole shift: the
posts of one live role share the session equally (one post per shift of at most `shift_hours`). A person
who can only work certain hours (`available`, or `days_only` meaning the playbook's `day_window`) can take
a live post only when those hours cover its shift.
"""

from __future__ import annotations

import math

from ..knowledge import DAY, KnowledgeBase, Settings, Window, clock


def hosts_needed(kb: KnowledgeBase, live_hours_per_day: float) -> int:
    """Hosts needed to carry the daily live hours at the configured monthly hours per host."""
    s = kb.settings
    return max(1, math.ceil(live_hours_per_day * s.live_days_per_month / s.host_hours_per_month - 1e-9))


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
