"""cba-xl upgrade OLD -o NEW: a homework of an older template version in the current template."""

from __future__ import annotations

import argparse
from pathlib import Path

from cba_xl import api
from cba_xl.core.parse import show
from cba_xl.spec import TEMPLATE_VERSION


def register(sub: argparse._SubParsersAction[argparse.ArgumentParser]) -> None:
    p = sub.add_parser(
        "upgrade",
        help="carry a homework of an older template version into the current template",
        description="Write OLD's homework, made with an older template version, into a new "
        f"workbook of the current template (version {TEMPLATE_VERSION}) without losing a value: "
        "every value goes to the cell of the same field, as typed (unreadable ones too); what "
        "has no place in the new template or changed form (1.0's 'days from start' become "
        "deadline dates) is listed on its 'Upgrade notes' sheet and here. OLD is only read. "
        "Exit 0 when upgraded, and when OLD is already of the current version (nothing is "
        "written then); 2 when OLD cannot be used (a newer template version too) or NEW "
        "exists without --force.",
    )
    p.add_argument("old", type=Path, metavar="OLD", help="the workbook of an older version")
    p.add_argument(
        "-o",
        "--output",
        type=Path,
        metavar="NEW",
        required=True,
        help="the new workbook (.xlsx, or .xlsm with the add-in)",
    )
    p.add_argument("--force", action="store_true", help="replace NEW if it exists")
    p.set_defaults(run=run)


QUIET = "only the summary line"


def run(args: argparse.Namespace) -> int:
    result = api.upgrade(args.old, args.output, force=args.force)
    if result.out is None:
        print(
            f"{result.source}: already template {result.target_version}, nothing to do "
            "(nothing written)"
        )
        return 0
    if not args.quiet:
        for note in result.notes:
            what = " ".join(
                part
                for part in (note.label, show(note.value) if note.value is not None else "")
                if part
            )
            print(f"{result.source}: {note.source}: note: {what + ': ' if what else ''}{note.why}")
    notes = len(result.notes)
    listed = f", {notes} note(s) on its 'Upgrade notes' sheet" if notes else ", nothing to note"
    print(
        f"upgraded {result.source} (template {result.source_version}) to {result.out} "
        f"(template {result.target_version}): {result.carried} values carried{listed}"
    )
    return 0
