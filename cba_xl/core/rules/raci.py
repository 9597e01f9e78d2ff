"""RACI matrix: one accountable person per deliverable, someone marked R for the work (an A who
does it is written "R/A", as in the academy's example), not everybody consulted, and every role
given to a named person.

'Too many C' means: more than half of the row's filled cells include a C (a cell 'A/C' counts).
Empty cells are not counted, so a wide matrix with a few roles per row is judged by those roles.
"""

from __future__ import annotations

from collections.abc import Sequence

from cba_xl.core.findings import Finding, error, warning
from cba_xl.core.models import Homework, RaciPerson, RaciRow
from cba_xl.wording import agree


def _has(role: str, letter: str) -> bool:
    return letter in role.upper()


def too_many_c(roles: Sequence[str]) -> bool:
    filled = [r for r in roles if r]
    return bool(filled) and 2 * sum(_has(r, "C") for r in filled) > len(filled)


def _name(row: RaciRow) -> str:
    return f"'{row.deliverable}'" if row.deliverable else "this deliverable"


def check_raci_row(row: RaciRow, people: Sequence[RaciPerson]) -> list[Finding]:
    where = row.loc("deliverable")
    found: list[Finding] = []
    filled = [(i, r) for i, r in enumerate(row.roles) if r]
    accountable = [i for i, r in filled if _has(r, "A")]
    if len(accountable) != 1:
        found.append(
            error(
                where,
                "raci.one-a",
                f"{_name(row)} has {len(accountable)} A (accountable); expected exactly one",
            )
        )
    if not any(_has(r, "R") for _, r in filled):
        # Someone must be marked for the work. An accountable person who does it is written
        # "R/A", as the academy's own example does; a lone A is not taken to do it unsaid.
        hint = "; if the accountable person does it, write R/A" if len(accountable) == 1 else ""
        found.append(
            warning(
                where,
                "raci.no-r",
                f"nobody is responsible (R) for {_name(row)}; mark who does the work{hint}",
            )
        )
    if too_many_c(row.roles):
        count = sum(_has(r, "C") for _, r in filled)
        # more than half: a row's one role, or several of its roles
        roles = "the one role" if len(filled) == 1 else f"{count} of the {len(filled)} roles"
        found.append(
            warning(
                where,
                "raci.many-c",
                f"{roles} for {_name(row)} {agree(len(filled), 'is', 'are')} C (consulted); "
                "at most half is workable: inform (I) the others instead",
            )
        )
    for i, role in filled:
        if i < len(people) and not people[i].name:
            found.append(
                warning(
                    row.loc(f"p{i}"),
                    "raci.unnamed",
                    f"role {role} is given to a column without a person's name; "
                    "write the name or role at the top of the column",
                )
            )
    return found


def check_raci(hw: Homework) -> list[Finding]:
    # A step's number alone has no roles to judge: `raci.step-missing` asks for them.
    return [f for row in hw.raci if not row.waiting for f in check_raci_row(row, hw.raci_people)]


__all__ = ["check_raci", "check_raci_row", "too_many_c"]
