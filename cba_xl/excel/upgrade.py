"""`cba-xl upgrade`: a participant's homework carried from an older template version into a fresh
workbook of the current one, without losing a value.

The old workbook's raw cells (as typed, readable or not) go where `cba_xl.spec.upgrade_map`
places them in a freshly built template, written with openpyxl as `cba-xl fill` writes, so the
template's formulas, dropdowns and protection stay. What has no place is listed on a visible
"Upgrade notes" sheet and returned to the caller. The old file is only read.
"""

from __future__ import annotations

import datetime as dt
import tempfile
import typing
import warnings
from collections.abc import Mapping, Sequence
from dataclasses import dataclass
from pathlib import Path

import openpyxl
import python_calamine as calamine
from openpyxl.cell.cell import ILLEGAL_CHARACTERS_RE
from openpyxl.styles import Alignment, Font, PatternFill
from openpyxl.workbook.workbook import Workbook
from openpyxl.worksheet.properties import PageSetupProperties
from openpyxl.worksheet.worksheet import Worksheet

from cba_xl.core.findings import Loc
from cba_xl.core.models import Homework
from cba_xl.excel.build_common import text_height
from cba_xl.excel.reader import layout_sheet_names, read_raw, refuse_moved
from cba_xl.excel.styles import AMBER, DATE_FORMAT, EU_BLUE, FONT, FONT_SIZE
from cba_xl.excel.vml import restore_vml_drawings
from cba_xl.excel.web_extension import carry_web_extensions
from cba_xl.files.atomic import check_output, write_atomically
from cba_xl.spec.layout import LAYOUT, LAYOUTS, Layout
from cba_xl.spec.upgrade_map import RACI_TABLE, Note, Upgrade, plan_upgrade

NOTES_SHEET = "Upgrade notes"
NOTES_HEADER = ("Sheet", "Cell", "Field or column", "Value (as typed)", "What happened")
_NOTES_WIDTHS = (16, 8, 26, 24, 80)
_NOTES_HEADER_ROW = 5  # column B on; the notes below it


@dataclass(frozen=True)
class UpgradeResult:
    source: Path
    out: Path | None  # None: the workbook is already of the current version, nothing written
    source_version: str
    target_version: str
    carried: int = 0  # values written into the new workbook's cells
    notes: tuple[Note, ...] = ()

    @property
    def current(self) -> bool:
        return self.out is None


def upgrade_workbook(src: Path, out: Path, *, force: bool = False) -> UpgradeResult:
    """`src`'s homework in a new workbook of the current template at `out` (.xlsx, or .xlsm
    with the add-in). Raises UnusableWorkbook for a file the reader refuses, a newer version
    included, and OutputRefused for an existing `out` without `force`."""
    raw = read_raw(src)
    if raw.template_version == LAYOUT.version:
        return UpgradeResult(src, None, raw.template_version, LAYOUT.version)
    refuse_moved(src, raw, "upgrading")
    check_output(out, force=force, suffixes=(".xlsx", ".xlsm"), inputs=(src,))
    up = plan_upgrade(raw, LAYOUT)
    up.notes.extend(_earlier_notes_and_other_sheets(src, LAYOUTS[raw.template_version]))
    macro = out.suffix.lower() == ".xlsm"
    notes: list[Note] = []

    def write(tmp: Path) -> None:
        notes.clear()
        notes.extend(_write(tmp, up, macro=macro, source=src))

    write_atomically(out, write, force=force)
    return UpgradeResult(
        src, out, up.source_version, up.target_version, len(up.placed), tuple(notes)
    )


def _write(tmp: Path, up: Upgrade, *, macro: bool, source: Path) -> list[Note]:
    from cba_xl.excel.build_xlsm import build_addin_workbook
    from cba_xl.excel.builder import build_workbook

    skeleton = _skeleton(up.rows, LAYOUT)
    with tempfile.TemporaryDirectory(prefix="cba-xl-") as folder:
        built = Path(folder) / ("template.xlsm" if macro else "template.xlsx")
        if macro:
            build_addin_workbook(built, skeleton)
        else:
            build_workbook(built, skeleton)
        with warnings.catch_warnings():
            # openpyxl warns about the template's data validation extensions it reads fine
            warnings.simplefilter("ignore")
            with built.open("rb") as f:
                book = openpyxl.load_workbook(f, keep_vba=macro, rich_text=True)
    notes = list(up.notes)
    for loc in up.cleared:
        _sheet(book, loc.sheet)[loc.cell].value = None
    for placed in up.placed:
        cell_notes = _put(_sheet(book, placed.target.sheet), placed.target.cell, placed.value)
        notes.extend(Note(placed.source, "", placed.value, why) for why in cell_notes)
    _notes_sheet(book, up, notes, source)
    # Excel and LibreOffice recompute every formula on opening: the template's cached results
    # are those of an empty workbook.
    book.calculation.fullCalcOnLoad = True
    book.save(tmp)
    restore_vml_drawings(tmp, book)  # keeps the .xlsm's buttons on every sheet
    carry_web_extensions(source, tmp)  # the xlwings Lite code the old workbook held
    return notes


def _skeleton(rows: Mapping[str, int], layout: Layout) -> Homework | None:
    """A homework of blank rows for each table that holds more rows than the template has, so
    that the builder grows the table with its formats, dropdowns and formulas; None when every
    table fits (the template as `cba-xl new` makes it)."""
    capacity = {key: table.capacity for key, table in layout.tables.items()}
    capacity[RACI_TABLE] = layout.raci.capacity
    longer = {key: n for key, n in rows.items() if n > capacity.get(key, n)}
    if not longer:
        return None
    hw = Homework()
    hints = typing.get_type_hints(Homework)
    for key, n in longer.items():
        (record,) = typing.get_args(hints[key])
        setattr(hw, key, [record() for _ in range(n)])
    return hw


