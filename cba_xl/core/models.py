"""The participant's homework as plain data. No Office library is imported in `cba_xl.core`.

Every record keeps `where`: the workbook location of each of its fields, so that rules can
name the sheet and cell of what they find.
"""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass, field

from cba_xl.core import vocab
from cba_xl.core.findings import Loc
from cba_xl.core.tools import KEYS


@dataclass
class Record:
    where: dict[str, Loc] = field(default_factory=dict, repr=False, compare=False)

    def loc(self, key: str, fallback: Loc | None = None) -> Loc:
        if key in self.where:
            return self.where[key]
        if fallback is not None:
            return fallback
        return next(iter(self.where.values()), Loc(""))


@dataclass
class Profile(Record):
    cluster_name: str = ""
    region: str = ""
    country: str = ""
    ecosystem: str = ""
    members: int | None = None
    founding_year: int | None = None
    manager_name: str = ""
    manager_email: str = ""
    staff_fte: float | None = None
    budget_eur: float | None = None
    share_public: float | None = None
    share_fees: float | None = None
    share_services: float | None = None
    share_projects: float | None = None


@dataclass
class ChallengePick(Record):
    rank: int = 0
    theme: str = ""
    note: str = ""


@dataclass
class Canvas(Record):
    """One canvas (current or in 5 years): items per block, in the order written."""

    horizon: str = "current"
    blocks: dict[str, list[str]] = field(
        default_factory=lambda: {key: [] for key in vocab.CANVAS_BLOCK_KEYS}
    )
    item_where: dict[str, list[Loc]] = field(default_factory=dict, repr=False, compare=False)

    def filled_blocks(self) -> list[str]:
        return [key for key, items in self.blocks.items() if items]

    def item_count(self) -> int:
        return sum(len(items) for items in self.blocks.values())


@dataclass
class Change(Record):
    row: int = 0
    change: str = ""
    block: str = ""
    priority: int | None = None
    short_term: bool | None = None
    feedback: str = ""


@dataclass
class Service(Record):
    row: int = 0
    service: str = ""
    field: str = ""
    financing: str = ""
    effort: int | None = None
    value: int | None = None
    rating: int | None = None
    decision: str = ""


@dataclass
class Action(Record):
    row: int = 0
    step: int | None = None  # the plan step it rates (template 2.0); its words are `action`
    action: str = ""
    impact: str = ""
    effort: str = ""
    status: str = ""

    @property
    def waiting(self) -> bool:
        """A plan step's number with nothing rated yet (as `cba-xl fill` writes them): the step
        is as unrated as one with no row, and is reported once with them."""
        return self.step is not None and not (self.impact or self.effort or self.status)


@dataclass
class Goal(Record):
    row: int = 0
    goal_id: str = ""
    goal: str = ""
    metric: str = ""
    target: float | None = None
    owner: str = ""
    deadline: dt.date | None = None
    parent: str = ""


@dataclass
class PlanStep(Record):
    row: int = 0
    step: int = 0
    action: str = ""
    goal: str = ""  # the ID of the SMART goal it serves (template 2.0)
    change: str = ""  # the top-3 business model change it advances (template 2.0)
    responsible: str = ""
    stakeholders: str = ""
    requirements: str = ""
    outcome: str = ""
    deadline: dt.date | None = None
    days: int | None = None
    duration: int | None = None
    milestone: bool | None = None
    after: tuple[int, ...] = ()


@dataclass
class RaciPerson(Record):
    group: str = ""
    name: str = ""


@dataclass
class RaciRow(Record):
    row: int = 0
    step: int | None = None  # the plan step (template 2.0)
    subtask: str = ""  # its subtask, when the row is one (template 2.0)
    deliverable: str = ""  # what the row is responsible for: the subtask, or the step's words
    roles: list[str] = field(default_factory=list)  # one entry per person column, "" if empty

    @property
    def waiting(self) -> bool:
        """A plan step's number with no subtask and no role yet (as `cba-xl fill` writes them):
        the step is as unassigned as one with no row, and is reported once with them."""
        return self.step is not None and not self.subtask and not any(self.roles)


