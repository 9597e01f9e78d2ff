"""Which files count as submissions when a trainer points cba-xl at a folder."""

from __future__ import annotations

import os
from pathlib import Path

from cba_xl.files import find_workbooks


def test_folder_search_skips_locks_backups_hidden_and_loops(tmp_path: Path) -> None:
    for name in (
        "a.xlsx",
        "sub/b.xlsm",
        "~$a.xlsx",
        "a.backup-20261124-101500.xlsx",
        "a.backup-20261124-101500-2.xlsx",
        ".hidden.xlsx",
        "notes.txt",
    ):
        (tmp_path / name).parent.mkdir(parents=True, exist_ok=True)
        (tmp_path / name).write_bytes(b"x")
    os.symlink(tmp_path, tmp_path / "sub" / "loop")
    skipped: list[tuple[Path, str]] = []
    found = find_workbooks([tmp_path], skipped=skipped)
    assert [p.relative_to(tmp_path).as_posix() for p in found] == ["a.xlsx", "sub/b.xlsm"]
    reasons = {p.name: why for p, why in skipped}
    assert reasons["~$a.xlsx"].startswith("Excel lock file")
    assert reasons["a.backup-20261124-101500.xlsx"] == "backup copy made by cba-xl fill"
    assert reasons["a.backup-20261124-101500-2.xlsx"] == "backup copy made by cba-xl fill"
    assert reasons[".hidden.xlsx"] == "hidden file"


def test_a_backup_named_on_the_command_line_is_still_read(tmp_path: Path) -> None:
    backup = tmp_path / "a.backup-20261124-101500.xlsx"
    backup.write_bytes(b"x")
    assert find_workbooks([backup]) == [backup]
