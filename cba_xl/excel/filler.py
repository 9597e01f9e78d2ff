"""`cba-xl fill`: write the values the workbook cannot compute itself (step numbers, SMART
checks, service notes, the critical path) and restore native formulas a participant overwrote,
keeping everything else of the workbook as it was.

openpyxl loads and saves the whole workbook, so styles, dropdowns, conditional formats, Tables,
protection and (for .xlsm) the VBA project survive; what openpyxl cannot carry it says in a
warning, which ends up in `FillResult.warnings` instead of being lost silently.
"""

from __future__ import annotations

import datetime as dt
import warnings
from collections import Counter
from collections.abc import Iterable
from dataclasses import dataclass, field
from pathlib import Path

import openpyxl
from openpyxl.workbook.workbook import Workbook
from openpyxl.worksheet.worksheet import Worksheet

from cba_xl.core.interpret import interpret
from cba_xl.core.models import Homework
from cba_xl.core.rules.schedule import critical_text, schedule, unique_steps
from cba_xl.core.rules.services import service_note
from cba_xl.core.rules.smart import smart_missing, smart_text
from cba_xl.errors import UnusableWorkbook
from cba_xl.excel.build_common import text_height
from cba_xl.excel.build_raci import STEP_WORDS_WIDTH
from cba_xl.excel.build_vision import word_count_formula
from cba_xl.excel.opening import inspect_file
from cba_xl.excel.reader import layout_sheet_names, read_raw, refuse_moved
from cba_xl.excel.vml import restore_vml_drawings
from cba_xl.excel.web_extension import carry_web_extensions
from cba_xl.files.atomic import backup_copy, check_output, refuse_if_open, write_atomically
from cba_xl.spec.cells import a1, split
from cba_xl.spec.layout import (
    LAYOUTS,
    Layout,
    TableSpec,
    plan_start_absolute,
    step_action_formula,
    words_ref,
)
from cba_xl.wording import join_and, noun


@dataclass(frozen=True)
class FillResult:
    out: Path
    backup: Path | None
    # what was written -> cells changed: "step", "smart", "critical", "schedule", "note",
    # "formula", and (template 2.x) "matrix step" and "raci step": the plan steps given a new
    # row in the priority matrix and in the RACI
    written: dict[str, int] = field(default_factory=dict)
    # what openpyxl reported it could not keep (e.g. an unsupported extension), then `full`
    warnings: tuple[str, ...] = ()
    # the plan steps a full priority matrix or RACI had no empty row for, a line per table
    full: tuple[str, ...] = ()

    @property
    def total(self) -> int:
        return sum(self.written.values())


def fill_workbook(
    src: Path, out: Path | None = None, *, force: bool = False, now: dt.datetime | None = None
) -> FillResult:
    """Fill `src`'s derived cells, into `out`, or in place with a backup copy beside it
    (named after `now`, the current time unless given)."""
    kind = inspect_file(src)
    refuse_if_open(src)
    in_place = out is None or _same_file(src, out)
    target = src if in_place or out is None else out
    if not in_place:
        # A filled .xlsm keeps its macros, a filled .xlsx has none: the name must say which.
        check_output(target, force=force, suffixes=(src.suffix.lower(),))

    raw = read_raw(src)
    refuse_moved(src, raw, "filling")
    homework, _ = interpret(raw)
    layout = LAYOUTS[homework.template_version]
    full: list[str] = []
    with warnings.catch_warnings(record=True) as caught:
        warnings.simplefilter("always")
        book = _load(src, kind)
        recalc = not book.calculation.fullCalcOnLoad
        written = fill_book(book, homework, layout, full=full)
    notes = tuple(dict.fromkeys([*(str(w.message) for w in caught), *full]))
    if in_place and not written and not recalc:
        # already filled: no rewrite, no backup
        return FillResult(src, None, {}, notes, tuple(full))

    def save(tmp: Path) -> None:
        book.save(tmp)
        restore_vml_drawings(tmp, book)  # keeps the .xlsm's buttons on every sheet
        carry_web_extensions(src, tmp)  # keeps xlwings Lite's code, which openpyxl drops

    backup = backup_copy(src, now=now) if in_place else None
    try:
        # In place replaces the original (kept as the backup); a new file is created only if no
        # other run made it meanwhile, unless --force.
        write_atomically(target, save, force=in_place or force)
    except BaseException:
        if backup is not None:
            backup.unlink(missing_ok=True)  # the original is untouched: no copy needed
        raise
    return FillResult(target, backup, dict(written), notes, tuple(full))


