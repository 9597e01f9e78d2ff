"""Builds the academy's PowerPoint template (`templates/academy.pptx`) from code.

The theme (colours, fonts), the master and the named layouts with named placeholders are all
written here, so a change to the look is a reviewable diff of this file, and `write_template`
rebuilds the committed file byte for byte. Slide code never names a colour value: it asks for a
theme colour, and a trainer's own template may redefine all of them.

Run `python -m cba_xl.slides.master [PATH]` to rebuild the template.
"""

from __future__ import annotations

import io
import sys
import zipfile
from collections.abc import Iterator, Sequence
from dataclasses import dataclass, field
from pathlib import Path
from xml.sax.saxutils import escape

from lxml import etree  # type: ignore[import-untyped]
from pptx import Presentation
from pptx.opc.constants import RELATIONSHIP_TYPE as RT
from pptx.oxml import parse_xml
from pptx.util import Emu, Inches

from cba_xl.core import vocab
from cba_xl.slides import ooxml

NS = {
    "a": "http://schemas.openxmlformats.org/drawingml/2006/main",
    "p": "http://schemas.openxmlformats.org/presentationml/2006/main",
    "r": "http://schemas.openxmlformats.org/officeDocument/2006/relationships",
}
_DECL = f'xmlns:a="{NS["a"]}" xmlns:p="{NS["p"]}" xmlns:r="{NS["r"]}"'

SLIDE_W, SLIDE_H = Emu(12192000), Emu(6858000)  # 16:9, 13.333 in x 7.5 in

# The theme: a deep EU blue, the flag's gold, grey text, teal for the financing group.
COLOURS = {
    "dk1": "3C3C3B",  # body text: a soft black-grey
    "lt1": "FFFFFF",
    "dk2": "003399",  # EU blue: titles
    "lt2": "EEF2F9",  # light panel fill
    "accent1": "003399",  # EU blue: business development, brand
    "accent2": "FFCC00",  # EU gold: accent, sticker, highlights
    "accent3": "2E8A80",  # teal: financing
    "accent4": "7F7F7F",  # grey: secondary text, lines
    "accent5": "5B80D0",  # light blue: second series
    "accent6": "C0392B",  # red: critical path, dropped items
    "hlink": "003399",
    "folHlink": "5B80D0",
}
FONT = "Arial"  # metric twin on Linux: Liberation Sans (see fitting.py)

IDX_FOOTER, IDX_NUMBER, IDX_KICKER, IDX_SOURCE = 11, 12, 13, 14


@dataclass(frozen=True)
class Box:
    x: float  # inches
    y: float
    w: float
    h: float

    def emu(self) -> tuple[int, int, int, int]:
        return (int(Inches(self.x)), int(Inches(self.y)), int(Inches(self.w)), int(Inches(self.h)))


# Shared geometry of every content slide.
KICKER = Box(0.5, 0.28, 10.4, 0.34)
TITLE = Box(0.5, 0.62, 12.33, 1.0)
SOURCE = Box(0.5, 6.6, 10.0, 0.3)
FOOTER = Box(0.5, 7.0, 6.0, 0.32)
NUMBER = Box(11.83, 7.0, 1.0, 0.32)
STICKER = Box(11.13, 0.24, 1.7, 0.36)
RULE_Y = 6.95
BODY_TOP, BODY_BOTTOM = 1.75, 6.5


@dataclass(frozen=True)
class Ph:
    """A named placeholder of a layout."""

    name: str
    kind: str  # OOXML ph type: title, ctrTitle, subTitle, body, chart, tbl, obj
    box: Box
    size: int = 14  # default point size
    color: str = "tx1"
    bold: bool = False
    fill: str = ""  # DrawingML fill XML
    anchor: str = "t"
    align: str = "l"
    prompt: str = ""


@dataclass(frozen=True)
class Deco:
    """A fixed shape of a layout: a band, a rule, a label."""

    box: Box
    fill: str = ""
    text: str = ""
    size: int = 12
    color: str = "bg1"
    bold: bool = False
    align: str = "l"
    line: bool = False


