"""xlwings Lite's code inside a workbook: the Office web-extension parts that hold `main.py` and
`requirements.txt`, written so that the workbook opens in Excel with the Lite pane and the code
already in place, and carried over when openpyxl rewrites a workbook (fill, upgrade), which
drops parts it does not know.

The format is not documented by xlwings. It is the one Lite itself saves, read from five
workbooks Lite saved (add-in versions 1.0.0.0-11 and -18, 2025): one web extension referring to
the add-in's store id WA200008175, whose Office settings (`we:property`) hold each editor tab
under its file name as a JSON string, and a task pane that shows it. Office keeps add-in
settings as JSON (a document's `Office.context.document.settings`), which is why the values
are JSON and not plain text; `/` appears as `\\/`, as Office writes it.
"""

from __future__ import annotations

import json
import re
import shutil
import uuid
import zipfile
from dataclasses import dataclass
from html import unescape
from pathlib import Path
from typing import Final
from xml.sax.saxutils import escape

LITE_STORE_ID: Final = "WA200008175"
MAIN_PY: Final = "main.py"
REQUIREMENTS_TXT: Final = "requirements.txt"

EXTENSION_PART: Final = "xl/webextensions/webextension1.xml"
TASKPANES_PART: Final = "xl/webextensions/taskpanes.xml"
TASKPANES_RELS: Final = "xl/webextensions/_rels/taskpanes.xml.rels"
ROOT_RELS: Final = "_rels/.rels"
CONTENT_TYPES: Final = "[Content_Types].xml"

_NS_WE: Final = "http://schemas.microsoft.com/office/webextensions/webextension/2010/11"
_NS_WETP: Final = "http://schemas.microsoft.com/office/webextensions/taskpanes/2010/11"
_NS_R: Final = "http://schemas.openxmlformats.org/officeDocument/2006/relationships"
_NS_A: Final = "http://schemas.openxmlformats.org/drawingml/2006/main"
_REL_TASKPANES: Final = (
    "http://schemas.microsoft.com/office/2011/relationships/webextensiontaskpanes"
)
_REL_EXTENSION: Final = "http://schemas.microsoft.com/office/2011/relationships/webextension"
_TYPES: Final = {
    "/" + TASKPANES_PART: "application/vnd.ms-office.webextensiontaskpanes+xml",
    "/" + EXTENSION_PART: "application/vnd.ms-office.webextension+xml",
}
# Zip entries written here carry the zip format's first date, as XlsxWriter's own do, so that
# rebuilding the workbook gives the same bytes.
_EPOCH: Final = (1980, 1, 1, 0, 0, 0)
_HEADER: Final = '<?xml version="1.0" encoding="UTF-8" standalone="yes"?>\r\n'


@dataclass(frozen=True, slots=True)
class LiteCode:
    """What Lite's two editor tabs show for a workbook."""

    main_py: str
    requirements_txt: str


def settings_value(text: str) -> str:
    """`text` as Office stores an add-in setting: a JSON string, slashes escaped."""
    return json.dumps(text, ensure_ascii=False).replace("/", "\\/")


def _attr(text: str) -> str:
    # Always in double quotes, as Office writes them (quoteattr would switch to single ones).
    return escape(text, {'"': "&quot;"})


def _extension_xml(code: LiteCode, instance: str) -> str:
    props = "".join(
        f'<we:property name="{_attr(name)}" value="{_attr(settings_value(text))}"/>'
        for name, text in ((MAIN_PY, code.main_py), (REQUIREMENTS_TXT, code.requirements_txt))
    )
    return (
        f'{_HEADER}<we:webextension xmlns:we="{_NS_WE}" id="{{{instance}}}">'
        f'<we:reference id="{LITE_STORE_ID.lower()}" version="1.0.0.0" store="en-US" '
        'storeType="OMEX"/>'
        f'<we:alternateReferences><we:reference id="{LITE_STORE_ID}" version="1.0.0.0" '
        f'store="{LITE_STORE_ID}" storeType="OMEX"/></we:alternateReferences>'
        f"<we:properties>{props}</we:properties><we:bindings/>"
        f'<we:snapshot xmlns:r="{_NS_R}"/>'
        # Tells Excel the add-in defines custom functions, so that it loads them with the
        # workbook and the CBA_ cells compute (as in the workbooks Lite saves).
        f'<we:extLst><a:ext xmlns:a="{_NS_A}" uri="{{D87F86FE-615C-45B5-9D79-34F1136793EB}}">'
        "<we:containsCustomFunctions/></a:ext>"
        f'<a:ext xmlns:a="{_NS_A}" uri="{{7C84B067-C214-45C3-A712-C9D94CD141B2}}">'
        "<we:customFunctionIdList/></a:ext></we:extLst></we:webextension>"
    )


def _taskpanes_xml() -> str:
    # visibility="1": the pane opens with the workbook (Lite-saved workbooks keep what the
    # author last had; a manager should find Lite open, not look for it).
    return (
        f'{_HEADER}<wetp:taskpanes xmlns:wetp="{_NS_WETP}">'
        '<wetp:taskpane dockstate="right" visibility="1" width="438" row="1">'
        f'<wetp:webextensionref xmlns:r="{_NS_R}" r:id="rId1"/>'
        "</wetp:taskpane></wetp:taskpanes>"
    )


