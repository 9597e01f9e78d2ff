"""What every sheet of the participant workbook shares: the frame (title, instruction line,
page setup, protection) and typed writing of participant values.

Participant text is always written with `write_string`: text such as "=cmd|' /C calc'!A0" must
stay text and never become a formula.
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Iterator
from contextlib import contextmanager
from contextvars import ContextVar

from xlsxwriter.format import Format
from xlsxwriter.worksheet import Worksheet

from cba_xl.core import vocab
from cba_xl.core.schema import Field, Kind
from cba_xl.excel.styles import Styles

_EXCEL_EPOCH = dt.date(1899, 12, 30)
MARGIN_WIDTH = 2  # column A stays a narrow margin on every sheet

PROTECTION = {
    # No password: protection only keeps the layout safe from slips; anyone may lift it.
    "select_locked_cells": True,
    "select_unlocked_cells": True,
    "format_columns": True,
    "format_rows": True,
}


def frame(ws: Worksheet, styles: Styles, title: str, instruction: str) -> None:
    """Title in B1, one instruction line in B2, no gridlines, column A as margin."""
    ws.hide_gridlines(2)
    ws.set_column(0, 0, MARGIN_WIDTH)
    ws.set_row(0, 24)
    ws.write_string(0, 1, title, styles.title)
    ws.write_string(1, 1, instruction, styles.instruction)


def page_setup(ws: Worksheet, *, repeat_to_row: int | None = None, one_page: bool = False) -> None:
    """A4 landscape, one page wide; `repeat_to_row` (1-based) repeats the rows above the data."""
    ws.set_landscape()
    ws.set_paper(9)
    ws.set_margins(left=0.5, right=0.5, top=0.6, bottom=0.6)
    ws.fit_to_pages(1, 1 if one_page else 0)
    if repeat_to_row is not None:
        ws.repeat_rows(0, repeat_to_row - 1)
    ws.set_footer("&L&8Cluster Booster Academy&R&8&A, page &P of &N")


# Whether the sheets being built are protected: the xlwings Lite variant of the template is not,
# since Lite's scripts cannot lift a sheet's protection and Excel refuses their writes on it.
_PROTECTED: ContextVar[bool] = ContextVar("cba_xl_protected", default=True)


@contextmanager
def sheets_protected(protected: bool) -> Iterator[None]:
    token = _PROTECTED.set(protected)
    try:
        yield
    finally:
        _PROTECTED.reset(token)


def protecting() -> bool:
    """Whether the sheets being built get protected (not in the xlwings Lite workbook)."""
    return _PROTECTED.get()


def protect(ws: Worksheet) -> None:
    if _PROTECTED.get():
        ws.protect("", dict(PROTECTION))


def serial(day: dt.date) -> int:
    """A date as Excel's day number, for cached formula results."""
    return (day - _EXCEL_EPOCH).days


def _as_text(f: Field, value: object) -> str:
    if f.kind is Kind.COUNTRY and isinstance(value, str) and value in vocab.COUNTRIES:
        return f"{value} - {vocab.COUNTRIES[value]}"
    if f.kind is Kind.YES_NO and isinstance(value, bool):
        return vocab.YES_NO[0] if value else vocab.YES_NO[1]
    if f.kind is Kind.STEPS and isinstance(value, tuple):
        return ", ".join(str(v) for v in value)
    if f.key == "block" and isinstance(value, str):
        return vocab.CANVAS_BLOCK_TITLES.get(value, value)
    if isinstance(value, float) and value.is_integer():
        return str(int(value))
    return str(value)


def is_empty(value: object) -> bool:
    return value is None or value == "" or value == ()


def put(ws: Worksheet, row: int, col: int, f: Field, value: object, fmt: Format) -> None:
    """One input cell (1-based row, 0-based column): blank, or the value typed as its field."""
    r = row - 1
    if is_empty(value):
        ws.write_blank(r, col, None, fmt)
    elif isinstance(value, dt.date) and f.kind is Kind.DATE:
        moment = value if isinstance(value, dt.datetime) else dt.datetime.combine(value, dt.time())
        ws.write_datetime(r, col, moment, fmt)
    elif isinstance(value, int | float) and not isinstance(value, bool) and f.kind in _NUMERIC:
        ws.write_number(r, col, value, fmt)
    else:
        ws.write_string(r, col, _as_text(f, value), fmt)


_NUMERIC = (Kind.INT, Kind.YEAR, Kind.SCORE, Kind.NUMBER, Kind.PERCENT)


# Characters of 10 pt Arial that fit a column of width 1 (widths count Calibri 11 digits),
# for bold headers and for plain text.
_BOLD_PER_WIDTH = 1.0
_PLAIN_PER_WIDTH = 1.1
_LINE = 13.0  # points per line of 10 pt text


def header_height(texts_and_widths: list[tuple[str, int]]) -> float:
    """A row height that shows each wrapped (bold) header in full (widths in characters)."""
    lines = max((_lines(t, w, _BOLD_PER_WIDTH) for t, w in texts_and_widths), default=1)
    return _LINE * lines + 5


def text_height(texts_and_widths: list[tuple[str, int]]) -> float | None:
    """The height a row of wrapped participant text needs, or None when one line does.

    LibreOffice does not grow rows to wrapped text when it opens a file, so a filled workbook
    sets the heights itself."""
    lines = max((_lines(t, w, _PLAIN_PER_WIDTH) for t, w in texts_and_widths if t), default=1)
    return _LINE * lines + 4 if lines > 1 else None


def _lines(text: str, width: int, per_width: float) -> int:
    usable = max(int(width * per_width) - 1, 4)
    count, current = 1, 0
    for word in text.split():
        need = len(word) if current == 0 else current + 1 + len(word)
        if need > usable and current:
            count += 1
            current = len(word)
        else:
            current = need
    return count
