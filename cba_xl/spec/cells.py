"""A1 cell arithmetic, so the layout can speak in rows and columns."""

from __future__ import annotations

import re

_A1 = re.compile(r"^\$?([A-Z]{1,3})\$?(\d+)$")


def col_letter(index: int) -> str:
    """0-based column index to letters: 0 -> A, 27 -> AB."""
    letters = ""
    index += 1
    while index:
        index, rem = divmod(index - 1, 26)
        letters = chr(65 + rem) + letters
    return letters


def col_index(letters: str) -> int:
    n = 0
    for ch in letters:
        n = n * 26 + ord(ch) - 64
    return n - 1


def a1(row: int, col: int) -> str:
    """1-based row, 0-based column, as Excel writes it: (7, 2) -> C7."""
    return f"{col_letter(col)}{row}"


def split(ref: str) -> tuple[int, int]:
    """'C7' -> (7, 2): 1-based row, 0-based column."""
    m = _A1.match(ref.upper())
    if not m:
        raise ValueError(f"not a cell reference: {ref!r}")
    return int(m.group(2)), col_index(m.group(1))


def absolute(ref: str) -> str:
    row, col = split(ref)
    return f"${col_letter(col)}${row}"
