from __future__ import annotations

import itertools
import random

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from cba_xl.core.rules.rooms import assign_rooms, assign_rooms_by_preference, picked_count
from cba_xl.errors import CbaError

names = st.lists(st.text(min_size=1, max_size=8), max_size=45, unique=True)
room_names = st.lists(st.text(min_size=1, max_size=8), min_size=1, max_size=6, unique=True)


@given(names, room_names, st.integers())
def test_everyone_is_placed_once_and_rooms_are_balanced(
    people: list[str], rooms: list[str], seed: int
) -> None:
    out = assign_rooms(people, rooms, seed)
    assert list(out) == rooms
    placed = [p for members in out.values() for p in members]
    assert sorted(placed) == sorted(people)
    sizes = [len(m) for m in out.values()]
    assert max(sizes) - min(sizes) <= 1


@given(names, room_names, st.integers(), st.randoms())
def test_same_seed_same_rooms_whatever_the_input_order(
    people: list[str], rooms: list[str], seed: int, rnd: object
) -> None:
    shuffled_people, shuffled_rooms = list(people), list(rooms)
    rnd.shuffle(shuffled_people)  # type: ignore[attr-defined]
    rnd.shuffle(shuffled_rooms)  # type: ignore[attr-defined]
    first = assign_rooms(people, rooms, seed)
    again = assign_rooms(shuffled_people, shuffled_rooms, seed)
    assert first == again


def test_different_seeds_give_different_rooms() -> None:
    people = [f"P{i:02}" for i in range(30)]
    rooms = ["Digitalization", "Service innovation", "Governance"]
    results = {tuple(tuple(m) for m in assign_rooms(people, rooms, s).values()) for s in range(5)}
    assert len(results) > 1


def test_rooms_must_exist_and_be_distinct() -> None:
    with pytest.raises(CbaError, match="no breakout rooms"):
        assign_rooms(["Anna"], [], 1)
    with pytest.raises(CbaError, match="distinct"):
        assign_rooms(["Anna"], ["A", "A"], 1)
    assert assign_rooms([], ["A"], 1) == {"A": []}


# --- rooms by preference ---------------------------------------------------------------------

ROOMS = ["A", "B", "C"]
prefs = st.dictionaries(
    st.sampled_from([f"P{i}" for i in range(7)]),
    st.lists(st.sampled_from([*ROOMS, "not a room"]), max_size=3, unique=True),
    max_size=7,
)


def _best_possible(picks: dict[str, list[str]], rooms: list[str]) -> int:
    """The most people in a picked room over every balanced assignment (brute force)."""
    people = sorted(picks)
    best = 0
    for seats in itertools.product(rooms, repeat=len(people)):
        sizes = [seats.count(r) for r in rooms]
        if max(sizes) - min(sizes) <= 1:
            best = max(best, sum(s in picks[p] for p, s in zip(people, seats, strict=True)))
    return best


@settings(max_examples=150, deadline=None)
@given(prefs, st.integers(1, 3), st.integers(0, 1000))
def test_everyone_possible_gets_a_room_they_picked_in_balanced_rooms(
    picks: dict[str, list[str]], k: int, seed: int
) -> None:
    rooms = ROOMS[:k]
    out = assign_rooms_by_preference(picks, rooms, seed)
    assert list(out) == rooms
    assert sorted(p for m in out.values() for p in m) == sorted(picks)
    sizes = [len(m) for m in out.values()]
    assert max(sizes) - min(sizes) <= 1
    assert picked_count(out, picks) == _best_possible(picks, rooms)


def test_highest_ranked_first_where_there_is_room() -> None:
    picks = {"Anna": ["B", "A"], "Ben": ["A", "B"], "Cleo": ["C", "A"]}
    assert assign_rooms_by_preference(picks, ["A", "B", "C"], 3) == {
        "A": ["Ben"],
        "B": ["Anna"],
        "C": ["Cleo"],
    }


def test_a_full_first_choice_makes_way_by_moving_someone_who_picked_another_room() -> None:
    # Everyone wants A first; only Dan also picked C, so whoever comes in some order, the
    # result seats all four in picked rooms: A holds two, B one (Eve), C one (Dan).
    picks = {"Ann": ["A"], "Bo": ["A"], "Dan": ["A", "C"], "Eve": ["A", "B"]}
    for seed in range(20):
        out = assign_rooms_by_preference(picks, ["A", "B", "C"], seed)
        assert picked_count(out, picks) == 4, (seed, out)
        assert out["C"] == ["Dan"] and out["B"] == ["Eve"]


def test_preference_rooms_are_reproducible_with_the_seed() -> None:
    people = [f"P{i:02}" for i in range(40)]
    rnd = random.Random(5)
    picks = {p: rnd.sample([*ROOMS, "D", "E"], 3) for p in people}
    rooms = [*ROOMS, "D", "E"]
    first = assign_rooms_by_preference(picks, rooms, 11)
    again = assign_rooms_by_preference(dict(reversed(list(picks.items()))), rooms, 11)
    assert first == again
    others = {
        tuple(map(tuple, assign_rooms_by_preference(picks, rooms, s).values())) for s in range(6)
    }
    assert len(others) > 1
