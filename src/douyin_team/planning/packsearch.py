"""The beam search behind packing (packing.py): which seats to merge, step by step, for the least badness.

Works on light `Node`s (posts held, load, badness as one integer); packing.py turns the winning nodes into
seats with their posts and explanations. Each state keeps its allowed merges sorted, and a state made by a
merge inherits its parent's list minus the merges of the two seats it joined, plus those of the new seat: a
step costs about the number of seats, not its square. Candidates come in the order of sorting every merge of
every state by (badness after, state, places of the two seats), so ties break on post order.
"""

from __future__ import annotations

import heapq
from collections.abc import Callable, Iterator
from itertools import combinations, count
from typing import NamedTuple

# The badness of one person holding the posts of two nodes with a load, packed into one integer
# (packing.badness); None when rules do not allow the set.
KeyOf = Callable[[frozenset[str], frozenset[str], float], "int | None"]
NOT_TRIED = object()


class Node(NamedTuple):
    """A seat in the search: the posts (by index) it holds, their roles and load, its badness, its number
    (`BeamSearch.number`), and the two nodes it was merged from (None for a single post)."""

    ids: tuple[int, ...]
    held: frozenset[str]
    load: float
    key: int
    uid: int
    parts: tuple[Node, Node] | None


class State(NamedTuple):
    """One packing: its badness; its nodes by slot, in order (a merged node takes a new, higher slot at the
    end); and the merges of two of its nodes that rules allow, sorted: (badness change, slot, slot)."""

    total: int
    nodes: dict[int, Node]
    merges: list[tuple[int, int, int]]


class BeamSearch:
    """Merges nodes until `target` remain, keeping the best `width` distinct states at each step."""

    def __init__(self, key_of: KeyOf, width: int) -> None:
        self.key_of, self.width = key_of, width
        self.numbers: dict[tuple[frozenset[str], float], int] = {}
        self.deltas: dict[int, int | None] = {}
        self.slots = count()

    def run(self, posts: list[tuple[str, float, int]], target: int) -> list[Node]:
        """The best state's nodes for posts given as (role, load, badness alone), at `target` nodes or as
        few as rules allow."""
        first = {next(self.slots): Node((i,), frozenset([role]), load, key, self.number(frozenset([role]), load), None)
                 for i, (role, load, key) in enumerate(posts)}
        merges = [(d, x, y) for x, y in combinations(first, 2) if (d := self.delta(first[x], first[y])) is not None]
        beam = [State(sum(n.key for n in first.values()), first, sorted(merges))]
        while len(beam[0].nodes) > target:
            following = self.next_beam(beam)
            if not following:
                break
            beam = following
        return list(beam[0].nodes.values())

    def number(self, held: frozenset[str], load: float) -> int:
        """A node's number: the same for nodes holding the same posts with the same load, as the badness
        change of a merge depends on nothing else (five alike 助播 posts are tried once, not five times)."""
        return self.numbers.setdefault((held, load), len(self.numbers))

    def delta(self, a: Node, b: Node) -> int | None:
        """The badness change of merging two nodes (None: not allowed), remembered by their numbers."""
        pair = a.uid << 32 | b.uid
        found = self.deltas.get(pair, NOT_TRIED)
        if found is NOT_TRIED:
            key = None if not a.held.isdisjoint(b.held) else self.key_of(a.held, b.held, a.load + b.load)
            found = self.deltas[pair] = None if key is None else key - a.key - b.key
        return found  # type: ignore[return-value]

    def next_beam(self, beam: list[State]) -> list[State]:
        """The best `width` distinct states one merge away from the beam's."""
        seen: set[tuple[tuple[int, ...], ...]] = set()
        out: list[State] = []
        for total, b, x, y in heapq.merge(*[_candidates(b, state) for b, state in enumerate(beam)]):
            parent = beam[b]
            rest = {k: n for k, n in parent.nodes.items() if k != x and k != y}
            ids = tuple(sorted(parent.nodes[x].ids + parent.nodes[y].ids))
            key = tuple(sorted([n.ids for n in rest.values()] + [ids]))
            if key in seen:
                continue
            seen.add(key)
            out.append(self._child(parent, rest, x, y, ids, total))
            if len(out) == self.width:
                break
        return out

    def _child(self, parent: State, rest: dict[int, Node], x: int, y: int, ids: tuple[int, ...], total: int) -> State:
        a, b = parent.nodes[x], parent.nodes[y]
        delta = self.delta(a, b)
        assert delta is not None
        held, load = a.held | b.held, a.load + b.load
        merged = Node(ids, held, load, a.key + b.key + delta, self.number(held, load), (a, b))
        slot = next(self.slots)
        merges = [m for m in parent.merges if m[1] != x and m[1] != y and m[2] != x and m[2] != y]
        for k, node in rest.items():
            d = self.delta(node, merged)
            if d is not None:
                merges.append((d, k, slot))
        merges.sort()  # the inherited part is sorted already: the sort only places the new ones
        rest[slot] = merged
        return State(total, rest, merges)


def _candidates(b: int, state: State) -> Iterator[tuple[int, int, int, int]]:
    """The merges of the beam's state number `b`, best first: (badness after, b, slot, slot)."""
    return ((state.total + d, b, x, y) for d, x, y in state.merges)
