"""The one narrow interface the add-in's macros use to talk to a workbook, with two
implementations: live Excel through xlwings (`XlwingsBook`) and a file on disk through openpyxl
(`FileBook`, as `cba-xl fill` works). The macros' work (`cba_xl.addin.macros.run_*`) only sees
`WorkbookPort`, so the tests run the very code a button runs in Excel, on real files.

The implementations live in `file_book` and `excel_book`. What the interface offers is what
the buttons need and no more: a file snapshot for the readers
the CLI uses, values in and out of cells, a sheet replaced by a table, internal links, cell marks,
one setting from the `xlwings.conf` sheet, and a message or folder question for the user.
"""

from __future__ import annotations

import contextlib
import datetime as dt
from collections.abc import Callable, Sequence
from dataclasses import dataclass
from pathlib import Path
from typing import Any, Final, Protocol

from cba_xl.core.findings import Loc

CONFIG_SHEET: Final = "xlwings.conf"
MARK_FILL: Final = "#FFC7CE"  # Excel's own "bad" cell fill
MARK_PREFIX: Final = "cba-xl: "  # notes the add-in wrote start with this; others are left alone


@dataclass(frozen=True, slots=True)
class Link:
    """A cell holding an internal hyperlink to `target`, showing `text`."""

    target: Loc
    text: str

    @property
    def address(self) -> str:
        """Excel's in-workbook link syntax: '#' then the sheet (quoted) and the cell."""
        return f"#'{self.target.sheet}'!{self.target.cell or 'A1'}"


@dataclass(frozen=True, slots=True)
class Formula:
    """A cell formula such as '=IF(C5="","",...)', written as a formula, not as text."""

    text: str


CellValue = str | int | float | dt.date | Link | Formula | None


class WorkbookPort(Protocol):
    @property
    def path(self) -> Path:
        """Where the workbook lives; outputs such as the deck go beside it."""
        ...

    def snapshot(self) -> contextlib.AbstractContextManager[Path]:
        """A file holding the workbook as it is now, for the readers the CLI uses."""
        ...

    def setting(self, key: str) -> str:
        """A value from the `xlwings.conf` sheet (key case-insensitive), '' when absent."""
        ...

    def sheet_rows(self, sheet: str) -> list[list[object]]:
        """A sheet's values from A1 (None for empty cells); [] when there is no such sheet."""
        ...

    def write(self, loc: Loc, value: CellValue) -> None:
        """One cell. Text always stays text, even when it starts with '='."""
        ...

    def replace_sheet(
        self, sheet: str, rows: Sequence[Sequence[CellValue]], widths: Sequence[float]
    ) -> None:
        """The sheet (created after the first sheet if missing) holds exactly `rows` from A1;
        a width of 0 hides that column."""
        ...

    def mark(self, loc: Loc, note: str) -> str:
        """Flag a cell (red fill, a note starting with MARK_PREFIX); returns the fill it had
        as '#RRGGBB', or '' for none, so `unmark` can put it back."""
        ...

    def unmark(self, loc: Loc, fill: str) -> None:
        """Undo `mark`: the fill back to `fill`, the add-in's note removed."""
        ...

    def save(self) -> None:
        """Keep the changes: the file implementation writes it; live Excel leaves saving to
        the user, as any macro should."""
        ...

    def tell(self, message: str) -> None:
        """Show the user a short message."""
        ...

    def ask_folder(self, prompt: str) -> Path | None:
        """Let the user pick a folder; None when cancelled or not possible."""
        ...


NOTE_SEPARATOR: Final = "\n----\n"  # between the add-in's text and a note the cell had


def marked_note(note: str, existing: str | None) -> str:
    """The add-in's note, keeping a note the cell already had below it."""
    own = unmarked_note(existing) if existing else None
    return MARK_PREFIX + note + (NOTE_SEPARATOR + own if own else "")


def unmarked_note(text: str) -> str | None:
    """A note with the add-in's part taken out; None when nothing else was there."""
    if not text.startswith(MARK_PREFIX):
        return text
    if NOTE_SEPARATOR in text:
        return text.split(NOTE_SEPARATOR, 1)[1]
    return None


def excel_text(value: object) -> object:
    """A value as Excel's Book API must be given it so that text stays the same text.

    A leading apostrophe is Excel's mark "keep this as text", as when typing: text that looks
    like a formula gets one, and so does text that starts with an apostrophe of its own
    ("'Grant support' has ..."), which Excel would otherwise swallow. None clears the cell."""
    if isinstance(value, str) and value[:1] in ("=", "+", "-", "@", "'"):
        return "'" + value
    return "" if value is None else value


def fresh_sheet(book: Any, name: str) -> Any:
    """The sheet `name` of an xlwings Book, emptied, or a new one after the first sheet."""
    if name in [s.name for s in book.sheets]:
        ws = book.sheets[name]
        ws.clear()
        return ws
    return book.sheets.add(name, after=book.sheets[0])


def write_rows(
    ws: Any, rows: Sequence[Sequence[CellValue]], put: Callable[[Any, CellValue], None]
) -> None:
    """Rows into an xlwings sheet from A1: plain values in one block (one call, not one per
    cell), then each link and formula through the port's own `put`."""
    width = max((len(r) for r in rows), default=0)
    if rows and width:
        block = [
            [None if isinstance(v, Link | Formula) else excel_text(v) for v in r]
            + [None] * (width - len(r))
            for r in rows
        ]
        ws.range((1, 1), (len(block), width)).value = block
    for r, row in enumerate(rows, start=1):
        for c, v in enumerate(row, start=1):
            if isinstance(v, Link | Formula):
                put(ws.range((r, c)), v)


def config_value(rows: Sequence[Sequence[object]], key: str) -> str:
    """xlwings' reading of its config sheet: keys from A1 down to the first empty cell,
    compared in upper case (the add-in's GetConfigFromSheet), values in column B."""
    wanted = key.strip().upper()
    for row in rows:
        name = row[0] if row else None
        if name is None or str(name).strip() == "":
            break
        if str(name).strip().upper() == wanted:
            value = row[1] if len(row) > 1 else None
            return "" if value is None else str(value).strip()
    return ""


__all__ = [
    "CONFIG_SHEET",
    "MARK_FILL",
    "MARK_PREFIX",
    "NOTE_SEPARATOR",
    "CellValue",
    "Formula",
    "Link",
    "WorkbookPort",
    "config_value",
    "marked_note",
    "unmarked_note",
]
