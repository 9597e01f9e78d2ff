"""What each tool asks for: fields, their kinds, required-ness and allowed values.

This is the logical half of the workbook contract; `cba_xl.spec.layout` says where each field
lives. The builder turns these into labels, dropdowns and input messages; the interpreter into
parsed values and findings.
"""

from __future__ import annotations

from dataclasses import dataclass
from enum import StrEnum

from cba_xl.core import vocab


class Kind(StrEnum):
    TEXT = "text"
    INT = "int"
    NUMBER = "number"
    PERCENT = "percent"
    YEAR = "year"
    SCORE = "score"  # 1 to 5
    DATE = "date"
    CHOICE = "choice"
    COUNTRY = "country"
    EMAIL = "email"
    YES_NO = "yes_no"
    STEPS = "steps"
    RACI = "raci"


@dataclass(frozen=True, slots=True)
class Field:
    key: str
    label: str
    kind: Kind = Kind.TEXT
    required: bool = False
    choices: tuple[str, ...] = ()
    minimum: float | None = None
    maximum: float | None = None
    prompt: str = ""  # the input message Excel shows on the cell
    width: int = 18  # characters, for the template's column or input cell

    @property
    def allowed(self) -> tuple[str, ...]:
        if self.kind is Kind.COUNTRY:
            return vocab.COUNTRY_CHOICES
        if self.kind is Kind.YES_NO:
            return vocab.YES_NO
        if self.kind is Kind.RACI:
            return vocab.RACI_CHOICES
        return self.choices


@dataclass(frozen=True, slots=True)
class TableSchema:
    key: str
    columns: tuple[Field, ...]

    def column(self, key: str) -> Field:
        for f in self.columns:
            if f.key == key:
                return f
        raise KeyError(key)


PROFILE = (
    Field(
        "cluster_name",
        "Cluster name",
        required=True,
        width=40,
        prompt="The name your cluster organisation uses in public.",
    ),
    Field("region", "Region", required=True, width=40, prompt="e.g. Lower Silesia, Catalonia"),
    Field(
        "country",
        "Country",
        Kind.COUNTRY,
        required=True,
        width=40,
        prompt="Pick from the list (ISO country code and name).",
    ),
    Field(
        "ecosystem",
        "Industrial ecosystem",
        Kind.CHOICE,
        True,
        vocab.ECOSYSTEMS,
        width=40,
        prompt="One of the EU's 14 industrial ecosystems.",
    ),
    Field(
        "members",
        "Number of members",
        Kind.INT,
        True,
        minimum=1,
        maximum=100000,
        prompt="Whole number of member organisations.",
    ),
    Field(
        "founding_year",
        "Founding year",
        Kind.YEAR,
        True,
        minimum=1900,
        maximum=2100,
        prompt="Four digits, e.g. 2009.",
    ),
    Field("manager_name", "Cluster manager", required=True, width=40),
    Field(
        "manager_email",
        "Manager e-mail",
        Kind.EMAIL,
        True,
        width=40,
        prompt="Used to tell resubmissions apart: use the same address every time.",
    ),
    Field(
        "staff_fte",
        "Staff (FTE)",
        Kind.NUMBER,
        minimum=0,
        maximum=1000,
        prompt="Full-time equivalents in the cluster management team.",
    ),
    Field("budget_eur", "Yearly budget (EUR)", Kind.NUMBER, minimum=0, maximum=1e9),
    Field(
        "share_public",
        "Public funding share (%)",
        Kind.PERCENT,
        True,
        minimum=0,
        maximum=100,
        prompt="Share of the yearly budget in %. The four shares add up to 100.",
    ),
    Field("share_fees", "Membership fees share (%)", Kind.PERCENT, True, minimum=0, maximum=100),
    Field("share_services", "Paid services share (%)", Kind.PERCENT, True, minimum=0, maximum=100),
    Field(
        "share_projects", "Project funding share (%)", Kind.PERCENT, True, minimum=0, maximum=100
    ),
)
SHARE_KEYS = ("share_public", "share_fees", "share_services", "share_projects")

CHALLENGES = TableSchema(
    "challenges",
    (
        Field(
            "theme",
            "Challenge theme",
            Kind.CHOICE,
            True,
            vocab.CHALLENGE_THEMES,
            width=42,
            prompt="Pick one of the academy's 10 challenge themes; each theme once.",
        ),
        Field("note", "Why it matters for your cluster (short note)", width=70),
    ),
)

CANVAS_ITEM = Field(
    "item",
    "Canvas item",
    width=34,
    prompt="One short item per cell, e.g. 'Regional SMEs in food processing'.",
)

