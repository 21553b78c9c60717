"""Tidy-tree layout for boxes of different sizes, in linear time and without recursion.

The algorithm is A. van der Ploeg's "Drawing non-layered tidy trees in linear time" (2014), which
extends Walker's algorithm with the linear-time improvements of Buchheim, Jünger and Leipert: each
child sits one gap below its parent's box (not on a global layer), subtrees are pushed apart along
their contours, parents are centred over their children, and sibling order is kept. Every walk here
is a loop over arrays, so a 100,000-deep chain lays out as easily as a wide tree.

Pure function: `layout(parents, widths, heights, options)` → `Layout` (top-left corners, all ≥ 0).
Leaf siblings can be stacked in a column (compact mode), which keeps wide groups readable; many of them are
stacked in several columns side by side, about as tall as they are wide together, so a boss with 30 direct
reports is not drawn as a column 30 cards tall.
"""

from __future__ import annotations

import math
from collections.abc import Sequence
from operator import add
from typing import Literal

import msgspec

Compact = Literal["auto", "on", "off"]


class LayoutOptions(msgspec.Struct, frozen=True):
    """Spacing, orientation and when to stack leaf siblings."""

    orientation: Literal["vertical", "horizontal"] = "vertical"
    sibling_gap: float = 16.0
    level_gap: float = 40.0
    compact: Compact = "auto"
    compact_min_leaves: int = 6
    indent: float = 24.0
    column_min: int = 6  # a stack of up to this many leaves stays one column
    # Parents whose leaf children are stacked from two on (in auto mode): a group's head over its own members,
    # so the group's frame stays narrow and clear of its neighbours.
    stack: frozenset[int] = frozenset()


class Layout(msgspec.Struct, frozen=True):
    """Top-left corner of every box, the drawing's size, and the columns of stacked leaves.

    `stacked[i]` is true for a leaf drawn in one of its parent's columns; `spine[i]` is the coordinate of the
    line that runs down (or, horizontal, across) beside the column of that stacked leaf.
    """

    x: list[float]
    y: list[float]
    width: float
    height: float
    stacked: list[bool]
    spine: dict[int, float]


def children_of(parents: Sequence[int]) -> tuple[int, list[list[int]]]:
    """The root and each node's children in index order; ValueError for anything that is not one tree."""
    n = len(parents)
    kids: list[list[int]] = [[] for _ in range(n)]
    roots = [i for i, p in enumerate(parents) if p == -1]
    if len(roots) != 1:
        raise ValueError(f"a tree needs exactly one root, found {len(roots)}")
    for i, p in enumerate(parents):
        if p != -1:
            if not 0 <= p < n or p == i:
                raise ValueError(f"node {i} has an invalid parent {p}")
            kids[p].append(i)
    seen, stack = 0, [roots[0]]
    while stack:
        node = stack.pop()
        seen += 1
        stack.extend(kids[node])
    if seen != n:
        raise ValueError("the parent links contain a cycle (some nodes cannot be reached from the root)")
    return roots[0], kids


def layout(parents: Sequence[int], widths: Sequence[float], heights: Sequence[float],
           options: LayoutOptions | None = None) -> Layout:
    """Lay out a tree given as parent indices (-1 for the root) and box sizes."""
    options = options or LayoutOptions()
    if not len(parents) == len(widths) == len(heights):
        raise ValueError("parents, widths and heights must have the same length")
    if not parents:
        return Layout([], [], 0.0, 0.0, [], {})
    root, kids = children_of(parents)
    horizontal = options.orientation == "horizontal"
    w, h = (list(heights), list(widths)) if horizontal else (list(widths), list(heights))
    blocks = {p: _columns(cs, w, h, options) for p, cs in _stack_leaves(kids, w, h, options).items()}
    x, y = _Tidy(root, kids, blocks, w, h, options).run()
    stacked, spine = _place_stacks(blocks, x, y, w, h, options)
    left, top = min(x), min(y)
    x = [v - left for v in x]
    y = [v - top for v in y]
    spine = {i: v - left for i, v in spine.items()}
    width = max(map(add, x, w))
    height = max(map(add, y, h))
    if horizontal:
        return Layout(y, x, height, width, stacked, spine)
    return Layout(x, y, width, height, stacked, spine)


