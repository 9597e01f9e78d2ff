"""Excel functions (UDFs) for the academy's tools, imported by the xlwings ribbon's
"Import Functions" (Windows): this module is named under "UDF Modules" in the workbook's
`xlwings.conf` sheet.

Conventions: the Excel name is the Python name (xlwings uses `__name__`), so every function here
is called CBA_...; the docstring is the function's help in Excel's function wizard and `doc=` of
each `@xw.arg` the argument's. Single-cell functions have column-shaped siblings (plural names)
that take whole ranges, so a 200-row table costs one call, not 200. A problem with the arguments
comes back as one line of text in the cell, never a traceback.

Only functions meant for Excel may live in this module's namespace: Import Functions writes a VBA
wrapper for every object here that carries xlwings' `__xlfunc__` marker.
"""

from __future__ import annotations

import datetime as dt
from pathlib import Path
from typing import Any

import xlwings as xw

from cba_xl.addin import values as v
from cba_xl.addin.book import WorkbookPort
from cba_xl.addin.excel_book import XlwingsBook
from cba_xl.addin.findings_count import count_findings
from cba_xl.core import vocab
from cba_xl.core.models import ChallengePick, Competency, Goal, Need, PlanStep
from cba_xl.core.rules.challenges import top_challenges
from cba_xl.core.rules.derived import due_date, quadrant, raci_row_status, service_suggestion
from cba_xl.core.rules.needs import priorities, served_verdict
from cba_xl.core.rules.schedule import critical_text, schedule
from cba_xl.core.rules.smart import smart_missing, smart_text
from cba_xl.core.rules.trends import radar_quadrant
from cba_xl.core.rules.vision import mission_too_long, words

CATEGORY = "Cluster Booster Academy"
_SCORE = {"lo": 1, "hi": 5}


def _quadrant(impact: object, effort: object) -> str:
    i = v.choice("impact", impact, vocab.HIGH_LOW)
    e = v.choice("effort", effort, vocab.HIGH_LOW)
    return quadrant(i, e)


@xw.func(category=CATEGORY)
@xw.arg("impact", doc="High or Low (the Impact column).")
@xw.arg("effort", doc="High or Low (the Effort column).")
@v.cell_errors("CBA_QUADRANT")
def CBA_QUADRANT(impact: Any, effort: Any) -> Any:
    """Quadrant of an action in the action priority matrix: Quick win, Major project, Fill-in
    or Thankless task; empty while impact or effort is empty. Example:
    =CBA_QUADRANT("High","Low") gives Quick win."""
    return _quadrant(impact, effort)


@xw.func(category=CATEGORY)
@xw.arg("impacts", ndim=2, doc="One column of High/Low impacts.")
@xw.arg("efforts", ndim=2, doc="One column of High/Low efforts, as many rows as impacts.")
@v.cell_errors("CBA_QUADRANTS")
def CBA_QUADRANTS(impacts: Any, efforts: Any) -> Any:
    """CBA_QUADRANT for a whole table in one call; spills one quadrant per row. Example:
    =CBA_QUADRANTS(C5:C34,D5:D34)."""
    i, e = v.column("impacts", impacts), v.column("efforts", efforts)
    n = v.same_height(impacts=i, efforts=e)
    return v.as_column(v.per_row(lambda r: _quadrant(i[r], e[r]), n, "CBA_QUADRANTS"))


def _decision(effort: object, value: object, rating: object, financing: object) -> str:
    eff = v.whole("effort", effort, **_SCORE)
    val = v.whole("value", value, **_SCORE)
    rat = v.whole("rating", rating, **_SCORE)
    return service_suggestion(eff, val, rat, v.text(financing))


def _given(value: Any) -> Any:
    return None if value is v.NOT_GIVEN else value


@xw.func(category=CATEGORY)
@xw.arg("effort", doc="Effort for the cluster, 1 (very little) to 5 (very high).")
@xw.arg("value", doc="Value to members, 1 (little) to 5 (very high).")
@xw.arg("rating", doc="Optional: the members' own rating, 1-5; when given it decides.")
@xw.arg("financing", doc="Optional: Included in membership fee, Fee-based or Subsidised.")
@v.cell_errors("CBA_SERVICE_DECISION")
def CBA_SERVICE_DECISION(
    effort: Any, value: Any, rating: Any = v.NOT_GIVEN, financing: Any = v.NOT_GIVEN
) -> Any:
    """Suggested decision for a service from the profitability matrix (4-5 is high, 1-2 low),
    on the members' rating when given, never "fee-based" for a fee-based service. Example:
    =CBA_SERVICE_DECISION(5,1) gives Terminate or make fee-based."""
    return _decision(effort, value, _given(rating), _given(financing))


