"""`Deck`: python-pptx behind a small API in the academy's terms.

Slides are added by layout name; text goes into placeholders by their name in the layout, is
fitted by measuring, and whatever had to be shortened is written in full into the speaker notes.
Every content slide gets its kicker, source line, footer, page number and, for sample data, the
"Exemplary" sticker. Charts and tables live in `charts.py` and `tables.py`, which draw into a
`Rect` taken from a layout placeholder.
"""

from __future__ import annotations

import copy
import io
from collections.abc import Iterable, Sequence
from dataclasses import dataclass, field
from functools import cache
from pathlib import Path
from typing import Any

from pptx import Presentation
from pptx.enum.dml import MSO_THEME_COLOR
from pptx.enum.shapes import MSO_SHAPE, PP_PLACEHOLDER
from pptx.enum.text import MSO_ANCHOR, MSO_AUTO_SIZE, PP_ALIGN
from pptx.util import Emu, Pt

from cba_xl.errors import TemplateProblem
from cba_xl.slides import master, ooxml
from cba_xl.slides.brand import DEFAULT_BRAND, Brand
from cba_xl.slides.fitting import ELLIPSIS, Fitted, Para, fit, metrics
from cba_xl.slides.words import TEMPLATES

DEFAULT_TEMPLATE = TEMPLATES / "academy.pptx"
EMU_PER_PT = 12700
INSET_X, INSET_Y = 91440, 45720  # 0.1 in, 0.05 in: the template's text insets
THEME_FONT = "+mn-lt"  # the theme's body font, whatever the template names there

# Colour roles -> theme slots. The colours themselves are in the template's theme.
ROLES: dict[str, MSO_THEME_COLOR] = {
    "text": MSO_THEME_COLOR.TEXT_1,
    "title": MSO_THEME_COLOR.TEXT_2,
    "white": MSO_THEME_COLOR.BACKGROUND_1,
    "panel": MSO_THEME_COLOR.BACKGROUND_2,
    "brand": MSO_THEME_COLOR.ACCENT_1,
    "accent": MSO_THEME_COLOR.ACCENT_2,
    "financing": MSO_THEME_COLOR.ACCENT_3,
    "muted": MSO_THEME_COLOR.ACCENT_4,
    "light": MSO_THEME_COLOR.ACCENT_5,
    "alert": MSO_THEME_COLOR.ACCENT_6,
}
SCHEME = {
    "text": "tx1",
    "title": "tx2",
    "white": "bg1",
    "panel": "bg2",
    "brand": "accent1",
    "accent": "accent2",
    "financing": "accent3",
    "muted": "accent4",
    "light": "accent5",
    "alert": "accent6",
}


@dataclass(frozen=True)
class Rect:
    """A slide area in EMU."""

    x: int
    y: int
    w: int
    h: int

    @property
    def right(self) -> int:
        return self.x + self.w

    @property
    def bottom(self) -> int:
        return self.y + self.h

    def inner_pt(self) -> tuple[float, float]:
        """Width and height available to text inside the standard insets, in points."""
        return ((self.w - 2 * INSET_X) / EMU_PER_PT, (self.h - 2 * INSET_Y) / EMU_PER_PT)


@dataclass
class Slide:
    """One slide being built: the python-pptx slide, its layout and its notes so far."""

    pptx: Any
    layout: str
    title: str
    notes: list[str] = field(default_factory=list)
    cut: list[str] = field(default_factory=list)  # texts shortened on the slide, in full

    info: LayoutInfo | None = None
    shapes: dict[str, Any] = field(default_factory=dict)  # placeholder name -> shape

    def placeholder(self, name: str) -> Any:
        try:
            return self.shapes[name]
        except KeyError:
            raise TemplateProblem(
                f"layout '{self.layout}' has no placeholder named '{name}'"
            ) from None

    def area(self, name: str) -> Rect:
        """Where the layout puts a placeholder (read once per layout, not per slide)."""
        assert self.info is not None
        try:
            return self.info.rects[name]
        except KeyError:
            raise TemplateProblem(
                f"layout '{self.layout}' has no placeholder named '{name}'"
            ) from None


