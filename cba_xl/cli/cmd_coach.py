"""cba-xl coach WORKBOOK [--previous OLD] -o PREREAD.pptx: the coach's pre-read for a call."""

from __future__ import annotations

import argparse
from pathlib import Path

from cba_xl import api
from cba_xl.wording import tally


def register(sub: argparse._SubParsersAction[argparse.ArgumentParser]) -> None:
    p = sub.add_parser(
        "coach",
        help="a pre-read for the coach's call on a participant's action plan",
        description="Write 4 slides in the academy format for the coach preparing the "
        "one-hour call: profile and top-3 changes, the plan's schedule and status, the open "
        "findings, and questions for the call (each from a finding or a schedule fact, its "
        "cell in the notes); with --previous a fifth slide shows what changed since that "
        "submission. Both workbooks are only read. Exit 0 when written, 2 when a workbook "
        "cannot be used or the output exists (use --force).",
    )
    p.add_argument("workbook", type=Path, metavar="WORKBOOK", help="the submission to discuss")
    p.add_argument("--previous", type=Path, metavar="OLD", help="the earlier submission")
    p.add_argument(
        "-o", "--output", type=Path, required=True, metavar="PREREAD.pptx", help="the pre-read"
    )
    p.add_argument("--template", type=Path, metavar="PPTX", help="your own academy template")
    p.add_argument("--force", action="store_true", help="replace an existing pre-read")
    p.set_defaults(run=run)


QUIET = "unchanged: its one line is the summary"


def run(args: argparse.Namespace) -> int:
    if args.template is not None:
        from cba_xl.errors import CbaError
        from cba_xl.slides import check_template

        problems = check_template(args.template)
        if problems:
            raise CbaError(f"{args.template}: unusable slide template: " + "; ".join(problems))
    out, result = api.make_preread(
        args.workbook,
        args.output,
        previous=args.previous,
        force=args.force,
        template=args.template,
    )
    errors = sum(f.severity.value == "error" for f in result.findings)
    since = f", progress since {args.previous}" if args.previous is not None else ""
    print(f"wrote {out} ({tally(errors, 'open error')}{since})")
    return 0
