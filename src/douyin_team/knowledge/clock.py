"""Times of day as minutes from midnight: 'HH:MM', windows like '09:00-18:00' (past midnight too).

The knowledge base's times (`live_start`, `day_window`) and a roster's `available` hours are read here.
"""

from __future__ import annotations

import re
from functools import lru_cache

from ..errors import InvalidValue

DAY = 24 * 60
CLOCK = re.compile(r"^\s*([01]?\d|2[0-4])[:：]([0-5]\d)\s*$")
RANGE = re.compile(r"^(.+?)\s*(?:-|–|—|~|～|到|至)\s*(.+)$")
Window = tuple[int, int]  # minutes from midnight; the end may pass midnight (end > start)


@lru_cache(maxsize=1024)  # a plan reads the same few times of day many times
def clock(text: str, field: str | None = None) -> int:
    """Minutes after midnight for 'HH:MM' (24:00 allowed as the end of a day)."""
    match = CLOCK.match(text)
    if not match or int(match.group(1)) * 60 + int(match.group(2)) > DAY:
        raise InvalidValue(f"'{text}' is not a time of day", field=field, hint="write it like 19:00")
    return int(match.group(1)) * 60 + int(match.group(2))


@lru_cache(maxsize=1024)
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
