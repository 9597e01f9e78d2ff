"""All words on the slides come from Jinja2 templates in `templates/slides/`.

Each slide kind has one file with named blocks (`title`, `notes`, ...). Undefined variables are
errors, and the error names the template file, its line and the variable, so a typo in a template
is found at once rather than showing up as an empty title in front of a cohort.
"""

from __future__ import annotations

import datetime as dt
import traceback
from collections.abc import Mapping
from functools import cache
from importlib import resources
from pathlib import Path
from typing import Any

import jinja2

from cba_xl.errors import CbaError
from cba_xl.slides import brand
from cba_xl.wording import (
    Lead,
    agree,
    cap,
    count,
    grouped,
    join_and,
    lead,
    lower_first,
    noun,
    number,
    tally,
)

# Installed as the package cba_xl.templates (see pyproject.toml); in the repository: templates/.
TEMPLATES = Path(str(resources.files("cba_xl.templates")))
WORDS_DIR = TEMPLATES / "slides"


class SlideWordsError(CbaError):
    """A slide template refers to something the slide does not provide, or does not parse."""


def _date(value: dt.date | None, style: str = "long") -> str:
    if value is None:
        return ""
    if style == "short":
        return brand.short_date(value)
    return brand.month_year(value) if style == "month" else brand.long_date(value)


class Words:
    def __init__(self, directory: Path = WORDS_DIR) -> None:
        self.directory = directory
        self.env = jinja2.Environment(
            loader=jinja2.FileSystemLoader(str(directory)),
            undefined=jinja2.StrictUndefined,
            autoescape=False,
            keep_trailing_newline=False,
            trim_blocks=True,
            lstrip_blocks=True,
        )
        self.env.filters.update(
            number=number,
            count=count,
            noun=noun,
            agree=agree,
            grouped=grouped,
            tally=tally,
            cap=cap,
            join_and=join_and,
            date=_date,
            lower_first=lower_first,
        )
        self._templates: dict[str, jinja2.Template] = {}

    def _template(self, name: str) -> jinja2.Template:
        template = self._templates.get(name)
        if template is None:
            try:
                template = self.env.get_template(f"{name}.j2")
            except jinja2.TemplateNotFound as exc:
                raise SlideWordsError(
                    f"slide words template '{name}.j2' not found in {self.directory}"
                ) from exc
            except jinja2.TemplateSyntaxError as exc:
                raise SlideWordsError(
                    f"{exc.filename or name + '.j2'}, line {exc.lineno}: {exc.message}"
                ) from exc
            self._templates[name] = template
        return template

    def raw(self, name: str, block: str, context: Mapping[str, Any]) -> str:
        template = self._template(name)
        render = template.blocks.get(block)
        if render is None:
            raise SlideWordsError(f"{template.filename}: no block '{block}'")
        try:
            return "".join(render(template.new_context(dict(context))))
        except jinja2.UndefinedError as exc:
            where = _template_line(exc, template.filename or "")
            raise SlideWordsError(
                f"{template.filename}{where}, block '{block}': {exc.message}"
            ) from exc

    def sentence(self, name: str, block: str, context: Mapping[str, Any]) -> str:
        """One line: every run of white space becomes a single space."""
        return " ".join(self.raw(name, block, context).split())

    def lines(self, name: str, block: str, context: Mapping[str, Any]) -> list[str]:
        """Non-empty lines, each with its white space collapsed."""
        out = (" ".join(line.split()) for line in self.raw(name, block, context).splitlines())
        return [line for line in out if line]


def _template_line(exc: BaseException, filename: str) -> str:
    # Jinja rewrites tracebacks so that template frames carry the template's own file and line.
    lines = [f.lineno for f in traceback.extract_tb(exc.__traceback__) if f.filename == filename]
    return f", line {lines[-1]}" if lines else ""


@cache
def default_words() -> Words:
    return Words()


__all__ = [
    "Lead",
    "SlideWordsError",
    "Words",
    "agree",
    "cap",
    "count",
    "default_words",
    "grouped",
    "join_and",
    "lead",
    "lower_first",
    "noun",
    "number",
    "tally",
]
