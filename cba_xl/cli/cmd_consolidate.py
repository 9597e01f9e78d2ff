"""cba-xl consolidate DIR_OR_FILES... -o cohort.xlsx: the cohort workbook (and deck)."""

from __future__ import annotations

import argparse
import json
import sys
from pathlib import Path


def register(sub: argparse._SubParsersAction[argparse.ArgumentParser]) -> None:
    p = sub.add_parser(
        "consolidate",
        help="consolidate a cohort's workbooks into one workbook (and a deck)",
        description="Read and check every participant workbook (.xlsx/.xlsm, folders searched "
        "recursively; lock and hidden files skipped) and write the cohort workbook: who "
        "submitted, findings, the top challenges, breakout rooms, canvases, plans and "
        "services. Inputs are never changed. Of several files from the same participant "
        "(cluster name and manager e-mail) the newest is kept. The workbook and the deck are "
        "written all or none: an interrupted or failed run leaves neither. Exit 0 when every "
        "file was consolidated, 1 when some were rejected or have errors, 2 when nothing "
        "usable was found, the arguments are wrong or the roster cannot be read.",
    )
    p.add_argument("inputs", nargs="+", type=Path, metavar="DIR_OR_FILE")
    p.add_argument(
        "-o",
        "--output",
        type=Path,
        required=True,
        metavar="COHORT.xlsx",
        help="the cohort workbook to write",
    )
    p.add_argument("--deck", type=Path, metavar="COHORT.pptx", help="also write a cohort deck")
    p.add_argument(
        "--session-decks",
        type=Path,
        metavar="DIR",
        help="also write the decks of the academy's days into DIR: day1-introductions.pptx "
        "(every profile slide), day2-canvases.pptx (every current canvas, then every future "
        "canvas with its changes) and day3-plans.pptx (every action plan, in pitch-group "
        "order with --pitch-groups)",
    )
    p.add_argument(
        "--roster",
        type=Path,
        metavar="PEOPLE.csv",
        help="who should submit: a CSV with name, e-mail and cluster columns (UTF-8 or Excel's "
        "CSV, ; or , separated); files are matched by e-mail, then cluster name, then file "
        "name, ignoring case, spaces and accents, and the summary lists who has not "
        "submitted, whose workbook is unusable, who submitted twice and which files match "
        "nobody on the roster",
    )
    p.add_argument(
        "--rooms",
        type=_positive,
        default=5,
        metavar="N",
        help="breakout rooms: the N most frequent challenges (default 5)",
    )
    p.add_argument(
        "--rooms-by",
        choices=["random", "preference"],
        default="random",
        help="random (the default, as the academy does it) or preference: each participant in "
        "a room whose challenge they ranked, their highest-ranked first, as far as room sizes "
        "differing by at most one allow",
    )
    p.add_argument(
        "--pitch-groups",
        type=_positive,
        default=None,
        metavar="N",
        help="form the Day-3 pitch groups of at most N participants: countries mixed, members "
        "who share a challenge and offer different services together, with the reason for "
        "each (a sheet and a slide); the same cohort gives the same groups",
    )
    p.add_argument(
        "--seed",
        type=int,
        default=0,
        metavar="N",
        help="seed of the room assignment (random or by preference); the same seed gives "
        "the same rooms",
    )
    p.add_argument(
        "--jobs",
        type=_positive,
        default=None,
        metavar="N",
        help="parallel processes (default: the machine's cores)",
    )
    p.add_argument(
        "--format",
        choices=["text", "json"],
        default="text",
        help="json prints one JSON object on stdout",
    )
    p.add_argument("--force", action="store_true", help="replace existing outputs")
    p.set_defaults(run=run)


def _positive(text: str) -> int:
    try:
        value = int(text)
    except ValueError as exc:
        raise argparse.ArgumentTypeError(f"{text!r} is not a whole number") from exc
    if value < 1:
        raise argparse.ArgumentTypeError("must be at least 1")
    return value


QUIET = "no progress bar; only the first line of the summary and the rejected files"


def run(args: argparse.Namespace) -> int:
    from cba_xl.cli.output import NOTHING_USABLE
    from cba_xl.cohort import consolidate
    from cba_xl.files import nothing_found

    summary = consolidate(
        args.inputs,
        args.output,
        deck=args.deck,
        roster=args.roster,
        rooms=args.rooms,
        rooms_by=args.rooms_by,
        pitch_groups=args.pitch_groups,
        session_decks=args.session_decks,
        seed=args.seed,
        force=args.force,
        jobs=args.jobs,
        progress=args.format == "text" and not args.quiet,
    )
    problem = ""
    if summary.files == 0:
        problem = nothing_found(args.inputs, summary.skipped).message
    elif summary.participants == 0:
        problem = f"{NOTHING_USABLE}; nothing was written"
    if args.format == "json":
        data = summary.as_json()
        data["skipped"] = [{"file": str(p), "reason": why} for p, why in summary.skipped]
        if problem:
            data["error"] = problem
        print(json.dumps(data, ensure_ascii=False, indent=2))
    elif args.quiet:
        for r in summary.rejected:
            print(f"{r.file}: error: {r.reason}" + (f": {r.hint}" if r.hint else ""))
        print(summary.lines()[0])
    else:
        for line in summary.lines():
            print(line)
    if problem:
        print(f"cba-xl: {problem}", file=sys.stderr)
    code: int = summary.exit_code
    return code
