"""Cluster names and manager e-mails that stay distinct across any number of participants."""

from __future__ import annotations

import re
import unicodedata


def ascii_slug(text: str) -> str:
    """'Ivan Kovačević' -> 'ivan-kovacevic': e-mail addresses stay plain ASCII."""
    folded = unicodedata.normalize("NFKD", text).encode("ascii", "ignore").decode()
    return re.sub(r"[^a-z0-9]+", "-", folded.lower()).strip("-")


class UniqueNames:
    """Hands out each cluster name and e-mail once; a taken one gets the next free number."""

    def __init__(self) -> None:
        self.clusters: set[str] = set()
        self.emails: set[str] = set()
        # the last number given to a base name, so that 10,000 names stay linear
        self.last: dict[str, int] = {}

    def _unique(self, taken: set[str], base: str, numbered: str) -> str:
        key = base.casefold()
        n = self.last.get(key, 1)
        name = base
        while name.casefold() in taken:
            n += 1
            name = numbered.format(n=n)
        self.last[key] = n
        taken.add(name.casefold())
        return name

    def cluster(self, base: str) -> str:
        return self._unique(self.clusters, base, base + " {n}")

    def email(self, person: str, cluster: str) -> str:
        local = ".".join(ascii_slug(part).replace("-", "") for part in person.split(" ", 1))
        domain = ascii_slug(cluster)
        return self._unique(
            self.emails, f"{local}@{domain}.example", local + "{n}@" + domain + ".example"
        )


__all__ = ["UniqueNames", "ascii_slug"]
