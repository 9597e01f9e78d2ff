"""The whole-workbook finding count behind CBA_FINDINGS: `cba-xl check` on the saved file.

Excel recalculates a volatile function on every change, so the count is kept per file and
modification time; the file is read again only after it was saved.
"""

from __future__ import annotations

from pathlib import Path

from cba_xl.core.findings import count_by_severity
from cba_xl.errors import UnusableWorkbook

_cache: dict[tuple[Path, int], dict[str, int]] = {}


def count_findings(path: Path, severity: str = "") -> int:
    """Findings of the workbook file, of one severity ('error', 'warning', 'info') or all.
    An unreadable file raises UnusableWorkbook (the UDF shows its reason)."""
    from cba_xl.api import check

    if not path.is_file():
        raise UnusableWorkbook(path, "not saved yet", "save the workbook, then recalculate")
    key = (path.resolve(), path.stat().st_mtime_ns)
    counts = _cache.get(key)
    if counts is None:
        result = check(path)
        if result.unusable is not None:
            raise result.unusable
        counts = count_by_severity(result.findings)
        _cache.clear()  # one workbook at a time is what a sheet asks about
        _cache[key] = counts
    return counts[severity] if severity else sum(counts.values())


__all__ = ["count_findings"]
