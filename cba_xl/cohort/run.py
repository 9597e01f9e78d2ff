"""`consolidate`: a folder of participants' workbooks to a cohort workbook (and deck).

Inputs are only ever opened for reading. Outputs are refused before any work when they exist
and `force` is not given, and are written all or none: each to a temporary file, then all
renamed into place (see `cba_xl.files.atomic.Outputs`).
"""

from __future__ import annotations

import datetime as dt
import os
import sys
import time
from collections import Counter
from collections.abc import Callable, Iterator, Sequence
from contextlib import contextmanager
from pathlib import Path

from cba_xl.cohort.collect import discover, read_all
from cba_xl.cohort.pitch import pitchers
from cba_xl.cohort.record import Submission
from cba_xl.cohort.resubmissions import Roster
from cba_xl.cohort.roster_file import ROSTER_SKIP_REASON, read_roster
from cba_xl.cohort.roster_match import match_roster
from cba_xl.cohort.spool import Spool
from cba_xl.cohort.summary import CohortStats, CohortSummary, Rejected
from cba_xl.cohort.versions import versions
from cba_xl.cohort.workbook_out import LISTS, CohortWorkbook
from cba_xl.core.rules.challenges import TIE_RULE
from cba_xl.core.rules.pitch import pitch_groups as make_pitch_groups
from cba_xl.core.rules.rooms import picked_count
from cba_xl.errors import CbaError
from cba_xl.files import COHORT_SKIP_REASON
from cba_xl.files.atomic import Outputs, check_output


def consolidate(
    inputs: Sequence[Path],
    out: Path,
    *,
    deck: Path | None = None,
    rooms: int = 5,
    seed: int = 0,
    force: bool = False,
    jobs: int | None = None,
    progress: bool = False,
    today: dt.date | None = None,
    roster: Path | None = None,
    rooms_by: str = "random",
    pitch_groups: int | None = None,
    session_decks: Path | None = None,
) -> CohortSummary:
    """Read, check and consolidate every workbook under `inputs` into `out` (and `deck`).

    Never raises for a bad input file: each is listed in the summary's `rejected`. Raises
    OutputRefused when an output exists and `force` is false, and RosterError when the
    `roster` CSV (name, e-mail, cluster) cannot be used, both before reading any workbook.
    """
    started = time.perf_counter()
    outputs = [out] if deck is None else [out, deck]
    sessions: list[Path] = []
    if session_decks is not None:
        # Imported only when asked: the slide builder needs python-pptx, which xlwings Lite's
        # Pyodide consolidation does without.
        from cba_xl.cohort.session_decks import NAMES as SESSION_NAMES

        sessions = [session_decks / name for name in SESSION_NAMES]
    if session_decks is not None and session_decks.exists() and not session_decks.is_dir():
        raise CbaError(f"{session_decks}: --session-decks must name a folder")
    for path in sessions:
        check_output(path, force=force)
    _check_outputs(outputs, deck, rooms, force=force, rooms_by=rooms_by, pitch_groups=pitch_groups)
    people = read_roster(roster) if roster is not None else None
    found = discover(inputs, exclude=outputs)
    if roster is not None:
        # A roster kept among the downloads is the trainer's list, not a rejected submission.
        own = os.path.realpath(roster)
        if any(os.path.realpath(p) == own for p in found.workbooks):
            found.workbooks = [p for p in found.workbooks if os.path.realpath(p) != own]
            found.skipped.append((roster, ROSTER_SKIP_REASON))

    # Holds every submission's rows between reading and writing; deleted on the way out.
    with Spool() as spool:
        by_participant = Roster()
        everyone: list[Submission] = []
        with _progress_bar(progress, len(found.workbooks), "reading workbooks") as advance:
            for sub in read_all(found.workbooks, jobs=jobs, today=today, advance=advance):
                if not sub.usable and sub.reason == COHORT_SKIP_REASON:
                    found.skipped.append((Path(sub.file), sub.reason))  # an earlier output
                    continue
                spool.park(sub)  # the rows wait on disk until the workbook is written
                everyone.append(sub)
                if sub.usable:
                    by_participant.add(sub)

        duplicates = by_participant.duplicates()
        kept = by_participant.kept()
        summary = CohortSummary(
            files=len(everyone),
            participants=len(kept),
            with_errors=sum(s.status == "errors" for s in kept),
            rejected=[
                Rejected(Path(s.file), s.reason, s.hint)
                for s in sorted(everyone, key=lambda s: s.file)
                if not s.usable
            ],
            duplicates=[(Path(k.file), Path(d.file)) for k, d in duplicates],
            skipped=list(found.skipped),
            tie_rule=TIE_RULE,
        )
        superseded_by = {d.file: k.file for k, d in duplicates}
        if roster is not None and people is not None:
            summary.roster = match_roster(roster, people, everyone, superseded_by)
        totals: Counter[str] = Counter()
        for s in kept:
            totals.update(s.findings)
        summary.findings = {key: totals.get(key, 0) for key in ("error", "warning", "info")}
        if not kept:
            summary.seconds = time.perf_counter() - started
            return summary

        stats = CohortStats()
        made = dt.datetime.now().replace(microsecond=0)
        labelled = list(zip(participant_labels(kept), kept, strict=True))
        older: dict[str, list[Submission]] = {}
        for k, d in duplicates:
            older.setdefault(k.file, []).append(d)
        summary.versions = versions(labelled, older, today=today)

        def write_book(tmp: Path) -> None:
            counts: Counter[str] = Counter()
            for s in kept:
                counts.update(s.counts)
            book = CohortWorkbook(tmp, dict(counts))
            for label, sub in labelled:
                stats.add(label, sub, spool.rows(sub))
            summary.rooms = stats.rooms(rooms, seed, by=rooms_by)
            summary.rooms_by = rooms_by
            summary.in_picked_room = picked_count(summary.rooms, stats.ranked())
            if pitch_groups is not None:
                summary.pitch_size = pitch_groups
                summary.pitch = make_pitch_groups(pitchers(stats), pitch_groups)
            book.finish(
                stats, everyone, superseded_by, found.skipped,
                roster=summary.roster, rooms=summary.rooms, n_rooms=rooms, seed=seed, made=made,
                rooms_by=rooms_by, pitch=summary.pitch, pitch_size=summary.pitch_size,
                kept=labelled, rendered=spool.sheet, versions=summary.versions,
                advance=written,
            )  # fmt: skip

        lists = len(LISTS)
        # Both outputs are staged first and moved into place together: a run that fails or is
        # interrupted while making the deck leaves no cohort workbook without its deck behind.
        with Outputs(force=force) as staged:
            with _progress_bar(
                progress, len(kept) * lists, "writing the cohort workbook"
            ) as written:
                staged.stage(out, write_book)
            top = stats.top(rooms)
            summary.top, summary.tie_decided = top.names, top.tie_decided
            if deck is not None:
                from cba_xl.cohort.deck_out import write_deck

                staged.stage(
                    deck, lambda tmp: write_deck(tmp, stats, summary, seed=seed, made=made)
                )
            if session_decks is not None:
                _stage_sessions(staged, session_decks, labelled, summary, made, today)
            summary.outputs = staged.commit()
        summary.seconds = time.perf_counter() - started
        return summary


