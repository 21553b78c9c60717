"""Packing posts into people: merge the posts one person can hold together (兼任) until the team fits.

Never a merge that a rule forbids at the stage; among the rest, the packing with the fewest pairings
that rules warn about, then uncommon pairs, then overload, then pairs the seed does not name.
Deterministic: ties break on post order.
"""

from __future__ import annotations

from itertools import combinations

import msgspec

from .kb import Combination, KnowledgeBase
from .text import Text

Cost = tuple[int, int, float, int, float]
# A seat's badness terms packed into one integer, most significant first, each term in its own 64 bits
# (floats counted in millionths). Packed keys add up like the terms they hold, so a packing's badness is
# the sum of its seats' keys and a merge's effect one subtraction: exact, and cheap in the search's loop.
TERM = 1 << 64


class Post(msgspec.Struct, frozen=True):
    """One post to fill: a role, its load for this merchant, and why it is in the plan."""

    role: str
    load: float
    why: Text
    sources: list[str]
    notes: list[Text] = []


class Seat(msgspec.Struct):
    """One person in the making: the posts merged into them and the combinations that justified it."""

    posts: list[Post]
    merges: list[tuple[list[str], list[str]]] = []
    cost: Cost = (0, 0, 0.0, 0, 0.0)
    ids: tuple[int, ...] = ()
    load: float = 0.0
    key: int = 0  # badness(cost, load)
    held: frozenset[str] = frozenset()  # the role ids of `posts`

    @property
    def roles(self) -> list[str]:
        """Role ids held, in the order they were added."""
        return [p.role for p in self.posts]


def badness(cost: Cost, load: float) -> int:
    """One person's share of a packing's badness, packed into an integer (see TERM): the cost terms but the
    last, then load² (to fill people evenly)."""
    warned, odd, overload, seedless = cost[:4]
    return (((warned * TERM + odd) * TERM + round(overload * 1e6)) * TERM + seedless) * TERM + round(load * load * 1e6)


class Merge(msgspec.Struct, frozen=True):
    """Why two seats became one: the combinations used, or the headcount that forced it."""

    roles: tuple[str, ...]
    combos: tuple[Combination, ...]
    forced: bool
    load: float


def packer_for(kb: KnowledgeBase, stage: str) -> Packer:
    """The stage's packer, made once per knowledge base: it remembers which post sets rules allow."""
    packer = kb.derived.get(("packer", stage))
    if packer is None:
        packer = kb.derived[("packer", stage)] = Packer(kb, stage)
    assert isinstance(packer, Packer)
    return packer


