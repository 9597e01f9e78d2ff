"""A participant workbook to the core's RawWorkbook: input cells only, at the positions the
layout specification gives, read with calamine (values, never macros or external links)."""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import replace
from pathlib import Path

import python_calamine as calamine

from cba_xl.core import schema
from cba_xl.core.findings import Finding, Loc
from cba_xl.core.interpret import interpret, moved_words
from cba_xl.core.models import Homework
from cba_xl.core.parse import fold
from cba_xl.core.raw import Moved, RawCell, RawRow, RawWorkbook
from cba_xl.core.schema import Kind
from cba_xl.errors import UnusableWorkbook
from cba_xl.excel.cell_formats import percent_styles
from cba_xl.excel.opening import SEND_AGAIN, inspect_file
from cba_xl.excel.sheet_xml import (
    PART_ERRORS,
    ContentTooFar,
    SheetScan,
    TooManyCells,
    scan_sheets,
    workbook_modified,
)
from cba_xl.files import COHORT_SKIP_REASON, is_cohort_workbook
from cba_xl.spec import layout as spec
from cba_xl.spec.cells import a1, col_letter, split
from cba_xl.spec.layout import (
    LAYOUTS,
    META,
    TEMPLATE_ID,
    TEMPLATE_VERSION,
    CellSpec,
    Layout,
    RaciSpec,
)
from cba_xl.wording import agree, join_and

# The most cells calamine may lay out for one sheet: it builds the full rectangle from A1 to the
# furthest cell holding anything, so a single stray value in XFD1048576 would ask for half a
# terabyte. The template's largest sheet spans about 700 cells; participants add rows, not
# millions of them.
MAX_SHEET_CELLS = 2_000_000
# The most cells of the whole workbook that may hold something. A full template with a
# 1,000-step plan holds about 16,000; `fill` loads every cell with openpyxl (some hundred bytes
# each), so this bounds its memory and time.
MAX_CELLS = 200_000
# The most rows with entries one table (or the RACI) may hold; the template has 3 to 40.
MAX_TABLE_ROWS = 2_000

NOT_OURS = "not a Cluster Booster Academy workbook (no template marker)"
START_FRESH = "start from `cba-xl new` or the academy template"


class Grid:
    """One sheet's values by 1-based row and 0-based column; blank cells are None."""

    def __init__(self, sheet: str, rows: Sequence[Sequence[object]]) -> None:
        self.sheet = sheet
        self.rows = rows

    @property
    def height(self) -> int:
        return len(self.rows)

    def value(self, row: int, col: int) -> object:
        if row < 1 or row > len(self.rows):
            return None
        cells = self.rows[row - 1]
        if col >= len(cells):
            return None
        value = cells[col]
        return None if value == "" else value

    def cell(self, row: int, col: int) -> RawCell:
        letters = _LETTERS[col] if col < len(_LETTERS) else col_letter(col)
        return RawCell(self.value(row, col), Loc(self.sheet, f"{letters}{row}"))


# Column letters of the template's columns, spelled once: every input cell read needs them.
_LETTERS = [col_letter(i) for i in range(64)]


def read_raw(path: Path) -> RawWorkbook:
    """The input cells of a participant workbook; UnusableWorkbook if it is not one we can read."""
    inspect_file(path)
    try:
        with calamine.CalamineWorkbook.from_path(path) as book:
            actual = layout_sheet_names(book.sheet_names)
            scans = _scan(path, book.sheet_names)
            layout = _layout(path, book, actual)
            _require(path, actual, layout.input_sheets)
            grids = {name: Grid(name, _values(book, actual[name])) for name in layout.input_sheets}
    except calamine.PasswordError as exc:
        raise UnusableWorkbook(
            path, "password-protected", "save it without a password and send it again"
        ) from exc
    except calamine.CalamineError as exc:
        raise UnusableWorkbook(path, f"corrupt or incomplete file ({exc})", SEND_AGAIN) from exc

    layout, moved = _placed(layout, grids)
    raw = RawWorkbook(template_version=layout.version, tools=layout.tools, moved=moved)
    inputs = _Inputs()
    _read_fields(raw, layout, grids, inputs)
    _read_percent_cells(path, raw, layout, {name: scans[actual[name]] for name in grids})
    _read_tables(raw, layout, grids, inputs)
    _read_canvases(raw, layout, grids, inputs)
    _read_raci(raw, layout, grids, inputs)
    _refuse_long_tables(path, layout, raw)
    for name in layout.input_sheets:
        for row, col in sorted(scans[actual[name]].formulas):
            if inputs.holds(name, row, col):
                raw.formula_cells.append(Loc(name, a1(row, col)))
    return raw


