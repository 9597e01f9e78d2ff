"""Cohort consolidation: a folder of participants' workbooks to a cohort workbook and deck."""

from __future__ import annotations

from cba_xl.cohort.resubmissions import RULE as RESUBMISSION_RULE
from cba_xl.cohort.run import consolidate
from cba_xl.cohort.summary import CohortSummary, Rejected

__all__ = ["RESUBMISSION_RULE", "CohortSummary", "Rejected", "consolidate"]