def _load(src: Path, kind: str) -> Workbook:
    try:
        # Opened here, not by openpyxl: it leaves the file open when loading fails, which keeps
        # the participant's file locked on Windows (and is a ResourceWarning from Python 3.13).
        with src.open("rb") as f:
            return openpyxl.load_workbook(f, keep_vba=kind == "xlsm", rich_text=True)
    except Exception as exc:
        # The reader (calamine) accepted the file, openpyxl's stricter parser did not: XML that
        # is not well-formed, or parts Excel would not write. That is the file's doing.
        raise UnusableWorkbook(
            src,
            f"cannot be rewritten ({type(exc).__name__} while loading it)",
            "open it in Excel, save it again, then fill that copy",
        ) from exc


def _same_file(a: Path, b: Path) -> bool:
    return a.resolve() == b.resolve()


def fill_book(
    book: Workbook, hw: Homework, layout: Layout, *, full: list[str] | None = None
) -> Counter[str]:
    """Write the derived cells of `hw` into the loaded workbook; counts of cells changed.
    `full` receives a line per table that had no empty row left for the plan's steps."""
    writer = _Writer(book)
    tables = layout.tables
    start_ref = plan_start_absolute(layout)
    full = [] if full is None else full
    full += _step_rows(writer, hw, layout)

    plan = tables["plan"]
    sched = schedule(hw.plan, hw.plan_start)
    for step in hw.plan:
        writer.put(plan.sheet, plan.cell("step", step.row), step.step, "step")
        writer.put(
            plan.sheet, plan.cell("critical", step.row), critical_text(step, sched), "critical"
        )
        # Template 1.1 shows the one schedule's dates; 1.0 had a native due-date formula instead.
        for key, day in (("start", sched.start_date), ("finish", sched.finish_date_of)):
            if key in plan.columns:
                ref = plan.cell(key, step.row)
                date = day(step.step)
                # openpyxl reads dates back as datetimes: write one, so a second fill sees no
                # change.
                value = dt.datetime(date.year, date.month, date.day) if date else ""
                writer.put(plan.sheet, ref, value, "schedule")
                # openpyxl gives a written datetime its own format; the template's is wanted.
                writer.number_format(plan.sheet, ref, "dd.mm.yyyy", replace="yyyy-mm-dd h:mm:ss")
    for goal in hw.goals:
        text = smart_text(smart_missing(goal, hw.plan_start))
        writer.put(tables["goals"].sheet, tables["goals"].cell("smart", goal.row), text, "smart")
    services = tables["services"]
    for service in hw.services:
        writer.put(
            services.sheet, services.cell("note", service.row), service_note(service), "note"
        )

    for key, rows in (
        ("services", [s.row for s in hw.services]),
        ("actions", [a.row for a in hw.actions]),
        ("goals", [g.row for g in hw.goals]),
        ("plan", [s.row for s in hw.plan]),
        ("needs", [n.row for n in hw.needs]),
        ("objectives", [o.row for o in hw.vision.objectives]),
        ("communication", [t.row for t in hw.communication.plan]),
        ("trends", [t.row for t in hw.trends]),
        ("competencies", [c.row for c in hw.competencies]),
    ):
        if key in tables:  # template 2.1's tables are not in older workbooks
            _restore_formulas(writer, tables[key], rows, start_ref)
            writer.cover(tables[key], rows)
    if "vision" in layout.tools:
        for key in ("vision", "mission"):
            cell = layout.cell(key)
            writer.formula(cell.sheet, words_ref(cell), word_count_formula(cell.ref))

    raci = layout.raci
    for row in hw.raci:
        writer.formula(raci.sheet, a1(row.row, raci.check_col), raci.check_formula(row.row))
    share = layout.share_total
    writer.formula(share.sheet, share.ref, layout.share_total_formula)

    # Excel and LibreOffice recompute every formula on opening, so the restored formulas and
    # those depending on filled cells show current results rather than stale cached ones.
    book.calculation.fullCalcOnLoad = True
    return writer.counts


