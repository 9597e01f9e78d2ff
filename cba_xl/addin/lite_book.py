"""The workbook interface in xlwings Lite: the workbook open in Excel (Windows, macOS or the
web) as the `book: xw.Book` a Lite script receives. Python runs in Pyodide there, with no file
of the workbook on disk: the readers get a snapshot written from the sheets' values and
formulas, and what the buttons make (the deck, the cohort files) goes to `/data`, which Lite's
Files > Import/Export offers for download.

Only the parts of the xlwings Book API that Lite documents are used: sheet names,
`used_range`, `range(...).value`, `.formula` and `.color` set on a range, `sheets.add`,
`clear`, and, read once before the work starts (`LiteBook.load`, async as Lite's reads of
formulas, number formats and fills are), `get_formula`, `get_number_format`, `get_colors`.
"""

from __future__ import annotations

import contextlib
import datetime as dt
import tempfile
from collections.abc import Iterator, Sequence
from pathlib import Path
from typing import Any, Final

from cba_xl.addin.book import (
    CONFIG_SHEET,
    MARK_FILL,
    CellValue,
    Formula,
    Link,
    config_value,
    excel_text,
    fresh_sheet,
    write_rows,
)
from cba_xl.core.findings import Loc
from cba_xl.core.schema import Kind
from cba_xl.spec import LAYOUT
from cba_xl.spec.cells import a1, split

DATA: Final = Path("/data")  # Lite's Import/Export folder
DATE_FORMAT: Final = "dd.mm.yyyy"

Grid = list[list[object]]


def _grid(value: object) -> Grid:
    """A range's value as rows, whatever shape xlwings gave it (a scalar for one cell)."""
    if not isinstance(value, list):
        return [[value]]
    if value and not isinstance(value[0], list):
        return [list(value)]
    return [list(r) for r in value]


def _from_a1(sheet: Any) -> Any:
    """A1 to the used range's last cell: Excel's used range starts at its first used cell,
    and every grid here is counted from A1."""
    last = sheet.used_range.last_cell
    return sheet.range((1, 1), (last.row, last.column))


def _hex(color: object) -> str:
    """A fill as '#RRGGBB' from what Lite returns (a hex string or an (r, g, b) tuple)."""
    if isinstance(color, str) and color.startswith("#") and len(color) == 7:
        return color.upper()
    if isinstance(color, tuple | list) and len(color) == 3:
        return "#{:02X}{:02X}{:02X}".format(*(int(c) for c in color))
    return ""


