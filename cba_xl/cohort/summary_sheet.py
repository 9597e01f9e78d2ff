"""The cohort workbook's first sheet: counts in small tables, native charts beside them, and the
two rules a trainer may be asked about (ties among challenges, resubmissions)."""

from __future__ import annotations

import datetime as dt
from collections import Counter
from collections.abc import Sequence
from pathlib import Path
from typing import Any, Protocol

from cba_xl.cohort import tables as tb
from cba_xl.cohort.record import Submission, Value
from cba_xl.cohort.resubmissions import RULE
from cba_xl.cohort.roster_match import RosterReport
from cba_xl.cohort.summary import CohortStats
from cba_xl.cohort.tables import Column, Kind
from cba_xl.core import vocab
from cba_xl.core.rules.challenges import TIE_RULE

ACCENT = "#C55A11"  # the top challenges
MUTED = "#A6A6A6"
NAVY = "#1F3864"
CHART_COL = 4  # charts start in column E, right of the tables


class SummaryBook(Protocol):
    """What the Summary sheet is written into: the cohort workbook (`workbook_out`), which calls
    `write_summary` with itself once the lists and the Top challenges sheet are written."""

    @property
    def book(self) -> Any: ...  # the xlsxwriter.Workbook
    @property
    def sheets(self) -> dict[str, Any]: ...
    @property
    def fmt(self) -> dict[str, Any]: ...
    @property
    def top_rows(self) -> tuple[int, int]: ...  # first and last data row of Top challenges
    @property
    def n_rooms(self) -> int: ...

    def list_table(
        self,
        ws: Any,
        top: int,
        name: str,
        columns: Sequence[Column],
        rows: Sequence[Sequence[Value]],
        *,
        layout: bool = True,
        stream: bool = False,
    ) -> None: ...


def status_counts(
    everyone: Sequence[Submission], superseded_by: dict[str, str], skipped: int
) -> list[tuple[str, int]]:
    counts: Counter[str] = Counter()
    for s in everyone:
        counts[tb.SUPERSEDED if s.file in superseded_by else s.status] += 1
    order = [tb.OK, tb.ERRORS, tb.REJECTED, tb.SUPERSEDED]
    labels = {
        tb.OK: "Consolidated, no errors",
        tb.ERRORS: "Consolidated, with errors",
        tb.REJECTED: "Rejected",
        tb.SUPERSEDED: "Superseded by a resubmission",
    }
    rows = [(labels[k], counts[k]) for k in order]
    rows.append(("Skipped (lock or hidden files)", skipped))
    return rows


def write_summary(
    wb: SummaryBook,
    stats: CohortStats,
    everyone: Sequence[Submission],
    superseded_by: dict[str, str],
    skipped: Sequence[tuple[Path, str]],
    *,
    made: dt.datetime,
    roster: RosterReport | None = None,
) -> None:
    ws = wb.sheets["Summary"]
    ws.set_column(0, 0, 44, wb.fmt["wrap"])
    ws.set_column(1, 1, 12)
    ws.write_string(0, 0, "Cohort consolidation", wb.fmt["title"])
    ws.write_string(
        1,
        0,
        f"Made by cba-xl on {made:%Y-%m-%d %H:%M} from {len(everyone)} file(s).",
        wb.fmt["note"],
    )
    f = stats.findings
    quick = stats.quadrants.get(vocab.QUICK_WIN, 0)
    counts: list[tuple[Value, ...]] = [
        ("Files found", len(everyone) + len(skipped)),
        ("Participants consolidated", stats.participants),
        ("Participants with errors", stats.with_errors),
        ("Files rejected", sum(not s.usable for s in everyone)),
        ("Files superseded by a resubmission", len(superseded_by)),
        ("Files skipped", len(skipped)),
        ("Findings: errors", f.get("error", 0)),
        ("Findings: warnings", f.get("warning", 0)),
        ("Findings: info", f.get("info", 0)),
        ("Actions", stats.actions),
        ("Share of actions that are quick wins (%)", _pct(quick, stats.actions)),
        ("Participants with at least one quick win", stats.with_quick_win),
        ("Action plan steps", stats.plan_steps),
        ("Services", stats.services),
        ("Participants making a service fee-based", stats.turning_fee_based),
        ("Desired business model changes", stats.changes),
    ]
    if roster is not None:
        counts += [
            ("People on the roster", len(roster.people)),
            ("People on the roster who submitted", len(roster.submitted)),
            ("People on the roster who have not submitted", len(roster.missing)),
            ("People on the roster with an unusable workbook", len(roster.unusable)),
            ("People on the roster who submitted more than once", len(roster.twice)),
            ("Files matching nobody on the roster", len(roster.not_on_roster)),
        ]
    at = _two_col(wb, ws, 3, "CohortCounts", ("Measure", "Count"), counts)

    status = status_counts(everyone, superseded_by, len(skipped))
    status_top = at
    at = _two_col(wb, ws, at, "FilesByStatus", ("Status", "Files"), status)
    _chart(wb, ws, "column", "Files by status", status_top, len(status), (3, CHART_COL), "Files")

    _challenge_chart(wb, ws, stats, (20, CHART_COL))

    quad = [(q, stats.quadrants.get(q, 0)) for q in vocab.QUADRANTS]
    quad_top = at
    at = _two_col(wb, ws, at, "ActionQuadrants", ("Quadrant", "Actions"), quad)
    _chart(wb, ws, "column", "Actions by quadrant", quad_top, len(quad), (43, CHART_COL), "Actions")

    fin = [(k, stats.financing.get(k, 0)) for k in vocab.FINANCING]
    fin += [(k, v) for k, v in sorted(stats.financing.items()) if k not in vocab.FINANCING]
    fin_top = at
    at = _two_col(wb, ws, at, "FinancingMix", ("Financing", "Services"), fin)
    _chart(wb, ws, "pie", "Services by financing", fin_top, len(fin), (60, CHART_COL), "")

    dec = [(k, stats.decisions.get(k, 0)) for k in vocab.DECISIONS]
    dec += [(k, v) for k, v in sorted(stats.decisions.items()) if k not in vocab.DECISIONS]
    at = _two_col(wb, ws, at, "ServiceDecisions", ("Decision", "Services"), dec)

    months = sorted(stats.finish_months.items())
    month_top = at
    at = _two_col(wb, ws, at, "FinishByMonth", ("Finish month", "Plan steps"), months)
    if months:
        _chart(
            wb,
            ws,
            "column",
            "Plan steps finishing by month (schedule)",
            month_top,
            len(months),
            (77, CHART_COL),
            "Plan steps",
        )

    # Rows are set before they are written: in constant-memory mode a written row is gone.
    ws.set_row(at + 1, 84)
    ws.set_row(at + 4, 150)
    ws.write_string(at, 0, "How ties among challenges are broken", wb.fmt["bold"])
    ws.write_string(at + 1, 0, TIE_RULE, wb.fmt["wrap"])
    ws.write_string(at + 3, 0, "How resubmissions are handled", wb.fmt["bold"])
    ws.write_string(at + 4, 0, RULE, wb.fmt["wrap"])
    ws.activate()


