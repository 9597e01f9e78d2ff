"""The big lists of the cohort workbook as sheet XML, written without XlsxWriter's per-cell path.

XlsxWriter writes the package (styles, tables with their ranges, headers, charts, the small
sheets); the rows of every per-participant list are rendered here as `<row>` elements and
spliced into their sheet's `<sheetData>` while the package is copied. Rendering runs in the
worker processes, one participant at a time; the main process only fills in what a worker cannot
know (the row numbers, the participant's label, two style numbers) or what is the same on every
row (the file and its hash) and concatenates.

The cells are exactly what XlsxWriter writes in constant-memory mode: inline strings (control
characters as Excel's `_xHHHH_` escapes, `xml:space="preserve"` for outer whitespace, at most
32,767 UTF-16 units), numbers as `%.16G`, dates as serial numbers with the date style; except
that text framed by `<r>` and `</r>`, which XlsxWriter copies into the sheet unescaped as rich
text, is escaped like any other. Every participant value is text or a number: no cell of these
sheets can ever hold a formula.
"""

from __future__ import annotations

import datetime as dt
import math
import re
import zipfile
import zlib
from collections import deque
from collections.abc import Callable, Iterable, Iterator, Sequence
from concurrent.futures import Future, ThreadPoolExecutor
from dataclasses import dataclass
from pathlib import Path
from typing import IO, Final

from cba_xl.cohort import workers as platform_workers
from cba_xl.cohort.record import Row, Value
from cba_xl.cohort.tables import Column, Kind, ListSheet
from cba_xl.excel.sheet_xml import sheet_parts

# Placeholders in rendered rows. None can occur in rendered text: the escaping below turns every
# control character into `_xHHHH_`.
ROW: Final = "\x00"  # the row number
LABEL: Final = "\x01"  # the participant's label cell (column A)
FILE: Final = "\x05"  # the participant's file and SHA-256 cells
DATE_STYLE: Final = "\x02"  # the xf index of the date format
DATETIME_STYLE: Final = "\x04"  # the xf index of the date-and-time format
ROW_END: Final = "\x03"  # between two rows

MAX_ROWS: Final = 1_048_576  # Excel's last row; XlsxWriter also drops cells below it
MAX_UTF16: Final = 32_767  # the longest string a cell holds, in UTF-16 code units
ZIP64_FROM: Final = 4 * 10**9  # a sheet part about this big needs ZIP64 (4 GiB limit)

# What needs more than a plain copy: XML markup characters, characters XML 1.0 forbids (Excel
# writes them as _xHHHH_) and text that already looks like such an escape (its underscore is
# escaped, so it reads back as written).
_SPECIAL: Final = re.compile("[&<>\x00-\x08\x0b-\x1f\ufffe\uffff]|_x[0-9a-fA-F]{4}_")
_ESCAPED: Final = re.compile("(_x[0-9a-fA-F]{4}_)")
_CONTROL: Final = re.compile("([\x00-\x08\x0b-\x1f])")
_EPOCH: Final = dt.datetime(1899, 12, 31)


def _utf16_truncate(text: str) -> str:
    length = 0
    for index, char in enumerate(text):
        length += 2 if ord(char) > 0xFFFF else 1
        if length > MAX_UTF16:
            return text[:index]
    return text


def text_element(value: str) -> str:
    """`value` as the `<t>` element of an inline string, the way Excel (and XlsxWriter) write it."""
    if len(value) > MAX_UTF16 // 2:
        value = _utf16_truncate(value)
    if _SPECIAL.search(value):
        value = _ESCAPED.sub(r"_x005F\1", value)
        value = _CONTROL.sub(lambda m: f"_x{ord(m.group(1)):04X}_", value)
        value = value.replace("\ufffe", "_xFFFE_").replace("\uffff", "_xFFFF_")
        value = value.replace("&", "&amp;").replace("<", "&lt;").replace(">", "&gt;")
    if value[:1].isspace() or value[-1:].isspace():
        return f'<t xml:space="preserve">{value}</t>'
    return f"<t>{value}</t>"


def excel_serial(value: dt.date) -> float:
    """A date or naive datetime as Excel's serial number (1900 system), as XlsxWriter has it."""
    if isinstance(value, dt.datetime):
        if value.tzinfo is not None:
            raise TypeError("Excel doesn't support timezones in datetimes")
        delta = value - _EPOCH
    else:
        delta = dt.datetime.fromordinal(value.toordinal()) - _EPOCH
    serial = delta.days + (delta.seconds + delta.microseconds / 1e6) / 86400
    if isinstance(value, dt.datetime) and value.isocalendar() == (1900, 1, 1):
        serial -= 1
    return serial + 1 if serial > 59 else serial  # Excel's 1900 leap-year bug