CHANGES = TableSchema(
    "changes",
    (
        Field("change", "Desired business model change", required=True, width=60),
        Field(
            "block",
            "Canvas block it changes",
            Kind.CHOICE,
            choices=tuple(title for _, title, _ in vocab.CANVAS_BLOCKS),
            width=30,
        ),
        Field(
            "priority",
            "Top 3 (1-3)",
            Kind.INT,
            minimum=1,
            maximum=3,
            width=12,
            prompt="Rank your 3 most promising changes 1, 2 and 3; leave the rest empty.",
        ),
        Field("short_term", "Short-term (3-6 months)?", Kind.YES_NO, width=16),
        Field("feedback", "Notes on peer feedback", width=50),
    ),
)

SERVICES = TableSchema(
    "services",
    (
        Field("service", "Service", required=True, width=38),
        Field("field", "Field", width=24, prompt="The need-based field the service belongs to."),
        Field("financing", "Financing", Kind.CHOICE, True, vocab.FINANCING, width=26),
        Field(
            "effort",
            "Effort for the cluster (1-5)",
            Kind.SCORE,
            True,
            minimum=1,
            maximum=5,
            width=14,
            prompt="1 = very little effort, 5 = very high effort.",
        ),
        Field(
            "value",
            "Value to members, self-assessed (1-5)",
            Kind.SCORE,
            True,
            minimum=1,
            maximum=5,
            width=16,
            prompt="1 = little value, 5 = very high value.",
        ),
        Field(
            "rating",
            "Members' rating (1-5, optional)",
            Kind.SCORE,
            minimum=1,
            maximum=5,
            width=16,
            prompt="From member feedback, if you have it.",
        ),
        Field("decision", "Decision", Kind.CHOICE, True, vocab.DECISIONS, width=16),
    ),
)

_RATINGS = (
    Field("impact", "Impact", Kind.CHOICE, True, vocab.HIGH_LOW, width=10),
    Field("effort", "Effort", Kind.CHOICE, True, vocab.HIGH_LOW, width=10),
    Field("status", "Status", Kind.CHOICE, True, vocab.STATUSES, width=14),
)
STEP_REF = Field(
    "step",
    "Plan step",
    Kind.INT,
    True,
    minimum=1,
    maximum=9999,
    width=8,
    prompt="The number of a step of your Action plan.",
)
# From template 2.0 the matrix rates the plan's own steps ("Description/Step | Impact |
# Effort" on the academy's slide), so an action is a step number; its words come from the plan.
ACTIONS = TableSchema("actions", (STEP_REF, *_RATINGS))
# Templates 1.x: the matrix had its own list of actions.
ACTIONS_1 = TableSchema("actions", (Field("action", "Action", required=True, width=50), *_RATINGS))

GOALS = TableSchema(
    "goals",
    (
        Field(
            "goal_id", "Goal ID", required=True, width=9, prompt="A short ID such as G1 or G1.2."
        ),
        Field(
            "goal",
            "Goal statement",
            required=True,
            width=50,
            prompt="Simple language, an action word and a number.",
        ),
        Field("metric", "Metric", required=True, width=26),
        Field("target", "Target (number)", Kind.NUMBER, True, width=12),
        Field("owner", "Owner", required=True, width=18),
        Field("deadline", "Deadline", Kind.DATE, True, width=13),
        Field(
            "parent", "Parent goal ID", width=11, prompt="The goal this one serves (answers 'why')."
        ),
    ),
)

PLAN_START = Field(
    "plan_start",
    "Plan start",
    Kind.DATE,
    True,
    width=14,
    prompt="The day the plan starts; the schedule counts its days from here.",
)

_PLAN_TEXT = (
    Field("action", "Action", required=True, width=36),
    Field("responsible", "Responsible", required=True, width=18),
    Field("stakeholders", "Stakeholders", width=24),
    Field("requirements", "Requirements", width=24),
    Field("outcome", "Expected outcome", required=True, width=30),
)
_AFTER = Field(
    "after",
    "After steps",
    Kind.STEPS,
    width=11,
    prompt="Step numbers this step depends on, e.g. 1, 2.",
)
_MILESTONE = Field("milestone", "Milestone?", Kind.YES_NO, width=11)
# The chain of the academy's Day 3 (template 2.0): each step serves a SMART goal and advances
# one of the top-3 business model changes. Both are dropdowns fed from the workbook's own goals
# and changes; the rules check the names against them.
_GOAL_REF = Field(
    "goal",
    "Goal ID",
    width=9,
    prompt="The ID of the SMART goal this step serves (SMART goals sheet), e.g. G1.2.",
)
_CHANGE_REF = Field(
    "change",
    "Top-3 change it advances",
    width=28,
    prompt="Pick one of your top-3 business model changes (Changes sheet).",
)
_DURATION = Field(
    "duration",
    "Duration (days)",
    Kind.INT,
    required=True,
    minimum=0,
    maximum=3650,
    width=11,
    prompt="How many days this step takes; 0 for a milestone that is just a date.",
)
_DEADLINE = Field(
    "deadline",
    "Deadline (date)",
    Kind.DATE,
    width=13,
    prompt="Optional: the date this step must be done by. cba-xl checks that the "
    "schedule meets it.",
)

