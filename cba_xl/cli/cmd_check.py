"""cba-xl check PATH...: one line per finding, or JSON."""

from __future__ import annotations

import argparse
import sys
from pathlib import Path

from cba_xl import api
from cba_xl.cli import output
from cba_xl.files import find_workbooks


def register(sub: argparse._SubParsersAction[argparse.ArgumentParser]) -> None:
    p = sub.add_parser(
        "check",
        help="check workbooks and list what is wrong, sheet and cell",
        description="Check participant workbooks. Prints one line per finding: "
        "'file: Sheet!B7: error|warning: message'. Folders are searched for .xlsx/.xlsm. "
        "Exit 0 when no errors, 1 when errors were found, 2 when a file is unusable.",
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


def run(args: argparse.Namespace) -> int:
    paths = find_workbooks(args.paths)
    if not paths:
        print(
            "cba-xl: no .xlsx or .xlsm workbooks found in " + ", ".join(str(p) for p in args.paths),
            file=sys.stderr,
        )
        return 2
    results = api.check_many(paths)
    if args.format == "json":
        output.print_json(output.as_json(results, args.severity))
    else:
        output.print_text(results, args.severity)
        print(output.summary_line(results), file=sys.stderr)
    return api.exit_code(results)
