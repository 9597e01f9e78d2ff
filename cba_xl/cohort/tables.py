"""The cohort workbook's lists: which columns each sheet has, in order, and of what kind.

Every per-participant list starts with the participant and ends with the provenance columns
(file, sha256, sheet, cell): where in which submitted file the row's values came from. A row as
the workers produce it holds only `(sheet, cell, *values)`; the participant, file and sha256 are
the same for all rows of one submission and are added when the row is written.
"""

from __future__ import annotations

from collections.abc import Mapping, Sequence
from dataclasses import dataclass
from enum import StrEnum
from typing import Final

from cba_xl.cohort.record import Row, Value


class Kind(StrEnum):
    TEXT = "text"
    INT = "int"
    NUMBER = "number"
    DATE = "date"
    DATETIME = "datetime"


@dataclass(frozen=True, slots=True)
class Column:
    header: str
    kind: Kind = Kind.TEXT
    width: int = 14


@dataclass(frozen=True, slots=True)
class ListSheet:
    """A per-participant list: participant, `values`, then the provenance columns."""

    key: str  # the key of its rows in a submission's row bundle
    sheet: str  # the cohort workbook's sheet name
    table: str  # the Excel Table's name
    values: tuple[Column, ...]

    @property
    def columns(self) -> tuple[Column, ...]:
        return (PARTICIPANT, *self.values, *PROVENANCE)

    @property
    def headers(self) -> tuple[str, ...]:
        return tuple(column.header for column in self.values)

    def row(self, at: tuple[str, str], values: Mapping[str, Value]) -> Row:
        """A packed row, `(sheet, cell, *values)`, from the values by column header: the
        column order is this list's, written once above."""
        return (*at, *by_header(self.sheet, self.values, values))

    def index(self, header: str) -> int:
        """Where the value under `header` sits in a packed row (after sheet and cell)."""
        for i, column in enumerate(self.values):
            if column.header == header:
                return i + 2
        raise KeyError(header)


def by_header(
    sheet: str, columns: Sequence[Column], values: Mapping[str, Value], *, rest_blank: bool = False
) -> tuple[Value, ...]:
    """One row's values in the columns' order, given by header. Every header must be given
    (with `rest_blank`, the ones not given are blank) and none the columns lack: a column added,
    renamed or moved in the lists below cannot shift a value into the wrong column."""
    headers = [column.header for column in columns]
    unknown = set(values) - set(headers)
    missing = set() if rest_blank else set(headers) - set(values)
    if unknown or missing:
        raise KeyError(f"{sheet}: columns given and declared differ: {sorted(unknown | missing)}")
    return tuple(values.get(header) for header in headers)


PARTICIPANT: Final = Column("Participant", width=30)
PROVENANCE: Final = (
    Column("File", width=30),
    Column("SHA-256", width=20),
    Column("Sheet", width=16),
    Column("Cell", width=7),
)

INT, N, D = Kind.INT, Kind.NUMBER, Kind.DATE  # short names keep the column lists readable

