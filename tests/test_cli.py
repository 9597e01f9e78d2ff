"""The command line as a user meets it: exit codes, one-line messages, never a traceback."""

from __future__ import annotations

import json
import subprocess
import sys
import zipfile
from pathlib import Path

import pytest

from cba_xl import __version__, api
from cba_xl.cli.main import main
from cba_xl.core.models import Homework
from cba_xl.spec import layout


def run(capsys: pytest.CaptureFixture[str], *argv: str) -> tuple[int, str, str]:
    code = main(list(argv))
    out, err = capsys.readouterr()
    return code, out, err


@pytest.fixture
def clean_homework() -> Homework:
    from cba_xl.sample import generate

    return next(iter(generate(1, seed=7)))


@pytest.fixture
def clean_workbook(tmp_path: Path, clean_homework: Homework) -> Path:
    return api.write_homework(tmp_path / "clean.xlsx", clean_homework)


def test_version(capsys: pytest.CaptureFixture[str]) -> None:
    with pytest.raises(SystemExit) as exit_info:
        main(["--version"])
    assert exit_info.value.code == 0
    assert capsys.readouterr().out.strip() == f"cba-xl {__version__}"


@pytest.mark.parametrize(
    "command", ["new", "check", "fill", "slides", "sample", "demo", "build-templates"]
)
def test_every_command_has_help(command: str, capsys: pytest.CaptureFixture[str]) -> None:
    with pytest.raises(SystemExit) as exit_info:
        main([command, "--help"])
    assert exit_info.value.code == 0
    assert "usage: cba-xl " + command in capsys.readouterr().out


def test_wrong_arguments_exit_2(capsys: pytest.CaptureFixture[str]) -> None:
    with pytest.raises(SystemExit) as exit_info:
        main(["check"])
    assert exit_info.value.code == 2
    assert "see --help" in capsys.readouterr().err