def _stack_leaves(kids: list[list[int]], w: list[float], h: list[float], options: LayoutOptions) -> dict[int, list[int]]:
    """Parents whose leaf children go into one column: parent → the stacked children."""
    if options.compact == "off":
        return {}
    least = 2 if options.compact == "on" else options.compact_min_leaves
    return {p: cs for p, cs in enumerate(kids)
            if len(cs) >= (2 if p in options.stack else least) and all(not kids[c] for c in cs)}


def _columns(cs: list[int], w: list[float], h: list[float], options: LayoutOptions) -> list[list[int]]:
    """Stacked leaves in columns of equal length, as many as make the stack about as wide as it is tall (one
    column up to `column_min` leaves), in order: the first column takes the first leaves."""
    step_w = options.indent + max(w[c] for c in cs) + options.sibling_gap
    step_h = sum(h[c] for c in cs) / len(cs) + options.sibling_gap
    per = max(options.column_min, math.ceil(math.sqrt(len(cs) * step_w / step_h)))
    count = math.ceil(len(cs) / per)
    base, extra = divmod(len(cs), count)  # the first `extra` columns one longer
    cuts = [k * base + min(k, extra) for k in range(count + 1)]
    return [cs[cuts[k]:cuts[k + 1]] for k in range(count)]


