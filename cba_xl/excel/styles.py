"""Colours and cell formats of the participant workbook, in the academy's style.

XlsxWriter formats belong to one workbook, so `Styles` makes them on demand and keeps one per
set of properties; the order of first use is fixed by the builder, so the styles part of the
file is the same on every build.
"""

from __future__ import annotations

from typing import Any

from xlsxwriter.format import Format
from xlsxwriter.workbook import Workbook

from cba_xl.core import vocab
from cba_xl.core.schema import Field, Kind

FONT = "Arial"  # Liberation Sans is its metric-compatible substitute in LibreOffice
FONT_SIZE = 10

EU_BLUE = "#003399"
BLUE_ITEM = "#DDE6F6"
TEAL = "#00796B"
GREEN_ITEM = "#DCEFE9"
GOLD = "#FFCC00"
GREY_TEXT = "#595959"
GREY_FILL = "#F2F2F2"
LABEL_FILL = "#E9EEF8"
INPUT_BORDER = "#A6A6A6"
AMBER = "#FFE699"
RED_FILL, RED_TEXT = "#FFC7CE", "#9C0006"
GREEN_FILL, GREEN_TEXT = "#C6EFCE", "#006100"

QUADRANT_COLOURS = {
    vocab.QUICK_WIN: ("#C6EFCE", "#006100"),
    vocab.MAJOR_PROJECT: ("#BDD7EE", "#1F4E79"),
    vocab.FILL_IN: ("#E7E6E6", "#3A3838"),
    vocab.THANKLESS_TASK: ("#F8CBAD", "#9C0006"),
}

# The two canvas groups: (header fill, item fill)
GROUP_COLOURS = {
    vocab.BUSINESS_DEVELOPMENT: (EU_BLUE, BLUE_ITEM),
    vocab.FINANCING_GROUP: (TEAL, GREEN_ITEM),
}

DATE_FORMAT = "dd.mm.yyyy"
WRAP_FROM_WIDTH = 24  # text columns at least this wide wrap their text


def wraps(f: Field) -> bool:
    return f.kind in (Kind.TEXT, Kind.CHOICE, Kind.COUNTRY) and f.width >= WRAP_FROM_WIDTH


