"""Is this file a workbook we can safely open? Decided from signatures, the zip directory and
XML prologs only, before any library parses the workbook, so a bad upload gets a plain reason
and a hint instead of a traceback (or a machine brought down by a zip bomb)."""

from __future__ import annotations

import struct
import zipfile
import zlib
from pathlib import Path
from typing import BinaryIO, Final, NoReturn
from xml.etree.ElementTree import Element, ParseError
from xml.parsers.expat import ExpatError

import defusedxml
import defusedxml.ElementTree as DET

from cba_xl.errors import UnusableWorkbook
from cba_xl.excel.sheet_xml import EntityDeclarations, guarded_parser
from cba_xl.files.names import lock_file

CFB_SIGNATURE: Final = bytes.fromhex("D0CF11E0A1B11AE1")
ZIP_SIGNATURES: Final = (b"PK\x03\x04", b"PK\x05\x06")
# The stream an Office password puts around an xlsx inside an OLE2 container, as the OLE
# directory spells names: UTF-16LE.
ENCRYPTION_STREAM: Final = "EncryptionInfo".encode("utf-16-le")

MAX_UNCOMPRESSED: Final = 200 * 1024 * 1024
MAX_RATIO: Final = 200
RATIO_FLOOR: Final = 10 * 1024 * 1024  # small members may compress well; big ones may not
MAX_MEMBERS: Final = 10_000

CT_NS: Final = "{http://schemas.openxmlformats.org/package/2006/content-types}"
WORKBOOK_PART: Final = "xl/workbook.xml"
_MAIN_TYPES: Final = {
    "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet.main+xml": "xlsx",
    "application/vnd.openxmlformats-officedocument.spreadsheetml.template.main+xml": "xlsx",
    "application/vnd.ms-excel.sheet.macroEnabled.main+xml": "xlsm",
    "application/vnd.ms-excel.template.macroEnabled.main+xml": "xlsm",
}
_OTHER_OFFICE: Final = {
    "word/document.xml": "a Word document",
    "ppt/presentation.xml": "a PowerPoint presentation",
    "Index/Document.iwa": "an Apple Numbers file",
}

SAVE_AS_XLSX: Final = "open it in Excel and save it as .xlsx (Excel Workbook)"
SEND_AGAIN: Final = "download it again, or ask the participant to send it again"


def _unusable(path: Path, reason: str, hint: str) -> UnusableWorkbook:
    return UnusableWorkbook(path, reason, hint)


def inspect_file(path: Path) -> str:
    """'xlsx' or 'xlsm' for a workbook that is safe to hand to calamine and openpyxl;
    UnusableWorkbook with a short reason and a hint otherwise."""
    if not path.exists():
        raise _unusable(path, "no such file", "check the name and the folder")
    if path.is_dir():
        raise _unusable(path, "is a folder, not a workbook", "name the .xlsx file inside it")
    try:
        size = path.stat().st_size
        with path.open("rb") as f:
            head = f.read(4096)
    except OSError as exc:
        raise _unusable(path, f"cannot be read ({exc.strerror})", "check its permissions") from exc
    if size == 0:
        raise _unusable(path, "empty file (0 bytes)", SEND_AGAIN)
    if head.startswith(CFB_SIGNATURE):
        raise _ole_problem(path)
    if not head.startswith(ZIP_SIGNATURES):
        raise _not_a_zip(path, head)
    try:
        with zipfile.ZipFile(path) as zf:
            return _inspect_zip(path, zf)
    except zipfile.BadZipFile as exc:
        raise _unusable(path, "corrupt or incomplete file (broken zip)", SEND_AGAIN) from exc


def _ole_problem(path: Path) -> UnusableWorkbook:
    # Both a legacy .xls and a password-protected .xlsx are OLE2 containers; only the latter
    # holds an EncryptionInfo stream, whose name sits in the container's directory.
    if _file_contains(path, ENCRYPTION_STREAM):
        return _unusable(path, "password-protected", "save it without a password and send it again")
    return _unusable(path, "an old-format Excel file (.xls, Excel 97-2003)", SAVE_AS_XLSX)


