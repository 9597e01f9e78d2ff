"""Communication strategy: a brand of values and attributes, then objectives per target group
that guide the choice of tools and timing (the academy's step 6)."""

from __future__ import annotations

from cba_xl.core.findings import Finding, info, warning
from cba_xl.core.models import Communication, Homework, TargetGroup


def planned(comm: Communication) -> list[TargetGroup]:
    return [t for t in comm.plan if t.group]


def _row(t: TargetGroup) -> list[Finding]:
    found: list[Finding] = []
    if not t.objective.strip():
        found.append(
            warning(
                t.loc("objective"),
                "communication.no-objective",
                f"target group '{t.group}' has no communication objective; set what you want "
                "to achieve with it: the objective guides the choice of tools and timing",
            )
        )
    if not t.channel.strip():
        found.append(
            warning(
                t.loc("channel"),
                "communication.no-channel",
                f"target group '{t.group}' has no tool or channel; name how you will reach it",
            )
        )
    if not t.timing.strip():
        found.append(
            info(
                t.loc("timing"),
                "communication.no-timing",
                f"target group '{t.group}' has no timing; say when or how often",
            )
        )
    return found


def check_communication(hw: Homework) -> list[Finding]:
    comm = hw.communication
    found: list[Finding] = []
    if not comm.brand_values.strip() and not comm.brand_attributes.strip():
        found.append(
            warning(
                comm.loc("brand_values", hw.anchor("communication")),
                "communication.no-brand",
                "no brand values or attributes yet; a brand combines values and attributes "
                "(what the cluster stands for, its USP), in line with the members",
            )
        )
    groups = planned(comm)
    if not groups:
        found.append(
            warning(
                hw.anchor("communication"),
                "communication.empty",
                "no target group yet; set communication objectives per target group, then the "
                "tools and the timing",
            )
        )
    for t in groups:
        found += _row(t)
    return found


__all__ = ["check_communication", "planned"]