@dataclass(frozen=True)
class Layout:
    name: str
    placeholders: Sequence[Ph]
    decos: Sequence[Deco] = field(default_factory=tuple)
    master_shapes: bool = True
    footer: bool = True


def _solid(color: str, mods: str = "") -> str:
    return f'<a:solidFill><a:schemeClr val="{color}">{mods}</a:schemeClr></a:solidFill>'


def tint(color: str, lum_mod: int, lum_off: int) -> str:
    return _solid(color, f'<a:lumMod val="{lum_mod * 1000}"/><a:lumOff val="{lum_off * 1000}"/>')


LIGHT_BLUE = tint("accent1", 15, 85)
LIGHT_TEAL = tint("accent3", 15, 85)
PANEL = _solid("bg2")


def _content(*extra: Ph, decos: Sequence[Deco] = ()) -> tuple[list[Ph], list[Deco]]:
    base = [
        Ph("Kicker", "body", KICKER, 12, "accent4", bold=True, anchor="b", prompt="Day · Tool"),
        Ph("Title", "title", TITLE, 24, "tx2", prompt="Action title: the slide's message"),
        Ph("Source", "body", SOURCE, 9, "accent4", anchor="b", prompt="Source: …"),
    ]
    return [*base, *extra], list(decos)


def _body(name: str, box: Box, size: int = 14, fill: str = "", prompt: str = "") -> Ph:
    return Ph(name, "body", box, size, fill=fill, prompt=prompt or name)


def _profile() -> Layout:
    panels: list[Ph] = []
    decos: list[Deco] = []
    left, width, gap = 3.85, 4.44, 0.2
    for i, name in enumerate(("Situation", "Resolution", "Achievements", "Takeaways")):
        col, row = i % 2, i // 2
        x = left + col * (width + gap)
        y = BODY_TOP + row * 2.42
        decos.append(Deco(Box(x, y, width, 0.36), _solid("accent1"), name, 13, "bg1", bold=True))
        panels.append(_body(name, Box(x, y + 0.4, width, 1.9), 12))
    facts = _body("Facts", Box(0.5, BODY_TOP, 3.15, 4.75), 13, PANEL, "Region, industry, …")
    phs, _ = _content(facts, *panels)
    return Layout("Profile", phs, decos)


# Canvas grid as on the academy's template slide: five columns, funding along the bottom.
def _canvas_boxes() -> dict[str, Box]:
    x0, w_all, gap = 0.5, 12.33, 0.06
    col_w = (w_all - 4 * gap) / 5
    top, main_h, bottom_h = BODY_TOP, 3.22, 1.12
    half = (main_h - gap) / 2
    third = (main_h - 2 * gap) / 3

    def col(i: int) -> float:
        return x0 + i * (col_w + gap)

    y_bottom = top + main_h + gap
    return {
        "partners": Box(col(0), top, col_w, half),
        "ecosystem": Box(col(0), top + half + gap, col_w, half),
        "activities": Box(col(1), top, col_w, half),
        "resources": Box(col(1), top + half + gap, col_w, half),
        "value_proposition": Box(col(2), top, col_w, main_h),
        "engagement": Box(col(3), top, col_w, half),
        "channels": Box(col(3), top + half + gap, col_w, half),
        "members": Box(col(4), top, col_w, third),
        "potential_members": Box(col(4), top + third + gap, col_w, third),
        "funding_partners": Box(col(4), top + 2 * (third + gap), col_w, third),
        "cost_structure": Box(col(0), y_bottom, 2 * col_w + gap, bottom_h),
        "public_funding": Box(col(2), y_bottom, col_w, bottom_h),
        "private_funding": Box(col(3), y_bottom, col_w, bottom_h),
        "project_funding": Box(col(4), y_bottom, col_w, bottom_h),
    }


CANVAS_BOXES = _canvas_boxes()
LEGEND_Y = BODY_TOP + 3.22 + 0.06 + 1.12 + 0.1