@dataclass
class LayoutInfo:
    """What slide code asks of a layout, read once: placeholder names, areas, default sizes."""

    layout: Any
    names: dict[int, str]  # idx -> name
    rects: dict[str, Rect]
    sizes: dict[str, float]
    footers: list[Any]  # the footer and slide-number placeholders to copy onto each slide
    footer_xml: list[Any] | None = None  # the styled copies made for the first slide

    @classmethod
    def read(cls, layout: Any) -> LayoutInfo:
        names, rects, sizes, footers = {}, {}, {}, []
        for ph in layout.placeholders:
            names[ph.placeholder_format.idx] = ph.name
            rects[ph.name] = _ph_rect(ph)
            size = _own_size(ph)
            if size:
                sizes[ph.name] = size
            if ph.placeholder_format.type in (PP_PLACEHOLDER.FOOTER, PP_PLACEHOLDER.SLIDE_NUMBER):
                footers.append(ph)
        return cls(layout, names, rects, sizes, footers)


@cache
def _template_bytes(path: Path) -> bytes:
    if path == DEFAULT_TEMPLATE and not path.is_file():
        # An installed package without the repository's templates/ folder still works.
        return master.build_template()
    try:
        return path.read_bytes()
    except OSError as exc:
        raise TemplateProblem(f"{path}: cannot read the slide template ({exc.strerror})") from exc


def template_bytes(path: Path | None) -> bytes:
    return _template_bytes((path or DEFAULT_TEMPLATE).resolve())


