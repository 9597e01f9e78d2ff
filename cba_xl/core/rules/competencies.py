"""Competency assessment: the six fields of competence the academy names, the cluster
management's current and target level in each, and the plan steps that close each gap.

Core competences let a cluster allocate its resources, build its image and earn its members'
commitment (the academy's day 1); a gap between today's level and the one the strategy needs is
closed by steps of the action plan, or it stays open.
"""

from __future__ import annotations

from cba_xl.core import vocab
from cba_xl.core.findings import Finding, error, info, warning
from cba_xl.core.models import Competency, Homework
from cba_xl.core.rules.schedule import unique_steps
from cba_xl.wording import join_and


def _name(c: Competency) -> str:
    return c.field or "this field"


def _check(c: Competency, hw: Homework) -> list[Finding]:
    found: list[Finding] = []
    steps = unique_steps(hw.plan)
    unknown = [n for n in c.steps if n not in steps]
    if unknown:
        found.append(
            error(
                c.loc("steps"),
                "competencies.unknown-step",
                f"{_name(c)} is to be closed by plan step(s) "
                f"{', '.join(str(n) for n in unknown)}, which the Action plan does not have; "
                "expected numbers of its steps",
            )
        )
    gap = c.gap
    # closing steps that name no plan step are the unknown-step error above, not an open gap
    if gap is not None and gap > 0 and not c.steps:
        found.append(
            warning(
                c.loc("steps"),
                "competencies.gap-open",
                f"{_name(c)}: current level {c.current}, target {c.target}, a gap of {gap} "
                "that no plan step closes; name the Action plan steps that build it",
            )
        )
    if gap is not None and gap < 0:
        found.append(
            info(
                c.loc("target"),
                "competencies.target-below",
                f"{_name(c)}: the target level {c.target} is below today's {c.current}; "
                "is the field less needed by the strategy, or are the two swapped?",
            )
        )
    return found


def _unassessed(hw: Homework) -> list[Finding]:
    if not hw.competencies:
        return []  # the empty sheet is a finding of its own (rules.sections)
    rated = {c.field for c in hw.competencies if c.current is not None or c.target is not None}
    missing = [name for name in vocab.COMPETENCE_NAMES if name not in rated]
    if not missing:
        return []
    return [
        info(
            hw.anchor("competencies"),
            "competencies.unassessed",
            f"{join_and(missing)} {'is' if len(missing) == 1 else 'are'} not assessed yet; "
            "the academy's assessment covers all six fields",
        )
    ]


def check_competencies(hw: Homework) -> list[Finding]:
    return [*(f for c in hw.competencies for f in _check(c, hw)), *_unassessed(hw)]


__all__ = ["check_competencies"]
