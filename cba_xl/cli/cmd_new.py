"""cba-xl new PATH: a fresh participant workbook."""

from __future__ import annotations

import argparse
from pathlib import Path

from cba_xl import api
from cba_xl.errors import OutputRefused


def register(sub: argparse._SubParsersAction[argparse.ArgumentParser]) -> None:
    p = sub.add_parser(
        "new",
        help="create a fresh participant workbook",
        description="Create a fresh participant workbook from the academy template. "
        "A .xlsm name makes the macro-enabled workbook for the Excel add-in.",
    )
    p.add_argument("path", type=Path, metavar="PATH", help="the workbook to create (.xlsx/.xlsm)")
    p.add_argument("--cluster", metavar="NAME", help="prefill the cluster name")
    p.add_argument("--force", action="store_true", help="replace PATH if it exists")
    p.set_defaults(run=run)


QUIET = "changes nothing: the one line it prints is the summary"


def run(args: argparse.Namespace) -> int:
    path: Path = args.path
    if path.is_dir():
        raise OutputRefused(path, "is a folder; give a file name such as MyCluster.xlsx")
    if path.suffix.lower() not in (".xlsx", ".xlsm"):
        raise OutputRefused(path, "the workbook must be an .xlsx file (or .xlsm for the add-in)")
    written = api.new_workbook(path, cluster=args.cluster, force=args.force)
    print(f"wrote {written}")
    return 0
