"""Tolerant reading of what participants type: European notation, serials, odd case."""

from __future__ import annotations

import contextlib
import datetime as dt

import pytest
from hypothesis import given
from hypothesis import strategies as st

from cba_xl.core import parse, vocab

cell_values = st.one_of(
    st.none(),
    st.booleans(),
    st.integers(),
    st.floats(allow_nan=True, allow_infinity=True),
    st.text(),
    st.text(alphabet="0123456789.,-+ %€'/:T", max_size=30),
    st.dates(),
    st.datetimes(),
    st.times(),
    st.timedeltas(),
)


@pytest.mark.parametrize(
    ("typed", "expected"),
    [
        ("1.234,5", 1234.5),
        ("1,234.5", 1234.5),
        ("12,5 %", 12.5),
        ("12.5%", 12.5),
        ("1 234,50", 1234.5),
        ("1\u00a0234", 1234.0),
        ("250.000", 250000.0),
        ("€ 1.000", 1000.0),
        ("1.000.000", 1000000.0),
        ("0,125", 0.125),
        ("0,5", 0.5),
        ("-3,5", -3.5),
        ("1'000", 1000.0),
        (42, 42.0),
        (2.5, 2.5),
    ],
)
def test_number_reads_english_and_european_notation(typed: object, expected: float) -> None:
    assert parse.number(typed) == pytest.approx(expected)


@pytest.mark.parametrize("typed", ["", "abc", "1e5", "12 apples", True, None, float("nan")])
def test_number_refuses_what_is_not_a_number(typed: object) -> None:
    with pytest.raises(parse.ValueProblem, match="is not a number"):
        parse.number(typed)


def test_integer_range_message_names_the_range() -> None:
    with pytest.raises(parse.ValueProblem, match="outside the range 1 to 5"):
        parse.integer("7", lo=1, hi=5)
    with pytest.raises(parse.ValueProblem, match="not a whole number"):
        parse.integer("2,5")
    assert parse.integer("1.500") == 1500


@pytest.mark.parametrize(
    ("typed", "expected"),
    [
        ("31.12.2025", dt.date(2025, 12, 31)),
        ("31/12/2025", dt.date(2025, 12, 31)),
        ("31/12/25", dt.date(2025, 12, 31)),
        ("31.12.25", dt.date(2025, 12, 31)),
        ("31-12-2025", dt.date(2025, 12, 31)),
        ("2025-12-31", dt.date(2025, 12, 31)),
        ("2025-12-31 00:00:00", dt.date(2025, 12, 31)),
        ("2025-12-31T00:00", dt.date(2025, 12, 31)),
        ("1 March 2025", dt.date(2025, 3, 1)),
        (45678, dt.date(2025, 1, 21)),
        (45678.0, dt.date(2025, 1, 21)),
        ("45678", dt.date(2025, 1, 21)),
        (dt.datetime(2025, 2, 1, 0, 0), dt.date(2025, 2, 1)),
        (dt.date(2025, 2, 1), dt.date(2025, 2, 1)),
    ],
)
def test_date_reads_european_text_serials_and_excel_dates(typed: object, expected: dt.date) -> None:
    assert parse.date(typed) == expected


@pytest.mark.parametrize("typed", ["31.13.2025", "30.02.2025", "soon", 0, -5, 45678.5])
def test_date_refuses_impossible_dates_with_an_example(typed: object) -> None:
    with pytest.raises(parse.ValueProblem, match=r"not a date \(expected e.g. 31.12.2025\)"):
        parse.date(typed)


@pytest.mark.parametrize("typed", [2025, "2025", 30.0])
def test_date_refuses_a_year_or_day_count_typed_as_a_date(typed: object) -> None:
    with pytest.raises(parse.ValueProblem, match="is a number, not a date"):
        parse.date(typed)


def test_choice_forgives_case_and_spaces_only() -> None:
    assert parse.choice("  high ", vocab.HIGH_LOW) == "High"
    assert parse.choice("IN  PROGRESS", vocab.STATUSES) == "In progress"
    assert parse.choice("make FEE-based", vocab.DECISIONS) == "Make fee-based"
    with pytest.raises(parse.ValueProblem, match="not one of the allowed values"):
        parse.choice("Hi", vocab.HIGH_LOW)
    with pytest.raises(parse.ValueProblem, match="Make fee-based"):
        parse.choice("Fee based", vocab.DECISIONS)


