"""Writing outputs: all or nothing, never over a file the user did not give up."""

from __future__ import annotations

import datetime as dt
import os
from pathlib import Path

import pytest

from cba_xl.errors import OutputRefused
from cba_xl.excel.atomic import backup_copy, write_atomically


def write_text(text: str):  # type: ignore[no-untyped-def]
    return lambda tmp: tmp.write_text(text)


def test_writes_through_a_temporary_file_in_the_same_folder(tmp_path: Path):
    target = tmp_path / "out" / "deck.xlsx"
    seen: list[Path] = []

    def write(tmp: Path) -> None:
        seen.append(tmp)
        tmp.write_text("new")

    assert write_atomically(target, write, force=False) == target
    assert target.read_text() == "new"
    assert seen[0].parent == target.parent
    assert seen[0].suffix == ".xlsx"
    assert not seen[0].exists()
    umask = os.umask(0)
    os.umask(umask)
    assert target.stat().st_mode & 0o777 == 0o666 & ~umask


def test_an_existing_file_is_replaced_only_with_force(tmp_path: Path):
    target = tmp_path / "out.xlsx"
    target.write_text("old")
    with pytest.raises(OutputRefused, match="exists; use --force to replace it"):
        write_atomically(target, write_text("new"), force=False)
    assert target.read_text() == "old"
    write_atomically(target, write_text("new"), force=True)
    assert target.read_text() == "new"


def test_a_failed_write_leaves_the_old_file_and_no_temporary(tmp_path: Path):
    target = tmp_path / "out.xlsx"
    target.write_text("old")

    def broken(tmp: Path) -> None:
        tmp.write_text("half")
        raise RuntimeError("disk full")

    with pytest.raises(RuntimeError):
        write_atomically(target, broken, force=True)
    assert target.read_text() == "old"
    assert sorted(p.name for p in tmp_path.iterdir()) == ["out.xlsx"]


def test_nothing_written_is_refused(tmp_path: Path):
    target = tmp_path / "out.xlsx"
    target.write_text("old")
    with pytest.raises(OutputRefused, match="nothing was written"):
        write_atomically(target, lambda tmp: None, force=True)
    assert target.read_text() == "old"


def test_a_file_open_in_excel_is_not_replaced(tmp_path: Path):
    target = tmp_path / "out.xlsx"
    target.write_text("old")
    (tmp_path / "~$out.xlsx").write_text("owner")
    with pytest.raises(OutputRefused, match="is open in Excel"):
        write_atomically(target, write_text("new"), force=True)
    assert target.read_text() == "old"


def test_backups_are_named_by_time_and_never_overwritten(tmp_path: Path):
    book = tmp_path / "Homework.xlsm"
    book.write_bytes(b"v1")
    when = dt.datetime(2025, 3, 1, 9, 30, 5)
    first = backup_copy(book, now=when)
    assert first.name == "Homework.backup-20250301-093005.xlsm"
    book.write_bytes(b"v2")
    second = backup_copy(book, now=when)
    assert second.name == "Homework.backup-20250301-093005-2.xlsm"
    assert (first.read_bytes(), second.read_bytes()) == (b"v1", b"v2")
