"""What the cohort adds up to: counters fed row by row, and the run's summary for the CLI.

`CohortStats` is filled while the cohort workbook's lists are written (one pass over the kept
submissions) and then feeds the Summary sheet, the Top challenges and Breakout rooms sheets and
the cohort deck. `CohortSummary` is what `consolidate` returns.
"""

from __future__ import annotations

import re
from collections import Counter
from collections.abc import Callable, Sequence
from dataclasses import dataclass, field
from functools import cache
from pathlib import Path
from typing import Any

from cba_xl.cohort import tables as tb
from cba_xl.cohort.record import Rows, Submission
from cba_xl.cohort.roster_match import Outcome, RosterReport
from cba_xl.cohort.themes import Said, Theme, find_themes
from cba_xl.cohort.versions import Versions
from cba_xl.core import vocab
from cba_xl.core.models import ChallengePick
from cba_xl.core.rules.canvas import item_key
from cba_xl.core.rules.challenges import TopChallenges, challenge_frequencies, top_challenges
from cba_xl.core.rules.derived import TERMINATE_OR_CHANGE, TERMINATE_OR_FEE
from cba_xl.core.rules.rooms import assign_rooms, assign_rooms_by_preference
from cba_xl.errors import EXIT_FINDINGS, EXIT_OK, EXIT_UNUSABLE
from cba_xl.wording import tally

SEVERITIES = ("error", "warning", "info")
NOT_GIVEN = "(not given)"  # a service without its financing

# The areas whose free text is grouped into themes (`cba_xl.cohort.themes`), in the order the
# Themes sheet lists them: each canvas block per horizon, the items new in 5 years per block,
# then the business-model changes, the plans' requirements and the services.
CHANGES_AREA = "Business-model changes"
REQUIREMENTS_AREA = "Plan requirements"
SERVICES_AREA = "Services"
FIELDS_AREA = "Service fields"
_REQUIREMENT_PARTS = re.compile(r";|,(?!\d)")  # "Fair stand, brochures"; not "EUR 25,000"


_ITEM, _HORIZON, _BLOCK = (tb.CANVAS.index(h) for h in ("Item", "Horizon", "Block"))
_COMPARED = tb.CANVAS.index("Compared with the other canvas")
_CHANGE = tb.CHANGES.index("Desired change")
_NEEDS = tb.PLAN.index("Requirements")
_SERVICE, _FIELD = tb.SERVICES.index("Service"), tb.SERVICES.index("Field")


def _beside(sub: Submission, column: str) -> Callable[[str], str]:
    """A row's first cell -> the cell of `column` on that row (as the submission has it)."""
    letters = sub.columns.get(column)
    if letters is None:
        return lambda cell: cell
    return lambda cell: letters + cell.lstrip("ABCDEFGHIJKLMNOPQRSTUVWXYZ")


@cache
def canvas_area(horizon: str, block: str) -> str:
    return f"Canvas ({horizon.lower()}): {block}"


@cache
def added_area(block: str) -> str:
    return f"New in 5 years: {block}"


def theme_areas() -> list[str]:
    blocks = [title for _, title, _ in vocab.CANVAS_BLOCKS]
    return [
        *(canvas_area(h, b) for h in vocab.HORIZONS.values() for b in blocks),
        *(added_area(b) for b in blocks),
        CHANGES_AREA,
        REQUIREMENTS_AREA,
        SERVICES_AREA,
        FIELDS_AREA,
    ]


class ItemCounter:
    """How many participants wrote an item, case and spacing forgiven, with its first wording."""

    def __init__(self) -> None:
        self.counts: Counter[str] = Counter()
        self.wording: dict[str, str] = {}
        self._keys: dict[str, str] = {}  # item -> item_key(item): cohorts repeat their items

    def add_participant(self, items: Sequence[str]) -> None:
        mine: dict[str, str] = {}
        for item in items:
            key = self._keys.get(item)
            if key is None:
                if len(self._keys) > 50_000:
                    self._keys.clear()
                key = self._keys[item] = item_key(item)
            if key:
                mine[key] = item
        for key, item in mine.items():
            self.counts[key] += 1
            self.wording.setdefault(key, item.strip())

    def most_common(self, n: int) -> list[tuple[str, int]]:
        ranked = sorted(self.counts.items(), key=lambda kv: (-kv[1], kv[0]))
        return [(self.wording[k], c) for k, c in ranked[:n]]


