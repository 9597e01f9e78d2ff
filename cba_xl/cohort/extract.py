"""One checked workbook to a Submission: runs in the worker processes.

Everything the cohort needs from a homework is turned into rows here, with the sheet and cell
each row came from, so the main process never sees a Homework.
"""

from __future__ import annotations

import datetime as dt
from pathlib import Path

from cba_xl import api
from cba_xl.cohort import tables as tb
from cba_xl.cohort.record import Row, Rows, Submission, pack
from cba_xl.cohort.sheet_stream import render_rows
from cba_xl.core import vocab
from cba_xl.core.findings import Loc, count_by_severity
from cba_xl.core.models import Homework, Record
from cba_xl.core.rules.canvas import canvas_diff, item_key
from cba_xl.core.rules.derived import member_gap, quadrant, raci_row_status
from cba_xl.core.rules.derived import service_suggestion as suggestion
from cba_xl.core.rules.plan import plan_schedule
from cba_xl.core.rules.schedule import critical_text

REJECTED = tb.REJECTED


def read_submission(path: Path, *, today: dt.date | None = None) -> Submission:
    """Check one file and pack what the cohort needs; never raises for a bad file."""
    sub = Submission(file=str(path))
    try:
        sub.mtime = path.stat().st_mtime
        sub.sha256 = api.sha256(path)
    except OSError as exc:
        return _rejected(sub, f"cannot be opened ({exc.strerror or type(exc).__name__})")
    try:
        result = api.check(path, today=today)
    except Exception as exc:  # one file that trips the reader must not stop a cohort's run
        return _rejected(
            sub,
            f"could not be read ({type(exc).__name__})",
            "open it in Excel, save it again and resubmit; if that does not help, report it",
        )
    if result.unusable is not None:
        return _rejected(sub, result.unusable.reason, result.unusable.hint)
    hw = result.homework
    assert hw is not None
    sub.saved = _saved(path)
    sub.status = result.status
    sub.template_version = hw.template_version
    sub.cluster = hw.profile.cluster_name
    sub.email = hw.profile.manager_email
    sub.country = hw.profile.country
    where = hw.profile.loc("cluster_name", hw.anchor("profile"))
    sub.cluster_cell = (where.sheet, where.cell)
    sub.findings = count_by_severity(result.findings)
    rows = homework_rows(hw)
    rows[tb.FINDINGS.key] = [
        (f.sheet, f.cell, f.severity.value, f.code, f.message) for f in result.findings
    ]
    sub.counts = {key: len(value) for key, value in rows.items()}
    sub.packed = pack(rows)
    for spec in (*tb.LISTS, tb.FINDINGS):
        rendered, size = render_rows(spec, rows.get(spec.key, []))
        sub.sheets[spec.key] = rendered
        sub.xml_size += size
    return sub


def _rejected(sub: Submission, reason: str, hint: str = "") -> Submission:
    sub.status, sub.reason, sub.hint = REJECTED, reason, hint
    return sub


def _saved(path: Path) -> dt.datetime | None:
    from cba_xl.excel.reader import workbook_modified

    try:
        saved = workbook_modified(path)
    except Exception:  # a missing or odd docProps part only loses the tie-breaker
        return None
    if saved is None:
        return None
    if saved.tzinfo is None:
        return saved  # docProps times are written in UTC; keep a naive one as given
    return saved.astimezone(dt.UTC).replace(tzinfo=None)


def _at(loc: Loc) -> tuple[str, str]:
    return (loc.sheet, loc.cell)


def _first(record: Record, *keys: str) -> tuple[str, str]:
    for key in keys:
        if key in record.where:
            return _at(record.where[key])
    return _at(record.loc(keys[0]))


def _yes_no(value: bool | None) -> str:
    return "" if value is None else ("Yes" if value else "No")