@xw.func(category=CATEGORY)
@xw.arg("efforts", ndim=2, doc="One column of efforts (1-5).")
@xw.arg("values", ndim=2, doc="One column of member values (1-5), as many rows as efforts.")
@xw.arg("ratings", ndim=2, doc="Optional: one column of members' ratings (1-5).")
@xw.arg("financings", ndim=2, doc="Optional: one column of financing values.")
@v.cell_errors("CBA_SERVICE_DECISIONS")
def CBA_SERVICE_DECISIONS(
    efforts: Any, values: Any, ratings: Any = v.NOT_GIVEN, financings: Any = v.NOT_GIVEN
) -> Any:
    """CBA_SERVICE_DECISION for a whole table in one call; spills one suggestion per row.
    Example: =CBA_SERVICE_DECISIONS(E5:E29,F5:F29,G5:G29,D5:D29)."""
    e, val = v.column("efforts", efforts), v.column("values", values)
    n = v.same_height(efforts=e, values=val)
    r = [None] * n if ratings is v.NOT_GIVEN else v.column("ratings", ratings)
    f = [None] * n if financings is v.NOT_GIVEN else v.column("financings", financings)
    v.same_height(efforts=e, ratings=r, financings=f)
    return v.as_column(
        v.per_row(lambda k: _decision(e[k], val[k], r[k], f[k]), n, "CBA_SERVICE_DECISIONS")
    )


def _smart(
    goal: object,
    metric: object,
    target: object,
    owner: object,
    deadline: object,
    plan_start: dt.date | None,
) -> str:
    if all(v.blank(x) for x in (goal, metric, target, owner, deadline)):
        return ""
    g = Goal(
        goal=v.text(goal),
        metric=v.text(metric),
        target=v.number("target", target),
        owner=v.text(owner),
        deadline=v.date("deadline", deadline),
    )
    return smart_text(smart_missing(g, plan_start))


@xw.func(category=CATEGORY)
@xw.arg("goal", doc="The goal statement.")
@xw.arg("metric", doc="How it is measured.")
@xw.arg("target", doc="The target number.")
@xw.arg("owner", doc="Who owns the goal.")
@xw.arg("deadline", doc="The deadline (a date).")
@xw.arg("plan_start", doc="Optional: the plan's start; the deadline must come after it.")
@v.cell_errors("CBA_SMART")
def CBA_SMART(
    goal: Any, metric: Any, target: Any, owner: Any, deadline: Any, plan_start: Any = None
) -> Any:
    """SMART check of a goal: SMART, or what is missing in words, e.g. 'Missing: an owner, a
    deadline'. Example: =CBA_SMART(C5,D5,E5,F5,G5,'Action plan'!$D$4)."""
    return _smart(goal, metric, target, owner, deadline, v.date("plan_start", plan_start))


@xw.func(category=CATEGORY)
@xw.arg("goals", ndim=2, doc="The goal statements (one column).")
@xw.arg("metrics", ndim=2, doc="The metrics (one column).")
@xw.arg("targets", ndim=2, doc="The target numbers (one column).")
@xw.arg("owners", ndim=2, doc="The owners (one column).")
@xw.arg("deadlines", ndim=2, doc="The deadlines (one column).")
@xw.arg("plan_start", doc="Optional: the plan's start (one cell).")
@v.cell_errors("CBA_SMARTS")
def CBA_SMARTS(
    goals: Any, metrics: Any, targets: Any, owners: Any, deadlines: Any, plan_start: Any = None
) -> Any:
    """CBA_SMART for a whole table in one call; spills one check per row (empty rows stay
    empty). Example: =CBA_SMARTS(C5:C19,D5:D19,E5:E19,F5:F19,G5:G19,'Action plan'!$D$4)."""
    cols = {
        "goals": v.column("goals", goals),
        "metrics": v.column("metrics", metrics),
        "targets": v.column("targets", targets),
        "owners": v.column("owners", owners),
        "deadlines": v.column("deadlines", deadlines),
    }
    n = v.same_height(**cols)
    start = v.date("plan_start", plan_start)
    g, m, t, o, d = cols.values()
    return v.as_column(
        v.per_row(lambda r: _smart(g[r], m[r], t[r], o[r], d[r], start), n, "CBA_SMARTS")
    )


