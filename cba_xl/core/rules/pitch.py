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
FULL_SWAPS = 60  # up to this many people, every member is tried in the swaps
MAX_PASSES = 20

RULE = (
    "Pitch groups of at most {size}, sizes differing by at most one. Members are chosen so that "
    "countries mix, and so that members share a challenge they ranked and offer services in "
    "fields the others lack: each pair scores 3 per shared challenge, 1 per field one offers and "
    "the other lacks (up to 3), and -5 when both are from one country. People are placed in "
    "name order into the group where they score most, then members are swapped between groups "
    "while a swap raises the total score. The same cohort always gives the same groups."
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
    scores: dict[tuple[str, str], int] = {}

    def score(a: str, b: str) -> int:
        key = (a, b) if a < b else (b, a)
        found = scores.get(key)
        if found is None:
            found = scores[key] = pair_score(people[a], people[b])
        return found

    def gain(name: str, members: Sequence[str]) -> int:
        return sum(score(name, m) for m in members if m != name)

    for name in names:
        open_ = [i for i, g in enumerate(groups) if len(g) < caps[i]]
        best = max(open_, key=lambda i: (gain(name, groups[i]), -len(groups[i]), -i))
        groups[best].append(name)
    # Then swap members between groups while a swap raises the total score (so this ends; the
    # passes are bounded too). In a small cohort every member is tried; in a large one only
    # those whose group does not suit them yet (a countryman in it, or no shared challenge),
    # which keeps a cohort of thousands to seconds. A fixed order: the same groups every time.
    where = {m: i for i, g in enumerate(groups) for m in g}

    def unsuited(name: str) -> bool:
        mates = [m for m in groups[where[name]] if m != name]
        me = people[name]
        return any(pair_score(me, people[m]) < 0 for m in mates) or not any(
            set(me.themes) & set(people[m].themes) for m in mates
        )

    for _ in range(MAX_PASSES):
        improved = False
        candidates = names if len(names) <= FULL_SWAPS else [n for n in names if unsuited(n)]
        for a in candidates:
            gi = where[a]
            rest_i = [m for m in groups[gi] if m != a]
            here = gain(a, rest_i)
            best_delta, best_b = 0, ""
            for b in names:
                gj = where[b]
                if gj == gi:
                    continue
                rest_j = [m for m in groups[gj] if m != b]
                delta = gain(b, rest_i) + gain(a, rest_j) - here - gain(b, rest_j)
                if delta > best_delta:
                    best_delta, best_b = delta, b
            if best_b:
                gj = where[best_b]
                groups[gi] = [*rest_i, best_b]
                groups[gj] = [*(m for m in groups[gj] if m != best_b), a]
                where[a], where[best_b] = gj, gi
                improved = True
        if not improved:
            break
    out = [sorted(g) for g in groups]
    return sorted(out, key=lambda g: g[0])


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
