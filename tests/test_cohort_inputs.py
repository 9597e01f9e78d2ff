"""A trainer's downloads folder: broken, foreign, locked and resubmitted files next to good ones.
Each is reported, none stops the run, and nothing in the folder changes."""

from __future__ import annotations

import datetime as dt
import hashlib
import json
import os
import shutil
from pathlib import Path

import pytest

from cba_xl import api
from cba_xl.cli.main import main
from cba_xl.cohort import consolidate
from cba_xl.cohort.record import Submission
from cba_xl.cohort.resubmissions import Roster, participant_key
from cba_xl.sample import demo_cohort


def _snapshot(root: Path) -> dict[str, str]:
    return {
        str(p.relative_to(root)): hashlib.sha256(p.read_bytes()).hexdigest()
        for p in sorted(root.rglob("*"))
        if p.is_file()
    }


@pytest.fixture
def downloads(tmp_path: Path) -> Path:
    root = tmp_path / "downloads"
    (root / "week 2").mkdir(parents=True)
    good = demo_cohort()[:3]
    for i, hw in enumerate(good, start=1):
        api.write_homework(root / f"good-{i}.xlsx", hw)
    sound = (root / "good-1.xlsx").read_bytes()
    (root / "empty.xlsx").write_bytes(b"")
    (root / "truncated.xlsx").write_bytes(sound[: len(sound) // 2])
    (root / "notes.xlsx").write_text("not a workbook, just notes\n", encoding="utf-8")
    (root / "old.xls").write_bytes(b"\xd0\xcf\x11\xe0\xa1\xb1\x1a\xe1" + b"\0" * 512)
    (root / "~$good-1.xlsx").write_bytes(b"\0" * 165)  # Excel's lock file
    # A resubmission: the same participant, renamed, downloaded later.
    resubmitted = root / "week 2" / "good-2 (1).xlsx"
    shutil.copyfile(root / "good-2.xlsx", resubmitted)
    later = (root / "good-2.xlsx").stat().st_mtime + 3600
    os.utime(resubmitted, (later, later))
    return root


def test_every_problem_is_reported_and_nothing_changes(downloads: Path, tmp_path: Path) -> None:
    before = _snapshot(downloads)
    times = {p: p.stat().st_mtime_ns for p in downloads.rglob("*")}
    summary = consolidate([downloads], tmp_path / "cohort.xlsx", deck=tmp_path / "c.pptx", jobs=2)

    assert _snapshot(downloads) == before
    assert {p: p.stat().st_mtime_ns for p in downloads.rglob("*")} == times
    assert summary.participants == 3
    rejected = {r.file.name: r.reason for r in summary.rejected}
    assert set(rejected) == {"empty.xlsx", "truncated.xlsx", "notes.xlsx", "old.xls"}
    assert all(rejected.values())
    assert "xls" in rejected["old.xls"]
    assert summary.duplicates == [
        (downloads / "week 2" / "good-2 (1).xlsx", downloads / "good-2.xlsx")
    ]
    assert [(p.name, why) for p, why in summary.skipped] == [
        ("~$good-1.xlsx", "Excel lock file (the workbook was open in Excel)")
    ]
    assert summary.exit_code == 1
    assert sorted(p.name for p in summary.outputs) == ["c.pptx", "cohort.xlsx"]


def test_json_summary_has_the_documented_shape(
    downloads: Path, tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    out = tmp_path / "cohort.xlsx"
    code = main(["consolidate", str(downloads), "-o", str(out), "--format", "json", "--jobs", "2"])
    data = json.loads(capsys.readouterr().out)  # exactly one JSON object, nothing else
    assert code == 1
    assert set(data) == {
        "participants",
        "rejected",
        "duplicates",
        "findings",
        "outputs",
        "skipped",
        "versions",
        "rooms",
    }
    assert data["participants"] == 3
    assert all(set(r) == {"file", "reason"} for r in data["rejected"])
    assert len(data["rejected"]) == 4
    assert data["duplicates"] == [
        {
            "kept": str(downloads / "week 2" / "good-2 (1).xlsx"),
            "dropped": str(downloads / "good-2.xlsx"),
        }
    ]
    assert set(data["findings"]) == {"error", "warning", "info"}
    assert all(isinstance(n, int) for n in data["findings"].values())
    assert data["outputs"] == [str(out)]


def test_existing_outputs_are_not_replaced_without_force(downloads: Path, tmp_path: Path) -> None:
    out, deck = tmp_path / "cohort.xlsx", tmp_path / "cohort.pptx"
    out.write_bytes(b"the trainer's own notes")
    assert main(["consolidate", str(downloads), "-o", str(out), "--deck", str(deck)]) == 2
    assert out.read_bytes() == b"the trainer's own notes"
    assert not deck.exists()
    assert main(["consolidate", str(downloads), "-o", str(out), "--force", "--jobs", "1"]) == 1
    assert out.read_bytes()[:2] == b"PK"
    assert [p.name for p in tmp_path.iterdir() if p.name.startswith(".")] == []


def test_exit_codes(tmp_path: Path) -> None:
    clean = tmp_path / "clean"
    clean.mkdir()
    for hw in demo_cohort():
        path = clean / f"{hw.cluster}.xlsx"
        api.write_homework(path, hw)
        if api.check(path).status != "ok":
            path.unlink()
    assert any(clean.iterdir())
    assert main(["consolidate", str(clean), "-o", str(tmp_path / "a.xlsx")]) == 0
    (clean / "broken.xlsx").write_bytes(b"PK\x03\x04 broken")
    assert main(["consolidate", str(clean), "-o", str(tmp_path / "b.xlsx")]) == 1
    nothing = tmp_path / "nothing"
    nothing.mkdir()
    (nothing / "broken.xlsx").write_bytes(b"")
    assert main(["consolidate", str(nothing), "-o", str(tmp_path / "c.xlsx")]) == 2
    assert not (tmp_path / "c.xlsx").exists()
    assert main(["consolidate", str(tmp_path / "missing"), "-o", str(tmp_path / "d.xlsx")]) == 2
    with pytest.raises(SystemExit) as bad:
        main(["consolidate", str(clean), "-o", str(tmp_path / "e.xlsx"), "--rooms", "0"])
    assert bad.value.code == 2


def _sub(
    file: str, cluster: str, email: str, saved: dt.datetime | None, mtime: float
) -> Submission:
    return Submission(file=file, cluster=cluster, email=email, saved=saved, mtime=mtime)


def test_resubmission_rule() -> None:
    assert participant_key(" Blue  Ocean ", "Anna@Example.org ") == participant_key(
        "blue ocean", "anna@example.org"
    )
    assert participant_key("", "") is None
    roster = Roster()
    monday, tuesday = dt.datetime(2025, 3, 3, 9), dt.datetime(2025, 3, 4, 9)
    # Saved time wins over a newer file time (a re-download of an old version).
    roster.add(_sub("a.xlsx", "Blue Ocean", "anna@example.org", tuesday, 100.0))
    roster.add(_sub("b.xlsx", "blue ocean", "ANNA@example.org", monday, 999.0))
    # Same saved time: the file time decides; no saved time counts as older.
    roster.add(_sub("c.xlsx", "Green", "g@example.org", monday, 5.0))
    roster.add(_sub("d.xlsx", "Green", "g@example.org", monday, 6.0))
    roster.add(_sub("e.xlsx", "Green", "g@example.org", None, 9.0))
    # Nothing to tell apart: each file is its own participant.
    roster.add(_sub("f.xlsx", "", "", None, 1.0))
    roster.add(_sub("g.xlsx", "", "", None, 1.0))
    assert [s.file for s in roster.kept()] == ["a.xlsx", "d.xlsx", "f.xlsx", "g.xlsx"]
    pairs = [(k.file, d.file) for k, d in roster.duplicates()]
    assert pairs == [("a.xlsx", "b.xlsx"), ("d.xlsx", "c.xlsx"), ("d.xlsx", "e.xlsx")]


@pytest.mark.parametrize("failure", [RuntimeError("the deck failed"), KeyboardInterrupt()])
def test_a_run_that_fails_on_the_deck_writes_nothing_and_can_be_run_again(
    downloads: Path, tmp_path: Path, monkeypatch: pytest.MonkeyPatch, failure: BaseException
) -> None:
    from cba_xl.cohort import deck_out

    out_dir = tmp_path / "out"
    out, deck = out_dir / "cohort.xlsx", out_dir / "cohort.pptx"
    real = deck_out.write_deck

    def broken(tmp: Path, *args: object, **kwargs: object) -> None:
        real(tmp, *args, **kwargs)  # type: ignore[arg-type]
        raise failure

    monkeypatch.setattr(deck_out, "write_deck", broken)
    with pytest.raises(type(failure)):
        consolidate([downloads], out, deck=deck, jobs=1)
    assert list(out_dir.iterdir()) == []  # neither output, no temporary file
    monkeypatch.setattr(deck_out, "write_deck", real)
    summary = consolidate([downloads], out, deck=deck, jobs=1)  # no --force needed
    assert sorted(p.name for p in out_dir.iterdir()) == ["cohort.pptx", "cohort.xlsx"]
    assert summary.outputs == [out, deck]
