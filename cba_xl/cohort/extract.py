"""One checked workbook to a Submission: runs in the worker processes.

Everything the cohort needs from a homework is turned into rows here, with the sheet and cell
each row came from, so the main process never sees a Homework.
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Callable
from pathlib import Path
from typing import Final

from cba_xl.cohort import tables as tb
from cba_xl.cohort.record import Row, Rows, Submission, Value, pack
from cba_xl.cohort.sheet_stream import render_rows
from cba_xl.core import vocab
from cba_xl.core.findings import Loc, count_by_severity
from cba_xl.core.models import Canvas, Homework, Record
from cba_xl.core.rules import needs, vision
from cba_xl.core.rules.canvas import canvas_diff, item_key
from cba_xl.core.rules.communication import planned
from cba_xl.core.rules.derived import member_gap, quadrant, raci_row_status
from cba_xl.core.rules.derived import service_suggestion as suggestion
from cba_xl.core.rules.plan import plan_schedule
from cba_xl.core.rules.schedule import critical_text, unique_steps
from cba_xl.core.rules.trends import answered, radar_quadrant
from cba_xl.files import sha256
from cba_xl.workbook_check import check

REJECTED = tb.REJECTED


def read_submission(path: Path, *, today: dt.date | None = None) -> Submission:
    """Check one file and pack what the cohort needs; never raises for a bad file."""
    sub = Submission(file=str(path))
    try:
        sub.mtime = path.stat().st_mtime
        sub.sha256 = sha256(path)
    except OSError as exc:
        return _rejected(sub, f"cannot be opened ({exc.strerror or type(exc).__name__})")
    try:
        result = check(path, today=today)
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
    sub.columns = value_columns(hw)
    rows = homework_rows(hw)
    rows[tb.FINDINGS.key] = [
        tb.FINDINGS.row(
            (f.sheet, f.cell), {"Severity": f.severity.value, "Code": f.code, "Message": f.message}
        )
        for f in result.findings
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


def value_columns(hw: Homework) -> dict[str, str]:
    """The columns of the values the cohort's themes quote that are not a row's first cell."""
    out: dict[str, str] = {}
    for name, records, key in (
        (f"{tb.CHALLENGES.key}.Note", hw.challenges, "note"),
        (f"{tb.PLAN.key}.Requirements", hw.plan, "requirements"),
        (f"{tb.SERVICES.key}.Field", hw.services, "field"),
    ):
        for record in records:
            if key in record.where:
                out[name] = record.where[key].cell.rstrip("0123456789")
                break
    return out


def _yes_no(value: bool | None) -> str:
    return "" if value is None else ("Yes" if value else "No")


def homework_rows(hw: Homework) -> Rows:
    """Every list of the cohort workbook for one participant, in workbook order."""
    rows: Rows = {spec.key: [] for spec in tb.LISTS}
    for key, make in ROWS.items():
        rows[tb.TOOL_LISTS[key].key].extend(make(hw))
    return rows


def _profile_rows(hw: Homework) -> list[Row]:
    p = hw.profile
    values: dict[str, Value] = {
        "Region": p.region,
        "Country": p.country,
        "Industrial ecosystem": p.ecosystem,
        "Members": p.members,
        "Founded": p.founding_year,
        "Cluster manager": p.manager_name,
        "Manager e-mail": p.manager_email,
        "Staff (FTE)": p.staff_fte,
        "Yearly budget (EUR)": p.budget_eur,
        "Public %": p.share_public,
        "Membership fees %": p.share_fees,
        "Paid services %": p.share_services,
        "Project funding %": p.share_projects,
    }
    return [tb.PROFILE.row(_first(p, "cluster_name"), values)]


def _challenge_rows(hw: Homework) -> list[Row]:
    return [
        tb.CHALLENGES.row(
            _first(c, "theme", "rank"),
            {"Rank": c.rank, "Challenge theme": c.theme, "Note": c.note},
        )
        for c in hw.challenges
        if c.theme
    ]


def _change_rows(hw: Homework) -> list[Row]:
    return [
        tb.CHANGES.row(
            _first(c, "change"),
            {
                "Desired change": c.change,
                "Canvas block": vocab.CANVAS_BLOCK_TITLES.get(c.block, c.block),
                "Top 3": c.priority,
                "Short-term": _yes_no(c.short_term),
                "Peer feedback": c.feedback,
            },
        )
        for c in hw.changes
    ]


def _service_rows(hw: Homework) -> list[Row]:
    return [
        tb.SERVICES.row(
            _first(s, "service"),
            {
                "Service": s.service,
                "Field": s.field,
                "Financing": s.financing,
                "Effort (1-5)": s.effort,
                "Value, self (1-5)": s.value,
                "Members' rating (1-5)": s.rating,
                "Gap (self - members)": member_gap(s.value, s.rating),
                "Decision": s.decision,
                "Matrix suggests": suggestion(s.effort, s.value, s.rating, s.financing),
            },
        )
        for s in hw.services
    ]


def _action_rows(hw: Homework) -> list[Row]:
    return [
        tb.ACTIONS.row(
            _first(a, "step", "action"),
            {
                "Step": a.step,
                "Action": a.action,
                "Impact": a.impact,
                "Effort": a.effort,
                "Quadrant": quadrant(a.impact, a.effort),
                "Status": a.status,
            },
        )
        for a in hw.actions
    ]


def _goal_rows(hw: Homework) -> list[Row]:
    return [
        tb.GOALS.row(
            _first(g, "goal_id", "goal"),
            {
                "Goal ID": g.goal_id,
                "Goal": g.goal,
                "Metric": g.metric,
                "Target": g.target,
                "Owner": g.owner,
                "Deadline": g.deadline,
                "Parent goal": g.parent,
            },
        )
        for g in hw.goals
    ]


def _canvas_rows(hw: Homework, canvas: Canvas) -> list[Row]:
    diff = canvas_diff(hw.canvas_current, hw.canvas_future)
    out: list[Row] = []
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
            values: dict[str, Value] = {
                "Horizon": horizon,
                "Block": vocab.CANVAS_BLOCK_TITLES[key],
                "Group": vocab.CANVAS_BLOCK_GROUPS[key],
                "Item": item,
                "Compared with the other canvas": compared,
            }
            out.append(tb.CANVAS.row(_at(loc), values))
    return out


def _plan_rows(hw: Homework) -> list[Row]:
    """Each step with its dates from the plan's one schedule (see cba_xl.core.rules.schedule)."""
    out: list[Row] = []
    sched = plan_schedule(hw)
    late = sched.late
    for s in hw.plan:
        n = s.step
        finish = sched.finish_date_of(n)
        values: dict[str, Value] = {
            "Step": n,
            "Action": s.action,
            "Goal ID": s.goal,
            "Top-3 change": s.change,
            "Responsible": s.responsible,
            "Stakeholders": s.stakeholders,
            "Requirements": s.requirements,
            "Expected outcome": s.outcome,
            "Duration (days)": sched.finish.get(n, 0) - sched.start.get(n, 0),
            "After steps": ", ".join(str(p) for p in s.after),
            "Milestone": _yes_no(s.milestone),
            "Deadline": sched.deadline(n),
            "Earliest start": sched.start_date(n),
            "Earliest finish": finish,
            "Finish month": f"{finish:%Y-%m}" if finish else "",
            "Days late": late.get(n),
            "Critical": critical_text(s, sched),
        }
        out.append(tb.PLAN.row(_first(s, "step", "action"), values))
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
                tb.RACI.row(
                    _first(row, f"p{i}", "deliverable"),
                    {
                        "Step": row.step,
                        "Deliverable": row.deliverable,
                        "Group": person.group if person else "",
                        "Person or role": person.name if person else "",
                        "Role": role,
                        "Row check": status,
                    },
                )
            )
    return out


