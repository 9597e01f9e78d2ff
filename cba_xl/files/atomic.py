"""Writing outputs safely: never half a file, never over a file the user did not give up, never
under Excel's feet. Every command that writes a file goes through `write_atomically`."""

from __future__ import annotations

import datetime as dt
import errno
import os
import shutil
import tempfile
from collections.abc import Callable, Iterable
from pathlib import Path

from cba_xl.errors import CbaError, OutputRefused
from cba_xl.files.names import backup_name, lock_file, numbered


def refuse_if_open(path: Path) -> None:
    """OutputRefused while an office program has `path` open: writing now would lose their edits
    or fail halfway on Windows."""
    lock = lock_file(path)
    if lock is None:
        return
    program = "LibreOffice" if lock.name.startswith(".~lock.") else "Excel"
    raise OutputRefused(
        path, f"is open in {program} (lock file {lock.name}): close it and try again"
    )


def check_output(
    target: Path,
    *,
    force: bool,
    suffixes: tuple[str, ...] = (),
    inputs: Iterable[Path] = (),
) -> None:
    """Refuse an output before any work is done: a wrong kind of file, one of the inputs (never
    replaced, not even with --force), a folder, an existing file without --force, or a file an
    office program has open."""
    if suffixes and target.suffix.lower() not in suffixes:
        raise OutputRefused(target, f"the output must be a {' or '.join(suffixes)} file")
    real = os.path.realpath(target)
    if any(os.path.realpath(p) == real for p in inputs):
        raise OutputRefused(
            target, "is one of the inputs, which are never replaced; name another output file"
        )
    if target.is_dir():
        raise OutputRefused(target, "is a folder; give a file name")
    if target.exists():
        if not force:
            raise OutputRefused(target, "exists; use --force to replace it")
        refuse_if_open(target)


def write_atomically(target: Path, write: Callable[[Path], object], *, force: bool) -> Path:
    """Call `write` with a temporary path beside `target`, then move the result into place.

    The temporary file sits in the same folder so the final move is atomic: readers see the old
    file or the new one, never half of one. It is removed if `write` fails or is interrupted.
    Without `force` the target is created exclusively, so of two runs racing for the same name
    only one wins; the other is refused and its work is thrown away.
    """
    with Outputs(force=force) as outputs:
        outputs.stage(target, write)
        return outputs.commit()[0]


class Outputs:
    """The outputs of one run, written all or none.

    `stage` writes each output to its temporary file; `commit` moves them all into place once
    every one was written. If anything fails or the run is interrupted (KeyboardInterrupt) before
    `commit` has finished, the temporary files are removed and outputs already moved into place
    are taken back (a replaced file gets its old content back), so a re-run finds what was there
    before. Use it as a context manager: leaving it without `commit` discards everything.
    """

    def __init__(self, *, force: bool) -> None:
        self.force = force
        self._staged: list[tuple[Path, Path]] = []  # (temporary, target)

    def __enter__(self) -> Outputs:
        return self

    def __exit__(self, *exc: object) -> None:
        self.discard()

    def stage(self, target: Path, write: Callable[[Path], object]) -> Path:
        """Write one output to a temporary file beside `target`; the path written is returned."""
        check_output(target, force=self.force)
        if any(t == target for _, t in self._staged):
            raise OutputRefused(target, "is named twice as an output; give each its own name")
        try:
            target.parent.mkdir(parents=True, exist_ok=True)
            # A dot name keeps the half-written file out of folder scans and Excel's recent
            # list; the real suffix keeps writers that look at it (xlsx vs xlsm) happy.
            fd, name = tempfile.mkstemp(
                prefix=f".{target.stem}.", suffix=target.suffix, dir=target.parent
            )
        except OSError as exc:
            raise _not_written(target, exc) from exc
        os.close(fd)
        tmp = Path(name)
        self._staged.append((tmp, target))
        try:
            write(tmp)
            if tmp.stat().st_size == 0:
                raise OutputRefused(target, "nothing was written; the original was left alone")
            _set_mode(tmp, target)
        except OSError as exc:
            self.discard()
            raise _not_written(target, exc) from exc
        except CbaError as problem:
            self.discard()
            # A writer's own message may name the file it was given: the user never saw that
            # hidden name, only the output they asked for.
            problem.message = problem.message.replace(str(tmp), str(target))
            problem.args = (problem.message,)
            raise
        except BaseException:
            self.discard()
            raise
        return tmp

    def commit(self) -> list[Path]:
        """Move every staged output into place; all of them, or none if one cannot be."""
        placed: list[tuple[Path, Path | None]] = []  # (target, the old content kept aside)
        try:
            for tmp, target in self._staged:
                placed.append((target, _place(tmp, target, force=self.force)))
        except BaseException:
            for target, old in reversed(placed):
                _take_back(target, old)
            self.discard()
            raise
        for _, old in placed:
            if old is not None:
                old.unlink(missing_ok=True)
        targets = [target for _, target in self._staged]
        self._staged = []
        return targets

    def discard(self) -> None:
        for tmp, _ in self._staged:
            tmp.unlink(missing_ok=True)
        self._staged = []


