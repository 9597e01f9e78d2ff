"""What changed between two submissions of one participant: the coach's "since last time".

Steps, actions and canvas items are matched by their text (case and spacing forgiven), goals by
their ID, findings by code and message (a finding's cell moves when rows move), so renumbering a
plan does not show every step as new. Dates are the plan's one schedule's, so "re-dated" means
the day a step is done by changed, whether through its own duration, a step before it or its
deadline.

Each tool of the registry (`cba_xl.core.tools`) has its entry in `COMPARED`: the plan, the
priority matrix's statuses, the goals and the canvases their own functions; the other tools an
`Items`, the records of one list matched by a key and named as a person recognises them (a
trend by its words, a need by the need and its member, a competence by its field), each field
compared as text. A new tool is one entry there; `tests/test_tools.py` asks for it.
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Callable, Iterable, Mapping, Sequence
from dataclasses import dataclass, replace
from typing import Any, Final, TypeVar

from cba_xl.core import vocab
from cba_xl.core.findings import Finding
from cba_xl.core.models import Canvas, Homework
from cba_xl.core.rules.canvas import item_key
from cba_xl.core.rules.plan import plan_schedule

T = TypeVar("T")

FINDING_KINDS: Final = ("finding resolved", "finding new")


@dataclass(frozen=True, slots=True)
class Difference:
    kind: str  # one of KINDS
    what: str  # the step, action, goal, canvas item or finding, in the newer wording
    before: str = ""
    after: str = ""
    tool: str = ""  # the registry key of the tool it is in; "" for a finding

    def line(self) -> str:
        if self.before or self.after:
            return f"{self.kind}: {self.what}: {self.before or '–'} → {self.after or '–'}"
        return f"{self.kind}: {self.what}"

    def as_dict(self) -> dict[str, str]:
        return {
            "kind": self.kind,
            "what": self.what,
            "before": self.before,
            "after": self.after,
            "tool": self.tool,
        }


def _by(items: Iterable[T], key: Callable[[T], str]) -> dict[str, T]:
    """Items by their key, the first of repeats kept; blank keys left out."""
    out: dict[str, T] = {}
    for item in items:
        k = key(item)
        if k:
            out.setdefault(k, item)
    return out


def _date(day: dt.date | None) -> str:
    return day.isoformat() if day else ""


def _steps(old: Homework, new: Homework) -> list[Difference]:
    before, after = plan_schedule(old), plan_schedule(new)
    was = _by(old.plan, lambda s: item_key(s.action))
    now = _by(new.plan, lambda s: item_key(s.action))
    out: list[Difference] = []
    for k, s in now.items():
        if k not in was:
            out.append(Difference("step added", _step(s.step, s.action, s.responsible)))
    for k, s in was.items():
        if k not in now:
            out.append(Difference("step removed", _step(s.step, s.action, s.responsible)))
    for k, s in now.items():
        if k not in was:
            continue
        o = was[k]
        then, done = before.finish_date_of(o.step), after.finish_date_of(s.step)
        if then != done:
            out.append(
                Difference("step re-dated", f"{s.step}. {s.action}", _date(then), _date(done))
            )
        if item_key(o.responsible) != item_key(s.responsible):
            out.append(
                Difference(
                    "step re-assigned", f"{s.step}. {s.action}", o.responsible, s.responsible
                )
            )
    return out


def _step(n: int, action: str, responsible: str) -> str:
    return f"{n}. {action}" + (f" ({responsible})" if responsible.strip() else "")


def _statuses(old: Homework, new: Homework) -> list[Difference]:
    was = _by(old.actions, lambda a: item_key(a.action))
    return [
        Difference("status", a.action, was[k].status, a.status)
        for k, a in _by(new.actions, lambda a: item_key(a.action)).items()
        if k in was and item_key(was[k].status) != item_key(a.status)
    ]


def _goal_text(goal_id: str, goal: str) -> str:
    return f"{goal_id} {goal}".strip()


def _goals(old: Homework, new: Homework) -> list[Difference]:
    was = _by(old.goals, lambda g: g.goal_id.strip().casefold())
    now = _by(new.goals, lambda g: g.goal_id.strip().casefold())
    out = [
        Difference("goal added", _goal_text(g.goal_id, g.goal))
        for k, g in now.items()
        if k not in was
    ]
    out += [
        Difference("goal removed", _goal_text(g.goal_id, g.goal))
        for k, g in was.items()
        if k not in now
    ]
    for k, g in now.items():
        o = was.get(k)
        if o is None:
            continue
        fields = (
            ("goal", o.goal, g.goal),
            ("target", _number(o.target), _number(g.target)),
            ("owner", o.owner, g.owner),
            ("deadline", _date(o.deadline), _date(g.deadline)),
        )
        for name, a, b in fields:
            if item_key(a) != item_key(b):
                out.append(Difference("goal changed", f"{g.goal_id} {name}", a, b))
    return out


def _number(value: float | None) -> str:
    return "" if value is None else f"{value:g}"


def _canvas(horizon: str, of: Callable[[Homework], Canvas]) -> Callable[..., list[Difference]]:
    def differ(old: Homework, new: Homework) -> list[Difference]:
        out: list[Difference] = []
        for block in vocab.CANVAS_BLOCK_KEYS:
            was = _by(of(old).blocks.get(block, []), item_key)
            now = _by(of(new).blocks.get(block, []), item_key)
            where = f"{vocab.CANVAS_BLOCK_TITLES[block]} ({horizon})"
            out += [
                Difference("canvas added", f"{where}: {v}") for k, v in now.items() if k not in was
            ]
            out += [
                Difference("canvas dropped", f"{where}: {v}")
                for k, v in was.items()
                if k not in now
            ]
        return out

    return differ


def _findings(old: Sequence[Finding], new: Sequence[Finding]) -> list[Difference]:
    def key(f: Finding) -> str:
        return f"{f.code}|{f.message}"

    was, now = _by(old, key), _by(new, key)
    out = [
        Difference("finding resolved", f"{_where(f)}: {f.message}")
        for k, f in was.items()
        if k not in now
    ]
    out += [
        Difference("finding new", f"{_where(f)}: {f.message}")
        for k, f in now.items()
        if k not in was
    ]
    return out


def _text(value: object) -> str:
    """A field as the coach reads it: a yes/no, a number without '.0', a date, steps '2, 5'."""
    if value is None:
        return ""
    if isinstance(value, bool):
        return "Yes" if value else "No"
    if isinstance(value, float):
        return _number(value)
    if isinstance(value, dt.date):
        return value.isoformat()
    if isinstance(value, tuple):
        return ", ".join(str(v) for v in value)
    return str(value)


def _attr(name: str) -> Callable[[Any], object]:
    return lambda record: getattr(record, name)


def _where(f: Finding) -> str:
    """The finding's sheet and cell, the cell as the finding named it in that version."""
    return f"{f.sheet}!{f.cell}" if f.cell else f.sheet