class _Tidy:
    """Van der Ploeg's two walks over flat arrays. A stacked column is one block-shaped leaf."""

    def __init__(self, root: int, kids: list[list[int]], blocks: dict[int, list[list[int]]],
                 w: list[float], h: list[float], options: LayoutOptions) -> None:
        n = len(kids)
        self.root, self.n = root, n
        gap, level = options.sibling_gap, options.level_gap
        # Children as seen by the layout: a stacked column becomes one extra node (index ≥ n).
        self.c: list[list[int]] = [[] if p in blocks else list(cs) for p, cs in enumerate(kids)]
        self.w = [v + gap for v in w]
        self.h = [v + level for v in h]
        for p, columns in blocks.items():
            self.c[p] = list(range(len(self.c), len(self.c) + len(columns)))
            for cs in columns:
                self.c.append([])
                self.w.append(options.indent + max(w[c] for c in cs) + gap)
                self.h.append(sum(h[c] for c in cs) + gap * (len(cs) - 1) + level)
        m = len(self.c)
        self.y = [0.0] * m
        self.prelim, self.mod = [0.0] * m, [0.0] * m
        self.shift, self.change = [0.0] * m, [0.0] * m
        self.tl: list[int] = [-1] * m
        self.tr: list[int] = [-1] * m
        self.el, self.er = list(range(m)), list(range(m))
        self.msel, self.mser = [0.0] * m, [0.0] * m
        self.bottom: list[float] = []  # y + h of each node, once y is known

    def run(self) -> tuple[list[float], list[float]]:
        order = self._preorder()
        c, y, h = self.c, self.y, self.h
        for node in order:
            below = y[node] + h[node]
            for child in c[node]:
                y[child] = below
        self.bottom = [y + h for y, h in zip(self.y, self.h, strict=True)]
        for node in reversed(order):
            if c[node]:  # a leaf has nothing to place
                self._first_walk(node)
        x = self._second_walk(order)
        return x, self.y

    def _preorder(self) -> list[int]:
        order, stack = [], [self.root]
        while stack:
            node = stack.pop()
            order.append(node)
            stack.extend(reversed(self.c[node]))
        return order

    def _first_walk(self, t: int) -> None:
        cs, bottom, er = self.c[t], self.bottom, self.er
        ih: list[tuple[float, int]] = [(bottom[self.el[cs[0]]], 0)]  # a stack: lowest y on top
        for i in range(1, len(cs)):
            low = bottom[er[cs[i]]]
            self._separate(t, i, ih)
            while ih and low >= ih[-1][0]:
                ih.pop()
            ih.append((low, i))
        first, last = cs[0], cs[-1]
        self.prelim[t] = (self.prelim[first] + self.mod[first] + self.mod[last] + self.prelim[last]
                          + self.w[last]) / 2 - self.w[t] / 2
        self.el[t], self.msel[t] = self.el[first], self.msel[first]
        self.er[t], self.mser[t] = self.er[last], self.mser[last]

    def _separate(self, t: int, i: int, ih: list[tuple[float, int]]) -> None:
        cs, c, mod, prelim, w, bottom = self.c[t], self.c, self.mod, self.prelim, self.w, self.bottom
        tl, tr = self.tl, self.tr
        sr, cl = cs[i - 1], cs[i]
        mssr, mscl = mod[sr], mod[cl]
        level = len(ih) - 1
        while sr != -1 and cl != -1:
            sy, cy = bottom[sr], bottom[cl]
            if sy > ih[level][0] and level > 0:
                level -= 1
            dist = (mssr + prelim[sr] + w[sr]) - (mscl + prelim[cl])
            if dist > 0:
                mscl += dist
                self._move_subtree(t, i, ih[level][1], dist)
            if sy <= cy:
                sr = c[sr][-1] if c[sr] else tr[sr]
                if sr != -1:
                    mssr += mod[sr]
            if sy >= cy:
                cl = c[cl][0] if c[cl] else tl[cl]
                if cl != -1:
                    mscl += mod[cl]
        if sr == -1 and cl != -1:
            self._set_left_thread(t, i, cl, mscl)
        elif sr != -1 and cl == -1:
            self._set_right_thread(t, i, sr, mssr)

    def _move_subtree(self, t: int, i: int, si: int, dist: float) -> None:
        cs = self.c[t]
        child = cs[i]
        self.mod[child] += dist
        self.msel[child] += dist
        self.mser[child] += dist
        if si != i - 1:
            nr = i - si
            self.shift[cs[si + 1]] += dist / nr
            self.shift[child] -= dist / nr
            self.change[child] -= dist - dist / nr

    def _set_left_thread(self, t: int, i: int, cl: int, modsum_cl: float) -> None:
        first = self.c[t][0]
        li = self.el[first]
        self.tl[li] = cl
        diff = (modsum_cl - self.mod[cl]) - self.msel[first]
        self.mod[li] += diff
        self.prelim[li] -= diff
        self.el[first], self.msel[first] = self.el[self.c[t][i]], self.msel[self.c[t][i]]

    def _set_right_thread(self, t: int, i: int, sr: int, modsum_sr: float) -> None:
        child = self.c[t][i]
        ri = self.er[child]
        self.tr[ri] = sr
        diff = (modsum_sr - self.mod[sr]) - self.mser[child]
        self.mod[ri] += diff
        self.prelim[ri] -= diff
        self.er[child], self.mser[child] = self.er[self.c[t][i - 1]], self.mser[self.c[t][i - 1]]

    def _second_walk(self, order: list[int]) -> list[float]:
        c, mod, prelim, shift, change = self.c, self.mod, self.prelim, self.shift, self.change
        x = [0.0] * len(c)
        modsum = [0.0] * len(c)
        for node in order:
            total = modsum[node] + mod[node]
            x[node] = prelim[node] + total
            d = spacing = 0.0
            for child in c[node]:  # addChildSpacing, folded into the walk
                d += shift[child]
                spacing += d + change[child]
                mod[child] += spacing
                modsum[child] = total
        return x


def _place_stacks(blocks: dict[int, list[list[int]]], x: list[float], y: list[float], w: list[float],
                  h: list[float], options: LayoutOptions) -> tuple[list[bool], dict[int, float]]:
    """Put each stacked column's leaves inside its block; drop the block nodes from the arrays."""
    n = len(w)
    stacked = [False] * n
    spine: dict[int, float] = {}
    columns = [cs for stacks in blocks.values() for cs in stacks]  # in the order _Tidy made their blocks
    for k, cs in enumerate(columns):
        block = n + k
        top = y[block]
        for child in cs:
            spine[child] = x[block] + options.indent / 2
            x[child] = x[block] + options.indent
            y[child] = top
            top += h[child] + options.sibling_gap
            stacked[child] = True
    del x[n:]
    del y[n:]
    return stacked, spine
