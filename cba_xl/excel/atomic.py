"""Writing outputs safely: never half a file, never over a file the user did not give up, never
under Excel's feet. Every command that writes a file goes through `write_atomically`."""

from __future__ import annotations

import datetime as dt
import os
import shutil
import tempfile
from collections.abc import Callable, Iterable
from pathlib import Path

from cba_xl.errors import OutputRefused


def lock_file(path: Path) -> Path | None:
    """The owner file Excel (or LibreOffice) keeps beside a workbook it has open, if any.

    Excel names it `~$` + the name, but drops the first two characters of long names, so both
    spellings are looked for; LibreOffice names it `.~lock.NAME#`.
    """
    folder, name = path.parent, path.name
    candidates = [folder / f"~${name}", folder / f".~lock.{name}#"]
    if len(name) > 2:
        candidates.insert(1, folder / f"~${name[2:]}")
    for candidate in candidates:
        if candidate.is_file():
            return candidate
    return None


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

    The temporary file sits in the same folder so the final `os.replace` is atomic: readers see
    the old file or the new one, never half of one. It is removed if `write` fails.
    """
    check_output(target, force=force)
    target.parent.mkdir(parents=True, exist_ok=True)
    # A dot name keeps the half-written file out of folder scans and Excel's recent list; the
    # real suffix keeps writers that look at it (xlsx vs xlsm) happy.
    fd, name = tempfile.mkstemp(prefix=f".{target.stem}.", suffix=target.suffix, dir=target.parent)
    os.close(fd)
    tmp = Path(name)
    try:
        write(tmp)
        if tmp.stat().st_size == 0:
            raise OutputRefused(target, "nothing was written; the original was left alone")
        _set_mode(tmp, target)
        try:
            os.replace(tmp, target)
        except PermissionError as exc:
            raise OutputRefused(
                target, "cannot be replaced (open in another program?): close it and try again"
            ) from exc
    except BaseException:
        tmp.unlink(missing_ok=True)
        raise
    return target


def _set_mode(tmp: Path, target: Path) -> None:
    # mkstemp makes the file private (0600); the output should look like any file the user saves.
    if target.exists():
        mode = target.stat().st_mode & 0o777
    else:
        umask = os.umask(0)
        os.umask(umask)
        mode = 0o666 & ~umask
    os.chmod(tmp, mode)


def backup_name(path: Path, when: dt.datetime) -> Path:
    return path.with_name(f"{path.stem}.backup-{when:%Y%m%d-%H%M%S}{path.suffix}")


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
            candidate = base.with_name(f"{base.stem}-{n}{base.suffix}")
            continue
        try:
            with dst, path.open("rb") as src:
                shutil.copyfileobj(src, dst)
            shutil.copystat(path, candidate)
        except BaseException:
            candidate.unlink(missing_ok=True)
            raise
        return candidate


__all__ = ["backup_copy", "backup_name", "lock_file", "refuse_if_open", "write_atomically"]
