from __future__ import annotations

from hypothesis import given
from hypothesis import strategies as st

from cba_xl.core import vocab
from cba_xl.core.findings import Loc, Severity
from cba_xl.core.models import ChallengePick, Homework
from cba_xl.core.rules.challenges import (
    TIE_RULE,
    challenge_frequencies,
    check_challenges,
    top_challenges,
)

A, B, C, D, E, F, G = vocab.CHALLENGE_THEMES[:7]


def pick(rank: int, theme: str, row: int = 0) -> ChallengePick:
    return ChallengePick(
        rank=rank, theme=theme, where={"theme": Loc("Challenges", f"B{row or 3 + rank}")}
    )


def hw_with(*picks: ChallengePick) -> Homework:
    return Homework(challenges=list(picks), anchors={"challenges": Loc("Challenges", "B4")})


def codes(hw: Homework) -> list[tuple[str, str]]:
    return [(f.code, f.cell) for f in check_challenges(hw)]


def test_three_distinct_ranked_picks_pass() -> None:
    assert codes(hw_with(pick(1, A), pick(2, B), pick(3, C))) == []


def test_fewer_than_three_picks_is_a_warning() -> None:
    [f] = check_challenges(hw_with(pick(1, A), pick(2, B)))
    assert (f.code, f.severity) == ("challenges.too-few", Severity.WARNING)
    assert "2 of 3 challenges picked" in f.message
    [g] = check_challenges(hw_with())
    assert (g.code, g.cell) == ("challenges.too-few", "B4")


def test_a_theme_picked_twice_is_an_error_on_the_repeat() -> None:
    found = check_challenges(hw_with(pick(1, A), pick(2, B), pick(3, A)))
    assert [(f.code, f.cell, f.severity) for f in found] == [
        ("challenges.duplicate", "B6", Severity.ERROR)
    ]


def test_ranks_must_be_unique_and_in_order() -> None:
    assert ("challenges.rank-duplicate", "B5") in codes(hw_with(pick(1, A), pick(1, B, row=5)))
    assert ("challenges.rank-gap", "B6") in codes(hw_with(pick(1, A), pick(3, B)))


def picks(*themes: str) -> list[ChallengePick]:
    return [ChallengePick(rank=i, theme=t) for i, t in enumerate(themes, start=1)]


def test_frequencies_count_participants_and_rank_points() -> None:
    table = challenge_frequencies([picks(A, B, C), picks(B, A, D), picks(B)])
    first = table[0]
    assert (first.theme, first.count, first.points, first.first) == (B, 3, 2 + 3 + 3, 2)
    assert {t.theme for t in table} >= set(vocab.CHALLENGE_THEMES)
    assert next(t for t in table if t.theme == E).count == 0


def test_a_participant_counts_once_per_theme_with_the_best_rank() -> None:
    [top, *_] = challenge_frequencies([picks(A, A, B)])
    assert (top.theme, top.count, top.points) == (A, 1, 3)


def test_ties_are_broken_by_rank_points_then_alphabetically() -> None:
    cohort = [picks(C, B), picks(B, C), picks(D, A), picks(A, D), picks(E), picks(F, G)]
    # counts: A2 B2 C2 D2 E1 F1 G1; points: A 5, B 5, C 5, D 5, E 3, F 3, G 2
    top = top_challenges(cohort, n=5)
    expected = sorted([A, B, C, D], key=str.casefold) + sorted([E, F], key=str.casefold)[:1]
    assert list(top.names) == expected
    assert top.tie_decided == (1, 2, 3, 4, 5)
    assert top.alphabetical == (1, 2, 3, 4, 5)
    assert top.rule == TIE_RULE
    assert "rank 1 = 3 points" in TIE_RULE


def test_points_decide_before_the_alphabet() -> None:
    cohort = [picks(B, A), picks(A, B), picks(B, C), picks(D, C)]
    # counts A2 B3 C2 D1; points A 5, B 8, C 4 -> B, A, C
    top = top_challenges(cohort, n=3)
    assert top.names == (B, A, C)
    assert top.tie_decided == (2, 3)
    assert top.alphabetical == ()


def test_clear_counts_need_no_tie_rule_and_unpicked_themes_stay_out() -> None:
    top = top_challenges([picks(A, B), picks(A)], n=5)
    assert top.names == (A, B)
    assert top.tie_decided == ()


cohorts = st.lists(
    st.lists(st.sampled_from(vocab.CHALLENGE_THEMES), max_size=3).map(lambda ts: picks(*ts)),
    max_size=40,
)


@given(cohorts, st.integers(min_value=1, max_value=10))
def test_top_is_ordered_by_count_then_points_then_name(
    cohort: list[list[ChallengePick]], n: int
) -> None:
    top = top_challenges(cohort, n=n)
    keys = [(-t.count, -t.points, t.theme.casefold()) for t in top.themes]
    assert keys == sorted(keys)
    assert len(top.themes) <= n
    assert all(t.count > 0 for t in top.themes)
    everyone = challenge_frequencies(cohort)
    if len(top.themes) < n:
        assert all(t.count == 0 for t in everyone[len(top.themes) :])
    assert set(top.alphabetical) <= set(top.tie_decided)