def _file_contains(path: Path, needle: bytes, chunk: int = 1 << 20) -> bool:
    tail = b""
    with path.open("rb") as f:
        while block := f.read(chunk):
            if needle in tail + block:
                return True
            tail = block[-len(needle) :]
    return False


def _not_a_zip(path: Path, head: bytes) -> UnusableWorkbook:
    text = head.lstrip(b"\xef\xbb\xbf \t\r\n").lower()
    if text.startswith(b"%pdf"):
        return _unusable(
            path, "a PDF file, not an Excel workbook", "send the .xlsx workbook itself"
        )
    if b"urn:schemas-microsoft-com:office:spreadsheet" in text:
        return _unusable(path, "an Excel 2003 XML file, not an .xlsx workbook", SAVE_AS_XLSX)
    if text.startswith(b"<") and (b"<html" in text or b"<table" in text):
        return _unusable(path, "a web page (HTML), not an Excel workbook", SAVE_AS_XLSX)
    if _looks_like_text(head):
        return _unusable(path, "not an Excel workbook (it is a text or CSV file)", SAVE_AS_XLSX)
    return _unusable(path, "not an Excel workbook (unknown file type)", SAVE_AS_XLSX)


def _looks_like_text(head: bytes) -> bool:
    if head.startswith((b"\xff\xfe", b"\xfe\xff")):
        return True
    try:
        sample = head.decode("utf-8")
    except UnicodeDecodeError as exc:
        # A multi-byte character cut at the end of the sample is still text.
        if exc.start < len(head) - 4:
            sample = head.decode("latin-1")
        else:
            sample = head[: exc.start].decode("utf-8")
    printable = sum(1 for ch in sample if ch.isprintable() or ch in "\r\n\t")
    return "\x00" not in sample and printable >= 0.95 * max(len(sample), 1)


def _inspect_zip(path: Path, zf: zipfile.ZipFile) -> str:
    members = zf.infolist()
    _refuse_bomb(path, members)
    names = {m.filename for m in members}
    if "mimetype" in names:
        raise _open_document(path, zf)
    if any(m.flag_bits & 0x1 for m in members):
        raise _unusable(path, "password-protected", "save it without a password and send it again")
    backslashed = sorted(n for n in names if "\\" in n)
    if backslashed:
        # Valid enough for Excel, but openpyxl (fill) finds no sheet in it: refused alike by
        # every command, saying what it is rather than calling it corrupt.
        raise _unusable(
            path,
            f"part names written with backslashes ({backslashed[0]}): the file was saved by "
            "a program other than Excel",
            "open it in Excel or LibreOffice, save it and send it again",
        )
    if "[Content_Types].xml" not in names or WORKBOOK_PART not in names:
        if "xl/workbook.bin" in names:
            raise _unusable(path, "an Excel binary workbook (.xlsb)", SAVE_AS_XLSX)
        for part, kind in _OTHER_OFFICE.items():
            if part in names:
                raise _unusable(path, f"{kind}, not an Excel workbook", "send the .xlsx workbook")
        elsewhere = _main_part_elsewhere(path, zf, names)
        if elsewhere:
            raise _unusable(
                path,
                f"an Excel workbook whose parts are not where Excel puts them ({elsewhere}, "
                "not xl/workbook.xml): made by another program, cba-xl cannot read it",
                "open it in Excel or LibreOffice, save it as .xlsx and send that",
            )
        raise _unusable(path, "a zip archive, not an Excel workbook", SAVE_AS_XLSX)
    kind = _workbook_kind(path, zf)
    _refuse_dtds(path, zf, sorted(n for n in names if n.endswith((".xml", ".rels"))))
    _refuse_unusual_sheets(path, zf, names)
    return kind


PKG_REL_NS: Final = "{http://schemas.openxmlformats.org/package/2006/relationships}"
DOC_REL_NS: Final = "{http://schemas.openxmlformats.org/officeDocument/2006/relationships}"
MAIN_NS: Final = "{http://schemas.openxmlformats.org/spreadsheetml/2006/main}"
_SHEET_STATES: Final = ("visible", "hidden", "veryHidden")
# Sheet kinds a valid workbook may hold that the academy template never has, and calamine
# cannot read: the workbook is fine, it is just not this template.
_OTHER_SHEETS: Final = {
    "xlMacrosheet": "an Excel 4 macro sheet",
    "xlIntlMacrosheet": "an Excel 4 macro sheet",
    "dialogsheet": "an Excel 5 dialog sheet",
}
NOT_THIS_TEMPLATE_HINT: Final = (
    "copy your entries into a fresh workbook from `cba-xl new` or the academy template"
)


