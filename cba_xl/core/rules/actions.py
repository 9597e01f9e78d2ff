"""Action priority matrix: each action's quadrant, and at least one quick win in the plan."""

from __future__ import annotations

from cba_xl.core import vocab
from cba_xl.core.findings import Finding, warning
from cba_xl.core.models import Action, Homework
from cba_xl.core.rules.derived import quadrant


def action_quadrant(action: Action) -> str:
    """'Quick win', 'Major project', 'Fill-in', 'Thankless task', or '' when not rated yet."""
    return quadrant(action.impact, action.effort)


def quadrant_counts(actions: list[Action]) -> dict[str, int]:
    """Actions per quadrant, every quadrant present (for the cohort's share of quick wins)."""
    counts = dict.fromkeys(vocab.QUADRANTS, 0)
    for a in actions:
        q = action_quadrant(a)
        if q:
            counts[q] += 1
    return counts


def check_actions(hw: Homework) -> list[Finding]:
    """Warn when no action is a quick win, unless an action's text explains it ('no quick win
    because ...'): the sheet has no other place to say why not."""
    rated = [a for a in hw.actions if action_quadrant(a)]
    if not rated or any(action_quadrant(a) == vocab.QUICK_WIN for a in rated):
        return []
    if any("quick win" in a.action.casefold() for a in hw.actions):
        return []
    n = len(rated)
    none = "the one rated action is not" if n == 1 else f"none of the {n} rated actions is"
    return [
        warning(
            hw.anchor("actions"),
            "actions.no-quick-win",
            f"{none} a quick win (high impact, low effort); "
            "add one, or write in an action's text why not ('no quick win because ...')",
        )
    ]


__all__ = ["action_quadrant", "check_actions", "quadrant_counts"]
