"""mail-merge.csv: one row per participant, as Outlook's and Thunderbird's mail merge take it.

UTF-8 with a byte-order mark (so Excel and Outlook read accents right), commas, CRLF line ends,
a header row. A cell that starts with = + - @, a tab or a carriage return gets a leading
apostrophe (OWASP's advice against CSV injection), so no spreadsheet runs participant text.
"""

from __future__ import annotations

import csv
from collections.abc import Sequence
from dataclasses import astuple, dataclass, fields
from pathlib import Path

_FORMULA_START = ("=", "+", "-", "@", "\t", "\r")


@dataclass(frozen=True, slots=True)
class MailRow:
    name: str
    email: str
    cluster: str
    errors: int
    warnings: int
    room: str
    file: str
    page: str


HEADER = tuple(f.name for f in fields(MailRow))


def neutral(value: object) -> str:
    text = str(value)
    return "'" + text if text.startswith(_FORMULA_START) else text


def write_mail_merge(path: Path, rows: Sequence[MailRow]) -> None:
    with path.open("w", encoding="utf-8-sig", newline="") as f:
        writer = csv.writer(f, lineterminator="\r\n")
        writer.writerow(HEADER)
        for row in rows:
            writer.writerow([neutral(v) for v in astuple(row)])