def _need_rows(hw: Homework) -> list[Row]:
    ranks = needs.priorities(hw.needs)
    rows = []
    for n in needs.prioritised(hw.needs):
        service = needs.serving(n, hw.services)
        values: dict[str, Value] = {
            "Key member": n.member,
            "Need": n.need,
            "Need field": n.field,
            "Relevance (1-5)": n.relevance,
            "Priority": ranks.get(n.row),
            "Served by": service.service if service is not None else n.service,
            "Gap": "Yes" if needs.is_gap(n, hw.services) else "No",
            "Change it calls for": n.change,
        }
        rows.append(tb.NEEDS.row(_first(n, "need"), values))
    return rows


def _vision_rows(hw: Homework) -> list[Row]:
    vm = hw.vision
    objectives = [o for o in vm.objectives if o.objective]
    if not (vm.vision or vm.mission or objectives):
        return []
    values: dict[str, Value] = {
        "Vision": vm.vision,
        "Mission": vm.mission,
        "Mission words": vision.words(vm.mission),
        "Success factors met, vision": len(vision.ticked(vm, "vision", True)),
        "Success factors met, mission": len(vision.ticked(vm, "mission", True)),
        "Objectives": len(objectives),
        "Measurable objectives": sum(1 for o in objectives if vision.is_measurable(o)),
    }
    return [tb.VISION.row(_first(vm, "vision"), values)]