def _sheet(book: Workbook, name: str) -> Worksheet:
    ws = book[name]
    assert isinstance(ws, Worksheet)
    return ws


def _put(ws: Worksheet, ref: str, value: object) -> list[str]:
    """Write a raw value as it was typed; what had to change on the way is returned."""
    cell = ws[ref]
    said: list[str] = []
    if isinstance(value, str) and ILLEGAL_CHARACTERS_RE.search(value):
        # Control characters an .xlsx cannot hold; the value as read stays in the notes.
        said.append(f"control characters removed in {ws.title}!{ref}; as read: {value!r}")
        value = ILLEGAL_CHARACTERS_RE.sub("", value)
    cell.value = value
    if isinstance(value, str) and cell.data_type == "f":
        cell.data_type = "s"  # text starting with '=' stays text, never becomes a formula
    return said


def _earlier_notes_and_other_sheets(src: Path, origin: Layout) -> list[Note]:
    """The notes of an earlier upgrade (kept, so a second upgrade loses none of them either),
    and one note per sheet that is not part of the template (not carried: copy it by hand)."""
    with calamine.CalamineWorkbook.from_path(src) as book:
        names = list(book.sheet_names)
        actual = layout_sheet_names(names)
        known = {actual.get(n, n) for n in (*origin.sheets, *origin.hidden_sheets)}
        notes: list[Note] = []
        for name in names:
            if name == NOTES_SHEET:
                notes.extend(
                    _earlier(book.get_sheet_by_name(name).to_python(skip_empty_area=False))
                )
            elif name not in known:
                why = (
                    "a sheet of its own, not part of the template: not carried over; copy it "
                    f"from {src.name} by hand"
                )
                notes.append(Note(Loc(name), "", None, why))
    return notes


def _earlier(rows: Sequence[Sequence[object]]) -> list[Note]:
    notes = []
    for row in rows[_NOTES_HEADER_ROW:]:
        cells = [*row[1:], "", "", "", "", ""][:5]
        if all(c in ("", None) for c in cells):
            continue
        sheet, ref, label, value, why = cells
        notes.append(
            Note(
                Loc(str(sheet or ""), str(ref or "")),
                str(label or ""),
                None if value == "" else value,
                f"(an earlier upgrade) {why or ''}".strip(),
            )
        )
    return notes


def _notes_sheet(book: Workbook, up: Upgrade, notes: list[Note], source: Path) -> None:
    # Right after the tools, before the hidden sheets: visible, and out of the method's order.
    ws = book.create_sheet(NOTES_SHEET, index=len(LAYOUT.sheets))
    text = Font(name=FONT, size=FONT_SIZE)
    wrap = Alignment(wrap_text=True, vertical="top", horizontal="left")
    ws["B2"] = "Upgrade notes"
    ws["B2"].font = Font(name=FONT, size=14, bold=True, color=EU_BLUE[1:])
    intro = (
        f"{source.name} (template {up.source_version}) was carried into template "
        f"{up.target_version} by cba-xl upgrade. Every value is in its place in this workbook; "
        "listed here are the values that have no place in the new template or changed form, "
        f"at their cells in {source.name}."
    )
    ws["B3"] = intro if notes else intro + " Nothing to list: every value moved as it was."
    ws.merge_cells(start_row=3, start_column=2, end_row=3, end_column=1 + len(NOTES_HEADER))
    ws["B3"].font, ws["B3"].alignment = text, wrap
    ws.row_dimensions[3].height = 30
    ws.column_dimensions["A"].width = 2
    head_fill = PatternFill("solid", fgColor=EU_BLUE[1:])
    for col, (title, width) in enumerate(zip(NOTES_HEADER, _NOTES_WIDTHS, strict=True), 2):
        head = ws.cell(_NOTES_HEADER_ROW, col, title)
        head.font = Font(name=FONT, size=FONT_SIZE, bold=True, color="FFFFFF")
        head.fill, head.alignment = head_fill, wrap
        ws.column_dimensions[head.column_letter].width = width
    for i, note in enumerate(notes, _NOTES_HEADER_ROW + 1):
        values = (note.source.sheet, note.source.cell, note.label, None, note.why)
        for col, value in enumerate(values, 2):
            cell = ws.cell(i, col, value)
            cell.font, cell.alignment = text, wrap
        # LibreOffice does not grow rows to wrapped text on opening: the height is set here.
        shown = [(note.label, _NOTES_WIDTHS[2]), (note.why, _NOTES_WIDTHS[4])]
        if isinstance(note.value, str):
            shown.append((note.value, _NOTES_WIDTHS[3]))
        height = text_height(shown)
        if height:
            ws.row_dimensions[i].height = height
        if note.value is not None:
            _put(ws, f"E{i}", note.value)
            if isinstance(note.value, dt.date | dt.datetime):
                ws[f"E{i}"].number_format = DATE_FORMAT
    ws.freeze_panes = f"A{_NOTES_HEADER_ROW + 1}"
    ws.page_setup.orientation = "landscape"
    ws.page_setup.fitToWidth, ws.page_setup.fitToHeight = 1, 0
    ws.sheet_properties.pageSetUpPr = PageSetupProperties(fitToPage=True)
    ws.print_title_rows = f"{_NOTES_HEADER_ROW}:{_NOTES_HEADER_ROW}"
    if notes:
        ws.sheet_properties.tabColor = AMBER[1:]


__all__ = ["NOTES_SHEET", "UpgradeResult", "upgrade_workbook"]
