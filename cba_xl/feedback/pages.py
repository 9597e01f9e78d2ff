"""One self-contained HTML page per participant (prints on one or two A4 pages) and the
mail-merge file, written all or none.

The page groups the check's findings by sheet in workbook order, errors first ("Fix first"),
then warnings and notes ("Worth a look"), and names the sheets with nothing to fix. Its plan
sentence comes from the plan's one schedule, like the slides'. Participant text is escaped by
Jinja2's HTML autoescaping.
"""

from __future__ import annotations

import datetime as dt
import os
from collections.abc import Callable, Sequence
from concurrent.futures import ProcessPoolExecutor
from dataclasses import dataclass, field, replace
from functools import cache, partial
from importlib import resources
from itertools import groupby
from pathlib import Path
from typing import Any

import jinja2

from cba_xl.core.findings import Finding, Severity, sort_findings
from cba_xl.core.rules.plan import plan_schedule
from cba_xl.feedback.mailmerge import MailRow, write_mail_merge
from cba_xl.files import sha256
from cba_xl.files.atomic import Outputs
from cba_xl.slides.brand import long_date
from cba_xl.spec import LAYOUT
from cba_xl.wording import count, tally
from cba_xl.workbook_check import CheckResult, check

MAIL_MERGE = "mail-merge.csv"
PER_BATCH = 16  # workbooks a worker process takes at a time


@dataclass
class FeedbackRun:
    pages: list[Path] = field(default_factory=list)
    mail_merge: Path | None = None
    # (workbook, the one line saying why it cannot be used and what to do)
    unusable: list[tuple[Path, str]] = field(default_factory=list)


@cache
def _template() -> jinja2.Template:
    folder = Path(str(resources.files("cba_xl.templates"))) / "feedback"
    env = jinja2.Environment(
        loader=jinja2.FileSystemLoader(str(folder)),
        undefined=jinja2.StrictUndefined,
        autoescape=True,
        trim_blocks=True,
        lstrip_blocks=True,
    )
    return env.get_template("page.html.j2")


def _by_sheet(findings: Sequence[Finding]) -> list[tuple[str, list[tuple[str, str]]]]:
    ordered = sort_findings(findings, LAYOUT.sheets)
    return [
        (sheet, [(f.cell, f.message) for f in group])
        for sheet, group in groupby(ordered, key=lambda f: f.sheet or "Workbook")
    ]


def _summary(errors: int, others: int) -> str:
    if not errors and not others:
        return "Your workbook passed every check: nothing to fix before the coaching call."
    if not errors:
        return f"Nothing to fix; {tally(others, 'point')} worth a look before the coaching call."
    rest = f", and {tally(others, 'point')} worth a look" if others else ""
    return f"Your workbook has {tally(errors, 'error')} to fix first{rest}."


def _plan(result: CheckResult) -> str:
    hw = result.homework
    if hw is None or not hw.plan:
        return ""
    sched = plan_schedule(hw)
    steps = count(len(hw.plan), "step").capitalize()
    if not sched.finish_date:
        return ""
    late, early = len(sched.overrun), len(sched.early_deadlines)
    parts = []
    if late:
        its = "its deadline" if late == 1 else "their deadlines"
        parts.append(f"{count(late, 'step')} cannot meet {its}")
    if early:
        has = "has a deadline" if early == 1 else "have deadlines"
        parts.append(f"{count(early, 'step')} {has} before the plan start")
    tail = "".join(f"; {p}" for p in parts[:1]) + "".join(f" and {p}" for p in parts[1:])
    return f"Your plan: {steps}, done by {long_date(sched.finish_date)}{tail}."