@dataclass(frozen=True)
class Items:
    """One list of a tool's records, compared record by record: added and removed by `key`
    (case and spacing forgiven), each field of a record in both changed as text. `fixed`: the
    template's own rows (the six competence fields, the two statements), never added or
    removed, so a row missing on one side is a row left blank there."""

    noun: str  # "trend": the kinds "trend added", "trend removed", "trend changed"
    records: Callable[[Homework], Sequence[Any]]
    key: Callable[[Any], object]  # matched as text, case and spacing forgiven
    name: Callable[[Any], str]  # what a person recognises it by, in the newer wording
    fields: tuple[tuple[str, Callable[[Any], object]], ...]
    fixed: bool = False

    @property
    def kinds(self) -> tuple[str, ...]:
        changed = (f"{self.noun} changed",)
        return changed if self.fixed else (f"{self.noun} added", f"{self.noun} removed", *changed)

    def __call__(self, old: Homework, new: Homework) -> list[Difference]:
        was = _by(self.records(old), lambda r: item_key(_text(self.key(r))))
        now = _by(self.records(new), lambda r: item_key(_text(self.key(r))))
        out: list[Difference] = []
        if not self.fixed:
            out += [
                Difference(f"{self.noun} added", self.name(r))
                for k, r in now.items()
                if k not in was
            ]
            out += [
                Difference(f"{self.noun} removed", self.name(r))
                for k, r in was.items()
                if k not in now
            ]
        if self.fixed:
            both = [*now, *(k for k in was if k not in now)]
        else:
            both = [k for k in now if k in was]
        for k in both:
            a, b = was.get(k), now.get(k)
            for label, get in self.fields:
                before = _text(get(a)) if a is not None else ""
                after = _text(get(b)) if b is not None else ""
                if item_key(before) != item_key(after):
                    name = self.name(b if b is not None else a)
                    out.append(
                        Difference(f"{self.noun} changed", f"{name} ({label})", before, after)
                    )
        return out


