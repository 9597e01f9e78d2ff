"""cba-xl lite FOLDER: the main.py and requirements.txt of the xlwings Lite edition."""

from __future__ import annotations

import argparse
from pathlib import Path


def register(sub: argparse._SubParsersAction[argparse.ArgumentParser]) -> None:
    p = sub.add_parser(
        "lite",
        help="write main.py and requirements.txt for xlwings Lite (Excel without Python)",
        description="Write the xlwings Lite edition's main.py (the CBA_ functions and the Check, "
        "Fill, Slides and Consolidate scripts) and requirements.txt into FOLDER, to paste into "
        "the xlwings Lite editor. cba-xl is not on PyPI: --wheel-url names where its wheel "
        "(pip wheel . --no-deps) can be downloaded from.",
    )
    p.add_argument("folder", type=Path, metavar="FOLDER")
    p.add_argument(
        "--wheel-url",
        required=True,
        metavar="URL",
        type=_wheel_url,
        help="the https address Lite downloads cba-xl's wheel from, ending in the wheel's own "
        "file name (a server that allows cross-origin downloads)",
    )
    p.add_argument("--force", action="store_true", help="replace main.py and requirements.txt")
    p.set_defaults(run=run)


def _wheel_url(text: str) -> str:
    from cba_xl.lite.generate import WheelUrlProblem, check_wheel_url

    try:
        return check_wheel_url(text)
    except WheelUrlProblem as problem:
        raise argparse.ArgumentTypeError(str(problem)) from problem


QUIET = "one line with the number of files written instead of one per file"


def run(args: argparse.Namespace) -> int:
    from cba_xl.lite.generate import write_lite

    written = write_lite(args.folder, args.wheel_url, force=args.force)
    for path in [] if args.quiet else written:
        print(f"wrote {path}")
    if args.quiet:
        print(f"wrote {len(written)} files in {args.folder}")
    return 0
