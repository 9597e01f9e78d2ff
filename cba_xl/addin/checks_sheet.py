"""The Checks sheet the Check button writes: one row per finding (severity, sheet, cell,
message, a link to the cell) and the cells themselves marked.

The sheet also remembers each marked cell's fill from before (a hidden column), so the next
Check first puts every cell back the way it was and only then marks what is still wrong.
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Sequence
from typing import Final

from cba_xl.addin.book import CellValue, Link, WorkbookPort
from cba_xl.core.findings import Finding, Loc, count_by_severity

CHECKS_SHEET: Final = "Checks"
HEADER: Final = ("Severity", "Sheet", "Cell", "Message", "Go to", "Fill before")
WIDTHS: Final = (10, 18, 8, 100, 22, 0)
NO_FILL: Final = "none"  # "Fill before" of a marked cell that had no fill


def previous_marks(book: WorkbookPort) -> list[tuple[Loc, str]]:
    """Cells the last Check marked, with the fill each had before ('' for none)."""
    rows = book.sheet_rows(CHECKS_SHEET)
    marks: list[tuple[Loc, str]] = []
    started = False
    for row in rows:
        cells = [("" if c is None else str(c)) for c in row] + [""] * len(HEADER)
        if not started:
            started = tuple(cells[: len(HEADER)]) == HEADER
            continue
        sheet, cell, before = cells[1], cells[2], cells[5]
        if sheet and cell and before:
            marks.append((Loc(sheet, cell), "" if before == NO_FILL else before))
    return marks


def clear_marks(book: WorkbookPort) -> int:
    marks = previous_marks(book)
    for loc, fill in marks:
        book.unmark(loc, fill)
    return len(marks)


def summary(findings: Sequence[Finding]) -> str:
    counts = count_by_severity(findings)
    if not any(counts.values()):
        return "No findings: the workbook checks out."
    parts = [f"{n} {name}{'s' if n != 1 else ''}" for name, n in counts.items() if n]
    return ", ".join(parts)


def write_checks(
    book: WorkbookPort,
    findings: Sequence[Finding],
    *,
    problem: str = "",
    now: dt.datetime | None = None,
) -> str:
    """Replace the Checks sheet and mark the cells; returns the one-line summary. `problem`
    is why the workbook could not be checked at all (then there are no findings)."""
    stamp = (now or dt.datetime.now()).strftime("%d.%m.%Y %H:%M")
    line = f"Could not check the workbook: {problem}" if problem else summary(findings)
    rows: list[list[CellValue]] = [
        [f"cba-xl check, {stamp}: {line}"],
        ["Click a link to go to the cell. Check again after fixing: the marks are redone."],
        list(HEADER),
    ]
    notes: dict[Loc, list[str]] = {}
    for f in findings:
        if f.cell:
            notes.setdefault(f.loc, []).append(f"{f.severity.value}: {f.message}")
    before: dict[Loc, str] = {loc: book.mark(loc, "\n".join(msgs)) for loc, msgs in notes.items()}
    remembered: set[Loc] = set()
    for f in findings:
        fill = ""
        if f.cell and f.loc not in remembered:
            remembered.add(f.loc)
            fill = before[f.loc] or NO_FILL
        link = Link(f.loc, str(f.loc))
        rows.append([f.severity.value, f.sheet, f.cell, f.message, link, fill])
    book.replace_sheet(CHECKS_SHEET, rows, WIDTHS)
    return line


__all__ = [
    "CHECKS_SHEET",
    "HEADER",
    "NO_FILL",
    "clear_marks",
    "previous_marks",
    "summary",
    "write_checks",
]