@dataclass
class CohortStats:
    """Counters over the kept submissions; `add` once per participant."""

    labels: list[str] = field(default_factory=list)
    label_files: dict[str, Submission] = field(default_factory=dict)
    picks: list[list[ChallengePick]] = field(default_factory=list)
    countries: Counter[str] = field(default_factory=Counter)
    ecosystems: Counter[str] = field(default_factory=Counter)
    findings: Counter[str] = field(default_factory=Counter)
    finding_codes: Counter[str] = field(default_factory=Counter)
    # the sheet each error or warning is on
    finding_sheets: Counter[str] = field(default_factory=Counter)
    with_errors: int = 0
    blocks_changed: Counter[str] = field(default_factory=Counter)  # participants per block
    changes_by_block: Counter[str] = field(default_factory=Counter)
    changes: int = 0
    short_term_changes: int = 0
    actions: int = 0
    quadrants: Counter[str] = field(default_factory=Counter)
    action_status: Counter[str] = field(default_factory=Counter)
    with_quick_win: int = 0
    plan_steps: int = 0
    finish_months: Counter[str] = field(default_factory=Counter)
    responsible: ItemCounter = field(default_factory=ItemCounter)
    services: int = 0
    financing: Counter[str] = field(default_factory=Counter)
    decisions: Counter[str] = field(default_factory=Counter)
    matrix_terminate_or_fee: int = 0
    turning_fee_based: int = 0  # participants with at least one service to make fee-based
    # member needs: participants naming a need of each field, and those with a gap in it
    needs: int = 0
    need_fields: Counter[str] = field(default_factory=Counter)
    need_gaps: Counter[str] = field(default_factory=Counter)
    with_needs: int = 0
    # Issue 14: trends rated high influence, low competence, and competence gaps.
    trends: int = 0
    pressing: int = 0  # trends rated high influence and low competence
    pressing_open: int = 0  # of those, without a change or plan step that answers them
    pressing_trends: ItemCounter = field(default_factory=ItemCounter)  # participants per trend
    pressing_by_group: Counter[str] = field(default_factory=Counter)  # PESTEL group -> trends
    assessed: int = 0  # participants who assessed at least one field of competence
    gaps: Counter[str] = field(default_factory=Counter)  # field -> participants with a gap
    gaps_open: Counter[str] = field(default_factory=Counter)  # ... no step closes it
    _themes_of: dict[str, set[str]] = field(default_factory=dict, repr=False)
    # Per participant, for rooms, room briefs and pitch groups (see cohort/rooms.py)
    managers: dict[str, str] = field(default_factory=dict)  # label -> the Profile's manager
    country_of: dict[str, str] = field(default_factory=dict)
    notes: dict[str, dict[str, str]] = field(default_factory=dict)  # label -> theme -> note
    # label -> theme -> the (sheet, cell) of the participant's note on it
    note_cells: dict[str, dict[str, tuple[str, str]]] = field(default_factory=dict)
    service_fields: dict[str, list[str]] = field(default_factory=dict)  # label -> fields
    # What each participant wrote in the areas grouped into themes, with where it is.
    mentions: list[tuple[str, Said]] = field(default_factory=list, repr=False)
    _themes: dict[str, list[Theme]] | None = field(default=None, repr=False)

    def add(self, label: str, sub: Submission, rows: Rows) -> None:
        self.labels.append(label)
        self.label_files[label] = sub
        self.with_errors += sub.status == tb.ERRORS
        for severity, n in sub.findings.items():
            self.findings[severity] += n
        code, level = tb.FINDINGS.index("Code"), tb.FINDINGS.index("Severity")
        for row in rows.get(tb.FINDINGS.key, []):
            self.finding_codes[str(row[code])] += 1
            # Where the errors and warnings are, the ones the deck counts beside it; notes
            # (info) say what a workbook lacks, not what to fix.
            if row[level] in ("error", "warning"):
                self.finding_sheets[str(row[0] or "(no sheet)")] += 1
        country, ecosystem = tb.PROFILE.index("Country"), tb.PROFILE.index("Industrial ecosystem")
        manager = tb.PROFILE.index("Cluster manager")
        for row in rows.get(tb.PROFILE.key, []):
            self.countries[str(row[country] or "?")] += 1
            self.ecosystems[str(row[ecosystem] or "?")] += 1
            self.managers[label] = str(row[manager] or "")
            self.country_of[label] = str(row[country] or "")
        rank, theme = tb.CHALLENGES.index("Rank"), tb.CHALLENGES.index("Challenge theme")
        note = tb.CHALLENGES.index("Note")
        self.notes[label] = {
            str(r[theme]): str(r[note] or "") for r in rows.get(tb.CHALLENGES.key, [])
        }
        # A row's first cell is its theme; the note sits in its own column of that row.
        note_cell = _beside(sub, f"{tb.CHALLENGES.key}.Note")
        self.note_cells[label] = {
            str(r[theme]): (str(r[0]), note_cell(str(r[1])))
            for r in rows.get(tb.CHALLENGES.key, [])
        }
        where = tb.SERVICES.index("Field")
        self.service_fields[label] = [
            str(r[where]) for r in rows.get(tb.SERVICES.key, []) if r[where]
        ]
        self.picks.append(
            [
                ChallengePick(rank=_int(r[rank]), theme=str(r[theme]))
                for r in rows.get(tb.CHALLENGES.key, [])
            ]
        )
        self._canvas(rows.get(tb.CANVAS.key, []))
        self._changes(rows.get(tb.CHANGES.key, []))
        self._actions(rows.get(tb.ACTIONS.key, []))
        self._plan(rows.get(tb.PLAN.key, []))
        self._services(rows.get(tb.SERVICES.key, []))
        self._needs(rows.get(tb.NEEDS.key, []))
        self._trends(rows.get(tb.TRENDS.key, []))
        self._competencies(rows.get(tb.COMPETENCIES.key, []))
        self._mentions(label, sub, rows)
        self._themes = None

    def _trends(self, rows: list[Any]) -> None:
        at = tb.TRENDS.index
        name, group, radar = at("Trend"), at("PESTEL factor group"), at("On the trend radar")
        answered = at("Answered")
        pressing = []
        for row in rows:
            self.trends += 1
            if row[radar] != vocab.TREND_ACT:
                continue
            self.pressing += 1
            self.pressing_open += row[answered] != "Yes"
            self.pressing_by_group[str(row[group] or "(no group)")] += 1
            pressing.append(str(row[name] or ""))
        self.pressing_trends.add_participant(pressing)

    def _competencies(self, rows: list[Any]) -> None:
        at = tb.COMPETENCIES.index
        name, gap, closed = at("Field of competence"), at("Gap"), at("Closed by a step")
        self.assessed += any(row[gap] is not None for row in rows)
        for row in rows:
            if isinstance(row[gap], int) and row[gap] > 0:
                self.gaps[str(row[name])] += 1
                self.gaps_open[str(row[name])] += row[closed] != "Yes"

    def _mentions(self, label: str, sub: Submission, rows: Rows) -> None:
        out, file = self.mentions, sub.file
        for row in rows.get(tb.CANVAS.key, []):
            text = row[_ITEM]
            if isinstance(text, str) and text.strip():
                horizon, block = str(row[_HORIZON]), str(row[_BLOCK])
                said = Said(text.strip(), label, file, str(row[0]), str(row[1]))
                out.append((canvas_area(horizon, block), said))
                if row[_COMPARED] == "added":
                    out.append((added_area(block), said))
        for row in rows.get(tb.CHANGES.key, []):
            text = row[_CHANGE]
            if isinstance(text, str) and text.strip():
                out.append(
                    (CHANGES_AREA, Said(text.strip(), label, file, str(row[0]), str(row[1])))
                )
        # Requirements and fields sit beside their row's first cell: their own column's cell.
        needs = _beside(sub, f"{tb.PLAN.key}.Requirements")
        for row in rows.get(tb.PLAN.key, []):
            # A cell lists several requirements; each is a mention of its own.
            for part in _REQUIREMENT_PARTS.split(str(row[_NEEDS] or "")):
                if part.strip():
                    said = Said(part.strip(), label, file, str(row[0]), needs(str(row[1])))
                    out.append((REQUIREMENTS_AREA, said))
        field_cell = _beside(sub, f"{tb.SERVICES.key}.Field")
        for row in rows.get(tb.SERVICES.key, []):
            name, kind = row[_SERVICE], row[_FIELD]
            if isinstance(name, str) and name.strip():
                out.append(
                    (SERVICES_AREA, Said(name.strip(), label, file, str(row[0]), str(row[1])))
                )
            if isinstance(kind, str) and kind.strip():
                said = Said(kind.strip(), label, file, str(row[0]), field_cell(str(row[1])))
                out.append((FIELDS_AREA, said))

    def themes(self) -> dict[str, list[Theme]]:
        """The themes of every area (`theme_areas`), computed once all participants are in."""
        if self._themes is None:
            self._themes = find_themes(self.mentions)
        return self._themes

    def themes_of(self, area: str) -> list[Theme]:
        return self.themes().get(area, [])

    def _canvas(self, rows: list[Any]) -> None:
        # What the items are, and which are shared, the themes tell (`_mentions`).
        changed: set[str] = set()
        b, c = tb.CANVAS.index("Block"), tb.CANVAS.index("Compared with the other canvas")
        for row in rows:
            if row[c] != "kept":
                changed.add(row[b])
        for block in changed:
            self.blocks_changed[block] += 1

    def _changes(self, rows: list[Any]) -> None:
        b, s = tb.CHANGES.index("Canvas block"), tb.CHANGES.index("Short-term")
        for row in rows:
            block, short_term = row[b], row[s]
            self.changes += 1
            self.changes_by_block[block or "(no block given)"] += 1
            self.short_term_changes += short_term == "Yes"

    def _actions(self, rows: list[Any]) -> None:
        quick = False
        q, s = tb.ACTIONS.index("Quadrant"), tb.ACTIONS.index("Status")
        for row in rows:
            quadrant, status = row[q], row[s]
            self.actions += 1
            self.quadrants[quadrant or "(not rated)"] += 1
            self.action_status[status or "(no status)"] += 1
            quick = quick or quadrant == vocab.QUICK_WIN
        self.with_quick_win += quick

    def _plan(self, rows: list[Any]) -> None:
        month, who = tb.PLAN.index("Finish month"), tb.PLAN.index("Responsible")
        for row in rows:
            self.plan_steps += 1
            self.finish_months[str(row[month] or "(no date)")] += 1
        self.responsible.add_participant([str(row[who] or "") for row in rows])

    def _services(self, rows: list[Any]) -> None:
        fin, dec = tb.SERVICES.index("Financing"), tb.SERVICES.index("Decision")
        sug = tb.SERVICES.index("Matrix suggests")
        fee_based = False
        for row in rows:
            financing, decision = str(row[fin] or ""), str(row[dec] or "")
            self.services += 1
            self.financing[financing or NOT_GIVEN] += 1
            self.decisions[decision or "(no decision)"] += 1
            self.matrix_terminate_or_fee += row[sug] in (TERMINATE_OR_FEE, TERMINATE_OR_CHANGE)
            fee_based = fee_based or decision == "Make fee-based"
        self.turning_fee_based += fee_based

    def _needs(self, rows: list[Any]) -> None:
        """Each field once per participant: how many clusters share a need, not how often one
        cluster wrote it."""
        field_at, gap_at = tb.NEEDS.index("Need field"), tb.NEEDS.index("Gap")
        fields: set[str] = set()
        gaps: set[str] = set()
        for row in rows:
            name = str(row[field_at] or NOT_GIVEN)
            self.needs += 1
            fields.add(name)
            if row[gap_at] == "Yes":
                gaps.add(name)
        self.with_needs += bool(rows)
        self.need_fields.update(fields)
        self.need_gaps.update(gaps)

    def shared_needs(self) -> list[tuple[str, int, int]]:
        """(need field, clusters naming it, clusters with no service for it), most shared
        first, ties alphabetically; fields nobody named are left out."""
        ranked = sorted(self.need_fields.items(), key=lambda kv: (-kv[1], kv[0]))
        return [(name, n, self.need_gaps.get(name, 0)) for name, n in ranked]

    @property
    def participants(self) -> int:
        return len(self.labels)

    def top(self, n: int) -> TopChallenges:
        return top_challenges(self.picks, n=n)

    def frequencies(self) -> list[Any]:
        return challenge_frequencies(self.picks)

    def rooms(self, n: int, seed: int, by: str = "random") -> dict[str, list[str]]:
        themes = list(self.top(n).names)
        if not themes:
            return {}
        if by == "preference":
            return assign_rooms_by_preference(self.ranked(), themes, seed)
        return assign_rooms(self.labels, themes, seed)

    def ranked(self) -> dict[str, list[str]]:
        """Participant -> the themes they ranked, highest first (unranked picks last)."""
        return {
            label: [p.theme for p in sorted(picks, key=lambda p: (p.rank < 1, p.rank)) if p.theme]
            for label, picks in zip(self.labels, self.picks, strict=True)
        }

    def picked(self, label: str, theme: str) -> bool:
        if len(self._themes_of) != len(self.labels):
            self._themes_of = {
                lab: {p.theme for p in picks}
                for lab, picks in zip(self.labels, self.picks, strict=True)
            }
        return theme in self._themes_of.get(label, set())


