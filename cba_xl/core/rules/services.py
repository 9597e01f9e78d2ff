"""Service portfolio: the profitability matrix's suggestion against the decision taken, and the
gap between the cluster's own view and its members' rating."""

from __future__ import annotations

from cba_xl.core.findings import Finding, info, warning
from cba_xl.core.models import Service
from cba_xl.core.rules.derived import (
    KEEP_AND_PROMOTE,
    TERMINATE_OR_FEE,
    member_gap,
    service_suggestion,
)

GAP_LIMIT = 2  # points on the 1-5 scale; smaller gaps are ordinary disagreement


def _gap_text(gap: int) -> str:
    direction = "lower" if gap > 0 else "higher"
    return f"Members rate it {abs(gap)} {direction} than you: check with members"


def service_note(service: Service) -> str:
    """The workbook's 'Check' column: what to reconsider about this service, or ''."""
    notes: list[str] = []
    suggestion = service_suggestion(service.effort, service.value)
    if suggestion == TERMINATE_OR_FEE and service.decision == "Keep":
        notes.append("High effort, low value: consider terminating or making it fee-based")
    elif suggestion == KEEP_AND_PROMOTE and service.decision == "Terminate":
        notes.append("Low effort, high value: consider keeping and promoting it")
    gap = member_gap(service.value, service.rating)
    if gap is not None and abs(gap) >= GAP_LIMIT:
        notes.append(_gap_text(gap))
    return "; ".join(notes)


def check_service(service: Service) -> list[Finding]:
    found: list[Finding] = []
    name = f"'{service.service}'" if service.service else "this service"
    suggestion = service_suggestion(service.effort, service.value)
    if suggestion == TERMINATE_OR_FEE and service.decision == "Keep":
        found.append(
            warning(
                service.loc("decision"),
                "services.keep-costly",
                f"{name} has effort {service.effort} and member value {service.value} but is "
                "kept unchanged; high effort and low value suggest terminate or make fee-based",
            )
        )
    elif suggestion == KEEP_AND_PROMOTE and service.decision == "Terminate":
        found.append(
            info(
                service.loc("decision"),
                "services.terminate-valuable",
                f"{name} has effort {service.effort} and member value {service.value} but is "
                "terminated; low effort and high value suggest keep and promote",
            )
        )
    gap = member_gap(service.value, service.rating)
    if gap is not None and abs(gap) >= GAP_LIMIT:
        found.append(
            warning(
                service.loc("rating"),
                "services.member-gap",
                f"members rate {name} {service.rating}, you rate it {service.value}: a gap of "
                f"{abs(gap)}; a gap below {GAP_LIMIT} is expected, check with members",
            )
        )
    return found


def check_services(services: list[Service]) -> list[Finding]:
    return [f for s in services for f in check_service(s)]


__all__ = ["GAP_LIMIT", "check_service", "check_services", "service_note"]