def _canvas() -> Layout:
    blocks = []
    for key, title, group in vocab.CANVAS_BLOCKS:
        fill = LIGHT_TEAL if group == vocab.FINANCING_GROUP else LIGHT_BLUE
        blocks.append(_body(title, CANVAS_BOXES[key], 9, fill, title))
    legend = [
        Deco(Box(0.5, LEGEND_Y + 0.05, 0.22, 0.16), LIGHT_BLUE),
        Deco(Box(0.78, LEGEND_Y, 3.0, 0.26), "", vocab.BUSINESS_DEVELOPMENT, 9, "tx1"),
        Deco(Box(3.9, LEGEND_Y + 0.05, 0.22, 0.16), LIGHT_TEAL),
        Deco(Box(4.18, LEGEND_Y, 3.0, 0.26), "", vocab.FINANCING_GROUP, 9, "tx1"),
    ]
    phs, _ = _content(*blocks)
    return Layout("Canvas", phs, legend)


def _layouts() -> list[Layout]:
    body_h = BODY_BOTTOM - BODY_TOP
    chart = _content(
        Ph("Chart", "chart", Box(0.5, BODY_TOP, 8.55, body_h), prompt="Chart"),
        _body("Side", Box(9.3, BODY_TOP, 3.53, body_h), 12, PANEL),
    )[0]
    table = _content(Ph("Body", "tbl", Box(0.5, BODY_TOP, 12.33, body_h), prompt="Table"))[0]
    two = _content(
        Ph("Left", "obj", Box(0.5, BODY_TOP, 7.85, body_h), prompt="Left"),
        _body("Right", Box(8.6, BODY_TOP, 4.23, body_h), 12, PANEL),
    )[0]
    closing = _content(_body("Body", Box(0.5, BODY_TOP, 12.33, body_h), 14))[0]
    title = Layout(
        "Title",
        [
            Ph("Title", "ctrTitle", Box(5.4, 2.1, 7.43, 0.9), 36, "tx2", True, anchor="b"),
            Ph("Subtitle", "subTitle", Box(5.4, 3.1, 7.43, 1.3), 24, "tx1", anchor="t"),
            Ph("Date", "body", Box(5.4, 4.5, 7.43, 0.5), 16, "accent4", prompt="Date"),
        ],
        [
            Deco(Box(0, 0, 4.8, 7.5), _solid("accent1")),
            Deco(Box(0.6, 2.6, 0.12, 1.5), _solid("accent2")),
            Deco(Box(0.9, 2.5, 3.7, 1.7), "", "CLUSTER\nBOOSTER ACADEMY", 28, "bg1", True),
        ],
        master_shapes=False,
    )
    section = Layout(
        "Section",
        [
            Ph("Kicker", "body", Box(1.0, 2.3, 11.33, 0.5), 16, "accent2", True, anchor="b"),
            Ph("Title", "title", Box(1.0, 2.9, 11.33, 1.6), 40, "bg1", True, anchor="t"),
        ],
        [Deco(Box(0, 0, 13.333, 7.5), _solid("accent1"))],
        master_shapes=False,
    )
    return [
        title,
        section,
        _profile(),
        _canvas(),
        Layout("Chart", chart),
        Layout("Table", table),
        Layout("Two content", two),
        Layout("Closing", closing, [Deco(Box(0, 0, 0.18, 6.9), _solid("accent2"))]),
    ]


LAYOUTS = _layouts()
LAYOUT_NAMES = tuple(layout.name for layout in LAYOUTS)
REQUIRED = {layout.name: tuple(ph.name for ph in layout.placeholders) for layout in LAYOUTS}


# --- XML ------------------------------------------------------------------------------------


def _xfrm(box: Box) -> str:
    x, y, w, h = box.emu()
    return f'<a:xfrm><a:off x="{x}" y="{y}"/><a:ext cx="{w}" cy="{h}"/></a:xfrm>'


def _ph_attr(ph: Ph, idx: int) -> str:
    if ph.kind in ("title", "ctrTitle"):
        return f'type="{ph.kind}"'
    kind = "" if ph.kind == "obj" else f'type="{ph.kind}" '
    return f'{kind}idx="{idx}" hasCustomPrompt="1"'


