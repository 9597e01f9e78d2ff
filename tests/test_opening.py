"""Unusable files are refused with a plain reason and a hint, before any heavy parsing."""

from __future__ import annotations

import shutil
import zipfile
from collections.abc import Callable
from pathlib import Path

import pytest
import soffice

from cba_xl.errors import UnusableWorkbook
from cba_xl.excel import opening
from cba_xl.excel.opening import inspect_file, lock_file


def refused(path: Path) -> UnusableWorkbook:
    with pytest.raises(UnusableWorkbook) as info:
        inspect_file(path)
    assert info.value.path == path
    assert str(path) in info.value.message
    return info.value


def rezip(src: Path, dst: Path, change: Callable[[str, bytes], bytes]) -> Path:
    with zipfile.ZipFile(src) as zin, zipfile.ZipFile(dst, "w", zipfile.ZIP_DEFLATED) as zout:
        for name in zin.namelist():
            zout.writestr(name, change(name, zin.read(name)))
    return dst


def cfb(*stream_names: str) -> bytes:
    """The start of an OLE2 compound file: its signature, a header, and a directory sector with
    the given stream names (UTF-16LE, as the format stores them)."""
    header = opening.CFB_SIGNATURE + bytes(504)
    entries = b"".join(name.encode("utf-16-le").ljust(128, b"\0") for name in stream_names)
    return header + entries.ljust(512, b"\0")


def test_a_workbook_and_a_macro_workbook_are_told_apart(make_workbook: Callable[..., Path]):
    assert inspect_file(make_workbook("a.xlsx")) == "xlsx"
    assert inspect_file(make_workbook("b.xlsm", macro=True)) == "xlsm"


def test_missing_file_folder_and_empty_file(tmp_path: Path):
    assert refused(tmp_path / "nope.xlsx").reason == "no such file"
    assert "folder" in refused(tmp_path).reason
    empty = tmp_path / "empty.xlsx"
    empty.touch()
    problem = refused(empty)
    assert problem.reason.startswith("empty file")
    assert "again" in problem.hint


def test_legacy_xls_and_password_protected_workbook(tmp_path: Path):
    xls = tmp_path / "old.xls"
    xls.write_bytes(cfb("Root Entry", "Workbook", "\x05SummaryInformation"))
    problem = refused(xls)
    assert problem.reason == "an old-format Excel file (.xls, Excel 97-2003)"
    assert problem.hint == opening.SAVE_AS_XLSX

    locked = tmp_path / "locked.xlsx"
    locked.write_bytes(cfb("Root Entry", "EncryptionInfo", "EncryptedPackage"))
    problem = refused(locked)
    assert problem.reason == "password-protected"
    assert problem.hint == "save it without a password and send it again"


def test_a_workbook_encrypted_by_office_is_password_protected(
    make_workbook: Callable[..., Path], tmp_path: Path
):
    ooxml = pytest.importorskip("msoffcrypto.format.ooxml")
    plain = make_workbook("plain.xlsx")
    locked = tmp_path / "locked.xlsx"
    with plain.open("rb") as src, locked.open("wb") as dst:
        ooxml.OOXMLFile(src).encrypt("secret", dst)
    assert refused(locked).reason == "password-protected"


@pytest.mark.parametrize(
    ("content", "reason"),
    [
        (b"name;members\nFood cluster;42\n", "not an Excel workbook (it is a text or CSV file)"),
        (
            "\ufeffName,Région\nCluster,Île".encode(),
            "not an Excel workbook (it is a text or CSV file)",
        ),
        (b"%PDF-1.7\n%\xe2\xe3\xcf\xd3\n", "a PDF file, not an Excel workbook"),
        (
            b"<html><body><table><tr><td>1</td></tr></table>",
            "a web page (HTML), not an Excel workbook",
        ),
        (bytes(range(256)) * 4, "not an Excel workbook (unknown file type)"),
    ],
)
def test_files_that_are_not_workbooks(tmp_path: Path, content: bytes, reason: str):
    path = tmp_path / "homework.xlsx"
    path.write_bytes(content)
    assert refused(path).reason == reason


def test_opendocument_spreadsheet(tmp_path: Path):
    ods = tmp_path / "homework.ods"
    with zipfile.ZipFile(ods, "w") as zf:
        zf.writestr("mimetype", "application/vnd.oasis.opendocument.spreadsheet")
        zf.writestr("content.xml", "<office:document-content/>")
    problem = refused(ods)
    assert "OpenDocument spreadsheet" in problem.reason
    assert "save it as .xlsx" in problem.hint


