"""What `cba-xl fill` changed, cell by cell, so the Fill button can run the CLI's own fill on a
snapshot of the open workbook and then carry exactly those changes into Excel."""

from __future__ import annotations

import datetime as dt
import warnings
from collections.abc import Callable, Iterable
from pathlib import Path

from openpyxl import load_workbook
from openpyxl.workbook.workbook import Workbook

from cba_xl.addin.book import CellValue, Formula
from cba_xl.core.findings import Loc
from cba_xl.spec.cells import split


def _load(path: Path) -> Workbook:
    with warnings.catch_warnings():
        warnings.simplefilter("ignore", UserWarning)  # parts openpyxl does not keep; values stay
        return load_workbook(path, keep_vba=False)


def _contents(book: Workbook, sheet: str) -> dict[str, CellValue]:
    if sheet not in book.sheetnames:
        return {}
    out: dict[str, CellValue] = {}
    for row in book[sheet].iter_rows():
        for cell in row:
            value: object = cell.value
            if value is None:
                continue
            if cell.data_type == "f":
                out[cell.coordinate] = Formula(str(getattr(value, "text", value)))
            elif isinstance(value, str | int | float | dt.date):
                out[cell.coordinate] = value
            else:  # rich text and the like: what the cell shows is its text
                out[cell.coordinate] = str(value)
    return out


def live_function(content: CellValue) -> bool:
    """A formula using one of the add-in's functions, or a name holding what one computed
    (CBA_CRITICAL_RESULT): it computes the value itself."""
    return isinstance(content, Formula) and "CBA_" in content.text.upper()


def cell_changes(
    before: Path,
    after: Path,
    sheets: Iterable[str],
    *,
    keep: Callable[[CellValue], bool] = lambda content: False,
) -> list[tuple[Loc, CellValue]]:
    """Cells of `sheets` whose value or formula differs from `before` to `after`, with the new
    content (a Formula for formulas, None for a cleared cell), sheet by sheet, row by row;
    cells whose content before satisfies `keep` are left out."""
    old, new = _load(before), _load(after)
    changes: list[tuple[Loc, CellValue]] = []
    for name in sheets:
        was, now = _contents(old, name), _contents(new, name)
        changed = [
            ref for ref in {*was, *now} if was.get(ref) != now.get(ref) and not keep(was.get(ref))
        ]
        for ref in sorted(changed, key=split):
            changes.append((Loc(name, ref), now.get(ref)))
    return changes


__all__ = ["cell_changes", "live_function"]