def _placeholder_xml(ph: Ph, shape_id: int, idx: int) -> str:
    bold = ' b="1"' if ph.bold else ' b="0"'
    text = escape(ph.prompt or ph.name)
    return (
        f'<p:sp {_DECL}><p:nvSpPr><p:cNvPr id="{shape_id}" name="{escape(ph.name)}"/>'
        '<p:cNvSpPr><a:spLocks noGrp="1"/></p:cNvSpPr>'
        f"<p:nvPr><p:ph {_ph_attr(ph, idx)}/></p:nvPr></p:nvSpPr>"
        f'<p:spPr>{_xfrm(ph.box)}<a:prstGeom prst="rect"><a:avLst/></a:prstGeom>{ph.fill}</p:spPr>'
        f'<p:txBody><a:bodyPr wrap="square" lIns="91440" tIns="45720" rIns="91440" bIns="45720" '
        f'anchor="{ph.anchor}"><a:noAutofit/></a:bodyPr>'
        f'<a:lstStyle><a:lvl1pPr marL="0" indent="0" algn="{ph.align}"><a:buNone/>'
        f'<a:defRPr sz="{ph.size * 100}"{bold}>{_solid(ph.color)}</a:defRPr></a:lvl1pPr>'
        "</a:lstStyle>"
        f'<a:p><a:r><a:rPr lang="en-GB"/><a:t>{text}</a:t></a:r></a:p></p:txBody></p:sp>'
    )


def _deco_xml(deco: Deco, shape_id: int) -> str:
    fill = deco.fill or "<a:noFill/>"
    paras = "".join(
        f'<a:p><a:pPr algn="{deco.align}"/><a:r><a:rPr lang="en-GB" sz="{deco.size * 100}" '
        f'b="{int(deco.bold)}">{_solid(deco.color)}</a:rPr><a:t>{escape(line)}</a:t></a:r></a:p>'
        for line in deco.text.split("\n")
    )
    return (
        f'<p:sp {_DECL}><p:nvSpPr><p:cNvPr id="{shape_id}" name="Decoration {shape_id}"/>'
        '<p:cNvSpPr/><p:nvPr userDrawn="1"/></p:nvSpPr>'
        f'<p:spPr>{_xfrm(deco.box)}<a:prstGeom prst="rect"><a:avLst/></a:prstGeom>{fill}'
        "<a:ln><a:noFill/></a:ln></p:spPr>"
        '<p:txBody><a:bodyPr wrap="square" lIns="91440" tIns="45720" rIns="91440" bIns="45720" '
        f'anchor="ctr"><a:noAutofit/></a:bodyPr><a:lstStyle/>{paras}</p:txBody></p:sp>'
    )


def _rule_xml(shape_id: int, y: float) -> str:
    x, yy, w, _ = Box(0.5, y, 12.33, 0).emu()
    return (
        f'<p:cxnSp {_DECL}><p:nvCxnSpPr><p:cNvPr id="{shape_id}" name="Footer rule"/>'
        '<p:cNvCxnSpPr/><p:nvPr userDrawn="1"/></p:nvCxnSpPr>'
        f'<p:spPr><a:xfrm><a:off x="{x}" y="{yy}"/><a:ext cx="{w}" cy="0"/></a:xfrm>'
        '<a:prstGeom prst="line"><a:avLst/></a:prstGeom>'
        f'<a:ln w="6350">{tint("accent4", 50, 50)}</a:ln></p:spPr></p:cxnSp>'
    )


