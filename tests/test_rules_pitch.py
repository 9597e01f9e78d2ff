"""Day-3 pitch groups: sizes, mixed countries, shared challenges with complementary services."""

from __future__ import annotations

from hypothesis import given, settings
from hypothesis import strategies as st

from cba_xl.core.rules.pitch import Pitcher, pitch_groups, reasons

THEMES = ["Digitalization", "Financial sustainability", "Service innovation", "Governance"]
FIELDS = ["Training", "Matchmaking", "Internationalisation", "Market access"]

pitchers = st.dictionaries(
    st.text(min_size=1, max_size=6),
    st.builds(
        Pitcher,
        country=st.sampled_from(["DE", "FR", "PL", "IT", ""]),
        themes=st.lists(st.sampled_from(THEMES), max_size=3, unique=True).map(tuple),
        fields=st.lists(st.sampled_from(FIELDS), max_size=3, unique=True).map(tuple),
    ),
    max_size=30,
)


@settings(max_examples=60, deadline=None)
@given(pitchers, st.integers(1, 6))
def test_everyone_in_one_group_of_at_most_n_sizes_balanced_and_order_free(
    people: dict[str, Pitcher], n: int
) -> None:
    groups = pitch_groups(people, n)
    assert sorted(p for g in groups for p in g) == sorted(people)
    sizes = [len(g) for g in groups]
    assert all(s <= n for s in sizes)
    assert not sizes or max(sizes) - min(sizes) <= 1
    assert pitch_groups(dict(reversed(list(people.items()))), n) == groups


def test_countries_mix_wherever_the_cohort_allows() -> None:
    people = {
        f"{c}{i}": Pitcher(country=c, themes=("Digitalization",), fields=(FIELDS[i],))
        for c in ("DE", "FR", "PL", "IT")
        for i in range(2)
    }
    for group in pitch_groups(people, 4):
        assert len({people[p].country for p in group}) == 4, group


def test_a_shared_challenge_with_different_services_pairs_people() -> None:
    people = {
        "Ana": Pitcher("ES", ("Governance",), ("Training",)),
        "Ben": Pitcher("DE", ("Digitalization",), ("Matchmaking",)),
        "Cleo": Pitcher("FR", ("Governance",), ("Market access",)),
        "Dan": Pitcher("PL", ("Digitalization",), ("Internationalisation",)),
    }
    assert pitch_groups(people, 2) == [["Ana", "Cleo"], ["Ben", "Dan"]]
    why = reasons(people, ["Ana", "Cleo"])["Ana"]
    assert why.shares == (("Cleo", "Governance"),) and why.brings == ("Training",)
    assert why.text() == "shares Governance with Cleo; the only one to offer Training"


def test_two_from_one_country_are_named_in_the_reason() -> None:
    people = {"Ana": Pitcher("ES"), "Bea": Pitcher("es ")}
    (group,) = pitch_groups(people, 2)
    assert reasons(people, group)["Ana"].text() == (
        "shares no ranked challenge with the group; same country as Bea"
    )


def test_a_large_cohort_still_mixes_countries() -> None:
    # 80 people from 20 countries, four each, named country by country: above 60 people the
    # swaps try only members whose group does not suit them, and countries still mix.
    people = {
        f"{c:02d}-{i}": Pitcher(f"C{c}", (THEMES[(c + i) % 4],), (FIELDS[i],))
        for c in range(20)
        for i in range(4)
    }
    groups = pitch_groups(people, 4)
    assert len(groups) == 20 and all(len(g) == 4 for g in groups)
    assert all(len({people[p].country for p in g}) == 4 for g in groups)
