"""One root exception. Every error says which file (and where possible sheet and cell), what was
found and what to do; the CLI prints it in one line and exits with its code, never a traceback."""

from __future__ import annotations

from pathlib import Path

EXIT_OK = 0
EXIT_FINDINGS = 1  # the run worked and found errors in the homework (or rejected some files)
EXIT_UNUSABLE = 2  # nothing could be done: bad arguments, unusable file, output refused


class CbaError(Exception):
    """The root of every error cba-xl reports to a user."""

    exit_code = EXIT_UNUSABLE

    def __init__(self, message: str) -> None:
        super().__init__(message)
        self.message = message


class UnusableWorkbook(CbaError):
    """A file that cannot be read as a participant workbook; `reason` is short and plain."""

    def __init__(self, path: Path | str, reason: str, hint: str = "") -> None:
        self.path = Path(path)
        self.reason = reason
        self.hint = hint
        text = f"{self.path}: {reason}"
        if hint:
            text += f": {hint}"
        super().__init__(text)

    @property
    def line(self) -> str:
        """`file: error: reason: hint`, like a finding's line without sheet and cell."""
        line = f"{self.path}: error: {self.reason}"
        return f"{line}: {self.hint}" if self.hint else line


class OutputRefused(CbaError):
    """An output that would replace a file without --force, or a file Excel has open."""

    def __init__(self, path: Path | str, reason: str) -> None:
        self.path = Path(path)
        super().__init__(f"{self.path}: {reason}")


class TemplateProblem(CbaError):
    """A slide or workbook template that lacks what cba-xl needs."""
