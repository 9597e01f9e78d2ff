"""The cohort lists' columns are declared once, in cohort/tables.py, and rows are built by
column name: a row that names a column the list lacks, or leaves one out, is refused."""

from __future__ import annotations

import pytest
from slides_support import demo_homework

from cba_xl.cohort import tables as tb
from cba_xl.cohort.extract import homework_rows


def test_a_row_is_laid_out_by_its_lists_column_order() -> None:
    row = tb.CHALLENGES.row(
        ("Challenges", "C5"), {"Note": "n", "Challenge theme": "Funding", "Rank": 1}
    )
    assert row == ("Challenges", "C5", 1, "Funding", "n")
    assert row[tb.CHALLENGES.index("Challenge theme")] == "Funding"


@pytest.mark.parametrize(
    "values",
    [
        {"Rank": 1, "Challenge theme": "Funding"},
        {"Rank": 1, "Challenge theme": "Funding", "Note": "", "Theme": "x"},
    ],
)
def test_a_row_with_a_missing_or_unknown_column_is_refused(values: dict[str, object]) -> None:
    with pytest.raises(KeyError, match="Challenges"):
        tb.CHALLENGES.row(("Challenges", "C5"), values)  # type: ignore[arg-type]


def test_every_list_of_a_homework_has_one_value_per_column() -> None:
    rows = homework_rows(demo_homework(3)[0])
    assert list(rows) == [spec.key for spec in tb.LISTS]
    for spec in tb.LISTS:
        assert rows[spec.key], spec.key
        assert {len(r) for r in rows[spec.key]} == {2 + len(spec.values)}, spec.key


def test_the_side_sheets_rows_are_laid_out_by_header_too() -> None:
    skipped = tb.by_header(
        "Participants",
        tb.PARTICIPANTS_COLUMNS,
        {"Status": tb.SKIPPED, "File": "a.xlsx", "Note": "lock file"},
        rest_blank=True,
    )
    assert skipped[:3] == ("a.xlsx", tb.SKIPPED, "lock file")
    assert set(skipped[3:]) == {None}
    with pytest.raises(KeyError, match="Participants"):
        tb.by_header("Participants", tb.PARTICIPANTS_COLUMNS, {"File": "a.xlsx"})
