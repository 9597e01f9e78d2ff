"""Breakout rooms: participants dealt at random, evenly, and the same way again for a seed."""

from __future__ import annotations

import random
from collections.abc import Sequence

from cba_xl.errors import CbaError


def assign_rooms(
    participants: Sequence[str], rooms: Sequence[str], seed: int
) -> dict[str, list[str]]:
    """Room -> its participants (alphabetical), in the order `rooms` was given.

    Both lists are sorted before shuffling, so the result depends only on who is assigned, the
    set of rooms and the seed, never on the order a folder listing happened to return. Room
    sizes differ by at most one.
    """
    if len(set(rooms)) != len(rooms):
        raise CbaError(f"breakout rooms must have distinct names, got {list(rooms)}")
    if participants and not rooms:
        raise CbaError(f"no breakout rooms to assign {len(participants)} participant(s) to")
    people = sorted(participants)
    rng = random.Random(seed)
    rng.shuffle(people)
    dealt = sorted(rooms)
    rng.shuffle(dealt)  # so the rooms that get one person more are random too
    out: dict[str, list[str]] = {room: [] for room in rooms}
    for i, person in enumerate(people):
        out[dealt[i % len(dealt)]].append(person)
    for members in out.values():
        members.sort()
    return out


__all__ = ["assign_rooms"]
