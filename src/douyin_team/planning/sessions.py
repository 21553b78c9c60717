"""Live sessions: a room's daily live hours placed in the day parts, prime time first, and cut into sessions.

The day parts (`knowledge/workload.yaml`) tile the day; a room's hours fill the merchant's preferred parts
first, then the rest by rank (晚场 first, night parts last), so night slots are used only when the hours need
them or the merchant asks. A part filled only in part sits against a neighbouring used part, or in the
middle of its own (a 2-hour room goes live 20:00–22:00). Each run of parts is one session per part, except
that a partly filled part joins its neighbour while the two stay within `max_session_hours`: each session
has one on-air crew for its whole length.
"""

from __future__ import annotations

from typing import NamedTuple

from ..knowledge import DAY, KnowledgeBase, clock
from .situation import Situation


class Slot(NamedTuple):
    """One live session of one room, in minutes from midnight (the end may pass midnight)."""

    room: int
    start: int
    end: int
    part: str

    @property
    def hours(self) -> float:
        """The session's length in hours."""
        return (self.end - self.start) / 60


def place_sessions(kb: KnowledgeBase, sit: Situation) -> list[Slot]:
    """Every room's sessions of a day, room by room, in clock order."""
    if sit.live_hours <= 0:
        return []
    day = _day(kb, sit)
    return [Slot(room, start, end, part) for room in range(1, sit.rooms + 1) for start, end, part in day]


def _day(kb: KnowledgeBase, sit: Situation) -> list[tuple[int, int, str]]:
    """One room's sessions: (start, end, the day part most of it lies in)."""
    found = _pieces(kb, sit)
    pieces = sorted(found, key=lambda p: _order(p[0], found))
    longest = round(kb.figures.max_session_hours.value * 60)
    out: list[tuple[int, int, str, bool]] = []  # start, end, part, whether it is one whole part
    for start, end, part, whole in pieces:
        if out:
            s0, e0, p0, whole0 = out[-1]
            if e0 % DAY == start % DAY and not (whole0 and whole) and e0 - s0 + end - start <= longest:
                out[-1] = (s0, e0 + end - start, p0 if e0 - s0 >= end - start else part, False)
                continue
        out.append((start, end, part, whole))
    return [(s0 % DAY, s0 % DAY + e0 - s0, p0) for s0, e0, p0, _ in out]


def _pieces(kb: KnowledgeBase, sit: Situation) -> list[tuple[int, int, str, bool]]:
    """The parts of the day the hours take: (start, end, part id, whether the whole part is used)."""
    wanted = set(sit.day_parts)
    parts = sorted(kb.day_parts, key=lambda p: (p.id not in wanted, p.rank))
    left = round(sit.live_hours * 60)
    pieces: list[tuple[int, int, str, bool]] = []
    for part in parts:
        if left <= 0:
            break
        start = clock(part.start) % DAY
        end = clock(part.end)
        end += DAY if end <= start else 0
        take = min(end - start, left)
        if take < end - start:
            start, end = _partial(pieces, start, end, take)
        pieces.append((start, end, part.id, take == end - start and end - start == _length(part.start, part.end)))
        left -= take
    return pieces


def _length(start: str, end: str) -> int:
    s, e = clock(start) % DAY, clock(end)
    return e + (DAY if e <= s else 0) - s


def _partial(pieces: list[tuple[int, int, str, bool]], start: int, end: int, take: int) -> tuple[int, int]:
    """Where `take` minutes of a part [start, end) go: against a used neighbour, else in the middle."""
    if any(p[0] % DAY == end % DAY for p in pieces):
        return end - take, end
    if any(p[1] % DAY == start % DAY for p in pieces):
        return start, start + take
    middle = start + (end - start - take) // 2
    return middle, middle + take


def _order(start: int, pieces: list[tuple[int, int, str, bool]]) -> int:
    """Sort key putting a room's pieces in the order they run: from the first piece after the longest gap."""
    starts = sorted(p[0] % DAY for p in pieces)
    ends = {p[0] % DAY: p[1] for p in pieces}
    gaps = [((starts[(k + 1) % len(starts)] - ends[s]) % DAY, -starts[(k + 1) % len(starts)]) for k, s in enumerate(starts)]
    first = -max(gaps)[1] if len(starts) > 1 else starts[0]  # ties: the earlier start of the day
    return (start % DAY - first) % DAY