@dataclass(frozen=True, slots=True)
class Rejected:
    file: Path
    reason: str
    hint: str = ""


@dataclass
class CohortSummary:
    """The result of a consolidation run."""

    files: int = 0  # workbook files found (rejected and superseded ones included)
    participants: int = 0
    with_errors: int = 0
    rejected: list[Rejected] = field(default_factory=list)
    duplicates: list[tuple[Path, Path]] = field(default_factory=list)  # (kept, dropped)
    skipped: list[tuple[Path, str]] = field(default_factory=list)
    findings: dict[str, int] = field(default_factory=lambda: dict.fromkeys(SEVERITIES, 0))
    outputs: list[Path] = field(default_factory=list)
    top: tuple[str, ...] = ()
    tie_decided: tuple[int, ...] = ()
    tie_rule: str = ""
    rooms: dict[str, list[str]] = field(default_factory=dict)
    rooms_by: str = "random"  # or "preference"
    in_picked_room: int = 0  # participants whose room is a theme they picked
    pitch: list[list[str]] = field(default_factory=list)  # with --pitch-groups: the groups
    pitch_size: int = 0  # at most this many per pitch group
    roster: RosterReport | None = None  # with --roster: who submitted, and who did not
    versions: Versions = field(default_factory=Versions)  # every submission per participant
    seconds: float = 0.0

    def as_json(self) -> dict[str, Any]:
        return {
            "participants": self.participants,
            "rejected": [{"file": str(r.file), "reason": r.reason} for r in self.rejected],
            "duplicates": [{"kept": str(k), "dropped": str(d)} for k, d in self.duplicates],
            "findings": {s: int(self.findings.get(s, 0)) for s in SEVERITIES},
            "outputs": [str(p) for p in self.outputs],
            "versions": self.versions.as_json(),
            "rooms": {
                "by": self.rooms_by,
                "participants": sum(len(m) for m in self.rooms.values()),
                "in_a_room_they_picked": self.in_picked_room,
            },
            **({"pitch_groups": self.pitch} if self.pitch_size else {}),
            **(_roster_json(self.roster) if self.roster is not None else {}),
        }

    @property
    def exit_code(self) -> int:
        if self.participants == 0:
            return EXIT_UNUSABLE
        if self.rejected or self.with_errors:
            return EXIT_FINDINGS
        return EXIT_OK

    def lines(self) -> list[str]:
        """The one-screen summary printed at the end of a run."""
        f = self.findings
        out = [
            f"{tally(self.files, 'file')} found, {tally(self.participants, 'participant')} "
            f"consolidated in {self.seconds:.1f} s",
            f"  with errors: {self.with_errors}   findings: {tally(f.get('error', 0), 'error')}, "
            f"{tally(f.get('warning', 0), 'warning')}, {f.get('info', 0)} info",
        ]
        if self.top:
            tied = (
                f" (tie rule decided position(s) {_join(self.tie_decided)})"
                if self.tie_decided
                else ""
            )
            out.append(f"  top {len(self.top)} challenges{tied}:")
            out += [f"    {i}. {theme}" for i, theme in enumerate(self.top, start=1)]
        if self.rooms:
            sizes = [len(members) for members in self.rooms.values()]
            each = f"{min(sizes)}" if min(sizes) == max(sizes) else f"{min(sizes)}-{max(sizes)}"
            placed = sum(sizes)
            out.append(
                f"  breakout rooms ({self.rooms_by}): {len(self.rooms)}, {each} participants "
                f"each; {self.in_picked_room} of {placed} in a room they picked"
            )
        if self.pitch:
            sizes = sorted({len(g) for g in self.pitch})
            out.append(
                f"  pitch groups: {len(self.pitch)} of {'-'.join(map(str, sizes))} participants "
                f"(at most {self.pitch_size})"
            )
        out += _listed(
            "rejected",
            [f"{r.file}: {r.reason}" + (f": {r.hint}" if r.hint else "") for r in self.rejected],
        )
        out += _listed(
            "superseded by a newer submission",
            [f"{d} (kept: {k})" for k, d in self.duplicates],
        )
        out += _listed("skipped", [f"{p}: {why}" for p, why in self.skipped])
        again = self.versions.lines()
        if again:
            out.append(f"  versions: {len(self.versions.resubmitted())} sent more than one")
            out += again
        if self.roster is not None:
            out += _roster_lines(self.roster)
        out += [f"  written: {p}" for p in self.outputs]
        return out