def _step_rows(writer: _Writer, hw: Homework, layout: Layout) -> list[str]:
    """Template 2.x: the number of each plan step with no row yet in the priority matrix and in
    the RACI, in the first rows nobody wrote in, so the participant rates and assigns them
    beside the step's words (the native lookups show them). Rows in use are never touched;
    when no empty row is left the steps are named instead of written past the table."""
    matrix, raci = layout.tables["actions"], layout.raci
    if "step" not in matrix.columns or raci.step_col is None:
        return []  # 1.x: the matrix and the RACI name their own actions and deliverables
    words_of = {n: s.action for n, s in unique_steps(hw.plan).items()}
    steps = list(words_of)
    plan = layout.tables["plan"]
    full: list[str] = []

    rated = {a.step for a in hw.actions}
    used = {a.row for a in hw.actions}
    cols = list(range(matrix.first_col, matrix.last_col + 1))
    free = writer.empty_rows(matrix.sheet, matrix.first_row, _last_row(writer, matrix), cols)
    todo = [n for n in steps if n not in rated]
    unnumbered = sorted(a.row for a in hw.actions if a.step is None)
    if todo and unnumbered:
        # Rows rated without their step's number: a number deleted, not a step unrated. A new
        # row would rate the step twice; only the participant knows which row is which step.
        full.append(_unnumbered(matrix.sheet, unnumbered, todo, "ratings"))
        todo = []
    placed = [row for row in free if row not in used][: len(todo)]
    start = plan_start_absolute(layout)
    for n, row in zip(todo, placed, strict=False):
        writer.put(matrix.sheet, matrix.cell("step", row), n, "matrix step")
        _restore_formulas(writer, matrix, [row], start)
    writer.cover(matrix, placed)
    if len(todo) > len(placed):
        full.append(_no_room(matrix.sheet, todo[len(placed) :], "rate"))

    assigned = {r.step for r in hw.raci}
    used = {r.row for r in hw.raci}
    cols = list(range(raci.step_col, raci.check_col + 1))
    free = writer.empty_rows(raci.sheet, raci.first_row, raci.last_row, cols)
    todo = [n for n in steps if n not in assigned]
    unnumbered = sorted(r.row for r in hw.raci if r.step is None and any(r.roles))
    if todo and unnumbered:
        full.append(_unnumbered(raci.sheet, unnumbered, todo, "roles"))
        todo = []
    placed = [row for row in free if row not in used][: len(todo)]
    for n, row in zip(todo, placed, strict=False):
        writer.put(raci.sheet, a1(row, raci.step_col), n, "raci step")
        if raci.action_col is not None:
            words = "=" + step_action_formula(plan, a1(row, raci.step_col))
            writer.formula(raci.sheet, a1(row, raci.action_col), words)
        writer.formula(raci.sheet, a1(row, raci.check_col), raci.check_formula(row))
        # LibreOffice does not grow a row to its wrapped text on opening (see text_height)
        writer.height(raci.sheet, row, text_height([(words_of[n], STEP_WORDS_WIDTH)]))
    if len(todo) > len(placed):
        full.append(_no_room(raci.sheet, todo[len(placed) :], "assign"))
    return full


def _last_row(writer: _Writer, table: TableSpec) -> int:
    """The table's last row: the template's, or further down where the participant grew it."""
    ws = writer.sheet(table.sheet)
    if table.name in ws.tables:
        return max(table.last_row, split(ws.tables[table.name].ref.split(":")[1])[0])
    return table.last_row


