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
        "protection. Without -o the workbook is changed in place and a backup copy is kept "
        "beside it. Refuses while Excel has the file open.",
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
    counts = ", ".join(f"{n} {what}" for what, n in sorted(result.written.items()) if n)
    print(f"wrote {result.out}" + (f" ({counts})" if counts else ""))
    if result.backup is not None:
        print(f"backup of the original: {result.backup}")
    return 0