def homework_rows(hw: Homework) -> Rows:
    """Every list of the cohort workbook for one participant, in workbook order."""
    p = hw.profile
    rows: Rows = {
        tb.PROFILE.key: [
            (
                *_first(p, "cluster_name"),
                p.region,
                p.country,
                p.ecosystem,
                p.members,
                p.founding_year,
                p.manager_name,
                p.manager_email,
                p.staff_fte,
                p.budget_eur,
                p.share_public,
                p.share_fees,
                p.share_services,
                p.share_projects,
            )
        ],
        tb.CHALLENGES.key: [
            (*_first(c, "theme", "rank"), c.rank, c.theme, c.note) for c in hw.challenges if c.theme
        ],
        tb.CANVAS.key: _canvas_rows(hw),
        tb.CHANGES.key: [
            (
                *_first(c, "change"),
                c.change,
                vocab.CANVAS_BLOCK_TITLES.get(c.block, c.block),
                c.priority,
                _yes_no(c.short_term),
                c.feedback,
            )
            for c in hw.changes
        ],
        tb.SERVICES.key: [
            (
                *_first(s, "service"),
                s.service,
                s.field,
                s.financing,
                s.effort,
                s.value,
                s.rating,
                member_gap(s.value, s.rating),
                s.decision,
                suggestion(s.effort, s.value, s.rating, s.financing),
            )
            for s in hw.services
        ],
        tb.ACTIONS.key: [
            (
                *_first(a, "action"),
                a.action,
                a.impact,
                a.effort,
                quadrant(a.impact, a.effort),
                a.status,
            )
            for a in hw.actions
        ],
        tb.PLAN.key: _plan_rows(hw),
        tb.GOALS.key: [
            (
                *_first(g, "goal_id", "goal"),
                g.goal_id,
                g.goal,
                g.metric,
                g.target,
                g.owner,
                g.deadline,
                g.parent,
            )
            for g in hw.goals
        ],
        tb.RACI.key: _raci_rows(hw),
    }
    return rows


def _canvas_rows(hw: Homework) -> list[Row]:
    diff = canvas_diff(hw.canvas_current, hw.canvas_future)
    out: list[Row] = []
    for canvas in hw.canvases:
        horizon = vocab.HORIZONS.get(canvas.horizon, canvas.horizon)
        for key in vocab.CANVAS_BLOCK_KEYS:
            items = canvas.blocks.get(key, [])
            cells = canvas.item_where.get(key, [])
            d = diff[key]
            changed = {item_key(i) for i in (d.added if canvas.horizon == "future" else d.dropped)}
            label = "added" if canvas.horizon == "future" else "dropped"
            for i, item in enumerate(items):
                compared = label if item_key(item) in changed else "kept"
                loc = cells[i] if i < len(cells) else hw.anchor(f"canvas_{canvas.horizon}")
                out.append(
                    (
                        *_at(loc),
                        horizon,
                        vocab.CANVAS_BLOCK_TITLES[key],
                        vocab.CANVAS_BLOCK_GROUPS[key],
                        item,
                        compared,
                    )
                )
    return out


def _plan_rows(hw: Homework) -> list[Row]:
    """Each step with its dates from the plan's one schedule (see cba_xl.core.rules.schedule)."""
    out: list[Row] = []
    sched = plan_schedule(hw)
    late = sched.late
    for s in hw.plan:
        n = s.step
        finish = sched.finish_date_of(n)
        out.append(
            (
                *_first(s, "step", "action"),
                n,
                s.action,
                s.responsible,
                s.stakeholders,
                s.requirements,
                s.outcome,
                sched.finish.get(n, 0) - sched.start.get(n, 0),
                ", ".join(str(p) for p in s.after),
                _yes_no(s.milestone),
                sched.deadline(n),
                sched.start_date(n),
                finish,
                f"{finish:%Y-%m}" if finish else "",
                late.get(n),
                critical_text(s, sched),
            )
        )
    return out


def _raci_rows(hw: Homework) -> list[Row]:
    out: list[Row] = []
    people = hw.raci_people
    for row in hw.raci:
        status = raci_row_status(row.roles)
        for i, role in enumerate(row.roles):
            if not role:
                continue
            person = people[i] if i < len(people) else None
            out.append(
                (
                    *_first(row, f"p{i}", "deliverable"),
                    row.deliverable,
                    person.group if person else "",
                    person.name if person else "",
                    role,
                    status,
                )
            )
    return out