def _raci(roles: list[object]) -> str:
    cleaned = [v.text(r) for r in roles]
    unknown = [r for r in cleaned if r and any(ch not in "RACI/,; " for ch in r.upper())]
    if unknown:
        raise v.CellProblem(
            f"roles must be R, A, C, I or a combination such as A/C, got '{unknown[0]}'"
        )
    return raci_row_status(cleaned)


@xw.func(category=CATEGORY)
@xw.arg("roles", ndim=2, doc="The row's role cells (R, A, C, I or combinations such as A/C).")
@xw.arg("deliverable", doc="Optional: the row's deliverable; when given but empty, no check.")
@v.cell_errors("CBA_RACI")
def CBA_RACI(roles: Any, deliverable: Any = v.NOT_GIVEN) -> Any:
    """RACI check of one row: OK, Needs exactly one A, or Needs an R. Example:
    =CBA_RACI(C6:N6,B6)."""
    if deliverable is not v.NOT_GIVEN and v.blank(deliverable):
        return ""
    cells = [c for row in v.rows("roles", roles) for c in row]
    return _raci(cells)


@xw.func(category=CATEGORY)
@xw.arg("deliverables", ndim=2, doc="The deliverables (one column).")
@xw.arg("roles", ndim=2, doc="The role cells, one row per deliverable.")
@v.cell_errors("CBA_RACIS")
def CBA_RACIS(deliverables: Any, roles: Any) -> Any:
    """CBA_RACI for a whole matrix in one call; spills one check per row (rows without a
    deliverable stay empty). Example: =CBA_RACIS(B6:B35,C6:N35)."""
    names = v.column("deliverables", deliverables)
    grid = v.rows("roles", roles)
    n = v.same_height(deliverables=names, roles=grid)
    return v.as_column(
        v.per_row(lambda r: "" if v.blank(names[r]) else _raci(grid[r]), n, "CBA_RACIS")
    )


def _due(deadline: object, days: object, start: dt.date | None) -> dt.date | str:
    d = v.date("deadline", deadline)
    n = v.whole("days", days, lo=0)
    result = due_date(d, n, start)
    return "" if result is None else result


@xw.func(category=CATEGORY)
@xw.arg("deadline", doc="The step's deadline date, or empty.")
@xw.arg("days", doc="Days from the plan start, used when there is no deadline date.")
@xw.arg("plan_start", doc="The plan's start date.")
@v.cell_errors("CBA_DUE")
def CBA_DUE(deadline: Any, days: Any, plan_start: Any) -> Any:
    """Due date of a plan step: its deadline, else the plan start plus its days; empty when
    neither is known (template 1.0; 1.1 has deadline dates only). Example: =CBA_DUE(K8,,$D$4)."""
    return _due(deadline, days, v.date("plan_start", plan_start))


@xw.func(category=CATEGORY)
@xw.arg("deadlines", ndim=2, doc="The deadline dates (one column).")
@xw.arg("days", ndim=2, doc="Optional: days from the plan start (one column; template 1.0).")
@xw.arg("plan_start", doc="The plan's start date (one cell).")
@v.cell_errors("CBA_DUES")
def CBA_DUES(deadlines: Any, days: Any, plan_start: Any) -> Any:
    """CBA_DUE for a whole plan in one call; spills one due date per row. Example:
    =CBA_DUES(K8:K47,,$D$4)."""
    d = v.column("deadlines", deadlines)
    n = v.column("days", days) if days is not None else [None] * len(d)
    rows = v.same_height(deadlines=d, days=n)
    start = v.date("plan_start", plan_start)
    return v.as_column(v.per_row(lambda r: _due(d[r], n[r], start), rows, "CBA_DUES"))


