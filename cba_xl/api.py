"""The small public Python API. The CLI and the Excel add-in are thin layers over it."""

from __future__ import annotations

import datetime as dt
from collections.abc import Sequence
from pathlib import Path
from typing import TYPE_CHECKING

from cba_xl.core.models import Homework
from cba_xl.workbook_check import CheckResult, check, check_many, read

if TYPE_CHECKING:
    import pandas as pd

    from cba_xl.cohort import CohortSummary
    from cba_xl.excel.upgrade import UpgradeResult
    from cba_xl.files.atomic import Outputs

__all__ = [
    "CheckResult",
    "build_templates",
    "check",
    "check_many",
    "cohort_frames",
    "consolidate",
    "exit_code",
    "fill",
    "make_deck",
    "make_preread",
    "new_workbook",
    "read",
    "upgrade",
    "write_homework",
]


def new_workbook(
    path: Path,
    *,
    cluster: str | None = None,
    force: bool = False,
    macro_enabled: bool | None = None,
) -> Path:
    """A fresh participant workbook from the template specification."""
    from cba_xl.excel.builder import build_workbook
    from cba_xl.files.atomic import write_atomically

    macro = path.suffix.lower() == ".xlsm" if macro_enabled is None else macro_enabled
    if macro:
        from cba_xl.excel.build_xlsm import build_addin_workbook

        return write_atomically(
            path, lambda tmp: build_addin_workbook(tmp, cluster_name=cluster), force=force
        )
    return write_atomically(
        path, lambda tmp: build_workbook(tmp, cluster_name=cluster), force=force
    )


def write_homework(
    path: Path, homework: Homework, *, force: bool = False, saved: dt.datetime | None = None
) -> Path:
    """A participant workbook holding `homework` (sample data, tests, benchmarks); `saved` is
    the time its document properties say it was last saved (a fixed time when None)."""
    from cba_xl.excel.builder import build_workbook
    from cba_xl.files.atomic import write_atomically

    return write_atomically(
        path, lambda tmp: build_workbook(tmp, homework, saved=saved), force=force
    )


def fill(path: Path, out: Path | None = None, *, force: bool = False) -> Path:
    """Write derived values into a workbook (in place only with a backup beside it)."""
    from cba_xl.excel.filler import fill_workbook

    return fill_workbook(path, out, force=force).out


def upgrade(old: Path, new: Path, *, force: bool = False) -> UpgradeResult:
    """`old`'s homework, made with an older template version, in a new workbook of the current
    version at `new`, without losing a value: what has no place in the new template is listed on
    its "Upgrade notes" sheet and in `result.notes`. `old` is only read. A workbook already of the
    current version gives `result.current` and writes nothing; a newer or unusable one raises
    `UnusableWorkbook`, an existing `new` without `force` `OutputRefused`."""
    from cba_xl.excel.upgrade import upgrade_workbook

    return upgrade_workbook(old, new, force=force)


def make_deck(
    path: Path,
    out: Path | None = None,
    *,
    force: bool = False,
    template: Path | None = None,
    exemplary: bool = False,
    today: dt.date | None = None,
    outputs: Outputs | None = None,
) -> tuple[Path, CheckResult]:
    """A deck in the academy format for one workbook; a workbook with errors still gets one.

    With `outputs` the deck is only staged there, to be moved into place with the run's other
    outputs by `outputs.commit()` (all or none)."""
    from cba_xl.files.atomic import check_output, write_atomically
    from cba_xl.slides import build_deck

    result = check(path, today=today)
    if result.unusable is not None:
        raise result.unusable
    homework = result.homework
    assert homework is not None
    target = out or path.with_suffix(".pptx")
    check_output(target, force=force, suffixes=(".pptx",), inputs=(path,))

    def build(tmp: Path) -> None:
        build_deck(
            homework,
            result.findings,
            tmp,
            template=template,
            source_date=today,
            exemplary=exemplary,
        )

    if outputs is None:
        write_atomically(target, build, force=force)
    else:
        outputs.stage(target, build)
    return target, result


def build_templates(root: Path) -> list[Path]:
    """Rebuild every generated file under workbook/ and templates/ from code."""
    from cba_xl.excel.build_xlsm import build_xlsm
    from cba_xl.excel.builder import build_templates as build_workbooks
    from cba_xl.slides.master import build_master

    written = list(build_workbooks(root))
    written.append(build_xlsm(root))
    written.append(build_master(root / "templates" / "academy.pptx"))
    return written


def exit_code(results: Sequence[CheckResult]) -> int:
    """The exit code every command gives for a set of files, as `consolidate` does: 2 when no
    file could be used at all, 1 when some are unusable or have errors, else 0."""
    if not results or all(r.unusable is not None for r in results):
        return 2
    if any(r.status != "ok" for r in results):
        return 1
    return 0


def consolidate(
    inputs: Sequence[Path],
    out: Path,
    *,
    deck: Path | None = None,
    rooms: int = 5,
    seed: int = 0,
    force: bool = False,
    jobs: int | None = None,
    roster: Path | None = None,
    rooms_by: str = "random",
    pitch_groups: int | None = None,
    session_decks: Path | None = None,
) -> CohortSummary:
    """A folder (or list) of participants' workbooks into a cohort workbook and deck; with
    `roster` (a CSV of name, e-mail, cluster), `summary.roster` says who has not submitted.
    `rooms_by="preference"` seats people in rooms they picked; `pitch_groups=N` forms the
    Day-3 pitch groups; `session_decks=DIR` writes the three days' decks there."""
    from cba_xl.cohort import consolidate as run

    return run(
        inputs,
        out,
        deck=deck,
        rooms=rooms,
        seed=seed,
        force=force,
        jobs=jobs,
        roster=roster,
        rooms_by=rooms_by,
        pitch_groups=pitch_groups,
        session_decks=session_decks,
    )


def cohort_frames(
    paths: Sequence[Path | str], *, jobs: int | None = None
) -> dict[str, pd.DataFrame]:
    """The cohort's lists as pandas DataFrames (tidy long form, with the provenance columns
    file, SHA-256, sheet and cell), by list key, plus 'themes'. Needs the optional extra
    `pip install 'cba-xl[pandas]'`; without it, a CbaError says so."""
    from cba_xl.cohort.frames import cohort_frames as frames

    return frames(paths, jobs=jobs)


def make_preread(
    path: Path,
    out: Path,
    *,
    previous: Path | None = None,
    force: bool = False,
    template: Path | None = None,
    today: dt.date | None = None,
) -> tuple[Path, CheckResult]:
    """The coaching pre-read for one workbook: profile and top changes, the plan's schedule
    and status, the open findings, questions for the call and, given the `previous`
    submission, what changed since. An unusable workbook or previous version raises
    `UnusableWorkbook` before anything is written."""
    from cba_xl.files.atomic import check_output, write_atomically
    from cba_xl.slides.coach import build_preread

    result = check(path, today=today)
    if result.unusable is not None:
        raise result.unusable
    assert result.homework is not None
    before = None
    if previous is not None:
        old = check(previous, today=today)
        if old.unusable is not None:
            raise old.unusable
        assert old.homework is not None
        before = (old.homework, old.findings)
    inputs = (path,) if previous is None else (path, previous)
    check_output(out, force=force, suffixes=(".pptx",), inputs=inputs)
    homework = result.homework

    def build(tmp: Path) -> None:
        build_preread(
            homework, result.findings, tmp, previous=before, template=template, source_date=today
        )

    write_atomically(out, build, force=force)
    return out, result
