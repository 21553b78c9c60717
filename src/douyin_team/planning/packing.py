"""Packing posts into people: merge the posts one person can hold together (兼任) until the team fits.

Never a merge that a rule forbids at the stage; among the rest, the packing with the fewest pairings
that rules warn about, then uncommon pairs, then overload, then pairs the seed does not name.
Deterministic: ties break on post order.
"""

from __future__ import annotations

from functools import lru_cache
from itertools import combinations
from typing import cast

import msgspec

from ..knowledge import DAY, FULL_TIME_HOURS, Combination, KnowledgeBase, Rule
from ..text import Text
from .packsearch import BeamSearch, ClassRun, Node, Run

Cost = tuple[int, int, float, int, float]
# A seat by the places of its posts: (places in seat order, merges, cost, load, roles).
Shape = tuple[tuple[int, ...], tuple[tuple[list[str], list[str]], ...], Cost, float, tuple[str, ...]]
# A seat's badness terms packed into one integer, most significant first, each term in its own 64 bits
# (floats counted in millionths). Packed keys add up like the terms they hold, so a packing's badness is
# the sum of its seats' keys and a merge's effect one subtraction: exact, and cheap in the search's loop.
TERM = 1 << 64
TERM3, TERM4 = TERM**3, TERM**4
NOT_SEEN = object()
NOBODY: frozenset[str] = frozenset()
RUNS = 1024  # packing searches a packer keeps (each for one set of posts)
# Past this many posts to search, the greedy search by classes of alike posts (`ClassRun`, near-linear) replaces
# the beam search (about cubic in posts: seconds at a few hundred). Plans from one room's work stay well below.
BEAM_POSTS = 64


class Post(msgspec.Struct, frozen=True):
    """One post to fill: a role, its load for this merchant, and why it is in the plan."""

    role: str
    load: float
    why: Text
    sources: list[str]
    notes: list[Text] = []
    room: int = 0  # the live room of an on-air post
    windows: tuple[tuple[int, int], ...] = ()  # when the post works during live sessions (minutes of the day)

    days: int = 0  # days a week of an on-air crew post

    @property
    def token(self) -> str:
        """The post as the search sees it: its role, its live windows when it has any, and the days a week of
        on-air crew ('anchor@1140-1380#6')."""
        return _token(self.role, self.windows, self.days) if self.windows else self.role


@lru_cache(maxsize=16384)
def _token(role: str, windows: tuple[tuple[int, int], ...], days: int) -> str:
    return role + "@" + "+".join(f"{a}-{b}" for a, b in windows) + (f"#{days}" if days else "")


class Seat(msgspec.Struct):
    """One person in the making: the posts merged into them and the combinations that justified it."""

    posts: list[Post]
    merges: list[tuple[list[str], list[str]]] = []
    cost: Cost = (0, 0, 0.0, 0, 0.0)
    ids: tuple[int, ...] = ()
    load: float = 0.0
    roles: tuple[str, ...] = ()  # the role ids of `posts`, in their order


def window_overlap(a: tuple[int, int], b: tuple[int, int]) -> bool:
    """Whether two windows of the day (ends may pass midnight) share any minute."""
    return any(a[0] < b[1] + k * DAY and b[0] + k * DAY < a[1] for k in (-1, 0, 1))


@lru_cache(maxsize=16384)
def parse_token(token: str) -> tuple[str, tuple[tuple[int, int], ...], int]:
    """A post's token ('anchor@1140-1380+600-840#6') as (role, live windows, days a week of on-air crew)."""
    role, _, rest = token.partition("@")
    if not rest:
        return role, (), 0
    spans, _, days = rest.partition("#")
    windows = tuple((int(a), int(b)) for a, _, b in (part.partition("-") for part in spans.split("+")))
    return role, windows, int(days or 0)


def shared_load(tokens: frozenset[str]) -> float:
    """The load on-air crew posts held together count twice: their hours on air overlap, and one person spends
    those hours once (an assistant host who is also the floor control)."""
    return _shared_load([parse_token(t) for t in tokens])


@lru_cache(maxsize=16384)
def _quarters(windows: tuple[tuple[int, int], ...]) -> tuple[int, ...]:
    """The quarter hours (as minutes of the day) that live windows start, in order (one per quarter worked)."""
    return tuple(m for a, b in windows for m in range(a, b, 15))


def _shared_load(parsed: list[tuple[str, tuple[tuple[int, int], ...], int]]) -> float:
    """`shared_load` for posts already parsed by `parse_token`."""
    crew = [p for p in parsed if p[2]]
    if len(crew) < 2:
        return 0.0
    quarters = [_quarters(windows) for _, windows, _ in crew]
    worked = sum(map(len, quarters))
    days = min(d for _, _, d in crew)
    return (worked - len(set().union(*quarters))) * 15 / 60 * days / FULL_TIME_HOURS