def column_letter(index: int) -> str:
    letters = ""
    index += 1
    while index:
        index, rest = divmod(index - 1, 26)
        letters = chr(65 + rest) + letters
    return letters


class RowRenderer:
    """Renders rows of a table's columns as `<row>` elements with placeholders (see the module's
    top): a per-participant list's rows (`render`) or any table's rows (`render_plain`)."""

    def __init__(self, columns: Sequence[Column]) -> None:
        refs = [f'<c r="{column_letter(i)}{ROW}"' for i in range(len(columns))]
        # A cell written without a format takes its column's (the date or date-and-time style),
        # as XlsxWriter does for columns formatted with set_column.
        column_style = {Kind.DATE: f' s="{DATE_STYLE}"', Kind.DATETIME: f' s="{DATETIME_STYLE}"'}
        styles = [column_style.get(c.kind, "") for c in columns]
        self.text_open = [f'{r}{s} t="inlineStr"><is>' for r, s in zip(refs, styles, strict=True)]
        self.number_open = [f"{r}{s}><v>" for r, s in zip(refs, styles, strict=True)]
        self.date_open = [f'{r} s="{DATE_STYLE}"><v>' for r in refs]
        self.datetime_open = [f'{r} s="{DATETIME_STYLE}"><v>' for r in refs]
        self._texts: dict[str, str] = {}

    def _text(self, value: str) -> str:
        found = self._texts.get(value)
        if found is None:
            if len(self._texts) > 20_000:  # participants' free text rarely repeats
                self._texts.clear()
            found = self._texts[value] = text_element(value)
        return found

    def cell(self, col: int, value: Value) -> str:
        if type(value) is str:  # the common case first
            if not value:
                return ""
            text = self._texts.get(value) or self._text(value)
            return f"{self.text_open[col]}{text}</is></c>"
        if value is None or value == "":
            return ""
        if isinstance(value, str):
            return f"{self.text_open[col]}{self._text(value)}</is></c>"
        if isinstance(value, bool):
            return f"{self.text_open[col]}<t>{'Yes' if value else 'No'}</t></is></c>"
        if isinstance(value, int | float):
            if math.isfinite(value):
                return f"{self.number_open[col]}{value:.16G}</v></c>"
            return f"{self.text_open[col]}{self._text(str(value))}</is></c>"
        if isinstance(value, dt.datetime):
            return f"{self.datetime_open[col]}{excel_serial(value):.16G}</v></c>"
        if isinstance(value, dt.date):
            return f"{self.date_open[col]}{excel_serial(value):.16G}</v></c>"
        return f"{self.text_open[col]}{self._text(str(value))}</is></c>"

    def render(self, rows: Iterable[Row]) -> str:
        """One participant's rows of a per-participant list, each `(sheet, cell, *values)`:
        placeholders for the label and the file, the values and the sheet and cell. Joined by
        ROW_END."""
        n = len(self.text_open) - 5  # participant, values, file, sha256, sheet, cell
        cell = self.cell
        sheet_col, cell_col = n + 3, n + 4
        out = []
        for row in rows:
            cells = [cell(c, v) for c, v in enumerate(row[2 : 2 + n], start=1)]
            cells.append(FILE)
            cells.append(cell(sheet_col, row[0]))
            cells.append(cell(cell_col, row[1]))
            out.append(f'<row r="{ROW}">{LABEL}{"".join(cells)}</row>')
        return ROW_END.join(out)

    def participant(self, label: str, file: str, sha256: str) -> tuple[bytes, bytes]:
        """What the LABEL and FILE placeholders of a participant's rows stand for."""
        n = len(self.text_open) - 5
        label_cell = self.cell(0, label)
        file_cells = self.cell(n + 1, file) + self.cell(n + 2, sha256)
        return label_cell.encode("utf-8", "replace"), file_cells.encode("utf-8", "replace")

    def render_plain(self, rows: Iterable[Sequence[Value]]) -> str:
        """Rows of values, one per column from column A, joined by ROW_END."""
        cell = self.cell
        return ROW_END.join(
            f'<row r="{ROW}">{"".join([cell(c, v) for c, v in enumerate(row)])}</row>'
            for row in rows
        )


_RENDERERS: dict[str, RowRenderer] = {}


def _renderer(spec: ListSheet) -> RowRenderer:
    renderer = _RENDERERS.get(spec.key)
    if renderer is None:
        renderer = _RENDERERS[spec.key] = RowRenderer(spec.columns)
    return renderer


def render_rows(spec: ListSheet, rows: Iterable[Row]) -> tuple[bytes, int]:
    """One participant's rows of `spec`, rendered and compressed (see `SheetBody.add`), and
    their size before compression."""
    data = _renderer(spec).render(rows).encode("utf-8")
    return zlib.compress(data, 1), len(data)


