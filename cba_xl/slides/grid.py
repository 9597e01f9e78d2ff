"""Native tables that never run off the slide: rows are measured, long cells are shortened (the
full text goes to the notes), and a table that does not fit continues on the next slide with
"(1/2)" in the title. The header, with its optional band row and guiding-question row, repeats on
every page."""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass, field
from typing import Any

from pptx.enum.text import PP_ALIGN
from pptx.util import Emu

from cba_xl.errors import TemplateProblem
from cba_xl.slides import ooxml
from cba_xl.slides.deck import EMU_PER_PT, SCHEME, Deck, Rect, Slide
from cba_xl.slides.fitting import LINE_SPACING, metrics

CELL_X, CELL_Y = 45720, 27432  # cell margins: 0.05 in, 0.03 in
MIN_SIZE = 8.0
HEADER_MIN_SIZE = 6.0  # headers shrink this far rather than break a word
FILL = 0.97  # share of the area a table may fill: renderers break some lines differently


@dataclass(frozen=True)
class Column:
    header: str
    width: float  # share of the table width; shares are normalised
    question: str = ""  # the guiding question under the header, in italics
    align: PP_ALIGN = PP_ALIGN.LEFT
    bold: bool = False


@dataclass
class Table:
    columns: Sequence[Column]
    rows: Sequence[Sequence[str]]
    bands: Sequence[tuple[str, int]] = ()  # (label, columns spanned) above the headers
    size: float = 10.0  # the size when the table is split over several slides
    max_size: float = 12.0  # a table that fits one slide may grow up to this size
    max_lines: int = 5  # a cell needing more lines is shortened with an ellipsis
    row_roles: dict[int, str] = field(default_factory=dict)  # row -> text colour role
    cell_roles: dict[tuple[int, int], str] = field(default_factory=dict)  # (row, col) -> fill role

    def widths(self, total: int) -> list[int]:
        share = sum(c.width for c in self.columns)
        widths = [int(total * c.width / share) for c in self.columns]
        widths[-1] += total - sum(widths)
        return widths


@dataclass
class _Measured:
    size: float
    header_h: list[int]  # EMU per header row
    row_h: list[int]
    texts: list[list[str]]  # body texts as shown (maybe shortened)
    cut: list[list[str]]  # per row: full texts that were shortened
    header_size: float = 0.0  # the header row's size (the question row's is one point less)

    @property
    def head(self) -> float:
        return self.header_size or self.size


def _line_emu(size: float) -> float:
    return size * LINE_SPACING * EMU_PER_PT


def _cell_lines(text: str, width_emu: int, size: float, bold: bool = False) -> int:
    width_pt = (width_emu - 2 * CELL_X) / EMU_PER_PT
    return len(metrics().wrap(text, width_pt, size, bold)) if text else 1


def _words_fit(text: str, width_emu: int, size: float, bold: bool) -> bool:
    width_pt = (width_emu - 2 * CELL_X) / EMU_PER_PT
    return all(metrics().width(word, size, bold) <= width_pt for word in text.split())


def header_size(table: Table, widths: Sequence[int], size: float) -> float:
    """The largest size up to the body's at which no header or guiding question has to break
    inside a word (PowerPoint breaks a word wider than its cell: "to member s")."""
    while size > HEADER_MIN_SIZE:
        if all(
            _words_fit(c.header, w, size, True) and _words_fit(c.question, w, size - 1, False)
            for c, w in zip(table.columns, widths, strict=True)
        ):
            return size
        size -= 0.5
    return HEADER_MIN_SIZE


def _measure(table: Table, widths: Sequence[int], size: float) -> _Measured:
    m = metrics()
    pad = 2 * CELL_Y
    head = header_size(table, widths, size)

    def height(lines: int, sz: float) -> int:
        return int(lines * _line_emu(sz) + pad + 0.25 * sz * EMU_PER_PT)

    header_h: list[int] = []
    if table.bands:
        spans, first = [], 0
        for label, span in table.bands:
            spans.append(_cell_lines(label, sum(widths[first : first + span]), size, True))
            first += span
        header_h.append(height(max(spans, default=1), size))
    header_h.append(
        height(
            max(
                _cell_lines(c.header, w, head, True)
                for c, w in zip(table.columns, widths, strict=True)
            ),
            head,
        )
    )
    if any(c.question for c in table.columns):
        q = head - 1
        header_h.append(
            height(
                max(
                    _cell_lines(c.question, w, q)
                    for c, w in zip(table.columns, widths, strict=True)
                ),
                q,
            )
        )
    row_h: list[int] = []
    texts: list[list[str]] = []
    cut: list[list[str]] = []
    for row in table.rows:
        shown: list[str] = []
        lost: list[str] = []
        lines = 1
        for text, col, w in zip(row, table.columns, widths, strict=True):
            width_pt = (w - 2 * CELL_X) / EMU_PER_PT
            short, was_cut = m.clip(text, width_pt, size, table.max_lines, col.bold)
            if was_cut:
                lost.append(text)
            shown.append(short)
            lines = max(lines, _cell_lines(short, w, size, col.bold))
        texts.append(shown)
        cut.append(lost)
        row_h.append(height(lines, size))
    return _Measured(size, header_h, row_h, texts, cut, head)


