"""The cohort workbook: XlsxWriter for the package, sheet_stream for the big lists' rows.

Every list is an Excel Table. XlsxWriter writes the package, the small sheets and every table
with its header and range; the rows of the per-participant lists, rendered by the workers, are
spliced into their sheets as the package is copied to `path` (see sheet_stream). Participant
text is only ever written as text (`write_string`, or an inline string), so a value starting
with = + - or @ stays text; the workbook holds no formula at all.
"""

from __future__ import annotations

import datetime as dt
import io
import math
from collections.abc import Callable, Iterator, Sequence
from pathlib import Path
from typing import Any, Final

import xlsxwriter

from cba_xl.cohort import tables as tb
from cba_xl.cohort.pitch import pitch_groups_of
from cba_xl.cohort.record import Submission, Value
from cba_xl.cohort.resubmissions import RULE
from cba_xl.cohort.rooms import rooms_with_members
from cba_xl.cohort.roster_match import MATCH_RULE, NOT_ON_ROSTER, RosterReport
from cba_xl.cohort.sheet_stream import (
    RowRenderer,
    SheetBody,
    Splice,
    inflate,
    splice_package,
)
from cba_xl.cohort.summary import CohortStats, theme_areas
from cba_xl.cohort.summary_sheet import write_summary
from cba_xl.cohort.tables import Column, Kind, ListSheet, by_header
from cba_xl.cohort.themes import RULE as THEME_RULE
from cba_xl.cohort.versions import STEPS, Versions
from cba_xl.core.rules.pitch import RULE as PITCH_RULE
from cba_xl.core.rules.rooms import PREFERENCE_RULE
from cba_xl.excel.xlsxwriter_internals import add_table_unchecked
from cba_xl.files import COHORT_PROPERTY, COHORT_VALUE

SUMMARY = "Summary"
PARTICIPANTS = "Participants"
VERSIONS = "Versions"
TOP = "Top challenges"
ROOMS = "Breakout rooms"
PITCH = "Pitch groups"
REJECTED = "Rejected"
THEMES = "Themes"
# The sheets that follow a tool's list: the challenge picks' rankings and rooms.
SHARED_NEEDS = "Shared needs"
_AFTER: Final = {tb.CHALLENGES.key: (TOP, ROOMS, PITCH), tb.NEEDS.key: (SHARED_NEEDS,)}
ORDER = (
    SUMMARY,
    PARTICIPANTS,
    VERSIONS,
    *(name for spec in tb.LISTS for name in (spec.sheet, *_AFTER.get(spec.key, ()))),
    THEMES,
    tb.FINDINGS.sheet,
    REJECTED,
)
LISTS = (*tb.LISTS, tb.FINDINGS)
NOTE_ROWS = 3  # title, explanation, blank: sheets with a note have their table below it
NAVY = "#1F3864"
CHUNK = 1 << 20  # bytes of rows handed to the zip writer at a time

# The rows of one list for one participant, rendered by a worker: (submission, ListSheet.key).
Rendered = Callable[[Submission, str], bytes]


