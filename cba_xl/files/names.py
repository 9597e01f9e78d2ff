"""The names office programs and cba-xl give to files beside a workbook, each defined once: the
lock file an open workbook has, the backup `cba-xl fill` keeps, and hidden files (cba-xl's own
half-written outputs among them). Folder scans skip them; writers look for them."""

from __future__ import annotations

import datetime as dt
import re
from pathlib import Path

EXCEL_LOCK_PREFIX = "~$"


def lock_file_names(path: Path) -> list[Path]:
    """Where the owner file of an open `path` would be.

    Excel names it `~$` + the name, but drops the first two characters of long names, so both
    spellings are looked for; LibreOffice names it `.~lock.NAME#`.
    """
    folder, name = path.parent, path.name
    candidates = [folder / f"{EXCEL_LOCK_PREFIX}{name}", folder / f".~lock.{name}#"]
    if len(name) > 2:
        candidates.insert(1, folder / f"{EXCEL_LOCK_PREFIX}{name[2:]}")
    return candidates


def is_lock_file(path: Path) -> bool:
    """Excel's owner file for an open workbook (`~$name.xlsx`), not a workbook. LibreOffice's
    (`.~lock.NAME#`) is a hidden file."""
    return path.name.startswith(EXCEL_LOCK_PREFIX)


def lock_file(path: Path) -> Path | None:
    """The owner file Excel (or LibreOffice) keeps beside a workbook it has open, if any."""
    for candidate in lock_file_names(path):
        if candidate.is_file():
            return candidate
    return None


_BACKUP = re.compile(r"\.backup-\d{8}-\d{6}(-\d+)?$")


def backup_name(path: Path, when: dt.datetime) -> Path:
    """`NAME.backup-YYYYMMDD-HHMMSS.xlsx`; a second one in the same second adds `-2`, `-3`."""
    return path.with_name(f"{path.stem}.backup-{when:%Y%m%d-%H%M%S}{path.suffix}")


def numbered(base: Path, n: int) -> Path:
    return base.with_name(f"{base.stem}-{n}{base.suffix}")


def is_backup(path: Path) -> bool:
    """The copy `cba-xl fill` keeps of a workbook it changed in place, not a new submission."""
    return bool(_BACKUP.search(path.stem))


def is_hidden(path: Path) -> bool:
    return path.name.startswith(".")


__all__ = [
    "backup_name",
    "is_backup",
    "is_hidden",
    "is_lock_file",
    "lock_file",
    "lock_file_names",
    "numbered",
]