def refuse_moved(path: Path, raw: RawWorkbook, doing: str) -> None:
    """What writes at the layout's rows (fill, upgrade) refuses a workbook with a table away from
    its place: it would write beside the participant's entries."""
    if not raw.moved:
        return
    m = raw.moved[0]
    said, fix = moved_words(m)
    more = f" (and {len(raw.moved) - 1} more)" if len(raw.moved) > 1 else ""
    raise UnusableWorkbook(
        path,
        f"{m.loc}: {said}{more}; {doing} would write beside its entries",
        f"{fix}, save and run it again (`cba-xl check` names every place)",
    )


def read_homework(path: Path) -> tuple[Homework, list[Finding]]:
    """The workbook's homework and the findings of reading it (cells that are not what their
    field expects). The full check adds the rules: cba_xl.core.check."""
    return interpret(read_raw(path))


def layout_sheet_names(names: Sequence[str]) -> dict[str, str]:
    """Layout sheet name -> the workbook's own spelling. Exact first; then forgiving case and
    spaces, since 'Action Plan' is plainly the same sheet to a participant."""
    actual = {name: name for name in names}
    folded: dict[str, str] = {}
    for name in names:
        folded.setdefault(fold(name), name)
    for wanted in (*spec.LAYOUT.sheets, *spec.LAYOUT.hidden_sheets):
        if wanted not in actual and fold(wanted) in folded:
            actual[wanted] = folded[fold(wanted)]
    return actual


def _require(path: Path, actual: dict[str, str], names: Sequence[str]) -> None:
    """Every missing sheet in one message, so that one run tells the participant all of them."""
    missing = [name for name in names if name not in actual]
    if not missing:
        return
    quoted = join_and(f"'{name}'" for name in missing)
    sheets = "sheet" if len(missing) == 1 else "sheets"
    raise UnusableWorkbook(
        path,
        f"{sheets} {quoted} {agree(len(missing), 'is', 'are')} missing (renamed or deleted?)",
        f"name the {sheets} {quoted} again, or copy your entries into a fresh workbook "
        "from `cba-xl new`",
    )


def _scan(path: Path, sheets: Sequence[str]) -> dict[str, SheetScan]:
    """Every sheet's scan, by the workbook's own sheet names. Refuses, before calamine or
    openpyxl lay anything out, a sheet with content too far out and a workbook with too much."""
    try:
        return scan_sheets(path, sheets, max_cells=MAX_SHEET_CELLS, max_total=MAX_CELLS)
    except ContentTooFar as far:
        raise UnusableWorkbook(
            path,
            f"sheet '{far.sheet}' has content far outside the template "
            f"(cell {a1(far.row, far.col)})",
            "delete what is in that cell (Ctrl+End goes to it), save and send it again",
        ) from far
    except TooManyCells as many:
        raise UnusableWorkbook(
            path,
            f"holds far more than a homework (over {many.budget:,} filled cells)",
            "send the homework workbook alone, without pasted data",
        ) from many
    except PART_ERRORS as exc:
        raise UnusableWorkbook(
            path, "corrupt or incomplete file (a damaged sheet)", SEND_AGAIN
        ) from exc


def _refuse_long_tables(path: Path, layout: Layout, raw: RawWorkbook) -> None:
    tables = [(layout.tables[key].sheet, rows) for key, rows in raw.tables.items()]
    for sheet, rows in [*tables, (layout.raci.sheet, raw.raci_rows)]:
        if len(rows) > MAX_TABLE_ROWS:
            raise UnusableWorkbook(
                path,
                f"sheet '{sheet}' has {len(rows):,} filled rows, more than the "
                f"{MAX_TABLE_ROWS:,} cba-xl reads",
                "delete the rows that are not part of the homework, save and send it again",
            )


def _values(book: calamine.CalamineWorkbook, sheet: str) -> Sequence[Sequence[object]]:
    return book.get_sheet_by_name(sheet).to_python(skip_empty_area=False)


