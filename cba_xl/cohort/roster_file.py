"""The trainer's roster: who is expected to submit, read from a CSV file (name, e-mail, cluster).

Excel writes CSV in several ways and a trainer cannot tell which one they have: "CSV UTF-8"
(UTF-8 with a byte-order mark), older "CSV (Comma delimited)" (Windows-1252, no mark), and in
much of Europe `;` instead of `,` as the separator. All are read: the encoding from the mark or
from whether the bytes are valid UTF-8, the separator from which one splits the header into
known columns. Header names are forgiving ("E-mail", "Email", "Manager e-mail"; "Cluster",
"Cluster name"; "Name", "Participant", or "First name" and "Last name").

A roster that cannot be used is one RosterError naming the file (and the row), never a guess.
"""

from __future__ import annotations

import csv
import io
import unicodedata
from dataclasses import dataclass
from pathlib import Path

from cba_xl.errors import CbaError

ROSTER_SKIP_REASON = "the roster given with --roster"
_SEPARATORS = (";", ",", "\t")
_NAME = {"name", "fullname", "participant", "participantname", "person", "clustermanager",
         "manager", "managername", "contact", "contactname"}  # fmt: skip
_FIRST = {"firstname", "givenname", "forename"}
_LAST = {"lastname", "surname", "familyname"}


class RosterError(CbaError):
    """A roster file that cannot be used; the message names the file and, where it helps, the
    row as a spreadsheet shows it (the header is row 1)."""

    def __init__(self, path: Path, problem: str, row: int | None = None) -> None:
        where = f"{path}: row {row}" if row is not None else str(path)
        super().__init__(f"{where}: {problem}")


@dataclass(frozen=True, slots=True)
class Person:
    row: int  # as a spreadsheet shows it: the header is row 1
    name: str
    email: str
    cluster: str

    @property
    def shown(self) -> str:
        """How a report names the person: the name, else the e-mail, else the cluster."""
        return self.name or self.email or self.cluster or f"row {self.row}"


def fold(text: str) -> str:
    """Text as the roster matches it: no accents (NFKD without combining marks), no case, no
    spaces or punctuation, so 'Zlín  Cluster' and 'zlin-cluster' agree."""
    plain = unicodedata.normalize("NFKD", text)
    return "".join(c for c in plain if c.isalnum() and not unicodedata.combining(c)).casefold()


def fold_email(text: str) -> str:
    """An e-mail as the roster matches it: no accents, case or spaces, but its dots and dashes
    kept, for 'a.b@x.eu' and 'ab@x.eu' are different people."""
    plain = unicodedata.normalize("NFKD", text)
    return "".join(c for c in plain if not c.isspace() and not unicodedata.combining(c)).casefold()


def read_roster(path: Path) -> list[Person]:
    """The people on the roster, in file order. Raises RosterError when the file is missing,
    is not a CSV text, has neither an e-mail nor a cluster column, or lists an e-mail twice."""
    try:
        data = path.read_bytes()
    except FileNotFoundError:
        raise RosterError(path, "no such roster file") from None
    except IsADirectoryError:
        raise RosterError(path, "is a folder, not a roster CSV file") from None
    except OSError as exc:
        raise RosterError(path, f"cannot be read ({exc.strerror or exc})") from None
    text = _decode(path, data)
    lines = text.splitlines()
    header_line = next((line for line in lines if line.strip()), "")
    if not header_line:
        raise RosterError(path, "is empty: a roster needs a header row (name, e-mail, cluster)")
    sep, columns = header_columns(header_line)
    if "email" not in columns and "cluster" not in columns:
        raise RosterError(
            path,
            "has no e-mail and no cluster column (header row: "
            f"{header_line.strip()[:80]!r}); name them e.g. 'Name;E-mail;Cluster'",
            row=1,
        )
    rows = list(csv.reader(io.StringIO(text.lstrip("\r\n")), delimiter=sep))
    people: list[Person] = []
    seen: dict[str, int] = {}
    for number, cells in enumerate(rows[1:], start=2):
        if not any(cell.strip() for cell in cells):
            continue

        def cell(key: str, cells: list[str] = cells) -> str:
            at = columns.get(key)
            return " ".join(cells[at].split()) if at is not None and at < len(cells) else ""

        name = cell("name") or " ".join(x for x in (cell("first"), cell("last")) if x)
        person = Person(number, name, cell("email"), cell("cluster"))
        key = fold_email(person.email)
        if key and key in seen:
            raise RosterError(
                path,
                f"e-mail {person.email} is also on row {seen[key]}; list each person once",
                row=number,
            )
        if key:
            seen[key] = number
        people.append(person)
    return people


def _decode(path: Path, data: bytes) -> str:
    if data.startswith((b"PK\x03\x04", b"\xd0\xcf\x11\xe0")):
        raise RosterError(
            path, "is an Excel workbook, not a CSV file: save it as 'CSV UTF-8' in Excel"
        )
    if data.startswith((b"\xff\xfe", b"\xfe\xff")):  # Excel's "Unicode Text"
        try:
            return data.decode("utf-16")
        except UnicodeDecodeError:
            raise RosterError(path, "is not a readable text file") from None
    if b"\x00" in data:
        raise RosterError(path, "is not a CSV text file (it holds binary data)")
    try:
        return data.decode("utf-8-sig")
    except UnicodeDecodeError:
        pass
    try:
        return data.decode("cp1252")  # Excel's older "CSV (Comma delimited)" on Windows
    except UnicodeDecodeError:
        raise RosterError(
            path, "is neither UTF-8 nor Windows-1252 text: save it as 'CSV UTF-8' in Excel"
        ) from None


def header_columns(header_line: str) -> tuple[str, dict[str, int]]:
    """The separator that splits the header into the most known columns (then into the most
    cells), and where each known column is."""
    best: tuple[tuple[int, int], str, dict[str, int]] | None = None
    for sep in _SEPARATORS:
        cells = next(csv.reader([header_line], delimiter=sep))
        found = _known(cells)
        score = (len(found), len(cells))
        if best is None or score > best[0]:
            best = (score, sep, found)
    assert best is not None
    return best[1], best[2]


def _known(cells: list[str]) -> dict[str, int]:
    found: dict[str, int] = {}
    for i, cell in enumerate(cells):
        key = fold(cell)
        if "mail" in key:
            kind = "email"
        elif key.startswith("cluster") and "manager" not in key:
            kind = "cluster"
        elif key in _NAME:
            kind = "name"
        elif key in _FIRST:
            kind = "first"
        elif key in _LAST:
            kind = "last"
        else:
            continue
        found.setdefault(kind, i)
    return found
