"""The hidden Lists sheet behind every dropdown, the cell validations, and the cba_meta sheet.

Dropdowns point at defined names over the Lists sheet rather than at inline lists: inline lists
are capped at 255 characters (the 44 countries are longer) and LibreOffice reads named ranges
the same way Excel does.
"""

from __future__ import annotations

import datetime as dt
from typing import Any

from xlsxwriter.workbook import Workbook
from xlsxwriter.worksheet import Worksheet

from cba_xl.core import schema, vocab
from cba_xl.core.models import Homework
from cba_xl.core.schema import Field, Kind
from cba_xl.excel.styles import Styles
from cba_xl.spec import layout
from cba_xl.spec.cells import absolute, col_letter, split
from cba_xl.spec.layout import Layout

# Names of the lists the academy's vocabularies become; a list not named here gets
# "list_<field key>".
_LIST_NAMES: dict[tuple[str, ...], str] = {
    tuple(vocab.ECOSYSTEMS): "list_ecosystems",
    tuple(vocab.COUNTRY_CHOICES): "list_countries",
    tuple(vocab.CHALLENGE_THEMES): "list_challenge_themes",
    tuple(vocab.HIGH_LOW): "list_high_low",
    tuple(vocab.STATUSES): "list_statuses",
    tuple(vocab.FINANCING): "list_financing",
    tuple(vocab.DECISIONS): "list_decisions",
    tuple(vocab.YES_NO): "list_yes_no",
    tuple(vocab.RACI_CHOICES): "list_raci",
    tuple(title for _, title, _ in vocab.CANVAS_BLOCKS): "list_canvas_blocks",
    tuple(vocab.NEED_FIELDS): "list_need_fields",
}

EARLIEST_DATE = dt.date(2000, 1, 1)
LATEST_DATE = dt.date(2100, 12, 31)
_TITLE_MAX = 32  # Excel's limit for input and error titles
_MESSAGE_MAX = 255  # and for their messages


def _all_fields(lay: Layout) -> list[Field]:
    fields = [c.field for c in (*lay.profile, *lay.cells)]
    for table in lay.tables.values():
        fields.extend(table.inputs)
    fields.append(schema.RACI_ROLE)
    return fields


class Lists:
    """The closed vocabularies as columns of the Lists sheet, each with a defined name."""

    def __init__(self, lay: Layout) -> None:
        self.names: dict[tuple[str, ...], str] = {}
        for f in _all_fields(lay):
            allowed = tuple(f.allowed)
            if allowed and allowed not in self.names:
                self.names[allowed] = _LIST_NAMES.get(allowed, f"list_{f.key}")

    def name_for(self, f: Field) -> str:
        return self.names[tuple(f.allowed)]

    def write(self, wb: Workbook, styles: Styles) -> Worksheet:
        ws = wb.add_worksheet(layout.LISTS)
        for col, (values, name) in enumerate(self.names.items()):
            ws.write_string(0, col, name, styles.get(bold=True))
            for row, value in enumerate(values, start=1):
                ws.write_string(row, col, value)
            letter = col_letter(col)
            wb.define_name(name, f"='{layout.LISTS}'!${letter}$2:${letter}${len(values) + 1}")
            ws.set_column(col, col, max(len(v) for v in (name, *values)) + 2)
        ws.hide()
        ws.protect()
        return ws


def write_sources(wb: Workbook, ws: Worksheet, lay: Layout, hw: Homework | None) -> None:
    """The defined names of the dropdowns fed from the workbook's own entries (template 2.0):
    goal IDs and plan steps name their columns; the top-3 changes are formulas on the Lists
    sheet (the change ranked 1, 2 and 3 on the Changes sheet), so the dropdown follows the
    participant's ranking without Python."""
    sources = layout.dropdown_sources(lay)
    if not sources:
        return
    for name, where in sources.items():
        wb.define_name(name, f"={where}")
    changes = lay.tables["changes"]
    texts = f"'{changes.sheet}'!${changes.letter('change')}${changes.first_row}:" + (
        f"${changes.letter('change')}${changes.last_row}"
    )
    ranks = f"'{changes.sheet}'!${changes.letter('priority')}${changes.first_row}:" + (
        f"${changes.letter('priority')}${changes.last_row}"
    )
    col = ws.dim_colmax + 1 if ws.dim_colmax is not None else 0
    ws.write_string(0, col, layout.TOP_CHANGES)
    # The cached results, as MATCH finds them: the first change given each rank.
    ranked = {c.priority: c.change for c in reversed(hw.changes)} if hw is not None else {}
    for rank in (1, 2, 3):
        cached = ranked.get(rank, "")
        formula = f'=IFERROR(INDEX({texts},MATCH({rank},{ranks},0))&"","")'
        ws.write_formula(rank, col, formula, None, cached)
    letter = col_letter(col)
    wb.define_name(layout.TOP_CHANGES, f"='{layout.LISTS}'!${letter}$2:${letter}$4")
    ws.set_column(col, col, 40)