# --- Member needs, vision and mission, communication (issue 14) -----------------------------


@dataclass
class Need(Record):
    """A key member's need (the Member needs sheet)."""

    row: int = 0
    member: str = ""
    need: str = ""
    field: str = ""
    relevance: int | None = None
    service: str = ""  # the service that serves it, as typed; "" is a gap
    change: str = ""  # the business-model change it calls for, as typed


@dataclass
class Objective(Record):
    row: int = 0
    objective: str = ""
    measure: str = ""
    year: int | None = None


@dataclass
class VisionMission(Record):
    """The Vision & mission sheet: the two statements, the academy's success factors ticked for
    each (factor key -> True/False, absent when not ticked) and the objectives."""

    vision: str = ""
    mission: str = ""
    ticks: dict[str, dict[str, bool]] = field(default_factory=lambda: {"vision": {}, "mission": {}})
    objectives: list[Objective] = field(default_factory=list)


@dataclass
class TargetGroup(Record):
    """One row of the communication plan: a target group, its objective, tools and timing."""

    row: int = 0
    group: str = ""
    objective: str = ""
    channel: str = ""
    timing: str = ""
    responsible: str = ""


@dataclass
class Communication(Record):
    brand_values: str = ""
    brand_attributes: str = ""
    plan: list[TargetGroup] = field(default_factory=list)


# --- Trends and Competencies (issue 14) ----------------------------------------------------


@dataclass
class Trend(Record):
    """One trend of the Trends sheet: its PESTEL factor group and its place on the trend radar
    (influence strength against competence strength, 1-5 each)."""

    row: int = 0
    trend: str = ""
    factor: str = ""
    impact: str = ""
    influence: int | None = None
    competence: int | None = None
    change: str = ""  # the business-model change (Changes sheet) the trend drives
    steps: tuple[int, ...] = ()  # the Action plan's steps that respond to it


@dataclass
class Competency(Record):
    """One field of competence: the team's current and target level and the plan steps that
    close the gap."""

    row: int = 0
    field: str = ""  # one of vocab.COMPETENCE_NAMES
    current: int | None = None
    target: int | None = None
    steps: tuple[int, ...] = ()
    how: str = ""

    @property
    def gap(self) -> int | None:
        """Target minus current level; the template's Gap column computes the same."""
        if self.current is None or self.target is None:
            return None
        return self.target - self.current


@dataclass
class Homework:
    """Everything one participant's workbook holds."""

    template_version: str = ""
    # the tools its template version has sheets for (see RawWorkbook.tools)
    tools: tuple[str, ...] = KEYS
    profile: Profile = field(default_factory=Profile)
    challenges: list[ChallengePick] = field(default_factory=list)
    canvas_current: Canvas = field(default_factory=lambda: Canvas(horizon="current"))
    canvas_future: Canvas = field(default_factory=lambda: Canvas(horizon="future"))
    changes: list[Change] = field(default_factory=list)
    services: list[Service] = field(default_factory=list)
    actions: list[Action] = field(default_factory=list)
    goals: list[Goal] = field(default_factory=list)
    plan_start: dt.date | None = None
    plan_start_where: Loc = field(default_factory=lambda: Loc(""), repr=False, compare=False)
    plan: list[PlanStep] = field(default_factory=list)
    raci_people: list[RaciPerson] = field(default_factory=list)
    raci: list[RaciRow] = field(default_factory=list)
    needs: list[Need] = field(default_factory=list)
    vision: VisionMission = field(default_factory=VisionMission)
    communication: Communication = field(default_factory=Communication)
    trends: list[Trend] = field(default_factory=list)
    competencies: list[Competency] = field(default_factory=list)
    # section key -> first input cell of that section (see RawWorkbook.anchors)
    anchors: dict[str, Loc] = field(default_factory=dict, repr=False, compare=False)

    def anchor(self, section: str) -> Loc:
        return self.anchors.get(section, Loc(section))

    @property
    def canvases(self) -> tuple[Canvas, Canvas]:
        return (self.canvas_current, self.canvas_future)

    @property
    def cluster(self) -> str:
        return self.profile.cluster_name