def _taskpanes_rels() -> str:
    return (
        f'{_HEADER}<Relationships xmlns="http://schemas.openxmlformats.org/package/2006/'
        f'relationships"><Relationship Id="rId1" Type="{_REL_EXTENSION}" '
        'Target="webextension1.xml"/></Relationships>'
    )


def _with_root_rel(xml: str) -> str:
    if _REL_TASKPANES in xml:
        return xml
    ids = {int(n) for n in re.findall(r'Id="rId(\d+)"', xml)}
    rid = max(ids, default=0) + 1
    rel = f'<Relationship Id="rId{rid}" Type="{_REL_TASKPANES}" Target="{TASKPANES_PART}"/>'
    return xml.replace("</Relationships>", rel + "</Relationships>")


def _with_types(xml: str, types: dict[str, str]) -> str:
    for part, kind in types.items():
        if f'PartName="{part}"' not in xml:
            override = f'<Override PartName="{part}" ContentType="{kind}"/>'
            xml = xml.replace("</Types>", override + "</Types>")
    return xml


def embed_lite_code(path: Path, code: LiteCode, *, instance: str | None = None) -> None:
    """Put `code` into the workbook at `path` (rewritten in place; the caller writes to a
    temporary file). `instance` is the web extension's id in the workbook; by default one
    derived from the code, so that the same code gives the same file."""
    ident = instance or str(uuid.uuid5(uuid.NAMESPACE_URL, "cba-xl:" + code.main_py)).upper()
    parts: dict[str, str | bytes] = {
        EXTENSION_PART: _extension_xml(code, ident),
        TASKPANES_PART: _taskpanes_xml(),
        TASKPANES_RELS: _taskpanes_rels(),
    }
    _rewrite(path, parts, _TYPES)


def _rewrite(path: Path, parts: dict[str, str | bytes], types: dict[str, str]) -> None:
    """Rewrite the zip at `path` with `parts` added or replaced, plus the root relationship to
    the task panes and the parts' content types (`types`, by part name)."""
    tmp = path.with_name(path.name + ".web")
    try:
        with zipfile.ZipFile(path) as src, zipfile.ZipFile(tmp, "w", zipfile.ZIP_DEFLATED) as out:
            for info in src.infolist():
                if info.filename in parts:
                    continue
                data = src.read(info)
                if info.filename == ROOT_RELS:
                    data = _with_root_rel(data.decode("utf-8")).encode("utf-8")
                elif info.filename == CONTENT_TYPES:
                    wanted = {k: v for k, v in types.items() if k.removeprefix("/") in parts}
                    data = _with_types(data.decode("utf-8"), wanted).encode("utf-8")
                out.writestr(info, data)
            for name, part in parts.items():
                out.writestr(zipfile.ZipInfo(name, date_time=_EPOCH), part, zipfile.ZIP_DEFLATED)
        shutil.move(tmp, path)
    finally:
        tmp.unlink(missing_ok=True)


_PROPERTY: Final = re.compile(r'<we:property name="([^"]*)" value="([^"]*)"\s*/>')


def lite_code(path: Path) -> LiteCode | None:
    """The Lite code stored in the workbook at `path`, read as Lite reads it, or None when the
    workbook holds none."""
    with zipfile.ZipFile(path) as zf:
        names = [n for n in zf.namelist() if n.startswith("xl/webextensions/webextension")]
        for name in names:
            xml = zf.read(name).decode("utf-8")
            if LITE_STORE_ID.lower() not in xml.lower():
                continue
            props = {unescape(k): json.loads(unescape(v)) for k, v in _PROPERTY.findall(xml)}
            if MAIN_PY in props:
                return LiteCode(props[MAIN_PY], props.get(REQUIREMENTS_TXT, ""))
    return None


def carry_web_extensions(source: Path, saved: Path) -> list[str]:
    """Copy the web-extension parts (the Lite code and its pane) of `source` into `saved`, a
    rewrite of it by openpyxl, which drops them; the parts copied."""
    with zipfile.ZipFile(source) as zf:
        parts: dict[str, str | bytes] = {
            n: zf.read(n) for n in zf.namelist() if n.startswith("xl/webextensions/")
        }
        types_xml = zf.read(CONTENT_TYPES).decode("utf-8") if parts else ""
    # LibreOffice keeps the task pane but drops the extension it names: carrying that over
    # would only pass a broken reference on.
    if not any(n.startswith("xl/webextensions/webextension") for n in parts):
        return []
    with zipfile.ZipFile(saved) as zf:
        if any(n.startswith("xl/webextensions/") for n in zf.namelist()):
            return []
    # Each part keeps the content type it had: a workbook may hold other add-ins' too.
    kept = dict(
        re.findall(
            r'<Override PartName="(/xl/webextensions/[^"]+)" ContentType="([^"]+)"', types_xml
        )
    )
    _rewrite(saved, parts, {**_TYPES, **kept})
    return sorted(parts)


__all__ = [
    "LITE_STORE_ID",
    "LiteCode",
    "carry_web_extensions",
    "embed_lite_code",
    "lite_code",
    "settings_value",
]
