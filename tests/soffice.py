"""LibreOffice headless, as the tests run it: one conversion with its own user profile (a
profile shared with another soffice, or the user's own, makes the call wait or fail)."""

from __future__ import annotations

import subprocess
from pathlib import Path


def convert(src: Path, to: str, outdir: Path, profile: Path, *, timeout: int = 120) -> None:
    """`soffice --convert-to TO` of `src` into `outdir` (e.g. "pdf", "xls", "xlsx")."""
    subprocess.run(
        [
            "soffice",
            f"-env:UserInstallation={profile.resolve().as_uri()}",
            "--headless",
            "--convert-to",
            to,
            "--outdir",
            str(outdir),
            str(src),
        ],
        check=True,
        capture_output=True,
        timeout=timeout,
    )
