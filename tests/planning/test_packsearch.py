"""The packing search: the incremental beam search keeps exactly the choices of the plain one it replaced."""

from __future__ import annotations

from itertools import combinations

from hypothesis import given, settings
from hypothesis import strategies as st

from douyin_team.planning.packing import BEAM_POSTS, Packer, Post, badness, packer_for
from douyin_team.text import Text

WHY = Text(zh="测试", en="test")
Seat = tuple[frozenset[str], float, tuple[int, ...], int]  # roles, load, post indices, badness


def plain_search(packer: Packer, posts: list[Post], target: int) -> list[tuple[int, ...]]:
    """The search as first written: every merge of every state scored and sorted by (badness after, state,
    places of the two seats); the best `beam_width` distinct states go on. Returns the post indices per seat."""
    first: list[Seat] = [(frozenset([p.role]), p.load, (i,), badness(packer._single_cost_of(p.load), p.load))
                         for i, p in enumerate(posts)]
    beam: list[tuple[int, list[Seat]]] = [(sum(s[3] for s in first), first)]
    while len(beam[0][1]) > target:
        candidates = []
        for b, (total, seats) in enumerate(beam):
            for i, j in combinations(range(len(seats)), 2):
                (ha, la, _, ka), (hb, lb, _, kb) = seats[i], seats[j]
                cost = None if ha & hb else packer.cost([*ha, *hb], la + lb)
                if cost is not None:
                    candidates.append((total - ka - kb + badness(cost, la + lb), b, i, j))
        if not candidates:
            break
        candidates.sort()
        following: list[tuple[int, list[Seat]]] = []
        seen = set()
        for total, b, i, j in candidates:
            seats = beam[b][1]
            (ha, la, ia, ka), (hb, lb, ib, kb) = seats[i], seats[j]
            cost = packer.cost([*ha, *hb], la + lb)
            assert cost is not None
            state = [s for k, s in enumerate(seats) if k not in (i, j)]
            state.append((ha | hb, la + lb, tuple(sorted(ia + ib)), badness(cost, la + lb)))
            key = tuple(sorted(s[2] for s in state))
            if key not in seen:
                seen.add(key)
                following.append((total, state))
                if len(following) == packer.beam_width:
                    break
        beam = following
    return sorted((s[2] for s in beam[0][1]), key=lambda ids: ids[0])


@settings(max_examples=80, deadline=None)
@given(st.data())
def test_the_search_chooses_as_the_plain_search_does(kb, data) -> None:  # type: ignore[no-untyped-def]
    stage = data.draw(st.sampled_from(["novice", "growth", "mature"]))
    roles = [spec.role for spec in kb.posts[stage]]
    picked = data.draw(st.lists(st.sampled_from(roles), min_size=2, max_size=14))
    loads = data.draw(st.lists(st.sampled_from([0.1, 0.2, 0.25, 0.3, 0.4, 0.5, 0.6, 0.8, 1.0]),
                               min_size=len(picked), max_size=len(picked)))
    posts = [Post(role, load, WHY, []) for role, load in zip(picked, loads, strict=True)]
    target = data.draw(st.integers(1, len(posts)))
    packer = Packer(kb, stage)
    assert [seat.ids for seat in packer.pack(posts, target)] == plain_search(packer, posts, target)


def test_a_remembered_search_gives_seats_of_the_posts_asked_about(kb) -> None:  # type: ignore[no-untyped-def]
    packer = packer_for(kb, "growth")
    first = [Post("anchor", 1.0, WHY, []), Post("live_ops", 0.5, WHY, []), Post("customer_service", 0.4, WHY, [])]
    other = Text(zh="另一个理由", en="another reason")
    second = [Post(p.role, p.load, other, ["renrendoc-497774807"]) for p in first]
    a, b = packer.pack(first, 2), packer.pack(second, 2)
    assert [s.ids for s in a] == [s.ids for s in b]
    assert all(p.why == other for seat in b for p in seat.posts)
    assert packer_for(kb, "growth") is packer


@settings(max_examples=40, deadline=None)
@given(st.data())
def test_a_search_taken_on_to_fewer_seats_chooses_as_a_fresh_one(kb, data) -> None:  # type: ignore[no-untyped-def]
    stage = data.draw(st.sampled_from(["novice", "growth", "mature"]))
    roles = [spec.role for spec in kb.posts[stage]]
    picked = data.draw(st.lists(st.sampled_from(roles), min_size=2, max_size=14))
    loads = data.draw(st.lists(st.sampled_from([0.1, 0.25, 0.4, 0.6, 1.0]), min_size=len(picked), max_size=len(picked)))
    posts = [Post(role, load, WHY, []) for role, load in zip(picked, loads, strict=True)]
    targets = data.draw(st.lists(st.integers(1, len(posts)), min_size=2, max_size=4))
    kept = Packer(kb, stage)
    for target in targets:  # up and down: each answer as if the search had been run for that target alone
        assert [seat.ids for seat in kept.pack(posts, target)] == [seat.ids for seat in Packer(kb, stage).pack(posts, target)]


def _many_posts(kb, data, stage: str) -> list[Post]:  # type: ignore[no-untyped-def]
    """Posts of a merchant with many rooms: a few kinds, each many times (on-air crew with their windows)."""
    kinds = [spec.role for spec in kb.posts[stage]]
    picked = data.draw(st.lists(st.sampled_from(kinds), min_size=3, max_size=8, unique=True))
    out = []
    for role in picked:
        load = data.draw(st.sampled_from([0.2, 0.4, 0.6, 1.0]))
        windows = data.draw(st.sampled_from([(), ((1140, 1380),), ((600, 840),)]))
        out += [Post(role, load, WHY, [], windows=windows, days=6 if windows else 0)] * data.draw(st.integers(22, 40))
    return out


@settings(max_examples=30, deadline=None)
@given(st.data())
def test_the_search_for_many_posts_packs_every_post_once_within_the_rules(kb, data) -> None:  # type: ignore[no-untyped-def]
    stage = data.draw(st.sampled_from(["novice", "growth"]))
    posts = _many_posts(kb, data, stage)
    assert len(posts) > BEAM_POSTS  # the greedy search by classes, not the beam
    target = data.draw(st.integers(1, len(posts)))
    packer = Packer(kb, stage)
    seats = packer.pack(posts, target)
    assert sorted(i for seat in seats for i in seat.ids) == list(range(len(posts)))
    assert all(packer.cost(list(seat.roles), seat.load) is not None for seat in seats)
    if len(seats) > target:  # no two people left that rules let merge
        for a, b in combinations(seats, 2):
            assert set(a.roles) & set(b.roles) or packer.cost([*a.roles, *b.roles], a.load + b.load) is None \
                or packer._crosses(frozenset(p.token for p in a.posts), frozenset(p.token for p in b.posts))
    again = Packer(kb, stage)
    again.pack(posts, min(len(posts), target + 5))
    assert [s.ids for s in again.pack(posts, target)] == [s.ids for s in seats]  # taken on, the same as fresh
