"""Trends: the PESTEL scan of the cluster's macro-environment and the trend radar.

The academy's day 1 asks for strategic foresight in a structured way: the six PESTEL factor
groups, and each trend rated, as the ECCP Trend Universe does, by its influence strength and the
cluster's competence strength. A trend of high influence that the cluster has little competence
for is the pressing case: the strategy must answer it, by a business-model change it drives or by
steps of the action plan.
"""

from __future__ import annotations

from cba_xl.core import vocab
from cba_xl.core.findings import Finding, error, warning
from cba_xl.core.models import Change, Homework, PlanStep, Trend
from cba_xl.core.rules.canvas import item_key
from cba_xl.core.rules.schedule import unique_steps
from cba_xl.wording import join_and

HIGH = 4  # scores of 4-5 count as high, 1-2 as low (as on the service profitability matrix)
LOW = 2
MATCH_MIN = 8  # characters a shortened name must keep to count as naming a change or step


def radar_quadrant(influence: int | None, competence: int | None) -> str:
    """Where a trend sits on the radar; the template's native formula computes the same."""
    if influence is None or competence is None:
        return ""
    if influence >= HIGH and competence <= LOW:
        return vocab.TREND_ACT
    if influence >= HIGH:
        return vocab.TREND_USE
    if competence >= HIGH:
        return vocab.TREND_REVIEW
    return vocab.TREND_WATCH


def is_pressing(trend: Trend) -> bool:
    """High influence, low competence: the trends the strategy must answer."""
    return radar_quadrant(trend.influence, trend.competence) == vocab.TREND_ACT


def _names(text: str, candidate: str) -> bool:
    """Whether `text` names `candidate`: the same words (case and spacing forgiven), or one a
    recognisable part of the other ("Paid training" for "Paid training academy for members")."""
    a, b = item_key(text), item_key(candidate)
    if not a or not b:
        return False
    if a == b:
        return True
    short, long = sorted((a, b), key=len)
    return len(short) >= MATCH_MIN and short in long


def matched_change(text: str, changes: list[Change]) -> Change | None:
    return next((c for c in changes if c.change and _names(text, c.change)), None)


def matched_step(text: str, plan: list[PlanStep]) -> PlanStep | None:
    return next((s for s in plan if s.action and _names(text, s.action)), None)


def answered(trend: Trend, hw: Homework) -> bool:
    """The trend has an answer in the strategy: a change it drives that the Changes sheet lists
    (or a plan step's action named there instead), or plan steps that exist."""
    if trend.change and (
        matched_change(trend.change, hw.changes) or matched_step(trend.change, hw.plan)
    ):
        return True
    steps = unique_steps(hw.plan)
    return any(n in steps for n in trend.steps)


def _name(trend: Trend) -> str:
    return f"'{trend.trend}'" if trend.trend else "this trend"


def _links(trend: Trend, hw: Homework) -> list[Finding]:
    found: list[Finding] = []
    if trend.change and not (
        matched_change(trend.change, hw.changes) or matched_step(trend.change, hw.plan)
    ):
        found.append(
            warning(
                trend.loc("change"),
                "trends.unknown-change",
                f"{_name(trend)} drives '{trend.change}', which is neither a change on the "
                "Changes sheet nor a step of the Action plan; pick the change from the dropdown",
            )
        )
    steps = unique_steps(hw.plan)
    unknown = [n for n in trend.steps if n not in steps]
    if unknown:
        found.append(
            error(
                trend.loc("steps"),
                "trends.unknown-step",
                f"{_name(trend)} names plan step(s) {', '.join(str(n) for n in unknown)}, "
                "which the Action plan does not have; expected numbers of its steps",
            )
        )
    return found


def _unanswered(trend: Trend, hw: Homework) -> list[Finding]:
    # A change or steps written that match nothing are an answer all the same: the unknown-change
    # or unknown-step finding says what to correct, this one would contradict it.
    if not is_pressing(trend) or answered(trend, hw) or trend.change or trend.steps:
        return []
    return [
        warning(
            trend.loc("change"),
            "trends.unanswered",
            f"{_name(trend)} has influence {trend.influence} and competence {trend.competence}: "
            "high influence, low competence, but no change it drives and no plan step answers "
            "it; name the change (Changes sheet) or the plan steps that build the competence",
        )
    ]


def _pestel_gaps(hw: Homework) -> list[Finding]:
    if not hw.trends:
        return []  # the empty sheet is a finding of its own (rules.sections)
    covered = {t.factor for t in hw.trends}
    missing = [g for g in vocab.PESTEL if g not in covered]
    if not missing:
        return []
    groups = join_and(missing)
    return [
        warning(
            hw.anchor("trends"),
            "trends.pestel-gap",
            f"no trend in the {groups} factor {'group' if len(missing) == 1 else 'groups'}; "
            "a PESTEL scan looks at all six: add at least one trend for each, or note why none "
            "matters",
        )
    ]


def check_trends(hw: Homework) -> list[Finding]:
    found = [f for t in hw.trends for f in (*_links(t, hw), *_unanswered(t, hw))]
    return [*found, *_pestel_gaps(hw)]


__all__ = [
    "answered",
    "check_trends",
    "is_pressing",
    "matched_change",
    "matched_step",
    "radar_quadrant",
]
