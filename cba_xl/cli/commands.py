"""The list of commands; each lives in its own module with `register(subparsers)`."""

from __future__ import annotations

from types import ModuleType

from cba_xl.cli import (
    cmd_build_templates,
    cmd_check,
    cmd_coach,
    cmd_compare,
    cmd_consolidate,
    cmd_demo,
    cmd_feedback,
    cmd_fill,
    cmd_lite,
    cmd_new,
    cmd_sample,
    cmd_slides,
    cmd_upgrade,
)

ALL: tuple[ModuleType, ...] = (
    cmd_new,
    cmd_check,
    cmd_fill,
    cmd_upgrade,
    cmd_slides,
    cmd_compare,
    cmd_coach,
    cmd_feedback,
    cmd_sample,
    cmd_consolidate,
    cmd_demo,
    cmd_build_templates,
    cmd_lite,
)
