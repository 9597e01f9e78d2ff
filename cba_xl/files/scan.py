"""Finding participants' workbooks on disk the way trainers collect them: folders of downloads."""

from __future__ import annotations

import hashlib
import os
import zipfile
from collections.abc import Iterable, Iterator
from pathlib import Path

from cba_xl.errors import CbaError
from cba_xl.files.names import is_backup, is_hidden, is_lock_file

WORKBOOK_SUFFIXES = (".xlsx", ".xlsm")
# Spreadsheets a participant may have sent instead of the workbook. Folder scans find them too,
# so every command can say why each one is not usable (`cba_xl.excel.opening.inspect_file`
# names the reason from the file's content, the same words in every command).
OTHER_SPREADSHEETS = (".xls", ".xlsb", ".ods", ".numbers", ".csv")
SCANNED_SUFFIXES = (*WORKBOOK_SUFFIXES, *OTHER_SPREADSHEETS)


# Written into the cohort workbook's custom document properties, so a later scan of the same
# folder knows it is cba-xl's own output and not a participant's submission.
COHORT_PROPERTY = "cba-xl output"
COHORT_VALUE = "cohort workbook"
COHORT_SKIP_REASON = "cohort workbook made by cba-xl consolidate"


def is_cohort_workbook(path: Path) -> bool:
    """A cohort workbook `cba-xl consolidate` wrote (its custom property says so)."""
    from defusedxml import ElementTree

    try:
        with zipfile.ZipFile(path) as zf:
            info = zf.getinfo("docProps/custom.xml")
            if info.file_size > 65536:
                return False
            root = ElementTree.fromstring(zf.read(info))
    except (KeyError, OSError, zipfile.BadZipFile, ValueError, SyntaxError):
        return False
    for prop in root:
        if prop.get("name") == COHORT_PROPERTY:
            return any((child.text or "") == COHORT_VALUE for child in prop)
    return False


def find_workbooks(
    paths: Iterable[Path],
    *,
    suffixes: tuple[str, ...] = SCANNED_SUFFIXES,
    skipped: list[tuple[Path, str]] | None = None,
    detect_cohorts: bool = True,
) -> list[Path]:
    """Files named on the command line as given; folders searched recursively for workbooks and
    the other spreadsheet files a participant may have sent instead (`suffixes`).

    Skips Excel lock files, the backups `cba-xl fill` keeps, cohort workbooks cba-xl wrote, and
    hidden files and folders, and
    follows a symlinked folder only once, so a symlink loop cannot run forever. The result is
    sorted and has no duplicates.
    Pass a list as `skipped` to learn which files with those suffixes were skipped and why. With
    `detect_cohorts` off, cohort workbooks are left for the caller to recognise (consolidate
    does it in its worker processes, where the file is opened anyway).
    """
    found: dict[str, Path] = {}
    for path in paths:
        if path.is_dir():
            for file in _walk(path, suffixes, skipped, detect_cohorts):
                found.setdefault(os.path.realpath(file), file)
        elif path.exists() or path.is_symlink():
            found.setdefault(os.path.realpath(path), path)
        else:
            raise CbaError(f"{path}: no such file or folder")
    return sorted(found.values(), key=lambda p: str(p))


def _walk(
    root: Path,
    suffixes: tuple[str, ...],
    skipped: list[tuple[Path, str]] | None,
    detect_cohorts: bool,
) -> Iterator[Path]:
    seen: set[tuple[int, int]] = set()
    stack = [root]
    while stack:
        folder = stack.pop()
        try:
            stat = folder.stat()
        except OSError:
            continue
        if (stat.st_dev, stat.st_ino) in seen:
            continue
        seen.add((stat.st_dev, stat.st_ino))
        try:
            entries = sorted(os.scandir(folder), key=lambda e: e.name)
        except OSError:
            continue
        for entry in entries:
            path = Path(entry.path)
            workbook_named = path.suffix.lower() in suffixes
            if is_hidden(path):
                if skipped is not None and workbook_named:
                    skipped.append((path, "hidden file"))
                continue
            try:
                if entry.is_dir():
                    stack.append(path)
                elif entry.is_file() and workbook_named:
                    if is_lock_file(path):
                        if skipped is not None:
                            skipped.append(
                                (path, "Excel lock file (the workbook was open in Excel)")
                            )
                    elif is_backup(path):
                        if skipped is not None:
                            skipped.append((path, "backup copy made by cba-xl fill"))
                    elif detect_cohorts and is_cohort_workbook(path):
                        if skipped is not None:
                            skipped.append((path, COHORT_SKIP_REASON))
                    else:
                        yield path
            except OSError:
                continue


def sha256(path: Path) -> str:
    """The file's SHA-256, as the cohort workbook names each submission's content."""
    digest = hashlib.sha256()
    with path.open("rb") as fh:
        for chunk in iter(lambda: fh.read(1 << 20), b""):
            digest.update(chunk)
    return digest.hexdigest()


def nothing_found(paths: Iterable[Path], skipped: Iterable[tuple[Path, str]] = ()) -> CbaError:
    """The error of a scan that found no file to work on, the same words in every command."""
    where = ", ".join(str(p) for p in paths)
    count = sum(1 for _ in skipped)
    also = f" ({count} skipped: lock files, backups, hidden or cohort files)" if count else ""
    return CbaError(
        f"{where}: no .xlsx or .xlsm workbook found{also}: name the participants' workbooks "
        "or the folder that holds them"
    )
