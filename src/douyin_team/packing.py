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

    @property
    def roles(self) -> list[str]:
        """Role ids held, in the order they were added."""
        return [p.role for p in self.posts]

    @property
    def score(self) -> tuple[float, ...]:
        """This person's share of a packing's badness: the cost terms, then load² (to fill people evenly)."""
        return (*self.cost[:4], self.load * self.load)


class Merge(msgspec.Struct, frozen=True):
    """Why two seats became one: the combinations used, or the headcount that forced it."""

    roles: tuple[str, ...]
    combos: tuple[Combination, ...]
    forced: bool
    load: float


class Packer:
    """Merges seats at one stage under the knowledge base's combinations and rules."""

    def __init__(self, kb: KnowledgeBase, stage: str, beam_width: int = 6) -> None:
        self.kb, self.stage, self.beam_width = kb, stage, beam_width
        combos = kb.combinations_at(stage)
        self._allowed = {frozenset(p) for c in combos for p in combinations(c.roles, 2)}
        self._seeded = {frozenset(p) for c in combos if c.from_seed for p in combinations(c.roles, 2)}
        self._rules = [r for r in kb.rule.values() if stage in r.stages and r.severity == "error"]

    def pack(self, posts: list[Post], target: int) -> list[Seat]:
        """Merge posts into at most `target` people where rules allow, minimising the total badness.

        A beam search over merge sequences: each step merges one pair of seats in every kept state,
        and the best `beam_width` states go on. Badness per person is (pairings rules warn about,
        uncommon pairs, overload, pairs the seed does not name); the sum over people is compared in
        that order. Returns the best state at the target, or the smallest reachable one.
        """
        first = [Seat([p], cost=self._single_cost(p), ids=(i,), load=p.load) for i, p in enumerate(posts)]
        beam: list[tuple[tuple[float, ...], list[Seat]]] = [(_total(first), first)]
        merges: dict[tuple[tuple[int, ...], tuple[int, ...]], Seat | None] = {}
        while len(beam[0][1]) > target:
            candidates = []
            for b, (score, seats) in enumerate(beam):
                for i, j in combinations(range(len(seats)), 2):
                    pair = (seats[i].ids, seats[j].ids)
                    if pair not in merges:
                        merges[pair] = self._merge(seats[i], seats[j])
                    merged = merges[pair]
                    if merged is not None:
                        terms = zip(score, seats[i].score, seats[j].score, merged.score, strict=True)
                        candidates.append((tuple(round(t - x - y + m, 6) for t, x, y, m in terms), b, i, j))
            if not candidates:
                break
            candidates.sort()
            beam = self._next_beam(beam, candidates, merges)
        return sorted(beam[0][1], key=lambda seat: seat.ids[0])

    def _next_beam(
        self,
        beam: list[tuple[tuple[float, ...], list[Seat]]],
        candidates: list[tuple[tuple[float, ...], int, int, int]],
        merges: dict[tuple[tuple[int, ...], tuple[int, ...]], Seat | None],
    ) -> list[tuple[tuple[float, ...], list[Seat]]]:
        """The best `beam_width` distinct states among the sorted candidates."""
        seen: set[tuple[tuple[int, ...], ...]] = set()
        out: list[tuple[tuple[float, ...], list[Seat]]] = []
        for score, b, i, j in candidates:
            seats = beam[b][1]
            merged = merges[(seats[i].ids, seats[j].ids)]
            assert merged is not None
            state = [s for k, s in enumerate(seats) if k != i and k != j] + [merged]
            key = tuple(sorted(s.ids for s in state))
            if key not in seen:
                seen.add(key)
                out.append((score, state))
                if len(out) == self.beam_width:
                    break
        return out

    def _single_cost(self, post: Post) -> Cost:
        return (0, 0, round(max(0.0, post.load - self.kb.settings.max_load), 6), 0, -post.load)

    def cost(self, roles: list[str], load: float) -> Cost | None:
        """How bad it is for one person to hold `roles` (None: a rule forbids it at this stage).

        In order: pairings rules warn about, uncommon pairs, overload, pairs the seed does not name.
        """
        if len(set(roles)) < len(roles) or self._forbidden(roles) or self._exclusive(roles):
            return None
        pairs = [frozenset(p) for p in combinations(roles, 2)]
        odd = sum(1 for p in pairs if p not in self._allowed)
        if odd and self.kb.stage[self.stage].merge == "common":
            return None
        seedless = sum(1 for p in pairs if p not in self._seeded)
        overload = max(0.0, load - self.kb.settings.max_load)
        return (self._warned(roles), odd, round(overload, 6), seedless, -load)

    def _forbidden(self, roles: list[str]) -> bool:
        for rule in self._rules:
            if rule.check == "forbidden_combination" and set(rule.params["roles"]) <= set(roles):
                return True
            if rule.check == "core_single" and any(self.kb.role[r].core for r in roles):
                return True
            if rule.check == "dedicated_posts" and len(roles) > 1 and set(rule.params["need"]) & set(roles):
                return True
        return False

    def _exclusive(self, roles: list[str]) -> bool:
        held = set(roles)
        return any(set(pair) <= held for pair in self.kb.settings.exclusive_pairs)

    def _warned(self, roles: list[str]) -> int:
        held = set(roles)
        host_alone = "anchor" in held and bool(held & {"floor_control", "central_control"})
        boss_without_ads = {"team_lead", "live_ops"} <= held and "ad_buyer" not in held
        return int(host_alone) + int(boss_without_ads)

    def _merge(self, a: Seat, b: Seat) -> Seat | None:
        roles = a.roles + b.roles
        cost = self.cost(roles, a.load + b.load)
        if cost is None:
            return None
        # The lead's title names the person; otherwise the heaviest post does.
        posts = sorted(a.posts + b.posts, key=lambda p: (p.role != "team_lead", -p.load))
        return Seat(posts, [*a.merges, *b.merges, (a.roles, b.roles)], cost, tuple(sorted(a.ids + b.ids)),
                    a.load + b.load)

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


def _total(seats: list[Seat]) -> tuple[float, ...]:
    return tuple(round(sum(values), 6) for values in zip(*(s.score for s in seats), strict=True))
