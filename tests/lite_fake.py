"""A stand-in for the `book: xw.Book` xlwings Lite hands a script, holding a workbook file's
sheets the way Excel would show them. It offers what LiteBook uses of xlwings' Book API, with
xlwings' reading conventions: one cell reads as a scalar and `options(ndim=2)` as rows, every
number as a float, an empty cell as None, a date cell as a datetime; a text written with a
leading apostrophe is stored without it, as Excel does; `get_formula`, `get_colors` and
`get_number_format` are async, as Lite's are.

No third-party import: tests/test_lite_pyodide.py runs it in Pyodide too (openpyxl is passed
in by whoever builds a book from a file).
"""

from __future__ import annotations

import datetime as dt
import re
from typing import Any

Cell = dict[str, Any]  # "value", "formula", "format", "color"


def _split(ref: str) -> tuple[int, int]:
    m = re.fullmatch(r"\$?([A-Z]+)\$?(\d+)", ref.upper())
    assert m, ref
    col = 0
    for ch in m.group(1):
        col = col * 26 + ord(ch) - 64
    return int(m.group(2)), col


def _excel_value(value: object) -> object:
    if isinstance(value, bool) or value is None:
        return value
    if isinstance(value, int | float):
        return float(value)
    if isinstance(value, dt.date) and not isinstance(value, dt.datetime):
        return dt.datetime(value.year, value.month, value.day)
    if value == "":
        return None
    return value


class FakeRange:
    def __init__(self, sheet: FakeSheet, top: tuple[int, int], bottom: tuple[int, int]) -> None:
        self.sheet, self.top, self.bottom = sheet, top, bottom
        self.ndim: int | None = None

    @property
    def row(self) -> int:
        return self.top[0]

    @property
    def column(self) -> int:
        return self.top[1]

    @property
    def last_cell(self) -> FakeRange:
        return FakeRange(self.sheet, self.bottom, self.bottom)

    def options(self, ndim: int | None = None) -> FakeRange:
        rng = FakeRange(self.sheet, self.top, self.bottom)
        rng.ndim = ndim
        return rng

    def _cells(self) -> list[list[tuple[int, int]]]:
        (r1, c1), (r2, c2) = self.top, self.bottom
        return [[(r, c) for c in range(c1, c2 + 1)] for r in range(r1, r2 + 1)]

    def _read(self, key: str, default: object = None) -> Any:
        grid = [
            [self.sheet.cells.get(rc, {}).get(key, default) for rc in row] for row in self._cells()
        ]
        if self.ndim == 2:
            return grid
        if len(grid) == 1 and len(grid[0]) == 1:
            return grid[0][0]
        if len(grid) == 1:
            return grid[0]
        if all(len(r) == 1 for r in grid):
            return [r[0] for r in grid]
        return grid

    @property
    def value(self) -> Any:
        return self._read("value")

    @value.setter
    def value(self, value: Any) -> None:
        rows = value if isinstance(value, list) else [[value]]
        if rows and not isinstance(rows[0], list):
            rows = [rows]
        r0, c0 = self.top
        for i, row in enumerate(rows):
            for j, v in enumerate(row):
                if isinstance(v, str) and v.startswith("'"):
                    v = v[1:]
                cell = self.sheet.cells.setdefault((r0 + i, c0 + j), {})
                cell["value"] = _excel_value(v)
                cell.pop("formula", None)
        self.sheet.writes += 1

    @property
    def formula(self) -> Any:
        raise NotImplementedError("Reading formulas synchronously isn't supported")

    @formula.setter
    def formula(self, text: str) -> None:
        cell = self.sheet.cells.setdefault(self.top, {})
        cell["formula"] = text
        self.sheet.writes += 1

    @property
    def color(self) -> Any:
        raise NotImplementedError("use 'await get_color()'")

    @color.setter
    def color(self, color: str | None) -> None:
        cell = self.sheet.cells.setdefault(self.top, {})
        cell["color"] = color

    async def get_formula(self) -> Any:
        grid = [
            [
                self.sheet.cells.get(rc, {}).get("formula")
                or _formula_text(self.sheet.cells.get(rc, {}).get("value"))
                for rc in row
            ]
            for row in self._cells()
        ]
        if self.ndim == 2:
            return grid
        if len(grid) == 1:
            return grid[0] if len(grid[0]) > 1 else grid[0][0]
        return [r[0] for r in grid] if all(len(r) == 1 for r in grid) else grid

    async def get_colors(self) -> list[list[object]]:
        """Fills as (r, g, b), None for none: what xlwings' `get_colors` returns."""
        return [
            [_rgb(self.sheet.cells.get(rc, {}).get("color")) for rc in row] for row in self._cells()
        ]

    async def get_number_format(self) -> str:
        return str(self.sheet.cells.get(self.top, {}).get("format") or "General")


