"""Service portfolio: the profitability matrix's suggestion against the decision taken, and the
gap between the cluster's own view and its members' rating.

The academy's case (an energy cluster, 2018): several high-effort services were included in the
membership fee, and three of them were turned into fee-based services; the members' feedback is
the "final validation" of the self-assessment. So the suggestion rests on the members' rating
when there is one, and on the financing: a service that is already fee-based is never told to
become fee-based, and a high-effort one included in the membership fee is the academy's case
for making it fee-based.
"""

from __future__ import annotations

from cba_xl.core.findings import Finding, info, warning
from cba_xl.core.models import Service
from cba_xl.core.rules.derived import (
    FEE_BASED,
    KEEP_AND_PROMOTE,
    MAKE_FEE_BASED,
    TERMINATE_OR_CHANGE,
    TERMINATE_OR_FEE,
    assessed_value,
    member_gap,
    service_suggestion,
)

GAP_LIMIT = 2  # points on the 1-5 scale; smaller gaps are ordinary disagreement
_TERMINATE = (TERMINATE_OR_FEE, TERMINATE_OR_CHANGE)


def suggestion_of(service: Service) -> str:
    """The matrix's suggestion for one service (the workbook's *Suggested decision*)."""
    return service_suggestion(service.effort, service.value, service.rating, service.financing)


def _is_fee_based(service: Service) -> bool:
    return service.financing.strip().casefold() == FEE_BASED.casefold()


def _value_words(service: Service) -> str:
    """'member value 2' or 'members' rating 2 (your value 4)': which value the rule used."""
    if service.rating is None:
        return f"member value {service.value}"
    if service.value is None or service.value == service.rating:
        return f"members' rating {service.rating}"
    return f"members' rating {service.rating} (your value {service.value})"


def _gap_text(gap: int) -> str:
    direction = "lower" if gap > 0 else "higher"
    return f"Members rate it {abs(gap)} {direction} than you: their rating counts"


def service_note(service: Service) -> str:
    """The workbook's 'Check' column: what to reconsider about this service, or ''."""
    notes: list[str] = []
    suggestion = suggestion_of(service)
    if suggestion in _TERMINATE and service.decision == "Keep":
        if suggestion == TERMINATE_OR_FEE:
            notes.append("High effort, low value: consider terminating or making it fee-based")
        else:
            notes.append("High effort, low value although fee-based: terminate or change it")
    elif suggestion == KEEP_AND_PROMOTE and service.decision == "Terminate":
        notes.append("Low effort, high value: consider keeping and promoting it")
    elif suggestion == MAKE_FEE_BASED and service.decision == "Keep":
        notes.append("High effort included in the membership fee: consider making it fee-based")
    if service.decision == "Make fee-based" and _is_fee_based(service):
        notes.append("Already fee-based: choose another decision")
    gap = member_gap(service.value, service.rating)
    if gap is not None and abs(gap) >= GAP_LIMIT:
        notes.append(_gap_text(gap))
    return "; ".join(notes)


def _decision_findings(service: Service, name: str) -> list[Finding]:
    where = service.loc("decision")
    suggestion = suggestion_of(service)
    scores = f"effort {service.effort} and {_value_words(service)}"
    if suggestion in _TERMINATE and service.decision == "Keep":
        way = (
            "terminate or make fee-based"
            if suggestion == TERMINATE_OR_FEE
            else ("terminate or change (it is fee-based already)")
        )
        return [
            warning(
                where,
                "services.keep-costly",
                f"{name} has {scores} but is kept unchanged; high effort and low value "
                f"suggest {way}",
            )
        ]
    if suggestion == KEEP_AND_PROMOTE and service.decision == "Terminate":
        return [
            info(
                where,
                "services.terminate-valuable",
                f"{name} has {scores} but is terminated; low effort and high value suggest "
                "keep and promote",
            )
        ]
    if suggestion == MAKE_FEE_BASED and service.decision == "Keep":
        return [
            info(
                where,
                "services.fee-included-costly",
                f"{name} has effort {service.effort} and is included in the membership fee; "
                "the academy's case turned such services into fee-based ones: consider "
                "making it fee-based",
            )
        ]
    if service.decision == "Make fee-based" and _is_fee_based(service):
        return [
            warning(
                where,
                "services.already-fee-based",
                f"{name} is already fee-based, so it cannot be made fee-based; expected "
                "another decision (keep, change or terminate)",
            )
        ]
    return []


def check_service(service: Service) -> list[Finding]:
    name = f"'{service.service}'" if service.service else "this service"
    found = _decision_findings(service, name)
    gap = member_gap(service.value, service.rating)
    if gap is not None and abs(gap) >= GAP_LIMIT:
        found.append(
            warning(
                service.loc("rating"),
                "services.member-gap",
                f"members rate {name} {service.rating}, you rate it {service.value}: a gap of "
                f"{abs(gap)}; a gap below {GAP_LIMIT} is expected. Members' feedback is the "
                "final validation: the suggestion uses their rating",
            )
        )
    return found


def check_services(services: list[Service]) -> list[Finding]:
    return [f for s in services for f in check_service(s)]


__all__ = [
    "GAP_LIMIT",
    "assessed_value",
    "check_service",
    "check_services",
    "service_note",
    "suggestion_of",
]
