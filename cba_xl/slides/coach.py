"""The coaching pre-read: 3 to 5 slides for the coach preparing the one-hour call on a
participant's action plan ("send us your developed version of the action plan at least 3 days
before your meeting slot"): who they are and their top changes, the plan's schedule and status,
the open findings, the questions for the call and, given the previous submission, what changed.

Every date comes from the plan's one schedule, every question from `questions.py`; the words
are in `templates/slides/coach_*.j2`.
"""

from __future__ import annotations

import datetime as dt
from collections import Counter
from collections.abc import Sequence
from pathlib import Path
from typing import Any

from cba_xl.core import vocab
from cba_xl.core.compare import KINDS, Difference, compare
from cba_xl.core.findings import Finding, Severity, sort_findings
from cba_xl.core.models import Homework
from cba_xl.core.rules.changes import top_changes
from cba_xl.core.rules.schedule import unique_steps
from cba_xl.files.atomic import write_atomically
from cba_xl.slides.brand import DEFAULT_BRAND, Brand
from cba_xl.slides.context import Ctx, bullets, heading
from cba_xl.slides.deck import Deck, Slide
from cba_xl.slides.findings import SHEET_ORDER
from cba_xl.slides.fitting import Para
from cba_xl.slides.profile import region
from cba_xl.slides.questions import Question, questions
from cba_xl.slides.words import Words, default_words

Previous = tuple[Homework, Sequence[Finding]]
SHOWN = 8  # questions and findings on a slide; the notes hold them all


def _add(ctx: Ctx, layout: str, name: str, data: dict[str, Any], notes: list[str]) -> Slide:
    full = {**ctx.base(), **data}
    return ctx.deck.add(
        layout,
        title=ctx.title(name, data),
        kicker=ctx.words.sentence("coach_common", "kicker", full),
        source=ctx.words.sentence("coach_common", "source", full),
        notes=notes,
    )


def _empty(ctx: Ctx, name: str, data: dict[str, Any]) -> list[Para]:
    return [Para(ctx.words.sentence(name, "empty", {**ctx.base(), **data}), italic=True)]


def _left(ctx: Ctx, slide: Slide, paras: list[Para]) -> None:
    area = ctx.deck.take(slide, "Left")
    ctx.deck.textbox(slide, area, paras, max_size=14, min_size=9)


# --- 1. profile and top-3 changes ---------------------------------------------------------


def profile_slide(ctx: Ctx) -> None:
    hw = ctx.hw
    p = hw.profile
    top = top_changes(hw.changes)
    data = {
        "region": region(ctx),
        "members": p.members,
        "manager": p.manager_name,
        "top": len(top),
        "first": top[0].change if top else "",
    }
    notes = ctx.lines("coach_profile", "notes", data)
    slide = _add(ctx, "Two content", "coach_profile", data, notes)
    facts: list[Para] = []
    for line in ctx.lines("coach_profile", "facts", data):
        label, _, value = line.partition("|")
        facts.append(Para(label, bold=True, color="brand", space_before=0.6, scale=0.85))
        facts.append(Para(value))
    picks = sorted((c for c in hw.challenges if c.theme), key=lambda c: c.rank or 99)
    if picks:
        label = ctx.words.sentence("coach_profile", "challenges", data)
        facts.append(Para(label, bold=True, color="brand", space_before=0.6, scale=0.85))
        facts += bullets(c.theme for c in picks[:3])
    _left(ctx, slide, facts or _empty(ctx, "coach_profile", data))
    side = [heading(ctx.words.sentence("coach_profile", "changes_heading", data))]
    for c in top:
        block = vocab.CANVAS_BLOCK_TITLES.get(c.block, "")
        mark = ctx.words.sentence(
            "coach_profile", "change", {**data, "block": block, "short": bool(c.short_term)}
        )
        side.append(Para(f"{c.priority}. {c.change}", bold=True, space_before=0.6))
        if mark:
            side.append(Para(mark, color="muted", scale=0.85))
    if not top:
        side += _empty(ctx, "coach_profile", data)
    ctx.deck.text(slide, "Right", side, max_size=13, min_size=8)