def _roster_json(r: RosterReport) -> dict[str, Any]:
    def person(o: Outcome) -> dict[str, Any]:
        return {"name": o.person.name, "email": o.person.email, "row": o.person.row}

    return {
        "roster": {"file": str(r.file), "people": len(r.people), "submitted": len(r.submitted)},
        "missing": [
            {"name": p.name, "email": p.email, "cluster": p.cluster, "row": p.row}
            for p in r.missing
        ],
        "unusable": [
            {
                **person(o),
                "files": [str(s.file) for s in o.unusable],
                "reason": o.unusable[0].reason,
            }
            for o in r.unusable
        ],
        "resubmitted": [
            {
                **person(o),
                "kept": [str(s.file) for s in o.kept],
                "superseded": [str(s.file) for s in o.superseded],
            }
            for o in r.twice
        ],
        "not_on_roster": [
            {"file": str(s.file), "cluster": s.cluster, "email": s.email} for s in r.not_on_roster
        ],
    }


def _roster_lines(r: RosterReport) -> list[str]:
    out = [
        f"  roster: {len(r.submitted)} of {tally(len(r.people), 'person', 'people')} submitted "
        f"({r.file})"
    ]
    out += _listed(
        "not submitted",
        [p.shown + (f" <{p.email}>" if p.name and p.email else "") for p in r.missing],
    )
    out += _listed(
        "workbook unusable",
        [f"{o.person.shown}: {o.unusable[0].file}: {o.unusable[0].reason}" for o in r.unusable],
    )
    out += _listed(
        "submitted more than once",
        [
            f"{o.person.shown}: "
            + ", ".join(
                [f"{Path(s.file).name} kept" for s in o.kept]
                + [f"{Path(s.file).name} superseded" for s in o.superseded]
            )
            for o in r.twice
        ],
    )
    out += _listed(
        "not on the roster",
        [
            f"{s.file} ({s.cluster or 'no cluster name'}, {s.email or 'no e-mail'})"
            for s in r.not_on_roster
        ],
    )
    return out


def _int(value: object) -> int:
    return value if isinstance(value, int) else 0


def _join(numbers: Sequence[int]) -> str:
    return ", ".join(str(n) for n in numbers)


def _listed(title: str, items: list[str], limit: int = 10) -> list[str]:
    if not items:
        return []
    out = [f"  {title}: {len(items)}"]
    out += [f"    {item}" for item in items[:limit]]
    if len(items) > limit:
        out.append(f"    ... and {len(items) - limit} more (see the cohort workbook)")
    return out