def _rgb(color: object) -> tuple[int, int, int] | None:
    if not isinstance(color, str) or len(color) != 7:
        return None
    return (int(color[1:3], 16), int(color[3:5], 16), int(color[5:7], 16))


def _formula_text(value: object) -> object:
    """Excel's `formulas` of a constant cell is its value as typed ('' for empty)."""
    return "" if value is None else value


class FakeSheet:
    def __init__(self, book: FakeBook, name: str) -> None:
        self.book, self.name = book, name
        self.cells: dict[tuple[int, int], Cell] = {}
        self.writes = 0

    def range(self, first: str | tuple[int, int], last: tuple[int, int] | None = None) -> FakeRange:
        top = _split(first) if isinstance(first, str) else first
        return FakeRange(self, top, last or top)

    def __getitem__(self, ref: str) -> FakeRange:
        return self.range(ref)

    @property
    def used_range(self) -> FakeRange:
        filled = [
            rc
            for rc, cell in self.cells.items()
            if cell.get("value") is not None or cell.get("formula")
        ]
        if not filled:
            return self.range((1, 1))
        # As Excel reports it: from the first used row and column, not from A1.
        top = (min(r for r, _ in filled), min(c for _, c in filled))
        return self.range(top, (max(r for r, _ in filled), max(c for _, c in filled)))

    def clear(self) -> None:
        self.cells.clear()


class FakeSheets:
    def __init__(self, book: FakeBook) -> None:
        self.book = book
        self.items: list[FakeSheet] = []

    def __iter__(self) -> Any:
        return iter(list(self.items))

    def __len__(self) -> int:
        return len(self.items)

    def __getitem__(self, key: str | int) -> FakeSheet:
        if isinstance(key, int):
            return self.items[key]
        for sheet in self.items:
            if sheet.name == key:
                return sheet
        raise KeyError(key)

    def add(self, name: str, after: FakeSheet | None = None) -> FakeSheet:
        sheet = FakeSheet(self.book, name)
        at = self.items.index(after) + 1 if after is not None else 0
        self.items.insert(at, sheet)
        return sheet


class FakeBook:
    def __init__(self, name: str) -> None:
        self.name = name
        self.sheets = FakeSheets(self)


def book_from_file(path: Any, openpyxl: Any, calamine: Any) -> FakeBook:
    """The workbook as Excel would hold it: values as last calculated (calamine reads the
    cached results), formulas, number formats and solid fills (openpyxl)."""
    book = FakeBook(path.name)
    wb = openpyxl.load_workbook(path)
    with calamine.CalamineWorkbook.from_path(path) as cal:
        for ws in wb.worksheets:
            sheet = book.sheets.add(ws.title, after=book.sheets[-1] if len(book.sheets) else None)
            values = cal.get_sheet_by_name(ws.title).to_python(skip_empty_area=False)
            for r, row in enumerate(values, start=1):
                for c, v in enumerate(row, start=1):
                    if v != "":
                        sheet.cells.setdefault((r, c), {})["value"] = _excel_value(v)
            for row in ws.iter_rows():
                for cell in row:
                    if not hasattr(cell, "column"):
                        continue
                    entry = sheet.cells.setdefault((cell.row, cell.column), {})
                    if isinstance(cell.value, str) and cell.data_type == "f":
                        entry["formula"] = cell.value
                    elif hasattr(cell.value, "text"):  # an array formula
                        entry["formula"] = cell.value.text
                    if cell.number_format != "General":
                        entry["format"] = cell.number_format
                    fill = cell.fill
                    if fill is not None and fill.fill_type == "solid":
                        rgb = fill.fgColor.rgb
                        if isinstance(rgb, str) and len(rgb) == 8:
                            entry["color"] = "#" + rgb[2:].upper()
                    if not entry:
                        del sheet.cells[(cell.row, cell.column)]
    return book