class Deck:
    """A presentation in the academy format, built slide by slide."""

    def __init__(
        self,
        template: Path | None = None,
        *,
        brand: Brand = DEFAULT_BRAND,
        exemplary: bool = False,
        source: str = "",
    ) -> None:
        self.template = template or DEFAULT_TEMPLATE
        try:
            self.prs = Presentation(io.BytesIO(template_bytes(template)))
        except TemplateProblem:
            raise
        except Exception as exc:  # python-pptx raises several kinds for a file that is not a deck
            raise TemplateProblem(f"{self.template}: not a PowerPoint template ({exc})") from exc
        ooxml.drop_slides(self.prs)
        self.brand = brand
        self.exemplary = exemplary
        self.source = source
        self.slides: list[Slide] = []
        self._layouts = {layout.name: layout for layout in self.prs.slide_layouts}
        self._info: dict[str, LayoutInfo] = {}
        self.width = int(self.prs.slide_width or 0)
        self.height = int(self.prs.slide_height or 0)

    # --- slides ---------------------------------------------------------------------------

    def layout(self, name: str) -> Any:
        return self.info(name).layout

    def info(self, name: str) -> LayoutInfo:
        info = self._info.get(name)
        if info is None:
            try:
                layout = self._layouts[name]
            except KeyError:
                raise TemplateProblem(f"{self.template}: layout '{name}' is missing") from None
            info = self._info[name] = LayoutInfo.read(layout)
        return info

    def add(
        self,
        layout: str,
        *,
        title: str,
        kicker: str = "",
        source: str | None = None,
        notes: Iterable[str] = (),
    ) -> Slide:
        """A new slide of `layout` with its title, kicker, source line, footer and number."""
        info = self.info(layout)
        shape = self.prs.slides.add_slide(info.layout)
        slide = Slide(shape, layout, title, list(notes), info=info)
        for ph in shape.placeholders:
            ph.name = info.names.get(ph.placeholder_format.idx, ph.name)
            slide.shapes[ph.name] = ph
        self.slides.append(slide)
        self.text(
            slide, "Title", [Para(title)], max_size=info.sizes.get("Title", 24.0), min_size=16
        )
        for name, text in (
            ("Kicker", kicker),
            ("Source", self.source if source is None else source),
        ):
            if name in info.rects:
                if text:
                    size = info.sizes.get(name, 12.0)
                    self.text(slide, name, [Para(text)], max_size=size, min_size=8)
                else:
                    ooxml.remove_shape(slide.shapes.pop(name))
        self._footer(slide, info)
        if self.exemplary:
            self._sticker(slide)
        return slide

    def _footer(self, slide: Slide, info: LayoutInfo) -> None:
        number = len(self.slides)
        tree = ooxml.shape_tree(slide.pptx.shapes)
        if info.footer_xml is None:
            made = []
            for ph in info.footers:
                slide.pptx.shapes.clone_placeholder(ph)
                made.append(self._style_footer(slide.pptx.shapes[-1], ph, info, number))
            # Later slides of this layout get copies: python-pptx's cloning is slow.
            info.footer_xml = [copy.deepcopy(el) for el in made]
            return
        next_id = max((int(i) for i in tree.xpath("//p:cNvPr/@id")), default=1) + 1
        for k, el in enumerate(info.footer_xml):
            new = copy.deepcopy(el)
            new.xpath("./p:nvSpPr/p:cNvPr")[0].set("id", str(next_id + k))
            for t in new.xpath(".//a:fld/a:t"):
                t.text = str(number)
            tree.append(new)

    def _style_footer(self, added: Any, ph: Any, info: LayoutInfo, number: int) -> Any:
        kind = ph.placeholder_format.type
        added.name = ph.name
        # Position and run style are spelled out: LibreOffice does not inherit them for
        # footer placeholders and would draw a serif footer in the middle of the page.
        box = info.rects[ph.name]
        added.left, added.top, added.width, added.height = box.x, box.y, box.w, box.h
        if kind == PP_PLACEHOLDER.FOOTER:
            added.text_frame.text = self.brand.footer
        else:
            ooxml.slide_number_field(added.text_frame, number)
        para = added.text_frame.paragraphs[0]
        para.alignment = PP_ALIGN.LEFT if kind == PP_PLACEHOLDER.FOOTER else PP_ALIGN.RIGHT
        for run in para.runs:
            _style(run, info.sizes.get(ph.name, 9), color="muted")
            run.font.name = THEME_FONT
        ooxml.field_style(added.text_frame, info.sizes.get(ph.name, 9))
        return ooxml.element(added)

    def _sticker(self, slide: Slide) -> None:
        x, y, w, h = master.STICKER.emu()
        box = slide.pptx.shapes.add_shape(
            MSO_SHAPE.ROUNDED_RECTANGLE, Emu(x), Emu(y), Emu(w), Emu(h)
        )
        box.name = "Exemplary"
        box.fill.solid()
        box.fill.fore_color.theme_color = ROLES["accent"]
        box.line.fill.background()
        box.shadow.inherit = False
        tf = box.text_frame
        tf.margin_top = tf.margin_bottom = Emu(0)
        tf.vertical_anchor = MSO_ANCHOR.MIDDLE
        p = tf.paragraphs[0]
        p.alignment = PP_ALIGN.CENTER
        run = p.add_run()
        run.text = self.brand.exemplary
        _style(run, 11, bold=True, color="text")

    # --- text -----------------------------------------------------------------------------

    def rect(self, slide: Slide, name: str) -> Rect:
        """Where a placeholder of the slide's layout sits."""
        slide.placeholder(name)
        return slide.area(name)

    def take(self, slide: Slide, name: str) -> Rect:
        """The area of a placeholder, which is removed so a chart or table can take its place."""
        area = self.rect(slide, name)
        ooxml.remove_shape(slide.shapes.pop(name))
        return area

    def text(
        self,
        slide: Slide,
        name: str,
        paras: Sequence[Para],
        *,
        max_size: float = 14,
        min_size: float = 9,
    ) -> Fitted:
        """Fill a named placeholder, fitted to its box."""
        ph = slide.placeholder(name)
        area = slide.area(name)
        return self._write(slide, ph.text_frame, area, paras, max_size, min_size)

    def textbox(
        self,
        slide: Slide,
        area: Rect,
        paras: Sequence[Para],
        *,
        max_size: float = 12,
        min_size: float = 8,
        name: str = "Text",
        fill: str = "",
        anchor: MSO_ANCHOR = MSO_ANCHOR.TOP,
        align: PP_ALIGN = PP_ALIGN.LEFT,
    ) -> Fitted:
        """A free text box (for panels drawn by slide code rather than by the layout)."""
        if fill:
            box = slide.pptx.shapes.add_shape(
                MSO_SHAPE.RECTANGLE, Emu(area.x), Emu(area.y), Emu(area.w), Emu(area.h)
            )
            box.fill.solid()
            box.fill.fore_color.theme_color = ROLES[fill]
            box.line.fill.background()
            box.shadow.inherit = False
        else:
            box = slide.pptx.shapes.add_textbox(Emu(area.x), Emu(area.y), Emu(area.w), Emu(area.h))
        box.name = name
        box.text_frame.vertical_anchor = anchor
        return self._write(slide, box.text_frame, area, paras, max_size, min_size, align)

    def _write(
        self,
        slide: Slide,
        tf: Any,
        area: Rect,
        paras: Sequence[Para],
        max_size: float,
        min_size: float,
        align: PP_ALIGN | None = None,
    ) -> Fitted:
        width, height = area.inner_pt()
        fitted = fit(paras, width, height, max_size, min_size)
        slide.cut.extend(fitted.cut)
        write_paras(tf, fitted, _ALIGN_XML.get(align, "") if align else "")
        return fitted

    def rectangle(self, slide: Slide, area: Rect, fill: str, name: str = "Band") -> Any:
        box = slide.pptx.shapes.add_shape(
            MSO_SHAPE.RECTANGLE, Emu(area.x), Emu(area.y), Emu(area.w), Emu(area.h)
        )
        box.name = name
        box.fill.solid()
        box.fill.fore_color.theme_color = ROLES[fill]
        box.line.fill.background()
        box.shadow.inherit = False
        return box

    # --- output ---------------------------------------------------------------------------

    def finish_notes(self) -> None:
        for slide in self.slides:
            lines = list(slide.notes)
            if slide.cut:
                lines.append("Shortened on the slide, in full:")
                lines.extend(f"- {text}" for text in dict.fromkeys(slide.cut))
            slide.pptx.notes_slide.notes_text_frame.text = "\n".join(lines)

    def save(self, out: Path) -> Path:
        """Write the deck to `out`. Callers write to a temporary path through
        `cba_xl.files.atomic.write_atomically`, which moves it into place."""
        self.finish_notes()
        self.prs.save(str(out))
        return out