@dataclass(frozen=True)
class Own:
    """A tool compared by its own function (the plan by its schedule, the canvases by block)."""

    kinds: tuple[str, ...]
    run: Callable[[Homework, Homework], list[Difference]]

    def __call__(self, old: Homework, new: Homework) -> list[Difference]:
        return self.run(old, new)


Part = Items | Own


def _named(text: str, who: str) -> str:
    # a dash, not brackets: the field changed follows in brackets
    return f"{text} – {who}" if who.strip() else text


def _statements(hw: Homework) -> list[tuple[str, str, dict[str, bool]]]:
    vm = hw.vision
    return [
        ("Vision", vm.vision, vm.ticks.get("vision", {})),
        ("Mission", vm.mission, vm.ticks.get("mission", {})),
    ]


def _factor(key: str) -> Callable[[Any], object]:
    return lambda statement: statement[2].get(key)


_PROFILE_FIELDS: Final = (
    ("cluster name", "cluster_name"),
    ("region", "region"),
    ("country", "country"),
    ("ecosystem", "ecosystem"),
    ("members", "members"),
    ("founded", "founding_year"),
    ("manager", "manager_name"),
    ("e-mail", "manager_email"),
    ("staff (FTE)", "staff_fte"),
    ("budget (EUR)", "budget_eur"),
    ("public funding share", "share_public"),
    ("membership fees share", "share_fees"),
    ("service income share", "share_services"),
    ("project income share", "share_projects"),
)

