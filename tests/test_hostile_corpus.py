"""Every command over every file of the hostile corpus (tests/corpus.py), run through the CLI's
own entry point in a separate process whose address space is capped, so a bomb fails loudly
instead of swapping, and whose every command has a time limit against hangs.

For each case and command: the documented exit code (0/1/2; 3 is a bug), one line naming the
file with the reason and what to do, no traceback, the input folder byte-identical afterwards,
and an output folder holding exactly the finished outputs (nothing half-written on failure).
"""

from __future__ import annotations

import hashlib
import io
import json
import os
import select
import socketserver
import subprocess
import sys
import threading
import time
import xml.etree.ElementTree as ET
import zipfile
from collections.abc import Iterator
from concurrent.futures import ThreadPoolExecutor
from dataclasses import dataclass, field
from pathlib import Path
from typing import ClassVar

import defusedxml.ElementTree as DET
import pytest
from corpus import MARK, Case, cases, files_under

COMMANDS = ("check", "fill", "slides", "consolidate")
TIMEOUT = 30  # seconds per command: a guard against hangs, not a speed goal (see benchmarks/)
MEMORY = 1536 * 2**20  # bytes of address space for the process running the commands
# One process runs command after command (starting Python for each of some 120 runs would cost
# most of the suite's time): it reads the arguments as a JSON line, runs `main` with stdout and
# stderr captured, and answers on a pipe of its own. A process that tried to hold an inflated
# bomb would get MemoryError (exit 3 and a message) instead of swapping the machine.
WORKER = f"""
import contextlib, io, json, os, resource, sys
resource.setrlimit(resource.RLIMIT_AS, ({MEMORY}, {MEMORY}))
from cba_xl.cli.main import main
replies = os.fdopen(int(sys.argv[1]), "w")
for line in sys.stdin:
    out, err = io.StringIO(), io.StringIO()
    with contextlib.redirect_stdout(out), contextlib.redirect_stderr(err):
        try:
            code = main(json.loads(line))
        except SystemExit as stop:
            code = stop.code if isinstance(stop.code, int) else 2
    replies.write(json.dumps([code, out.getvalue(), err.getvalue()]) + "\\n")
    replies.flush()
"""
OUTPUTS = {
    "check": (),
    "fill": ("{stem}.filled{suffix}",),
    "slides": ("deck.pptx",),
    "consolidate": ("cohort.xlsx", "cohort.pptx"),
}


class Worker:
    """A process running CLI commands one after another; restarted after a hang or a crash."""

    def __init__(self, log: Path) -> None:
        self.proc: subprocess.Popen[str] | None = None
        self.log_path = log
        self.log = log.open("w")

    def start(self) -> subprocess.Popen[str]:
        if self.proc is None or self.proc.poll() is not None:
            read, write = os.pipe()
            self.proc = subprocess.Popen(
                [sys.executable, "-c", WORKER, str(write)],
                stdin=subprocess.PIPE,
                stdout=self.log,
                stderr=self.log,  # a file, not a pipe: a chatty crash cannot block the process
                text=True,
                pass_fds=(write,),
            )
            os.close(write)
            self.replies = os.fdopen(read)
        return self.proc

    def run(self, args: list[str]) -> tuple[int | None, str, str]:
        """Exit code, stdout and stderr; None and what the process said if it hung or died."""
        proc = self.start()
        assert proc.stdin is not None
        proc.stdin.write(json.dumps(args) + "\n")
        proc.stdin.flush()
        ready, _, _ = select.select([self.replies], [], [], TIMEOUT)
        line = self.replies.readline() if ready else ""
        if not line:
            self.stop()
            return None, "", f"no answer (hung or crashed): {self.said}"
        code, out, err = json.loads(line)
        return code, out, err

    def stop(self) -> None:
        if self.proc is not None:
            self.proc.kill()
            self.proc.wait()
            if self.proc.stdin is not None:
                self.proc.stdin.close()  # else its pipe is left to the garbage collector
            self.replies.close()
            self.proc = None
        self.log.flush()
        self.said = self.log_path.read_text(errors="replace")[-2000:]


@dataclass
class Run:
    args: list[str]
    code: int | None  # None: killed at the time limit
    out: str
    err: str
    seconds: float
    inputs_changed: list[str]  # files of the input folder added, removed or changed
    outputs: list[str]  # files in this command's output folder afterwards

    @property
    def lines(self) -> list[str]:
        return (self.out + self.err).splitlines()


@dataclass
class CaseRuns:
    case: Case
    file: Path
    out: Path
    runs: dict[str, Run] = field(default_factory=dict)

    def output(self, command: str, name: str) -> Path:
        return self.out / command / name


class Canary(socketserver.BaseRequestHandler):
    """Counts every connection: a reader that followed an external link would make one."""

    hits: ClassVar[list[tuple[str, int]]] = []

    def handle(self) -> None:
        Canary.hits.append(self.client_address)


@pytest.fixture(scope="module")
def canary() -> Iterator[str]:
    server = socketserver.ThreadingTCPServer(("127.0.0.1", 0), Canary)
    thread = threading.Thread(target=server.serve_forever, daemon=True)
    thread.start()
    host, port = server.server_address[:2]
    yield f"http://{host}:{port}/cluster-data/budget.xlsx"
    server.shutdown()
    server.server_close()