PROFILE: Final = ListSheet(
    "profile",
    "Profile",
    "ProfileTable",
    (
        Column("Region", width=20),
        Column("Country", width=9),
        Column("Industrial ecosystem", width=26),
        Column("Members", INT, 10),
        Column("Founded", INT, 9),
        Column("Cluster manager", width=22),
        Column("Manager e-mail", width=28),
        Column("Staff (FTE)", N, 10),
        Column("Yearly budget (EUR)", N, 14),
        Column("Public %", N, 9),
        Column("Membership fees %", N, 11),
        Column("Paid services %", N, 10),
        Column("Project funding %", N, 10),
    ),
)
CHALLENGES: Final = ListSheet(
    "challenges",
    "Challenges",
    "ChallengesTable",
    (Column("Rank", INT, 7), Column("Challenge theme", width=36), Column("Note", width=60)),
)
CANVAS: Final = ListSheet(
    "canvas",
    "Canvas",
    "CanvasItems",
    (
        Column("Horizon", width=11),
        Column("Block", width=28),
        Column("Group", width=28),
        Column("Item", width=44),
        Column("Compared with the other canvas", width=16),
    ),
)
CHANGES: Final = ListSheet(
    "changes",
    "Changes",
    "ChangesTable",
    (
        Column("Desired change", width=50),
        Column("Canvas block", width=26),
        Column("Top 3", INT, 7),
        Column("Short-term", width=10),
        Column("Peer feedback", width=40),
    ),
)
SERVICES: Final = ListSheet(
    "services",
    "Services",
    "ServicesTable",
    (
        Column("Service", width=34),
        Column("Field", width=20),
        Column("Financing", width=24),
        Column("Effort (1-5)", INT, 9),
        Column("Value, self (1-5)", INT, 9),
        Column("Members' rating (1-5)", INT, 9),
        Column("Gap (self - members)", INT, 9),
        Column("Decision", width=14),
        Column("Matrix suggests", width=26),
    ),
)
ACTIONS: Final = ListSheet(
    "actions",
    "Actions",
    "ActionsTable",
    (
        Column("Step", INT, 6),
        Column("Action", width=46),
        Column("Impact", width=8),
        Column("Effort", width=8),
        Column("Quadrant", width=15),
        Column("Status", width=12),
    ),
)
PLAN: Final = ListSheet(
    "plan",
    "Action plan",
    "ActionPlanTable",
    (
        Column("Step", INT, 6),
        Column("Action", width=36),
        Column("Goal ID", width=8),
        Column("Top-3 change", width=30),
        Column("Responsible", width=18),
        Column("Stakeholders", width=22),
        Column("Requirements", width=22),
        Column("Expected outcome", width=28),
        Column("Duration (days)", INT, 8),
        Column("After steps", width=9),
        Column("Milestone", width=9),
        Column("Deadline", D, 11),
        Column("Earliest start", D, 11),
        Column("Earliest finish", D, 11),
        Column("Finish month", width=9),
        Column("Days late", INT, 7),
        Column("Critical", width=8),
    ),
)
GOALS: Final = ListSheet(
    "goals",
    "SMART goals",
    "GoalsTable",
    (
        Column("Goal ID", width=8),
        Column("Goal", width=44),
        Column("Metric", width=24),
        Column("Target", N, 10),
        Column("Owner", width=16),
        Column("Deadline", D, 11),
        Column("Parent goal", width=8),
    ),
)
RACI: Final = ListSheet(
    "raci",
    "RACI",
    "RaciTable",
    (
        Column("Step", INT, 6),
        Column("Deliverable", width=36),
        Column("Group", width=20),
        Column("Person or role", width=20),
        Column("Role", width=6),
        Column("Row check", width=20),
    ),
)
# --- Member needs, vision and mission, communication (issue 14) -----------------------------
NEEDS: Final = ListSheet(
    "needs",
    "Member needs",
    "NeedsTable",
    (
        Column("Key member", width=24),
        Column("Need", width=36),
        Column("Need field", width=24),
        Column("Relevance (1-5)", INT, 9),
        Column("Priority", INT, 8),
        Column("Served by", width=28),
        Column("Gap", width=6),
        Column("Change it calls for", width=30),
    ),
)
VISION: Final = ListSheet(
    "vision",
    "Vision and mission",
    "VisionTable",
    (
        Column("Vision", width=44),
        Column("Mission", width=44),
        Column("Mission words", INT, 9),
        Column("Success factors met, vision", INT, 10),
        Column("Success factors met, mission", INT, 10),
        Column("Objectives", INT, 10),
        Column("Measurable objectives", INT, 12),
    ),
)
COMMUNICATION: Final = ListSheet(
    "communication",
    "Communication",
    "CommunicationTable",
    (
        Column("Target group", width=22),
        Column("Objective", width=34),
        Column("Tools and channels", width=28),
        Column("Timing", width=14),
        Column("Responsible", width=18),
        Column("Brand values", width=30),
    ),
)
# Issue 14: the trends with their place on the radar, and the competency levels.
TRENDS: Final = ListSheet(
    "trends",
    "Trends",
    "TrendsTable",
    (
        Column("Trend", width=36),
        Column("PESTEL factor group", width=16),
        Column("Influence (1-5)", INT, 9),
        Column("Competence (1-5)", INT, 10),
        Column("On the trend radar", width=20),
        Column("Change it drives", width=34),
        Column("Plan steps", width=9),
        Column("Answered", width=9),
    ),
)
COMPETENCIES: Final = ListSheet(
    "competencies",
    "Competencies",
    "CompetenciesTable",
    (
        Column("Field of competence", width=34),
        Column("Current (1-5)", INT, 9),
        Column("Target (1-5)", INT, 9),
        Column("Gap", INT, 6),
        Column("Closing steps", width=9),
        Column("Closed by a step", width=9),
        Column("How", width=36),
    ),
)
FINDINGS: Final = ListSheet(
    "findings",
    "Findings",
    "FindingsTable",
    (
        Column("Severity", width=9),
        Column("Code", width=24),
        Column("Message", width=70),
    ),
)