def _layout(path: Path, book: calamine.CalamineWorkbook, actual: dict[str, str]) -> Layout:
    if META not in actual:
        if is_cohort_workbook(path):
            raise UnusableWorkbook(path, COHORT_SKIP_REASON, "not a participant's workbook")
        raise UnusableWorkbook(path, NOT_OURS, START_FRESH)
    meta = Grid(META, _values(book, actual[META]))
    layout = spec.LAYOUT
    id_row, id_col = split(layout.meta_id_cell)
    version_row, version_col = split(layout.meta_version_cell)
    if str(meta.value(id_row, id_col) or "").strip() != TEMPLATE_ID:
        raise UnusableWorkbook(path, NOT_OURS, START_FRESH)
    version = _version_text(meta.value(version_row, version_col))
    if version in LAYOUTS:
        return LAYOUTS[version]
    number = _version_key(version)
    if number is None:
        raise UnusableWorkbook(path, f"template marker damaged (version '{version}')", START_FRESH)
    if number > (_version_key(TEMPLATE_VERSION) or ()):
        raise UnusableWorkbook(
            path, f"made with a newer template version {version}", "update cba-xl"
        )
    raise UnusableWorkbook(
        path,
        f"made with template version {version}, which this cba-xl cannot read",
        "copy your entries into a fresh workbook from `cba-xl new`",
    )


def _version_text(value: object) -> str:
    if isinstance(value, float) and value.is_integer():
        return f"{value:.1f}"
    return str(value if value is not None else "").strip()


def _version_key(version: str) -> tuple[int, ...] | None:
    try:
        return tuple(int(part) for part in version.split("."))
    except ValueError:
        return None


class _Inputs:
    """Where input cells are, so a formula found in the sheet XML can be told apart from the
    template's own formulas in derived columns."""

    def __init__(self) -> None:
        self.cells: set[tuple[str, int, int]] = set()
        # sheet -> (columns, first row): every row from there down is input in those columns
        self.columns: dict[str, list[tuple[frozenset[int], int]]] = {}

    def add_cell(self, sheet: str, row: int, col: int) -> None:
        self.cells.add((sheet, row, col))

    def add_columns(self, sheet: str, cols: frozenset[int], first_row: int) -> None:
        self.columns.setdefault(sheet, []).append((cols, first_row))

    def holds(self, sheet: str, row: int, col: int) -> bool:
        if (sheet, row, col) in self.cells:
            return True
        return any(col in cols and row >= first for cols, first in self.columns.get(sheet, ()))


# How far up and down a header is looked for when it is not where the layout puts it: a few
# rows inserted or deleted above a table (the xlwings Lite workbook's sheets are unprotected);
# and, for a table, how far left and right (a column inserted or deleted left of it).
SEARCH_ROWS = 5
SEARCH_COLS = 3

Labels = list[tuple[int, int, str]]  # a header's cells: (row, 0-based column, label)


def _offset(grid: Grid, labels: Labels) -> int:
    """Rows the header sits below its layout place (negative: above it). 0 where it is, and 0
    when it is nowhere near either (its labels rewritten): then it is read where the layout
    puts it, as before."""
    if _holds(grid, labels, 0):
        return 0
    for n in range(1, SEARCH_ROWS + 1):
        for rows in (n, -n):
            if _holds(grid, labels, rows):
                return rows
    return 0


def _sideways(grid: Grid, labels: Labels) -> int:
    """Columns a table's header sits right of its layout place (negative: left of it); 0 where
    it is or nowhere near."""
    if _holds(grid, labels, 0):
        return 0
    for n in range(1, SEARCH_COLS + 1):
        for cols in (n, -n):
            if _holds(grid, labels, 0, cols):
                return cols
    return 0


def _holds(grid: Grid, labels: Labels, rows: int, cols: int = 0) -> bool:
    # More than half of the labels, case and spaces forgiven: a participant may retitle a column.
    hits = sum(
        _label(grid.value(row + rows, col + cols)) == _label(label) for row, col, label in labels
    )
    return 2 * hits > len(labels)


def _label(value: object) -> str:
    # a required cell's label ends in " *" in the template
    return fold(str(value if value is not None else "")).rstrip("* ")


def _placed_cells(
    cells: Sequence[CellSpec], grids: dict[str, Grid], moved: list[Moved]
) -> list[CellSpec]:
    """The single input cells where their labels are: left of each, or, for a cell right of
    another input (the mission's ticks right of the vision's), left of the leftmost."""
    taken = {(c.sheet, c.row, c.col) for c in cells}
    placed = []
    for cell in cells:
        col = cell.col - 1
        while (cell.sheet, cell.row, col) in taken:
            col -= 1
        label = [(cell.row, col, cell.field.label)]
        rows = _offset(grids[cell.sheet], label)
        cols = 0 if rows else _sideways(grids[cell.sheet], label)
        if rows or cols:
            home = col_letter(cell.col)
            cell = replace(cell, row=cell.row + rows, col=cell.col + cols)
            what = f"the input '{cell.field.label}'"
            moved.append(Moved(what, cell.loc, rows, cols, home if cols else ""))
        placed.append(cell)
    return placed


