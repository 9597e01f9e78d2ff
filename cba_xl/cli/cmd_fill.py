"""cba-xl fill PATH: write derived values into a workbook."""

from __future__ import annotations

import argparse
import sys
from pathlib import Path


def register(sub: argparse._SubParsersAction[argparse.ArgumentParser]) -> None:
    p = sub.add_parser(
        "fill",
        help="write step numbers, SMART checks, service notes and the critical path",
        description="Write derived values (step numbers, SMART checks, service notes, critical "
        "path; native formulas restored) into a workbook, keeping styles, dropdowns and "
        "protection. In a 2.x workbook each plan step with no row yet in the priority matrix "
        "or the RACI gets its number in the first empty row there (rows in use are never "
        "touched; a full table is named in a warning). Without -o the workbook is changed in "
        "place and a backup copy is kept beside it. Refuses while Excel has the file open.",
    )
    p.add_argument("path", type=Path, metavar="PATH")
    p.add_argument("-o", "--output", type=Path, metavar="OUT", help="write here instead")
    p.add_argument("--force", action="store_true", help="replace OUT if it exists")
    p.set_defaults(run=run)


QUIET = "no warnings; only the line saying what was written (and the backup's name)"


def run(args: argparse.Namespace) -> int:
    # Imported here: openpyxl (and numpy, which it pulls in) would cost every other command,
    # and every worker `consolidate` starts, a seventh of a second and 30 MB.
    from cba_xl.excel.filler import fill_workbook

    result = fill_workbook(args.path, args.output, force=args.force)
    for note in [] if args.quiet else result.warnings:
        print(f"cba-xl: warning: {args.path}: {note}", file=sys.stderr)
    if args.output is None and result.backup is None:
        print(f"{result.out}: already filled, nothing to change")
        return 0
    counts = ", ".join(
        _count(what, n) for what, n in sorted(result.written.items(), key=_order) if n
    )
    print(f"wrote {result.out}" + (f" ({counts})" if counts else ""))
    if result.backup is not None:
        print(f"backup of the original: {result.backup}")
    return 0


# The pre-filled rows of the priority matrix and the RACI, said in words; the other counts are
# cells, by the kind of value written.
_SAID = {
    "matrix step": (
        "plan step added to the priority matrix",
        "plan steps added to the priority matrix",
    ),
    "raci step": ("plan step added to the RACI", "plan steps added to the RACI"),
}


def _order(item: tuple[str, int]) -> tuple[bool, str]:
    return item[0] in _SAID, item[0]


def _count(what: str, n: int) -> str:
    if what in _SAID:
        one, many = _SAID[what]
        return f"{n} {one if n == 1 else many}"
    return f"{n} {what}"
