"""File handling, in one place: finding participants' workbooks in folders (`scan`), the names
of lock files, backups and hidden files beside them (`names`), and writing outputs atomically
(`atomic`)."""

from __future__ import annotations

from cba_xl.files.atomic import (
    Outputs,
    backup_copy,
    check_output,
    refuse_if_open,
    write_atomically,
)
from cba_xl.files.names import backup_name, is_backup, is_hidden, is_lock_file, lock_file
from cba_xl.files.scan import (
    COHORT_PROPERTY,
    COHORT_SKIP_REASON,
    COHORT_VALUE,
    OTHER_SPREADSHEETS,
    SCANNED_SUFFIXES,
    WORKBOOK_SUFFIXES,
    find_workbooks,
    is_cohort_workbook,
    nothing_found,
    sha256,
)

__all__ = [
    "COHORT_PROPERTY",
    "COHORT_SKIP_REASON",
    "COHORT_VALUE",
    "OTHER_SPREADSHEETS",
    "SCANNED_SUFFIXES",
    "WORKBOOK_SUFFIXES",
    "Outputs",
    "backup_copy",
    "backup_name",
    "check_output",
    "find_workbooks",
    "is_backup",
    "is_cohort_workbook",
    "is_hidden",
    "is_lock_file",
    "lock_file",
    "nothing_found",
    "refuse_if_open",
    "sha256",
    "write_atomically",
]