def _communication_rows(hw: Homework) -> list[Row]:
    comm = hw.communication
    return [
        tb.COMMUNICATION.row(
            _first(t, "group"),
            {
                "Target group": t.group,
                "Objective": t.objective,
                "Tools and channels": t.channel,
                "Timing": t.timing,
                "Responsible": t.responsible,
                "Brand values": comm.brand_values,
            },
        )
        for t in planned(comm)
    ]


def _steps_text(steps: tuple[int, ...]) -> str:
    return ", ".join(str(n) for n in steps)


def _trend_rows(hw: Homework) -> list[Row]:
    return [
        tb.TRENDS.row(
            _first(t, "trend", "factor"),
            {
                "Trend": t.trend,
                "PESTEL factor group": t.factor,
                "Influence (1-5)": t.influence,
                "Competence (1-5)": t.competence,
                "On the trend radar": radar_quadrant(t.influence, t.competence),
                "Change it drives": t.change,
                "Plan steps": _steps_text(t.steps),
                "Answered": _yes_no(answered(t, hw)),
            },
        )
        for t in hw.trends
    ]


def _competency_rows(hw: Homework) -> list[Row]:
    steps = unique_steps(hw.plan)
    return [
        tb.COMPETENCIES.row(
            _first(c, "current", "target", "field"),
            {
                "Field of competence": c.field,
                "Current (1-5)": c.current,
                "Target (1-5)": c.target,
                "Gap": c.gap,
                "Closing steps": _steps_text(c.steps),
                "Closed by a step": _yes_no(any(n in steps for n in c.steps)),
                "How": c.how,
            },
        )
        for c in hw.competencies
    ]


# Each tool's rows of the cohort's lists, by tool key (`cba_xl.core.tools`); the list each goes to
# is `tables.TOOL_LISTS`.
ROWS: Final[dict[str, Callable[[Homework], list[Row]]]] = {
    "profile": _profile_rows,
    "challenges": _challenge_rows,
    "canvas_current": lambda hw: _canvas_rows(hw, hw.canvas_current),
    "canvas_future": lambda hw: _canvas_rows(hw, hw.canvas_future),
    "changes": _change_rows,
    "services": _service_rows,
    "needs": _need_rows,
    "vision": _vision_rows,
    "communication": _communication_rows,
    "priority": _action_rows,
    "plan": _plan_rows,
    "goals": _goal_rows,
    "raci": _raci_rows,
    "trends": _trend_rows,
    "competencies": _competency_rows,
}