def _main_part_elsewhere(path: Path, zf: zipfile.ZipFile, names: set[str]) -> str:
    """The workbook part the package's own relationships name, when it is a spreadsheet's and
    not at xl/workbook.xml (valid OOXML, but nothing cba-xl reads handles it); else ''."""
    if "_rels/.rels" not in names:
        return ""
    for rel in _parse(path, zf, "_rels/.rels").iter(f"{PKG_REL_NS}Relationship"):
        target = rel.get("Target", "").replace("\\", "/").lstrip("/")
        office_document = rel.get("Type", "").endswith("/officeDocument")
        if office_document and target in names and target.lower().endswith("workbook.xml"):
            return target
    return ""


def _refuse_unusual_sheets(path: Path, zf: zipfile.ZipFile, names: set[str]) -> None:
    """Valid but unusual workbooks get said what they are, not called corrupt."""
    rels_part = "xl/_rels/workbook.xml.rels"
    if rels_part not in zf.namelist() or WORKBOOK_PART not in zf.namelist():
        return
    kinds = {
        rel.get("Id", ""): rel.get("Type", "").rsplit("/", 1)[-1]
        for rel in _parse(path, zf, rels_part).iter(f"{PKG_REL_NS}Relationship")
    }
    for sheet in _parse(path, zf, WORKBOOK_PART).iter(f"{MAIN_NS}sheet"):
        name = sheet.get("name", "")
        other = _OTHER_SHEETS.get(kinds.get(sheet.get(f"{DOC_REL_NS}id", ""), ""))
        if other:
            raise _unusable(
                path,
                f"not this template: it holds {other} ('{name}'), which the academy "
                "workbook never has",
                NOT_THIS_TEMPLATE_HINT,
            )
        state = sheet.get("state", "visible")
        if state not in _SHEET_STATES:
            raise _unusable(
                path,
                f"sheet '{name}' has a visibility Excel never writes (state \"{state}\"): the "
                "file was saved by another program",
                "open it in Excel or LibreOffice, save it and send it again",
            )


def _refuse_bomb(path: Path, members: list[zipfile.ZipInfo]) -> None:
    # Declared sizes from the zip directory: nothing has been inflated yet.
    too_big = "declares far more data than a workbook holds; refusing to open it"
    if len(members) > MAX_MEMBERS:
        raise _unusable(path, f"{too_big} ({len(members)} parts)", SEND_AGAIN)
    total = sum(m.file_size for m in members)
    if total > MAX_UNCOMPRESSED:
        raise _unusable(path, f"{too_big} ({total // 2**20} MB unpacked)", SEND_AGAIN)
    for m in members:
        ratio = m.file_size / max(m.compress_size, 1)
        if m.file_size > RATIO_FLOOR and ratio > MAX_RATIO:
            raise _unusable(path, f"{too_big} ({m.filename} packed {ratio:.0f}:1)", SEND_AGAIN)
        if m.compress_type not in (zipfile.ZIP_STORED, zipfile.ZIP_DEFLATED):
            raise _unusable(path, f"corrupt or incomplete file ({m.filename})", SEND_AGAIN)


def _open_document(path: Path, zf: zipfile.ZipFile) -> UnusableWorkbook:
    mimetype = zf.read("mimetype")[:200].decode("ascii", "replace").strip()
    if mimetype == "application/vnd.oasis.opendocument.spreadsheet":
        return _unusable(
            path,
            "an OpenDocument spreadsheet (.ods)",
            "save it as .xlsx (File > Save As > Excel 2007-365)",
        )
    return _unusable(path, "an OpenDocument file, not an Excel workbook", SAVE_AS_XLSX)


