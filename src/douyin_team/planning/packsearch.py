"""The beam search behind packing (packing.py): which seats to merge, step by step, for the least badness.

Works on light `Node`s (posts held, load, badness as one integer); packing.py turns the winning nodes into
seats with their posts and explanations. Each state keeps its allowed merges sorted, and a state made by a
merge inherits its parent's list minus the merges of the two seats it joined, plus those of the new seat: a
step costs about the number of seats, not its square. Candidates come in the order of sorting every merge of
every state by (badness after, state, places of the two seats), so ties break on post order.
"""

from __future__ import annotations

import heapq
from collections import deque
from collections.abc import Callable, Iterator
from itertools import combinations, count
from typing import NamedTuple, cast

from ..knowledge import FULL_TIME_HOURS

# The rules' verdict on one person holding a set of roles (given as bits: packing.Packer._verdict_of): the
# terms but the load ones packed into an integer as packing.badness packs them, then those terms (warned,
# uncommon pairs, seedless pairs); None when rules forbid the set.
Verdict = tuple[int, int, int, int]
VerdictOf = Callable[[int], "Verdict | None"]
Terms = tuple[int, float]  # a merged node's packed load-free badness, and the load its shared hours take off
TERM = 1 << 64  # as packing.TERM: each term of a packed badness in its own 64 bits
NOT_TRIED = object()
NO_DAYS = 1 << 30  # the days a week of a node without on-air crew: more than any crew post's


# What decides whether posts may merge, for one kind of post (a token: alike posts share it) or a node's posts
# together, with kinds as bits (`Space`): (their roles as bits of the packer's roles; which of them work in
# live windows; which of those are on camera; of its on-air crew posts, their quarter hours on air (one bit
# per minute of the day a quarter starts), how many quarters they work (counted post by post), how many crew
# posts there are and their fewest days a week). Merging two is a few integer operations, whatever the windows.
# A plain tuple of integers, which the garbage collector stops tracking (a named tuple it would walk forever).
Kind = tuple[int, int, int, int, int, int, int]


def kind(roles: int, live: int = 0, camera: int = 0, quarters: int = 0, worked: int = 0, crew: int = 0,
         days: int = NO_DAYS) -> Kind:
    """A `Kind` from its parts."""
    return (roles, live, camera, quarters, worked, crew, days)


class Node(NamedTuple):
    """A seat in the search: the posts (by index) it holds, their load, its badness, its number
    (`BeamSearch.number`), the two nodes it was merged from (None for a single post), and its posts as one
    bit per kind of post (alike posts share a bit: `Kind`)."""

    ids: tuple[int, ...]
    load: float
    key: int
    uid: int
    parts: tuple[Node, Node] | None
    mask: int


class State(NamedTuple):
    """One packing: its badness; its nodes by slot, in order (a merged node takes a new, higher slot at the
    end); the merges of two of its nodes that rules allow, sorted: (badness change, slot, slot); and which
    posts it groups together (its nodes' `ids`, as a set: two states alike when these are)."""

    total: int
    nodes: dict[int, Node]
    merges: list[tuple[int, int, int]]
    groups: frozenset[tuple[int, ...]]


class Pending(NamedTuple):
    """A state made without its merges (the search was to stop there): enough to work them out later."""

    parent: State
    x: int
    y: int
    slot: int


