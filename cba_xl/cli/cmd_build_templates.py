"""cba-xl build-templates: rebuild the generated workbook and slide templates."""

from __future__ import annotations

import argparse
from pathlib import Path

from cba_xl import api


def register(sub: argparse._SubParsersAction[argparse.ArgumentParser]) -> None:
    p = sub.add_parser(
        "build-templates",
        help="rebuild workbook/ and templates/ from code (for developers)",
        description="Rebuild the committed templates (workbook/cba_academy.xlsx and .xlsm, "
        "templates/academy.pptx) from the layout specification. Review the diff, then commit.",
    )
    p.add_argument(
        "--root",
        type=Path,
        default=Path.cwd(),
        help="the repository root (default: the current folder)",
    )
    p.set_defaults(run=run)


QUIET = "one line with the number of files written instead of one per file"


def run(args: argparse.Namespace) -> int:
    written = api.build_templates(args.root)
    for path in [] if args.quiet else written:
        print(f"wrote {path}")
    if args.quiet:
        print(f"wrote {len(written)} files under {args.root}")
    return 0
