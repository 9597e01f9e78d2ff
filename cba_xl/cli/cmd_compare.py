"""cba-xl compare OLD NEW: what changed between two submissions of one participant."""

from __future__ import annotations

import argparse
import sys
from pathlib import Path

from cba_xl import api
from cba_xl.cli import output
from cba_xl.core.compare import compare, same_participant
from cba_xl.wording import tally


def register(sub: argparse._SubParsersAction[argparse.ArgumentParser]) -> None:
    p = sub.add_parser(
        "compare",
        help="what changed between two submissions of one participant",
        description="List what changed from OLD to NEW: plan steps added, removed, re-dated "
        "(the day the plan's schedule has them done) or re-assigned, action status changes, "
        "goals added, removed or changed, canvas items added or dropped, the items of every "
        "other sheet added, removed or changed (business-model changes, services, trends, "
        "member needs, vision and mission, competencies, communication, challenges, profile), "
        "and findings resolved and new. Steps, actions and items are matched by their text "
        "(a need by need and member, a competence by its field), goals by ID. "
        "Both files are only read. Exit 0 when both could be read, 2 when one cannot be used.",
    )
    p.add_argument("old", type=Path, metavar="OLD", help="the earlier submission")
    p.add_argument("new", type=Path, metavar="NEW", help="the later submission")
    p.add_argument("--format", choices=["text", "json"], default="text")
    p.set_defaults(run=run)


QUIET = "only the summary line"


def run(args: argparse.Namespace) -> int:
    old, new = api.check(args.old), api.check(args.new)
    for result in (old, new):
        if result.unusable is not None:
            raise result.unusable
    assert old.homework is not None and new.homework is not None
    found = compare(old.homework, old.findings, new.homework, new.findings)
    same = same_participant(old.homework, new.homework)
    if not same:
        names = f"{old.homework.cluster or '?'!r} and {new.homework.cluster or '?'!r}"
        print(
            f"cba-xl: warning: {args.old} and {args.new} look like two participants ({names}: "
            "cluster name or manager e-mail differ); compared all the same",
            file=sys.stderr,
        )
    summary = f"{args.old} → {args.new}: {tally(len(found), 'difference')}"
    if args.format == "json":
        output.print_json(
            {
                "old": str(args.old),
                "new": str(args.new),
                "same_participant": same,
                "differences": [d.as_dict() for d in found],
            }
        )
        return 0
    if not args.quiet:
        for d in found:
            print(d.line())
    print(summary)
    return 0
