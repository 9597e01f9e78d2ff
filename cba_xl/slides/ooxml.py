"""python-pptx's internals, kept in one place: the few XML edits it has no API for (table cell
borders, the slide number field, removing a placeholder or a template's own slides, the master's
shape trees) and every private attribute of its objects (`_spTree`, `_element`, `_txBody`,
`_tc`, `_sldIdLst`, a part's `_blob`) that cba-xl reads or writes. A python-pptx upgrade that
renames one of them breaks this module only."""

from __future__ import annotations

from dataclasses import dataclass
from typing import Any
from xml.sax.saxutils import escape

from lxml import etree  # type: ignore[import-untyped]
from pptx.oxml import parse_xml
from pptx.oxml.ns import qn

_BORDERS = ("a:lnL", "a:lnR", "a:lnT", "a:lnB")


def slide_number_field(text_frame: Any, number: int) -> None:
    """A live slide-number field, showing `number` until the viewer recomputes it."""
    txbody = text_frame._txBody
    for p in txbody.findall(qn("a:p")):
        txbody.remove(p)
    p = etree.SubElement(txbody, qn("a:p"))
    fld = etree.SubElement(
        p, qn("a:fld"), id="{B6F15528-21DE-4FAA-801E-634DDDAF4B2B}", type="slidenum"
    )
    etree.SubElement(fld, qn("a:rPr"), lang="en-GB")
    etree.SubElement(fld, qn("a:t")).text = str(number)


def remove_shape(shape: Any) -> None:
    el = shape._element
    el.getparent().remove(el)


def drop_slides(prs: Any) -> None:
    """A trainer's template may carry example slides; the deck starts without them."""
    id_list = prs.slides._sldIdLst
    for sld_id in list(id_list):
        prs.part.drop_rel(sld_id.rId)
        id_list.remove(sld_id)


def field_style(text_frame: Any, size: float) -> None:
    """Size, colour and theme font on a slide-number field, which python-pptx has no run for."""
    for fld in text_frame._txBody.iter(qn("a:fld")):
        rpr = fld.find(qn("a:rPr"))
        if rpr is None:
            rpr = etree.Element(qn("a:rPr"))
            fld.insert(0, rpr)
        rpr.set("sz", str(int(size * 100)))
        for child in list(rpr):
            rpr.remove(child)
        fill = etree.SubElement(rpr, qn("a:solidFill"))
        etree.SubElement(fill, qn("a:schemeClr"), val="accent4")
        etree.SubElement(rpr, qn("a:latin"), typeface="+mn-lt")


_A = "http://schemas.openxmlformats.org/drawingml/2006/main"
_ALIGN = {"l": "l", "ctr": "ctr", "r": "r"}


def _border(tag: str, width: int, color: str, lum: int) -> str:
    mods = f'<a:lumMod val="{(100 - lum) * 1000}"/><a:lumOff val="{lum * 1000}"/>' if lum else ""
    return (
        f'<a:{tag} w="{width}" cap="flat" cmpd="sng" algn="ctr"><a:solidFill>'
        f'<a:schemeClr val="{color}">{mods}</a:schemeClr></a:solidFill>'
        f'<a:prstDash val="solid"/></a:{tag}>'
    )


def write_cell(
    cell: Any,
    text: str,
    *,
    size: float,
    bold: bool,
    italic: bool,
    color: str,
    fill: str,
    align: str,
    margins: tuple[int, int],
    border: tuple[int, str, int],
) -> None:
    """A table cell's text, style, fill and borders in one go: python-pptx's cell API costs a
    millisecond per cell, and a deck has hundreds of cells."""
    run_pr = (
        f'<a:rPr lang="en-GB" sz="{round(size * 100)}" b="{int(bold)}" i="{int(italic)}" dirty="0">'
        f'<a:solidFill><a:schemeClr val="{color}"/></a:solidFill></a:rPr>'
    )
    paras = "".join(
        f'<a:p><a:pPr algn="{_ALIGN[align]}"/>'
        + (f"<a:r>{run_pr}<a:t>{escape(line)}</a:t></a:r>" if line else "")
        + f'<a:endParaRPr lang="en-GB" sz="{round(size * 100)}"/></a:p>'
        for line in text.split("\n")
    )
    width, scheme, lum = border
    borders = "".join(_border(t, width, scheme, lum) for t in ("lnL", "lnR", "lnT", "lnB"))
    mx, my = margins
    xml = (
        f'<a:tc xmlns:a="{_A}"><a:txBody><a:bodyPr/><a:lstStyle/>{paras}</a:txBody>'
        f'<a:tcPr marL="{mx}" marR="{mx}" marT="{my}" marB="{my}" anchor="t">{borders}'
        f'<a:solidFill><a:schemeClr val="{fill}"/></a:solidFill></a:tcPr></a:tc>'
    )
    new = parse_xml(xml)
    tc = cell._tc
    for child in list(tc):
        tc.remove(child)
    for child in list(new):
        tc.append(child)


@dataclass(frozen=True)
class ParaXml:
    text: str
    size: float
    bold: bool = False
    italic: bool = False
    color: str = ""  # scheme colour name; "" inherits
    level: int = 0
    space_before: float = 0.0  # points
    align: str = ""  # l, ctr, r; "" inherits


def write_paragraphs(text_frame: Any, paras: list[ParaXml]) -> None:
    """Replace a text frame's paragraphs, built as one XML string: python-pptx's paragraph and
    run API costs about a millisecond per paragraph."""
    txbody = text_frame._txBody
    out = []
    for p in paras:
        attrs = (f' lvl="{p.level}"' if p.level else "") + (f' algn="{p.align}"' if p.align else "")
        spacing = (
            f'<a:spcBef><a:spcPts val="{round(p.space_before * 100)}"/></a:spcBef>'
            if p.space_before
            else ""
        )
        fill = f'<a:solidFill><a:schemeClr val="{p.color}"/></a:solidFill>' if p.color else ""
        size = round(p.size * 10) * 10
        run_pr = (
            f'<a:rPr lang="en-GB" sz="{size}" b="{int(p.bold)}" i="{int(p.italic)}" dirty="0">'
            f"{fill}</a:rPr>"
        )
        out.append(
            f"<a:p><a:pPr{attrs}>{spacing}</a:pPr><a:r>{run_pr}<a:t>{escape(p.text)}</a:t></a:r></a:p>"
        )
    body = parse_xml(f'<a:txBody xmlns:a="{_A}">{"".join(out) or "<a:p/>"}</a:txBody>')
    for old in txbody.findall(qn("a:p")):
        txbody.remove(old)
    for p_el in list(body):
        txbody.append(p_el)


def shape_tree(shapes: Any) -> Any:
    """The `p:spTree` element of a slide's, layout's or master's shapes."""
    return shapes._spTree


def element(obj: Any) -> Any:
    """The XML element of a shape, slide, layout or master."""
    return obj._element


def set_blob(part: Any, blob: bytes) -> None:
    """Replace a package part's bytes (the theme has no API of its own)."""
    part._blob = blob