def _plan_steps(
    steps: Any, durations: Any, after: Any, deadlines: Any, days: Any
) -> tuple[list[PlanStep | None], list[str]]:
    """One PlanStep per row (None for an empty row) and each row's own problem text."""
    numbers = v.column("steps", steps)
    cols = {"steps": numbers, "durations": v.column("durations", durations)}
    cols["after"] = v.column("after", after)
    cols["deadlines"] = v.column("deadlines", deadlines) if deadlines is not None else []
    cols["days"] = v.column("days", days) if days is not None else []
    n = len(numbers)
    for key in ("deadlines", "days"):
        cols[key] = cols[key] or [None] * n
    v.same_height(**cols)
    plan: list[PlanStep | None] = []
    problems: list[str] = []
    for r in range(n):
        inputs = [cols[k][r] for k in ("durations", "after", "deadlines", "days")]
        if all(v.blank(x) for x in inputs):
            plan.append(None)
            problems.append("")
            continue
        step = PlanStep(row=r, step=r + 1)
        problem = ""
        try:
            step.step = v.whole("step", numbers[r], lo=1) or r + 1
            step.duration = v.whole("duration", cols["durations"][r], lo=0)
            step.after = v.steps("after", cols["after"][r])
            step.deadline = v.date("deadline", cols["deadlines"][r])
            step.days = v.whole("days", cols["days"][r], lo=0)
        except v.CellProblem as p:
            problem = f"row {r + 1}: {p}"
        plan.append(step)
        problems.append(problem)
    return plan, problems


@xw.func(category=CATEGORY)
@xw.arg("steps", ndim=2, doc="The step numbers (one column).")
@xw.arg("durations", ndim=2, doc="Each step's duration in days (one column; may be empty).")
@xw.arg("after", ndim=2, doc="Each step's predecessors, e.g. '1, 2' (one column).")
@xw.arg("deadlines", ndim=2, doc="Optional: deadline dates (one column).")
@xw.arg("days", ndim=2, doc="Optional: days from the plan start (one column).")
@xw.arg("plan_start", doc="Optional: the plan's start date.")
@v.cell_errors("CBA_CRITICAL_PATH")
def CBA_CRITICAL_PATH(
    steps: Any,
    durations: Any,
    after: Any,
    deadlines: Any = None,
    days: Any = None,
    plan_start: Any = None,
) -> Any:
    """The plan's critical path as a dynamic array: the critical step numbers from the first
    to the last day, one per row. Example: =CBA_CRITICAL_PATH(B8:B47,H8:H47,I8:I47,K8:K47,,
    $D$4)."""
    plan, problems = _plan_steps(steps, durations, after, deadlines, days)
    bad = next((p for p in problems if p), "")
    if bad:
        raise v.CellProblem(bad)
    sched = schedule([s for s in plan if s is not None], v.date("plan_start", plan_start))
    if sched.cycle:
        loop = " → ".join(str(n) for n in (*sched.cycle, sched.cycle[0]))
        raise v.CellProblem(f"the steps depend on each other in a loop ({loop})")
    if not sched.path:
        return "no critical path (the plan lasts 0 days)"
    return v.as_column(list(sched.path))


@xw.func(category=CATEGORY)
@xw.arg("steps", ndim=2, doc="The step numbers (one column).")
@xw.arg("durations", ndim=2, doc="Each step's duration in days (one column; may be empty).")
@xw.arg("after", ndim=2, doc="Each step's predecessors, e.g. '1, 2' (one column).")
@xw.arg("deadlines", ndim=2, doc="Optional: deadline dates (one column).")
@xw.arg("days", ndim=2, doc="Optional: days from the plan start (one column).")
@xw.arg("plan_start", doc="Optional: the plan's start date.")
@v.cell_errors("CBA_CRITICAL")
def CBA_CRITICAL(
    steps: Any,
    durations: Any,
    after: Any,
    deadlines: Any = None,
    days: Any = None,
    plan_start: Any = None,
) -> Any:
    """The plan's Critical path column in one call: Yes, In a cycle or empty, one row per step.
    Example, entered outside a table as an array formula over as many rows:
    {=CBA_CRITICAL(B8:B47,H8:H47,I8:I47,K8:K47,,$D$4)}."""
    plan, problems = _plan_steps(steps, durations, after, deadlines, days)
    sched = schedule(
        [s for s, p in zip(plan, problems, strict=True) if s is not None and not p],
        v.date("plan_start", plan_start),
    )
    out: list[object] = []
    for step, problem in zip(plan, problems, strict=True):
        if problem:
            out.append(f"CBA_CRITICAL: {problem}")
        else:
            out.append("" if step is None else critical_text(step, sched))
    return v.as_column(out)