def _place(tmp: Path, target: Path, *, force: bool) -> Path | None:
    """Move `tmp` to `target`. Without `force` the target must not exist at that very moment
    (another run may have made it since `check_output` looked). With `force` an existing target
    is replaced, and its old content kept aside under a hidden name (returned) until the run
    commits, so a failure later can put it back."""
    if force:
        refuse_if_open(target)
        old = _keep_aside(target)
        try:
            os.replace(tmp, target)
        except PermissionError as exc:
            if old is not None:
                old.unlink(missing_ok=True)
            raise OutputRefused(
                target, "cannot be replaced (open in another program?): close it and try again"
            ) from exc
        return old
    try:
        # A hard link fails if the name exists, atomically: the no-overwrite promise holds
        # even against another run finishing at the same moment.
        _hard_link(tmp, target)
    except FileExistsError as exc:
        raise _taken(target) from exc
    except OSError:
        # No hard links here (FAT, some network shares): claim the name with an exclusive
        # empty file first, then move the content over it.
        try:
            os.close(os.open(target, os.O_CREAT | os.O_EXCL | os.O_WRONLY, 0o666))
        except FileExistsError as exc:
            raise _taken(target) from exc
        os.replace(tmp, target)
        return None
    tmp.unlink()
    return None


def _hard_link(src: Path, dst: Path) -> None:
    """os.link, or OSError where Python has none (Pyodide, so xlwings Lite)."""
    link = getattr(os, "link", None)
    if link is None:
        raise OSError(errno.ENOSYS, "no hard links on this platform")
    link(src, dst)


def _keep_aside(target: Path) -> Path | None:
    if not target.exists():
        return None
    aside = target.with_name(f".{target.name}.old-{os.getpid()}-{id(target):x}")
    try:
        _hard_link(target, aside)
    except OSError:
        return None  # not restorable on this file system; replacing still works
    return aside


def _take_back(target: Path, old: Path | None) -> None:
    if old is not None:
        os.replace(old, target)
    else:
        target.unlink(missing_ok=True)


def _taken(target: Path) -> OutputRefused:
    return OutputRefused(
        target,
        "was created by another program or run while this one worked; it was left alone and "
        "nothing was written: use --force to replace it",
    )


def _not_written(target: Path, exc: OSError) -> OutputRefused:
    if exc.errno == errno.ENOSPC:
        advice = "free some disk space and run again"
    elif exc.errno in (errno.EACCES, errno.EPERM, errno.EROFS):
        advice = f"check that you may write into {target.parent}, or choose another output"
    else:
        advice = "check the folder and run again"
    return OutputRefused(
        target, f"could not be written ({exc.strerror or exc}); nothing was written: {advice}"
    )


def _set_mode(tmp: Path, target: Path) -> None:
    # mkstemp makes the file private (0600); the output should look like any file the user saves.
    if target.exists():
        mode = target.stat().st_mode & 0o777
    else:
        umask = os.umask(0)
        os.umask(umask)
        mode = 0o666 & ~umask
    os.chmod(tmp, mode)


def backup_copy(path: Path, *, now: dt.datetime | None = None) -> Path:
    """A copy of `path` beside it, `NAME.backup-YYYYMMDD-HHMMSS.xlsx`; an existing backup is never
    overwritten (a second one in the same second gets `-2`, `-3`, ...)."""
    base = backup_name(path, now or dt.datetime.now())
    candidate, n = base, 1
    while True:
        try:
            # "x" fails if the name exists, so two runs cannot both claim the same backup name.
            dst = candidate.open("xb")
        except FileExistsError:
            n += 1
            candidate = numbered(base, n)
            continue
        try:
            with dst, path.open("rb") as src:
                shutil.copyfileobj(src, dst)
            shutil.copystat(path, candidate)
        except BaseException:
            candidate.unlink(missing_ok=True)
            raise
        return candidate


__all__ = [
    "Outputs",
    "backup_copy",
    "check_output",
    "refuse_if_open",
    "write_atomically",
]
