"""The four buttons as Lite scripts. A Lite script takes the workbook as its `book: xw.Book`
argument (no `xw.Book.caller()`) and may be async, which reading formulas and fills needs. The
work is the Windows buttons' own (`cba_xl.addin.runs.run_*`) on a `LiteBook`; outputs go to
/data, nothing is opened (Files > Import/Export shows them for download)."""

from __future__ import annotations

from collections.abc import Callable
from pathlib import Path
from typing import Any

import xlwings as xw
from xlwings import script

from cba_xl.addin import runs
from cba_xl.addin.book import WorkbookPort
from cba_xl.addin.lite_book import LiteBook
from cba_xl.errors import CbaError


def _leave(path: Path) -> None:
    """Lite cannot open a file; it is in /data for download."""


async def _run(book: Any, work: Callable[[WorkbookPort], object]) -> None:
    port = await LiteBook.load(book)
    try:
        work(port)
    except CbaError as problem:
        port.tell(problem.message)
    # The Output pane would show a traceback: the user gets one line instead.
    except Exception as exc:
        port.tell(f"cba-xl: unexpected problem ({type(exc).__name__}: {exc})")


@script
async def cba_check(book: xw.Book) -> None:
    """Check the workbook: findings in the Checks sheet, cells marked red."""
    await _run(book, runs.run_check)


@script
async def cba_fill(book: xw.Book) -> None:
    """Fill the derived cells (step numbers, SMART checks, critical path, service notes)."""
    await _run(book, runs.run_fill)


@script
async def cba_slides(book: xw.Book) -> None:
    """Write the deck in the academy format to /data (Files > Import/Export to download)."""
    await _run(book, lambda port: runs.run_slides(port, opener=_leave))


@script
async def cba_consolidate(book: xw.Book) -> None:
    """Consolidate the participants' workbooks imported into /data: cohort.xlsx and
    cohort.pptx beside them."""
    await _run(book, lambda port: runs.run_consolidate(port, opener=_leave))


SCRIPTS = ("cba_check", "cba_fill", "cba_slides", "cba_consolidate")

__all__ = ["SCRIPTS", "cba_check", "cba_consolidate", "cba_fill", "cba_slides"]