class Space:
    """What the searches of one packer share, all by integers: each kind of post is one bit (`Kind`), given by
    the packer; a node's posts are the bits of their kinds (`mask`). Remembered: each mask's `Kind` and `Terms`,
    each (mask, load)'s number, and each pair of numbers' badness change. These hold for every search of the
    packer (for a plan, its variants and the next merchants alike), so a variant's search, mostly of the plan's
    own posts, finds most of its merges already priced."""

    def __init__(self, verdict_of: VerdictOf, clash: Callable[[int, int], bool], max_load: float) -> None:
        self.verdict_of, self.clash, self.max_load = verdict_of, clash, max_load
        self.info: dict[int, Kind] = {}  # by mask: a kind's own (one bit) from the packer, a merged node's here
        self.terms: dict[int, Terms | None] = {}  # a merged node's `Terms`, by its mask
        self.numbers: dict[tuple[int, float], int] = {}
        self.deltas: dict[int, int | None] = {}

    def size(self) -> int:
        """How much is remembered (the packer starts a new space past a bound)."""
        return len(self.deltas) + len(self.terms) + len(self.numbers)

    def number(self, mask: int, load: float) -> int:
        """A node's number: the same for nodes holding the same posts (by `mask`) with the same load, as the
        badness change of a merge depends on nothing else (five alike 助播 posts are tried once, not five times)."""
        return self.numbers.setdefault((mask, load), len(self.numbers))

    def delta(self, a: Node, b: Node) -> int | None:
        """The badness change of merging two nodes (None: not allowed), remembered by their numbers."""
        pair = a.uid << 32 | b.uid
        found = self.deltas.get(pair, NOT_TRIED)
        if found is NOT_TRIED:
            found = self.deltas[pair] = self.fresh_delta(a, b)
        return found  # type: ignore[return-value]

    def parts(self, mask: int) -> tuple[Verdict, float]:
        """A merged node's verdict (see `Verdict`) and the load its shared hours take off."""
        terms, verdict = self.terms[mask], self.verdict_of(self.info[mask][0])
        assert terms is not None and verdict is not None
        return verdict, terms[1]

    def fresh_delta(self, a: Node, b: Node) -> int | None:
        """`delta`, worked out."""
        if a.mask & b.mask:  # the same post twice
            return None
        mask = a.mask | b.mask
        found = self.terms.get(mask, NOT_TRIED)
        if found is NOT_TRIED:
            found = self.terms[mask] = self._merged(a.mask, b.mask, mask)
        if found is None:
            return None
        packed, shared = cast(Terms, found)
        load = a.load + b.load - shared
        # packing.badness with the load terms added: overload (in millionths, two terms up), then load².
        key = packed + round(round(max(0.0, load - self.max_load), 6) * 1e6) * TERM * TERM + round(load * load * 1e6)
        return key - a.key - b.key

    def _merged(self, left: int, right: int, mask: int) -> Terms | None:
        """The `Terms` of one person holding the posts of two allowed nodes (by their masks), None when rules
        forbid it or a post of one clashes with a post of the other on air; the merged node's `Kind` kept.
        The load counted twice: crew posts held together are on air at once in their shared quarters."""
        roles, live, camera, quarters, worked, crew, days = self.info[left]
        roles_b, live_b, camera_b, quarters_b, worked_b, crew_b, days_b = self.info[right]
        verdict = self.verdict_of(roles | roles_b)
        if verdict is None or (camera and live_b or live and camera_b) and self._crosses(live, live_b):
            return None
        quarters |= quarters_b
        worked, crew, days = worked + worked_b, crew + crew_b, min(days, days_b)
        self.info[mask] = (roles | roles_b, live | live_b, camera | camera_b, quarters, worked, crew, days)
        if crew < 2:
            return verdict[0], 0.0
        return verdict[0], (worked - quarters.bit_count()) * 15 / 60 * days / FULL_TIME_HOURS

    def _crosses(self, left: int, right: int) -> bool:
        """Whether a live kind of `left` clashes with one of `right` (kinds as bits), pair by pair."""
        while left:
            low = left & -left
            i, rest = low.bit_length() - 1, right
            while rest:
                high = rest & -rest
                if self.clash(i, high.bit_length() - 1):
                    return True
                rest ^= high
            left ^= low
        return False