def short_title(label: str) -> str:
    """A field label cut to Excel's 32 characters at a natural break."""
    if len(label) <= _TITLE_MAX:
        return label
    for sep in (" (", ", ", " - "):
        head = label.split(sep, 1)[0]
        if len(head) <= _TITLE_MAX:
            return head
    return label[: _TITLE_MAX - 1].rsplit(" ", 1)[0] + "…"


def _fmt(x: float) -> str:
    return f"{int(x):,}" if float(x).is_integer() else str(x)


def _bounds_text(f: Field) -> str:
    lo, hi = f.minimum, f.maximum
    if lo is not None and hi is not None:
        return f"from {_fmt(lo)} to {_fmt(hi)}"
    if lo is not None:
        return f"of at least {_fmt(lo)}"
    if hi is not None:
        return f"of at most {_fmt(hi)}"
    return ""


def _numeric(f: Field, kind: str) -> dict[str, Any]:
    lo = f.minimum if f.minimum is not None else -1e12
    hi = f.maximum if f.maximum is not None else 1e12
    if kind == "integer":
        lo, hi = int(lo), int(hi)
    what = "a whole number" if kind == "integer" else "a number"
    bounds = _bounds_text(f)
    return {
        "validate": kind,
        "criteria": "between",
        "minimum": lo,
        "maximum": hi,
        "error_message": f"Enter {what} {bounds}.".replace("  ", " ").replace(" .", "."),
    }


def validation(f: Field, lists: Lists, *, prompt: str = "") -> dict[str, Any]:
    """The XlsxWriter data validation for one input field: a dropdown for every closed choice,
    number and date checks, and otherwise only the input message."""
    opts: dict[str, Any]
    if f.allowed:
        allowed = f.allowed
        listed = "Allowed: " + ", ".join(allowed) + "."
        if len(listed) > _MESSAGE_MAX:
            listed = f"Pick one of the {len(allowed)} entries of the dropdown list."
        opts = {
            "validate": "list",
            "source": f"={lists.name_for(f)}",
            "error_message": listed,
        }
        if f.kind is Kind.RACI:
            # The dropdown offers the usual letters and pairs; other combinations such as
            # "R/A/C" are valid too, so Excel only warns and lets the user keep them.
            opts["error_type"] = "warning"
            opts["error_message"] = (
                "Use R, A, C, I or a combination such as A/C. Keep this value anyway?"
            )
    elif f.kind in (Kind.INT, Kind.YEAR, Kind.SCORE):
        opts = _numeric(f, "integer")
    elif f.kind in (Kind.NUMBER, Kind.PERCENT):
        opts = _numeric(f, "decimal")
    elif f.kind is Kind.DATE:
        opts = {
            "validate": "date",
            "criteria": "between",
            "minimum": EARLIEST_DATE,
            "maximum": LATEST_DATE,
            "error_message": "Enter a date, e.g. 31.12.2025.",
        }
    else:
        opts = {"validate": "any"}
    message = prompt or f.prompt or _default_prompt(f)
    if message:
        opts["input_title"] = short_title(f.label)
        opts["input_message"] = message[:_MESSAGE_MAX]
    if opts["validate"] != "any":
        opts["error_title"] = short_title(f.label)
    return opts


def _default_prompt(f: Field) -> str:
    if f.allowed:
        return "Pick from the list."
    if f.kind is Kind.DATE:
        return "A date, e.g. 31.12.2025."
    if f.kind in (Kind.INT, Kind.YEAR, Kind.SCORE):
        return f"A whole number {_bounds_text(f)}.".replace(" .", ".")
    return ""


def write_meta(wb: Workbook, lay: Layout) -> Worksheet:
    """The very hidden sheet that tells cba-xl which template (and version) a file is."""
    ws = wb.add_worksheet(layout.META)
    id_row, id_col = _split(lay.meta_id_cell)
    version_row, version_col = _split(lay.meta_version_cell)
    ws.write_string(id_row, id_col - 1, "template_id")
    ws.write_string(id_row, id_col, layout.TEMPLATE_ID)
    ws.write_string(version_row, version_col - 1, "template_version")
    ws.write_string(version_row, version_col, lay.version)
    wb.define_name("cba_template_id", f"='{layout.META}'!{absolute(lay.meta_id_cell)}")
    wb.define_name("cba_template_version", f"='{layout.META}'!{absolute(lay.meta_version_cell)}")
    ws.set_column(0, 1, 34)
    ws.very_hidden()
    ws.protect()
    return ws


def _split(ref: str) -> tuple[int, int]:
    """'B2' -> (1, 1): XlsxWriter's 0-based row and column."""
    row, col = split(ref)
    return row - 1, col


def source_validation(f: Field, name: str) -> dict[str, Any]:
    """A dropdown over the workbook's own entries (goal IDs, top-3 changes, plan steps), named
    `name`. Excel only warns on another value: the entry may be typed before it exists, and
    the check names what does not match."""
    opts: dict[str, Any] = {
        "validate": "list",
        "source": f"={name}",
        "error_type": "warning",
        "error_title": short_title(f.label),
        "error_message": "Not in the list of this workbook's entries. Keep it anyway?",
    }
    if f.prompt:
        opts["input_title"] = short_title(f.label)
        opts["input_message"] = f.prompt[:_MESSAGE_MAX]
    return opts