def snapshot(folder: Path) -> dict[str, str]:
    return {
        str(p.relative_to(folder)): hashlib.sha256(p.read_bytes()).hexdigest()
        for p in files_under(folder)
    }


def changed(before: dict[str, str], after: dict[str, str]) -> list[str]:
    return sorted(k for k in before.keys() | after.keys() if before.get(k) != after.get(k))


def arguments(case: Case, command: str, file: Path, out: Path) -> list[str]:
    folder = out / command
    if command == "check":
        return ["check", str(file)]
    if command == "fill":
        if not case.usable or case.open_in_excel:
            return ["fill", str(file)]  # in place: must leave the file and its folder alone
        name = OUTPUTS["fill"][0].format(stem=file.stem, suffix=file.suffix)
        return ["fill", str(file), "-o", str(folder / name)]
    if command == "slides":
        return ["slides", str(file), "-o", str(folder / "deck.pptx")]
    return [
        "consolidate",
        str(file),
        "-o",
        str(folder / "cohort.xlsx"),
        "--deck",
        str(folder / "cohort.pptx"),
        "--jobs",
        "1",
    ]


def run_case(case: Case, root: Path, worker: Worker) -> CaseRuns:
    folder = root / case.name / "input"
    folder.mkdir(parents=True)
    result = CaseRuns(case, case.make(folder), root / case.name / "out")
    for command in COMMANDS:
        args = arguments(case, command, result.file, result.out)
        before = snapshot(folder)
        started = time.perf_counter()
        code, out, err = worker.run(args)
        result.runs[command] = Run(
            args,
            code,
            out,
            err,
            time.perf_counter() - started,
            changed(before, snapshot(folder)),
            [str(p.relative_to(result.out / command)) for p in files_under(result.out / command)],
        )
    return result


def run_all(todo: list[Case], root: Path) -> list[CaseRuns]:
    n = min(len(todo), os.cpu_count() or 2)
    workers = [Worker(root / f"worker-{i}.log") for i in range(n)]
    free = list(workers)
    lock = threading.Lock()

    def one(case: Case) -> CaseRuns:
        with lock:
            worker = free.pop()
        try:
            return run_case(case, root, worker)
        finally:
            with lock:
                free.append(worker)

    try:
        with ThreadPoolExecutor(max_workers=len(workers)) as pool:
            return list(pool.map(one, todo))
    finally:
        for worker in workers:
            worker.stop()
            worker.log.close()


CASES = cases()


@pytest.fixture(scope="module")
def corpus_runs(tmp_path_factory: pytest.TempPathFactory, canary: str) -> dict[str, CaseRuns]:
    root = tmp_path_factory.mktemp("hostile")
    linked = root / "linked"
    linked.mkdir()
    fifo = linked / "budget.xlsx"
    # A named pipe: whoever opened the linked local file would block until the time limit.
    os.mkfifo(fifo)
    todo = [c for c in cases(url=canary, local=fifo) if c.available]
    return {r.case.name: r for r in run_all(todo, root)}


def test_the_corpus_holds_every_case_of_the_issue() -> None:
    names = {c.name for c in CASES}
    assert len(names) == len(CASES) >= 25
    for wanted in (
        "empty_file",
        "text_named_xlsx",
        "truncated_zip",
        "zip_not_ooxml",
        "foreign_workbook",
        "newer_template_version",
        "older_template_version",
        "missing_sheet",
        "renamed_sheets",
        "zip_bomb",
        "entities_in_sheet",
        "password_protected",
        "legacy_xls",
        "ods",
        "csv",
        "xlsm_with_macros",
        "european_text_numbers_dates",
        "formulas_in_inputs",
        "long_texts_many_scripts",
        "formula_injection_text",
        "plan_1000_rows",
        "empty_template",
        "open_in_excel",
    ):
        assert wanted in names


def expected_code(case: Case, command: str) -> int:
    if not case.usable:
        return 2
    if case.open_in_excel and command == "fill":
        return 2
    if command == "fill":
        return 0
    return 1 if case.errors else 0


def the_line(run: Run, file: Path, reason: str) -> str:
    """The one line about the file that gives the reason."""
    lines = [line for line in run.lines if str(file) in line and reason in line]
    assert len(lines) == 1, run.lines
    return lines[0]


