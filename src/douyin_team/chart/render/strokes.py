"""The lines to stroke for a chart's edges, each piece once.

A manager's lines share their first segment, and the reports stacked in a column share the manager's
spine: drawn per edge, a column of n cards strokes n spines, n² pixels in all (a 10,000-card column made
a PNG take minutes). Here the shared stub and the spine (to its farthest card) come out once.
"""

from __future__ import annotations

from ..model import Edge

Point = tuple[float, float]


def strokes(edges: list[Edge]) -> list[list[Point]]:
    """Polylines that draw `edges` exactly, with no piece drawn twice by a shared stub or spine."""
    out: list[list[Point]] = []
    stubs: set[tuple[Point, Point]] = set()
    spines: dict[Point, Point] = {}
    for e in edges:
        if len(e.points) == 5:  # a stacked report: stub, across to the spine, down it, across to the card
            top, end = e.points[2], e.points[3]
            far = spines.get(top)
            if far is None:  # into this column's spine, the shared stub only once
                stub = (e.points[0], e.points[1])
                out.append(e.points[1:3] if stub in stubs else e.points[:3])
                stubs.add(stub)
            if far is None or _length(top, end) > _length(top, far):
                spines[top] = end
            out.append(e.points[3:])
            continue
        stub = (e.points[0], e.points[1])
        out.append(e.points[1:] if stub in stubs and len(e.points) > 2 else e.points)
        stubs.add(stub)
    out += [[top, end] for top, end in spines.items()]
    return out


def _length(a: Point, b: Point) -> float:
    return abs(b[0] - a[0]) + abs(b[1] - a[1])
