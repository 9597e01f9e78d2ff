"""The one layout specification: sheet, cell, table, column and defined name of every field.

The template builder, the reader and the filler all ask this module where things are; no other
module writes a cell address of the participant workbook.
"""

from __future__ import annotations

from dataclasses import dataclass, replace
from functools import cached_property

from cba_xl.core import schema, tools, vocab
from cba_xl.core.findings import Loc
from cba_xl.core.schema import Field, TableSchema
from cba_xl.spec.cells import a1, col_letter

TEMPLATE_ID = "cba-xl/cluster-booster-academy"
TEMPLATE_VERSION = "2.1"

# The tools' sheet names come from the one registry (`cba_xl.core.tools`); the names here are
# short aliases for the cell specifications below.
START = "Start"
PROFILE = tools.PROFILE.sheet
CHALLENGES = tools.CHALLENGES.sheet
CANVAS_CURRENT = tools.CANVAS_CURRENT.sheet
CANVAS_FUTURE = tools.CANVAS_FUTURE.sheet
CHANGES = tools.CHANGES.sheet
SERVICES = tools.SERVICES.sheet
PRIORITY = tools.PRIORITY.sheet
GOALS = tools.GOALS.sheet
PLAN = tools.PLAN.sheet
RACI = tools.RACI.sheet
NEEDS = tools.NEEDS.sheet
VISION = tools.VISION.sheet
COMMUNICATION = tools.COMMUNICATION.sheet
TRENDS = tools.TRENDS.sheet
COMPETENCIES = tools.COMPETENCIES.sheet
LISTS = "Lists"
META = "cba_meta"

CANVAS_SHEETS = {"current": CANVAS_CURRENT, "future": CANVAS_FUTURE}

# The tools of the 1.x templates. A version that adds tools lists its own; a workbook of an
# older version lacks the tools added since (see `cba_xl.core.raw.RawWorkbook.tools`).
TOOLS_1: tuple[str, ...] = (
    "profile",
    "challenges",
    "canvas_current",
    "canvas_future",
    "changes",
    "services",
    "priority",
    "goals",
    "plan",
    "raci",
)


@dataclass(frozen=True, slots=True)
class CellSpec:
    """A single input cell with its label to the left."""

    field: Field
    sheet: str
    row: int
    col: int  # 0-based column of the input; the label sits one column to the left

    @property
    def ref(self) -> str:
        return a1(self.row, self.col)

    @property
    def loc(self) -> Loc:
        return Loc(self.sheet, self.ref)

    @property
    def name(self) -> str:
        return f"cba_{self.field.key}"


@dataclass(frozen=True, slots=True)
class Derived:
    """A column the workbook computes. `formula` uses {key} for the same row's cell of column
    `key` and {plan_start} for the plan's start date; without a formula, `cba-xl fill` (or the
    add-in) writes the value."""

    key: str
    header: str
    width: int
    formula: str = ""
    number_format: str = ""


@dataclass(frozen=True, slots=True)
class Lead:
    """A locked first column numbering the rows (Rank 1-3, Step 1-n), or naming them: with
    `labels`, the table has one fixed row per label (the six fields of competence)."""

    key: str
    header: str
    width: int = 8
    labels: tuple[str, ...] = ()


