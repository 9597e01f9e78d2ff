"""Finding the submitted files and reading them in parallel worker processes.

Workers read and check whole batches of files and send back compact Submission records (rows
packed and rendered as sheet XML, both compressed); the main process parks the rows in its spool
as they arrive, so its memory stays flat however many workbooks there are.
"""

from __future__ import annotations

import datetime as dt
import os
import signal
from collections.abc import Callable, Iterator, Sequence
from concurrent.futures import FIRST_COMPLETED, Future, ProcessPoolExecutor, wait
from concurrent.futures.process import BrokenProcessPool
from contextlib import contextmanager
from dataclasses import dataclass, field
from pathlib import Path

from cba_xl.cohort import workers as platform_workers
from cba_xl.cohort.extract import read_submission
from cba_xl.cohort.record import Submission
from cba_xl.cohort.tables import REJECTED
from cba_xl.errors import OutputRefused
from cba_xl.files import (
    COHORT_SKIP_REASON,
    find_workbooks,
    is_cohort_workbook,
)


@dataclass
class Found:
    workbooks: list[Path]
    skipped: list[tuple[Path, str]] = field(default_factory=list)  # lock and hidden files


def discover(inputs: Sequence[Path], *, exclude: Sequence[Path] = ()) -> Found:
    """Workbooks and other spreadsheet files under `inputs` (the workers say why one is not
    usable, in the words every command uses); lock files, backups and hidden files skipped."""
    skipped: list[tuple[Path, str]] = []
    paths = find_workbooks(
        inputs,
        skipped=skipped,
        detect_cohorts=False,  # the workers recognise earlier cohort workbooks (read_all)
    )
    outputs = {os.path.realpath(p) for p in exclude}
    found = Found([], skipped=skipped)
    for path in paths:
        if os.path.realpath(path) in outputs:
            if is_cohort_workbook(path):  # the last run's output: replaced, not read
                skipped.append((path, COHORT_SKIP_REASON))
                continue
            # A participant's workbook named as the output would be replaced: refuse.
            raise OutputRefused(
                path, "is one of the inputs, which are never replaced; name another output file"
            )
        found.workbooks.append(path)
    return found


def _read_batch(paths: list[Path], today: dt.date | None) -> list[Submission]:
    return [read_submission(p, today=today) for p in paths]


def default_jobs() -> int:
    return os.cpu_count() or 1


def read_all(
    paths: Sequence[Path],
    *,
    jobs: int | None = None,
    today: dt.date | None = None,
    advance: Callable[[int], None] = lambda n: None,
) -> Iterator[Submission]:
    """Every file read and checked, in the order they finish; `advance(n)` after each batch.

    A worker that dies (a crash in a native library on one odd file) takes only its batch
    down: those files are read again one by one, and a file that kills a worker again is
    reported as unreadable.
    """
    workers = max(1, jobs or default_jobs())
    if workers == 1 or len(paths) < 4 or not platform_workers.processes_available():
        for path in paths:
            yield read_submission(path, today=today)
            advance(1)
        return
    yield from _run_pool(batches(paths, workers), workers, today, advance)


def batches(paths: Sequence[Path], workers: int) -> list[list[Path]]:
    """The files in batches that shrink towards the end: big ones cut the per-task overhead,
    small last ones keep every worker busy until the end."""
    out: list[list[Path]] = []
    i = 0
    while i < len(paths):
        size = max(1, min(32, (len(paths) - i) // (workers * 4)))
        out.append(list(paths[i : i + size]))
        i += size
    return out


def _ignore_interrupts() -> None:
    # Ctrl-C reaches every process of the terminal's group: the workers leave it to the main
    # process, which stops them (`_stopped`), instead of each dying in the middle of the pool's
    # own bookkeeping, which can leave the main process waiting for them forever.
    signal.signal(signal.SIGINT, signal.SIG_IGN)


@contextmanager
def _pool(workers: int) -> Iterator[ProcessPoolExecutor]:
    """A process pool that is stopped at once, not drained, when the run is interrupted or
    fails: no worker goes on reading files nobody waits for."""
    pool = ProcessPoolExecutor(max_workers=workers, initializer=_ignore_interrupts)
    try:
        yield pool
    except BaseException:
        processes = list((getattr(pool, "_processes", None) or {}).values())
        pool.shutdown(wait=False, cancel_futures=True)
        for process in processes:
            process.terminate()
        for process in processes:
            process.join(5)
        raise
    pool.shutdown(wait=True)


def _run_pool(
    batches: list[list[Path]], workers: int, today: dt.date | None, advance: Callable[[int], None]
) -> Iterator[Submission]:
    retry: list[Path] = []
    with _pool(min(workers, len(batches))) as pool:
        pending: dict[Future[list[Submission]], list[Path]] = {}
        queue = iter(batches)
        # A bounded window of submitted batches keeps finished results from piling up.
        for batch in queue:
            pending[pool.submit(_read_batch, batch, today)] = batch
            if len(pending) >= workers * 4:
                break
        while pending:
            done, _ = wait(pending, return_when=FIRST_COMPLETED)
            for future in done:
                batch = pending.pop(future)
                try:
                    subs = future.result()
                except BrokenProcessPool:
                    retry.extend(batch)
                    continue
                yield from subs
                advance(len(batch))
                nxt = next(queue, None)
                if nxt is not None:
                    try:
                        pending[pool.submit(_read_batch, nxt, today)] = nxt
                    except BrokenProcessPool:
                        retry.extend(nxt)
        retry.extend(p for batch in queue for p in batch)
    for path in retry:
        yield _isolated(path, today)
        advance(1)


def _isolated(path: Path, today: dt.date | None) -> Submission:
    """One file in a process of its own, so a crash while reading it hurts nobody else."""
    try:
        with _pool(1) as pool:
            return pool.submit(read_submission, path, today=today).result()
    except BrokenProcessPool:
        return Submission(
            file=str(path),
            status=REJECTED,
            reason="could not be read (the reader crashed on it)",
            hint="open it in Excel, save it again and resubmit",
        )
