"""The workbook interface on a file on disk, through openpyxl (the way `cba-xl fill` works):
what the tests run every button's code on."""

from __future__ import annotations

import contextlib
import warnings
from collections.abc import Iterator, Sequence
from pathlib import Path
from typing import Any

from cba_xl.addin.book import (
    CONFIG_SHEET,
    MARK_FILL,
    CellValue,
    Formula,
    Link,
    config_value,
    marked_note,
    unmarked_note,
)
from cba_xl.core.findings import Loc
from cba_xl.excel.vml import restore_vml_drawings


class FileBook:
    """A workbook file through openpyxl. Changes are kept in memory until `save`, which writes
    `out` (or the file itself). A .xlsm keeps its VBA project; openpyxl drops form buttons."""

    def __init__(
        self, path: Path, out: Path | None = None, *, folder_answer: Path | None = None
    ) -> None:
        import openpyxl

        self._path = Path(path)
        self.out = Path(out) if out is not None else self._path
        self.folder_answer = folder_answer
        self.messages: list[str] = []
        self._dirty = False
        with warnings.catch_warnings():
            # openpyxl announces the parts it will not keep (extensions, form controls); the
            # workbook's data is read all the same.
            warnings.simplefilter("ignore", UserWarning)
            self.wb = openpyxl.load_workbook(
                self._path, keep_vba=self._path.suffix.lower() == ".xlsm"
            )

    @property
    def path(self) -> Path:
        return self.out

    @contextlib.contextmanager
    def snapshot(self) -> Iterator[Path]:
        if self._dirty or self.out != self._path:
            self.save()
        yield self.out

    def setting(self, key: str) -> str:
        rows = self.sheet_rows(CONFIG_SHEET)
        return config_value(rows, key)

    def sheet_rows(self, sheet: str) -> list[list[object]]:
        if sheet not in self.wb.sheetnames:
            return []
        ws = self.wb[sheet]
        return [list(r) for r in ws.iter_rows(values_only=True)]

    def write(self, loc: Loc, value: CellValue) -> None:
        self._put(self.wb[loc.sheet][loc.cell], value)
        self._dirty = True

    def _put(self, cell: Any, value: CellValue) -> None:
        from openpyxl.styles import Font
        from openpyxl.worksheet.hyperlink import Hyperlink

        if isinstance(value, Link):
            cell.value = value.text
            cell.hyperlink = Hyperlink(ref=cell.coordinate, location=value.address[1:])
            cell.font = Font(color="0563C1", underline="single")
            return
        if isinstance(value, Formula):
            cell.value = value.text
            return
        cell.value = value
        if isinstance(value, str) and value.startswith("="):
            cell.data_type = "s"  # openpyxl would store it as a formula

    def replace_sheet(
        self, sheet: str, rows: Sequence[Sequence[CellValue]], widths: Sequence[float]
    ) -> None:
        from openpyxl.utils import get_column_letter

        if sheet in self.wb.sheetnames:
            del self.wb[sheet]
        ws = self.wb.create_sheet(sheet, index=min(1, len(self.wb.sheetnames)))
        for r, row in enumerate(rows, start=1):
            for c, value in enumerate(row, start=1):
                self._put(ws.cell(row=r, column=c), value)
        for c, width in enumerate(widths, start=1):
            dim = ws.column_dimensions[get_column_letter(c)]
            if width:
                dim.width = width
            else:
                dim.hidden = True
        self._dirty = True

    def mark(self, loc: Loc, note: str) -> str:
        from openpyxl.comments import Comment
        from openpyxl.styles import PatternFill

        if loc.sheet not in self.wb.sheetnames:
            return ""
        cell = self.wb[loc.sheet][loc.cell]
        before = ""
        fill = cell.fill
        if fill is not None and fill.fill_type == "solid":
            rgb = fill.fgColor.rgb
            if isinstance(rgb, str) and len(rgb) == 8:
                before = "#" + rgb[2:].upper()
        hex_fill = MARK_FILL.lstrip("#")
        cell.fill = PatternFill(fill_type="solid", fgColor="FF" + hex_fill, bgColor="FF" + hex_fill)
        existing = cell.comment.text if cell.comment is not None else None
        comment = Comment(marked_note(note, existing), "cba-xl")
        comment.width, comment.height = 320, 120
        cell.comment = comment
        self._dirty = True
        return before

    def unmark(self, loc: Loc, fill: str) -> None:
        from openpyxl.comments import Comment
        from openpyxl.styles import PatternFill

        if loc.sheet not in self.wb.sheetnames:
            return
        cell = self.wb[loc.sheet][loc.cell]
        if fill:
            color = "FF" + fill.lstrip("#").upper()
            cell.fill = PatternFill(fill_type="solid", fgColor=color, bgColor=color)
        else:
            cell.fill = PatternFill(fill_type=None)
        if cell.comment is not None:
            rest = unmarked_note(cell.comment.text)
            if rest is None:
                cell.comment = None
            elif rest != cell.comment.text:
                cell.comment = Comment(rest, cell.comment.author or "")
        self._dirty = True

    def save(self) -> None:
        from cba_xl.files.atomic import write_atomically

        def write(tmp: Path) -> None:
            self.wb.save(tmp)
            restore_vml_drawings(tmp, self.wb)

        write_atomically(self.out, write, force=True)
        self._path = self.out
        self._dirty = False

    def tell(self, message: str) -> None:
        self.messages.append(message)

    def ask_folder(self, prompt: str) -> Path | None:
        self.messages.append(prompt)
        return self.folder_answer


__all__ = ["FileBook", "restore_vml_drawings"]
