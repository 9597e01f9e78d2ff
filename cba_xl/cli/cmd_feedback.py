"""cba-xl feedback WORKBOOK|DIR -o DIR: a feedback page per participant and a mail-merge file."""

from __future__ import annotations

import argparse
from pathlib import Path

from cba_xl.files import find_workbooks, nothing_found
from cba_xl.wording import tally


def register(sub: argparse._SubParsersAction[argparse.ArgumentParser]) -> None:
    p = sub.add_parser(
        "feedback",
        help="a feedback page per participant and a mail-merge file",
        description="Check each workbook and write, into OUTDIR, one self-contained HTML page per "
        "participant (what to fix first, by sheet and cell, then what is worth a look; prints "
        "on one or two A4 pages) and mail-merge.csv (name, email, cluster, errors, warnings, "
        "room, file, page) for Outlook's or Thunderbird's mail merge. With --cohort, each "
        "participant's breakout room is taken from a cohort workbook `consolidate` wrote, and "
        "with a roster (consolidate --roster) the name and e-mail from the roster. All "
        "files are written or none. Exit 0, 1 when some workbooks could not be used, 2 when "
        "none could.",
    )
    p.add_argument("paths", nargs="+", type=Path, metavar="PATH", help="workbooks or folders")
    p.add_argument("-o", "--output", type=Path, required=True, metavar="OUTDIR")
    p.add_argument(
        "--cohort",
        type=Path,
        metavar="COHORT.xlsx",
        help="rooms, and roster names and e-mails, from this cohort workbook",
    )
    p.add_argument("--force", action="store_true", help="replace earlier pages")
    p.set_defaults(run=run)


QUIET = "no 'wrote' line per page; unusable workbooks and the summary line only"


def run(args: argparse.Namespace) -> int:
    from cba_xl.feedback import write_feedback
    from cba_xl.feedback.rooms import rooms_by_sha, roster_people_by_sha

    skipped: list[tuple[Path, str]] = []
    workbooks = find_workbooks(args.paths, skipped=skipped)
    if not workbooks:
        raise nothing_found(args.paths, skipped)
    rooms = rooms_by_sha(args.cohort) if args.cohort else None
    people = roster_people_by_sha(args.cohort) if args.cohort else None
    done = write_feedback(workbooks, args.output, rooms=rooms, people=people, force=args.force)
    for _, line in done.unusable:
        print(line)
    if not args.quiet:
        for page in done.pages:
            print(f"wrote {page}")
    print(
        f"{tally(len(done.pages), 'feedback page')} and {done.mail_merge} written"
        + (f"; {tally(len(done.unusable), 'unusable workbook')} left out" if done.unusable else "")
    )
    if not done.pages:
        return 2
    return 1 if done.unusable else 0