# The list each tool's rows go to, by tool key (`cba_xl.core.tools`), in the cohort workbook's
# order of its lists; both canvases share one list (its Horizon column tells them apart).
TOOL_LISTS: Final = {
    "profile": PROFILE,
    "challenges": CHALLENGES,
    "canvas_current": CANVAS,
    "canvas_future": CANVAS,
    "changes": CHANGES,
    "services": SERVICES,
    "needs": NEEDS,
    "vision": VISION,
    "communication": COMMUNICATION,
    "priority": ACTIONS,
    "plan": PLAN,
    "goals": GOALS,
    "raci": RACI,
    "trends": TRENDS,
    "competencies": COMPETENCIES,
}
LISTS: Final = tuple(dict.fromkeys(TOOL_LISTS.values()))

PARTICIPANTS_COLUMNS: Final = (
    Column("File", width=32),
    Column("Status", width=12),
    Column("Note", width=48),
    Column("Participant", width=30),
    Column("Manager e-mail", width=28),
    Column("Name (roster)", width=24),
    Column("E-mail (roster)", width=28),
    Column("Roster match", width=14),
    Column("Country", width=8),
    Column("Template version", width=9),
    Column("Saved in Excel", Kind.DATETIME, 17),
    Column("File modified", Kind.DATETIME, 17),
    Column("Errors", INT, 7),
    Column("Warnings", INT, 9),
    Column("Info", INT, 6),
    Column("SHA-256", width=20),
    Column("Sheet", width=10),
    Column("Cell", width=7),
)
VERSIONS_COLUMNS: Final = (
    Column("Participant", width=30),
    Column("Version", INT, 8),
    Column("Of", INT, 5),
    Column("Consolidated", width=13),
    Column("Saved in Excel", Kind.DATETIME, 17),
    Column("File modified", Kind.DATETIME, 17),
    Column("Steps added", INT, 12),
    Column("Steps removed", INT, 14),
    Column("Steps re-dated", INT, 14),
    Column("Other changes", INT, 14),
    Column("Findings resolved", INT, 17),
    Column("Findings new", INT, 13),
    Column("Against the previous version", width=48),
    Column("File", width=32),
    Column("SHA-256", width=20),
)
PITCH_COLUMNS: Final = (
    Column("Group", INT, 6),
    Column("Participant", width=30),
    Column("Manager", width=22),
    Column("Country", width=8),
    Column("Shares a challenge with", width=34),
    Column("Brings services in", width=30),
    Column("Why in this group", width=60),
    Column("File", width=30),
    Column("SHA-256", width=20),
)
REJECTED_COLUMNS: Final = (
    Column("File", width=40),
    Column("Reason", width=50),
    Column("What to do", width=60),
    Column("SHA-256", width=20),
    Column("Sheet", width=8),
    Column("Cell", width=6),
)
TOP_COLUMNS: Final = (
    Column("Position", INT, 8),
    Column("Challenge theme", width=40),
    Column("Participants", INT, 12),
    Column("Rank points", INT, 11),
    Column("Ranked first", INT, 11),
    Column("Breakout room", width=13),
    Column("Place decided by", width=30),
)
SHARED_NEEDS_COLUMNS: Final = (
    Column("Position", INT, 8),
    Column("Need field", width=36),
    Column("Clusters", INT, 10),
    Column("Share of participants (%)", INT, 12),
    Column("Clusters with no service for it", INT, 14),
)
ROOMS_COLUMNS: Final = (
    Column("Room", INT, 6),
    Column("Challenge theme", width=40),
    Column("Participant", width=30),
    Column("Manager", width=22),
    Column("Picked this theme", width=17),
    Column("Their rank of it", INT, 15),
    Column("Their note on it (room brief)", width=50),
    Column("File", width=30),
    Column("SHA-256", width=20),
    Column("Sheet", width=10),
    Column("Cell", width=7),
)

THEMES_COLUMNS: Final = (
    Column("Area", width=30),
    Column("Theme", width=34),
    Column("Participants", INT, 11),
    Column("Wording", width=40),
    Column("Participant", width=28),
    Column("Why in this theme", width=24),
    Column("File", width=30),
    Column("Sheet", width=12),
    Column("Cell", width=7),
)

# Participants' statuses, as the Participants sheet writes them.
OK = "ok"
ERRORS = "errors"
REJECTED = "rejected"
SUPERSEDED = "superseded"
NOT_SUBMITTED = "not submitted"  # a roster row no file matches
SKIPPED = "skipped"