def _placed(layout: Layout, grids: dict[str, Grid]) -> tuple[Layout, list[Moved]]:
    """The layout with each table, the RACI matrix and each canvas block where the workbook has
    it, compared with the labels of the workbook's own template version, and what moved.

    Read from where it is: Excel moves a table's formulas, dropdowns and defined names with
    the rows inserted above it, so its entries are still what the participant typed; only what
    writes at the layout's rows (fill) would miss them, which the finding says."""
    moved: list[Moved] = []
    single = _placed_cells([*layout.profile, layout.plan_start, *layout.cells], grids, moved)
    profile = tuple(single[: len(layout.profile)])
    plan_start = single[len(layout.profile)]
    cells = tuple(single[len(layout.profile) + 1 :])
    tables = {}
    for key, table in layout.tables.items():
        labels = [(table.header_row, table.col(k), table.header(k)) for k in table.columns]
        rows = _offset(grids[table.sheet], labels)
        cols = 0 if rows else _sideways(grids[table.sheet], labels)
        if rows or cols:
            home = col_letter(table.first_col)
            table = replace(
                table, header_row=table.header_row + rows, first_col=table.first_col + cols
            )
            at = Loc(table.sheet, a1(table.header_row, table.first_col))
            moved.append(Moved("the table's header", at, rows, cols, home if cols else ""))
        tables[key] = table
    raci = _placed_raci(layout.raci, grids[layout.raci.sheet], moved)
    canvases = {}
    for horizon, canvas in layout.canvases.items():
        blocks = []
        for block in canvas.blocks:
            rows = _offset(grids[canvas.sheet], [(block.header_row, block.col, block.title)])
            if rows:
                block = replace(block, header_row=block.header_row + rows)
                at = Loc(canvas.sheet, a1(block.header_row, block.col))
                moved.append(Moved(f"the canvas block '{block.title}'", at, rows))
            blocks.append(block)
        canvases[horizon] = replace(canvas, blocks=tuple(blocks))
    if not moved:
        return layout, []
    placed = replace(
        layout,
        profile=profile,
        plan_start=plan_start,
        cells=cells,
        tables=tables,
        raci=raci,
        canvases=canvases,
    )
    # One finding per sheet and shift: a row inserted at the top moves everything below it.
    first = {(m.loc.sheet, m.rows, m.cols): m for m in reversed(sorted(moved, key=_reading_order))}
    return placed, sorted(first.values(), key=_reading_order)


def _placed_raci(raci: RaciSpec, grid: Grid, moved: list[Moved]) -> RaciSpec:
    """The RACI matrix where its two header rows are: the groups' row (and Check), then the
    row of names, whose labels are the step and deliverable columns' (a row may be inserted
    between the two)."""
    groups = [
        (raci.group_row, raci.person_col(i * raci.per_group), group)
        for i, group in enumerate(raci.groups)
    ]
    groups.append((raci.group_row, raci.check_col, raci.check_header))
    rows = _offset(grid, groups)
    own = schema.RACI_DELIVERABLE if raci.step_col is None else schema.RACI_SUBTASK
    names = [(raci.people_row + rows, raci.deliverable_col, own.label)]
    if raci.step_col is not None:
        names.append((raci.people_row + rows, raci.step_col, schema.RACI_STEP.label))
    between = _offset(grid, names)
    if not rows and not between:
        return raci
    first = raci.step_col if raci.step_col is not None else raci.deliverable_col
    placed = replace(
        raci,
        group_row=raci.group_row + rows,
        people_row=raci.people_row + rows + between,
        first_row=raci.first_row + rows + between,
    )
    if rows:
        at = Loc(raci.sheet, a1(placed.group_row, first))
        moved.append(Moved("the RACI matrix's header", at, rows))
    else:
        at = Loc(raci.sheet, a1(placed.people_row, first))
        moved.append(Moved("the RACI matrix's row of names", at, between))
    return placed


def _reading_order(m: Moved) -> tuple[str, int, int]:
    row, col = split(m.loc.cell)
    return (m.loc.sheet, row, col)


