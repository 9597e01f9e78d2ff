"""One workbook file read and checked: what the public API (which re-exports it), the cohort's
worker processes and the add-in share. It sits below both `cba_xl.api` and `cba_xl.cohort`, so
the API can drive the cohort without the cohort importing the API back."""

from __future__ import annotations

import datetime as dt
from collections.abc import Iterable
from dataclasses import dataclass, field
from pathlib import Path

from cba_xl.core.check import check_raw
from cba_xl.core.findings import Finding, has_errors, sort_findings
from cba_xl.core.models import Homework
from cba_xl.errors import UnusableWorkbook
from cba_xl.spec import LAYOUT


@dataclass
class CheckResult:
    """One workbook checked: its homework and findings, or why it could not be read."""

    path: Path
    homework: Homework | None = None
    findings: list[Finding] = field(default_factory=list)
    unusable: UnusableWorkbook | None = None

    @property
    def status(self) -> str:
        if self.unusable is not None:
            return "unusable"
        return "errors" if has_errors(self.findings) else "ok"


def read(path: Path | str, *, today: dt.date | None = None) -> tuple[Homework, list[Finding]]:
    """Read and check one workbook; raises UnusableWorkbook when it cannot be read at all."""
    from cba_xl.excel.reader import read_raw

    raw = read_raw(Path(path))
    homework, findings = check_raw(raw, today=today)
    return homework, sort_findings(findings, LAYOUT.sheets)


def check(path: Path | str, *, today: dt.date | None = None) -> CheckResult:
    """Like `read`, but an unusable file is a result, not an exception."""
    path = Path(path)  # a notebook passes a string
    try:
        homework, findings = read(path, today=today)
    except UnusableWorkbook as problem:
        return CheckResult(path, unusable=problem)
    return CheckResult(path, homework, findings)


def check_many(paths: Iterable[Path | str], *, today: dt.date | None = None) -> list[CheckResult]:
    return [check(p, today=today) for p in paths]


__all__ = ["CheckResult", "check", "check_many", "read"]
