"""The xlwings Lite code inside the workbook `cba-xl lite` writes: main.py and requirements.txt
as Lite itself stores them (an Office web extension of the Lite add-in whose settings hold the
two editor tabs as JSON strings), read back here the way Office would, with an XML parser and
a JSON decoder; and kept when cba-xl rewrites such a workbook (fill, upgrade)."""

from __future__ import annotations

import json
import shutil
import zipfile
from pathlib import Path
from xml.etree import ElementTree as ET

import pytest

from cba_xl import api
from cba_xl.cli.main import main as cli
from cba_xl.excel.builder import build_workbook
from cba_xl.excel.filler import fill_workbook
from cba_xl.excel.upgrade import upgrade_workbook
from cba_xl.excel.web_extension import LITE_STORE_ID, LiteCode, embed_lite_code, lite_code
from cba_xl.lite.generate import LITE_WORKBOOK, WHEEL
from cba_xl.sample import demo_cohort

URL = f"https://example.org/releases/{WHEEL}"
WE = "{http://schemas.microsoft.com/office/webextensions/webextension/2010/11}"
WETP = "{http://schemas.microsoft.com/office/webextensions/taskpanes/2010/11}"
R = "{http://schemas.openxmlformats.org/officeDocument/2006/relationships}"
PKG = "{http://schemas.openxmlformats.org/package/2006/relationships}"
CT = "{http://schemas.openxmlformats.org/package/2006/content-types}"
FIXTURES = Path(__file__).parent / "fixtures"
# A main.py with what JSON, XML and Office each escape: quotes, slashes, ampersands, angle
# brackets, tabs, backslashes and text beyond ASCII.
AWKWARD = 'print("a/b & <c>\t\\\\ «Čačak»")\n# it\'s "quoted"\n'


def lite_edition(tmp_path: Path) -> Path:
    assert cli(["lite", str(tmp_path / "lite"), "--wheel-url", URL, "--quiet"]) == 0
    return tmp_path / "lite"


def parts(path: Path) -> dict[str, bytes]:
    with zipfile.ZipFile(path) as zf:
        return {n: zf.read(n) for n in zf.namelist()}


def office_settings(path: Path) -> dict[str, str]:
    """The web extension's settings as Office hands them to the add-in: found from the root
    relationships through the task pane to the extension, each value JSON-decoded."""
    files = parts(path)
    rels = ET.fromstring(files["_rels/.rels"])
    (pane_target,) = [
        r.get("Target")
        for r in rels.iter(PKG + "Relationship")
        if r.get("Type", "").endswith("/webextensiontaskpanes")
    ]
    assert pane_target is not None
    panes = ET.fromstring(files[pane_target])
    (pane,) = panes.iter(WETP + "taskpane")
    assert pane.get("visibility") == "1"  # the pane opens with the workbook
    (ref,) = pane.iter(WETP + "webextensionref")
    folder = pane_target.rsplit("/", 1)[0]
    pane_rels = ET.fromstring(files[f"{folder}/_rels/taskpanes.xml.rels"])
    targets = {r.get("Id"): r.get("Target") for r in pane_rels.iter(PKG + "Relationship")}
    extension = ET.fromstring(files[f"{folder}/{targets[ref.get(R + 'id')]}"])
    ids = {r.get("id", "").upper() for r in extension.iter(WE + "reference")}
    assert ids == {LITE_STORE_ID}
    types = ET.fromstring(files["[Content_Types].xml"])
    overrides = {o.get("PartName"): o.get("ContentType") for o in types.iter(CT + "Override")}
    assert overrides["/" + pane_target] == "application/vnd.ms-office.webextensiontaskpanes+xml"
    assert overrides[f"/{folder}/webextension1.xml"] == "application/vnd.ms-office.webextension+xml"
    return {
        p.get("name", ""): json.loads(p.get("value", "")) for p in extension.iter(WE + "property")
    }


def test_the_lite_workbook_holds_main_py_and_requirements_as_lite_stores_them(
    tmp_path: Path,
) -> None:
    folder = lite_edition(tmp_path)
    settings = office_settings(folder / LITE_WORKBOOK)
    assert settings["main.py"] == (folder / "main.py").read_text(encoding="utf-8")
    assert settings["requirements.txt"] == (folder / "requirements.txt").read_text()
    assert URL in settings["requirements.txt"].splitlines()
    # Office's own spelling of a slash inside a setting, as in the workbooks Lite saves
    assert b"Import\\/Export" in parts(folder / LITE_WORKBOOK)["xl/webextensions/webextension1.xml"]


