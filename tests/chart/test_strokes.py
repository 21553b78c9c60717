"""The lines stroked for a chart's edges: every piece drawn, shared stubs and spines only once."""

from __future__ import annotations

from douyin_team.chart import Edge
from douyin_team.chart.render.strokes import strokes


def test_shared_stub_and_spine_come_out_once() -> None:
    stub = [(50.0, 10.0), (50.0, 20.0)]
    spread = [Edge("p0", f"p{k}", "report", [*stub, (x, 20.0), (x, 40.0)]) for k, x in ((1, 10.0), (2, 90.0))]
    stacked = [Edge("p3", f"p{k}", "report", [(200.0, 10.0), (200.0, 20.0), (180.0, 20.0), (180.0, y), (190.0, y)])
               for k, y in ((4, 60.0), (5, 100.0), (6, 80.0))]
    lines = strokes(spread + stacked)
    assert lines[:2] == [spread[0].points, spread[1].points[1:]]  # the second line starts where the stub ends
    assert lines[2] == stacked[0].points[:3]  # into the spine once
    assert lines[3:6] == [e.points[3:] for e in stacked]  # a tick to each stacked card
    assert lines[6:] == [[(180.0, 20.0), (180.0, 100.0)]]  # the spine, once, to its farthest card