ROOMS_BY = ("random", "preference")


def _stage_sessions(
    staged: Outputs,
    folder: Path,
    labelled: Sequence[tuple[str, Submission]],
    summary: CohortSummary,
    made: dt.datetime,
    today: dt.date | None,
) -> None:
    """The three days' decks, staged with the cohort's other outputs (all or none)."""
    from cba_xl.cohort import session_decks as sd

    people = sd.read_participants(sorted(labelled, key=lambda pair: pair[0].casefold()), today)
    folder.mkdir(parents=True, exist_ok=True)
    staged.stage(folder / sd.DAY1, lambda tmp: sd.day1(tmp, people, made))
    staged.stage(folder / sd.DAY2, lambda tmp: sd.day2(tmp, people, made))
    staged.stage(folder / sd.DAY3, lambda tmp: sd.day3(tmp, people, summary.pitch, made))


def _check_outputs(
    outputs: list[Path],
    deck: Path | None,
    rooms: int,
    *,
    force: bool,
    rooms_by: str = "random",
    pitch_groups: int | None = None,
) -> None:
    if rooms < 1:
        raise CbaError(f"--rooms must be at least 1, got {rooms}")
    if pitch_groups is not None and pitch_groups < 1:
        raise CbaError(f"--pitch-groups must be at least 1, got {pitch_groups}")
    if rooms_by not in ROOMS_BY:
        raise CbaError(f"--rooms-by must be one of {', '.join(ROOMS_BY)}, got {rooms_by!r}")
    if out_suffix(outputs[0]) != ".xlsx":
        raise CbaError(f"{outputs[0]}: the cohort workbook must be an .xlsx file")
    if deck is not None and out_suffix(deck) != ".pptx":
        raise CbaError(f"{deck}: the cohort deck must be a .pptx file")
    for path in outputs:
        check_output(path, force=force)


def out_suffix(path: Path) -> str:
    return path.suffix.lower()


def participant_labels(kept: Sequence[Submission]) -> list[str]:
    """What the cohort calls each participant: the cluster name, told apart when two clusters
    share a name (by e-mail, then by file name); the file name when the name is missing."""
    base = [s.cluster.strip() or Path(s.file).stem for s in kept]
    seen = Counter(base)
    labels = [
        f"{b} ({s.email or Path(s.file).name})" if seen[b] > 1 else b
        for b, s in zip(base, kept, strict=True)
    ]
    again = Counter(labels)
    return [
        f"{label} ({Path(s.file).name})" if again[label] > 1 else label
        for label, s in zip(labels, kept, strict=True)
    ]


@contextmanager
def _progress_bar(wanted: bool, total: int, what: str) -> Iterator[Callable[[int], None]]:
    """A progress bar on stderr when both output streams are a terminal; silent otherwise."""
    if not (wanted and total and sys.stderr.isatty() and sys.stdout.isatty()):
        yield lambda n: None
        return
    from rich.console import Console
    from rich.progress import BarColumn, MofNCompleteColumn, Progress, TimeRemainingColumn

    # No refresh thread: the bar redraws when a batch arrives, and worker processes are never
    # forked while a thread holds the console.
    bar = Progress(
        "[progress.description]{task.description}",
        BarColumn(),
        MofNCompleteColumn(),
        TimeRemainingColumn(),
        console=Console(stderr=True),
        transient=True,
        auto_refresh=False,
    )
    with bar:
        task = bar.add_task(what, total=total)

        def advance(n: int) -> None:
            bar.advance(task, n)
            bar.refresh()

        yield advance