def _read_fields(raw: RawWorkbook, layout: Layout, grids: dict[str, Grid], inputs: _Inputs) -> None:
    for cell in (*layout.profile, layout.plan_start, *layout.cells):
        raw.fields[cell.field.key] = grids[cell.sheet].cell(cell.row, cell.col)
        inputs.add_cell(cell.sheet, cell.row, cell.col)
    raw.anchors["profile"] = layout.profile[0].loc


def _read_percent_cells(
    path: Path, raw: RawWorkbook, layout: Layout, scans: dict[str, SheetScan]
) -> None:
    """A percent field holding a number in a percent-formatted cell ("40 %" typed, stored as
    0.4) as the percentage the cell shows. styles.xml is read only when such a cell exists."""
    styled = []
    for cell in layout.profile:
        found = raw.fields.get(cell.field.key)
        if cell.field.kind is not Kind.PERCENT or found is None:
            continue
        scan = scans.get(cell.sheet)
        style = scan.styles.get((cell.row, cell.col)) if scan is not None else None
        number = isinstance(found.value, int | float) and not isinstance(found.value, bool)
        if style is not None and number:
            styled.append((cell.field.key, found, style))
    if not styled:
        return
    percent = percent_styles(path)
    for key, found, style in styled:
        if style.isdigit() and int(style) in percent:
            assert isinstance(found.value, int | float)
            # round: 0.07 * 100 is 7.000000000000001, and the cell shows 7 %
            raw.fields[key] = RawCell(round(float(found.value) * 100, 9), found.loc)


def _read_tables(raw: RawWorkbook, layout: Layout, grids: dict[str, Grid], inputs: _Inputs) -> None:
    for key, table in layout.tables.items():
        grid = grids[table.sheet]
        input_cols = {f.key: table.col(f.key) for f in table.inputs}
        inputs.add_columns(table.sheet, frozenset(input_cols.values()), table.first_row)
        raw.anchors[key] = table.loc(table.inputs[0].key, table.first_row)
        rows: list[RawRow] = []
        # Past the template's capacity too: participants add rows at the bottom of a table.
        for row in range(table.first_row, max(table.last_row, grid.height) + 1):
            if all(grid.value(row, col) is None for col in input_cols.values()):
                continue
            cells = {k: grid.cell(row, col) for k, col in input_cols.items()}
            if table.lead is not None:
                cells = {table.lead.key: grid.cell(row, table.col(table.lead.key)), **cells}
            rows.append(RawRow(row, cells))
        raw.tables[key] = rows


def _read_canvases(
    raw: RawWorkbook, layout: Layout, grids: dict[str, Grid], inputs: _Inputs
) -> None:
    for horizon, canvas in layout.canvases.items():
        grid = grids[canvas.sheet]
        blocks: dict[str, list[RawCell]] = {}
        for block in canvas.blocks:
            items = []
            for row in block.item_rows:
                inputs.add_cell(canvas.sheet, row, block.col)
                cell = grid.cell(row, block.col)
                if cell.value is not None:
                    items.append(cell)
            blocks[block.key] = items
        raw.canvas[horizon] = blocks
        first = canvas.blocks[0]
        raw.anchors[f"canvas_{horizon}"] = canvas.item_loc(first, 0)


def _read_raci(raw: RawWorkbook, layout: Layout, grids: dict[str, Grid], inputs: _Inputs) -> None:
    raci = layout.raci
    grid = grids[raci.sheet]
    person_cols = [raci.person_col(i) for i in range(raci.people)]
    for i, col in enumerate(person_cols):
        raw.raci_people.append((raci.group_of(i), grid.cell(raci.people_row, col)))
        inputs.add_cell(raci.sheet, raci.people_row, col)
    own = {"deliverable": raci.deliverable_col}
    if raci.step_col is not None:
        own = {"step": raci.step_col, **own}
    inputs.add_columns(raci.sheet, frozenset([*own.values(), *person_cols]), raci.first_row)
    raw.anchors["raci"] = Loc(raci.sheet, a1(raci.first_row, next(iter(own.values()))))
    for row in range(raci.first_row, max(raci.last_row, grid.height) + 1):
        if all(grid.value(row, col) is None for col in (*own.values(), *person_cols)):
            continue
        cells = {key: grid.cell(row, col) for key, col in own.items()}
        cells.update({f"p{i}": grid.cell(row, col) for i, col in enumerate(person_cols)})
        raw.raci_rows.append(RawRow(row, cells))


__all__ = [
    "Grid",
    "layout_sheet_names",
    "read_homework",
    "read_raw",
    "refuse_moved",
    "workbook_modified",
]
