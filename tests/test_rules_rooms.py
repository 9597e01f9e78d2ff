from __future__ import annotations

import pytest
from hypothesis import given
from hypothesis import strategies as st

from cba_xl.core.rules.rooms import assign_rooms
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