class CohortWorkbook:
    """Open it with the rows per list, then `finish` with the participants in order."""

    def __init__(self, path: Path, counts: dict[str, int], *, constant_memory: bool = True):
        self.path = path
        self.counts = counts
        self.skeleton = io.BytesIO()  # XlsxWriter's package, before the lists' rows are added
        self.book = xlsxwriter.Workbook(
            self.skeleton,
            {
                "constant_memory": constant_memory,
                # Belt and braces: `write` is never called on participant data, but if it were,
                # a string must still never turn into a formula, number or link.
                "strings_to_formulas": False,
                "strings_to_numbers": False,
                "strings_to_urls": False,
                "default_date_format": "yyyy-mm-dd",
            },
        )
        self.book.set_properties({"title": "Cohort consolidation", "creator": "cba-xl"})
        self.book.set_custom_property(COHORT_PROPERTY, COHORT_VALUE)
        self.constant_memory = constant_memory
        b = self.book
        self.fmt = {
            "date": b.add_format({"num_format": "yyyy-mm-dd"}),
            "datetime": b.add_format({"num_format": "yyyy-mm-dd hh:mm"}),
            "title": b.add_format({"bold": True, "font_size": 16, "font_color": NAVY}),
            "note": b.add_format(
                {"italic": True, "font_color": "#404040", "text_wrap": True, "valign": "top"}
            ),
            "wrap": b.add_format({"text_wrap": True, "valign": "top"}),
            "bold": b.add_format({"bold": True}),
            # Table styles colour the header in Excel; LibreOffice ignores them, so say it too.
            "header": b.add_format(
                {"bold": True, "font_color": "#FFFFFF", "bg_color": NAVY, "text_wrap": True}
            ),
        }
        self.sheets = {name: b.add_worksheet(name) for name in ORDER}
        for ws in self.sheets.values():
            # Printed (or rendered) a sheet fits the page width, headers repeated.
            ws.set_landscape()
            ws.set_paper(9)  # A4
            ws.fit_to_pages(1, 0)
        # Sheet name -> (header row, columns, rows) of the small sheets' streamed tables.
        self.plain: dict[str, tuple[int, Sequence[Column], Sequence[Sequence[Value]]]] = {}
        for spec in LISTS:
            self._table(
                self.sheets[spec.sheet], 0, spec.table, spec.columns, counts.get(spec.key, 0)
            )

    # -- the sheets written once every participant is in ------------------------------------

    def finish(
        self,
        stats: CohortStats,
        everyone: Sequence[Submission],
        superseded_by: dict[str, str],
        skipped: Sequence[tuple[Path, str]],
        *,
        roster: RosterReport | None = None,
        rooms: dict[str, list[str]],
        n_rooms: int,
        seed: int,
        made: dt.datetime,
        rooms_by: str = "random",
        pitch: Sequence[list[str]] = (),
        pitch_size: int = 0,
        kept: Sequence[tuple[str, Submission]],
        rendered: Rendered,
        versions: Versions | None = None,
        advance: Callable[[int], None] = lambda n: None,
    ) -> None:
        """Write the small sheets, then the package to `path` with every kept participant's
        rows (`kept` in order, as (label, submission)) in the lists."""
        self.n_rooms = n_rooms
        self._participants(everyone, superseded_by, skipped, roster)
        self._versions(versions or Versions())
        self._top(stats, n_rooms)
        self._rooms(stats, rooms, seed, roster, rooms_by)
        self._pitch(stats, list(pitch), pitch_size, roster)
        self._shared_needs(stats)
        self._themes(stats)
        self._rejected([s for s in everyone if not s.usable])
        write_summary(self, stats, everyone, superseded_by, skipped, made=made, roster=roster)
        self.book.close()
        styles = {key: self.fmt[key].xf_index for key in ("date", "datetime")}
        assert None not in styles.values(), styles  # both are column formats, so registered
        size = sum(sub.xml_size for _, sub in kept)
        splices = {
            spec.sheet: Splice(
                last_row=1 + self.counts.get(spec.key, 0),
                last_col=len(spec.columns) - 1,
                chunks=self._rows_of(spec, kept, rendered, styles, advance),
                # Row numbers, labels and files filled in make a list's XML up to twice as big;
                # all the lists together bound any one of them.
                size_hint=size * 2,
            )
            for spec in LISTS
        }
        for sheet, (top, columns, rows) in self.plain.items():
            splices[sheet] = Splice(
                last_row=top + 1 + len(rows),
                last_col=len(columns) - 1,
                chunks=self._plain_rows(top, columns, rows, styles),
            )
        self.skeleton.seek(0)
        splice_package(self.skeleton, self.path, splices)

    @staticmethod
    def _plain_rows(
        top: int, columns: Sequence[Column], rows: Sequence[Sequence[Value]], styles: dict[str, int]
    ) -> Callable[[], Iterator[bytes]]:
        def chunks() -> Iterator[bytes]:
            text = RowRenderer(columns).render_plain(rows).encode("utf-8", "replace")
            yield SheetBody(top + 2, styles).fill(text, len(rows))

        return chunks

    @staticmethod
    def _rows_of(
        spec: ListSheet,
        kept: Sequence[tuple[str, Submission]],
        rendered: Rendered,
        styles: dict[str, int],
        advance: Callable[[int], None],
    ) -> Callable[[], Iterator[bytes]]:
        def chunks() -> Iterator[bytes]:
            body = SheetBody(2, styles, spec)
            pending: list[bytes] = []
            size = done = 0
            for label, sub in kept:
                text = inflate(rendered(sub, spec.key))
                rows = body.add(label, sub.file, sub.sha256, text, sub.counts.get(spec.key, 0))
                pending.append(rows)
                size += len(rows)
                done += 1
                if size >= CHUNK:
                    yield b"".join(pending)
                    advance(done)
                    pending, size, done = [], 0, 0
            yield b"".join(pending)
            advance(done)

        return chunks

    def _participants(
        self,
        everyone: Sequence[Submission],
        superseded_by: dict[str, str],
        skipped: Sequence[tuple[Path, str]],
        roster: RosterReport | None = None,
    ) -> None:
        ws = self.sheets[PARTICIPANTS]
        title, note = "Participants: every file found, and what became of it", RULE
        if roster is not None:
            title = (
                f"Participants: every file found, and every person on the roster "
                f"({len(roster.submitted)} of {len(roster.people)} submitted)"
            )
            note = (
                f"{RULE} {MATCH_RULE} Roster: {roster.file}. People on the roster without a "
                f"usable file are listed last, as '{tb.NOT_SUBMITTED}' (or with their unusable "
                "file's status)."
            )
        self._heading(ws, title, note)
        rows: list[tuple[Value, ...]] = []
        for s in sorted(everyone, key=lambda s: s.file):
            status, note = s.status, s.reason
            if s.file in superseded_by:
                status, note = tb.SUPERSEDED, f"superseded by {superseded_by[s.file]}"
            f = s.findings
            sheet, cell = s.cluster_cell
            values: dict[str, Value] = {
                "File": s.file,
                "Status": status,
                "Note": note,
                "Participant": s.cluster,
                "Manager e-mail": s.email,
                **_roster_cells(roster, s),
                "Country": s.country,
                "Template version": s.template_version,
                "Saved in Excel": s.saved,
                "File modified": dt.datetime.fromtimestamp(s.mtime) if s.mtime else None,
                "Errors": f["error"] if s.usable else None,
                "Warnings": f["warning"] if s.usable else None,
                "Info": f["info"] if s.usable else None,
                "SHA-256": s.sha256,
                "Sheet": sheet,
                "Cell": cell,
            }
            rows.append(by_header(PARTICIPANTS, tb.PARTICIPANTS_COLUMNS, values))
        for path, why in skipped:
            skip: dict[str, Value] = {"File": str(path), "Status": tb.SKIPPED, "Note": why}
            rows.append(by_header(PARTICIPANTS, tb.PARTICIPANTS_COLUMNS, skip, rest_blank=True))
        file = [c.header for c in tb.PARTICIPANTS_COLUMNS].index("File")
        rows.sort(key=lambda r: str(r[file]))
        for p in roster.missing if roster is not None else ():
            person: dict[str, Value] = {
                "Status": tb.NOT_SUBMITTED,
                "Note": f"roster row {p.row}; no file matches this person",
                "Participant": p.cluster,
                "Name (roster)": p.name,
                "E-mail (roster)": p.email,
            }
            rows.append(by_header(PARTICIPANTS, tb.PARTICIPANTS_COLUMNS, person, rest_blank=True))
        self.list_table(ws, NOTE_ROWS, "Participants", tb.PARTICIPANTS_COLUMNS, rows, stream=True)

    def _versions(self, versions: Versions) -> None:
        ws = self.sheets[VERSIONS]
        again = versions.resubmitted()
        self._heading(
            ws,
            f"Versions: every submission of each participant; {len(again)} sent more than one",
            f"{RULE} Each version is compared with the one before it as `cba-xl compare` does: "
            "steps matched by their text and dated by the plan's one schedule, findings by "
            "code and message. Other changes, by tool: steps re-assigned, action statuses, "
            "goals, canvas items and the items of every other sheet (trends by their words, "
            "needs by need and member, competencies by field, ...).",
        )
        rows: list[tuple[Value, ...]] = []
        for v in versions.rows:
            s, c = v.sub, v.changes
            counted: dict[str, Value] = {
                "Steps added": c["step added"] if c is not None else None,
                "Steps removed": c["step removed"] if c is not None else None,
                "Steps re-dated": c[STEPS[2]] if c is not None else None,
                "Other changes": v.other if c is not None else None,
                "Findings resolved": c["finding resolved"] if c is not None else None,
                "Findings new": c["finding new"] if c is not None else None,
            }
            values: dict[str, Value] = {
                "Participant": v.participant,
                "Version": v.number,
                "Of": v.of,
                "Consolidated": "Yes" if v.consolidated else "No",
                "Saved in Excel": s.saved,
                "File modified": dt.datetime.fromtimestamp(s.mtime) if s.mtime else None,
                **counted,
                "Against the previous version": v.summary(),
                "File": s.file,
                "SHA-256": s.sha256,
            }
            rows.append(by_header(VERSIONS, tb.VERSIONS_COLUMNS, values))
        self.list_table(ws, NOTE_ROWS, "Versions", tb.VERSIONS_COLUMNS, rows, stream=True)

    def _top(self, stats: CohortStats, n: int) -> None:
        ws = self.sheets[TOP]
        top = stats.top(n)
        self._heading(ws, f"Challenge themes by frequency; the top {len(top.themes)}", top.rule)
        place = {t.theme: i for i, t in enumerate(top.themes, start=1)}
        rows: list[tuple[Value, ...]] = []
        for i, t in enumerate(stats.frequencies(), start=1):
            pos = place.get(t.theme)
            decided = ""
            if pos in top.alphabetical:
                decided = "tie rule: alphabetical order"
            elif pos in top.tie_decided:
                decided = "tie rule: rank points"
            elif pos is not None:
                decided = "number of participants"
            values: dict[str, Value] = {
                "Position": i,
                "Challenge theme": t.theme,
                "Participants": t.count,
                "Rank points": t.points,
                "Ranked first": t.first,
                "Breakout room": f"Room {pos}" if pos else "",
                "Place decided by": decided,
            }
            rows.append(by_header(TOP, tb.TOP_COLUMNS, values))
        self.list_table(ws, NOTE_ROWS, "TopChallenges", tb.TOP_COLUMNS, rows)
        self.top_rows = (NOTE_ROWS + 1, NOTE_ROWS + len(rows))

    def _shared_needs(self, stats: CohortStats) -> None:
        ws = self.sheets[SHARED_NEEDS]
        self._heading(
            ws,
            "Key member needs many clusters share, by need field",
            "Each field counted once per cluster; a gap is a need no service of the cluster "
            "serves.",
        )
        rows: list[tuple[Value, ...]] = []
        for i, (name, n, gaps) in enumerate(stats.shared_needs(), start=1):
            values: dict[str, Value] = {
                "Position": i,
                "Need field": name,
                "Clusters": n,
                "Share of participants (%)": round(100 * n / max(stats.participants, 1)),
                "Clusters with no service for it": gaps,
            }
            rows.append(by_header(SHARED_NEEDS, tb.SHARED_NEEDS_COLUMNS, values))
        self.list_table(ws, NOTE_ROWS, "SharedNeeds", tb.SHARED_NEEDS_COLUMNS, rows)

    def _rooms(
        self,
        stats: CohortStats,
        rooms: dict[str, list[str]],
        seed: int,
        roster: RosterReport | None,
        rooms_by: str,
    ) -> None:
        ws = self.sheets[ROOMS]
        sizes = [len(v) for v in rooms.values()] or [0]
        placed = rooms_with_members(stats, rooms, roster)
        picked = sum(r.picked for r in placed)
        how = (
            PREFERENCE_RULE.format(seed=seed)
            if rooms_by == "preference"
            else f"Assigned at random with seed {seed}, so the same seed gives the same rooms; "
            f"room sizes differ by at most one ({min(sizes)} to {max(sizes)})."
        )
        self._heading(
            ws,
            f"Breakout rooms: {stats.participants} participants in {len(rooms)} rooms; "
            f"{picked} in a room they picked",
            f"{how} Rooms are the top challenges in order. The room brief is each member's own "
            "note on the room's challenge; Sheet and Cell say where it is in their workbook "
            "(empty for a member who did not pick the room's challenge).",
        )
        rows: list[tuple[Value, ...]] = []
        for room in placed:
            for m in room.members:
                sub = stats.label_files[m.label]
                sheet, cell = m.note_at
                values: dict[str, Value] = {
                    "Room": room.number,
                    "Challenge theme": room.theme,
                    "Participant": m.label,
                    "Manager": m.manager,
                    "Picked this theme": "Yes" if m.rank is not None else "No",
                    "Their rank of it": m.rank,
                    "Their note on it (room brief)": m.note,
                    "File": sub.file,
                    "SHA-256": sub.sha256,
                    "Sheet": sheet,
                    "Cell": cell,
                }
                rows.append(by_header(ROOMS, tb.ROOMS_COLUMNS, values))
        self.list_table(ws, NOTE_ROWS, "BreakoutRooms", tb.ROOMS_COLUMNS, rows, stream=True)

    def _pitch(
        self,
        stats: CohortStats,
        pitch: list[list[str]],
        size: int,
        roster: RosterReport | None,
    ) -> None:
        ws = self.sheets[PITCH]
        if not size:
            self._heading(
                ws,
                "Pitch groups: none formed",
                "Run consolidate with --pitch-groups N to form the Day-3 pitch groups of at "
                "most N participants.",
            )
            self.list_table(ws, NOTE_ROWS, "PitchGroups", tb.PITCH_COLUMNS, [], stream=True)
            return
        groups = pitch_groups_of(stats, pitch, roster)
        self._heading(
            ws,
            f"Pitch groups: {stats.participants} participants in {len(groups)} groups of at "
            f"most {size}",
            PITCH_RULE.format(size=size),
        )
        rows: list[tuple[Value, ...]] = []
        for g in groups:
            for m in g.members:
                sub = stats.label_files[m.label]
                r = m.reason
                values: dict[str, Value] = {
                    "Group": g.number,
                    "Participant": m.label,
                    "Manager": m.manager,
                    "Country": m.country,
                    "Shares a challenge with": "; ".join(f"{o} ({t})" for o, t in r.shares),
                    "Brings services in": ", ".join(r.brings),
                    "Why in this group": r.text(),
                    "File": sub.file,
                    "SHA-256": sub.sha256,
                }
                rows.append(by_header(PITCH, tb.PITCH_COLUMNS, values))
        self.list_table(ws, NOTE_ROWS, "PitchGroups", tb.PITCH_COLUMNS, rows, stream=True)

    def _themes(self, stats: CohortStats) -> None:
        ws = self.sheets[THEMES]
        themes = stats.themes()
        in_areas = [(area, themes.get(area, [])) for area in theme_areas()]
        shared = sum(t.participants > 1 for _, found in in_areas for t in found)
        self._heading(
            ws,
            f"Themes: what participants wrote in their own words, grouped; {shared} shared "
            "by two or more",
            f"{THEME_RULE} One row per wording; Participants counts the theme's participants "
            f"(filter it for 2 or more). An item with two cores is in both themes.",
            width=6,
        )
        rows: list[tuple[Value, ...]] = []
        for area, found in in_areas:
            for theme in found:
                for m in theme.members:
                    values: dict[str, Value] = {
                        "Area": area,
                        "Theme": theme.label,
                        "Participants": theme.participants,
                        "Wording": m.said.text,
                        "Participant": m.said.who,
                        "Why in this theme": m.why,
                        "File": m.said.file,
                        "Sheet": m.said.sheet,
                        "Cell": m.said.cell,
                    }
                    rows.append(by_header(THEMES, tb.THEMES_COLUMNS, values))
        self.list_table(ws, NOTE_ROWS, "ThemesTable", tb.THEMES_COLUMNS, rows, stream=True)

    def _rejected(self, rejected: Sequence[Submission]) -> None:
        rows: list[tuple[Value, ...]] = [
            by_header(
                REJECTED,
                tb.REJECTED_COLUMNS,
                {
                    "File": s.file,
                    "Reason": s.reason,
                    "What to do": s.hint,
                    "SHA-256": s.sha256,
                    "Sheet": "",
                    "Cell": "",
                },
            )
            for s in sorted(rejected, key=lambda s: s.file)
        ]
        self.list_table(
            self.sheets[REJECTED], 0, "RejectedFiles", tb.REJECTED_COLUMNS, rows, stream=True
        )

    # -- primitives ---------------------------------------------------------------------------

    def _heading(self, ws: Any, title: str, note: str, width: int = 8) -> None:
        """A title and an explanation above a table; the note wraps over `width` columns."""
        ws.write_string(0, 0, title, self.fmt["title"])
        ws.set_row(1, 15 * (1 + len(note) // (width * 16)))
        ws.merge_range(1, 0, 1, width - 1, "", self.fmt["note"])
        ws.write_string(1, 0, note, self.fmt["note"])

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
    ) -> None:
        """A Table of `rows` under a header row at `top`. `stream`: the rows are the sheet's last
        and are spliced in with the big lists' (for the lists that grow with the cohort)."""
        self._table(ws, top, name, columns, len(rows), layout=layout)
        if stream:
            self.plain[ws.name] = (top, columns, rows)
            return
        for i, row in enumerate(rows, start=top + 1):
            self._cells(ws, i, row)

    def _table(
        self,
        ws: Any,
        top: int,
        name: str,
        columns: Sequence[Column],
        n: int,
        *,
        layout: bool = True,
    ) -> None:
        """Declare a Table of `n` data rows under a header row at `top`; `layout` sets the
        column widths and formats and freezes the header (not wanted for small side tables)."""
        for i, col in enumerate(columns if layout else ()):
            fmt = self.fmt["date"] if col.kind is Kind.DATE else None
            if col.kind is Kind.DATETIME:
                fmt = self.fmt["datetime"]
            ws.set_column(i, i, col.width, fmt)
        last = top + max(n, 1)  # an Excel Table needs a data row, even an empty one
        options: dict[str, Any] = {
            "name": name,
            "style": "Table Style Medium 2",
            "columns": [{"header": c.header} for c in columns],
        }
        add_table_unchecked(
            ws, top, last, len(columns), options, constant_memory=self.constant_memory
        )
        for i, col in enumerate(columns):
            ws.write_string(top, i, col.header, self.fmt["header"])
        if layout:
            ws.repeat_rows(top)
        if layout:
            ws.freeze_panes(top + 1, 1)

    def _cells(self, ws: Any, r: int, values: Sequence[Value]) -> None:
        for c, v in enumerate(values):
            if v is None or v == "":
                continue
            if isinstance(v, str):
                ws.write_string(r, c, v)
            elif isinstance(v, bool):
                ws.write_string(r, c, "Yes" if v else "No")
            elif isinstance(v, int | float):
                if math.isfinite(v):
                    ws.write_number(r, c, v)
                else:
                    ws.write_string(r, c, str(v))
            elif isinstance(v, dt.datetime):
                ws.write_datetime(r, c, v, self.fmt["datetime"])
            elif isinstance(v, dt.date):
                ws.write_datetime(r, c, v, self.fmt["date"])
            else:
                ws.write_string(r, c, str(v))


def _roster_cells(roster: RosterReport | None, sub: Submission) -> dict[str, Value]:
    """The roster's name and e-mail for a file, and how they were matched."""
    if roster is None:
        return {"Name (roster)": None, "E-mail (roster)": None, "Roster match": None}
    found = roster.match_of.get(sub.file)
    if found is None:
        how = NOT_ON_ROSTER if sub.usable else None
        return {"Name (roster)": None, "E-mail (roster)": None, "Roster match": how}
    person, how = found
    return {"Name (roster)": person.name, "E-mail (roster)": person.email, "Roster match": how}


__all__ = ["CohortWorkbook"]