def _workbook_kind(path: Path, zf: zipfile.ZipFile) -> str:
    types = _parse(path, zf, "[Content_Types].xml")
    for override in types.iter(f"{CT_NS}Override"):
        if override.get("PartName", "").lstrip("/") == WORKBOOK_PART:
            content_type = override.get("ContentType", "").strip()
            if content_type in _MAIN_TYPES:
                return _MAIN_TYPES[content_type]
            raise _unusable(path, f"not an Excel workbook (content type {content_type})", "")
    # No override for the workbook part: fall back to what the package holds.
    return "xlsm" if "xl/vbaProject.bin" in zf.namelist() else "xlsx"


def _parse(path: Path, zf: zipfile.ZipFile, name: str) -> Element:
    try:
        with zf.open(name) as f:
            root: Element = DET.parse(f, forbid_dtd=True).getroot()
            return root
    except defusedxml.DefusedXmlException as exc:
        raise _entities(path, name) from exc
    except (ParseError, zipfile.BadZipFile, EOFError) as exc:
        raise _unusable(path, f"corrupt or incomplete file ({name})", SEND_AGAIN) from exc


class _RootReached(Exception):
    pass


def _at_root(*_: object) -> NoReturn:
    raise _RootReached


def _refuse_dtd(path: Path, zf: zipfile.ZipFile, name: str) -> None:
    """A DOCTYPE can only come before the root element, so reading stops at the first tag."""
    parser = guarded_parser()
    parser.StartElementHandler = _at_root
    try:
        with zf.open(name) as f:
            while chunk := f.read(16384):
                parser.Parse(chunk, False)
            parser.Parse(b"", True)
    except _RootReached:
        return
    except EntityDeclarations as exc:
        raise _entities(path, name) from exc
    except (ExpatError, zipfile.BadZipFile, EOFError) as exc:
        raise _unusable(path, f"corrupt or incomplete file ({name})", SEND_AGAIN) from exc


_LOCAL_HEADER: Final = struct.Struct("<4s2B4HL2L2H")
_PROLOG: Final = 1024  # bytes of a part that hold its prolog and root tag, as Office writes it
_USUAL_FLAGS: Final = 0x800 | 0x8 | 0x6  # UTF-8 name, data descriptor, deflate level


def _refuse_dtds(path: Path, zf: zipfile.ZipFile, names: list[str]) -> None:
    """`_refuse_dtd` for every part, read the quick way: each part's first kilobyte straight from
    the file. A part that is unusual in any way (odd header, no root tag that early, not
    well-formed) is read the usual way, which says what is wrong with it."""
    with path.open("rb") as f:
        for name in names:
            prolog = _prolog(f, zf.getinfo(name))
            if prolog is not None:
                parser = guarded_parser()
                parser.StartElementHandler = _at_root
                try:
                    parser.Parse(prolog, False)
                except _RootReached:
                    continue
                except EntityDeclarations as exc:
                    raise _entities(path, name) from exc
                except ExpatError:
                    pass
            _refuse_dtd(path, zf, name)


def _prolog(f: BinaryIO, info: zipfile.ZipInfo) -> bytes | None:
    """The first bytes of a part, or None when its local header is not the plain kind that
    `zipfile` would read without complaint."""
    f.seek(info.header_offset)
    head = f.read(_LOCAL_HEADER.size)
    if len(head) != _LOCAL_HEADER.size:
        return None
    signature, _, _, flags, _, _, _, _, _, _, name_size, extra_size = _LOCAL_HEADER.unpack(head)
    if signature != b"PK\x03\x04" or flags & ~_USUAL_FLAGS:
        return None
    name = f.read(name_size)
    if name.decode("utf-8" if flags & 0x800 else "cp437", "replace") != info.orig_filename:
        return None
    f.seek(extra_size, 1)
    raw = f.read(min(info.compress_size, _PROLOG))
    if info.compress_type == zipfile.ZIP_STORED:
        return raw
    if info.compress_type != zipfile.ZIP_DEFLATED:
        return None
    try:
        return zlib.decompressobj(-15).decompress(raw, _PROLOG)
    except zlib.error:
        return None


def _entities(path: Path, name: str) -> UnusableWorkbook:
    return _unusable(
        path,
        f"contains XML entity declarations ({name}); refusing to read it",
        "open it in Excel, save it as a new .xlsx and send that",
    )


__all__ = ["inspect_file", "lock_file"]