@xw.func(category=CATEGORY)
@xw.arg("picks", ndim=2, doc="One row per participant: their rank 1, 2 and 3 themes.")
@xw.arg("n", doc="Optional: how many themes (default 5).")
@v.cell_errors("CBA_TOP_CHALLENGES")
def CBA_TOP_CHALLENGES(picks: Any, n: Any = 5) -> Any:
    """The cohort's n most frequent challenge themes, most frequent first (ties: more rank
    points, then alphabetical); spills one theme per row. Example:
    =CBA_TOP_CHALLENGES(B2:D40,5)."""
    count = v.whole("n", n, lo=1, hi=len(vocab.CHALLENGE_THEMES)) or 5
    folded = {t.casefold(): t for t in vocab.CHALLENGE_THEMES}
    participants: list[list[ChallengePick]] = []
    for row in v.rows("picks", picks):
        chosen: list[ChallengePick] = []
        for rank, cell in enumerate(row, start=1):
            if v.blank(cell):
                continue
            theme = v.text(cell)
            chosen.append(ChallengePick(rank=rank, theme=folded.get(theme.casefold(), theme)))
        participants.append(chosen)
    top = top_challenges(participants, count)
    return v.as_column(list(top.names))


# --- Template 2.1's strategy review: trends, member needs, competencies, vision & mission -----


def _radar(influence: object, competence: object) -> str:
    i = v.whole("influence", influence, **_SCORE)
    c = v.whole("competence", competence, **_SCORE)
    return radar_quadrant(i, c)


@xw.func(category=CATEGORY)
@xw.arg("influence", doc="Influence strength of the trend, 1 (hardly) to 5 (very strongly).")
@xw.arg("competence", doc="The cluster's competence strength, 1 (none yet) to 5 (known for it).")
@v.cell_errors("CBA_TREND_RADAR")
def CBA_TREND_RADAR(influence: Any, competence: Any) -> Any:
    """Where a trend sits on the trend radar (4-5 is high, 1-2 low): Act: build competence,
    Use strength, Review effort or Monitor; empty while a strength is empty. Example:
    =CBA_TREND_RADAR(5,2) gives Act: build competence."""
    return _radar(influence, competence)


@xw.func(category=CATEGORY)
@xw.arg("influences", ndim=2, doc="One column of influence strengths (1-5).")
@xw.arg("competences", ndim=2, doc="One column of competence strengths (1-5), as many rows.")
@v.cell_errors("CBA_TREND_RADARS")
def CBA_TREND_RADARS(influences: Any, competences: Any) -> Any:
    """CBA_TREND_RADAR for a whole table in one call; spills one place per row. Example:
    =CBA_TREND_RADARS(E5:E24,F5:F24)."""
    i, c = v.column("influences", influences), v.column("competences", competences)
    n = v.same_height(influences=i, competences=c)
    return v.as_column(v.per_row(lambda r: _radar(i[r], c[r]), n, "CBA_TREND_RADARS"))


@xw.func(category=CATEGORY)
@xw.arg("relevances", ndim=2, doc="The needs' relevance column (1-5, 5 = most relevant).")
@v.cell_errors("CBA_NEED_PRIORITIES")
def CBA_NEED_PRIORITIES(relevances: Any) -> Any:
    """The Member needs sheet's Priority column in one call: 1 for the most relevant need,
    ties in the order listed, empty for a need without a relevance; spills one per row.
    Example: =CBA_NEED_PRIORITIES(E5:E24)."""
    rel = v.column("relevances", relevances)
    scores = v.per_row(
        lambda r: v.whole("relevance", rel[r], **_SCORE), len(rel), "CBA_NEED_PRIORITIES"
    )
    rated = [Need(row=r, relevance=s) for r, s in enumerate(scores) if isinstance(s, int)]
    ranks = priorities(rated)
    return v.as_column(
        [s if isinstance(s, str) else ranks.get(r, "") for r, s in enumerate(scores)]
    )


def _listed(services: Any) -> list[str]:
    return [v.text(s) for row in v.rows("listed", services) for s in row]


def _served(need: object, service: object, listed: list[str]) -> str:
    return served_verdict(v.text(need), v.text(service), listed)


@xw.func(category=CATEGORY)
@xw.arg("need", doc="The need (the Their need column).")
@xw.arg("service", doc="The service that serves it, or empty.")
@xw.arg("listed", ndim=2, doc="The Services sheet's Service column: the services offered.")
@v.cell_errors("CBA_NEED_SERVED")
def CBA_NEED_SERVED(need: Any, service: Any, listed: Any) -> Any:
    """Whether a member's need is served: Served, Gap (no service named) or Not a listed
    service; empty without a need. Example: =CBA_NEED_SERVED(C5,F5,Services!$B$5:$B$29)."""
    return _served(need, service, _listed(listed))