@pytest.mark.parametrize("command", COMMANDS)
@pytest.mark.parametrize("case", CASES, ids=lambda c: c.name)
def test_every_command_behaves_on_every_case(
    corpus_runs: dict[str, CaseRuns], case: Case, command: str
) -> None:
    if case.name not in corpus_runs:
        pytest.skip(f"{case.needs} is not installed")
    runs = corpus_runs[case.name]
    run = runs.runs[command]
    assert run.code is not None, f"{command} still ran after {TIMEOUT} s"
    text = run.out + run.err
    assert "Traceback" not in text
    assert "internal error" not in text
    assert "could not be read" not in text  # consolidate's net for a reader that crashed
    assert run.code == expected_code(case, command), text

    assert run.inputs_changed == [], "the input folder changed"
    produced = OUTPUTS[command] if run.code in (0, 1) else ()
    if command == "fill" and run.args[-2:-1] != ["-o"]:
        produced = ()
    names = {name.format(stem=runs.file.stem, suffix=runs.file.suffix) for name in produced}
    assert set(run.outputs) == names, "outputs other than the finished ones were left"

    if not case.usable:
        # The same reason and hint in every command: one function names them (inspect_file).
        line = the_line(run, runs.file, case.reason)
        assert case.hint in line
    elif case.open_in_excel and command == "fill":
        line = the_line(run, runs.file, "is open in Excel (lock file ~$homework.xlsx)")
        assert line.endswith("close it and try again")


# --- what the outputs hold -------------------------------------------------------------------

INJECTION_CASES = ("formula_injection_text", "formula_injection_free_text")
# Cases whose own workbook carries formulas and external links: `fill` keeps the participant's
# workbook as it was, so its output keeps them too (and only that output).
OWN_LINKS = ("formulas_in_inputs", "external_links")


def packages(path: Path) -> Iterator[tuple[str, zipfile.ZipFile]]:
    """The output's package and, for a deck, the workbook behind each chart."""
    with zipfile.ZipFile(path) as zf:
        yield str(path), zf
        for name in zf.namelist():
            if name.startswith("ppt/embeddings/") and name.endswith(".xlsx"):
                with zipfile.ZipFile(io.BytesIO(zf.read(name))) as inner:
                    yield f"{path}:{name}", inner


def xml_parts(zf: zipfile.ZipFile, prefix: str = "") -> Iterator[tuple[str, ET.Element]]:
    for name in zf.namelist():
        if name.startswith(prefix) and name.endswith((".xml", ".rels")):
            yield name, DET.fromstring(zf.read(name))


def outputs(corpus_runs: dict[str, CaseRuns], names: tuple[str, ...] = ()) -> Iterator[Path]:
    for runs in corpus_runs.values():
        if names and runs.case.name not in names:
            continue
        for command in ("fill", "slides", "consolidate"):
            for name in runs.runs[command].outputs:
                yield runs.output(command, name)


def local(tag: str) -> str:
    return tag.rpartition("}")[2]


@pytest.mark.parametrize("case", INJECTION_CASES)
def test_participant_text_is_written_as_text_in_every_output(
    corpus_runs: dict[str, CaseRuns], case: str
) -> None:
    found: dict[str, int] = {}
    for path in outputs(corpus_runs, (case,)):
        for label, zf in packages(path):
            for name, root in xml_parts(zf, "xl/"):
                for elem in root.iter():
                    text = elem.text or ""
                    if local(elem.tag) == "f":
                        assert MARK not in text and "evil" not in text, (label, name, text)
                    elif MARK in text:
                        found[label] = found.get(label, 0) + 1
    runs = corpus_runs[case]
    # The text did reach the outputs (as text), so the check above had something to look at.
    assert found.get(str(runs.output("fill", "homework.filled.xlsx")), 0) > 50
    assert found.get(str(runs.output("consolidate", "cohort.xlsx")), 0) > 50
    if case == "formula_injection_free_text":  # its plan steps reach the timeline chart
        deck = str(runs.output("slides", "deck.pptx"))
        assert any(label.startswith(deck + ":ppt/embeddings/") for label in found)


def test_outputs_link_only_inside_themselves(corpus_runs: dict[str, CaseRuns]) -> None:
    checked = 0
    for path in outputs(corpus_runs):
        own = path.parent.name == "fill" and path.parent.parent.parent.name in OWN_LINKS
        for label, zf in packages(path):
            for name, root in xml_parts(zf):
                for elem in root.iter():
                    if local(elem.tag) == "Relationship" and not own:
                        assert elem.get("TargetMode") != "External", (label, name, elem.attrib)
                    elif local(elem.tag) == "hyperlink" and name.startswith("xl/worksheets/"):
                        assert elem.get("location"), (label, name, elem.attrib)
                        assert not any(local(key) == "id" for key in elem.attrib), (label, name)
                    checked += 1
    assert checked > 1000


def test_external_links_are_never_followed(corpus_runs: dict[str, CaseRuns]) -> None:
    runs = corpus_runs["external_links"]
    assert all(run.code in (0, 1) for run in runs.runs.values())  # nobody waited on the pipe
    assert Canary.hits == []  # nobody connected to the linked web address


def test_macros_are_kept_by_fill_and_never_carried_elsewhere(
    corpus_runs: dict[str, CaseRuns],
) -> None:
    runs = corpus_runs["xlsm_with_macros"]
    with zipfile.ZipFile(runs.file) as zf:
        vba = zf.read("xl/vbaProject.bin")
    with zipfile.ZipFile(runs.output("fill", "homework.filled.xlsm")) as zf:
        assert zf.read("xl/vbaProject.bin") == vba
    for path in outputs(corpus_runs):
        if path.suffix != ".xlsm":
            for label, zf in packages(path):
                assert not any("vbaProject" in name for name in zf.namelist()), label