@dataclass(frozen=True)
class TableSpec:
    schema: TableSchema
    sheet: str
    name: str  # the Excel Table's name
    header_row: int  # 1-based
    first_col: int  # 0-based
    capacity: int  # data rows in the template; the reader reads further if rows were added
    lead: Lead | None = None
    derived: tuple[Derived, ...] = ()
    # Italic guiding questions, one per column (the academy's style). They sit in the row right
    # above the Excel Table's header, since a Table's header must be directly above its data.
    guide: tuple[str, ...] = ()
    # Column key -> the defined name of the dropdown it takes from the workbook's own entries
    # (goal IDs, top-3 changes, step numbers) rather than from a fixed vocabulary.
    sources: tuple[tuple[str, str], ...] = ()
    # The columns left to right when a derived column sits among the inputs (the priority
    # matrix shows the step's words from the plan next to its number); else lead, inputs, derived.
    order: tuple[str, ...] = ()

    def source(self, key: str) -> str:
        return dict(self.sources).get(key, "")

    @cached_property
    def columns(self) -> tuple[str, ...]:
        if self.order:
            return self.order
        keys: list[str] = [self.lead.key] if self.lead else []
        keys += [f.key for f in self.schema.columns]
        keys += [d.key for d in self.derived]
        return tuple(keys)

    @property
    def inputs(self) -> tuple[Field, ...]:
        return self.schema.columns

    def col(self, key: str) -> int:
        return self.first_col + self.columns.index(key)

    def letter(self, key: str) -> str:
        return col_letter(self.col(key))

    @property
    def guide_row(self) -> int | None:
        return self.header_row - 1 if self.guide else None

    @property
    def first_row(self) -> int:
        return self.header_row + 1

    @property
    def last_row(self) -> int:
        return self.first_row + self.capacity - 1

    @property
    def last_col(self) -> int:
        return self.first_col + len(self.columns) - 1

    def cell(self, key: str, row: int) -> str:
        return a1(row, self.col(key))

    def loc(self, key: str, row: int) -> Loc:
        return Loc(self.sheet, self.cell(key, row))

    def header(self, key: str) -> str:
        if self.lead and key == self.lead.key:
            return self.lead.header
        for d in self.derived:
            if d.key == key:
                return d.header
        return self.schema.column(key).label

    def formula(self, derived: Derived, row: int, plan_start_ref: str) -> str:
        refs = {key: self.cell(key, row) for key in self.columns}
        return "=" + derived.formula.format(**refs, plan_start=plan_start_ref)


@dataclass(frozen=True, slots=True)
class BlockSpec:
    key: str
    title: str
    group: str
    header_row: int
    col: int
    items: int
    span: int = 1  # columns the block spans (cost structure spans two)

    @property
    def item_rows(self) -> range:
        return range(self.header_row + 1, self.header_row + 1 + self.items)


@dataclass(frozen=True, slots=True)
class CanvasSpec:
    horizon: str
    sheet: str
    blocks: tuple[BlockSpec, ...]

    def block(self, key: str) -> BlockSpec:
        return next(b for b in self.blocks if b.key == key)

    def item_loc(self, block: BlockSpec, index: int) -> Loc:
        return Loc(self.sheet, a1(block.item_rows[index], block.col))

    @property
    def last_row(self) -> int:
        return max(b.item_rows[-1] for b in self.blocks)