def test_truncated_download(make_workbook: Callable[..., Path]):
    path = make_workbook()
    data = path.read_bytes()
    path.write_bytes(data[: len(data) // 2])
    problem = refused(path)
    assert problem.reason.startswith("corrupt or incomplete file")
    assert "download it again" in problem.hint


def test_zips_that_are_not_workbooks(tmp_path: Path):
    plain = tmp_path / "files.xlsx"
    with zipfile.ZipFile(plain, "w") as zf:
        zf.writestr("notes.txt", "hello")
    assert refused(plain).reason == "a zip archive, not an Excel workbook"
    word = tmp_path / "letter.xlsx"
    with zipfile.ZipFile(word, "w") as zf:
        zf.writestr("[Content_Types].xml", "<Types/>")
        zf.writestr("word/document.xml", "<document/>")
    assert refused(word).reason == "a Word document, not an Excel workbook"


def test_zip_bomb_is_refused_from_the_directory_without_inflating(
    make_workbook: Callable[..., Path], tmp_path: Path, monkeypatch: pytest.MonkeyPatch
):
    bomb = rezip(make_workbook(), tmp_path / "bomb.xlsx", lambda name, data: data)
    with zipfile.ZipFile(bomb, "a", zipfile.ZIP_DEFLATED) as zf:
        zf.writestr("xl/media/padding.bin", bytes(11 * 1024 * 1024))  # 11 MB of zeros: ~1000:1

    def no_inflating(*args: object, **kwargs: object) -> None:
        raise AssertionError("a member was opened")

    monkeypatch.setattr(zipfile.ZipFile, "open", no_inflating)
    problem = refused(bomb)
    assert "far more data than a workbook holds" in problem.reason
    assert "xl/media/padding.bin" in problem.reason


def test_declared_size_over_the_limit(
    make_workbook: Callable[..., Path], monkeypatch: pytest.MonkeyPatch
):
    path = make_workbook()
    total = sum(m.file_size for m in zipfile.ZipFile(path).infolist())
    monkeypatch.setattr(opening, "MAX_UNCOMPRESSED", total - 1)
    assert "MB unpacked" in refused(path).reason


@pytest.mark.parametrize("part", ["xl/workbook.xml", "xl/worksheets/sheet1.xml"])
def test_xml_entity_declarations_are_refused(
    make_workbook: Callable[..., Path], tmp_path: Path, part: str
):
    doctype = b'<!DOCTYPE x [<!ENTITY a "aaaaaaaaaa"><!ENTITY b "&a;&a;&a;&a;&a;&a;">]>'

    def add_doctype(name: str, data: bytes) -> bytes:
        if name != part:
            return data
        if data.startswith(b"<?xml"):
            decl, _, rest = data.partition(b"?>")
            return decl + b"?>" + doctype + rest
        return doctype + data

    path = rezip(make_workbook(), tmp_path / "entities.xlsx", add_doctype)
    problem = refused(path)
    assert problem.reason == f"contains XML entity declarations ({part}); refusing to read it"


def test_lock_files_of_excel_and_libreoffice(tmp_path: Path):
    book = tmp_path / "Homework Silesia.xlsx"
    book.touch()
    assert lock_file(book) is None
    owner = tmp_path / "~$Homework Silesia.xlsx"
    owner.touch()
    assert lock_file(book) == owner
    owner.unlink()
    # Excel drops the first two characters of long names.
    short = tmp_path / "~$mework Silesia.xlsx"
    short.touch()
    assert lock_file(book) == short
    short.unlink()
    office = tmp_path / ".~lock.Homework Silesia.xlsx#"
    office.touch()
    assert lock_file(book) == office


@pytest.mark.libreoffice
def test_xls_saved_by_libreoffice_is_legacy(make_workbook: Callable[..., Path], tmp_path: Path):
    if shutil.which("soffice") is None:
        pytest.skip("LibreOffice is not installed")
    src = make_workbook("legacy.xlsx")
    out = tmp_path / "out"
    soffice.convert(src, "xls", out, tmp_path / "profile")
    assert refused(out / "legacy.xls").reason == "an old-format Excel file (.xls, Excel 97-2003)"
