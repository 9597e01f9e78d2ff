"""Resubmissions: when one participant sent several workbooks, the cohort keeps the newest.

The rule (also printed on the cohort workbook's Participants and Summary sheets):

- Two files belong to the same participant when their cluster name and their manager e-mail are
  the same, ignoring case and spaces. A file with neither filled in is never a resubmission.
- Of such files the newest is kept, comparing first the time the workbook itself says it was
  last saved (Excel's "modified" document property, which survives downloads, copies and
  renaming), then the file's modification time on disk, then the path name: the path that
  sorts last wins (so "report v2.xlsx" beats "report v1.xlsx").
- A workbook without a saved time counts as older than one with a saved time.
- Every older file is reported as a duplicate (kept, dropped) and left out of the cohort.

The Roster applies the rule while results stream in, keeping one record per participant.
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Iterator
from dataclasses import dataclass, field
from typing import Final

from cba_xl.cohort.record import Submission

RULE: Final = (
    "Files with the same cluster name and manager e-mail (ignoring case and "
    "spaces) are one participant. The newest is kept: by the time the workbook was last saved "
    "(its document properties), then by the file's modification time, then by the path name "
    "(the one that sorts last). Older files are listed as superseded and left out."
)

_NEVER: Final = dt.datetime.min


def participant_key(cluster: str, email: str) -> tuple[str, str] | None:
    """Cluster name and e-mail without case or whitespace; None when both are empty."""
    key = ("".join(cluster.split()).casefold(), "".join(email.split()).casefold())
    return key if any(key) else None


def newness(sub: Submission) -> tuple[bool, dt.datetime, float, str]:
    """Sort key: a greater key is a newer submission."""
    saved = sub.saved
    return (saved is not None, saved or _NEVER, sub.mtime, sub.file)


@dataclass
class Roster:
    """Usable submissions by participant, the newest of each kept as they arrive."""

    _kept: dict[object, Submission] = field(default_factory=dict)
    _dropped: list[tuple[object, Submission]] = field(default_factory=list)

    def add(self, sub: Submission) -> Submission | None:
        """Take a usable submission; returns the one it makes superfluous, if any."""
        key = participant_key(sub.cluster, sub.email) or ("file", sub.file)
        old = self._kept.get(key)
        if old is None:
            self._kept[key] = sub
            return None
        if newness(sub) > newness(old):
            self._kept[key], sub, old = sub, old, sub
        # `sub` is now the older of the two; its rows will never be written.
        sub.packed, sub.sheets = b"", {}
        self._dropped.append((key, sub))
        return sub

    def kept(self) -> list[Submission]:
        return sorted(self._kept.values(), key=lambda s: s.file)

    def duplicates(self) -> list[tuple[Submission, Submission]]:
        """(kept, dropped) for every superseded file, in path order of the dropped file."""
        pairs = [(self._kept[key], sub) for key, sub in self._dropped]
        return sorted(pairs, key=lambda pair: (pair[1].file, pair[0].file))

    def __iter__(self) -> Iterator[Submission]:
        return iter(self.kept())

    def __len__(self) -> int:
        return len(self._kept)