# --- 2. the plan's schedule and status ----------------------------------------------------


def schedule_data(ctx: Ctx) -> dict[str, Any]:
    sched = ctx.schedule
    steps = unique_steps(ctx.hw.plan)
    statuses = Counter(a.status.strip() or "" for a in ctx.hw.actions if a.action.strip())
    return {
        "steps": len(steps),
        "days": sched.duration_days,
        "finish": sched.finish_date,
        "last_deadline": sched.last_deadline,
        "slack": sched.slack_days,
        "cycle": [str(n) for n in sched.cycle],
        "path": [f"{n}. {steps[n].action}" for n in sched.path if n in steps],
        "late": [
            {"step": n, "action": steps[n].action, "days": d, "deadline": sched.deadline(n)}
            for n, d in sched.overrun.items()
        ],
        "early": [f"{n}. {steps[n].action}" for n in sched.early_deadlines if n in steps],
        "unowned": [
            f"{n}. {s.action}" for n, s in steps.items() if s.action and not s.responsible.strip()
        ],
        "statuses": [(s, statuses[s]) for s in vocab.STATUSES if statuses[s]],
        "no_status": statuses[""],
        "actions": sum(statuses.values()),
    }


def schedule_slide(ctx: Ctx) -> None:
    data = schedule_data(ctx)
    notes = ctx.lines("coach_schedule", "notes", data)
    slide = _add(ctx, "Two content", "coach_schedule", data, notes)
    left: list[Para] = []
    for line in ctx.lines("coach_schedule", "facts", data):
        label, _, value = line.partition("|")
        if value:
            left.append(Para(label, bold=True, color="brand", space_before=0.6, scale=0.85))
            left += bullets(value.split(" ;; "), scale=0.9)
        else:
            left.append(Para(label, space_before=0.6))
    _left(ctx, slide, left or _empty(ctx, "coach_schedule", data))
    side = [heading(ctx.words.sentence("coach_schedule", "status_heading", data))]
    side += [Para(line, space_before=0.4) for line in ctx.lines("coach_schedule", "status", data)]
    ctx.deck.text(slide, "Right", side, max_size=13, min_size=8)


# --- 3. the open findings -----------------------------------------------------------------


def open_findings(findings: Sequence[Finding]) -> list[Finding]:
    """Errors first, then warnings, each in workbook order; notes (info) are not open."""
    shown = [f for f in findings if f.severity is not Severity.INFO]
    return sorted(sort_findings(shown, SHEET_ORDER), key=lambda f: f.severity.rank)


def findings_slide(ctx: Ctx) -> None:
    found = open_findings(ctx.findings)
    data = {
        "errors": sum(f.severity is Severity.ERROR for f in found),
        "warnings": sum(f.severity is Severity.WARNING for f in found),
        "shown": min(len(found), SHOWN),
        "total": len(found),
    }
    notes = ctx.lines("coach_findings", "notes", data) + [f.line() for f in found]
    slide = _add(ctx, "Closing", "coach_findings", data, notes)
    paras: list[Para] = []
    for f in found[:SHOWN]:
        role = "alert" if f.severity is Severity.ERROR else "text"
        paras.append(Para(f"{f.loc}: {f.message}", bullet=True, color=role, space_before=0.4))
    if len(found) > SHOWN:
        paras.append(Para(ctx.words.sentence("coach_findings", "more", data), italic=True))
    ctx.deck.text(slide, "Body", paras or _empty(ctx, "coach_findings", data), max_size=14)


# --- 4. questions for the call ------------------------------------------------------------


def question_text(ctx: Ctx, q: Question) -> str:
    return ctx.words.sentence("coach_questions", f"q_{q.kind}", {**ctx.base(), **q.data})