def test_the_lite_workbook_is_still_the_template(tmp_path: Path) -> None:
    folder = lite_edition(tmp_path)
    plain = tmp_path / "plain.xlsx"
    build_workbook(plain, protected=False)
    with_code, without = parts(folder / LITE_WORKBOOK), parts(plain)
    added = set(with_code) - set(without)
    assert added == {
        "xl/webextensions/webextension1.xml",
        "xl/webextensions/taskpanes.xml",
        "xl/webextensions/_rels/taskpanes.xml.rels",
    }
    changed = {n for n in without if with_code[n] != without[n]}
    assert changed == {"_rels/.rels", "[Content_Types].xml"}
    assert api.check(folder / LITE_WORKBOOK).findings == api.check(plain).findings


def test_awkward_code_round_trips_and_the_same_code_gives_the_same_file(tmp_path: Path) -> None:
    code = LiteCode(AWKWARD, "xlwings>=0.37.8,<1.0.0\n")
    a, b = tmp_path / "a.xlsx", tmp_path / "b.xlsx"
    for path in (a, b):
        build_workbook(path, protected=False)
        embed_lite_code(path, code)
    assert office_settings(a) == {"main.py": AWKWARD, "requirements.txt": code.requirements_txt}
    assert lite_code(a) == code
    assert a.read_bytes() == b.read_bytes()


def lite_homework(tmp_path: Path) -> tuple[Path, LiteCode]:
    path = tmp_path / "odra.xlsx"
    build_workbook(path, demo_cohort()[0], protected=False)
    code = LiteCode(AWKWARD, f"{URL}\n")
    embed_lite_code(path, code)
    return path, code


def test_fill_keeps_the_lite_code(tmp_path: Path) -> None:
    path, code = lite_homework(tmp_path)
    result = fill_workbook(path, tmp_path / "filled.xlsx")
    assert result.total > 0  # it did rewrite the workbook
    assert lite_code(result.out) == code
    office_settings(result.out)  # and the parts are wired as before


def test_fill_in_place_keeps_the_lite_code_in_the_workbook_and_its_backup(
    tmp_path: Path,
) -> None:
    path, code = lite_homework(tmp_path)
    result = fill_workbook(path)
    assert result.backup is not None and result.out == path
    assert lite_code(path) == code and lite_code(result.backup) == code


def test_upgrade_keeps_the_lite_code_of_the_old_workbook(tmp_path: Path) -> None:
    old = tmp_path / "old.xlsx"
    shutil.copy(next((FIXTURES / "v1_1" / "demo").glob("*.xlsx")), old)
    code = LiteCode(AWKWARD, f"{URL}\n")
    embed_lite_code(old, code)
    new = tmp_path / "new.xlsx"
    upgrade_workbook(old, new)
    assert lite_code(new) == code


@pytest.mark.parametrize("name", ["template", "lite"])
def test_a_workbook_without_lite_code_has_none(tmp_path: Path, name: str) -> None:
    path = tmp_path / f"{name}.xlsx"
    build_workbook(path, protected=name == "template")
    assert lite_code(path) is None
    result = fill_workbook(path, tmp_path / "filled.xlsx")
    assert not any(n.startswith("xl/webextensions/") for n in parts(result.out))


def test_a_task_pane_without_its_extension_is_not_carried_over(tmp_path: Path) -> None:
    # what LibreOffice leaves of a Lite workbook it saved: the pane, not the extension
    path, _ = lite_homework(tmp_path)
    broken = tmp_path / "saved-by-libreoffice.xlsx"
    with zipfile.ZipFile(path) as src, zipfile.ZipFile(broken, "w") as out:
        for info in src.infolist():
            if not info.filename.startswith("xl/webextensions/webextension"):
                out.writestr(info, src.read(info))
    result = fill_workbook(broken, tmp_path / "filled.xlsx")
    assert not any(n.startswith("xl/webextensions/") for n in parts(result.out))


@pytest.mark.parametrize(
    ("url", "says"),
    [
        ("notaurl", "not an https:// address"),
        ("http://example.org/" + WHEEL, "not an https:// address"),
        ("https://example.org/cba_xl.whl", f"must end in this cba-xl's wheel file name, {WHEEL}"),
        ("https://example.org/cba_xl-0.0.9-py3-none-any.whl", "got 'cba_xl-0.0.9-py3-none-any"),
        (f"https://github.com/o/r/releases/download/v1/{WHEEL}", "raw.githubusercontent.com"),
        (f"https://github.com/o/r/blob/main/dist/{WHEEL}", "a /blob/ address is a web page"),
    ],
)
def test_an_address_lite_could_not_install_from_is_refused_at_once(
    tmp_path: Path, capsys: pytest.CaptureFixture[str], url: str, says: str
) -> None:
    # micropip takes name and version from the file name; Excel would only fail later
    with pytest.raises(SystemExit) as exit_:
        cli(["lite", str(tmp_path / "lite"), "--wheel-url", url])
    assert exit_.value.code == 2
    assert says in capsys.readouterr().err
    assert not (tmp_path / "lite").exists()