def _pct(part: int, whole: int) -> float:
    return round(100.0 * part / whole, 1) if whole else 0.0


def _two_col(
    wb: SummaryBook,
    ws: Any,
    top: int,
    name: str,
    headers: tuple[str, str],
    rows: Sequence[Sequence[Value]],
) -> int:
    """A small two-column Table at `top`; returns the row after it plus a blank row."""
    columns = (Column(headers[0], width=44), Column(headers[1], Kind.NUMBER, 12))
    wb.list_table(ws, top, name, columns, rows, layout=False)
    return top + max(len(rows), 1) + 2


def _chart(
    wb: SummaryBook,
    ws: Any,
    kind: str,
    title: str,
    table_top: int,
    n: int,
    where: tuple[int, int],
    axis: str,
) -> None:
    chart = wb.book.add_chart({"type": kind})
    first, last = table_top + 1, table_top + max(n, 1)
    series: dict[str, Any] = {
        "name": title,
        "categories": ["Summary", first, 0, last, 0],
        "values": ["Summary", first, 1, last, 1],
        "data_labels": {"value": True},
    }
    if kind != "pie":
        series["fill"] = {"color": NAVY}
        chart.set_legend({"none": True})
        chart.set_y_axis({"name": axis, "major_gridlines": {"visible": False}})
    chart.add_series(series)
    chart.set_title({"name": title, "name_font": {"size": 12}})
    chart.set_size({"width": 620, "height": 300})
    ws.insert_chart(where[0], where[1], chart)


def _challenge_chart(wb: SummaryBook, ws: Any, stats: CohortStats, where: tuple[int, int]) -> None:
    """All themes by frequency from the Top challenges sheet, the top ones highlighted."""
    first, last = wb.top_rows
    n_top = len(stats.top(wb.n_rooms).themes)
    chart = wb.book.add_chart({"type": "bar"})
    points = [{"fill": {"color": ACCENT if i < n_top else MUTED}} for i in range(last - first + 1)]
    chart.add_series(
        {
            "name": "Participants who picked the theme",
            "categories": ["Top challenges", first, 1, last, 1],
            "values": ["Top challenges", first, 2, last, 2],
            "points": points,
            "data_labels": {"value": True},
        }
    )
    chart.set_title(
        {
            "name": f"Challenge themes by frequency (top {n_top} highlighted)",
            "name_font": {"size": 12},
        }
    )
    chart.set_legend({"none": True})
    chart.set_y_axis({"reverse": True})  # most frequent on top
    chart.set_x_axis({"major_gridlines": {"visible": False}})
    chart.set_size({"width": 820, "height": 420})
    ws.insert_chart(where[0], where[1], chart)
