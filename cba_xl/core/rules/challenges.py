"""Challenges: each participant's top 3, and the cohort's most frequent themes.

Cohort ranking: more participants picking a theme ranks it higher; equal counts are broken by
rank points (rank 1 = 3 points, rank 2 = 2, rank 3 = 1; more points wins), then alphabetically.
"""

from __future__ import annotations

from collections import Counter
from collections.abc import Sequence
from dataclasses import dataclass
from typing import Final

from cba_xl.core import vocab
from cba_xl.core.findings import Finding, error, warning
from cba_xl.core.models import ChallengePick, Homework

PICKS_EXPECTED: Final = 3
TIE_RULE: Final = (
    "Themes are ranked by how many participants picked them. Equal counts are broken by rank "
    "points (rank 1 = 3 points, rank 2 = 2, rank 3 = 1; more points wins), then alphabetically."
)


def rank_points(rank: int) -> int:
    """Rank 1 is worth 3 points, rank 2 is 2, rank 3 is 1; anything else nothing."""
    return 4 - rank if 1 <= rank <= 3 else 0


def check_challenges(hw: Homework) -> list[Finding]:
    picks = [p for p in hw.challenges if p.theme]
    anchor = hw.anchor("challenges")
    found: list[Finding] = []
    if len(picks) < PICKS_EXPECTED:
        found.append(
            warning(
                picks[-1].loc("theme") if picks else anchor,
                "challenges.too-few",
                f"{len(picks)} of {PICKS_EXPECTED} challenges picked; "
                f"pick and rank {PICKS_EXPECTED}",
            )
        )
    seen: dict[str, ChallengePick] = {}
    for pick in picks:
        first = seen.setdefault(pick.theme.casefold(), pick)
        if first is not pick:
            found.append(
                error(
                    pick.loc("theme"),
                    "challenges.duplicate",
                    f"'{pick.theme}' is picked twice (also at rank {first.rank}); "
                    "pick a different theme for each rank",
                )
            )
    found.extend(_rank_order(picks))
    return found


def _rank_order(picks: Sequence[ChallengePick]) -> list[Finding]:
    """Ranks 1 to 3, each once, filled from 1 down."""
    found: list[Finding] = []
    counts = Counter(p.rank for p in picks)
    for pick in picks:
        where = pick.loc("rank", pick.loc("theme"))
        if not 1 <= pick.rank <= PICKS_EXPECTED:
            found.append(
                error(where, "challenges.rank-range", f"rank {pick.rank} is not 1, 2 or 3")
            )
        elif counts[pick.rank] > 1:
            found.append(
                error(
                    where,
                    "challenges.rank-duplicate",
                    f"rank {pick.rank} is given to {counts[pick.rank]} challenges; "
                    "give each rank 1 to 3 once",
                )
            )
    for pick in sorted(picks, key=lambda p: p.rank):
        missing = [r for r in range(1, min(pick.rank, PICKS_EXPECTED + 1)) if r not in counts]
        if missing:
            found.append(
                warning(
                    pick.loc("theme"),
                    "challenges.rank-gap",
                    f"rank {pick.rank} is filled but rank {missing[0]} is empty; "
                    "fill the ranks in order, 1 first",
                )
            )
            break
    return found


@dataclass(frozen=True, slots=True)
class ThemeCount:
    theme: str
    count: int  # participants who picked the theme
    points: int  # sum of rank points over those participants
    first: int = 0  # participants who ranked it 1


def _sort_key(t: ThemeCount) -> tuple[int, int, str]:
    return (-t.count, -t.points, t.theme.casefold())


def challenge_frequencies(
    picks_per_participant: Sequence[Sequence[ChallengePick]],
) -> list[ThemeCount]:
    """Every theme of the academy (and any other found), most frequent first, ties by TIE_RULE.

    A participant counts once per theme; when they picked a theme twice, their best rank counts.
    """
    count: Counter[str] = Counter()
    points: Counter[str] = Counter()
    first: Counter[str] = Counter()
    for picks in picks_per_participant:
        best: dict[str, int] = {}
        for pick in picks:
            if pick.theme:
                old = best.get(pick.theme)
                best[pick.theme] = pick.rank if old is None else min(old, pick.rank)
        for theme, rank in best.items():
            count[theme] += 1
            points[theme] += rank_points(rank)
            first[theme] += rank == 1
    themes = list(dict.fromkeys([*vocab.CHALLENGE_THEMES, *count]))
    table = [ThemeCount(t, count[t], points[t], first[t]) for t in themes]
    return sorted(table, key=_sort_key)


@dataclass(frozen=True, slots=True)
class TopChallenges:
    themes: tuple[ThemeCount, ...]  # the top n, best first (fewer if fewer themes were picked)
    tie_decided: tuple[int, ...]  # 1-based positions whose place needed the tie rule
    alphabetical: tuple[int, ...]  # of those, positions where even the points were equal
    rule: str = TIE_RULE

    @property
    def names(self) -> tuple[str, ...]:
        return tuple(t.theme for t in self.themes)


def top_challenges(
    picks_per_participant: Sequence[Sequence[ChallengePick]], n: int = 5
) -> TopChallenges:
    """The n most frequent themes. A position is tie-decided when its theme has the same count
    as the theme just above or just below it (including the first theme left out)."""
    ranking = [t for t in challenge_frequencies(picks_per_participant) if t.count > 0]
    top = ranking[:n]
    by_count: list[int] = []
    by_name: list[int] = []
    for i, theme in enumerate(top):
        neighbours = [ranking[j] for j in (i - 1, i + 1) if 0 <= j < len(ranking)]
        same_count = [t for t in neighbours if t.count == theme.count]
        if same_count:
            by_count.append(i + 1)
            if any(t.points == theme.points for t in same_count):
                by_name.append(i + 1)
    return TopChallenges(tuple(top), tuple(by_count), tuple(by_name))


__all__ = [
    "PICKS_EXPECTED",
    "TIE_RULE",
    "ThemeCount",
    "TopChallenges",
    "challenge_frequencies",
    "check_challenges",
    "rank_points",
    "top_challenges",
]