class SheetBody:
    """The data rows of one sheet, filled in participant by participant, in order."""

    def __init__(self, first_row: int, styles: dict[str, int], spec: ListSheet | None = None):
        self.next_row = first_row
        self.styles = [
            (DATE_STYLE.encode(), str(styles["date"]).encode()),
            (DATETIME_STYLE.encode(), str(styles["datetime"]).encode()),
        ]
        self.renderer = _renderer(spec) if spec is not None else None

    def add(self, label: str, file: str, sha256: str, text: bytes, count: int) -> bytes:
        """A participant's rows of the list (as `render_rows` makes them, inflated) with their
        row numbers, label, file and styles filled in."""
        if not text or count == 0:
            return b""
        assert self.renderer is not None, "a body of plain rows has no participants"
        label_cell, file_cells = self.renderer.participant(label, file, sha256)
        return self.fill(text.replace(_LABEL, label_cell).replace(_FILE, file_cells), count)

    def fill(self, text: bytes, count: int) -> bytes:
        """Rendered rows with their row numbers and styles filled in."""
        if not text or count == 0:
            return b""
        for mark, style in self.styles:
            if mark in text:
                text = text.replace(mark, style)
        first = self.next_row
        self.next_row += count
        rows = text.split(_ROW_END)
        if first + len(rows) - 1 > MAX_ROWS:
            rows = rows[: max(0, MAX_ROWS - first + 1)]
        return b"".join([row.replace(_ROW, b"%d" % n) for n, row in enumerate(rows, start=first)])


_ROW, _LABEL, _FILE, _ROW_END = ROW.encode(), LABEL.encode(), FILE.encode(), ROW_END.encode()


@dataclass
class Splice:
    """Rows to put at the end of one sheet part's `<sheetData>`: `chunks()` yields them."""

    last_row: int  # 1-based number of the sheet's last row, for its `<dimension>`
    last_col: int  # 0-based index of its last column
    chunks: Callable[[], Iterator[bytes]]
    size_hint: int = 0  # about how many bytes the rows take, to decide on ZIP64


_SHEET_DATA_END: Final = b"</sheetData>"
_DIMENSION: Final = b'<dimension ref="'


def splice_package(skeleton: IO[bytes], out: Path, splices: dict[str, Splice]) -> None:
    """Copy the package XlsxWriter wrote into `out`, the rows in `splices` (by sheet name) added
    to their sheets.

    The skeleton is this package's own output, so its sheet parts have one known shape: the
    `<dimension>` near the top and a single `</sheetData>` after the header rows.
    """
    # Level 1: sheets of repeated markup deflate nearly as well, several times faster.
    with (
        zipfile.ZipFile(skeleton) as src,
        zipfile.ZipFile(out, "w", zipfile.ZIP_DEFLATED, compresslevel=1) as dst,
    ):
        parts = sheet_parts(src)
        by_part = {parts[name]: splice for name, splice in splices.items()}
        for info in src.infolist():
            data = src.read(info.filename)
            splice = by_part.get(info.filename)
            if splice is None:
                dst.writestr(info, data)
                continue
            head, end, tail = data.partition(_SHEET_DATA_END)
            if not end:
                raise ValueError(f"{info.filename}: no </sheetData> to add rows to")
            head = _with_dimension(head, splice)
            # ZIP64 only when needed: some readers warn about it.
            big = splice.size_hint > ZIP64_FROM
            with dst.open(info.filename, "w", force_zip64=big) as f:
                f.write(head)
                _write_behind(f, splice.chunks())
                f.write(end + tail)


def inflate(rendered: bytes) -> bytes:
    """Rows as `render_rows` made them, decompressed."""
    return zlib.decompress(rendered) if rendered else b""


def _write_behind(f: IO[bytes], chunks: Iterator[bytes]) -> None:
    """Write `chunks` to `f` in a second thread while the next ones are made: deflating and
    checksumming release the GIL, so the two overlap on a second core. Where no thread can be
    started (Pyodide), one after the other."""
    if not platform_workers.threads_available():
        for chunk in chunks:
            f.write(chunk)
        return
    with ThreadPoolExecutor(max_workers=1) as pool:
        pending: deque[Future[int]] = deque()
        for chunk in chunks:
            pending.append(pool.submit(f.write, chunk))
            if len(pending) > 2:
                pending.popleft().result()
        for write in pending:
            write.result()


def _with_dimension(head: bytes, splice: Splice) -> bytes:
    start = head.find(_DIMENSION)
    if start < 0:
        return head
    start += len(_DIMENSION)
    stop = head.index(b'"', start)
    last = max(splice.last_row, 1)
    ref = f"A1:{column_letter(splice.last_col)}{last}".encode()
    return head[:start] + ref + head[stop:]


__all__ = [
    "RowRenderer",
    "SheetBody",
    "Splice",
    "column_letter",
    "excel_serial",
    "inflate",
    "render_rows",
    "splice_package",
    "text_element",
]
