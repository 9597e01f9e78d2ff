"""Breakout rooms: participants dealt at random, evenly, and the same way again for a seed."""

from __future__ import annotations

import random
from collections.abc import Mapping, Sequence

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


PREFERENCE_RULE = (
    "Assigned by preference with seed {seed}: people are taken in a random order (the same "
    "seed gives the same rooms), each into the highest-ranked of their picked challenges that "
    "has room; when the rooms they picked are full, people already placed move to another "
    "room they picked to make space, so as many people as the room sizes allow sit in a room "
    "they picked. The rest are dealt at random. Room sizes differ by at most one."
)


def assign_rooms_by_preference(
    picks: Mapping[str, Sequence[str]], rooms: Sequence[str], seed: int
) -> dict[str, list[str]]:
    """Room -> its participants (alphabetical), each in a room they picked where the balance
    allows. `picks`: participant -> the themes they ranked, highest first.

    Room sizes differ by at most one, as with `assign_rooms`. The number of people in a picked
    room is the largest the sizes allow: each newcomer whose picked rooms are full gets a place
    through a chain of moves of people already placed (an augmenting path, so no later chain
    could have placed more).
    """
    if len(set(rooms)) != len(rooms):
        raise CbaError(f"breakout rooms must have distinct names, got {list(rooms)}")
    if picks and not rooms:
        raise CbaError(f"no breakout rooms to assign {len(picks)} participant(s) to")
    rng = random.Random(seed)
    people = sorted(picks)
    rng.shuffle(people)
    seats = _Seats(rooms, len(people))
    wanted = {p: [t for t in dict.fromkeys(picks[p]) if t in seats.members] for p in people}
    unplaced: list[str] = []
    for person in people:
        if not any(seats.place(person, room, wanted) for room in wanted[person]):
            unplaced.append(person)
    dealt = sorted(rooms)
    rng.shuffle(dealt)
    for person in unplaced:
        room = next(r for r in dealt if seats.space(r))
        seats.put(person, room, wanted)
    out = {room: sorted(seats.members[room]) for room in rooms}
    return out


class _Seats:
    """Who sits where, with the balance rule: every room holds `low` people, and `extra` rooms
    one more (low = n // rooms, extra = n % rooms)."""

    def __init__(self, rooms: Sequence[str], n: int) -> None:
        self.low, self.extra = divmod(n, len(rooms)) if rooms else (0, 0)
        self.members: dict[str, dict[str, None]] = {r: {} for r in rooms}
        # movers[a][b]: people in room a who also picked room b (ordered, for determinism)
        self.movers: dict[str, dict[str, dict[str, None]]] = {
            a: {b: {} for b in rooms} for a in rooms
        }

    def _big(self) -> int:
        return sum(len(m) > self.low for m in self.members.values())

    def space(self, room: str) -> bool:
        size = len(self.members[room])
        return size < self.low or (size == self.low and self._big() < self.extra)

    def put(self, person: str, room: str, wanted: Mapping[str, Sequence[str]]) -> None:
        self.members[room][person] = None
        for other in wanted[person]:
            if other != room:
                self.movers[room][other][person] = None

    def take(self, person: str, room: str, wanted: Mapping[str, Sequence[str]]) -> None:
        del self.members[room][person]
        for other in wanted[person]:
            self.movers[room][other].pop(person, None)

    def place(self, person: str, room: str, wanted: Mapping[str, Sequence[str]]) -> bool:
        """Seat `person` in `room`, making space by a shortest chain of moves; False when no
        chain exists."""
        if self.space(room):
            self.put(person, room, wanted)
            return True
        # Breadth-first over rooms. A step a -> b moves someone from a to a room b they picked;
        # a step a -> b marked "grow" lets a take one more person (a big room's place) while b,
        # a big room, gives one up: the balance counts big rooms, not which rooms they are.
        came: dict[str, tuple[str, str | None]] = {room: ("", None)}
        queue = [room]
        end = ""
        while queue and not end:
            a = queue.pop(0)
            steps: list[tuple[str, str | None]] = [
                (b, next(iter(movers))) for b, movers in self.movers[a].items() if movers
            ]
            if len(self.members[a]) == self.low:
                steps += [(b, None) for b, m in self.members.items() if len(m) > self.low]
            for b, mover in steps:
                if b in came:
                    continue
                came[b] = (a, mover)
                if mover is not None and self.space(b):
                    end = b
                    break
                queue.append(b)
        if not end:
            return False
        # Walk back from the room with space, moving each mover one room along.
        b = end
        while b != room:
            a, mover = came[b]
            if mover is not None:
                self.take(mover, a, wanted)
                self.put(mover, b, wanted)
            b = a
        self.put(person, room, wanted)
        return True


def picked_count(rooms: Mapping[str, Sequence[str]], picks: Mapping[str, Sequence[str]]) -> int:
    """How many people sit in a room whose theme they picked."""
    return sum(theme in picks.get(p, ()) for theme, members in rooms.items() for p in members)


__all__ = ["PREFERENCE_RULE", "assign_rooms", "assign_rooms_by_preference", "picked_count"]