def on_set_sharing(kb: KnowledgeBase, posts: list[Post]) -> float:
    """The load saved when the posts that may share a session on set (assistant host and floor control) are
    held together, session by session: their hours on air count once."""
    saved = 0.0
    for a, b in kb.settings.on_set_pairs:
        left = [p for p in posts if p.role == a and p.days]
        right = [p for p in posts if p.role == b and p.days]
        for x in left:
            match = next((y for y in right if y.room == x.room and y.windows == x.windows), None)
            if match is not None:
                right.remove(match)
                saved += shared_load(frozenset((x.token, match.token)))
    return saved


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


def _partners(pairs: set[frozenset[str]]) -> dict[str, frozenset[str]]:
    """Each role's partners in a set of role pairs (a role is never its own partner)."""
    out: dict[str, set[str]] = {}
    for pair in pairs:
        if len(pair) == 2:
            a, b = pair
            out.setdefault(a, set()).add(b)
            out.setdefault(b, set()).add(a)
    return {r: frozenset(p) for r, p in out.items()}


def _forbidding(kb: KnowledgeBase, rules: list[Rule]) -> tuple[list[frozenset[str]], frozenset[str], list[frozenset[str]]]:
    """What the stage's error rules forbid one person to hold: role sets never held together; core roles (held
    by no one with another post: `core_single`); posts that need a person of their own when the person holds more."""
    together = [frozenset(r.params["roles"]) for r in rules if r.check == "forbidden_combination"]
    core = frozenset(k for k, role in kb.role.items() if role.core) if any(r.check == "core_single" for r in rules) \
        else frozenset()
    dedicated = [frozenset(r.params["need"]) for r in rules if r.check == "dedicated_posts"]
    return together, core, dedicated


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
        self._on_set = {frozenset(p) for p in kb.settings.on_set_pairs}
        self._rules = [r for r in kb.rule.values() if stage in r.stages and r.severity == "error"]
        self._partners = (_partners(self._allowed), _partners(self._seeded))
        self._forbidding = _forbidding(kb, self._rules)
        self._max_load = kb.settings.max_load
        self._camera = frozenset(kb.settings.on_camera_roles)
        self._common_only = kb.stage[stage].merge == "common"
        self._terms: dict[frozenset[str], tuple[int, int, int, float] | None] = {}  # `_role_terms` by post set
        self._keys: dict[frozenset[str], tuple[int, float] | None] = {}  # `_key_of`'s load-free part by post set
        # The rules' verdict on a set of roles (their windows aside): knowledge only, the same for every merchant.
        self._by_roles: dict[frozenset[str], tuple[int, int, int] | None] = {}
        self._pair_clash: dict[tuple[str, str], bool] = {}  # `_crosses`, by pair of post tokens
        self._known: dict[frozenset[str], tuple[frozenset[str], tuple[tuple[str, tuple[tuple[int, int], ...], int], ...]]] = {}
        self._runs: dict[tuple[tuple[str, float], ...], Run | ClassRun] = {}
        self._shapes: dict[int, tuple[Node, Shape]] = {}  # `_shape` by node
        self._lone: dict[tuple[str, ...], frozenset[str]] = {}  # `_loners`' tokens by the plan's kinds of post  # `_search`'s runs by posts, the latest last
        self._used = lru_cache(maxsize=4096)(self._used)  # type: ignore[method-assign]

    def pack(self, posts: list[Post], target: int) -> list[Seat]:
        """Merge posts into at most `target` people where rules allow, minimising the total badness.

        A beam search over merge sequences: each step merges one pair of seats in every kept state,
        and the best `beam_width` states go on. Badness per person is (pairings rules warn about,
        uncommon pairs, overload, pairs the seed does not name); the sum over people is compared in
        that order. Returns the best state at the target, or the smallest reachable one. Posts that may
        join no other post here (a mature merchant's core posts) are seated alone before the search.
        """
        tokens = [p.token for p in posts]
        alone = self._loners(tokens)
        rest = [p for k, p in enumerate(posts) if k not in alone]
        key = tuple((t, p.load) for k, (t, p) in enumerate(zip(tokens, posts, strict=True)) if k not in alone)
        nodes = self._search(key, max(1, target - len(alone))) if rest else ()
        place = [k for k in range(len(posts)) if k not in alone]  # a searched post's index among all posts
        seats = [self._seat(node, rest) for node in nodes]
        for seat in seats:
            seat.ids = tuple(place[i] for i in seat.ids)
        seats += [Seat([posts[k]], [], self._single_cost_of(posts[k].load), (k,), posts[k].load, (posts[k].role,))
                  for k in sorted(alone)]
        return sorted(seats, key=lambda seat: seat.ids[0])

    def _loners(self, tokens: list[str]) -> set[int]:
        """Indices of posts (by token) that rules let join none of the other posts (compared by token, so cheaply)."""
        kinds = tuple(dict.fromkeys(tokens))
        lone = self._lone.get(kinds)
        if lone is None:
            if len(self._lone) >= RUNS:
                self._lone.clear()
            lone = self._lone[kinds] = frozenset(
                t for t in kinds if not any(u != t and self._cost_of(frozenset((t, u)), 0.0) is not None for u in kinds))
        return {k for k, t in enumerate(tokens) if t in lone} if lone else set()

    def _search(self, posts: tuple[tuple[str, float], ...], target: int) -> list[Node]:
        """The search's best nodes for posts given as (role, load): all it looks at, so many merchants' plans
        share one search. The search is kept (the latest `RUNS` of them) and taken on from where it stopped
        when a smaller team of the same posts is asked for (a plan's cheaper variant with fewer people)."""
        run = self._runs.pop(posts, None)
        if run is None:
            alone = [(role, load, badness(self._single_cost_of(load), load)) for role, load in posts]
            search = BeamSearch(self._terms_of, self._keys, self._max_load, self.beam_width)
            run = search.start(alone) if len(alone) <= BEAM_POSTS else ClassRun(search, alone)
            if len(self._runs) >= RUNS:
                del self._runs[next(iter(self._runs))]
        self._runs[posts] = run
        return run.at(target)

    def _seat(self, node: Node, posts: list[Post]) -> Seat:
        """The seat a search node stands for, with its posts and the merges that made it."""
        order, merges, cost, load, roles = self._shape(node, posts)
        return Seat([posts[i] for i in order], list(merges), cost, node.ids, load, roles)

    def _shape(self, node: Node, posts: list[Post]) -> Shape:
        """A node's seat with its posts by place: remembered per node (a node stands for the same posts, by
        token and load, whenever its search is asked again: the tries of a smaller team repack the same nodes)."""
        found = self._shapes.get(id(node))
        if found is not None and found[0] is node:
            return found[1]
        if node.parts is None:
            load = posts[node.ids[0]].load
            shape: Shape = (node.ids, (), self._single_cost_of(load), load, (posts[node.ids[0]].role,))
        else:
            a, b = (self._shape(part, posts) for part in node.parts)
            # The lead's title names the person; then a post on camera (a host who packs is a host); else the heaviest.
            camera = self.kb.settings.on_camera_roles
            held = tuple(sorted(a[0] + b[0], key=lambda i: (posts[i].role != "team_lead", posts[i].role not in camera,
                                                            -posts[i].load)))
            cost = self._cost_of(node.held, a[3] + b[3])
            assert cost is not None
            shape = (held, (*a[1], *b[1], (list(a[4]), list(b[4]))), cost, a[3] + b[3],
                     tuple(dict.fromkeys(posts[i].role for i in held)))
        if len(self._shapes) >= 65536:
            self._shapes.clear()
        self._shapes[id(node)] = (node, shape)  # the node kept with it, so its id is not reused while remembered
        return shape

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
        warned, odd, seedless, shared = terms
        load -= shared
        return (warned, odd, round(max(0.0, load - self.kb.settings.max_load), 6), seedless, -load)

    def _terms_of(self, a: frozenset[str], b: frozenset[str]) -> tuple[int, float] | None:
        """For the search: the load-free part of the badness of one person holding the posts of two of its seats,
        packed as `badness` packs them (the load terms left out: the search adds them), and the load their shared
        hours take off; None when not allowed. Remembered in `_keys`, where the search looks first. Both seats
        are allowed on their own (the search only holds such), so only a post of one can clash with one of the
        other."""
        held = a | b
        entry = self._keys.get(held, NOT_SEEN)
        if entry is NOT_SEEN:
            terms = self._terms.get(held, NOT_SEEN)
            if terms is NOT_SEEN:
                terms = self._terms[held] = self._merged_terms(a, b)
            entry = self._keys[held] = None if terms is None else (
                terms[0] * TERM4 + terms[1] * TERM3 + terms[2] * TERM, terms[3])  # type: ignore[index]
        return entry  # type: ignore[return-value]

    def _merged_terms(self, a: frozenset[str], b: frozenset[str]) -> tuple[int, int, int, float] | None:
        """`_role_terms(a | b)` for two allowed sets of posts, from what is known of each (`_facts`)."""
        (roles_a, crew_a), (roles_b, crew_b) = self._facts(a), self._facts(b)
        verdict = self._verdict(roles_a | roles_b)
        if verdict is None or self._crosses(a, b):
            return None
        warned, odd, seedless = verdict
        return (warned, odd, seedless, _shared_load([*crew_a, *crew_b]))

    def _facts(self, tokens: frozenset[str]) -> tuple[frozenset[str], tuple[tuple[str, tuple[tuple[int, int], ...], int], ...]]:
        """The roles of a set of posts, and its on-air crew posts parsed (remembered per set)."""
        found = self._known.get(tokens)
        if found is None:
            parsed = [parse_token(t) for t in tokens]
            found = self._known[tokens] = (frozenset(p[0] for p in parsed), tuple(p for p in parsed if p[2]))
        return found

    def _role_terms(self, tokens: frozenset[str]) -> tuple[int, int, int, float] | None:
        """The load-free part of `cost` for a set of posts (as tokens: see `Post.token`): (warned, uncommon
        pairs, seedless pairs, the load counted twice because two on-air posts share their hours), or None
        when rules forbid it or the posts clash in a live session."""
        parsed = [parse_token(t) for t in tokens]
        verdict = self._verdict(frozenset(p[0] for p in parsed))
        if verdict is None or self._clash(parsed):
            return None
        warned, odd, seedless = verdict
        return (warned, odd, seedless, _shared_load(parsed))

    def _verdict(self, held: frozenset[str]) -> tuple[int, int, int] | None:
        """`_roles_verdict`, remembered by role set."""
        found = self._by_roles.get(held, NOT_SEEN)
        if found is NOT_SEEN:
            found = self._by_roles[held] = self._roles_verdict(held)
        return cast("tuple[int, int, int] | None", found)

    def _roles_verdict(self, held: frozenset[str]) -> tuple[int, int, int] | None:
        """(warned, uncommon pairs, seedless pairs) for one person holding these roles, or None when the
        stage's rules forbid it."""
        if self._forbidden(held) or self._exclusive(held):
            return None
        pairs = len(held) * (len(held) - 1) // 2
        allowed, seeded = (sum(len(partners.get(r, NOBODY) & held) for r in held) // 2 for partners in self._partners)
        odd = pairs - allowed
        if odd and self._common_only:
            return None
        return (self._warned(held), odd, pairs - seeded)

    def _forbidden(self, held: frozenset[str]) -> bool:
        together, core, dedicated = self._forbidding
        return (any(roles <= held for roles in together) or not core.isdisjoint(held)
                or (len(held) > 1 and any(not need.isdisjoint(held) for need in dedicated)))

    def _clash(self, parsed: list[tuple[str, tuple[tuple[int, int], ...], int]]) -> bool:
        """Whether someone on camera would also hold another post working in the same live minutes (except the
        pairs that are both on set, such as assistant host and floor control); posts as `parse_token` gives them."""
        live = [(role, windows) for role, windows, _ in parsed if windows]
        camera = self._camera
        if len(live) < 2 or camera.isdisjoint(role for role, _ in live):
            return False
        for i, (role, mine) in enumerate(live):
            if role not in camera:
                continue
            for j, (other, theirs) in enumerate(live):
                if i != j and frozenset((role, other)) not in self._on_set and any(
                        window_overlap(a, b) for a in mine for b in theirs):
                    return True
        return False

    def _crosses(self, a: frozenset[str], b: frozenset[str]) -> bool:
        """Whether a post of `a` and a post of `b` clash in a live session (`_clash` of the two), pair by pair,
        each pair decided once. Only posts with live windows can clash (their tokens have an '@')."""
        mine = [t for t in a if "@" in t]
        theirs = [u for u in b if "@" in u] if mine else []
        pairs = self._pair_clash
        for t in mine:
            for u in theirs:
                found = pairs.get((t, u))
                if found is None:
                    found = pairs[(t, u)] = self._clash([parse_token(t), parse_token(u)])
                if found:
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
            mine = [p for p in seat.posts if p.role in roles]
            load = sum(p.load for p in mine) - shared_load(frozenset(p.token for p in mine))
            cost = self.cost(roles, load)
            merges.append(Merge(tuple(roles), used, bool(cost and cost[1]), round(load, 2)))
        return merges

    def _used(self, left: tuple[str, ...], right: tuple[str, ...]) -> tuple[Combination, ...]:
        """The stage's combinations that join a post on the left with one on the right (remembered:
        see `__init__`)."""
        return tuple(c for c in self._combos if any(x in c.roles for x in left) and any(y in c.roles for y in right))

