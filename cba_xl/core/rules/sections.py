"""Whole sections left empty. Required cells inside a filled row are the interpreter's job; a
section with no row at all has no cell to be empty, so it is named at the section's first cell.

Challenges, canvases and changes report their own empty case (see their modules)."""

from __future__ import annotations

from typing import Final

from cba_xl.core.findings import Finding, warning
from cba_xl.core.models import Homework

_WHAT: Final = {
    "services": ("services", "list the services your cluster offers"),
    "actions": ("actions", "list the actions and rate their impact and effort"),
    "goals": ("goals", "write at least one SMART goal"),
    "plan": ("plan steps", "write the steps of your action plan"),
    "raci": ("RACI deliverables", "list the deliverables and who is R, A, C or I"),
}


def check_sections(hw: Homework) -> list[Finding]:
    filled = {
        "services": hw.services,
        "actions": hw.actions,
        "goals": hw.goals,
        "plan": hw.plan,
        "raci": hw.raci,
    }
    return [
        warning(hw.anchor(key), f"{key}.empty", f"no {noun} yet; {todo}")
        for key, (noun, todo) in _WHAT.items()
        if not filled[key]
    ]


__all__ = ["check_sections"]
