"""Packing posts into people: merge the posts one person can hold together (兼任) until the team fits.

Never a merge that a rule forbids at the stage; among the rest, the packing with the fewest pairings
that rules warn about, then uncommon pairs, then overload, then pairs the seed does not name.
Deterministic: ties break on post order.
"""

from __future__ import annotations

from collections.abc import Iterable
from functools import lru_cache
from itertools import combinations
from operator import attrgetter, is_
from typing import NamedTuple

import msgspec

from ..knowledge import DAY, FULL_TIME_HOURS, Combination, KnowledgeBase, Rule
from ..text import Text
from .packsearch import BeamSearch, ClassRun, Kind, Node, Run, Space, Verdict, kind

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
# Packing searches a packer keeps (each for one set of posts): enough for a plan, its variants and one more plan
# at once; few, as every state they keep is one more object for each full garbage collection to walk.
RUNS = 16
# Lists of posts whose packing a packer keeps (`Packer._recall`): a plan's, those of its variants and its parts.
RECALLED = 6
# Past this many posts to search, the greedy search by classes of alike posts (`ClassRun`, near-linear) replaces
# the beam search (about cubic in posts: seconds at a few hundred). Plans from one room's work stay well below.
BEAM_POSTS = 64
# A packer's `Space` (what its searches remember) is started anew past this many kinds of post (bits in a mask)
# or this many remembered entries: a served process stays within some tens of megabytes.
SPACE_KINDS, SPACE_SIZE = 2048, 300_000


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


_by_ids = attrgetter("ids")


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


@lru_cache(maxsize=16384)
def _quarter_bits(windows: tuple[tuple[int, int], ...]) -> int:
    """`_quarters` as one bit per minute of the day a quarter starts (the search unites them with `|`)."""
    bits = 0
    for m in _quarters(windows):
        bits |= 1 << m
    return bits


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


class _Known(NamedTuple):
    """What `Packer.pack` worked out for one list of posts (a copy of it kept, so compared post by post by
    identity: a plan's tries of one more person and its variants' tries of fewer people pack the same posts
    again, some in a list made anew each time, such as those an existing e-commerce team takes)."""

    posts: list[Post]
    alone: frozenset[int]  # the places of the posts rules seat alone (`Packer.loners`)
    rest: list[Post]  # the posts to search, their search key and their places among all posts
    key: tuple[tuple[str, float], ...]
    place: list[int]
    singles: list[Seat]  # the seat of each post seated alone (the same at every target)
    packed: dict[int, list[Seat]]  # the seats at each target asked for
    seats: dict[int, tuple[Node, Seat]]  # the seat of each search node met, by the node's id


def packer_for(kb: KnowledgeBase, stage: str) -> Packer:
    """The stage's packer, made once per knowledge base: it remembers which post sets rules allow."""
    packer = kb.derived.get(("packer", stage))
    if packer is None:
        packer = kb.derived[("packer", stage)] = Packer(kb, stage)
    assert isinstance(packer, Packer)
    return packer