class Packer:
    """Merges seats at one stage under the knowledge base's combinations and rules."""

    def __init__(self, kb: KnowledgeBase, stage: str, beam_width: int = 6) -> None:
        self.kb, self.stage, self.beam_width = kb, stage, beam_width
        combos = kb.combinations_at(stage)
        self._allowed = {frozenset(p) for c in combos for p in combinations(c.roles, 2)}
        self._seeded = {frozenset(p) for c in combos if c.from_seed for p in combinations(c.roles, 2)}
        self._rules = [r for r in kb.rule.values() if stage in r.stages and r.severity == "error"]
        self._terms: dict[frozenset[str], tuple[int, int, int] | None | tuple[()]] = {}  # `_role_terms` by post set

    def pack(self, posts: list[Post], target: int) -> list[Seat]:
        """Merge posts into at most `target` people where rules allow, minimising the total badness.

        A beam search over merge sequences: each step merges one pair of seats in every kept state,
        and the best `beam_width` states go on. Badness per person is (pairings rules warn about,
        uncommon pairs, overload, pairs the seed does not name); the sum over people is compared in
        that order. Returns the best state at the target, or the smallest reachable one.
        """
        first = [self._seat([p], [], self._single_cost(p), (i,)) for i, p in enumerate(posts)]
        beam: list[tuple[int, list[Seat]]] = [(sum(s.key for s in first), first)]
        merges: dict[tuple[tuple[int, ...], tuple[int, ...]], tuple[int, Cost] | None] = {}
        while len(beam[0][1]) > target:
            candidates = []
            for b, (total, seats) in enumerate(beam):
                for i, j in combinations(range(len(seats)), 2):
                    pair = (seats[i].ids, seats[j].ids)
                    merged = merges.get(pair, ())
                    if merged == ():
                        merged = merges[pair] = self._merge_cost(seats[i], seats[j])
                    if merged is not None:
                        candidates.append((total - seats[i].key - seats[j].key + merged[0], b, i, j))
            if not candidates:
                break
            candidates.sort()
            beam = self._next_beam(beam, candidates, merges)
        return sorted(beam[0][1], key=lambda seat: seat.ids[0])

    def _next_beam(
        self,
        beam: list[tuple[int, list[Seat]]],
        candidates: list[tuple[int, int, int, int]],
        merges: dict[tuple[tuple[int, ...], tuple[int, ...]], tuple[int, Cost] | None],
    ) -> list[tuple[int, list[Seat]]]:
        """The best `beam_width` distinct states among the sorted candidates."""
        seen: set[tuple[tuple[int, ...], ...]] = set()
        out: list[tuple[int, list[Seat]]] = []
        for score, b, i, j in candidates:
            seats = beam[b][1]
            ids = tuple(sorted(seats[i].ids + seats[j].ids))
            key = tuple(sorted([s.ids for k, s in enumerate(seats) if k != i and k != j] + [ids]))
            if key not in seen:
                seen.add(key)
                merged = merges[(seats[i].ids, seats[j].ids)]
                assert merged is not None
                out.append((score, [s for k, s in enumerate(seats) if k != i and k != j]
                            + [self._merged(seats[i], seats[j], merged[1])]))
                if len(out) == self.beam_width:
                    break
        return out

    def _single_cost(self, post: Post) -> Cost:
        return (0, 0, round(max(0.0, post.load - self.kb.settings.max_load), 6), 0, -post.load)

    def cost(self, roles: list[str], load: float) -> Cost | None:
        """How bad it is for one person to hold `roles` (None: a rule forbids it at this stage).

        In order: pairings rules warn about, uncommon pairs, overload, pairs the seed does not name.
        """
        held = frozenset(roles)
        if len(held) < len(roles):
            return None
        terms = self._terms.get(held, ())
        if terms == ():
            terms = self._terms[held] = self._role_terms(held)
        if terms is None:
            return None
        warned, odd, seedless = terms
        return (warned, odd, round(max(0.0, load - self.kb.settings.max_load), 6), seedless, -load)

    def _role_terms(self, held: frozenset[str]) -> tuple[int, int, int] | None:
        """The load-free part of `cost` for a set of posts: (warned, uncommon pairs, seedless pairs) or None."""
        if self._forbidden(held) or self._exclusive(held):
            return None
        pairs = [frozenset(p) for p in combinations(sorted(held), 2)]
        odd = sum(1 for p in pairs if p not in self._allowed)
        if odd and self.kb.stage[self.stage].merge == "common":
            return None
        seedless = sum(1 for p in pairs if p not in self._seeded)
        return (self._warned(held), odd, seedless)

    def _forbidden(self, held: frozenset[str]) -> bool:
        for rule in self._rules:
            if rule.check == "forbidden_combination" and set(rule.params["roles"]) <= held:
                return True
            if rule.check == "core_single" and any(self.kb.role[r].core for r in held):
                return True
            if rule.check == "dedicated_posts" and len(held) > 1 and set(rule.params["need"]) & held:
                return True
        return False

    def _exclusive(self, held: frozenset[str]) -> bool:
        return any(set(pair) <= held for pair in self.kb.settings.exclusive_pairs)

    def _warned(self, held: frozenset[str]) -> int:
        host_alone = "anchor" in held and bool(held & {"floor_control", "central_control"})
        boss_without_ads = {"team_lead", "live_ops"} <= held and "ad_buyer" not in held
        return int(host_alone) + int(boss_without_ads)

    def _merge_cost(self, a: Seat, b: Seat) -> tuple[int, Cost] | None:
        """The badness and cost of one person holding both seats' posts (None: not allowed)."""
        if not a.held.isdisjoint(b.held):
            return None  # two of the same post
        load = a.load + b.load
        cost = self.cost(list(a.held | b.held), load)
        return None if cost is None else (badness(cost, load), cost)

    def _merged(self, a: Seat, b: Seat, cost: Cost) -> Seat:
        # The lead's title names the person; otherwise the heaviest post does.
        posts = sorted(a.posts + b.posts, key=lambda p: (p.role != "team_lead", -p.load))
        return self._seat(posts, [*a.merges, *b.merges, (a.roles, b.roles)], cost, tuple(sorted(a.ids + b.ids)))

    def _seat(self, posts: list[Post], merges: list[tuple[list[str], list[str]]], cost: Cost,
              ids: tuple[int, ...]) -> Seat:
        load = sum(p.load for p in posts) if len(posts) > 1 else posts[0].load
        return Seat(posts, merges, cost, ids, load, badness(cost, load), frozenset(p.role for p in posts))

    def explain(self, seat: Seat) -> list[Merge]:
        """The merges that made a seat, with the combinations that justify each."""
        merges = []
        for left, right in seat.merges:
            used = tuple(c for c in self.kb.combinations_at(self.stage)
                         if any(x in c.roles for x in left) and any(y in c.roles for y in right))
            roles = [*left, *right]
            load = sum(p.load for p in seat.posts if p.role in roles)
            cost = self.cost(roles, load)
            merges.append(Merge(tuple(roles), used, bool(cost and cost[1]), round(load, 2)))
        return merges