@pytest.mark.parametrize(
    "typed", ["de", "DE", "Germany", " germany ", "DE - Germany", "de-germany", "DE: Germany"]
)
def test_country_accepts_code_name_and_dropdown_text(typed: str) -> None:
    assert parse.country(typed) == "DE"


def test_country_refuses_unknown_codes() -> None:
    assert parse.country("Türkiye") == "TR"
    with pytest.raises(parse.ValueProblem, match="not a country code"):
        parse.country("Atlantis")
    with pytest.raises(parse.ValueProblem):
        parse.country("US")


def test_yes_no_and_raci_and_steps() -> None:
    assert parse.yes_no(" ja ") is True
    assert parse.yes_no("No") is False
    assert parse.raci("c/a") == "A/C"
    assert parse.raci("RA") == "R/A"
    assert parse.steps("1, 3") == (1, 3)
    assert parse.steps("Step 2 and 4") == (2, 4)
    assert parse.steps(2.0) == (2,)
    with pytest.raises(parse.ValueProblem):
        parse.raci("X")
    with pytest.raises(parse.ValueProblem):
        parse.steps("after the kickoff")


@pytest.mark.parametrize(
    "reader",
    [
        parse.number,
        parse.integer,
        parse.bounded,
        parse.date,
        parse.country,
        parse.email,
        parse.yes_no,
        parse.raci,
        parse.steps,
        lambda v: parse.choice(v, vocab.DECISIONS),
    ],
)
@given(value=cell_values)
def test_readers_raise_only_value_problem(reader: object, value: object) -> None:
    assert callable(reader)
    with contextlib.suppress(parse.ValueProblem):
        reader(value)


@given(value=cell_values)
def test_text_never_fails_and_is_trimmed(value: object) -> None:
    out = parse.text(value)
    assert out == out.strip()
    assert "  " not in out


@pytest.mark.parametrize("value", [10**400, "9" * 400, float("inf")])
@pytest.mark.parametrize("reader", [parse.number, parse.integer, parse.steps, parse.date])
def test_huge_values_are_a_value_problem_not_a_crash(reader: object, value: object) -> None:
    assert callable(reader)
    with pytest.raises(parse.ValueProblem):
        reader(value)


@pytest.mark.parametrize(
    ("value", "steps"),
    [
        (2.3, (2, 3)),  # "2,3" typed where the comma is the decimal mark
        (12.5, (12, 5)),
        (2.30, (2, 3)),  # "2,30" is stored as 2.3 and shows as 2,3: read as it shows
        (3.12, (3, 12)),
        (4.0, (4,)),
        ("2.3", (2, 3)),  # the same typed into a text cell
        ("1.10", (1, 10)),  # text keeps the 0
        ("2.0", (2,)),
        ("2,3", (2, 3)),
        ("2/3", (2, 3)),
    ],
)
def test_steps_typed_with_a_decimal_mark_are_the_steps_either_side(
    value: object, steps: tuple[int, ...]
) -> None:
    assert parse.steps(value) == steps


def test_a_number_that_lost_its_0_is_quoted_as_the_cell_shows_it() -> None:
    # "1,10" typed is stored as 1.1: steps 1 and 1 cannot be meant, 1 and 10 cannot be known.
    with pytest.raises(parse.ValueProblem) as problem:
        parse.steps(1.1)
    assert str(problem.value).startswith("'1,1' (the number 1.1) names step 1 twice")
    assert "'1; 10'" in str(problem.value)


@pytest.mark.parametrize("value", [0.5, -2.3, 1e-7, 0.1 + 0.2, 2.1234567])
def test_numbers_that_are_no_pair_of_steps_are_refused(value: float) -> None:
    with pytest.raises(parse.ValueProblem, match=r"\(the number "):
        parse.steps(value)


def test_a_date_in_after_steps_is_refused_with_what_to_type() -> None:
    with pytest.raises(parse.ValueProblem, match=r"is a date, not step numbers.*'2; 3'"):
        parse.steps(dt.datetime(2026, 3, 2))