@xw.func(category=CATEGORY)
@xw.arg("needs", ndim=2, doc="The needs (one column).")
@xw.arg("services", ndim=2, doc="The service that serves each need (one column).")
@xw.arg("listed", ndim=2, doc="The Services sheet's Service column: the services offered.")
@v.cell_errors("CBA_NEEDS_SERVED")
def CBA_NEEDS_SERVED(needs: Any, services: Any, listed: Any) -> Any:
    """CBA_NEED_SERVED for the whole Member needs table in one call; spills one per row.
    Example: =CBA_NEEDS_SERVED(C5:C24,F5:F24,Services!$B$5:$B$29)."""
    n, s = v.column("needs", needs), v.column("services", services)
    rows = v.same_height(needs=n, services=s)
    offered = _listed(listed)
    return v.as_column(v.per_row(lambda r: _served(n[r], s[r], offered), rows, "CBA_NEEDS_SERVED"))


def _gap(current: object, target: object) -> int | str:
    level = Competency(
        current=v.whole("current", current, **_SCORE), target=v.whole("target", target, **_SCORE)
    )
    return "" if level.gap is None else level.gap


@xw.func(category=CATEGORY)
@xw.arg("current", doc="The current level, 1 (basic) to 5 (expert).")
@xw.arg("target", doc="The level the strategy needs, 1 to 5.")
@v.cell_errors("CBA_COMPETENCE_GAP")
def CBA_COMPETENCE_GAP(current: Any, target: Any) -> Any:
    """The gap in a field of competence: target minus current level (negative when the target
    is below today's level); empty while either is empty. Example: =CBA_COMPETENCE_GAP(2,4)
    gives 2."""
    return _gap(current, target)


@xw.func(category=CATEGORY)
@xw.arg("currents", ndim=2, doc="One column of current levels (1-5).")
@xw.arg("targets", ndim=2, doc="One column of target levels (1-5), as many rows.")
@v.cell_errors("CBA_COMPETENCE_GAPS")
def CBA_COMPETENCE_GAPS(currents: Any, targets: Any) -> Any:
    """CBA_COMPETENCE_GAP for the whole Competencies table in one call; spills one gap per
    row. Example: =CBA_COMPETENCE_GAPS(C5:C10,D5:D10)."""
    c, t = v.column("currents", currents), v.column("targets", targets)
    n = v.same_height(currents=c, targets=t)
    return v.as_column(v.per_row(lambda r: _gap(c[r], t[r]), n, "CBA_COMPETENCE_GAPS"))


@xw.func(category=CATEGORY)
@xw.arg("statement", doc="A text, e.g. the vision or the mission.")
@v.cell_errors("CBA_WORDS")
def CBA_WORDS(statement: Any) -> Any:
    """Words in a text as the Vision & mission sheet counts them (line breaks and runs of
    spaces separate words); empty for an empty cell. Example: =CBA_WORDS(C6)."""
    text = v.text(statement)
    return words(text) if text else ""


@xw.func(category=CATEGORY)
@xw.arg("mission", doc="The mission statement.")
@v.cell_errors("CBA_MISSION_TOO_LONG")
def CBA_MISSION_TOO_LONG(mission: Any) -> Any:
    """TRUE when the mission has more words than a mission people can remember (more than
    25), as cba-xl check warns; FALSE otherwise, also for an empty mission. Example:
    =CBA_MISSION_TOO_LONG(C6)."""
    return mission_too_long(v.text(mission))


@xw.func(category=CATEGORY, volatile=True)
@xw.arg("severity", doc="Optional: error, warning or info; empty counts all findings.")
@v.cell_errors("CBA_FINDINGS")
def CBA_FINDINGS(caller: Any, severity: Any = None) -> Any:
    """Number of findings `cba-xl check` reports for this workbook as last saved (save, then
    recalculate to refresh). Example: =CBA_FINDINGS("error")."""
    book: WorkbookPort = XlwingsBook(caller.sheet.book)
    return _findings(book, severity)


def _findings(book: WorkbookPort, severity: object) -> int:
    wanted = v.choice("severity", severity, ("error", "warning", "info"))
    return count_findings(Path(book.path), wanted)
