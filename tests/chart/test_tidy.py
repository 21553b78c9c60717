"""The tidy-tree layout: golden coordinates, no overlaps, centred parents, order, determinism, depth."""

from __future__ import annotations

from collections import Counter

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from douyin_team.chart import Layout, LayoutOptions, layout


def boxes(lay: Layout, w: list[float], h: list[float], horizontal: bool = False) -> list[tuple[float, float, float, float]]:
    return [(lay.x[i], lay.y[i], w[i], h[i]) for i in range(len(w))]


def overlapping(rects: list[tuple[float, float, float, float]]) -> list[tuple[int, int]]:
    order = sorted(range(len(rects)), key=lambda i: rects[i][0])
    bad, active = [], []
    for i in order:
        x, y, w, h = rects[i]
        active = [j for j in active if rects[j][0] + rects[j][2] > x]
        for j in active:
            _, yj, _, hj = rects[j]
            if y < yj + hj and yj < y + h:
                bad.append((j, i))
        active.append(i)
    return bad


@st.composite
def trees(draw, max_size: int = 60):  # type: ignore[no-untyped-def]
    n = draw(st.integers(min_value=1, max_value=max_size))
    parents = [-1] + [draw(st.integers(min_value=0, max_value=i - 1)) for i in range(1, n)]
    widths = [draw(st.floats(min_value=4, max_value=200)) for _ in range(n)]
    heights = [draw(st.floats(min_value=4, max_value=120)) for _ in range(n)]
    return parents, widths, heights


def test_golden_small_org(golden) -> None:  # type: ignore[no-untyped-def]
    parents = [-1, 0, 0, 0, 1, 1, 2, 3, 3, 3]
    widths = [120, 80, 150, 90, 60, 60, 100, 70, 70, 70]
    heights = [40, 30, 60, 30, 30, 30, 30, 30, 30, 30]
    for name, options in {"org-vertical": LayoutOptions(compact="off"),
                          "org-horizontal": LayoutOptions(orientation="horizontal", compact="off"),
                          "org-compact": LayoutOptions(compact="on")}.items():
        lay = layout(parents, widths, heights, options)
        golden(f"layout/{name}.json", {"x": [round(v, 3) for v in lay.x], "y": [round(v, 3) for v in lay.y],
                                       "width": round(lay.width, 3), "height": round(lay.height, 3),
                                       "stacked": lay.stacked, "spine": {str(k): round(v, 3) for k, v in lay.spine.items()}})


@settings(max_examples=200, deadline=None)
@given(trees(), st.sampled_from(["off", "auto", "on"]), st.sampled_from(["vertical", "horizontal"]))
def test_no_two_boxes_overlap(tree, compact: str, orientation: str) -> None:  # type: ignore[no-untyped-def]
    parents, widths, heights = tree
    lay = layout(parents, widths, heights, LayoutOptions(compact=compact, orientation=orientation))  # type: ignore[arg-type]
    assert not overlapping(boxes(lay, widths, heights))
    assert all(v >= -1e-6 for v in lay.x + lay.y)
    assert all(lay.x[i] + widths[i] <= lay.width + 1e-6 and lay.y[i] + heights[i] <= lay.height + 1e-6
               for i in range(len(parents)))


@settings(max_examples=200, deadline=None)
@given(trees())
def test_parents_centred_children_below_order_kept(tree) -> None:  # type: ignore[no-untyped-def]
    parents, widths, heights = tree
    opts = LayoutOptions(compact="off")
    lay = layout(parents, widths, heights, opts)
    kids: dict[int, list[int]] = {}
    for i, p in enumerate(parents):
        if p >= 0:
            kids.setdefault(p, []).append(i)
            assert lay.y[i] == pytest.approx(lay.y[p] + heights[p] + opts.level_gap)
    for p, cs in kids.items():
        span = (lay.x[cs[0]] + lay.x[cs[-1]] + widths[cs[-1]]) / 2
        assert lay.x[p] + widths[p] / 2 == pytest.approx(span, abs=1e-6)
        lefts = [lay.x[c] for c in cs]
        assert lefts == sorted(lefts)


@settings(max_examples=50, deadline=None)
@given(trees())
def test_deterministic(tree) -> None:  # type: ignore[no-untyped-def]
    assert layout(*tree) == layout(*tree)


def test_compact_stacks_wide_leaf_groups() -> None:
    parents = [-1] + [0] * 10
    lay = layout(parents, [100] * 11, [30] * 11)
    assert all(lay.stacked[1:]) and len(set(lay.x[1:])) == 2
    assert lay.width < 3 * 100  # ten 客服 in two columns of five, not ten side by side nor one column of ten
    assert all(lay.spine[i] < lay.x[i] for i in range(1, 11))
    few = layout(parents[:7], [100] * 7, [30] * 7)
    assert all(few.stacked[1:]) and len(set(few.x[1:])) == 1  # up to six: one column
    wide = layout(parents, [100] * 11, [30] * 11, LayoutOptions(compact="off"))
    assert not any(wide.stacked) and wide.width > 10 * 100


def test_many_stacked_leaves_make_a_stack_about_as_wide_as_it_is_tall() -> None:
    for n in (30, 200, 2000):
        lay = layout([-1] + [0] * n, [160] * (n + 1), [60] * (n + 1))
        columns = Counter(lay.x[1:])
        assert max(columns.values()) - min(columns.values()) <= 1  # columns of equal length
        assert 0.5 < lay.width / lay.height < 2.5


def test_deep_chain_and_wide_tree_of_100k() -> None:
    n = 100_000
    chain = layout([-1, *range(n - 1)], [40.0] * n, [20.0] * n)
    assert chain.height == pytest.approx(n * 20 + (n - 1) * 40)
    wide = layout([-1] + [0] * (n - 1), [40.0] * n, [20.0] * n, LayoutOptions(compact="off"))
    assert wide.width == pytest.approx((n - 1) * 40 + (n - 2) * 16)


@pytest.mark.parametrize("parents", [[-1, -1], [0, 0], [-1, 5], [-1, 2, 1], [2, -1, 0]])
def test_invalid_trees(parents: list[int]) -> None:
    with pytest.raises(ValueError):
        layout(parents, [1.0] * len(parents), [1.0] * len(parents))


def test_length_mismatch_and_empty() -> None:
    with pytest.raises(ValueError):
        layout([-1, 0], [1.0], [1.0, 1.0])
    assert layout([], [], []).width == 0