_ALIGN_XML = {PP_ALIGN.CENTER: "ctr", PP_ALIGN.RIGHT: "r", PP_ALIGN.LEFT: "l"}


def write_paras(tf: Any, fitted: Fitted, align: str = "") -> None:
    """The fitted paragraphs into a text frame, at the fitted size, no autofit."""
    tf.word_wrap = True
    tf.auto_size = MSO_AUTO_SIZE.NONE
    tf.margin_left = tf.margin_right = Emu(INSET_X)
    tf.margin_top = tf.margin_bottom = Emu(INSET_Y)
    ooxml.write_paragraphs(
        tf,
        [
            ooxml.ParaXml(
                text=p.text,
                size=fitted.size * p.scale,
                bold=p.bold,
                italic=p.italic,
                color=SCHEME[p.color] if p.color else "",
                level=1 if p.bullet else 0,
                space_before=p.space_before * fitted.size if i else 0.0,
                align=align,
            )
            for i, p in enumerate(fitted.paras)
        ],
    )


def _style(
    run: Any, size: float, *, bold: bool = False, italic: bool = False, color: str = ""
) -> None:
    font = run.font
    font.size = Pt(round(size, 1))
    font.bold = bold
    if italic:
        font.italic = True
    if color:
        font.color.theme_color = ROLES[color]


def _ph_rect(ph: Any) -> Rect:
    return Rect(int(ph.left or 0), int(ph.top or 0), int(ph.width or 0), int(ph.height or 0))


def _own_size(ph: Any) -> float:
    """The placeholder's default size in its layout, so a trainer's template decides it."""
    for el in ooxml.element(ph).iter(
        "{http://schemas.openxmlformats.org/drawingml/2006/main}defRPr"
    ):
        if el.get("sz"):
            return int(el.get("sz")) / 100
    return 0.0


def clip_line(text: str, width_pt: float, size: float, bold: bool = False) -> str:
    """One line of text, shortened with an ellipsis if it is too wide."""
    clipped, _ = metrics().clip(text, width_pt, size, 1, bold)
    return clipped


__all__ = ["ELLIPSIS", "Deck", "Para", "Rect", "Slide", "clip_line", "write_paras"]
