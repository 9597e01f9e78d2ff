"""How commands print: findings as text lines or JSON, unusable files as one line each."""

from __future__ import annotations

import json
import sys
from collections.abc import Sequence
from typing import Any

from cba_xl.api import CheckResult
from cba_xl.core.findings import Severity, count_by_severity
from cba_xl.wording import tally

SEVERITIES = [s.value for s in Severity]


def visible(result: CheckResult, minimum: str) -> list[Any]:
    floor = Severity(minimum).rank
    return [f for f in result.findings if f.severity.rank <= floor]


def print_text(results: Sequence[CheckResult], minimum: str = "info") -> None:
    for result in results:
        if result.unusable is not None:
            print(result.unusable.message, file=sys.stderr)
            continue
        for f in visible(result, minimum):
            print(f.line(str(result.path)))


def as_json(results: Sequence[CheckResult], minimum: str = "info") -> dict[str, Any]:
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
    return {
        "files": files,
        "summary": {
            "files": len(results),
            "ok": sum(r.status == "ok" for r in results),
            "with_errors": sum(r.status == "errors" for r in results),
            "unusable": sum(r.status == "unusable" for r in results),
            "findings": totals,
        },
    }


def print_json(data: dict[str, Any]) -> None:
    print(json.dumps(data, ensure_ascii=False, indent=2))


def summary_line(results: Sequence[CheckResult]) -> str:
    totals = count_by_severity(f for r in results for f in r.findings)
    n = len(results)
    parts = [f"{n} workbook{'s' if n != 1 else ''} checked"]
    parts.append(f"{sum(r.status == 'errors' for r in results)} with errors")
    unusable = sum(r.status == "unusable" for r in results)
    if unusable:
        parts.append(f"{unusable} unusable")
    parts.append(f"{tally(totals['error'], 'error')}, {tally(totals['warning'], 'warning')}")
    return ", ".join(parts)