def _unnumbered(sheet: str, rows: list[int], steps: list[int], what: str) -> str:
    these = (
        f"row {rows[0]} has" if len(rows) == 1 else f"rows {join_and(str(r) for r in rows)} have"
    )
    numbers = join_and(str(n) for n in steps)
    lacking = f"step {numbers} has" if len(steps) == 1 else f"steps {numbers} have"
    return (
        f"{sheet}: {these} {what} but no step number, while {lacking} no row; no row added: "
        "write each row's step number, then fill again"
    )


def _no_room(sheet: str, steps: list[int], verb: str) -> str:
    numbers = join_and(str(n) for n in steps)
    return (
        f"{sheet}: no empty row left for {noun(len(steps), 'step')} {numbers}; not written: "
        f"add rows to the table, then fill again (or {verb} them in rows you no longer need)"
    )


def _restore_formulas(writer: _Writer, table: TableSpec, rows: Iterable[int], start: str) -> None:
    for row in rows:
        for derived in table.derived:
            if derived.formula:
                ref = table.cell(derived.key, row)
                writer.formula(table.sheet, ref, table.formula(derived, row, start))
                if derived.number_format:
                    writer.number_format(table.sheet, ref, derived.number_format)


class _Writer:
    def __init__(self, book: Workbook) -> None:
        self.book = book
        self.counts: Counter[str] = Counter()
        # The reader forgives 'ACTION PLAN' for 'Action plan'; so must the writer.
        self.actual = layout_sheet_names(book.sheetnames)

    def sheet(self, name: str) -> Worksheet:
        ws = self.book[self.actual.get(name, name)]
        assert isinstance(ws, Worksheet)
        return ws

    def put(self, sheet: str, ref: str, value: object, kind: str) -> None:
        """A static value; '' clears the cell. Counted only when it changes the cell."""
        cell = self.sheet(sheet)[ref]
        new = None if value == "" else value
        if cell.value != new:
            cell.value = new
            self.counts[kind] += 1

    def formula(self, sheet: str, ref: str, formula: str) -> None:
        """The canonical formula, where the cell lacks it (empty, typed over, or edited)."""
        cell = self.sheet(sheet)[ref]
        if cell.value != formula:
            cell.value = formula
            self.counts["formula"] += 1

    def empty_rows(self, sheet: str, first: int, last: int, cols: list[int]) -> list[int]:
        """The rows from `first` to `last` with nothing but the template's formulas in the
        given columns (text typed over a formula column is the participant's too)."""
        ws = self.sheet(sheet)

        def blank(value: object) -> bool:
            return value in (None, "") or (isinstance(value, str) and value.startswith("="))

        return [
            row
            for row in range(first, last + 1)
            if all(blank(ws.cell(row, col + 1).value) for col in cols)
        ]

    def height(self, sheet: str, row: int, height: float | None) -> None:
        """A row's height for wrapped text, unless the row has its own already."""
        dims = self.sheet(sheet).row_dimensions[row]
        if height and dims.height is None:
            dims.height = height

    def number_format(self, sheet: str, ref: str, fmt: str, replace: str = "General") -> None:
        cell = self.sheet(sheet)[ref]
        if cell.number_format in ("General", replace):
            cell.number_format = fmt

    def cover(self, table: TableSpec, rows: list[int]) -> None:
        """Grow the Excel Table over rows added below it (Excel does this itself, LibreOffice
        does not), so its banding, filters and structured references include them."""
        ws = self.sheet(table.sheet)
        if table.name not in ws.tables or not rows:
            return
        xl_table = ws.tables[table.name]
        if xl_table.totalsRowCount:
            return
        first, last = xl_table.ref.split(":")
        last_row, last_col = split(last)
        if max(rows) <= last_row:
            return
        xl_table.ref = f"{first}:{a1(max(rows), last_col)}"
        if xl_table.autoFilter is not None:
            xl_table.autoFilter.ref = xl_table.ref


__all__ = ["FillResult", "fill_book", "fill_workbook"]