class LiteBook:
    """The workbook a Lite script got; build it with `await LiteBook.load(book)`."""

    def __init__(
        self,
        book: Any,
        *,
        data: Path = DATA,
        formulas: dict[str, Grid] | None = None,
        number_formats: dict[Loc, str] | None = None,
        fills: dict[str, Grid] | None = None,
    ) -> None:
        self.book = book
        self.data = Path(data)
        self.formulas = formulas or {}
        self.number_formats = number_formats or {}
        self.fills = fills or {}
        self.messages: list[str] = []

    @classmethod
    async def load(cls, book: Any, *, data: Path = DATA) -> LiteBook:
        """Read once what Lite only reads asynchronously: the input sheets' formulas and fills,
        the number formats of the percent cells (a typed "40 %" is stored as 0.4)."""
        names = {s.name for s in book.sheets}
        formulas: dict[str, Grid] = {}
        fills: dict[str, Grid] = {}
        for name in LAYOUT.input_sheets:
            if name in names:
                whole = _from_a1(book.sheets[name])
                formulas[name] = _grid(await whole.options(ndim=2).get_formula())
                fills[name] = _grid(await whole.get_colors())
        formats: dict[Loc, str] = {}
        for cell in LAYOUT.profile:
            if cell.field.kind is Kind.PERCENT and cell.sheet in names:
                address = a1(cell.row, cell.col)
                fmt = await book.sheets[cell.sheet].range(address).get_number_format()
                formats[Loc(cell.sheet, address)] = str(fmt or "")
        return cls(book, data=data, formulas=formulas, number_formats=formats, fills=fills)

    @property
    def path(self) -> Path:
        name = str(self.book.name)
        if Path(name).suffix.lower() not in (".xlsx", ".xlsm"):
            name += ".xlsx"  # a new workbook not yet saved is called "Book1"
        return self.data / name

    @contextlib.contextmanager
    def snapshot(self) -> Iterator[Path]:
        with tempfile.TemporaryDirectory(prefix="cba-xl-") as folder:
            copy = Path(folder) / self.path.with_suffix(".xlsx").name
            self._write_snapshot(copy)
            yield copy

    def _write_snapshot(self, target: Path) -> None:
        """Every sheet's values, with the formulas read at load (cached values kept, as a file
        Excel saved has them) and the percent cells' number formats."""
        import xlsxwriter

        wb = xlsxwriter.Workbook(str(target), {"strings_to_numbers": False})
        date_fmt = wb.add_format({"num_format": DATE_FORMAT})
        styles: dict[str, Any] = {}
        for sheet in self.book.sheets:
            name = str(sheet.name)
            ws = wb.add_worksheet(name)
            formulas = self.formulas.get(name, [])
            for r, row in enumerate(self.sheet_rows(name)):
                for c, value in enumerate(row):
                    loc = Loc(name, a1(r + 1, c))
                    fmt = None
                    if self.number_formats.get(loc):
                        spec = self.number_formats[loc]
                        fmt = styles.setdefault(spec, wb.add_format({"num_format": spec}))
                    formula = formulas[r][c] if r < len(formulas) and c < len(formulas[r]) else ""
                    if isinstance(formula, str) and formula.startswith("="):
                        ws.write_formula(r, c, formula, fmt, _cached(value))
                    elif isinstance(value, bool):
                        ws.write_boolean(r, c, value, fmt)
                    elif isinstance(value, int | float):
                        ws.write_number(r, c, value, fmt)
                    elif isinstance(value, dt.date):
                        ws.write_datetime(r, c, value, fmt or date_fmt)
                    elif isinstance(value, str) and value != "":
                        ws.write_string(r, c, value, fmt)
        wb.close()

    def setting(self, key: str) -> str:
        return config_value(self.sheet_rows(CONFIG_SHEET), key)

    def sheet_rows(self, sheet: str) -> list[list[object]]:
        if sheet not in [s.name for s in self.book.sheets]:
            return []
        return _grid(_from_a1(self.book.sheets[sheet]).options(ndim=2).value)

    def write(self, loc: Loc, value: CellValue) -> None:
        self._put(self.book.sheets[loc.sheet].range(loc.cell), value)

    @staticmethod
    def _put(rng: Any, value: CellValue) -> None:
        if isinstance(value, Link):
            # Lite writes hyperlinks to web addresses only; the cell names its target instead.
            rng.value = excel_text(value.text)
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

    def mark(self, loc: Loc, note: str) -> str:
        """The red fill only: Lite has no notes on every Excel it runs in; the Checks sheet
        carries each finding's text."""
        if loc.sheet not in [s.name for s in self.book.sheets]:
            return ""
        row, col = split(loc.cell)
        fills = self.fills.get(loc.sheet, [])
        inside = row - 1 < len(fills) and col < len(fills[row - 1])
        before = _hex(fills[row - 1][col]) if inside else ""
        self._fill(loc, MARK_FILL)
        return before

    def unmark(self, loc: Loc, fill: str) -> None:
        if loc.sheet not in [s.name for s in self.book.sheets]:
            return
        self._fill(loc, fill)

    def _fill(self, loc: Loc, color: str) -> None:
        """Set a cell's fill, and the fills read at load with it: the Check unmarks the last
        marks, then reads what each cell had before marking it again."""
        self.book.sheets[loc.sheet].range(loc.cell).color = color or None
        row, col = split(loc.cell)
        fills = self.fills.setdefault(loc.sheet, [])
        while len(fills) < row:
            fills.append([])
        line = fills[row - 1]
        line.extend([None] * (col + 1 - len(line)))
        line[col] = color or None

    def save(self) -> None:
        """The workbook is open in Excel: the user saves, as with any script."""

    def tell(self, message: str) -> None:
        # Lite shows what a script prints in its Output pane.
        print(message)
        self.messages.append(message)

    def ask_folder(self, prompt: str) -> Path | None:
        """No folder dialog in Lite: the participants' workbooks are imported into /data."""
        return self.data


def _cached(value: object) -> object:
    """A formula's last result as the file stores it: a date as Excel's serial number."""
    if isinstance(value, dt.datetime):
        return (value - dt.datetime(1899, 12, 30)).total_seconds() / 86400
    if isinstance(value, dt.date):
        return (value - dt.date(1899, 12, 30)).days
    return value


__all__ = ["DATA", "LiteBook"]