# Template 1.1 models the plan as the academy's work breakdown: the academy's "Deadline" column
# asks "How many days should it take to finish this step?", so the duration is the step's
# required figure; the schedule follows from durations and dependencies, and a "by when" date is
# an optional constraint the schedule is checked against.
PLAN_1_1 = TableSchema("plan", (*_PLAN_TEXT, _DURATION, _AFTER, _MILESTONE, _DEADLINE))
# Template 2.0: the same work breakdown, each step linked to its goal and change.
PLAN = TableSchema(
    "plan",
    (
        _PLAN_TEXT[0],
        _GOAL_REF,
        _CHANGE_REF,
        *_PLAN_TEXT[1:],
        _DURATION,
        _AFTER,
        _MILESTONE,
        _DEADLINE,
    ),
)

# Template 1.0: a deadline as a date or as days from the plan start, and an optional duration
# (when empty, it was taken from the deadlines). Kept to read workbooks made with 1.0.
PLAN_1_0 = TableSchema(
    "plan",
    (
        *_PLAN_TEXT,
        Field("deadline", "Deadline (date)", Kind.DATE, width=13),
        Field("days", "or days from start", Kind.INT, minimum=0, maximum=3650, width=11),
        Field("duration", "Duration (days)", Kind.INT, minimum=0, maximum=3650, width=10),
        _MILESTONE,
        _AFTER,
    ),
)

RACI_DELIVERABLE = Field("deliverable", "Deliverable (action or subtask)", required=True, width=40)
# Template 2.0: a RACI row is a plan step, or a subtask of one the participant adds below it.
RACI_STEP = STEP_REF
RACI_SUBTASK = Field(
    "deliverable",
    "Subtask (optional)",
    width=30,
    prompt="Leave empty for the step itself; name a subtask to give it its own roles.",
)
RACI_PERSON = Field("person", "Name or role", width=11)
RACI_ROLE = Field(
    "role",
    "R/A/C/I",
    Kind.RACI,
    width=11,
    prompt="R = responsible, A = accountable, C = consulted, I = informed.",
)

# --- Trends (issue 14): PESTEL factor group and the trend radar's two strengths -------------
TRENDS = TableSchema(
    "trends",
    (
        Field(
            "trend",
            "Trend",
            required=True,
            width=34,
            prompt="A trend or development that affects your cluster, e.g. 'EU rules for "
            "recycled content in packaging'.",
        ),
        Field(
            "factor",
            "PESTEL factor group",
            Kind.CHOICE,
            True,
            vocab.PESTEL,
            width=16,
            prompt="Where the trend comes from: Political, Economic, Social/cultural, "
            "Technological, Environmental or Legal.",
        ),
        Field("impact", "What it means for the cluster", width=36),
        Field(
            "influence",
            "Influence strength (1-5)",
            Kind.SCORE,
            True,
            minimum=1,
            maximum=5,
            width=12,
            prompt="How strongly the trend influences your cluster and its members: "
            "1 = hardly, 5 = very strongly.",
        ),
        Field(
            "competence",
            "Competence strength (1-5)",
            Kind.SCORE,
            True,
            minimum=1,
            maximum=5,
            width=12,
            prompt="How well your cluster masters the trend today: 1 = no competence yet, "
            "5 = known for it.",
        ),
        # No prompt here: the builder gives this column its own dropdown of the Changes sheet.
        Field("change", "Change it drives", width=32),
        Field(
            "steps",
            "Plan steps",
            Kind.STEPS,
            width=10,
            prompt="Steps of the Action plan that respond to the trend, e.g. 2, 5.",
        ),
    ),
)

