"""The cohort's lists as pandas DataFrames, for trainers who work in Jupyter.

The same lists as the cohort workbook's sheets, in tidy long form: one row per item (canvas
item, plan step, service, ...), the participant first and the provenance last (file, SHA-256,
sheet, cell), plus the themes (one row per wording). pandas is an optional extra
(`pip install 'cba-xl[pandas]'`) and is imported only here, only when called.
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Sequence
from pathlib import Path
from typing import TYPE_CHECKING, Any

from cba_xl.cohort import tables as tb
from cba_xl.cohort.collect import discover, read_all
from cba_xl.cohort.resubmissions import Roster
from cba_xl.cohort.run import participant_labels
from cba_xl.cohort.summary import CohortStats, theme_areas
from cba_xl.errors import CbaError

if TYPE_CHECKING:
    import pandas as pd

MISSING_PANDAS = (
    "cohort_frames needs pandas, an optional extra: pip install 'cba-xl[pandas]' "
    "(or pip install pandas)"
)
THEMES = "themes"  # the key of the themes' frame, beside the lists' keys


def _pandas() -> Any:
    try:
        import pandas
    except ImportError:
        raise CbaError(MISSING_PANDAS) from None
    return pandas


def cohort_frames(
    paths: Sequence[Path | str],
    *,
    jobs: int | None = None,
    today: dt.date | None = None,
) -> dict[str, pd.DataFrame]:
    """Every list of the cohort under `paths` (workbooks or folders), as consolidate keeps it
    (the newest submission of each participant; rejected files left out), by list key:
    'profile', 'challenges', 'canvas', 'changes', 'services', 'actions', 'plan', 'goals',
    'raci', 'findings' and 'themes'. Columns are the cohort workbook's headers. Raises
    CbaError when pandas is not installed, before reading anything."""
    pandas = _pandas()
    found = discover([Path(p) for p in paths])
    roster = Roster()
    for sub in read_all(found.workbooks, jobs=jobs, today=today):
        if sub.usable:
            roster.add(sub)
    kept = sorted(roster.kept(), key=lambda s: s.file)
    stats = CohortStats()
    data: dict[str, list[tuple[Any, ...]]] = {spec.key: [] for spec in (*tb.LISTS, tb.FINDINGS)}
    for label, sub in zip(participant_labels(kept), kept, strict=True):
        rows = sub.rows()
        stats.add(label, sub, rows)
        for key, out in data.items():
            # A packed row is (sheet, cell, *values); the frame's is the workbook's order.
            out += [
                (label, *row[2:], sub.file, sub.sha256, row[0], row[1]) for row in rows.get(key, [])
            ]
    frames: dict[str, pd.DataFrame] = {}
    for spec in (*tb.LISTS, tb.FINDINGS):
        headers = [c.header for c in spec.columns]
        frames[spec.key] = pandas.DataFrame(data[spec.key], columns=headers)
    themes = stats.themes()
    frames[THEMES] = pandas.DataFrame(
        [
            (area, t.label, t.participants, m.said.text, m.said.who, m.why, m.said.file,
             m.said.sheet, m.said.cell)
            for area in theme_areas()
            for t in themes.get(area, [])
            for m in t.members
        ],
        columns=[c.header for c in tb.THEMES_COLUMNS],
    )  # fmt: skip
    return frames


__all__ = ["MISSING_PANDAS", "THEMES", "cohort_frames"]
