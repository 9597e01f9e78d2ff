"""The workbook interface on the workbook open in Excel, through xlwings: what the buttons'
macros and CBA_FINDINGS use. What `.api` offers depends on xlwings' engine, not on the
operating system as such: pywin32's COM objects on Windows, appscript references on macOS.
tests/test_addin_xlwings.py runs it through xlwings' own Windows code on a faked COM."""

from __future__ import annotations

import contextlib
import tempfile
from collections.abc import Iterator, Sequence
from pathlib import Path
from typing import Any

from cba_xl.addin.book import (
    MARK_FILL,
    CellValue,
    Formula,
    Link,
    config_value,
    excel_text,
    fresh_sheet,
    marked_note,
    unmarked_note,
    write_rows,
)
from cba_xl.core.findings import Loc


def _hex(rgb: tuple[int, int, int] | None) -> str:
    return "" if rgb is None else "#{:02X}{:02X}{:02X}".format(*rgb)


def _rgb(hex_color: str) -> tuple[int, int, int] | None:
    h = hex_color.lstrip("#")
    if len(h) != 6:
        return None
    return (int(h[0:2], 16), int(h[2:4], 16), int(h[4:6], 16))


class XlwingsBook:
    """The workbook open in Excel, as `xw.Book.caller()` returns it. Cell formatting and notes
    on protected sheets need the sheet unprotected for a moment; the template's sheets have no
    password, so the add-in lifts protection and puts the same protection back."""

    def __init__(self, book: Any) -> None:
        self.book = book
        self.com = _is_com(book)

    @property
    def path(self) -> Path:
        return Path(self.book.fullname)

    @contextlib.contextmanager
    def snapshot(self) -> Iterator[Path]:
        if self.com:
            with tempfile.TemporaryDirectory(prefix="cba-xl-") as folder:
                copy = Path(folder) / self.book.name
                # SaveCopyAs writes the current state without touching the open workbook's
                # name, path or "unsaved changes" flag.
                self.book.api.SaveCopyAs(str(copy))
                yield copy
        else:
            # RunPython on macOS: no SaveCopyAs through appscript; the workbook is saved.
            self.book.save()
            yield self.path

    def setting(self, key: str) -> str:
        from xlwings.utils import read_config_sheet

        config: dict[Any, Any] = read_config_sheet(self.book)  # type: ignore[no-untyped-call]
        return config_value([[k, v] for k, v in config.items()], key)

    def sheet_rows(self, sheet: str) -> list[list[object]]:
        if sheet not in [s.name for s in self.book.sheets]:
            return []
        used = self.book.sheets[sheet].used_range
        last_row = used.last_cell.row
        last_col = used.last_cell.column
        values = self.book.sheets[sheet].range((1, 1), (last_row, last_col)).options(ndim=2).value
        return [list(r) for r in values]

    def write(self, loc: Loc, value: CellValue) -> None:
        sheet = self.book.sheets[loc.sheet]
        with _unprotected(sheet, self.com):
            self._put(sheet.range(loc.cell), value)

    @staticmethod
    def _put(rng: Any, value: CellValue) -> None:
        if isinstance(value, Link):
            rng.add_hyperlink(value.address, value.text, value.text)
            return
        if isinstance(value, Formula):
            rng.formula = value.text
            return
        rng.value = excel_text(value)

    def replace_sheet(
        self, sheet: str, rows: Sequence[Sequence[CellValue]], widths: Sequence[float]
    ) -> None:
        ws = fresh_sheet(self.book, sheet)
        write_rows(ws, rows, self._put)
        for c, w in enumerate(widths, start=1):
            ws.range((1, c)).column_width = w  # 0 hides the column, as in Excel itself
        if self.com:
            # The macro runs in this workbook's Excel: show the sheet, without xlwings'
            # activate() bringing Excel's window to the front first.
            ws.api.Activate()
        else:
            ws.activate()

    def mark(self, loc: Loc, note: str) -> str:
        if loc.sheet not in [s.name for s in self.book.sheets]:
            return ""
        sheet = self.book.sheets[loc.sheet]
        rng = sheet.range(loc.cell)
        with _unprotected(sheet, self.com):
            before = _hex(rng.color)
            rng.color = MARK_FILL
            existing = rng.note.text if rng.note is not None else None
            if rng.note is not None:
                rng.note.delete()
            rng.add_note(marked_note(note, existing))
        return before

    def unmark(self, loc: Loc, fill: str) -> None:
        if loc.sheet not in [s.name for s in self.book.sheets]:
            return
        sheet = self.book.sheets[loc.sheet]
        rng = sheet.range(loc.cell)
        with _unprotected(sheet, self.com):
            rng.color = _rgb(fill)
            note = rng.note
            if note is not None:
                rest = unmarked_note(note.text)
                if rest != note.text:
                    note.delete()
                    if rest is not None:
                        rng.add_note(rest)

    def save(self) -> None:
        """Live Excel: the user saves; nothing is written behind their back."""

    def tell(self, message: str) -> None:
        self.book.app.alert(message, title="cba-xl")

    def ask_folder(self, prompt: str) -> Path | None:
        if not self.com:
            return None  # no folder dialog through appscript
        dialog = self.book.app.api.FileDialog(4)  # msoFileDialogFolderPicker
        dialog.Title = prompt
        if dialog.Show() != -1:
            return None
        return Path(dialog.SelectedItems(1))


def _is_com(book: Any) -> bool:
    """Excel driven through COM (xlwings' Windows engine), as opposed to AppleScript (macOS)."""
    return type(getattr(book, "impl", None)).__module__ == "xlwings._xlwindows"


_ALLOWED = (
    "AllowFormattingCells",
    "AllowFormattingColumns",
    "AllowFormattingRows",
    "AllowInsertingRows",
    "AllowDeletingRows",
    "AllowSorting",
    "AllowFiltering",
)


@contextlib.contextmanager
def _unprotected(sheet: Any, com: bool) -> Iterator[None]:
    """Lift a password-less sheet protection for the duration, then restore it with the same
    permissions. The template's sheets have no password, so nothing is needed from the user."""
    if com:
        with _unprotected_com(sheet.api):
            yield
    else:
        with _unprotected_appscript(sheet.api):
            yield


@contextlib.contextmanager
def _unprotected_com(api: Any) -> Iterator[None]:
    if not api.ProtectContents:
        yield
        return
    p = api.Protection
    allowed = {name: getattr(p, name) for name in _ALLOWED}
    api.Unprotect()
    try:
        yield
    finally:
        api.Protect(Contents=True, **allowed)


def _snake(name: str) -> str:
    return "".join("_" + c.lower() if c.isupper() else c for c in name).lstrip("_")


@contextlib.contextmanager
def _unprotected_appscript(api: Any) -> Iterator[None]:
    """The same through Excel's AppleScript dictionary (the terms xlwings' mac_dict.py names:
    `protect contents`, `protection object`, `unprotect`, `protect worksheet`)."""
    if not api.protect_contents.get():
        yield
        return
    p = api.protection_object.get()
    allowed = {_snake(name): getattr(p, _snake(name)).get() for name in _ALLOWED}
    api.unprotect()
    try:
        yield
    finally:
        api.protect_worksheet(worksheet_contents=True, **allowed)


__all__ = ["XlwingsBook"]
