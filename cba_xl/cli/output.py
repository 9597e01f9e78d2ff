"""How commands print: findings as text lines or JSON, unusable and skipped files as one line
each, in the report itself (stdout), so `cba-xl check DIR > report.txt` keeps every file."""

from __future__ import annotations

import json
from collections.abc import Sequence
from pathlib import Path
from typing import Any

from cba_xl.api import CheckResult
from cba_xl.core.findings import Severity, count_by_severity
from cba_xl.errors import UnusableWorkbook
from cba_xl.wording import tally

SEVERITIES = [s.value for s in Severity]


def visible(result: CheckResult, minimum: str) -> list[Any]:
    floor = Severity(minimum).rank
    return [f for f in result.findings if f.severity.rank <= floor]


def unusable_line(problem: UnusableWorkbook) -> str:
    """`file: error: reason: hint`, like a finding's line without sheet and cell."""
    return problem.line


def skipped_line(path: Path, why: str) -> str:
    return f"{path}: skipped: {why}"


def print_text(
    results: Sequence[CheckResult],
    minimum: str = "info",
    *,
    skipped: Sequence[tuple[Path, str]] = (),
    quiet: bool = False,
) -> None:
    """The report on stdout: every file a scan found is in it (findings, unusable files and
    skipped ones), then the summary line. Quiet keeps errors and the summary line only."""
    if quiet:
        minimum = "error"
    for result in results:
        if result.unusable is not None:
            print(unusable_line(result.unusable))
            continue
        for f in visible(result, minimum):
            print(f.line(str(result.path)))
    if not quiet:
        for path, why in skipped:
            print(skipped_line(path, why))
    print(summary_line(results, skipped=len(skipped)))


def as_json(
    results: Sequence[CheckResult],
    minimum: str = "info",
    *,
    skipped: Sequence[tuple[Path, str]] = (),
) -> dict[str, Any]:
    files = []
    for r in results:
        entry: dict[str, Any] = {"file": str(r.path), "status": r.status}
        if r.unusable is not None:
            entry["reason"] = r.unusable.reason
            entry["hint"] = r.unusable.hint
            entry["findings"] = []
        else:
            entry["cluster"] = r.homework.cluster if r.homework else ""
            entry["findings"] = [f.as_dict() for f in visible(r, minimum)]
        files.append(entry)
    totals = count_by_severity(f for r in results for f in r.findings)
    data: dict[str, Any] = {
        "files": files,
        "skipped": [{"file": str(p), "reason": why} for p, why in skipped],
        "summary": {
            "files": len(results),
            "ok": sum(r.status == "ok" for r in results),
            "with_errors": sum(r.status == "errors" for r in results),
            "unusable": sum(r.status == "unusable" for r in results),
            "skipped": len(skipped),
            "findings": totals,
        },
    }
    if results and all(r.unusable is not None for r in results):
        data["error"] = NOTHING_USABLE
    return data


NOTHING_USABLE = "no usable workbook among the files found"


def print_json(data: dict[str, Any]) -> None:
    print(json.dumps(data, ensure_ascii=False, indent=2))


def summary_line(results: Sequence[CheckResult], *, skipped: int = 0) -> str:
    totals = count_by_severity(f for r in results for f in r.findings)
    n = len(results)
    parts = [f"{n} workbook{'s' if n != 1 else ''} checked"]
    parts.append(f"{sum(r.status == 'errors' for r in results)} with errors")
    unusable = sum(r.status == "unusable" for r in results)
    if unusable:
        parts.append(f"{unusable} unusable")
    if skipped:
        parts.append(f"{skipped} skipped")
    # info findings are "notes", as the findings slide calls them
    parts.append(tally(totals["error"], "error"))
    parts.append(tally(totals["warning"], "warning"))
    parts.append(tally(totals["info"], "note"))
    return ", ".join(parts)