def questions_slide(ctx: Ctx) -> list[Question]:
    asked = questions(ctx.hw, ctx.findings, ctx.schedule)
    texts = [question_text(ctx, q) for q in asked]
    data = {
        "questions": len(asked),
        "late": sum(q.kind == "late" for q in asked),
        "unowned": sum(q.kind == "no_owner" for q in asked),
        "shown": min(len(asked), SHOWN),
    }
    notes = ctx.lines("coach_questions", "notes", data)
    numbered = enumerate(zip(asked, texts, strict=True), start=1)
    notes += [f"{i}. {text} [{q.loc}]" for i, (q, text) in numbered]
    slide = _add(ctx, "Closing", "coach_questions", data, notes)
    paras = [
        Para(f"{i}. {text}", space_before=0.5) for i, text in enumerate(texts[:SHOWN], start=1)
    ]
    if len(asked) > SHOWN:
        paras.append(Para(ctx.words.sentence("coach_questions", "more", data), italic=True))
    ctx.deck.text(slide, "Body", paras or _empty(ctx, "coach_questions", data), max_size=16)
    return asked


# --- 5. progress since the previous submission --------------------------------------------


def progress_slide(ctx: Ctx, differences: Sequence[Difference]) -> None:
    counts = Counter(d.kind for d in differences)
    data = {
        "differences": len(differences),
        "counts": [(k, counts[k]) for k in KINDS if counts[k]],
        "changes": len(differences) - counts["finding resolved"] - counts["finding new"],
        "resolved": counts["finding resolved"],
        "new": counts["finding new"],
        "steps": sum(counts[k] for k in KINDS if k.startswith("step")),
    }
    notes = ctx.lines("coach_progress", "notes", data) + [d.line() for d in differences]
    slide = _add(ctx, "Two content", "coach_progress", data, notes)
    left: list[Para] = []
    for kind in KINDS:
        these = [d for d in differences if d.kind == kind]
        if not these:
            continue
        label = ctx.words.sentence("coach_progress", "kind", {"kind": kind, "n": len(these)})
        left.append(Para(label, bold=True, color="brand", space_before=0.6, scale=0.85))
        left += bullets((_difference(d) for d in these[:4]), scale=0.85)
        if len(these) > 4:
            more = {"more": len(these) - 4}
            left.append(Para(ctx.words.sentence("coach_progress", "more", more), italic=True))
    _left(ctx, slide, left or _empty(ctx, "coach_progress", data))
    side = [heading(ctx.words.sentence("coach_progress", "side_heading", data))]
    side += [Para(line, space_before=0.4) for line in ctx.lines("coach_progress", "side", data)]
    ctx.deck.text(slide, "Right", side, max_size=13, min_size=8)


def _difference(d: Difference) -> str:
    if d.before or d.after:
        return f"{d.what}: {d.before or '–'} → {d.after or '–'}"
    return d.what


# --- the deck -----------------------------------------------------------------------------


def compose_preread(
    homework: Homework,
    findings: Sequence[Finding],
    *,
    previous: Previous | None = None,
    template: Path | None = None,
    source_date: dt.date | None = None,
    brand: Brand = DEFAULT_BRAND,
    words: Words | None = None,
) -> Deck:
    """The pre-read in memory: four slides, five with the previous submission."""
    deck = Deck(template, brand=brand)
    ctx = Ctx(
        homework, list(findings), deck, words or default_words(), source_date or dt.date.today()
    )
    profile_slide(ctx)
    schedule_slide(ctx)
    findings_slide(ctx)
    questions_slide(ctx)
    if previous is not None:
        old, old_findings = previous
        progress_slide(ctx, compare(old, old_findings, homework, findings))
    return deck


def build_preread(
    homework: Homework,
    findings: Sequence[Finding],
    out: Path,
    *,
    previous: Previous | None = None,
    template: Path | None = None,
    source_date: dt.date | None = None,
) -> Path:
    """Write the pre-read to `out` (atomically); the caller decides about replacing a file."""
    deck = compose_preread(
        homework, findings, previous=previous, template=template, source_date=source_date
    )
    return write_atomically(out, deck.save, force=True)


__all__ = ["build_preread", "compose_preread", "open_findings", "question_text"]