class BeamSearch:
    """Merges nodes until `target` remain, keeping the best `width` distinct states at each step."""

    def __init__(self, space: Space, width: int) -> None:
        self.space, self.width = space, width
        self.slots = count()

    def run(self, posts: list[tuple[int, float, int]], target: int) -> list[Node]:
        """The best state's nodes for posts given as (kind's bit number, load, badness alone), at `target` nodes
        or as few as rules allow."""
        return self.start(posts).at(target)

    def start(self, posts: list[tuple[int, float, int]]) -> Run:
        """A search of these posts that can be taken to any number of nodes, each asked-for level remembered."""
        first = {next(self.slots): self.leaf(i, kind, load, key) for i, (kind, load, key) in enumerate(posts)}
        delta = self.space.delta
        merges = [(d, x, y) for x, y in combinations(first, 2) if (d := delta(first[x], first[y])) is not None]
        beam = [State(sum(n.key for n in first.values()), first, sorted(merges), frozenset(n.ids for n in first.values()))]
        return Run(self, beam)

    def leaf(self, i: int, kind: int, load: float, key: int) -> Node:
        """The node of post number `i`, of the kind with bit number `kind`, alone."""
        return Node((i,), load, key, self.space.number(1 << kind, load), None, 1 << kind)

    def next_beam(self, beam: list[State], last: bool = False) -> tuple[list[State], list[Pending]]:
        """The best `width` distinct states one merge away from the beam's (`last`: the search may end with them,
        so their own merges are not worked out; the second list says how to, state by state)."""
        seen: set[frozenset[tuple[int, ...]]] = set()
        out: list[State] = []
        pending: list[Pending] = []
        for total, b, x, y in heapq.merge(*[_candidates(b, state) for b, state in enumerate(beam)]):
            parent = beam[b]
            a, c = parent.nodes[x], parent.nodes[y]
            ids = tuple(sorted(a.ids + c.ids))
            groups = parent.groups.difference((a.ids, c.ids)).union((ids,))
            if groups in seen:
                continue
            seen.add(groups)
            out.append(self._child(parent, x, y, ids, total, groups, last))
            if last:
                pending.append(Pending(parent, x, y, max(out[-1].nodes)))
            if len(out) == self.width:
                break
        return out, pending

    def _child(self, parent: State, x: int, y: int, ids: tuple[int, ...], total: int,
               groups: frozenset[tuple[int, ...]], last: bool = False) -> State:
        rest = dict(parent.nodes)
        a, b = rest.pop(x), rest.pop(y)
        delta = self.space.delta(a, b)
        assert delta is not None
        mask, load = a.mask | b.mask, a.load + b.load
        merged = Node(ids, load, a.key + b.key + delta, self.space.number(mask, load), (a, b), mask)
        slot = next(self.slots)
        rest[slot] = merged
        if last:
            return State(total, rest, [], groups)
        return State(total, rest, self._merges(parent, x, y, rest, slot), groups)

    def _merges(self, parent: State, x: int, y: int, nodes: dict[int, Node], slot: int) -> list[tuple[int, int, int]]:
        """The allowed merges of the state made from `parent` by merging slots `x` and `y` into `slot` (its
        nodes: `nodes`): the parent's but those of `x` and `y`, and those of the new node, sorted."""
        merges = [m for m in parent.merges if m[1] != x and m[1] != y and m[2] != x and m[2] != y]
        # `delta` inlined: this loop is most of the search's time.
        deltas, fresh, merged = self.space.deltas, self.space.fresh_delta, nodes[slot]
        uid = merged.uid
        for k, node in nodes.items():
            if k == slot:
                continue
            pair = node.uid << 32 | uid
            d = deltas.get(pair, NOT_TRIED)
            if d is NOT_TRIED:
                d = deltas[pair] = fresh(node, merged)
            if d is not None:
                merges.append((d, k, slot))  # type: ignore[arg-type]
        merges.sort()  # the inherited part is sorted already: the sort only places the new ones
        return merges


class Run:
    """One search taken as far as asked: the best nodes at each number of nodes reached, and where it stands."""

    def __init__(self, search: BeamSearch, beam: list[State]) -> None:
        self.search, self.beam = search, beam
        self.pending: list[Pending] = []
        self.levels = {len(beam[0].nodes): list(beam[0].nodes.values())}
        self.ended = False  # no merge left that rules allow

    def at(self, target: int) -> list[Node]:
        """The best state's nodes at `target` nodes (or as few as rules allow), searching on from where the run
        stands only when it has not been that far yet."""
        while not self.ended and len(self.beam[0].nodes) > target:
            self._step(last=len(self.beam[0].nodes) - 1 <= target)
        return self.levels[min(max(target, len(self.beam[0].nodes)), max(self.levels))]

    def _step(self, last: bool) -> None:
        if self.pending:  # the beam was made to be the last: work out its merges now
            self.beam = [state._replace(merges=self.search._merges(p.parent, p.x, p.y, state.nodes, p.slot))
                         for state, p in zip(self.beam, self.pending, strict=True)]
            self.pending = []
        following, pending = self.search.next_beam(self.beam, last)
        if not following:
            self.ended = True
            return
        self.beam, self.pending = following, pending
        self.levels[len(following[0].nodes)] = list(following[0].nodes.values())