@dataclass(frozen=True, slots=True)
class RaciSpec:
    sheet: str
    group_row: int
    people_row: int
    first_row: int
    capacity: int
    deliverable_col: int
    first_person_col: int
    per_group: int
    groups: tuple[str, ...] = vocab.RACI_GROUPS
    check_header: str = "Check"
    # Template 2.0: the plan step a row belongs to, and its words from the plan (a formula);
    # the deliverable column then names an optional subtask.
    step_col: int | None = None
    action_col: int | None = None

    @property
    def people(self) -> int:
        return self.per_group * len(self.groups)

    def person_col(self, index: int) -> int:
        return self.first_person_col + index

    def group_of(self, index: int) -> str:
        return self.groups[index // self.per_group]

    @property
    def check_col(self) -> int:
        return self.first_person_col + self.people

    @property
    def last_row(self) -> int:
        return self.first_row + self.capacity - 1

    def check_formula(self, row: int) -> str:
        first = a1(row, self.first_person_col)
        last = a1(row, self.first_person_col + self.people - 1)
        deliverable = a1(row, self.deliverable_col)
        cells = f"{first}:{last}"
        empty = f'{deliverable}=""'
        if self.step_col is not None:
            empty = f'AND({a1(row, self.step_col)}="",{deliverable}="")'
        return (
            f'=IF({empty},"",IF(COUNTIF({cells},"*A*")<>1,"Needs exactly one A",'
            f'IF(COUNTIF({cells},"*R*")=0,"Needs an R","OK")))'
        )


# The template's copy of `derived.service_suggestion`: the value is the members' rating when
# given; already fee-based services are never told to become fee-based.
_USED = 'IF({rating}="",{value},{rating})'
_FEE = 'TRIM({financing})="Fee-based"'
SUGGESTION_FORMULA = (
    f'IF(OR({{effort}}="",AND({{value}}="",{{rating}}="")),"",'
    f"IF(AND({{effort}}>=4,{_USED}<=2),"
    f'IF({_FEE},"Terminate or change","Terminate or make fee-based"),'
    f'IF(AND({{effort}}<=2,{_USED}>=4),"Keep and promote",'
    f'IF(AND({{effort}}>=4,TRIM({{financing}})="Included in membership fee"),"Make fee-based",'
    f"IF(AND({{effort}}>=4,{_USED}>=4),"
    f'IF({_FEE},"Keep; already fee-based","Keep; consider fee-based"),'
    '"No change suggested")))))'
)


def _canvas(horizon: str, sheet: str) -> CanvasSpec:
    # The slide's grid: partners | activities / resources | value proposition |
    # engagement / channels | members / potential members / funding partners, and the cost and
    # funding row along the bottom. Columns B to F; one item per cell.
    top, mid, bottom = 5, 14, 24
    b, c, d, e, f = 1, 2, 3, 4, 5
    spec = [
        ("partners", top, b, 8, 1),
        ("ecosystem", mid, b, 8, 1),
        ("activities", top, c, 8, 1),
        ("resources", mid, c, 8, 1),
        ("value_proposition", top, d, 17, 1),
        ("engagement", top, e, 8, 1),
        ("channels", mid, e, 8, 1),
        ("members", top, f, 5, 1),
        ("potential_members", 11, f, 5, 1),
        ("funding_partners", 17, f, 5, 1),
        ("cost_structure", bottom, b, 5, 2),
        ("public_funding", bottom, d, 5, 1),
        ("private_funding", bottom, e, 5, 1),
        ("project_funding", bottom, f, 5, 1),
    ]
    blocks = tuple(
        BlockSpec(
            key, vocab.CANVAS_BLOCK_TITLES[key], vocab.CANVAS_BLOCK_GROUPS[key], row, col, n, span
        )
        for key, row, col, n, span in spec
    )
    return CanvasSpec(horizon, sheet, blocks)


@dataclass(frozen=True)
class Layout:
    version: str
    profile: tuple[CellSpec, ...]
    plan_start: CellSpec
    tables: dict[str, TableSpec]
    canvases: dict[str, CanvasSpec]
    raci: RaciSpec
    share_total: CellSpec
    # single input cells of the tools added in 2.1 (vision, mission, success ticks, brand),
    # read like the profile's
    cells: tuple[CellSpec, ...] = ()
    # the tools this version has a sheet for, in the registry's order (its sheet order)
    tools: tuple[str, ...] = tools.KEYS
    hidden_sheets: tuple[str, ...] = (LISTS, META)
    meta_version_cell: str = "B2"
    meta_id_cell: str = "B1"

    @property
    def sheets(self) -> tuple[str, ...]:
        return (START, *(tools.BY_KEY[key].sheet for key in self.tools))

    @property
    def input_sheets(self) -> tuple[str, ...]:
        return self.sheets[1:]

    def profile_cell(self, key: str) -> CellSpec:
        return next(c for c in self.profile if c.field.key == key)

    def cell(self, key: str) -> CellSpec:
        """One of the single input cells of `cells`."""
        return next(c for c in self.cells if c.field.key == key)

    @property
    def share_total_formula(self) -> str:
        """The native formula of `share_total`: the four funding shares added up as the reader
        reads them, blank while none is filled. The builder writes it; `cba-xl fill` restores it.

        "40 %" typed into a share cell is stored as 0.4 in a percent-formatted cell, next to a
        plain 30 typed into the next: a percent-formatted cell counts 100 times its value
        (CELL("format") is "P0", "P2", ... for one, in Excel and LibreOffice alike). Four
        fractions that add up to 1 are percentages too (0.4, 0.3, 0.2, 0.1), as
        `cba_xl.core.interpret` reads them."""
        cells = [self.profile_cell(k) for k in schema.SHARE_KEYS]
        col = cells[0].col
        span = f"{a1(min(c.row for c in cells), col)}:{a1(max(c.row for c in cells), col)}"
        points = [f'N({c.ref})*IF(LEFT(CELL("format",{c.ref}),1)="P",100,1)' for c in cells]
        total = f"({'+'.join(points)})"
        fractions = f"AND(MAX({','.join(points)})<=1,ABS({total}-1)<=0.02)"
        return f'=IF(COUNT({span})=0,"",IF({fractions},100,1)*{total})'


def _layout_1_0() -> Layout:
    profile = tuple(CellSpec(f, PROFILE, 4 + i, 2) for i, f in enumerate(schema.PROFILE))
    share_rows = [c.row for c in profile if c.field.key in schema.SHARE_KEYS]
    share_total = CellSpec(
        Field("share_total", "Total of the four shares (%)", schema.Kind.PERCENT),
        PROFILE,
        max(share_rows) + 1,
        2,
    )
    # In column D, so its label has the wide Action column (C) rather than the narrow Step column.
    plan_start = CellSpec(schema.PLAN_START, PLAN, 4, 3)
    tables = {
        "challenges": TableSpec(
            schema.CHALLENGES,
            CHALLENGES,
            "Challenges",
            4,
            1,
            3,
            lead=Lead("rank", "Rank", 7),
        ),
        "changes": TableSpec(schema.CHANGES, CHANGES, "Changes", 4, 1, 15),
        "services": TableSpec(
            schema.SERVICES,
            SERVICES,
            "Services",
            4,
            1,
            25,
            derived=(
                Derived(
                    "suggestion",
                    "Suggested decision",
                    26,
                    SUGGESTION_FORMULA,
                ),
                Derived(
                    "gap",
                    "Self minus members",
                    12,
                    'IF(OR({value}="",{rating}=""),"",{value}-{rating})',
                ),
                Derived("note", "Check (filled by cba-xl)", 34),
            ),
        ),
        "actions": TableSpec(
            schema.ACTIONS_1,
            PRIORITY,
            "Actions",
            4,
            1,
            30,
            derived=(
                Derived(
                    "quadrant",
                    "Quadrant",
                    16,
                    'IF(OR(TRIM({impact})="",TRIM({effort})=""),"",'
                    'IF(TRIM({impact})="High",IF(TRIM({effort})="Low","Quick win","Major project"),'
                    'IF(TRIM({effort})="Low","Fill-in","Thankless task")))',
                ),
            ),
        ),
        "goals": TableSpec(
            schema.GOALS,
            GOALS,
            "Goals",
            4,
            1,
            15,
            derived=(Derived("smart", "SMART check (filled by cba-xl)", 36),),
        ),
        "plan": TableSpec(
            schema.PLAN_1_0,
            PLAN,
            "Plan",
            7,
            1,
            40,
            lead=Lead("step", "Step", 6),
            derived=(
                Derived(
                    "due",
                    "Due date",
                    12,
                    'IF({deadline}<>"",{deadline},IF({days}<>"",{plan_start}+{days},""))',
                    number_format="dd.mm.yyyy",
                ),
                Derived("critical", "Critical path (filled by cba-xl)", 14),
            ),
            guide=(
                "",
                "What will be done?",
                "Who will do it?",
                "Who must be involved?",
                "What is required, e.g. resources?",
                "What outcome do you expect?",
                "By when?",
                "",
                "",
                "",
                "",
                "",
                "",
            ),
        ),
    }
    raci = RaciSpec(
        RACI,
        group_row=4,
        people_row=5,
        first_row=6,
        capacity=30,
        deliverable_col=1,
        first_person_col=2,
        per_group=4,
    )
    return Layout(
        version="1.0",
        tools=TOOLS_1,
        profile=profile,
        plan_start=plan_start,
        tables=tables,
        canvases={h: _canvas(h, s) for h, s in CANVAS_SHEETS.items()},
        raci=raci,
        share_total=share_total,
    )


def _layout_1_1() -> Layout:
    """1.1: the plan as the academy's work breakdown. Each step's duration answers the academy's
    "How many days should it take to finish this step?"; a deadline date is an optional
    constraint ("By when?"); earliest start and finish come from the one schedule. The 1.0
    column "or days from start" is gone (read from a 1.0 workbook, it is a deadline too)."""
    old = _layout_1_0()
    plan = TableSpec(
        schema.PLAN_1_1,
        PLAN,
        "Plan",
        7,
        1,
        40,
        lead=Lead("step", "Step", 6),
        derived=(
            Derived("start", "Earliest start (filled by cba-xl)", 13, number_format="dd.mm.yyyy"),
            Derived("finish", "Earliest finish (filled by cba-xl)", 13, number_format="dd.mm.yyyy"),
            Derived("critical", "Critical path (filled by cba-xl)", 14),
        ),
        guide=(
            "",
            "What will be done?",
            "Who will do it?",
            "Who are the stakeholders to involve for success?",
            "What is required, e.g. resources?",
            "What outcome do you expect within this step?",
            "How many days should it take?",
            "Which steps come first?",
            "",
            "By when?",
            "",
            "",
            "",
        ),
    )
    return replace(old, version="1.1", tables={**old.tables, "plan": plan})


# The dropdowns fed from the workbook's own entries (template 2.0), as defined names.
GOAL_IDS = "cba_goal_ids"
TOP_CHANGES = "cba_top_changes"
PLAN_STEPS = "cba_plan_steps"
# How far down the lookups of plan steps reach: the reader's limit for one table.
LOOKUP_ROWS = 2_000


def _column_range(table: TableSpec, key: str, rows: int | None = None) -> str:
    last = table.first_row + (rows or table.capacity) - 1
    letter = table.letter(key)
    return f"'{table.sheet}'!${letter}${table.first_row}:${letter}${last}"


def step_action_formula(plan: TableSpec, step_ref: str) -> str:
    """The plan step's words for a cell holding a step number (no leading '='): blank while the
    number is blank or names no step; `&""` keeps an empty action from showing as 0."""
    steps = _column_range(plan, "step", LOOKUP_ROWS)
    actions = _column_range(plan, "action", LOOKUP_ROWS)
    return f'IF({step_ref}="","",IFERROR(INDEX({actions},MATCH({step_ref},{steps},0))&"",""))'


def _layout_2_0() -> Layout:
    """2.0: the academy's Day 3 as one chain, change -> goal -> step -> role. Each plan step
    names the SMART goal it serves and the top-3 change it advances; the priority matrix rates
    the plan's steps; RACI rows are the plan's steps, with subtasks where the participant adds
    them."""
    old = _layout_1_1()
    plan = replace(
        old.tables["plan"],
        schema=schema.PLAN,
        guide=(
            "",
            "What will be done?",
            "Which goal does it serve?",
            "Which change does it advance?",
            *old.tables["plan"].guide[2:],
        ),
        sources=(("goal", GOAL_IDS), ("change", TOP_CHANGES)),
    )
    rated = TableSpec(
        schema.ACTIONS,
        PRIORITY,
        "Actions",
        4,
        1,
        40,
        derived=(
            old.tables["actions"].derived[0],
            Derived("action", "Step of the action plan", 44, step_action_formula(plan, "{step}")),
        ),
        sources=(("step", PLAN_STEPS),),
        order=("step", "action", "impact", "effort", "status", "quadrant"),
    )
    raci = replace(
        old.raci,
        capacity=40,
        step_col=1,
        action_col=2,
        deliverable_col=3,
        first_person_col=4,
    )
    return replace(
        old, version="2.0", tables={**old.tables, "plan": plan, "actions": rated}, raci=raci
    )


def dropdown_sources(layout: Layout) -> dict[str, str]:
    """The defined names of the dropdowns fed from the workbook's own entries -> the range they
    name. The top-3 changes are computed on the Lists sheet (see the builder)."""
    if "goal" not in layout.tables["plan"].columns:
        return {}
    return {
        GOAL_IDS: _column_range(layout.tables["goals"], "goal_id"),
        PLAN_STEPS: _column_range(layout.tables["plan"], "step"),
    }


# --- Member needs, Vision & mission, Communication (issue 14) -------------------------------

# Where the Vision & mission sheet's parts start (1-based rows): the two statements, the
# academy's success factors ticked for each, and the objectives' table below.
VISION_STATEMENT_ROW = 5
VISION_FACTOR_ROW = 10
COMMUNICATION_BRAND_ROW = 5


def _needs_table(services: TableSpec) -> TableSpec:
    plain = TableSpec(schema.NEEDS, NEEDS, "Needs", 4, 1, 20)
    rel = plain.letter("relevance")
    column = f"${rel}${plain.first_row}:${rel}${plain.last_row}"
    listed = (
        f"'{SERVICES}'!${services.letter('service')}${services.first_row}:"
        f"${services.letter('service')}${services.last_row}"
    )
    return replace(
        plain,
        derived=(
            # Rank by relevance, ties in the order listed: the need to work on first is 1.
            Derived(
                "priority",
                "Priority (1 = first)",
                11,
                f"IF(ISNUMBER({{relevance}}),RANK({{relevance}},{column})"
                f'+COUNTIF(${rel}${plain.first_row}:{{relevance}},{{relevance}})-1,"")',
            ),
            # A need no service serves is a gap in the portfolio (the academy's step 2).
            Derived(
                "served",
                "Served?",
                16,
                f'IF(LEN(TRIM({{need}}))=0,"",IF(LEN(TRIM({{service}}))=0,"Gap",'
                f'IF(COUNTIF({listed},TRIM({{service}}))>0,"Served","Not a listed service")))',
            ),
        ),
    )


def _strategy_specs(base: Layout) -> tuple[dict[str, TableSpec], tuple[CellSpec, ...]]:
    """Template 2.1's Member needs, Vision & mission and Communication sheets: their tables and
    their single input cells."""
    tables = {
        "needs": _needs_table(base.tables["services"]),
        "objectives": TableSpec(
            schema.OBJECTIVES, VISION, "Objectives", 18, 1, 8, lead=Lead("number", "No.", 10)
        ),
        "communication": TableSpec(schema.COMMUNICATION, COMMUNICATION, "Communication", 9, 1, 12),
    }
    statements = tuple(
        CellSpec(f, VISION, VISION_STATEMENT_ROW + i, 2) for i, f in enumerate(schema.VISION_FIELDS)
    )
    per_statement = len(vocab.SUCCESS_FACTORS)
    ticks = tuple(
        CellSpec(f, VISION, VISION_FACTOR_ROW + i % per_statement, 3 + i // per_statement)
        for i, f in enumerate(schema.SUCCESS_TICKS)
    )
    brand = tuple(
        CellSpec(f, COMMUNICATION, COMMUNICATION_BRAND_ROW + i, 2)
        for i, f in enumerate(schema.BRAND_FIELDS)
    )
    return tables, (*statements, *ticks, *brand)


def words_ref(statement: CellSpec) -> str:
    """The cell right of the vision or mission statement that counts its words (a formula)."""
    return a1(statement.row, statement.col + 1)


# The template's copy of `cba_xl.core.rules.trends.radar_quadrant`: high means 4-5, low 1-2.
TREND_QUADRANT_FORMULA = (
    'IF(OR({influence}="",{competence}=""),"",'
    f'IF(AND({{influence}}>=4,{{competence}}<=2),"{vocab.TREND_ACT}",'
    f'IF({{influence}}>=4,"{vocab.TREND_USE}",'
    f'IF({{competence}}>=4,"{vocab.TREND_REVIEW}","{vocab.TREND_WATCH}"))))'
)


def _trends_specs() -> dict[str, TableSpec]:
    """Issue 14's Trends and Competencies sheets (template 2.1)."""
    trends = TableSpec(
        schema.TRENDS,
        TRENDS,
        "Trends",
        4,
        1,
        20,
        derived=(Derived("radar", "On the trend radar", 20, TREND_QUADRANT_FORMULA),),
        guide=(
            "What is changing around the cluster?",
            "",
            "For your members and for you",
            "1 = hardly, 5 = very strongly",
            "1 = none yet, 5 = known for it",
            "From the Changes sheet",
            "Which steps respond?",
            "",
        ),
    )
    labels = tuple(f"{name} (e.g. {examples})" for name, examples in vocab.COMPETENCE_FIELDS)
    competencies = TableSpec(
        schema.COMPETENCIES,
        COMPETENCIES,
        "Competencies",
        4,
        1,
        len(labels),
        lead=Lead("field", "Field of competence", 44, labels),
        derived=(
            Derived(
                "gap",
                "Gap",
                8,
                'IF(OR({current}="",{target}=""),"",{target}-{current})',
            ),
        ),
        guide=(
            "",
            "Today",
            "What the strategy needs",
            "Action plan steps",
            "Training, hiring, partners",
            "Target minus today",
        ),
    )
    return {"trends": trends, "competencies": competencies}


def _layout_2_1() -> Layout:
    """2.1: the strategy review of Day 1: trends, member needs, vision and mission,
    competencies and the communication strategy, each a sheet after the service portfolio."""
    base = _layout_2_0()
    tables, cells = _strategy_specs(base)
    return replace(
        base,
        version="2.1",
        tools=tools.KEYS,
        tables={**base.tables, **_trends_specs(), **tables},
        cells=(*base.cells, *cells),
    )


LAYOUT = _layout_2_1()
LAYOUTS = {
    layout.version: layout for layout in (_layout_1_0(), _layout_1_1(), _layout_2_0(), LAYOUT)
}


def plan_start_absolute(layout: Layout = LAYOUT) -> str:
    """The plan start as an absolute reference for formulas on the Action plan sheet."""
    c = layout.plan_start
    return f"${col_letter(c.col)}${c.row}"
