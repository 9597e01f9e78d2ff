"""Writing outputs: all or nothing, never over a file the user did not give up."""

from __future__ import annotations

import datetime as dt
import errno
import multiprocessing
import os
from pathlib import Path
from typing import Any

import pytest

from cba_xl.errors import OutputRefused
from cba_xl.files.atomic import Outputs, backup_copy, write_atomically


def write_text(text: str):  # type: ignore[no-untyped-def]
    return lambda tmp: tmp.write_text(text)


def test_writes_through_a_temporary_file_in_the_same_folder(tmp_path: Path):
    target = tmp_path / "out" / "deck.xlsx"
    seen: list[Path] = []

    def write(tmp: Path) -> None:
        seen.append(tmp)
        tmp.write_text("new")

    assert write_atomically(target, write, force=False) == target
    assert target.read_text() == "new"
    assert seen[0].parent == target.parent
    assert seen[0].suffix == ".xlsx"
    assert not seen[0].exists()
    umask = os.umask(0)
    os.umask(umask)
    assert target.stat().st_mode & 0o777 == 0o666 & ~umask


def test_an_existing_file_is_replaced_only_with_force(tmp_path: Path):
    target = tmp_path / "out.xlsx"
    target.write_text("old")
    with pytest.raises(OutputRefused, match="exists; use --force to replace it"):
        write_atomically(target, write_text("new"), force=False)
    assert target.read_text() == "old"
    write_atomically(target, write_text("new"), force=True)
    assert target.read_text() == "new"


def test_a_failed_write_leaves_the_old_file_and_no_temporary(tmp_path: Path):
    target = tmp_path / "out.xlsx"
    target.write_text("old")

    def broken(tmp: Path) -> None:
        tmp.write_text("half")
        raise RuntimeError("disk full")

    with pytest.raises(RuntimeError):
        write_atomically(target, broken, force=True)
    assert target.read_text() == "old"
    assert sorted(p.name for p in tmp_path.iterdir()) == ["out.xlsx"]


def test_nothing_written_is_refused(tmp_path: Path):
    target = tmp_path / "out.xlsx"
    target.write_text("old")
    with pytest.raises(OutputRefused, match="nothing was written"):
        write_atomically(target, lambda tmp: None, force=True)
    assert target.read_text() == "old"


def test_a_file_open_in_excel_is_not_replaced(tmp_path: Path):
    target = tmp_path / "out.xlsx"
    target.write_text("old")
    (tmp_path / "~$out.xlsx").write_text("owner")
    with pytest.raises(OutputRefused, match="is open in Excel"):
        write_atomically(target, write_text("new"), force=True)
    assert target.read_text() == "old"


def test_backups_are_named_by_time_and_never_overwritten(tmp_path: Path):
    book = tmp_path / "Homework.xlsm"
    book.write_bytes(b"v1")
    when = dt.datetime(2025, 3, 1, 9, 30, 5)
    first = backup_copy(book, now=when)
    assert first.name == "Homework.backup-20250301-093005.xlsm"
    book.write_bytes(b"v2")
    second = backup_copy(book, now=when)
    assert second.name == "Homework.backup-20250301-093005-2.xlsm"
    assert (first.read_bytes(), second.read_bytes()) == (b"v1", b"v2")


def test_several_outputs_are_written_all_or_none(tmp_path: Path):
    book, deck = tmp_path / "cohort.xlsx", tmp_path / "cohort.pptx"

    def broken(tmp: Path) -> None:
        tmp.write_text("half a deck")
        raise RuntimeError("the deck failed")

    with pytest.raises(RuntimeError), Outputs(force=False) as outputs:
        outputs.stage(book, write_text("book"))
        outputs.stage(deck, broken)
        outputs.commit()
    assert list(tmp_path.iterdir()) == []
    # ... so the re-run is not refused for an output the failed run left behind.
    with Outputs(force=False) as outputs:
        outputs.stage(book, write_text("book"))
        outputs.stage(deck, write_text("deck"))
        assert outputs.commit() == [book, deck]
    assert sorted(p.name for p in tmp_path.iterdir()) == ["cohort.pptx", "cohort.xlsx"]