class Styles:
    """One workbook's formats, made on first use and shared afterwards."""

    def __init__(self, workbook: Workbook) -> None:
        self._wb = workbook
        self._cache: dict[tuple[tuple[str, Any], ...], Format] = {}

    def get(self, **props: Any) -> Format:
        key = tuple(sorted(props.items()))
        fmt = self._cache.get(key)
        if fmt is None:
            fmt = self._wb.add_format({"font_name": FONT, "font_size": FONT_SIZE, **props})
            self._cache[key] = fmt
        return fmt

    # -- text around the inputs -------------------------------------------------------------
    @property
    def title(self) -> Format:
        return self.get(bold=True, font_size=16, font_color=EU_BLUE)

    @property
    def instruction(self) -> Format:
        return self.get(italic=True, font_color=GREY_TEXT)

    @property
    def text(self) -> Format:
        return self.get(valign="top")

    @property
    def text_wrap(self) -> Format:
        return self.get(valign="top", text_wrap=True)

    @property
    def heading(self) -> Format:
        return self.get(bold=True, font_size=11, font_color=EU_BLUE, valign="top")

    @property
    def link(self) -> Format:
        return self.get(font_color=EU_BLUE, underline=1, bold=True, valign="top")

    @property
    def header(self) -> Format:
        return self.get(
            bold=True,
            font_color="#FFFFFF",
            bg_color=EU_BLUE,
            text_wrap=True,
            valign="vcenter",
            border=1,
            border_color="#FFFFFF",
        )

    @property
    def band(self) -> Format:
        """A header spanning several columns (the RACI groups)."""
        return self.get(
            bold=True,
            font_color="#FFFFFF",
            bg_color=EU_BLUE,
            align="center",
            valign="vcenter",
            border=1,
            border_color="#FFFFFF",
        )

    @property
    def guide(self) -> Format:
        return self.get(
            italic=True,
            font_color=EU_BLUE,
            bg_color=LABEL_FILL,
            text_wrap=True,
            valign="bottom",
            border=1,
            border_color="#FFFFFF",
        )

    @property
    def label(self) -> Format:
        return self.get(
            bold=True, bg_color=LABEL_FILL, valign="vcenter", border=1, border_color="#FFFFFF"
        )

    @property
    def help(self) -> Format:
        return self.get(italic=True, font_color=GREY_TEXT, text_wrap=True, valign="vcenter")

    @property
    def lead(self) -> Format:
        return self.get(
            align="center",
            valign="top",
            bold=True,
            font_color=EU_BLUE,
            bg_color=GREY_FILL,
            border=1,
            border_color=INPUT_BORDER,
        )

    @property
    def lead_label(self) -> Format:
        """A fixed row's name in a locked first column (the fields of competence)."""
        return self.get(
            valign="top",
            bold=True,
            text_wrap=True,
            font_color=EU_BLUE,
            bg_color=GREY_FILL,
            border=1,
            border_color=INPUT_BORDER,
        )

    # -- cells -------------------------------------------------------------------------------
    def input(self, f: Field, *, fill: str | None = None, single: bool = False) -> Format:
        """An unlocked input cell; `single` for a labelled cell of its own (left, centred
        vertically on its label) rather than a table cell."""
        props: dict[str, Any] = {
            "locked": False,
            "valign": "vcenter" if single else "top",
            "border": 1,
            "border_color": INPUT_BORDER,
        }
        if fill:
            props["bg_color"] = fill
        if wraps(f):
            props["text_wrap"] = True
        if f.kind is Kind.DATE:
            props["num_format"] = DATE_FORMAT
            props["align"] = "left"
        elif f.kind is Kind.STEPS:
            # Text: "2,3" stays "2,3" where the comma is the decimal mark, and "2/3" no date.
            props["num_format"] = "@"
            props["align"] = "center"
        elif single:
            props["align"] = "left"
        elif f.kind in (Kind.SCORE, Kind.YES_NO, Kind.RACI, Kind.STEPS) or (
            f.kind is Kind.INT and f.width <= 12
        ):
            props["align"] = "center"
        return self.get(**props)

    def derived(self, number_format: str = "", *, wrap: bool = False) -> Format:
        props: dict[str, Any] = {
            "valign": "top",
            "bg_color": GREY_FILL,
            "font_color": "#262626",
            "border": 1,
            "border_color": INPUT_BORDER,
        }
        if number_format:
            props["num_format"] = number_format
            props["align"] = "left"
        if wrap:
            props["text_wrap"] = True
        return self.get(**props)

    # -- canvas ------------------------------------------------------------------------------
    def block_header(self, group: str) -> Format:
        head, _ = GROUP_COLOURS[group]
        return self.get(
            bold=True,
            font_color="#FFFFFF",
            bg_color=head,
            valign="vcenter",
            text_wrap=True,
            top=2,
            left=2,
            right=2,
            bottom=1,
            border_color=head,
        )

    def block_item(self, group: str, *, last: bool) -> Format:
        head, item = GROUP_COLOURS[group]
        return self.get(
            locked=False,
            bg_color=item,
            valign="top",
            text_wrap=True,
            left=2,
            right=2,
            bottom=2 if last else 4,
            left_color=head,
            right_color=head,
            bottom_color=head if last else "#FFFFFF",
        )

    def legend(self, group: str) -> Format:
        head, _ = GROUP_COLOURS[group]
        return self.get(bold=True, font_color="#FFFFFF", bg_color=head, valign="vcenter")

    # -- conditional formats (dxf: fill and font only) ----------------------------------------
    def flag(self, fill: str, font: str | None = None) -> Format:
        props: dict[str, Any] = {"bg_color": fill}
        if font:
            props["font_color"] = font
        key = (("dxf", True), *sorted(props.items()))
        fmt = self._cache.get(key)
        if fmt is None:
            fmt = self._wb.add_format(props)
            self._cache[key] = fmt
        return fmt

    @property
    def missing(self) -> Format:
        return self.flag(AMBER)

    @property
    def bad(self) -> Format:
        return self.flag(RED_FILL, RED_TEXT)

    @property
    def good(self) -> Format:
        return self.flag(GREEN_FILL, GREEN_TEXT)
