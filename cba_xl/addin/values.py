"""Cell values as xlwings hands them to a UDF, turned into the core's types.

xlwings' conventions (Windows, COM): numbers arrive as floats, empty cells as None, dates as
datetime, a range as a list of rows when the argument says `ndim=2`. A value that cannot be
read raises `CellProblem`, whose text names the argument, what was expected and what was found;
`cell_errors` turns it into the cell's text, so a cell never shows a traceback.
"""

from __future__ import annotations

import datetime as dt
import functools
from collections.abc import Callable, Sequence
from typing import Any, Final, TypeVar

from cba_xl.core import parse
from cba_xl.errors import CbaError

_F = TypeVar("_F", bound=Callable[..., Any])

Rows = list[list[Any]]


class CellProblem(ValueError):
    """An argument a UDF cannot use; the message is for the person looking at the cell."""


class _NotGiven:
    """An optional argument left out in Excel: xlwings passes the Python default, while an
    empty cell arrives as None, so the two can be told apart."""

    def __repr__(self) -> str:
        return "NOT_GIVEN"


NOT_GIVEN: Final = _NotGiven()


def cell_errors(name: str) -> Callable[[_F], _F]:
    """The UDF's problems as one line of text in the cell, starting with the function's name."""

    def wrap(f: _F) -> _F:
        @functools.wraps(f)
        def guarded(*args: Any, **kwargs: Any) -> Any:
            try:
                return f(*args, **kwargs)
            except CellProblem as problem:
                return f"{name}: {problem}"
            except CbaError as problem:
                return f"{name}: {problem.message}"
            # The cell is the only place a user sees; xlwings would put the traceback there.
            except Exception as exc:
                return f"{name}: unexpected problem ({type(exc).__name__}: {exc})"

        return guarded  # type: ignore[return-value]

    return wrap


def blank(value: object) -> bool:
    return parse.is_blank(value)


def text(value: object) -> str:
    return parse.text(value)


def choice(arg: str, value: object, allowed: Sequence[str]) -> str:
    """One of `allowed` (case and spaces forgiven), '' for an empty cell."""
    if blank(value):
        return ""
    try:
        return parse.choice(value, allowed)
    except parse.ValueProblem:
        raise CellProblem(
            f"{arg} must be one of {', '.join(allowed)}, got {parse.show(value)}"
        ) from None


def whole(arg: str, value: object, *, lo: int | None = None, hi: int | None = None) -> int | None:
    if blank(value):
        return None
    try:
        number = parse.number(value, integer=True)
    except parse.ValueProblem:
        raise CellProblem(f"{arg} must be a whole number, got {parse.show(value)}") from None
    if not number.is_integer():
        raise CellProblem(f"{arg} must be a whole number, got {parse.show(value)}")
    result = int(number)
    if (lo is not None and result < lo) or (hi is not None and result > hi):
        raise CellProblem(f"{arg} must be from {lo} to {hi}, got {parse.show(value)}")
    return result


def number(arg: str, value: object) -> float | None:
    if blank(value):
        return None
    try:
        return parse.number(value)
    except parse.ValueProblem:
        raise CellProblem(f"{arg} must be a number, got {parse.show(value)}") from None


def date(arg: str, value: object) -> dt.date | None:
    if blank(value):
        return None
    try:
        return parse.date(value)
    except parse.ValueProblem:
        raise CellProblem(
            f"{arg} must be a date (e.g. 31.12.2025), got {parse.show(value)}"
        ) from None


def steps(arg: str, value: object) -> tuple[int, ...]:
    if blank(value):
        return ()
    try:
        return parse.steps(value)
    except parse.ValueProblem:
        raise CellProblem(
            f"{arg} must list step numbers (e.g. '1, 3'), got {parse.show(value)}"
        ) from None


def rows(arg: str, value: object) -> Rows:
    """A range argument (ndim=2) as a list of rows; a single value is a 1x1 range, so a UDF
    also works on one cell or when called from Python with a plain list."""
    if isinstance(value, list | tuple):
        if not value:
            return []
        if all(isinstance(r, list | tuple) for r in value):
            return [list(r) for r in value]
        # A flat list is a column: xlwings without ndim=2 squeezes a column to one dimension.
        return [[v] for v in value]
    return [[value]]


def column(arg: str, value: object) -> list[Any]:
    """A one-column (or one-row) range as a flat list."""
    grid = rows(arg, value)
    if not grid:
        return []
    if all(len(r) == 1 for r in grid):
        return [r[0] for r in grid]
    if len(grid) == 1:
        return list(grid[0])
    raise CellProblem(f"{arg} must be one column, got {len(grid)} rows x {len(grid[0])} columns")


def same_height(**columns: Sequence[object]) -> int:
    """The common number of rows of column arguments; a clear message when they differ."""
    heights = {name: len(col) for name, col in columns.items()}
    distinct = set(heights.values())
    if len(distinct) > 1:
        shown = ", ".join(f"{name} has {h}" for name, h in heights.items())
        raise CellProblem(f"the ranges must have the same number of rows ({shown})")
    return distinct.pop() if distinct else 0


def as_column(values: Sequence[object]) -> Rows:
    """A list as the 2-D column Excel spills: [[a], [b], ...]; [['']] when empty, since a UDF
    must return at least one cell."""
    return [[v] for v in values] or [[""]]


def per_row(fn: Callable[[int], object], count: int, name: str) -> list[object]:
    """fn(i) for each row; a row whose values are unusable shows its own message, so one typo
    does not blank a 200-row column."""
    out: list[object] = []
    for i in range(count):
        try:
            out.append(fn(i))
        except CellProblem as problem:
            out.append(f"{name}: row {i + 1}: {problem}")
    return out


__all__ = [
    "NOT_GIVEN",
    "CellProblem",
    "Rows",
    "as_column",
    "blank",
    "cell_errors",
    "choice",
    "column",
    "date",
    "number",
    "per_row",
    "rows",
    "same_height",
    "steps",
    "text",
    "whole",
]