def test_an_interrupt_between_outputs_leaves_neither(tmp_path: Path):
    book, deck = tmp_path / "cohort.xlsx", tmp_path / "cohort.pptx"

    def interrupted(tmp: Path) -> None:
        raise KeyboardInterrupt

    with pytest.raises(KeyboardInterrupt), Outputs(force=False) as outputs:
        outputs.stage(book, write_text("book"))
        outputs.stage(deck, interrupted)
    assert list(tmp_path.iterdir()) == []


def test_a_failed_commit_takes_back_what_was_already_placed(tmp_path: Path):
    book, deck = tmp_path / "cohort.xlsx", tmp_path / "cohort.pptx"
    book.write_text("old book")
    with Outputs(force=True) as outputs:
        outputs.stage(book, write_text("new book"))
        outputs.stage(deck, write_text("deck"))
        deck.mkdir()  # something takes the deck's name meanwhile: it cannot be placed
        with pytest.raises(OSError):
            outputs.commit()
    assert book.read_text() == "old book"
    deck.rmdir()
    assert [p.name for p in tmp_path.iterdir()] == ["cohort.xlsx"]


def test_an_error_names_the_output_not_the_temporary_file(tmp_path: Path):
    target = tmp_path / "cohort.xlsx"

    def disk_full(tmp: Path) -> None:
        raise OSError(errno.ENOSPC, "No space left on device", str(tmp))

    with pytest.raises(OutputRefused) as refused:
        write_atomically(target, disk_full, force=False)
    assert refused.value.message == (
        f"{target}: could not be written (No space left on device); nothing was written: "
        "free some disk space and run again"
    )
    assert list(tmp_path.iterdir()) == []


def _race(target: str, barrier: Any, results: Any) -> None:
    def slow(tmp: Path) -> None:
        tmp.write_text(str(os.getpid()))

    barrier.wait()
    try:
        write_atomically(Path(target), slow, force=False)
        results.put("wrote")
    except OutputRefused as refused:
        results.put(refused.message)


def test_two_runs_racing_for_one_name_never_both_write(tmp_path: Path):
    ctx = multiprocessing.get_context("fork")
    for round_ in range(40):
        target = tmp_path / f"cohort-{round_}.xlsx"
        barrier, results = ctx.Barrier(2), ctx.Queue()
        runs = [ctx.Process(target=_race, args=(str(target), barrier, results)) for _ in "ab"]
        for run in runs:
            run.start()
        for run in runs:
            run.join(30)
        outcome = sorted(results.get(timeout=5) for _ in runs)
        assert outcome[1] == "wrote", outcome
        assert outcome[0].startswith(f"{target}: "), outcome  # refused, naming the output
        assert "use --force" in outcome[0]
        assert sorted(p.name for p in tmp_path.iterdir()) == sorted(
            f"cohort-{i}.xlsx" for i in range(round_ + 1)
        )


def test_without_hard_links_the_name_is_still_claimed_exclusively(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
):
    def no_links(src: object, dst: object) -> None:
        raise OSError(errno.EPERM, "Operation not permitted")

    monkeypatch.setattr(os, "link", no_links)
    target = tmp_path / "out.xlsx"
    assert write_atomically(target, write_text("one"), force=False) == target
    assert target.read_text() == "one"
    target.unlink()

    def someone_else_first(tmp: Path) -> None:
        tmp.write_text("mine")
        target.write_text("theirs")  # another run created it while this one wrote

    with pytest.raises(OutputRefused, match="was created by another program or run"):
        write_atomically(target, someone_else_first, force=False)
    assert target.read_text() == "theirs"
    assert [p.name for p in tmp_path.iterdir()] == ["out.xlsx"]


def test_writes_and_replaces_where_python_has_no_hard_links(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    # Pyodide (xlwings Lite) has no os.link: a second Slides or Consolidate replaces its file.
    monkeypatch.delattr(os, "link")
    target = tmp_path / "deck.pptx"
    write_atomically(target, lambda p: p.write_bytes(b"first"), force=False)
    with pytest.raises(OutputRefused):
        write_atomically(target, lambda p: p.write_bytes(b"second"), force=False)
    write_atomically(target, lambda p: p.write_bytes(b"second"), force=True)
    assert target.read_bytes() == b"second"
    assert [p.name for p in tmp_path.iterdir()] == ["deck.pptx"]