def test_new_refuses_to_overwrite(tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    target = tmp_path / "mine.xlsx"
    assert run(capsys, "new", str(target), "--cluster", "Baltic Photonics")[0] == 0
    before = target.read_bytes()
    code, _, err = run(capsys, "new", str(target))
    assert code == 2
    assert "exists; use --force" in err
    assert target.read_bytes() == before
    assert run(capsys, "new", str(target), "--force")[0] == 0


def test_new_prefills_the_cluster_name(tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    target = tmp_path / "mine.xlsx"
    run(capsys, "new", str(target), "--cluster", "Baltic Photonics")
    homework, _ = api.read(target)
    assert homework.profile.cluster_name == "Baltic Photonics"


def test_check_fresh_workbook_lists_required_fields(
    tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    target = tmp_path / "fresh.xlsx"
    run(capsys, "new", str(target))
    code, out, _ = run(capsys, "check", str(target))
    assert code == 1
    cell = layout.LAYOUT.profile_cell("cluster_name").ref
    assert f"{target}: Profile!{cell}: error: Cluster name is empty" in out


def test_check_clean_workbook_exit_0(
    clean_workbook: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    code, out, err = run(capsys, "check", str(clean_workbook))
    assert code == 0, out
    assert ": error:" not in out
    assert "1 workbook checked, 0 with errors" in err


def test_check_names_sheet_and_cell_of_a_wrong_dropdown_value(
    tmp_path: Path, clean_homework: Homework, capsys: pytest.CaptureFixture[str]
) -> None:
    clean_homework.actions[0].impact = "Medium"
    path = api.write_homework(tmp_path / "medium.xlsx", clean_homework)
    code, out, _ = run(capsys, "check", str(path))
    assert code == 1
    table = layout.LAYOUT.tables["actions"]
    ref = table.cell("impact", table.first_row)
    expected = f"{path}: 'Priority matrix'!{ref}: error: Impact: 'Medium' is not one of"
    assert expected in out


def test_check_json_shape(clean_workbook: Path, capsys: pytest.CaptureFixture[str]) -> None:
    code, out, _ = run(capsys, "check", "--format", "json", str(clean_workbook))
    data = json.loads(out)
    assert code == 0
    assert data["summary"]["files"] == 1
    entry = data["files"][0]
    assert entry["file"] == str(clean_workbook)
    assert entry["status"] == "ok"
    for finding in entry["findings"]:
        assert set(finding) == {"severity", "code", "sheet", "cell", "message"}


def test_check_corrupt_file_exit_2_one_line(
    tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    bad = tmp_path / "broken.xlsx"
    bad.write_bytes(b"PK\x03\x04 this is not really a zip")
    code, out, err = run(capsys, "check", str(bad))
    assert code == 2
    assert out == ""
    lines = [line for line in err.splitlines() if str(bad) in line]
    assert len(lines) == 1
    assert "Traceback" not in err


def test_check_missing_sheet_exit_2(
    clean_workbook: Path, tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    import openpyxl

    wb = openpyxl.load_workbook(clean_workbook)
    del wb[layout.RACI]
    damaged = tmp_path / "no-raci.xlsx"
    wb.save(damaged)
    code, _, err = run(capsys, "check", str(damaged))
    assert code == 2
    assert f"{damaged}:" in err and "RACI" in err


def test_check_unusable_beats_errors(tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    fresh = tmp_path / "fresh.xlsx"
    run(capsys, "new", str(fresh))
    (tmp_path / "notes.xlsx").write_text("just text", encoding="utf-8")
    code, _, _ = run(capsys, "check", str(tmp_path))
    assert code == 2


def test_fill_in_place_keeps_a_backup_and_validations(
    clean_workbook: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    import openpyxl

    original = clean_workbook.read_bytes()
    before = openpyxl.load_workbook(clean_workbook)
    code, out, _ = run(capsys, "fill", str(clean_workbook))
    assert code == 0
    backups = list(clean_workbook.parent.glob("clean.backup-*.xlsx"))
    assert len(backups) == 1 and backups[0].read_bytes() == original
    after = openpyxl.load_workbook(clean_workbook)
    for name in before.sheetnames:
        assert len(after[name].data_validations.dataValidation) == len(
            before[name].data_validations.dataValidation
        ), name
        assert after[name].protection.sheet == before[name].protection.sheet
    plan = layout.LAYOUT.tables["plan"]
    assert after[layout.PLAN][plan.cell("step", plan.first_row)].value == 1
    assert "backup of the original" in out


def test_fill_refuses_while_excel_has_the_file_open(
    clean_workbook: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    lock = clean_workbook.with_name("~$" + clean_workbook.name)
    lock.write_bytes(b"owner")
    original = clean_workbook.read_bytes()
    code, _, err = run(capsys, "fill", str(clean_workbook))
    assert code == 2
    assert "open in Excel" in err
    assert clean_workbook.read_bytes() == original


def test_sample_writes_distinct_clean_workbooks(
    tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    code, _, _ = run(
        capsys, "sample", str(tmp_path), "--participants", "4", "--seed", "3", "--jobs", "1"
    )
    assert code == 0
    files = sorted(tmp_path.glob("*.xlsx"))
    assert len(files) == 4
    assert all(zipfile.is_zipfile(f) for f in files)
    code, out, _ = run(capsys, "check", str(tmp_path))
    assert code == 0, out
    clusters = {api.read(f)[0].cluster for f in files}
    assert len(clusters) == 4


def test_console_script_never_shows_a_traceback(tmp_path: Path) -> None:
    bad = tmp_path / "empty.xlsx"
    bad.write_bytes(b"")
    proc = subprocess.run(
        [sys.executable, "-m", "cba_xl", "check", str(bad)],
        capture_output=True,
        text=True,
        check=False,
    )
    assert proc.returncode == 2
    assert "Traceback" not in proc.stderr
    assert str(bad) in proc.stderr


def test_fill_keeps_every_button_drawing_of_an_xlsm(
    tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    import re

    book = tmp_path / "mine.xlsm"
    assert run(capsys, "new", str(book), "--cluster", "Baltic Photonics")[0] == 0
    filled = tmp_path / "filled.xlsm"
    assert run(capsys, "fill", str(book), "-o", str(filled))[0] == 0
    with zipfile.ZipFile(filled) as zf:
        names = set(zf.namelist())
        targets = set()
        for name in names:
            if re.fullmatch(r"xl/worksheets/_rels/sheet\d+\.xml\.rels", name):
                rels = zf.read(name).decode()
                targets |= set(
                    re.findall(r'Target="(?:/xl/|\.\./)(drawings/vmlDrawing\d+\.vml)"', rels)
                )
    assert len(targets) >= 11
    assert {"xl/" + t for t in targets} <= names
    assert "xl/vbaProject.bin" in names


def test_consolidate_never_replaces_an_input(
    tmp_path: Path, clean_workbook: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    original = clean_workbook.read_bytes()
    code, _, err = run(capsys, "consolidate", str(tmp_path), "-o", str(clean_workbook), "--force")
    assert code == 2
    assert "is one of the inputs" in err
    assert clean_workbook.read_bytes() == original


def test_a_cohort_workbook_in_the_folder_is_not_a_submission(
    tmp_path: Path, clean_workbook: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    cohort = tmp_path / "cohort.xlsx"
    assert run(capsys, "consolidate", str(tmp_path), "-o", str(cohort), "--jobs", "1")[0] == 0
    # Run again into the same folder: the earlier cohort workbook is skipped, not rejected.
    code, out, _ = run(
        capsys,
        "consolidate",
        str(tmp_path),
        "-o",
        str(cohort),
        "--force",
        "--jobs",
        "1",
        "--format",
        "json",
    )
    assert code == 0
    assert json.loads(out)["participants"] == 1
    assert json.loads(out)["rejected"] == []
    # Written elsewhere: the worker processes recognise the cohort workbook in the folder.
    elsewhere = tmp_path.parent / f"{tmp_path.name}-cohort.xlsx"
    code, out, _ = run(
        capsys,
        "consolidate",
        str(tmp_path),
        "-o",
        str(elsewhere),
        "--jobs",
        "2",
        "--format",
        "json",
    )
    assert code == 0
    assert json.loads(out)["participants"] == 1
    assert json.loads(out)["rejected"] == []
    assert run(capsys, "check", str(tmp_path))[0] == 0


def test_slides_output_must_be_a_deck_or_a_folder(
    tmp_path: Path, clean_workbook: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    code, _, err = run(capsys, "slides", str(clean_workbook), "-o", str(clean_workbook), "--force")
    assert code == 2
    assert "must be a .pptx file" in err
    assert run(capsys, "slides", str(clean_workbook), "-o", str(tmp_path / "decks") + "/")[0] == 0
    assert (tmp_path / "decks" / "clean.pptx").is_file()


def test_slides_of_a_folder_keep_decks_of_workbooks_with_the_same_name(
    tmp_path: Path, clean_homework: Homework, capsys: pytest.CaptureFixture[str]
) -> None:
    for sub in ("a", "b"):
        api.write_homework(tmp_path / "in" / sub / "x.xlsx", clean_homework)
    assert run(capsys, "slides", str(tmp_path / "in"), "-o", str(tmp_path / "decks"))[0] == 0
    assert sorted(p.name for p in (tmp_path / "decks").iterdir()) == ["x-2.pptx", "x.pptx"]


def test_fill_output_keeps_the_kind_of_workbook(
    tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    book = tmp_path / "mine.xlsm"
    run(capsys, "new", str(book))
    code, _, err = run(capsys, "fill", str(book), "-o", str(tmp_path / "out.xlsx"))
    assert code == 2
    assert "must be a .xlsm file" in err
    assert not (tmp_path / "out.xlsx").exists()


def test_fill_twice_says_nothing_changed(
    clean_workbook: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    assert run(capsys, "fill", str(clean_workbook))[0] == 0
    code, out, _ = run(capsys, "fill", str(clean_workbook))
    assert code == 0
    assert "already filled, nothing to change" in out
    assert len(list(clean_workbook.parent.glob("clean.backup-*"))) == 1


def test_new_refuses_a_name_that_is_not_a_workbook(
    tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    code, _, err = run(capsys, "new", str(tmp_path / "mine.docx"))
    assert code == 2
    assert "must be an .xlsx file" in err
    assert list(tmp_path.iterdir()) == []
