"""cba-xl demo [OUTDIR]: the main job on the embedded sample cohort."""

from __future__ import annotations

import argparse
import datetime as dt
import json
import os
import shutil
from collections.abc import Callable
from pathlib import Path

from cba_xl import api
from cba_xl.cli import output
from cba_xl.cli.cmd_sample import write_all
from cba_xl.core.models import Homework
from cba_xl.errors import OutputRefused

MARKER = ".cba-xl-demo"


def register(sub: argparse._SubParsersAction[argparse.ArgumentParser]) -> None:
    p = sub.add_parser(
        "demo",
        help="run everything on the embedded sample cohort",
        description="Write the embedded cohort's workbooks, check them, build a deck per "
        "participant and consolidate the cohort into a workbook and a deck. All or none: a "
        "run that fails or is interrupted leaves the folder as it was (an earlier demo "
        "replaced with --force comes back).",
    )
    p.add_argument("folder", type=Path, nargs="?", default=Path("cba-xl-demo"), metavar="OUTDIR")
    p.add_argument("--force", action="store_true", help="replace an earlier demo's files")
    p.set_defaults(run=run)


QUIET = "no line per step; only the last one"


def run(args: argparse.Namespace) -> int:
    folder: Path = args.folder
    marker = folder / MARKER
    if folder.exists() and any(folder.iterdir()) and not (marker.exists() and args.force):
        reason = (
            "holds an earlier demo; use --force to replace it"
            if marker.exists()
            else "exists and is not empty; name a new folder"
        )
        raise OutputRefused(folder, reason)
    # All or none: an earlier demo is moved aside, and put back if this run fails or is
    # interrupted; whatever this run wrote is removed then.
    existed = folder.exists()
    aside: Path | None = None
    if existed and any(folder.iterdir()):
        aside = folder.with_name(f".{folder.name}.old-{os.getpid()}")
        os.rename(folder, aside)
        existed = False
    try:
        folder.mkdir(parents=True, exist_ok=True)
        _demo(folder, quiet=args.quiet)
    except BaseException:
        if existed:
            for entry in list(folder.iterdir()):
                shutil.rmtree(entry) if entry.is_dir() else entry.unlink()
        else:
            shutil.rmtree(folder, ignore_errors=True)
        if aside is not None:
            os.rename(aside, folder)
        raise
    if aside is not None:
        shutil.rmtree(aside, ignore_errors=True)
    return 0


def _demo(folder: Path, *, quiet: bool) -> None:
    from cba_xl.sample import demo_cohort

    say = (lambda line: None) if quiet else print
    (folder / MARKER).write_text("made by cba-xl demo\n", encoding="utf-8")
    cohort = demo_cohort()
    workbooks = write_all(folder / "workbooks", cohort, force=True, jobs=1)
    say(f"1. workbooks: {len(workbooks)} participants in {folder / 'workbooks'}")

    results = api.check_many(workbooks)
    report = folder / "check-report.txt"
    lines = [f.line(r.path.name) for r in results for f in r.findings]
    lines.append(output.summary_line(results))
    report.write_text("\n".join(lines) + "\n", encoding="utf-8")
    (folder / "check-report.json").write_text(
        json.dumps(output.as_json(results), ensure_ascii=False, indent=2) + "\n",
        encoding="utf-8",
    )
    say(f"2. check: {output.summary_line(results)}; report in {report}")

    decks = folder / "decks"
    decks.mkdir(exist_ok=True)
    for wb in workbooks:
        api.make_deck(wb, decks / (wb.stem + ".pptx"), force=True, exemplary=True)
    say(f"3. slides: {len(workbooks)} decks in {decks}")

    resubmitted = _resubmission(folder / "workbooks", workbooks[7], cohort[7])
    roster = _roster(folder / "people.csv", cohort)
    say(
        f"4. roster and a resubmission: {roster} lists {len(cohort) + len(NOT_SUBMITTED)} "
        f"people; {resubmitted.name} is a changed version of {workbooks[7].name}"
    )
    _consolidate(folder, roster, say)