class Packer:
    """Merges seats at one stage under the knowledge base's combinations and rules."""

    def __init__(self, kb: KnowledgeBase, stage: str, beam_width: int = 6, camera_day: bool = True) -> None:
        self.kb, self.stage, self.beam_width = kb, stage, beam_width
        # Whether the search keeps people on camera within a host's day when it can (`Space`); a packer without
        # it (`lenient`) is asked only when a budget cannot be met with it.
        self.camera_day = camera_day
        self._without_camera_day: Packer | None = None
        combos = self._combos = kb.combinations_at(stage)
        self._allowed = {frozenset(p) for c in combos for p in combinations(c.roles, 2)}
        self._seeded = {frozenset(p) for c in combos if c.from_seed for p in combinations(c.roles, 2)}
        self._on_set = {frozenset(p) for p in kb.settings.on_set_pairs}
        self._rules = [r for r in kb.rule.values() if stage in r.stages and r.severity == "error"]
        self._partners = (_partners(self._allowed), _partners(self._seeded))
        self._forbidding = _forbidding(kb, self._rules)
        self._max_load = kb.settings.max_load
        self._single: dict[float, Cost] = {}  # `_single_cost_of` by load
        self._alone_badness: dict[float, int] = {}  # `_single_badness` by load
        self._last: list[_Known] = []  # `pack`'s work on its last few lists of posts
        self._camera = frozenset(kb.settings.on_camera_roles)
        self._common_only = kb.stage[stage].merge == "common"
        self._terms: dict[tuple[str, ...], tuple[int, int, int, float] | None] = {}  # `_role_terms` by sorted posts
        # The rules' verdict on a set of roles (their windows aside), by the roles as bits (`_role_bit`):
        # knowledge only, the same for every merchant; integer keys, so nothing for the garbage collector to scan.
        self._bits: dict[str, int] = {}
        self._names: list[str] = []  # the roles by bit
        self.role_bits(kb.role)
        self._role_mates: dict[int, int] = {}  # `_mates`
        self._space = self._fresh_space()
        self._verdicts: dict[int, Verdict | None] = {}
        self._lone: dict[tuple[str, ...], frozenset[str]] = {}  # `_loners`' tokens by the plan's kinds of post
        self._used = lru_cache(maxsize=4096)(self._used)  # type: ignore[method-assign]

    def pack(self, posts: list[Post], target: int) -> list[Seat]:
        """Merge posts into at most `target` people where rules allow, minimising the total badness.

        A beam search over merge sequences: each step merges one pair of seats in every kept state,
        and the best `beam_width` states go on. Badness per person is (pairings rules warn about,
        uncommon pairs, overload, pairs the seed does not name); the sum over people is compared in
        that order. Returns the best state at the target, or the smallest reachable one. Posts that may
        join no other post here (a mature merchant's core posts) are seated alone before the search.
        """
        if len(self._parsed) > SPACE_KINDS or self._space.size() > SPACE_SIZE:
            self._space = self._fresh_space()  # what the old one remembered goes with it
            self._last = []
        known = self._recall(posts)
        found = known.packed.get(target)
        if found is None:  # the search is deterministic: the same posts at the same target pack alike every time
            found = known.packed[target] = self._packed(known, target)
        return list(found)  # the seats are never changed once made: the list is the caller's

    def _recall(self, posts: list[Post]) -> _Known:
        """What `pack` and `loners` worked out for these posts, kept for the last few lists of posts (a plan's
        tries of one more person, its variants' tries of fewer people: the same posts packed again)."""
        known = next((known for known in self._last if len(known.posts) == len(posts) and all(map(is_, known.posts, posts))),
                     None)
        if known is None:
            known = self._known(posts)
            self._last = [known, *self._last[:RECALLED - 1]]
        return known

    def _known(self, posts: list[Post]) -> _Known:
        """What `pack` works out for a list of posts before searching (see `_Known`)."""
        tokens = [p.token for p in posts]
        lone = self._loners(tuple(dict.fromkeys(tokens)))
        alone = {k for k, t in enumerate(tokens) if t in lone} if lone else set()
        rest = [p for k, p in enumerate(posts) if k not in alone]
        key = tuple((t, p.load) for k, (t, p) in enumerate(zip(tokens, posts, strict=True)) if k not in alone)
        place = [k for k in range(len(posts)) if k not in alone]  # a searched post's index among all posts
        singles = [Seat([posts[k]], [], self._single_cost_of(posts[k].load), (k,), posts[k].load, (posts[k].role,))
                   for k in sorted(alone)]
        return _Known(list(posts), frozenset(alone), rest, key, place, singles, {}, {})

    def _packed(self, known: _Known, target: int) -> list[Seat]:
        """`pack` of the known posts at `target`: the searched posts' seats and those seated alone, by place."""
        rest, place, made = known.rest, known.place, known.seats
        search, nodes = self._search(known.key, max(1, target - len(known.alone))) if rest else (None, [])
        seats = []
        for node in nodes:  # most nodes of one level are the next level's too: their seats are made once
            found = made.get(id(node))
            if found is None or found[0] is not node:
                assert search is not None
                seat = self._seat(search, node, rest)
                seat.ids = tuple(place[i] for i in seat.ids)
                found = made[id(node)] = (node, seat)  # the node kept with it, so its id is not reused
            seats.append(found[1])
        seats += known.singles
        seats.sort(key=_by_ids)  # as by the first post's place: no two seats share a post
        return seats

    def lenient(self) -> Packer:
        """This stage's packer that does not keep people on camera within a host's day (made once): steered
        away from long days on camera, the beam can end where nothing more may merge, short of a tight budget."""
        if self._without_camera_day is None:
            self._without_camera_day = Packer(self.kb, self.stage, self.beam_width, camera_day=False)
        return self._without_camera_day

    def loners(self, posts: list[Post]) -> frozenset[int]:
        """The places of the posts that rules let join none of the others: each is one person of its own."""
        return self._recall(posts).alone

    def _loners(self, kinds: tuple[str, ...]) -> frozenset[str]:
        """The tokens of posts that rules let join none of the other kinds of post (remembered by the kinds)."""
        lone = self._lone.get(kinds)
        if lone is None:
            if len(self._lone) >= RUNS:
                self._lone.clear()
            bits = [self._kind_bit(t) for t in kinds]
            found = [self._space.info[1 << bit] for bit in bits]
            of_role: dict[int, int] = {}  # a role's bit → the kinds of post of that role, as bits
            for bit, facts in zip(bits, found, strict=True):
                of_role[facts[0]] = of_role.get(facts[0], 0) | 1 << bit
            live = sum(facts[1] for facts in found)
            mates: dict[int, int] = {}  # the kinds a role may be held with (their roles together allowed)
            present = sum(of_role)  # the roles of these posts, as bits
            for role in of_role:
                kinds_of, rest = 0, self._mates(role) & present
                while rest:
                    low = rest & -rest
                    kinds_of |= of_role[low]
                    rest ^= low
                mates[role] = kinds_of
            lone = self._lone[kinds] = frozenset(
                t for t, bit, facts in zip(kinds, bits, found, strict=True) if not self._has_mate(bit, facts, mates[facts[0]], live))
        return lone

    def _has_mate(self, bit: int, facts: Kind, mates: int, live: int) -> bool:
        """Whether a kind of post (its bit) may be held with one of `mates` (kinds as bits): one with no live
        window, else one it does not clash with on air (`live`: the kinds with live windows)."""
        mates &= ~(1 << bit)
        if not facts[1] or mates & ~live:
            return bool(mates)
        while mates:
            low = mates & -mates
            if not self._kinds_clash(bit, low.bit_length() - 1):
                return True
            mates ^= low
        return False

    def _fresh_space(self) -> Space:
        """A new `Space` for the searches, with no kind of post known yet."""
        self._bits_of: dict[str, int] = {}  # each token's bit number in the space
        self._parsed: list[tuple[str, tuple[tuple[int, int], ...], int]] = []  # the tokens parsed, by bit number
        self._clashes: dict[int, bool] = {}  # `_kinds_clash` by the pair of bit numbers
        self._runs: dict[tuple[tuple[str, float], ...], Run | ClassRun] = {}  # `_search`'s runs by posts, the latest last
        # `_shape` by search (kept with it, so its id is not reused), then node: dropped with the search's run.
        self._shapes: dict[int, tuple[BeamSearch, dict[int, tuple[Node, Shape]], list[tuple[bool, bool, float]]]] = {}
        day = int(self.kb.figures.max_session_hours.value * 60) // 15 if self.camera_day else DAY // 15
        owner = self.role_bits(("team_lead",)) if self.stage in self.kb.pay_figures.owner_stages.value else 0
        return Space(self._verdict_of, self._kinds_clash, self._max_load, day, owner, self.kb.settings.owner_overload_weight)

    def _kind_bit(self, token: str) -> int:
        """A kind of post's bit number in the space (its `Kind` added when new)."""
        bit = self._bits_of.get(token)
        if bit is None:
            bit = self._bits_of[token] = len(self._parsed)
            role, windows, days = parsed = parse_token(token)
            self._parsed.append(parsed)
            live = 1 << bit if windows else 0
            camera = live if role in self._camera else 0
            quarters = _quarter_bits(windows)
            self._space.info[1 << bit] = kind(self.role_bits((role,)), live, camera, quarters,
                                              len(_quarters(windows)), 1, days, quarters if camera else 0) if days else \
                kind(self.role_bits((role,)), live, camera)
        return bit

    def _kinds_clash(self, i: int, j: int) -> bool:
        """`pair_clashes` of two kinds of post by bit number, remembered."""
        key = i << 32 | j if i < j else j << 32 | i
        found = self._clashes.get(key)
        if found is None:
            found = self._clashes[key] = self.pair_clashes(self._parsed[i], self._parsed[j])
        return found

    def _mates(self, role: int) -> int:
        """The roles (as bits) that one person may hold with the role given as its bit (itself included when two
        posts of it may be held together), remembered."""
        found = self._role_mates.get(role)
        if found is None:
            found = self._role_mates[role] = sum(1 << k for k in range(len(self._names))
                                                 if self._verdict_of(role | 1 << k) is not None)
        return found

    def _search(self, posts: tuple[tuple[str, float], ...], target: int) -> tuple[BeamSearch, list[Node]]:
        """The search's best nodes for posts given as (token, load): all it looks at, so many merchants' plans
        share one search. The search is kept (the latest `RUNS` of them) and taken on from where it stopped
        when a smaller team of the same posts is asked for (a plan's cheaper variant with fewer people)."""
        run = self._runs.pop(posts, None)
        if run is None:
            alone = [(self._kind_bit(token), load, self._single_badness(load)) for token, load in posts]
            search = BeamSearch(self._space, self.beam_width)
            run = search.start(alone) if len(alone) <= BEAM_POSTS else ClassRun(search, alone)
            if len(self._runs) >= RUNS:
                gone = self._runs.pop(next(iter(self._runs)))
                self._shapes.pop(id(gone.search), None)
        self._runs[posts] = run
        return run.search, run.at(target)

    def _seat(self, search: BeamSearch, node: Node, posts: list[Post]) -> Seat:
        """The seat a search node stands for, with its posts and the merges that made it."""
        order, merges, cost, load, roles = self._shape(search, node, posts)
        return Seat([posts[i] for i in order], list(merges), cost, node.ids, load, roles)

    def _shape(self, search: BeamSearch, node: Node, posts: list[Post]) -> Shape:
        """A node's seat with its posts by place: remembered per node (a node stands for the same posts, by
        token and load, whenever its search is asked again: the tries of a smaller team repack the same nodes)."""
        kept = self._shapes.get(id(search))
        if kept is None:
            # The order of a seat's posts: the lead's title names the person; then a post on camera (a host who
            # packs is a host); else the heaviest. By place, for the search's posts (the same roles and loads
            # whichever list of them asks).
            camera = self.kb.settings.on_camera_roles
            rank = [(p.role != "team_lead", p.role not in camera, -p.load) for p in posts]
            kept = self._shapes[id(search)] = (search, {}, rank)
        shapes = kept[1]
        found = shapes.get(id(node))
        if found is not None and found[0] is node:
            return found[1]
        if node.parts is None:
            load = posts[node.ids[0]].load
            shape: Shape = (node.ids, (), self._single_cost_of(load), load, (posts[node.ids[0]].role,))
        else:
            a, b = (self._shape(search, part, posts) for part in node.parts)
            held = tuple(sorted(a[0] + b[0], key=kept[2].__getitem__))
            (_, warned, odd, seedless), shared = search.space.parts(node.mask)
            load = a[3] + b[3]
            over = max(0.0, load - shared - self._max_load)
            if search.space.info[node.mask][0] & search.space.owner:
                over *= self.kb.settings.owner_overload_weight
            cost = (warned, odd, round(over, 6), seedless, -(load - shared))
            shape = (held, (*a[1], *b[1], (list(a[4]), list(b[4]))), cost, load,
                     tuple(dict.fromkeys(posts[i].role for i in held)))
        shapes[id(node)] = (node, shape)  # the node kept with it, so its id is not reused while remembered
        return shape

    def _single_badness(self, load: float) -> int:
        """`badness` of one post held alone, remembered by load as its cost is."""
        found = self._alone_badness.get(load)
        if found is None:
            if len(self._alone_badness) >= 65536:
                self._alone_badness.clear()
            found = self._alone_badness[load] = badness(self._single_cost_of(load), load)
        return found

    def _single_cost_of(self, load: float) -> Cost:
        """The cost of one post held alone (remembered by load: a big plan has many posts of one load)."""
        found = self._single.get(load)
        if found is None:
            if len(self._single) >= 65536:
                self._single.clear()
            found = self._single[load] = (0, 0, round(max(0.0, load - self._max_load), 6), 0, -load)
        return found

    def cost(self, roles: list[str], load: float) -> Cost | None:
        """How bad it is for one person to hold `roles` (None: a rule forbids it at this stage).

        In order: pairings rules warn about, uncommon pairs, overload, pairs the seed does not name.
        """
        held = frozenset(roles)
        return None if len(held) < len(roles) else self._cost_of(held, load)

    def _cost_of(self, held: frozenset[str], load: float) -> Cost | None:
        key = tuple(sorted(held))
        if key not in self._terms:
            if len(self._terms) >= 65536:
                self._terms.clear()
            self._terms[key] = self._role_terms(held)
        terms = self._terms[key]
        if terms is None:
            return None
        warned, odd, seedless, shared = terms
        load -= shared
        over = max(0.0, load - self.kb.settings.max_load)
        if "team_lead" in held and self.stage in self.kb.pay_figures.owner_stages.value:
            over *= self.kb.settings.owner_overload_weight  # the unpaid owner's own hours (packsearch.Space)
        return (warned, odd, round(over, 6), seedless, -load)

    def _role_terms(self, tokens: frozenset[str]) -> tuple[int, int, int, float] | None:
        """The load-free part of `cost` for a set of posts (as tokens: see `Post.token`): (warned, uncommon
        pairs, seedless pairs, the load counted twice because two on-air posts share their hours), or None
        when rules forbid it or the posts clash in a live session."""
        parsed = [parse_token(t) for t in tokens]
        verdict = self._verdict_of(self.role_bits(p[0] for p in parsed))
        if verdict is None or self._clash(parsed):
            return None
        return (*verdict[1:], _shared_load(parsed))

    def role_bits(self, roles: Iterable[str]) -> int:
        """Roles as bits, one per role (numbered as first met by this packer)."""
        out, bits = 0, self._bits
        for role in roles:
            bit = bits.get(role)
            if bit is None:
                bit = bits[role] = 1 << len(self._names)
                self._names.append(role)
                self._role_mates = {}  # they did not know this role
            out |= bit
        return out

    def _verdict_of(self, roles: int) -> Verdict | None:
        """`_roles_verdict` of roles given as bits (`role_bits`), its terms also packed as `badness` packs
        them (the load terms left out: the search adds them); remembered."""
        found = self._verdicts.get(roles, NOT_SEEN)
        if found is NOT_SEEN:
            verdict = self._roles_verdict(frozenset(r for k, r in enumerate(self._names) if roles >> k & 1))
            found = self._verdicts[roles] = None if verdict is None else (
                verdict[0] * TERM4 + verdict[1] * TERM3 + verdict[2] * TERM, *verdict)
        return found  # type: ignore[return-value]

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

    def pair_clashes(self, one: tuple[str, tuple[tuple[int, int], ...], int],
                     other: tuple[str, tuple[tuple[int, int], ...], int]) -> bool:
        """`_clash` of two posts (as `parse_token` gives them): one of them on camera, the two not a pair
        that is on set together, and their live windows overlapping."""
        (role, mine, _), (theirs_role, theirs, _) = one, other
        if role not in self._camera and theirs_role not in self._camera or frozenset((role, theirs_role)) in self._on_set:
            return False
        return any(window_overlap(a, b) for a in mine for b in theirs)

    def _crosses(self, a: frozenset[str], b: frozenset[str]) -> bool:
        """Whether a post of `a` and a post of `b` clash in a live session (`_clash` of the two). Only posts with
        live windows can clash (their tokens have an '@')."""
        theirs = [parse_token(u) for u in b if "@" in u]
        return any(self.pair_clashes(parse_token(t), u) for t in a if "@" in t for u in theirs)

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