# --- Competencies (issue 14): one row per field of competence, current and target level ----
COMPETENCIES = TableSchema(
    "competencies",
    (
        Field(
            "current",
            "Current level (1-5)",
            Kind.SCORE,
            True,
            minimum=1,
            maximum=5,
            width=11,
            prompt="How strong the cluster management team is in this field today: "
            "1 = basic, 5 = expert.",
        ),
        Field(
            "target",
            "Target level (1-5)",
            Kind.SCORE,
            True,
            minimum=1,
            maximum=5,
            width=11,
            prompt="The level your strategy needs: 1 = basic, 5 = expert.",
        ),
        Field(
            "steps",
            "Closing steps",
            Kind.STEPS,
            width=10,
            prompt="Steps of the Action plan that close the gap, e.g. 3, 4.",
        ),
        Field(
            "how",
            "How we close it",
            width=36,
            prompt="e.g. a training, hiring, a partner who brings it in.",
        ),
    ),
)

TABLES = {
    t.key: t for t in (CHALLENGES, CHANGES, SERVICES, ACTIONS, GOALS, PLAN, TRENDS, COMPETENCIES)
}

# Tables whose columns differ in an older template version, by version.
OLDER_TABLES = {
    "1.0": {"plan": PLAN_1_0, "actions": ACTIONS_1},
    "1.1": {"plan": PLAN_1_1, "actions": ACTIONS_1},
}


def has_chain(version: str) -> bool:
    """Whether the version's plan names each step's goal and change (template 2.0 on)."""
    return "goal" in {f.key for f in table("plan", version).columns}


def table(key: str, version: str) -> TableSchema:
    """The table's schema as the given template version wrote it."""
    return OLDER_TABLES.get(version, {}).get(key, TABLES[key])


# --- Member needs, vision and mission, communication (issue 14) ---------------------------

NEEDS = TableSchema(
    "needs",
    (
        Field(
            "member",
            "Key member",
            required=True,
            width=26,
            prompt="A member that matters most to the cluster, e.g. an anchor firm.",
        ),
        Field("need", "Their need", required=True, width=40),
        Field(
            "field",
            "Need field",
            Kind.CHOICE,
            choices=vocab.NEED_FIELDS,
            width=24,
            prompt="The field the need belongs to; the cohort counts needs many clusters share.",
        ),
        Field(
            "relevance",
            "Relevance (1-5)",
            Kind.SCORE,
            True,
            minimum=1,
            maximum=5,
            width=11,
            prompt="5 = most relevant. Key members' needs count higher.",
        ),
        # No prompt: the builder gives these two their own dropdowns over the Services and
        # Changes sheets (a list that is the participant's own, not a closed vocabulary).
        Field("service", "Service that serves it", width=30),
        Field("change", "Change it calls for", width=30),
    ),
)

VISION_FIELDS = (
    Field(
        "vision",
        "Vision",
        required=True,
        width=66,
        prompt="Where the cluster wants to go.",
    ),
    Field(
        "mission",
        "Mission",
        required=True,
        width=66,
        prompt="What the cluster stands for. Short enough to remember.",
    ),
)
# One Yes/No tick per success factor and statement: key "vision_shared", "mission_concise", ...
SUCCESS_TICKS = tuple(
    Field(f"{statement}_{key}", label, Kind.YES_NO, width=12)
    for statement in ("vision", "mission")
    for key, label in vocab.SUCCESS_FACTORS
)

OBJECTIVES = TableSchema(
    "objectives",
    (
        Field(
            "objective",
            "Objective",
            required=True,
            width=66,
            prompt="Precise and measurable, with room for the cluster to evolve.",
        ),
        Field(
            "measure",
            "Measured by",
            width=24,
            prompt="The indicator and its target number, e.g. '40 new members'.",
        ),
        Field("year", "By (year)", Kind.YEAR, minimum=2000, maximum=2100, width=12),
    ),
)

BRAND_FIELDS = (
    Field(
        "brand_values",
        "Brand values",
        width=50,
        prompt="What the cluster stands for, in line with its members, e.g. quality, heritage.",
    ),
    Field(
        "brand_attributes",
        "Brand attributes (USP)",
        width=50,
        prompt="What the cluster is known for: its unique selling point.",
    ),
)

COMMUNICATION = TableSchema(
    "communication",
    (
        Field(
            "group",
            "Target group",
            required=True,
            width=22,
            prompt="e.g. members, potential members, public administration, investors.",
        ),
        Field("objective", "Communication objective", width=34),
        Field(
            "channel",
            "Tools and channels",
            width=26,
            prompt="e.g. newsletter, LinkedIn, member event, trade fair.",
        ),
        Field("timing", "Timing", width=16, prompt="When or how often, e.g. monthly, Q2 2025."),
        Field("responsible", "Responsible", width=22),
    ),
)