def _pages(measured: _Measured, available: int) -> list[list[int]]:
    """Rows per page: as few pages as possible, then rows spread evenly over them, so that the
    last page is not a lone row."""
    room = int(available * FILL) - sum(measured.header_h)
    count = len(_greedy(measured.row_h, room))
    if count <= 1:
        return _greedy(measured.row_h, room)
    target = sum(measured.row_h) / count
    while True:
        pages = _greedy(measured.row_h, room, target)
        if len(pages) <= count:
            return pages
        target = min(room, target * 1.05)


def _greedy(heights: Sequence[int], room: int, target: float | None = None) -> list[list[int]]:
    pages: list[list[int]] = [[]]
    used = 0
    limit = room if target is None else target
    for i, h in enumerate(heights):
        if (
            pages[-1]
            and used + h > limit
            and (target is None or used + h / 2 > limit or used + h > room)
        ):
            pages.append([])
            used = 0
        pages[-1].append(i)
        used += h
    return pages


def plan_pages(table: Table, area: Rect) -> tuple[_Measured, list[list[int]]]:
    """The font size and rows per page: one page at the largest size from `max_size` down to
    8 pt that fits, else the table's own size, split over as many pages as needed."""
    widths = table.widths(area.w)
    size = max(table.max_size, table.size)
    while size >= MIN_SIZE:
        measured = _measure(table, widths, size)
        pages = _pages(measured, area.h)
        if len(pages) == 1:
            return measured, pages
        size -= 0.5
    measured = _measure(table, widths, table.size)
    return measured, _pages(measured, area.h)


def draw(
    deck: Deck, slide: Slide, area: Rect, table: Table, measured: _Measured, rows: Sequence[int]
) -> None:
    widths = table.widths(area.w)
    n_header = len(measured.header_h)
    heights = [*measured.header_h, *(measured.row_h[i] for i in rows)]
    shape = slide.pptx.shapes.add_table(
        len(heights), len(table.columns), Emu(area.x), Emu(area.y), Emu(area.w), Emu(sum(heights))
    )
    shape.name = "Table"
    tbl = shape.table
    tbl.first_row = True
    tbl.horz_banding = False
    for c, w in enumerate(widths):
        tbl.columns[c].width = Emu(w)
    for r, h in enumerate(heights):
        tbl.rows[r].height = Emu(h)
    size = measured.size
    header_row = 0
    if table.bands:
        col = 0
        for label, span in table.bands:
            cell = tbl.cell(0, col)
            if span > 1:
                cell.merge(tbl.cell(0, col + span - 1))
            fill = "brand" if label else "white"
            for extra in range(col + 1, col + span):
                _set(tbl.cell(0, extra), "", size, fill=fill, border=_HEADER_BORDER)
            _set(cell, label, size, bold=True, color="white", fill=fill, border=_HEADER_BORDER)
            col += span
        header_row = 1
    for c, column in enumerate(table.columns):
        cell = tbl.cell(header_row, c)
        _set(
            cell,
            column.header,
            measured.head,
            bold=True,
            color="white",
            fill="brand",
            align=column.align,
            border=_HEADER_BORDER,
        )
    if n_header > header_row + 1:
        for c, column in enumerate(table.columns):
            cell = tbl.cell(header_row + 1, c)
            _set(
                cell,
                column.question,
                measured.head - 1,
                italic=True,
                color="text",
                fill="panel",
                align=column.align,
                border=_HEADER_BORDER,
            )
    for r, i in enumerate(rows, start=n_header):
        for c, column in enumerate(table.columns):
            cell = tbl.cell(r, c)
            _set(
                cell,
                measured.texts[i][c],
                size,
                bold=column.bold,
                color=table.row_roles.get(i, "text"),
                fill=table.cell_roles.get((i, c), "white"),
                align=column.align,
            )
        slide.cut.extend(measured.cut[i])


_ALIGNS = {PP_ALIGN.LEFT: "l", PP_ALIGN.CENTER: "ctr", PP_ALIGN.RIGHT: "r"}
_HEADER_BORDER = (9525, "bg1", 0)
_BODY_BORDER = (6350, SCHEME["muted"], 60)


def _set(
    cell: Any,
    text: str,
    size: float,
    *,
    bold: bool = False,
    italic: bool = False,
    color: str = "text",
    fill: str = "white",
    align: PP_ALIGN = PP_ALIGN.LEFT,
    border: tuple[int, str, int] = _BODY_BORDER,
) -> None:
    ooxml.write_cell(
        cell,
        text,
        size=size,
        bold=bold,
        italic=italic,
        color=SCHEME[color],
        fill=SCHEME[fill],
        align=_ALIGNS.get(align, "l"),
        margins=(CELL_X, CELL_Y),
        border=border,
    )


def paged(
    deck: Deck,
    layout: str,
    area_name: str,
    *,
    title: str,
    kicker: str,
    notes: Sequence[str],
    table: Table,
    source: str | None = None,
) -> list[Slide]:
    """The table on as many slides of `layout` as it needs, "(1/3)" after the title."""
    rects = deck.info(layout).rects
    if area_name not in rects:
        raise TemplateProblem(f"layout '{layout}' has no placeholder named '{area_name}'")
    area = rects[area_name]
    measured, pages = plan_pages(table, area)
    slides = []
    for n, rows in enumerate(pages, start=1):
        suffix = f" ({n}/{len(pages)})" if len(pages) > 1 else ""
        slide = deck.add(layout, title=title + suffix, kicker=kicker, source=source, notes=notes)
        draw(deck, slide, deck.take(slide, area_name), table, measured, rows)
        slides.append(slide)
    return slides