def _candidates(b: int, state: State) -> Iterator[tuple[int, int, int, int]]:
    """The merges of the beam's state number `b`, best first: (badness after, b, slot, slot)."""
    return ((state.total + d, b, x, y) for d, x, y in state.merges)


class ClassRun:
    """A greedy search (one state, the best merge each step) for many posts, near-linear in them: nodes alike
    in posts and load (one `uid`) form a class, and merges are tried between classes, not nodes, so a step costs
    about the number of classes (a few dozen kinds of post among thousands). Ties break on class numbers, then
    the earliest slots. Taken on to fewer nodes as `Run` is, each level remembered."""

    def __init__(self, search: BeamSearch, posts: list[tuple[int, float, int]]) -> None:
        self.search = search
        self.classes: dict[int, int] = {}  # a node's number → its class, numbered as first seen in this run
        self.nodes: dict[int, Node] = {}
        self.members: dict[int, deque[int]] = {}  # class → its slots, earliest first
        self.sample: dict[int, Node] = {}  # class → a node of it (merges depend on the class alone)
        self.heap: list[tuple[int, int, int]] = []  # (badness change, class, class), stale entries skipped
        for i, (kind, load, key) in enumerate(posts):
            self._add(next(search.slots), search.leaf(i, kind, load, key))
        self.first = dict(self.nodes)
        self.history: list[tuple[int, int, int, Node]] = []  # each step's merge: (slot, slot, new slot, node)
        self.levels = {len(self.nodes): list(self.nodes.values())}
        self.ended = False

    def _add(self, slot: int, node: Node) -> None:
        """Seat a node; a class new to the state gets its merges with every class present."""
        self.nodes[slot] = node
        mine = self.classes.setdefault(node.uid, len(self.classes))
        members = self.members.setdefault(mine, deque())
        members.append(slot)
        if len(members) > 1:
            return
        self.sample[mine] = node
        for other, slots in self.members.items():
            if slots and other != mine:
                d = self.search.space.delta(self.sample[other], node)
                if d is not None:
                    low, high = sorted((other, mine))
                    heapq.heappush(self.heap, (d, low, high))

    def at(self, target: int) -> list[Node]:
        """The nodes at `target` (or as few as rules allow), searching on only past where the run stands."""
        while not self.ended and len(self.nodes) > target:
            self._step()
        size = min(max(target, len(self.nodes)), len(self.first))
        if size not in self.levels:  # replay the merges to that level (a level is kept only when asked for)
            nodes = dict(self.first)
            for x, y, slot, merged in self.history[:len(self.first) - size]:
                del nodes[x], nodes[y]
                nodes[slot] = merged
            self.levels[size] = list(nodes.values())
        return self.levels[size]

    def _step(self) -> None:
        heap, members = self.heap, self.members
        while heap and not (members[heap[0][1]] and members[heap[0][2]]):
            heapq.heappop(heap)  # a class no longer present
        if not heap:
            self.ended = True
            return
        d, u, v = heapq.heappop(heap)
        x, y = members[u].popleft(), members[v].popleft()
        if members[u] and members[v]:
            heapq.heappush(heap, (d, u, v))  # the pair is still there to merge next time
        a, b = self.nodes.pop(x), self.nodes.pop(y)
        mask, load = a.mask | b.mask, a.load + b.load
        merged = Node(tuple(sorted(a.ids + b.ids)), load, a.key + b.key + d,
                      self.search.space.number(mask, load), (a, b), mask)
        slot = next(self.search.slots)
        self._add(slot, merged)
        self.history.append((x, y, slot, merged))
