"""Packing posts into people: merge the posts one person can hold together (兼任) until the team fits.

Never a merge that a rule forbids at the stage; among the rest, the packing with the fewest pairings
that rules warn about, then uncommon pairs, then overload, then pairs the seed does not name.
Deterministic: ties break on post order.
"""

from __future__ import annotations

from functools import lru_cache
from itertools import combinations

import msgspec

from ..knowledge import Combination, KnowledgeBase
from ..text import Text
from .packsearch import BeamSearch, Node

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
    roles: tuple[str, ...] = ()  # the role ids of `posts`, in their order


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
        combos = self._combos = kb.combinations_at(stage)
        self._allowed = {frozenset(p) for c in combos for p in combinations(c.roles, 2)}
        self._seeded = {frozenset(p) for c in combos if c.from_seed for p in combinations(c.roles, 2)}
        self._rules = [r for r in kb.rule.values() if stage in r.stages and r.severity == "error"]
        self._terms: dict[frozenset[str], tuple[int, int, int] | None] = {}  # `_role_terms` by post set
        self._search = lru_cache(maxsize=1024)(self._search)  # type: ignore[method-assign]
        self._used = lru_cache(maxsize=4096)(self._used)  # type: ignore[method-assign]

    def pack(self, posts: list[Post], target: int) -> list[Seat]:
        """Merge posts into at most `target` people where rules allow, minimising the total badness.

        A beam search over merge sequences: each step merges one pair of seats in every kept state,
        and the best `beam_width` states go on. Badness per person is (pairings rules warn about,
        uncommon pairs, overload, pairs the seed does not name); the sum over people is compared in
        that order. Returns the best state at the target, or the smallest reachable one.
        """
        nodes = self._search(tuple((p.role, p.load) for p in posts), target)
        return sorted((self._seat(node, posts) for node in nodes), key=lambda seat: seat.ids[0])

    def _search(self, posts: tuple[tuple[str, float], ...], target: int) -> tuple[Node, ...]:
        """The search's best nodes for posts given as (role, load): all it looks at, so many merchants' plans
        share one search (remembered, up to 1,024 of them: see `__init__`)."""
        alone = [(role, load, badness(self._single_cost_of(load), load)) for role, load in posts]
        return tuple(BeamSearch(self._key_of, self.beam_width).run(alone, target))

    def _seat(self, node: Node, posts: list[Post]) -> Seat:
        """The seat a search node stands for, with its posts and the merges that made it."""
        if node.parts is None:
            post = posts[node.ids[0]]
            return Seat([post], [], self._single_cost(post), node.ids, post.load, (post.role,))
        a, b = (self._seat(part, posts) for part in node.parts)
        # The lead's title names the person; otherwise the heaviest post does.
        held = sorted(a.posts + b.posts, key=lambda p: (p.role != "team_lead", -p.load))
        cost = self.cost([*a.roles, *b.roles], a.load + b.load)
        assert cost is not None
        return Seat(held, [*a.merges, *b.merges, (list(a.roles), list(b.roles))], cost, node.ids, a.load + b.load,
                    tuple(p.role for p in held))

    def _single_cost(self, post: Post) -> Cost:
        return self._single_cost_of(post.load)

    def _single_cost_of(self, load: float) -> Cost:
        return (0, 0, round(max(0.0, load - self.kb.settings.max_load), 6), 0, -load)

    def cost(self, roles: list[str], load: float) -> Cost | None:
        """How bad it is for one person to hold `roles` (None: a rule forbids it at this stage).

        In order: pairings rules warn about, uncommon pairs, overload, pairs the seed does not name.
        """
        held = frozenset(roles)
        return None if len(held) < len(roles) else self._cost_of(held, load)

    def _cost_of(self, held: frozenset[str], load: float) -> Cost | None:
        if held not in self._terms:
            self._terms[held] = self._role_terms(held)
        terms = self._terms[held]
        if terms is None:
            return None
        warned, odd, seedless = terms
        return (warned, odd, round(max(0.0, load - self.kb.settings.max_load), 6), seedless, -load)

    def _key_of(self, held: frozenset[str], load: float) -> int | None:
        """The packed badness of one person holding these posts (None: not allowed), for the search."""
        cost = self._cost_of(held, load)
        return None if cost is None else badness(cost, load)

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

    def explain(self, seat: Seat) -> list[Merge]:
        """The merges that made a seat, with the combinations that justify each."""
        merges = []
        for left, right in seat.merges:
            used = self._used(tuple(left), tuple(right))
            roles = [*left, *right]
            load = sum(p.load for p in seat.posts if p.role in roles)
            cost = self.cost(roles, load)
            merges.append(Merge(tuple(roles), used, bool(cost and cost[1]), round(load, 2)))
        return merges

    def _used(self, left: tuple[str, ...], right: tuple[str, ...]) -> tuple[Combination, ...]:
        """The stage's combinations that join a post on the left with one on the right (remembered:
        see `__init__`)."""
        return tuple(c for c in self._combos if any(x in c.roles for x in left) and any(y in c.roles for y in right))

