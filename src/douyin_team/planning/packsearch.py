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
from operator import itemgetter
from typing import NamedTuple

from ..knowledge import FULL_TIME_HOURS

# The rules' verdict on one person holding a set of roles (given as bits: packing.Packer._verdict_of): the
# terms but the load ones packed into an integer as packing.badness packs them, then those terms (warned,
# uncommon pairs, seedless pairs); None when rules forbid the set.
Verdict = tuple[int, int, int, int]
VerdictOf = Callable[[int], "Verdict | None"]
Terms = tuple[int, float]  # a merged node's packed load-free badness, and the load its shared hours take off
TERM = 1 << 64  # as packing.TERM: each term of a packed badness in its own 64 bits
TERM2 = TERM * TERM
TERM4 = TERM2 * TERM2  # one pairing rules warn about, the most significant term (packing.badness)
NOT_TRIED = object()
NO_DAYS = 1 << 30  # the days a week of a node without on-air crew: more than any crew post's


# What decides whether posts may merge, for one kind of post (a token: alike posts share it) or a node's posts
# together, with kinds as bits (`Space`): (their roles as bits of the packer's roles; which of them work in
# live windows; which of those are on camera; of its on-air crew posts, their quarter hours on air (one bit
# per minute of the day a quarter starts), how many quarters they work (counted post by post), how many crew
# posts there are and their fewest days a week; the quarter hours its on-camera crew posts are on camera, as
# bits alike). Merging two is a few integer operations, whatever the windows.
# A plain tuple of integers, which the garbage collector stops tracking (a named tuple it would walk forever).
Kind = tuple[int, int, int, int, int, int, int, int]


def kind(roles: int, live: int = 0, camera: int = 0, quarters: int = 0, worked: int = 0, crew: int = 0,
         days: int = NO_DAYS, shot: int = 0) -> Kind:
    """A `Kind` from its parts."""
    return (roles, live, camera, quarters, worked, crew, days, shot)


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


# A `Node` made from its fields as one tuple, without the named tuple's `__new__` (a Python-level call): the
# search makes one per merge it tries.
_node = tuple.__new__
_ids = itemgetter(0)  # a node's `ids`, read by place


class State:
    """One packing: its badness; its nodes by slot, in order (a merged node takes a new, higher slot at the
    end); the merges of two of its nodes that rules allow, sorted: (badness change, slot, slot); and which
    posts it groups together, as a sum of its nodes' `ids` hashes (`sig`: states alike when their groups are).

    The merges are worked out only when read: a state made by merging slots `x` and `y` of its parent keeps
    the parent's sorted merges (`inherited`) and adds its new node's (`new`, worked out on first read); read in
    order they are the two lists merged, less the parent's merges of `x` and `y`, lazily (`candidates`); the
    whole list is made (`full`) only when the state has a child, which inherits it."""

    __slots__ = ("total", "nodes", "sig", "inherited", "x", "y", "slot", "new", "whole", "groups", "search")

    def __init__(self, total: int, nodes: dict[int, Node], sig: int, inherited: list[tuple[int, int, int]],
                 search: BeamSearch | None = None, x: int = -1, y: int = -1, slot: int = -1) -> None:
        self.total, self.nodes, self.sig, self.inherited = total, nodes, sig, inherited
        self.search, self.x, self.y, self.slot = search, x, y, slot
        self.new: list[tuple[int, int, int]] | None = None if search is not None else []
        self.whole: list[tuple[int, int, int]] | None = inherited if search is None else None
        self.groups: frozenset[tuple[int, ...]] | None = None

    def grouping(self) -> frozenset[tuple[int, ...]]:
        """Which posts the state groups together (its nodes' `ids`), remembered."""
        if self.groups is None:
            self.groups = frozenset(map(_ids, self.nodes.values()))
        return self.groups

    def fresh(self) -> list[tuple[int, int, int]]:
        """The new node's merges with the others, sorted (worked out once)."""
        if self.new is None:
            assert self.search is not None
            self.new = self.search.new_merges(self.nodes, self.slot)
        return self.new

    def full(self) -> list[tuple[int, int, int]]:
        """All the state's merges, sorted (made once)."""
        if self.whole is None:
            gone = {self.x, self.y}
            merges = [m for m in self.inherited if m[1] not in gone and m[2] not in gone]
            merges += self.fresh()
            merges.sort()  # two sorted runs: the sort merges them
            self.whole = merges
            self.inherited = []  # no longer needed: the parent's list may go
        return self.whole

    def candidates(self, b: int) -> Iterator[tuple[int, int, int, int]]:
        """The state's merges best first, as (badness after, b, slot, slot) for the beam's state number `b`."""
        total = self.total
        if self.whole is not None:
            for d, p, q in self.whole:
                yield total + d, b, p, q
            return
        gone = {self.x, self.y}
        new = self.fresh()
        k, n = 0, len(new)
        for m in self.inherited:
            if m[1] in gone or m[2] in gone:
                continue
            while k < n and new[k] < m:
                d, p, q = new[k]
                yield total + d, b, p, q
                k += 1
            yield total + m[0], b, m[1], m[2]
        for d, p, q in new[k:]:
            yield total + d, b, p, q


