"""Day-3 pitch groups: small groups that mix countries and put together managers who face the
same challenge but offer different services, so each can learn from what the others do.

Deterministic: the same cohort gives the same groups, whatever order its files came in.
"""

from __future__ import annotations

import math
from collections.abc import Callable, Mapping, Sequence
from dataclasses import dataclass

from cba_xl.errors import CbaError
from cba_xl.wording import join_and

# How much a pair of group members is worth. A shared challenge weighs most (the point of the
# group); services one offers and the other lacks count up to COMPLEMENT_CAP; two members from
# one country cost more than a shared challenge gains, so countries mix wherever they can.
SHARED = 3
COMPLEMENT = 1
COMPLEMENT_CAP = 3
SAME_COUNTRY = -5

RULE = (
    "Pitch groups of at most {size}, sizes differing by at most one. Members are chosen so that "
    "countries mix, and so that members share a challenge they ranked and offer services in "
    "fields the others lack: each pair scores 3 per shared challenge, 1 per field one offers and "
    "the other lacks (up to 3), and -5 when both are from one country; the groups with the "
    "highest total score are kept (found by placing people in name order and then swapping "
    "members while that raises the total). The same cohort always gives the same groups."
)


@dataclass(frozen=True, slots=True)
class Pitcher:
    """What the grouping needs of a participant."""

    country: str = ""
    themes: tuple[str, ...] = ()  # the challenges they ranked
    fields: tuple[str, ...] = ()  # the fields of their services


@dataclass(frozen=True, slots=True)
class Reason:
    """Why a member sits in their group: who they share a challenge with, what they bring."""

    shares: tuple[tuple[str, str], ...]  # (other member, shared challenge)
    brings: tuple[str, ...]  # service fields no other member of the group offers
    same_country: tuple[str, ...]  # other members from the member's own country

    def text(self, call: Callable[[str], str] = str) -> str:
        """In words, other members named by `call` (e.g. their manager's name)."""
        parts = []
        if self.shares:
            by_theme: dict[str, list[str]] = {}
            for other, theme in self.shares:
                by_theme.setdefault(theme, []).append(call(other))
            parts.append(
                "; ".join(f"shares {t} with {join_and(who)}" for t, who in by_theme.items())
            )
        else:
            parts.append("shares no ranked challenge with the group")
        if self.brings:
            parts.append(f"the only one to offer {join_and(self.brings)}")
        if self.same_country:
            parts.append(f"same country as {join_and(call(m) for m in self.same_country)}")
        return "; ".join(parts)


def pair_score(a: Pitcher, b: Pitcher) -> int:
    shared = len(set(a.themes) & set(b.themes))
    complement = min(COMPLEMENT_CAP, len(set(a.fields) ^ set(b.fields)))
    same = bool(a.country.strip()) and a.country.strip().casefold() == b.country.strip().casefold()
    return SHARED * shared + COMPLEMENT * complement + (SAME_COUNTRY if same else 0)


def pitch_groups(people: Mapping[str, Pitcher], size: int) -> list[list[str]]:
    """Groups of at most `size` (sizes differ by at most one), each sorted by name, in the order
    of their first member's name."""
    if size < 1:
        raise CbaError(f"pitch groups need at least one member each, got {size}")
    names = sorted(people)
    if not names:
        return []
    n_groups = math.ceil(len(names) / size)
    low, extra = divmod(len(names), n_groups)
    caps = [low + (i < extra) for i in range(n_groups)]
    groups: list[list[str]] = [[] for _ in caps]

    def gain(name: str, members: Sequence[str]) -> int:
        return sum(pair_score(people[name], people[m]) for m in members if m != name)

    for name in names:
        open_ = [i for i, g in enumerate(groups) if len(g) < caps[i]]
        best = max(open_, key=lambda i: (gain(name, groups[i]), -len(groups[i]), -i))
        groups[best].append(name)
    # Swap members between groups while a swap raises the total score; each swap raises it, so
    # this ends. Tried in a fixed order, so the result is the same every time.
    improved = True
    while improved:
        improved = False
        for gi, gj in _pairs(len(groups)):
            for a in list(groups[gi]):
                for b in list(groups[gj]):
                    rest_i = [m for m in groups[gi] if m != a]
                    rest_j = [m for m in groups[gj] if m != b]
                    if gain(b, rest_i) + gain(a, rest_j) > gain(a, rest_i) + gain(b, rest_j):
                        groups[gi], groups[gj] = [*rest_i, b], [*rest_j, a]
                        improved = True
                        break  # `a` has moved: go on with the next member of group gi
    out = [sorted(g) for g in groups]
    return sorted(out, key=lambda g: g[0])


def _pairs(n: int) -> list[tuple[int, int]]:
    return [(i, j) for i in range(n) for j in range(i + 1, n)]


def reasons(people: Mapping[str, Pitcher], group: Sequence[str]) -> dict[str, Reason]:
    """Why each member of `group` is in it."""
    out = {}
    for name in group:
        me = people[name]
        others = [m for m in group if m != name]
        shares = tuple(
            (m, t) for t in dict.fromkeys(me.themes) for m in others if t in people[m].themes
        )
        theirs = {f for m in others for f in people[m].fields}
        brings = tuple(f for f in dict.fromkeys(me.fields) if f not in theirs)
        mine = me.country.strip().casefold()
        same = tuple(m for m in others if mine and people[m].country.strip().casefold() == mine)
        out[name] = Reason(shares, brings, same)
    return out


__all__ = ["RULE", "Pitcher", "Reason", "pair_score", "pitch_groups", "reasons"]
