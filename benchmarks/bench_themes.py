"""Themes across free text for a cohort, against consolidating the same cohort.

Issue 12's goal: the themes of a 1,000-participant cohort take no longer than consolidating
it. Themes are timed in-process on the rows the workers produce (what `consolidate` feeds
them), for two cohorts: the sample generator's (realistic wording from phrase banks) and a worst
case, the stress workbook (every table full, long Polish, Greek and Bulgarian cells) with a word
of its own in every item of every participant, so that nothing repeats and every word is
measured for spelling slips. Consolidation runs `cba-xl consolidate` on the cached sample folder
(shared with bench_consolidate.py), end to end, themes included.

Run: .venv/bin/python benchmarks/bench_themes.py [--sizes 100,1000] [--worst 100] [--jobs 2]
"""

from __future__ import annotations

import argparse
import resource
import string
import subprocess
import sys
import tempfile
import time
from collections.abc import Iterator
from pathlib import Path

from bench_consolidate import CACHE, SEED, sample_folder

from cba_xl.api import write_homework
from cba_xl.cohort.extract import homework_rows
from cba_xl.cohort.record import Rows, Submission
from cba_xl.cohort.summary import CohortStats
from cba_xl.cohort.themes import SPELLING
from cba_xl.core.models import Homework
from cba_xl.sample import generate
from cba_xl.sample.stress import stress_homework


def _word(i: int) -> str:
    """A made-up word of eight letters per participant: 'baaaaaab' ..."""
    letters = []
    for _ in range(7):
        i, r = divmod(i, 26)
        letters.append(string.ascii_lowercase[r])
    return "b" + "".join(letters)


def _marked(i: int) -> Homework:
    """The stress homework with participant i's own word in every item themes look at."""
    hw = stress_homework()
    mark = _word(i)
    for canvas in (hw.canvas_current, hw.canvas_future):
        canvas.blocks = {k: [f"{v} {mark}" for v in items] for k, items in canvas.blocks.items()}
    for change in hw.changes:
        change.change += f" {mark}"
    for step in hw.plan:
        step.requirements += f" {mark}"
    for service in hw.services:
        service.service += f" {mark}"
        service.field += f" {mark}"
    return hw


def _worst_folder(n: int) -> Path:
    folder = CACHE / f"themes-worst-{n}"
    done = folder / ".complete"
    if not done.exists():
        print(f"  writing {n} stress workbooks to {folder} (cached for later runs) ...", flush=True)
        folder.mkdir(parents=True, exist_ok=True)
        for i in range(n):
            write_homework(folder / f"{i:05d}.xlsx", _marked(i), force=True)
        done.write_text("ok\n")
    return folder


def _generated(n: int) -> Iterator[Rows]:
    for hw in generate(n, SEED):
        yield homework_rows(hw)


def _worst(n: int) -> Iterator[Rows]:
    for i in range(n):
        yield homework_rows(_marked(i))


def _themes(cohort: Iterator[Rows]) -> tuple[float, float, int, int]:
    """Seconds for the themes of every area from rows already made (collecting the mentions
    as `CohortStats.add` does, then grouping), the mentions and the themes."""
    stats = CohortStats()
    wall = cpu = 0.0
    for i, rows in enumerate(cohort):
        sub = Submission(file=f"p{i}.xlsx")
        started, ticks = time.perf_counter(), time.process_time()
        stats._mentions(f"P{i}", sub, rows)  # what `add` does for the themes, per participant
        wall += time.perf_counter() - started
        cpu += time.process_time() - ticks
    started, ticks = time.perf_counter(), time.process_time()
    found = stats.themes()
    wall += time.perf_counter() - started
    cpu += time.process_time() - ticks
    return wall, cpu, len(stats.mentions), sum(len(t) for t in found.values())


def _consolidate(folder: Path, jobs: int) -> tuple[float, float]:
    """Wall seconds, and CPU seconds of the process and its workers."""
    before = resource.getrusage(resource.RUSAGE_CHILDREN)
    with tempfile.TemporaryDirectory() as tmp:
        started = time.perf_counter()
        subprocess.run(
            [sys.executable, "-m", "cba_xl", "consolidate", str(folder),
             "-o", str(Path(tmp) / "c.xlsx"), "--jobs", str(jobs)],
            check=False, stdout=subprocess.DEVNULL,
        )  # fmt: skip
        wall = time.perf_counter() - started
    after = resource.getrusage(resource.RUSAGE_CHILDREN)
    cpu = (after.ru_utime + after.ru_stime) - (before.ru_utime + before.ru_stime)
    return wall, cpu


def main() -> int:
    parser = argparse.ArgumentParser()
    parser.add_argument("--sizes", default="100,1000")
    parser.add_argument("--worst", default="100", help="sizes of the worst-case cohort")
    parser.add_argument("--jobs", type=int, default=2)
    args = parser.parse_args()
    print(f"themes: {SPELLING}")
    failed = False
    cohorts = [("generated", int(n), sample_folder, _generated) for n in args.sizes.split(",")]
    cohorts += [("worst case", int(n), _worst_folder, _worst) for n in args.worst.split(",")]
    for name, n, folder, rows in cohorts:
        cohort, cohort_cpu = _consolidate(folder(n), args.jobs)
        seconds, cpu, mentions, themes = _themes(rows(n))
        ok = seconds <= cohort
        failed |= not ok
        print(
            f"{n:>6} participants, {name}: themes {seconds:.2f} s (CPU {cpu:.2f} s; "
            f"{mentions:,} items in {themes:,} themes), consolidate {cohort:.2f} s (CPU "
            f"{cohort_cpu:.2f} s): {'ok' if ok else 'SLOWER THAN CONSOLIDATE'}"
        )
    return 1 if failed else 0


if __name__ == "__main__":
    sys.exit(main())
