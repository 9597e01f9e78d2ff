"""The command line as a user meets it: exit codes, one-line messages, never a traceback."""

from __future__ import annotations

import json
import subprocess
import sys
import zipfile
from pathlib import Path

import openpyxl
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
    "command", ["new", "check", "fill", "slides", "coach", "sample", "demo", "build-templates"]
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
    code, out, _err = run(capsys, "check", str(clean_workbook))
    assert code == 0, out
    assert ": error:" not in out
    assert out.splitlines()[-1].startswith("1 workbook checked, 0 with errors")


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
    lines = [line for line in out.splitlines() if str(bad) in line]
    assert len(lines) == 1 and lines[0].startswith(f"{bad}: error: corrupt")
    assert "Traceback" not in out + err


def test_check_missing_sheet_exit_2(
    clean_workbook: Path, tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    import openpyxl

    wb = openpyxl.load_workbook(clean_workbook)
    del wb[layout.RACI]
    damaged = tmp_path / "no-raci.xlsx"
    wb.save(damaged)
    code, out, _ = run(capsys, "check", str(damaged))
    assert code == 2
    assert f"{damaged}: error: sheet 'RACI' is missing" in out


def test_check_of_a_folder_exits_as_consolidate_does(
    tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    # Some files unusable: 1, as consolidate's "some rejected"; none usable: 2.
    fresh = tmp_path / "fresh.xlsx"
    run(capsys, "new", str(fresh))
    (tmp_path / "notes.xlsx").write_text("just text", encoding="utf-8")
    assert run(capsys, "check", str(tmp_path))[0] == 1
    fresh.unlink()
    assert run(capsys, "check", str(tmp_path))[0] == 2


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
    assert "Traceback" not in proc.stdout + proc.stderr
    assert proc.stdout.startswith(f"{bad}: error: empty file (0 bytes): ")


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


@pytest.fixture
def downloads(tmp_path: Path, clean_homework: Homework) -> Path:
    folder = tmp_path / "downloads"
    folder.mkdir()
    api.write_homework(folder / "good.xlsx", clean_homework)
    (folder / "old.xls").write_bytes(b"\xd0\xcf\x11\xe0\xa1\xb1\x1a\xe1" + b"\0" * 512)
    zipfile.ZipFile(folder / "sheet.ods", "w").writestr(
        "mimetype", "application/vnd.oasis.opendocument.spreadsheet"
    )
    (folder / "export.csv").write_text("cluster;country\nBlue;DE\n", encoding="utf-8")
    (folder / "~$good.xlsx").write_bytes(b"\0" * 165)
    return folder


def test_check_of_a_folder_reports_every_file_in_the_report_itself(
    downloads: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    code, out, err = run(capsys, "check", str(downloads))
    assert (code, err) == (1, "")
    lines = out.splitlines()
    for name in ("old.xls", "sheet.ods", "export.csv"):
        assert any(line.startswith(f"{downloads / name}: error: ") for line in lines), name
    assert f"{downloads / '~$good.xlsx'}: skipped: Excel lock file" in out
    # the good workbook's own warnings (a sample may show a gap in its portfolio), as check says
    warned = sum(f.severity.value == "warning" for f in api.check(downloads / "good.xlsx").findings)
    warnings = f"{warned} warning" + ("" if warned == 1 else "s")
    noted = sum(f.severity.value == "info" for f in api.check(downloads / "good.xlsx").findings)
    notes = f"{noted} note" + ("" if noted == 1 else "s")
    assert lines[-1] == (
        f"4 workbooks checked, 0 with errors, 3 unusable, 1 skipped, 0 errors, {warnings}, {notes}"
    )


def test_check_and_consolidate_give_an_unusable_file_the_same_reason(
    downloads: Path, tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    _code, out, _ = run(capsys, "check", str(downloads), "--format", "json")
    checked = {
        Path(f["file"]).name: f"{f['reason']}: {f['hint']}"
        for f in json.loads(out)["files"]
        if f["status"] == "unusable"
    }
    assert json.loads(out)["skipped"] == [
        {
            "file": str(downloads / "~$good.xlsx"),
            "reason": "Excel lock file (the workbook was open in Excel)",
        }
    ]
    from cba_xl.cohort import consolidate

    summary = consolidate([downloads], tmp_path / "cohort.xlsx", jobs=1)
    consolidated = {r.file.name: f"{r.reason}: {r.hint}" for r in summary.rejected}
    assert set(checked) == {"old.xls", "sheet.ods", "export.csv"}
    assert consolidated == checked
    assert checked["old.xls"].startswith("an old-format Excel file (.xls")


def test_json_is_one_object_also_when_nothing_could_be_done(
    tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    empty = tmp_path / "empty"
    empty.mkdir()
    code, out, err = run(capsys, "check", str(empty), "--format", "json")
    assert code == 2
    assert json.loads(out) == {"error": err.strip().removeprefix("cba-xl: "), "exit_code": 2}
    assert "no .xlsx or .xlsm workbook found" in err
    (empty / "notes.xlsx").write_text("notes", encoding="utf-8")
    code, out, _ = run(capsys, "check", str(empty), "--format", "json")
    assert code == 2 and "error" in json.loads(out) and json.loads(out)["files"]
    code, out, _ = run(
        capsys, "consolidate", str(empty), "-o", str(tmp_path / "c.xlsx"), "--format", "json"
    )
    data = json.loads(out)
    assert code == 2 and data["error"] and data["participants"] == 0
    with pytest.raises(SystemExit) as bad:
        main(["consolidate", str(empty), "--format", "json"])  # -o missing
    assert bad.value.code == 2
    assert json.loads(capsys.readouterr().out)["exit_code"] == 2


def test_debug_and_quiet_work_after_the_command_name(
    tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    path = tmp_path / "fresh.xlsx"  # an empty workbook: errors and warnings
    run(capsys, "new", str(path))
    _, full, _ = run(capsys, "check", str(path))
    code, quiet, _ = run(capsys, "check", str(path), "-q")
    assert code == 1
    assert run(capsys, "-q", "check", str(path))[1] == quiet
    assert ": warning:" in full and ": warning:" not in quiet
    assert [line for line in full.splitlines() if ": error:" in line] == quiet.splitlines()[:-1]
    assert quiet.splitlines()[-1] == full.splitlines()[-1]  # the summary line
    assert main(["check", str(path), "--debug"]) == 1
    capsys.readouterr()
    with pytest.raises(SystemExit):
        main(["check", "--help"])
    assert "-q, --quiet" in capsys.readouterr().out


def test_slides_of_a_folder_are_written_all_or_none(
    tmp_path: Path, clean_homework: Homework, monkeypatch: pytest.MonkeyPatch,
    capsys: pytest.CaptureFixture[str],
) -> None:  # fmt: skip
    from cba_xl import slides

    folder = tmp_path / "books"
    folder.mkdir()
    for name in ("a", "b", "c"):
        api.write_homework(folder / f"{name}.xlsx", clean_homework)
    decks = tmp_path / "decks"
    real = slides.build_deck
    made: list[str] = []

    def interrupted_at_the_third(*args: object, **kwargs: object) -> Path:
        made.append("deck")
        if len(made) == 3:
            raise KeyboardInterrupt
        return real(*args, **kwargs)  # type: ignore[arg-type]

    monkeypatch.setattr(slides, "build_deck", interrupted_at_the_third)
    assert run(capsys, "slides", str(folder), "-o", str(decks))[0] == 130
    assert not decks.exists() or list(decks.iterdir()) == []
    monkeypatch.setattr(slides, "build_deck", real)
    code, out, _ = run(capsys, "slides", str(folder), "-o", str(decks), "-q")  # no --force
    assert code == 0
    assert sorted(p.name for p in decks.iterdir()) == ["a.pptx", "b.pptx", "c.pptx"]
    assert out == "3 decks written\n"


def test_a_failed_demo_leaves_the_folder_as_it_was(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch, capsys: pytest.CaptureFixture[str]
) -> None:
    from cba_xl.cli import cmd_demo

    def deck_fails(*args: object, **kwargs: object) -> None:
        raise KeyboardInterrupt

    folder = tmp_path / "demo"
    monkeypatch.setattr(cmd_demo, "_consolidate", deck_fails)
    assert run(capsys, "demo", str(folder))[0] == 130
    assert not folder.exists()  # a re-run needs no --force

    earlier = folder / cmd_demo.MARKER
    folder.mkdir()
    earlier.write_text("made by cba-xl demo\n", encoding="utf-8")
    (folder / "cohort.xlsx").write_bytes(b"the earlier demo's cohort")
    assert run(capsys, "demo", str(folder), "--force")[0] == 130
    assert sorted(p.name for p in tmp_path.iterdir()) == ["demo"]
    assert (folder / "cohort.xlsx").read_bytes() == b"the earlier demo's cohort"
    assert sorted(p.name for p in folder.iterdir()) == [cmd_demo.MARKER, "cohort.xlsx"]


def test_the_demo_consolidates_with_a_roster_two_missing_and_a_resubmission(
    tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    from cba_xl.cli import cmd_demo

    code, out, _ = run(capsys, "demo", str(tmp_path / "demo"))
    assert code == 0
    for name, email, _cluster in cmd_demo.NOT_SUBMITTED:
        assert f"not submitted: {name} <{email}>" in out
    assert "v2 008-thracian-software-cluster-v2.xlsx (consolidated): 1 step added" in out
    assert "2 findings resolved" in out
    assert out.splitlines()[-1].startswith("cohort: 14 of 16 people on the roster submitted")
    book = openpyxl.load_workbook(tmp_path / "demo" / "cohort.xlsx")
    versions = [r for r in book["Versions"].iter_rows(values_only=True) if r[2] == 2]
    assert [r[3] for r in versions] == ["No", "Yes"]


def test_check_counts_its_info_lines_as_notes_and_its_help_names_them(
    capsys: pytest.CaptureFixture[str],
) -> None:
    """Every severity check prints is in --help and counted in the summary line: a 1.0 workbook
    gets info findings (what its version lacks), and the summary must not leave them out."""
    old = (
        Path(__file__).parent
        / "fixtures"
        / "v1_0"
        / "demo"
        / "001-odra-valley-food-innovation-cluster.xlsx"
    )
    _, out, _ = run(capsys, "check", str(old))
    lines = out.splitlines()
    counts = {
        s: sum(f": {s}: " in line for line in lines[:-1]) for s in ("error", "warning", "info")
    }
    assert counts["info"] >= 2
    plural = {n: "" if n == 1 else "s" for n in counts.values()}
    assert lines[-1].endswith(
        f"{counts['error']} error{plural[counts['error']]}, "
        f"{counts['warning']} warning{plural[counts['warning']]}, "
        f"{counts['info']} note{plural[counts['info']]}"
    )
    with pytest.raises(SystemExit):
        main(["check", "--help"])
    assert "error|warning|info" in " ".join(capsys.readouterr().out.split())