class Space:
    """What the searches of one packer share, all by integers: each kind of post is one bit (`Kind`), given by
    the packer; a node's posts are the bits of their kinds (`mask`). Remembered: each mask's `Kind` and `Terms`,
    each (mask, load)'s number, and each pair of numbers' badness change. These hold for every search of the
    packer (for a plan, its variants and the next merchants alike), so a variant's search, mostly of the plan's
    own posts, finds most of its merges already priced.

    One person on camera for more than `camera_quarters` quarter hours a day (a host's day on air) counts as a
    pairing rules warn about: the search seats them so only when no other packing reaches the headcount (a tight
    budget), and the plan then says who is on camera that long (planning.reasons.long_day_decisions).

    The unpaid owner's own seat (holding a role of `owner`) weighs its work past a full week at `owner_weight`
    of a hire's: planning adds a person for a hire past the stage's tolerance but not for the owner, so the
    search that weighed both alike could leave a hire too heavy (and a person added) where the owner could
    take the post at a little more badness."""

    def __init__(self, verdict_of: VerdictOf, clash: Callable[[int, int], bool], max_load: float,
                 camera_quarters: int, owner: int = 0, owner_weight: float = 1.0) -> None:
        self.verdict_of, self.clash, self.max_load = verdict_of, clash, max_load
        self.camera_quarters = camera_quarters
        self.owner, self.owner_weight = owner, owner_weight
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
        packed: int = found[0]  # type: ignore[index]
        load: float = a.load + b.load - found[1]  # type: ignore[index]
        # packing.badness with the load terms added: overload (in millionths, two terms up), then load².
        key = packed + round(load * load * 1e6)
        if load > self.max_load:
            over = load - self.max_load
            key += round(round(over * self.owner_weight if self.info[mask][0] & self.owner else over, 6) * 1e6) * TERM2
        return key - a.key - b.key

    def _merged(self, left: int, right: int, mask: int) -> Terms | None:
        """The `Terms` of one person holding the posts of two allowed nodes (by their masks), None when rules
        forbid it or a post of one clashes with a post of the other on air; the merged node's `Kind` kept.
        The load counted twice: crew posts held together are on air at once in their shared quarters."""
        roles, live, camera, quarters, worked, crew, days, shot = self.info[left]
        roles_b, live_b, camera_b, quarters_b, worked_b, crew_b, days_b, shot_b = self.info[right]
        verdict = self.verdict_of(roles | roles_b)
        if verdict is None or (camera and live_b or live and camera_b) and self._crosses(live, live_b):
            return None
        quarters |= quarters_b
        shot |= shot_b
        worked, crew, days = worked + worked_b, crew + crew_b, min(days, days_b)
        self.info[mask] = (roles | roles_b, live | live_b, camera | camera_b, quarters, worked, crew, days, shot)
        packed = verdict[0] + TERM4 if shot.bit_count() > self.camera_quarters else verdict[0]
        if crew < 2:
            return packed, 0.0
        return packed, (worked - quarters.bit_count()) * 15 / 60 * days / FULL_TIME_HOURS

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
        deltas, terms, fresh = self.space.deltas, self.space.terms, self.space.fresh_delta
        merges: list[tuple[int, int, int]] = []
        for x, y in combinations(first, 2):  # `Space.delta`, inlined as in `new_merges`
            a, b = first[x], first[y]
            if a[5] & b[5]:
                continue
            pair = a[3] << 32 | b[3]
            d = deltas.get(pair, NOT_TRIED)
            if d is NOT_TRIED:
                d = deltas[pair] = fresh(a, b) if terms.get(a[5] | b[5], NOT_TRIED) is not None else None
            if d is not None:
                merges.append((d, x, y))  # type: ignore[arg-type]
        merges.sort()
        beam = [State(sum(n.key for n in first.values()), first, sum(hash(n.ids) for n in first.values()), merges)]
        return Run(self, beam)

    def leaf(self, i: int, kind: int, load: float, key: int) -> Node:
        """The node of post number `i`, of the kind with bit number `kind`, alone."""
        return _node(Node, ((i,), load, key, self.space.number(1 << kind, load), None, 1 << kind))

    def next_beam(self, beam: list[State]) -> list[State]:
        """The best `width` distinct states one merge away from the beam's."""
        seen: dict[int, list[State]] = {}  # by `sig`: the states made so far (alike ones compared by grouping)
        out: list[State] = []
        numbers, slots, width = self.space.numbers, self.slots, self.width
        merged = beam[0].candidates(0) if len(beam) == 1 else heapq.merge(*[state.candidates(b) for b, state in enumerate(beam)])
        for total, b, x, y in merged:
            parent = beam[b]
            nodes = parent.nodes
            a, c = nodes[x], nodes[y]
            ida, idc = a[0], c[0]
            ids = tuple(sorted(ida + idc))
            sig = parent.sig - hash(ida) - hash(idc) + hash(ids)
            alike = seen.get(sig)
            if alike is not None:
                # Alike when the other groups these posts together and every other group of the parent's but the
                # two merged (states of one step are groupings of the same posts into as many groups).
                groups = parent.grouping()
                if any(ids in other.grouping() and len(groups - other.grouping()) == 2 for other in alike):
                    continue
            else:
                alike = seen[sig] = []
            # The child: the parent's nodes but the two, and the merged node in a new slot (`Space.number` inlined).
            rest = dict(nodes)
            del rest[x], rest[y]
            mask, load = a[5] | c[5], a[1] + c[1]
            uid = numbers.setdefault((mask, load), len(numbers))
            slot = next(slots)
            rest[slot] = _node(Node, (ids, load, a[2] + c[2] + total - parent.total, uid, (a, c), mask))
            child = State(total, rest, sig, parent.full(), self, x, y, slot)
            alike.append(child)
            out.append(child)
            if len(out) == width:
                break
        return out

    def new_merges(self, nodes: dict[int, Node], slot: int) -> list[tuple[int, int, int]]:
        """The allowed merges of the node at `slot` with the other `nodes`, sorted."""
        # `Space.delta` and `Space.fresh_delta` inlined for the pairs already priced: this loop is most of the
        # search's time. Nodes are read by place (uid 3, mask 5): faster than by name.
        space = self.space
        deltas, terms, fresh, merged = space.deltas, space.terms, space.fresh_delta, nodes[slot]
        uid, mask = merged[3], merged[5]
        merges: list[tuple[int, int, int]] = []
        for k, node in nodes.items():
            if node[5] & mask:  # a post of the same kind twice (the node itself too): never allowed
                continue
            pair = node[3] << 32 | uid
            d = deltas.get(pair, NOT_TRIED)
            if d is NOT_TRIED:
                d = deltas[pair] = fresh(node, merged) if terms.get(node[5] | mask, NOT_TRIED) is not None else None
            if d is not None:
                merges.append((d, k, slot))  # type: ignore[arg-type]
        merges.sort()
        return merges


class Run:
    """One search taken as far as asked: the best nodes at each number of nodes reached, and where it stands."""

    def __init__(self, search: BeamSearch, beam: list[State]) -> None:
        self.search, self.beam = search, beam
        self.levels = {len(beam[0].nodes): list(beam[0].nodes.values())}
        self.ended = False  # no merge left that rules allow

    def at(self, target: int) -> list[Node]:
        """The best state's nodes at `target` nodes (or as few as rules allow), searching on from where the run
        stands only when it has not been that far yet."""
        while not self.ended and len(self.beam[0].nodes) > target:
            self._step()
        return self.levels[min(max(target, len(self.beam[0].nodes)), max(self.levels))]

    def _step(self) -> None:
        following = self.search.next_beam(self.beam)
        if not following:
            self.ended = True
            return
        self.beam = following
        self.levels[len(following[0].nodes)] = list(following[0].nodes.values())


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