# Two people on the trainer's list who have not sent their homework (fictional, like the
# cohort): the demo's roster shows how consolidate lists them.
NOT_SUBMITTED = (
    ("Katrin Tamm", "katrin.tamm@tallinn-maritime.example", "Tallinn Maritime Cluster"),
    ("Luka Horvat", "luka.horvat@adriatic-wood.example", "Adriatic Wood Cluster"),
)


def _roster(path: Path, cohort: list[Homework]) -> Path:
    import csv

    with path.open("w", encoding="utf-8", newline="") as f:
        writer = csv.writer(f, delimiter=";")
        writer.writerow(["Name", "E-mail", "Cluster"])
        for hw in cohort:
            p = hw.profile
            writer.writerow([p.manager_name, p.manager_email, p.cluster_name])
        writer.writerows(NOT_SUBMITTED)
    return path


def _resubmission(folder: Path, first: Path, homework: Homework) -> Path:
    """Participant 008 sends the plan again, today, a day after the first version: step 3's
    deadline mended (two findings resolved), step 1 takes longer (the steps after it are
    re-dated) and a step added, linked like the step it follows (its goal and change, a
    rating, a RACI row)."""
    import copy

    from cba_xl.core.models import Action, PlanStep, RaciRow

    again = copy.deepcopy(homework)
    again.plan[0].duration = (again.plan[0].duration or 0) + 5
    again.plan[2].deadline = dt.date(2025, 9, 30)
    last = again.plan[-1]
    step = len(again.plan) + 1
    again.plan.append(
        PlanStep(
            step=step,
            action="Review the programme with members",
            goal=last.goal,
            change=last.change,
            responsible=homework.profile.manager_name,
            outcome="Lessons for the second cohort",
            duration=10,
            after=(last.step,),
        )
    )
    again.actions.append(Action(step=step, impact="High", effort="Low", status="Not started"))
    roles = [""] * len(again.raci[0].roles) if again.raci else []
    if roles:
        roles[0] = "R/A"  # the manager, first column of the cluster management
        again.raci.append(RaciRow(step=step, deliverable="Review the programme", roles=roles))
    # Sent again today, the first version yesterday: the saved-in-Excel time (the first key of
    # the newest-version rule) tells them apart, and no time shown lies in the future.
    now = dt.datetime.now(dt.UTC).replace(microsecond=0)
    target = folder / f"{first.stem}-v2.xlsx"
    api.write_homework(target, again, force=True, saved=now)
    yesterday = (now - dt.timedelta(days=1)).timestamp()
    os.utime(first, (yesterday, yesterday))
    os.utime(target, (now.timestamp(), now.timestamp()))
    return target


def _consolidate(folder: Path, roster: Path, say: Callable[[str], None]) -> None:
    from cba_xl.cohort import consolidate

    summary = consolidate(
        [folder / "workbooks"],
        folder / "cohort.xlsx",
        deck=folder / "cohort.pptx",
        rooms=5,
        # By preference, not at random (the CLI's default, as the academy does it): the demo
        # shows rooms whose members chose them, each room brief in their own notes.
        rooms_by="preference",
        seed=2024,
        force=True,
        jobs=1,
        roster=roster,
        pitch_groups=4,
    )
    r = summary.roster
    assert r is not None
    say(
        f"5. cohort: {summary.participants} participants consolidated into "
        f"{folder / 'cohort.xlsx'} and {folder / 'cohort.pptx'}"
    )
    for p in r.missing:
        say(f"   not submitted: {p.shown} <{p.email}>")
    for line in summary.versions.lines():
        say(line.replace("    ", "   ", 1))
    print(
        f"cohort: {len(r.submitted)} of {len(r.people)} people on the roster submitted; "
        f"{len(r.missing)} missing, {len(summary.versions.resubmitted())} resubmitted; "
        f"written to {folder}"
    )
