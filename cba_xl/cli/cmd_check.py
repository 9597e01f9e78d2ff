"""cba-xl check PATH...: one line per finding, or JSON."""

from __future__ import annotations

import argparse
from pathlib import Path

from cba_xl import api
from cba_xl.cli import output
from cba_xl.files import find_workbooks, nothing_found


def register(sub: argparse._SubParsersAction[argparse.ArgumentParser]) -> None:
    p = sub.add_parser(
        "check",
        help="check workbooks and list what is wrong, sheet and cell",
        description="Check participant workbooks. Prints one line per finding: "
        "'file: Sheet!B7: error|warning|info: message' (an error needs fixing, a warning is "
        "worth a look, info is a note); a file that cannot be used gets "
        "'file: error: reason: what to do', a skipped one 'file: skipped: reason'; the last "
        "line counts the workbooks, errors, warnings and notes (info). Folders are searched for "
        ".xlsx/.xlsm and the other spreadsheet files (.xls, .xlsb, .ods, .numbers, .csv) a "
        "participant may have sent instead. Exit 0 when no errors (warnings and notes do not "
        "change it), 1 when errors were found or some files are unusable, 2 when no file could "
        "be used.",
    )
    p.add_argument("paths", nargs="+", type=Path, metavar="PATH", help="workbooks or folders")
    p.add_argument("--format", choices=["text", "json"], default="text")
    p.add_argument(
        "--severity",
        choices=output.SEVERITIES,
        default="info",
        help="the least severe findings to show (default: all)",
    )
    p.set_defaults(run=run)


QUIET = "show only errors (findings and unusable files) and the summary line"


def run(args: argparse.Namespace) -> int:
    skipped: list[tuple[Path, str]] = []
    paths = find_workbooks(args.paths, skipped=skipped)
    if not paths:
        raise nothing_found(args.paths, skipped)
    results = api.check_many(paths)
    if args.format == "json":
        output.print_json(output.as_json(results, args.severity, skipped=skipped))
    else:
        output.print_text(results, args.severity, skipped=skipped, quiet=args.quiet)
    return api.exit_code(results)
