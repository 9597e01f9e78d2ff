"""Findings are data: what a check found, where, and how bad it is."""

from __future__ import annotations

from collections.abc import Iterable
from dataclasses import asdict, dataclass
from enum import StrEnum


class Severity(StrEnum):
    ERROR = "error"
    WARNING = "warning"
    INFO = "info"

    @property
    def rank(self) -> int:
        return {"error": 0, "warning": 1, "info": 2}[self.value]


@dataclass(frozen=True, slots=True)
class Loc:
    """A place in the workbook. `cell` is empty when a finding concerns a whole sheet."""

    sheet: str
    cell: str = ""

    def __str__(self) -> str:
        if not self.cell:
            return self.sheet
        # Excel's own syntax, so a user can paste it into the Name Box.
        sheet = f"'{self.sheet}'" if any(c in self.sheet for c in " -") else self.sheet
        return f"{sheet}!{self.cell}"


@dataclass(frozen=True, slots=True)
class Finding:
    severity: Severity
    code: str
    sheet: str
    cell: str
    message: str

    @classmethod
    def at(cls, loc: Loc, severity: Severity, code: str, message: str) -> Finding:
        return cls(severity, code, loc.sheet, loc.cell, message)

    @property
    def loc(self) -> Loc:
        return Loc(self.sheet, self.cell)

    def line(self, file: str = "") -> str:
        prefix = f"{file}: " if file else ""
        return f"{prefix}{self.loc}: {self.severity.value}: {self.message}"

    def as_dict(self) -> dict[str, str]:
        data = asdict(self)
        data["severity"] = self.severity.value
        return data


def error(loc: Loc, code: str, message: str) -> Finding:
    return Finding.at(loc, Severity.ERROR, code, message)


def warning(loc: Loc, code: str, message: str) -> Finding:
    return Finding.at(loc, Severity.WARNING, code, message)


def info(loc: Loc, code: str, message: str) -> Finding:
    return Finding.at(loc, Severity.INFO, code, message)


def cell_parts(cell: str) -> tuple[int, str]:
    """'M10' -> (10, 'M'); (0, '') for a finding without a cell."""
    letters = "".join(c for c in cell if c.isalpha())
    digits = "".join(c for c in cell if c.isdigit())
    return (int(digits) if digits else 0, letters)


def _cell_key(cell: str) -> tuple[int, str]:
    row, letters = cell_parts(cell)
    return (row, letters.rjust(3))


def sort_findings(findings: Iterable[Finding], sheet_order: Iterable[str] = ()) -> list[Finding]:
    """Workbook order: sheets as in the workbook, then row by row, then column."""
    order = {name: i for i, name in enumerate(sheet_order)}
    return sorted(
        findings,
        key=lambda f: (order.get(f.sheet, len(order)), f.sheet, _cell_key(f.cell), f.code),
    )


def count_by_severity(findings: Iterable[Finding]) -> dict[str, int]:
    counts = {s.value: 0 for s in Severity}
    for f in findings:
        counts[f.severity.value] += 1
    return counts


def has_errors(findings: Iterable[Finding]) -> bool:
    return any(f.severity is Severity.ERROR for f in findings)
