"""Member needs: the academy's "need relevance analysis" (identify key members, their needs,
attribute relevance, prioritise) and the service portfolio's gaps based on those needs.

The academy's service portfolio update starts from the members' needs ("identifying of
portfolio gaps based on members' needs"), so a relevant need that no service on the Services
sheet serves is a gap to close; a need may also be the reason for a business-model change.
"""

from __future__ import annotations

from collections.abc import Iterable

from cba_xl.core.findings import Finding, info, warning
from cba_xl.core.models import Change, Homework, Need, Service
from cba_xl.core.parse import fold

# Relevance 4 and 5 of the 1-5 scale: the needs the cluster must serve (design). A less relevant
# need left unserved is a choice, shown on the slide as a gap but not reported.
HIGH_RELEVANCE = 4
GAP = "Gap"


def listed(needs: list[Need]) -> list[Need]:
    return [n for n in needs if n.need or n.member]


def priorities(needs: list[Need]) -> dict[int, int]:
    """Each need's priority by its row, as the sheet's formula ranks them: by relevance, the
    most relevant first, ties in the order listed; needs without a relevance have none."""
    rated = [n for n in needs if n.relevance is not None]
    ordered = sorted(rated, key=lambda n: -(n.relevance or 0))  # sorted() keeps the sheet order
    return {n.row: i for i, n in enumerate(ordered, start=1)}


def prioritised(needs: list[Need]) -> list[Need]:
    """The needs in priority order; those without a relevance last, in sheet order."""
    ranks = priorities(needs)
    return sorted(listed(needs), key=lambda n: ranks.get(n.row, len(needs) + 1))


def serving(need: Need, services: list[Service]) -> Service | None:
    """The service on the Services sheet that the need names, if any."""
    wanted = fold(need.service)
    if not wanted:
        return None
    return next((s for s in services if fold(s.service) == wanted), None)


def is_gap(need: Need, services: list[Service]) -> bool:
    """No service serves it: none is named, or the one named is to be terminated."""
    service = serving(need, services)
    if not need.service.strip():
        return True
    return service is not None and service.decision == "Terminate"


def served_text(need: Need, services: list[Service]) -> str:
    """The sheet's *Served?* column, as its native formula computes it."""
    return served_verdict(need.need, need.service, (s.service for s in services))


def served_verdict(need: str, service: str, offered: Iterable[str]) -> str:
    """`served_text` of a need and the service named for it, against the names of the services
    offered (the Services sheet's column): Served, Gap, Not a listed service, or ''."""
    if not need.strip():
        return ""
    if not service.strip():
        return GAP
    wanted = fold(service)
    return "Served" if any(fold(name) == wanted for name in offered) else "Not a listed service"


def called_change(need: Need, changes: list[Change]) -> Change | None:
    wanted = fold(need.change)
    return next((c for c in changes if wanted and fold(c.change) == wanted), None)


def _name(need: Need) -> str:
    who = f" of {need.member}" if need.member else ""
    return f"'{need.need}'{who}" if need.need else f"the need{who}"


def _service_findings(need: Need, services: list[Service]) -> list[Finding]:
    where = need.loc("service")
    relevance = f"relevance {need.relevance}" if need.relevance is not None else "no relevance"
    if not need.service.strip():
        if need.relevance is None or need.relevance < HIGH_RELEVANCE:
            return []
        return [
            warning(
                where,
                "needs.gap",
                f"{_name(need)} ({relevance}) is served by no service: a gap in the portfolio; "
                "initiate a service for it on the Services sheet, or name the one that serves it",
            )
        ]
    service = serving(need, services)
    if service is None:
        return [
            warning(
                where,
                "needs.unknown-service",
                f"'{need.service}' is not a service on the Services sheet; pick one from the "
                "list, or add it to the Services sheet",
            )
        ]
    if service.decision == "Terminate":
        return [
            warning(
                where,
                "needs.service-terminated",
                f"{_name(need)} ({relevance}) is served by '{service.service}', which the "
                "Services sheet terminates: the need becomes a gap; serve it another way",
            )
        ]
    return []


def _change_findings(need: Need, changes: list[Change]) -> list[Finding]:
    if not need.change.strip() or called_change(need, changes) is not None:
        return []
    return [
        warning(
            need.loc("change"),
            "needs.unknown-change",
            f"'{need.change}' is not a change on the Changes sheet; pick one from the list, "
            "or add it to the Changes sheet",
        )
    ]


def _unprioritised(needs: list[Need]) -> list[Finding]:
    rated = [n for n in needs if n.relevance is not None]
    if len(rated) < 3 or len({n.relevance for n in rated}) > 1:
        return []
    return [
        info(
            rated[0].loc("relevance"),
            "needs.unprioritised",
            f"all {len(rated)} needs have relevance {rated[0].relevance}, so none comes first; "
            "attribute higher relevance to the needs of your most important members",
        )
    ]


def check_needs(hw: Homework) -> list[Finding]:
    needs = listed(hw.needs)
    if not needs:
        return [
            warning(
                hw.anchor("needs"),
                "needs.empty",
                "no key member needs yet; name your key members, their needs and how relevant "
                "each need is",
            )
        ]
    found: list[Finding] = []
    for need in needs:
        found += _service_findings(need, hw.services)
        found += _change_findings(need, hw.changes)
    return [*found, *_unprioritised(needs)]


__all__ = [
    "GAP",
    "HIGH_RELEVANCE",
    "called_change",
    "check_needs",
    "fold",
    "is_gap",
    "listed",
    "priorities",
    "prioritised",
    "served_text",
    "served_verdict",
    "serving",
]
