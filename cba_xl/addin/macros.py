"""The buttons' macros. "Import Functions" (xlwings ribbon, Windows) turns each `@xw.script`
function of this module, named under "UDF Modules" in the `xlwings.conf` sheet, into a VBA
`Sub` of the same name; the workbook's buttons are assigned to those names.

A button can only call a Sub without parameters, so each macro takes none and gets its workbook
from `xw.Book.caller()`. The work itself is `cba_xl.addin.runs.run_*`, which the tests run on
files. Problems reach the user as a message box, never as a VBA error with a traceback.

Only macros may live in this module's namespace: Import Functions writes a VBA wrapper for
every object here that carries xlwings' `__xlfunc__` marker.
"""

from __future__ import annotations

from collections.abc import Callable
from typing import Any, TypeVar

import xlwings as xw

from cba_xl.addin import runs
from cba_xl.addin.book import WorkbookPort
from cba_xl.addin.excel_book import XlwingsBook
from cba_xl.errors import CbaError

_F = TypeVar("_F", bound=Callable[..., Any])


def _no_return_converter(macro: _F) -> _F:
    """Keep `-> None` for the type checker only. xlwings (`xlfunc`) turns a function's return
    annotation into its return converter, and there is none for NoneType: with it, every click
    would end in a VBA run-time error after the work is done (xlwings/conversion, `router`)."""
    macro.__annotations__.pop("return", None)
    return macro


def _run(work: Callable[[WorkbookPort], Any]) -> None:
    book = XlwingsBook(xw.Book.caller())
    try:
        work(book)
    except CbaError as problem:
        book.tell(problem.message)
    # A button has no console: whatever went wrong must reach the user as a message.
    except Exception as exc:
        book.tell(f"cba-xl: unexpected problem ({type(exc).__name__}: {exc})")


@xw.script
@_no_return_converter
def cba_check() -> None:
    """Check the workbook: findings in the Checks sheet, cells marked."""
    _run(runs.run_check)


@xw.script
@_no_return_converter
def cba_fill() -> None:
    """Fill the derived cells (step numbers, SMART checks, critical path, service notes)."""
    _run(runs.run_fill)


@xw.script
@_no_return_converter
def cba_slides() -> None:
    """Write the deck beside the workbook and open it."""
    _run(runs.run_slides)


@xw.script
@_no_return_converter
def cba_consolidate() -> None:
    """Consolidate the cohort folder into a cohort workbook and deck."""
    _run(runs.run_consolidate)


BUTTON_MACROS = ("cba_check", "cba_fill", "cba_slides", "cba_consolidate")