def _footer_xml(shape_id: int) -> tuple[str, str]:
    common = (
        '<p:txBody><a:bodyPr wrap="square" lIns="0" tIns="45720" rIns="0" bIns="45720" '
        'anchor="ctr"><a:noAutofit/></a:bodyPr>'
    )
    footer = (
        f'<p:sp {_DECL}><p:nvSpPr><p:cNvPr id="{shape_id}" name="Footer"/>'
        '<p:cNvSpPr><a:spLocks noGrp="1"/></p:cNvSpPr>'
        f'<p:nvPr><p:ph type="ftr" sz="quarter" idx="{IDX_FOOTER}"/></p:nvPr></p:nvSpPr>'
        f"<p:spPr>{_xfrm(FOOTER)}</p:spPr>{common}"
        f'<a:lstStyle><a:lvl1pPr algn="l"><a:defRPr sz="900">{_solid("accent4")}</a:defRPr>'
        '</a:lvl1pPr></a:lstStyle><a:p><a:endParaRPr lang="en-GB"/></a:p></p:txBody></p:sp>'
    )
    number = (
        f'<p:sp {_DECL}><p:nvSpPr><p:cNvPr id="{shape_id + 1}" name="Slide number"/>'
        '<p:cNvSpPr><a:spLocks noGrp="1"/></p:cNvSpPr>'
        f'<p:nvPr><p:ph type="sldNum" sz="quarter" idx="{IDX_NUMBER}"/></p:nvPr></p:nvSpPr>'
        f"<p:spPr>{_xfrm(NUMBER)}</p:spPr>{common}"
        f'<a:lstStyle><a:lvl1pPr algn="r"><a:defRPr sz="900">{_solid("accent4")}</a:defRPr>'
        '</a:lvl1pPr></a:lstStyle><a:p><a:fld id="{B6F15528-21DE-4FAA-801E-634DDDAF4B2B}" '
        'type="slidenum"><a:rPr lang="en-GB"/><a:t>‹#›</a:t></a:fld></a:p></p:txBody></p:sp>'
    )
    return footer, number


def _ids() -> Iterator[int]:
    n = 2
    while True:
        yield n
        n += 1


def _fill_tree(sp_tree: etree._Element, shapes: Sequence[str]) -> None:
    for child in list(sp_tree)[2:]:  # keep nvGrpSpPr and grpSpPr
        sp_tree.remove(child)
    for xml in shapes:
        sp_tree.append(parse_xml(xml))


def _layout_shapes(layout: Layout) -> list[str]:
    ids = _ids()
    shapes = [_deco_xml(d, next(ids)) for d in layout.decos]
    idx = 15
    for ph in layout.placeholders:
        if ph.name == "Kicker":
            own = IDX_KICKER
        elif ph.name == "Source":
            own = IDX_SOURCE
        else:
            own, idx = idx, idx + 1
        shapes.append(_placeholder_xml(ph, next(ids), own))
    if layout.footer:
        shapes.extend(_footer_xml(next(ids) + 100))
    return shapes


def _theme(blob: bytes) -> bytes:
    root = etree.fromstring(blob)
    root.set("name", "Cluster Booster Academy")
    scheme = root.find(".//a:clrScheme", NS)
    assert scheme is not None
    scheme.set("name", "Cluster Booster Academy")
    for slot, value in COLOURS.items():
        el = scheme.find(f"a:{slot}", NS)
        assert el is not None
        for child in list(el):
            el.remove(child)
        etree.SubElement(el, f"{{{NS['a']}}}srgbClr", val=value)
    fonts = root.find(".//a:fontScheme", NS)
    assert fonts is not None
    fonts.set("name", "Cluster Booster Academy")
    for kind in ("majorFont", "minorFont"):
        latin = fonts.find(f"a:{kind}/a:latin", NS)
        assert latin is not None
        latin.set("typeface", FONT)
    return bytes(etree.tostring(root, xml_declaration=True, encoding="UTF-8", standalone=True))


def _master_styles(master_el: etree._Element) -> None:
    title = master_el.find("p:txStyles/p:titleStyle/a:lvl1pPr", NS)
    assert title is not None
    title.set("algn", "l")
    rpr = title.find("a:defRPr", NS)
    assert rpr is not None
    rpr.set("sz", "2400")
    rpr.set("b", "0")
    for child in list(rpr):
        if etree.QName(child).localname == "solidFill":
            rpr.remove(child)
    rpr.insert(0, parse_xml(f'<a:solidFill {_DECL}><a:schemeClr val="tx2"/></a:solidFill>'))
    body = master_el.find("p:txStyles/p:bodyStyle", NS)
    assert body is not None
    for child in list(body):
        body.remove(child)
    body.append(
        parse_xml(
            f'<a:lvl1pPr {_DECL} marL="0" indent="0" algn="l"><a:spcBef><a:spcPts val="0"/>'
            '</a:spcBef><a:buNone/><a:defRPr sz="1400" kern="1200">'
            '<a:solidFill><a:schemeClr val="tx1"/></a:solidFill>'
            '<a:latin typeface="+mn-lt"/><a:ea typeface="+mn-ea"/><a:cs typeface="+mn-cs"/>'
            "</a:defRPr></a:lvl1pPr>"
        )
    )
    body.append(
        parse_xml(
            f'<a:lvl2pPr {_DECL} marL="152400" indent="-152400" algn="l"><a:spcBef>'
            '<a:spcPts val="0"/></a:spcBef><a:buFont typeface="Arial"/><a:buChar char="–"/>'
            '<a:defRPr sz="1400" kern="1200"><a:solidFill><a:schemeClr val="tx1"/></a:solidFill>'
            '<a:latin typeface="+mn-lt"/><a:ea typeface="+mn-ea"/><a:cs typeface="+mn-cs"/>'
            "</a:defRPr></a:lvl2pPr>"
        )
    )


