"""cba-xl slides WORKBOOK|DIR: a deck in the academy format per workbook."""

from __future__ import annotations

import argparse
import sys
from pathlib import Path

from cba_xl import api
from cba_xl.api import CheckResult
from cba_xl.cli.output import unusable_line
from cba_xl.errors import CbaError, OutputRefused, UnusableWorkbook
from cba_xl.files import find_workbooks, nothing_found
from cba_xl.files.atomic import Outputs
from cba_xl.wording import tally


def register(sub: argparse._SubParsersAction[argparse.ArgumentParser]) -> None:
    p = sub.add_parser(
        "slides",
        help="turn workbooks into PowerPoint decks in the academy format",
        description="Build a deck per workbook (default: beside the workbook, same name). "
        "A workbook with errors still gets its deck, with the findings on a closing slide. "
        "The decks of one run are written all or none (an interrupted run leaves none); a "
        "workbook that cannot be used gets no deck and is listed. Exit 0 when every deck "
        "was written without errors, 1 when some workbooks have errors or are unusable, 2 "
        "when no deck could be made. "
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
    skipped: list[tuple[Path, str]] = []
    workbooks = find_workbooks(args.paths, skipped=skipped)
    if not workbooks:
        raise nothing_found(args.paths, skipped)
    taken: set[Path] = set()
    targets = [
        _target(wb, args.output, several=len(workbooks) > 1, taken=taken) for wb in workbooks
    ]
    _refuse_existing(targets, force=args.force)
    results: list[CheckResult] = []
    written: list[tuple[Path, int]] = []
    # Every deck is staged and all are moved into place at the end: a run that is interrupted
    # or fails writing leaves no deck, so running it again needs no --force. A workbook that
    # cannot be used gets no deck and is reported; it does not stop the others.
    with Outputs(force=args.force) as outputs:
        for workbook, out in zip(workbooks, targets, strict=True):
            try:
                deck, result = api.make_deck(
                    workbook,
                    out,
                    force=args.force,
                    template=args.template,
                    exemplary=args.exemplary,
                    outputs=outputs,
                )
            except UnusableWorkbook as problem:
                results.append(api.CheckResult(workbook, unusable=problem))
                print(unusable_line(problem))
                continue
            results.append(result)
            written.append((deck, sum(f.severity.value == "error" for f in result.findings)))
        outputs.commit()
    for deck, errors in written:
        if not args.quiet:
            note = f" ({tally(errors, 'error')} listed on the closing slide)" if errors else ""
            print(f"wrote {deck}{note}")
    print(_summary(written, results, skipped=len(skipped)))
    return api.exit_code(results)


QUIET = "no 'wrote DECK' line per deck; the unusable workbooks and the summary line only"


def _refuse_existing(targets: list[Path], *, force: bool) -> None:
    if force:
        return
    existing = [t for t in targets if t.exists()]
    if len(existing) == 1:
        raise OutputRefused(existing[0], "exists; use --force to replace it")
    if existing:
        raise OutputRefused(
            existing[0],
            f"exists ({len(existing)} decks would be replaced); use --force to replace them",
        )


def _summary(written: list[tuple[Path, int]], results: list[CheckResult], *, skipped: int) -> str:
    n = len(written)
    parts = [f"{n} deck{'s' if n != 1 else ''} written"]
    with_errors = sum(1 for _, errors in written if errors)
    if with_errors:
        parts.append(f"{with_errors} with errors on the closing slide")
    unusable = sum(r.unusable is not None for r in results)
    if unusable:
        parts.append(f"{unusable} unusable workbook{'s' if unusable != 1 else ''} without a deck")
    if skipped:
        parts.append(f"{skipped} skipped")
    return ", ".join(parts)


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
