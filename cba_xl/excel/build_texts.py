"""The words of the participant workbook: sheet titles, instruction lines and the Start page."""

from __future__ import annotations

from dataclasses import dataclass
from typing import Final

from cba_xl.core.tools import BY_KEY


@dataclass(frozen=True, slots=True)
class SheetText:
    title: str
    instruction: str
    purpose: str  # the Start page's line about the sheet


# Each tool's sheet words, by tool key (`cba_xl.core.tools`, which also holds its academy day).
TEXTS: Final[dict[str, SheetText]] = {
    "profile": SheetText(
        "Cluster profile",
        "Your cluster's facts for the profile slide. Fields marked * are required; "
        "the four shares add up to 100.",
        "Your cluster's facts for the introduction round (fill in before day 1).",
    ),
    "challenges": SheetText(
        "Challenges: your top 3",
        "Pick your top 3 of the academy's 10 challenge themes, ranked 1 to 3, "
        "each with a short note.",
        "Your top 3 challenge themes; the cohort's five most frequent become the breakout rooms.",
    ),
    "services": SheetText(
        "Service portfolio",
        "Each service with its financing, effort and value to members (1 = low, 5 = high), "
        "members' rating and your decision.",
        "Your services on the profitability matrix (effort against value) and what to do next.",
    ),
    "needs": SheetText(
        "Member needs",
        "Your key members and their needs, each with its relevance (5 = most relevant) and the "
        "service that serves it; an empty service is a gap.",
        "Your key members' needs, prioritised by relevance, and the services that serve them.",
    ),
    "vision": SheetText(
        "Vision, mission and objectives",
        "Where the cluster wants to go (vision), what it stands for (mission), and its "
        "objectives; tick the academy's success factors for each statement.",
        "Your vision, mission and objectives, against the academy's success factors.",
    ),
    "communication": SheetText(
        "Communication strategy",
        "Your brand's values and attributes, then per target group: the communication "
        "objective, the tools and channels, the timing and who is responsible.",
        "Your brand and your communication plan: objectives, tools and timing per target group.",
    ),
    "canvas_current": SheetText(
        "Business Model Canvas: current",
        "Your cluster's business model today: one short item per cell.",
        "Your cluster's Business Model Canvas today (the homework after day 1).",
    ),
    "canvas_future": SheetText(
        "Business Model Canvas: in 5 years",
        "Your cluster's business model in 5 years: one short item per cell. "
        "List what differs from today on the Changes sheet.",
        "Your Business Model Canvas in 5 years.",
    ),
    "changes": SheetText(
        "Business model changes",
        "Long list of desired changes. Rank the 3 most promising 1 to 3; "
        "at least one short-term (3-6 months).",
        "The long list of changes from today's canvas to the future one; your 3 most promising.",
    ),
    "priority": SheetText(
        "Action priority matrix",
        "Rate each step of your action plan: its number, impact and effort; the quadrant follows "
        "(quick win = high impact, low effort).",
        "The steps of your plan by impact and effort: quick wins, major projects, fill-ins.",
    ),
    "goals": SheetText(
        "SMART goals",
        "Specific, measurable goals with a number, an owner and a deadline. "
        "Sub-goals name their parent goal.",
        "Specific, measurable goals, each with owner and deadline; sub-goals form a tree.",
    ),
    "plan": SheetText(
        "Action plan",
        "Step by step: the goal each step serves and the top-3 change it advances, how many days "
        "it takes and which steps come first; a deadline date is optional. cba-xl fills in the "
        "schedule and the critical path.",
        "Your action plan: what, for which goal and change, who, with whom, what is needed, "
        "expected outcome, by when.",
    ),
    "raci": SheetText(
        "RACI matrix",
        "For each step of your action plan (its number; add a subtask below it where useful): "
        "who is Responsible, Accountable (exactly one), Consulted, Informed. Pairs such as A/C "
        "are fine. The step's Responsible holds R or A.",
        "Who is responsible, accountable, consulted and informed for each step of your plan.",
    ),
    "trends": SheetText(
        "Trends: PESTEL and the trend radar",
        "One trend per row: its PESTEL factor group, and its influence on the cluster and your "
        "competence in it (1 = low, 5 = high). Answer the pressing ones with a change or plan "
        "steps.",
        "The trends around your cluster by PESTEL factor group, rated as on the ECCP Trend "
        "Universe's radar.",
    ),
    "competencies": SheetText(
        "Competency assessment",
        "For each field of competence: the team's level today and the level your strategy "
        "needs (1 = basic, 5 = expert), and the plan steps that close the gap.",
        "Your team's competences in the academy's six fields: today, needed, and how to close "
        "the gap.",
    ),
}

SHEETS: Final = {BY_KEY[key].sheet: text for key, text in TEXTS.items()}

START_TITLE = "Cluster Booster Academy: your workbook"
START_INSTRUCTION = (
    "One workbook for the three academy days: one sheet per tool. "
    "Works in Excel and LibreOffice, no macros needed."
)
HOW_TO_HEADING = "How to use it"
HOW_TO = (
    "Type into the white cells. Cells with a dropdown offer a list; select a cell to see a hint.",
    "Amber cells are required and still empty. Grey cells are computed: leave them.",
    "The sheets are protected WITHOUT a password, only to keep the layout intact "
    "(Review > Unprotect Sheet lifts it).",
    "Send the file back as .xlsx. Do not rename, move or delete sheets, "
    "and keep the tables where they are.",
)
# The Start sheet of the xlwings Lite workbook (`cba-xl lite`): its sheets are not protected,
# and its buttons are Lite's scripts.
LITE_START_INSTRUCTION = (
    "One workbook for the three academy days: one sheet per tool. Its buttons run in Excel's "
    "free xlwings Lite add-in (Windows, Mac, Excel on the web); without it, it is a plain "
    "workbook."
)
LITE_HOW_TO = (
    HOW_TO[0],
    HOW_TO[1],
    "The sheets are not protected, so that the buttons can mark and fill cells: keep the "
    "layout as it is. Save in Excel (LibreOffice drops the buttons' code).",
    "The buttons: open the xlwings Lite pane (Home > xlwings Lite), pick cba_check, cba_fill, "
    "cba_slides or cba_consolidate beside the green Run button and click it. What they write "
    "is under the pane's menu > Files > Import/Export.",
    HOW_TO[3],
)
SHEETS_HEADING = "The sheets, in the order of the academy days"