def build_template() -> bytes:
    """The academy template as .pptx bytes, the same bytes on every run."""
    prs = Presentation()
    prs.slide_width, prs.slide_height = Emu(SLIDE_W), Emu(SLIDE_H)
    master = prs.slide_master
    theme = master.part.part_related_by(RT.THEME)
    ooxml.set_blob(theme, _theme(theme.blob))
    _master_styles(ooxml.element(master))
    ids = _ids()
    title_ph = Ph("Title", "title", TITLE, 24, "tx2", prompt="Click to edit the action title")
    body_ph = Ph("Body", "body", Box(0.5, BODY_TOP, 12.33, BODY_BOTTOM - BODY_TOP), prompt="Text")
    _fill_tree(
        ooxml.shape_tree(master.shapes),
        [
            _rule_xml(next(ids), RULE_Y),
            _deco_xml(Deco(Box(0.5, 0.34, 0.06, 0.22), _solid("accent2")), next(ids)),
            _placeholder_xml(title_ph, next(ids), 0),
            _placeholder_xml(body_ph, next(ids), 1),
            *_footer_xml(next(ids)),
        ],
    )
    layouts = list(master.slide_layouts)
    for spare in layouts[len(LAYOUTS) :]:
        master.slide_layouts.remove(spare)
    for target, spec in zip(layouts, LAYOUTS, strict=False):
        el = ooxml.element(target)
        el.attrib.pop("type", None)
        el.set("preserve", "1")
        if spec.master_shapes:
            el.attrib.pop("showMasterSp", None)
        else:
            el.set("showMasterSp", "0")
        target.name = spec.name
        _fill_tree(ooxml.shape_tree(target.shapes), _layout_shapes(spec))
    _normalise_properties(prs)
    raw = io.BytesIO()
    prs.save(raw)
    return _stable_zip(raw.getvalue())


def _normalise_properties(prs: object) -> None:
    import datetime as dt

    props = prs.core_properties  # type: ignore[attr-defined]
    props.title = "Cluster Booster Academy"
    props.author = "cba-xl"
    props.last_modified_by = "cba-xl"
    props.revision = 1
    stamp = dt.datetime(2024, 1, 1)
    props.created = stamp
    props.modified = stamp
    props.last_printed = stamp


def _stable_zip(data: bytes) -> bytes:
    """Same content, fixed timestamps: python-pptx stamps each zip entry with the current time."""
    out = io.BytesIO()
    with zipfile.ZipFile(io.BytesIO(data)) as src, zipfile.ZipFile(out, "w") as dst:
        for info in src.infolist():
            blob = src.read(info)
            fixed = zipfile.ZipInfo(info.filename, date_time=(1980, 1, 1, 0, 0, 0))
            fixed.compress_type = zipfile.ZIP_DEFLATED
            dst.writestr(fixed, blob)
    return out.getvalue()


def build_master(path: Path) -> Path:
    """Write the template to `path` (the repository keeps it in templates/academy.pptx)."""
    path.parent.mkdir(parents=True, exist_ok=True)
    path.write_bytes(build_template())
    return path


if __name__ == "__main__":  # pragma: no cover
    from cba_xl.slides.words import TEMPLATES

    target = Path(sys.argv[1]) if len(sys.argv) > 1 else TEMPLATES / "academy.pptx"
    print(build_master(target))
