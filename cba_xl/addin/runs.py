"""What each button does, written against the narrow workbook interface: the macros in
`cba_xl.addin.macros` pass the live Excel workbook, the tests pass a file. Each calls the same
code as the matching CLI command (`cba_xl.api`, the filler, the cohort consolidation).
"""

from __future__ import annotations

import contextlib
import datetime as dt
import os
import subprocess
import sys
import tempfile
from collections.abc import Callable, Iterator
from dataclasses import dataclass
from pathlib import Path
from typing import Final

from cba_xl import api
from cba_xl.addin.book import WorkbookPort
from cba_xl.addin.cell_changes import cell_changes, live_function
from cba_xl.addin.checks_sheet import CHECKS_SHEET, clear_marks, write_checks
from cba_xl.core.findings import Finding
from cba_xl.errors import UnusableWorkbook
from cba_xl.spec import LAYOUT

COHORT_FOLDER_KEY: Final = "CBA Cohort Folder"  # row of the xlwings.conf sheet
COHORT_WORKBOOK: Final = "cohort.xlsx"  # written into the cohort folder, left out when read
COHORT_DECK: Final = "cohort.pptx"


def open_document(path: Path) -> None:
    """Show a file in its usual program: Windows and macOS; nothing elsewhere."""
    if sys.platform.startswith("win"):
        os.startfile(path)  # type: ignore[attr-defined]  # Windows only
    elif sys.platform == "darwin":
        subprocess.run(["open", str(path)], check=False)


@contextlib.contextmanager
def _about(book: WorkbookPort) -> Iterator[None]:
    """An unusable snapshot is reported as the user's workbook, not as the temporary copy."""
    try:
        yield
    except UnusableWorkbook as problem:
        raise UnusableWorkbook(book.path, problem.reason, problem.hint) from problem


def run_check(book: WorkbookPort, *, today: dt.date | None = None) -> list[Finding]:
    """Check: findings of `cba-xl check` on the workbook as it is now, in the Checks sheet,
    with the cells marked (the previous Check's marks removed first)."""
    clear_marks(book)
    with book.snapshot() as path:
        result = api.check(path, today=today)
    problem = ""
    if result.unusable is not None:  # said of the workbook, not of the snapshot's temporary copy
        problem = ": ".join(p for p in (result.unusable.reason, result.unusable.hint) if p)
    line = write_checks(book, result.findings, problem=problem)
    book.save()
    book.tell(f"{line} See the {CHECKS_SHEET} sheet." if not problem else line)
    return result.findings


def run_fill(book: WorkbookPort) -> int:
    """Fill: `cba-xl fill` on a copy of the workbook as it is now, then the cells it changed
    written into the workbook, except cells with the add-in's live functions. Returns the
    number of cells written."""
    with (
        book.snapshot() as path,
        tempfile.TemporaryDirectory(prefix="cba-xl-") as folder,
        _about(book),
    ):
        from cba_xl.excel.filler import fill_workbook

        filled = fill_workbook(path, Path(folder) / path.name, force=True)
        # Cells computing with the add-in's functions already show the value, live.
        changes = cell_changes(path, filled.out, LAYOUT.input_sheets, keep=live_function)
    for loc, value in changes:
        book.write(loc, value)
    book.save()
    told = (
        f"Filled {len(changes)} cell(s)."
        if changes
        else "Nothing to fill: all derived cells are up to date."
    )
    book.tell(" ".join([told, *filled.full]))
    return len(changes)


def run_slides(
    book: WorkbookPort,
    *,
    opener: Callable[[Path], None] = open_document,
    today: dt.date | None = None,
) -> Path:
    """Slides: the deck in the academy format beside the workbook (same name, .pptx,
    replaced if there), then opened."""
    target = book.path.with_suffix(".pptx")
    with book.snapshot() as path, _about(book):
        deck, _ = api.make_deck(path, target, force=True, today=today)
    opener(deck)
    book.tell(f"Slides written: {deck}")
    return deck


@dataclass(frozen=True)
class Consolidated:
    folder: Path
    workbook: Path
    deck: Path


def cohort_folder(book: WorkbookPort) -> Path | None:
    """The folder of submitted workbooks: the xlwings.conf sheet's 'CBA Cohort Folder' row
    (relative paths count from the workbook's folder), else the user picks one."""
    configured = book.setting(COHORT_FOLDER_KEY)
    if configured:
        folder = Path(os.path.expandvars(configured)).expanduser()
        return folder if folder.is_absolute() else book.path.parent / folder
    return book.ask_folder("Folder with the participants' workbooks")


def run_consolidate(
    book: WorkbookPort,
    *,
    opener: Callable[[Path], None] = open_document,
    today: dt.date | None = None,
) -> Consolidated | None:
    """Consolidate: the cohort workbook and deck from every workbook in the cohort folder,
    written into that folder (replacing the last ones); None when there was nothing to do."""
    folder = cohort_folder(book)
    if folder is None:
        book.tell(
            f"No folder chosen. Put the folder of the participants' workbooks in the "
            f"'{COHORT_FOLDER_KEY}' row of the xlwings.conf sheet, or pick one when asked."
        )
        return None
    from cba_xl.cohort import consolidate

    out, deck = folder / COHORT_WORKBOOK, folder / COHORT_DECK
    # One process: the add-in runs inside Excel's Python server, no place to spawn workers from.
    summary = consolidate([folder], out, deck=deck, force=True, jobs=1, today=today)
    if not summary.participants:
        book.tell(f"No usable participant workbooks in {folder}: nothing consolidated.")
        return None
    opener(out)
    book.tell(
        f"Cohort of {summary.participants} participant(s) written: {out.name} and {deck.name} "
        f"in {folder}"
    )
    return Consolidated(folder, out, deck)


__all__ = [
    "COHORT_FOLDER_KEY",
    "Consolidated",
    "cohort_folder",
    "open_document",
    "run_check",
    "run_consolidate",
    "run_fill",
    "run_slides",
]
