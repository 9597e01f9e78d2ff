"""cba-xl slides WORKBOOK|DIR: a deck in the academy format per workbook."""

from __future__ import annotations

import argparse
import sys
from pathlib import Path

from cba_xl import api
from cba_xl.errors import CbaError
from cba_xl.files import find_workbooks
from cba_xl.wording import tally


def register(sub: argparse._SubParsersAction[argparse.ArgumentParser]) -> None:
    p = sub.add_parser(
        "slides",
        help="turn workbooks into PowerPoint decks in the academy format",
        description="Build a deck per workbook (default: beside the workbook, same name). "
        "A workbook with errors still gets its deck, with the findings on a closing slide. "
        "With --check-template, list what a PowerPoint template lacks.",
    )
    p.add_argument("paths", nargs="*", type=Path, metavar="WORKBOOK|DIR")
    p.add_argument(
        "-o",
        "--output",
        metavar="DECK|DIR",
        help="a .pptx name (one workbook), else a folder for the decks",
    )
    p.add_argument("--template", type=Path, metavar="PPTX", help="your own academy template")
    p.add_argument(
        "--check-template",
        type=Path,
        metavar="PPTX",
        help="list the layouts and placeholders a template lacks, then stop",
    )
    p.add_argument("--exemplary", action="store_true", help="mark slides as 'Exemplary'")
    p.add_argument("--force", action="store_true", help="replace existing decks")
    p.set_defaults(run=run)


def run(args: argparse.Namespace) -> int:
    from cba_xl.slides import check_template

    if args.check_template is not None:
        problems = check_template(args.check_template)
        for problem in problems:
            print(f"{args.check_template}: {problem}")
        if not problems:
            print(f"{args.check_template}: has every layout and placeholder cba-xl needs")
        return 2 if problems else 0
    if not args.paths:
        print("cba-xl slides: name a workbook or a folder (see --help)", file=sys.stderr)
        return 2
    if args.template is not None:
        problems = check_template(args.template)
        if problems:
            raise CbaError(f"{args.template}: unusable slide template: " + "; ".join(problems))
    workbooks = find_workbooks(args.paths)
    if not workbooks:
        print("cba-xl: no .xlsx or .xlsm workbooks found", file=sys.stderr)
        return 2
    code = 0
    taken: set[Path] = set()
    for workbook in workbooks:
        out = _target(workbook, args.output, several=len(workbooks) > 1, taken=taken)
        try:
            deck, result = api.make_deck(
                workbook, out, force=args.force, template=args.template, exemplary=args.exemplary
            )
        except CbaError as problem:
            print(f"cba-xl: {problem.message}", file=sys.stderr)
            code = 2
            continue
        errors = sum(f.severity.value == "error" for f in result.findings)
        note = f" ({tally(errors, 'error')} listed on the closing slide)" if errors else ""
        print(f"wrote {deck}{note}")
        if errors and code == 0:
            code = 1
    return code


def _target(workbook: Path, output: str | None, *, several: bool, taken: set[Path]) -> Path:
    """Beside the workbook; or OUTPUT itself for one workbook and a file name (it must be a .pptx);
    or else a deck in the folder OUTPUT, numbered when two workbooks share a name."""
    if output is None:
        return workbook.with_suffix(".pptx")
    folder = Path(output)
    names_a_file = bool(folder.suffix) and not output.endswith(("/", "\\"))
    if not several and names_a_file and not folder.is_dir():
        return folder
    target = folder / (workbook.stem + ".pptx")
    n = 1
    while target in taken:
        n += 1
        target = folder / f"{workbook.stem}-{n}.pptx"
    taken.add(target)
    return target