# Every tool of the registry, in the order a coach reads the differences: the plan and what
# hangs on it first, then the canvases, then the rest of the homework. A tool with no parts is
# deliberately not compared (its reason beside it).
COMPARED: Final[Mapping[str, tuple[Part, ...]]] = {
    "plan": (Own(("step added", "step removed", "step re-dated", "step re-assigned"), _steps),),
    "priority": (Own(("status",), _statuses),),
    "goals": (Own(("goal added", "goal removed", "goal changed"), _goals),),
    # Its rows are the plan's steps, whose owners "step re-assigned" follows; a 1.x RACI's rows
    # become steps or subtasks when upgraded, so row-by-row roles would report the upgrade.
    "raci": (),
    "canvas_current": (
        Own(("canvas added", "canvas dropped"), _canvas("today", lambda hw: hw.canvas_current)),
    ),
    "canvas_future": (
        Own(
            ("canvas added", "canvas dropped"),
            _canvas("in 5 years", lambda hw: hw.canvas_future),
        ),
    ),
    "changes": (
        Items(
            "business-model change",
            lambda hw: hw.changes,
            _attr("change"),
            lambda c: c.change,
            (
                ("canvas block", lambda c: vocab.CANVAS_BLOCK_TITLES.get(c.block, c.block)),
                ("rank", _attr("priority")),
                ("short-term", _attr("short_term")),
                ("feedback", _attr("feedback")),
            ),
        ),
    ),
    "trends": (
        Items(
            "trend",
            lambda hw: hw.trends,
            _attr("trend"),
            lambda t: t.trend,
            (
                ("PESTEL group", _attr("factor")),
                ("impact", _attr("impact")),
                ("influence", _attr("influence")),
                ("competence", _attr("competence")),
                ("change it drives", _attr("change")),
                ("plan steps", _attr("steps")),
            ),
        ),
    ),
    "needs": (
        Items(
            "need",
            lambda hw: hw.needs,
            lambda n: f"{n.member}|{n.need}" if n.need.strip() else "",
            lambda n: _named(n.need, n.member),
            (
                ("need field", _attr("field")),
                ("relevance", _attr("relevance")),
                ("service", _attr("service")),
                ("change", _attr("change")),
            ),
        ),
    ),
    "services": (
        Items(
            "service",
            lambda hw: hw.services,
            _attr("service"),
            lambda s: s.service,
            (
                ("need-based field", _attr("field")),
                ("financing", _attr("financing")),
                ("effort", _attr("effort")),
                ("value", _attr("value")),
                ("members' rating", _attr("rating")),
                ("decision", _attr("decision")),
            ),
        ),
    ),
    "vision": (
        Items(
            "statement",
            _statements,
            lambda st: st[0],
            lambda st: st[0],
            (
                ("text", lambda st: st[1]),
                *((title, _factor(key)) for key, title in vocab.SUCCESS_FACTORS),
            ),
            fixed=True,
        ),
        Items(
            "objective",
            lambda hw: hw.vision.objectives,
            _attr("objective"),
            lambda o: o.objective,
            (("measure", _attr("measure")), ("year", _attr("year"))),
        ),
    ),
    "competencies": (
        Items(
            "competence",
            lambda hw: hw.competencies,
            _attr("field"),
            lambda c: c.field,
            (
                ("today", _attr("current")),
                ("target", _attr("target")),
                ("closing steps", _attr("steps")),
                ("how", _attr("how")),
            ),
            fixed=True,
        ),
    ),
    "communication": (
        Items(
            "brand",
            lambda hw: [hw.communication],
            lambda _c: "brand",
            lambda _c: "Brand",
            (("values", _attr("brand_values")), ("attributes", _attr("brand_attributes"))),
            fixed=True,
        ),
        Items(
            "target group",
            lambda hw: hw.communication.plan,
            _attr("group"),
            lambda g: g.group,
            (
                ("objective", _attr("objective")),
                ("tools and channels", _attr("channel")),
                ("timing", _attr("timing")),
                ("responsible", _attr("responsible")),
            ),
        ),
    ),
    "challenges": (
        Items(
            "challenge",
            lambda hw: hw.challenges,
            _attr("theme"),
            lambda c: c.theme,
            (("rank", _attr("rank")), ("note", _attr("note"))),
        ),
    ),
    "profile": (
        Items(
            "profile",
            lambda hw: [hw.profile],
            lambda _p: "profile",
            lambda _p: "Profile",
            tuple((label, _attr(name)) for label, name in _PROFILE_FIELDS),
            fixed=True,
        ),
    ),
}

# The kinds of change, in the order a coach reads them.
KINDS: Final = tuple(
    dict.fromkeys(
        [*(k for parts in COMPARED.values() for part in parts for k in part.kinds), *FINDING_KINDS]
    )
)


def same_participant(old: Homework, new: Homework) -> bool:
    """The resubmission rule of consolidate: same cluster name and manager e-mail, case and
    spacing forgiven."""

    def who(hw: Homework) -> tuple[str, str]:
        return item_key(hw.profile.cluster_name), item_key(hw.profile.manager_email)

    return who(old) == who(new)


def compare(
    old: Homework, old_findings: Sequence[Finding], new: Homework, new_findings: Sequence[Finding]
) -> list[Difference]:
    """Every difference, grouped by kind in KINDS order. A tool the newer submission's template
    lacks is not compared (an older template sent after a newer one removes nothing)."""
    found: list[Difference] = []
    for key, parts in COMPARED.items():
        if key not in new.tools:
            continue
        for part in parts:
            found += [replace(d, tool=key) for d in part(old, new)]
    found += _findings(old_findings, new_findings)
    return sorted(found, key=lambda d: KINDS.index(d.kind))


__all__ = ["COMPARED", "KINDS", "Difference", "Items", "Own", "compare", "same_participant"]
