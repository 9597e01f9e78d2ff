"""cba-xl: Cluster Booster Academy workbooks, checked, filled, presented and consolidated.

The public API is what `__all__` lists; everything else may change between versions.
"""

from __future__ import annotations

__version__ = "0.1.0"

from cba_xl.api import (
    CheckResult,
    build_templates,
    check,
    check_many,
    cohort_frames,
    consolidate,
    fill,
    make_deck,
    new_workbook,
    read,
    upgrade,
    write_homework,
)
from cba_xl.core.findings import Finding, Severity
from cba_xl.core.models import Homework
from cba_xl.core.rules.plan import plan_schedule
from cba_xl.core.rules.schedule import Schedule
from cba_xl.errors import CbaError, OutputRefused, UnusableWorkbook

__all__ = [
    "CbaError",
    "CheckResult",
    "Finding",
    "Homework",
    "OutputRefused",
    "Schedule",
    "Severity",
    "UnusableWorkbook",
    "__version__",
    "build_templates",
    "check",
    "check_many",
    "cohort_frames",
    "consolidate",
    "fill",
    "make_deck",
    "new_workbook",
    "plan_schedule",
    "read",
    "upgrade",
    "write_homework",
]