def page_html(
    result: CheckResult,
    *,
    room: str = "",
    today: dt.date | None = None,
    sha: str = "",
    manager: str = "",
) -> str:
    hw = result.homework
    assert hw is not None
    errors = [f for f in result.findings if f.severity is Severity.ERROR]
    others = [f for f in result.findings if f.severity is not Severity.ERROR]
    with_findings = {f.sheet for f in result.findings}
    context: dict[str, Any] = {
        "cluster": hw.cluster or "Unnamed cluster",
        "manager": manager or hw.profile.manager_name,
        "file": result.path.name,
        "sha": sha or sha256(result.path),
        "date": long_date(today or dt.date.today()),
        "summary": _summary(len(errors), len(others)),
        "plan": _plan(result),
        "room": room,
        "errors": _by_sheet(errors),
        "others": _by_sheet(others),
        "fine": [s for s in LAYOUT.input_sheets if s not in with_findings],
    }
    return _template().render(context)


def _page_name(path: Path, taken: set[str]) -> str:
    name, n = f"{path.stem}.html", 2
    while name.casefold() in taken:
        name, n = f"{path.stem}-{n}.html", n + 1
    taken.add(name.casefold())
    return name


def _writer(html: str) -> Callable[[Path], object]:
    return lambda tmp: tmp.write_text(html, encoding="utf-8")


@dataclass(frozen=True)
class _Made:
    """One workbook's page and mail-merge row, or why it could not be used."""

    path: Path
    html: str = ""
    row: MailRow | None = None
    unusable: str = ""  # a line, not the exception: it crosses a process boundary


def _make(
    path: Path,
    rooms: dict[str, str],
    today: dt.date | None,
    people: dict[str, tuple[str, str]] | None = None,
) -> _Made:
    result = check(path, today=today)
    if result.unusable is not None:
        return _Made(path, unusable=result.unusable.line)
    assert result.homework is not None
    sha = sha256(path)
    room = rooms.get(sha, "")
    p = result.homework.profile
    # The roster is the trainer's own list: its name and address win over what the
    # participant typed into the Profile (a typo there would send the mail nowhere).
    name, email = (people or {}).get(sha, ("", ""))
    row = MailRow(
        name=name or p.manager_name,
        email=email or p.manager_email,
        cluster=result.homework.cluster,
        errors=sum(f.severity is Severity.ERROR for f in result.findings),
        warnings=sum(f.severity is Severity.WARNING for f in result.findings),
        room=room,
        file=path.name,
        page="",
    )
    html = page_html(result, room=room, today=today, sha=sha, manager=row.name)
    return _Made(path, html, row)


def _make_all(
    paths: Sequence[Path],
    rooms: dict[str, str],
    today: dt.date | None,
    jobs: int,
    people: dict[str, tuple[str, str]],
) -> list[_Made]:
    """Pages in the order of `paths`; checked in parallel processes for larger folders, as
    `consolidate` does, since reading and checking is most of the time."""
    if jobs <= 1 or len(paths) < 2 * PER_BATCH:
        return [_make(p, rooms, today, people) for p in paths]
    with ProcessPoolExecutor(max_workers=jobs) as pool:
        work = partial(_make, rooms=rooms, today=today, people=people)
        return list(pool.map(work, paths, chunksize=PER_BATCH))


def write_feedback(
    workbooks: Sequence[Path],
    out: Path,
    *,
    rooms: dict[str, str] | None = None,
    people: dict[str, tuple[str, str]] | None = None,
    force: bool = False,
    today: dt.date | None = None,
    jobs: int | None = None,
) -> FeedbackRun:
    """A page per usable workbook and the mail-merge file in `out`, all or none. `people`:
    SHA-256 -> (name, e-mail) from the roster, which win over the Profile's."""
    run = FeedbackRun()
    made = _make_all(workbooks, rooms or {}, today, jobs or os.cpu_count() or 1, people or {})
    rows: list[MailRow] = []
    taken: set[str] = set()
    with Outputs(force=force) as outputs:
        for m in made:
            if m.row is None:
                run.unusable.append((m.path, m.unusable))
                continue
            target = out / _page_name(m.path, taken)
            outputs.stage(target, _writer(m.html))
            run.pages.append(target)
            rows.append(replace(m.row, page=target.name))
        merge = out / MAIL_MERGE
        outputs.stage(merge, lambda tmp: write_mail_merge(tmp, rows))
        run.mail_merge = merge
        outputs.commit()
    return run
