"""Data mistakes as editors read them: file, line, field, what is wrong, a fix."""

from __future__ import annotations

import re

import difflib
import os
import sys
from dataclasses import dataclass


@dataclass(frozen=True, order=True)
class DataError:
    file: str
    line: int
    field: str
    message: str

    def __str__(self) -> str:
        """The line of the plain report. It is printed beside the annotations, in the same log, so
        it is escaped as they are: a line break in a file name or a value cannot start a line of
        its own, such as a forged '::error ...' or '::stop-commands::' workflow command."""
        where = f"{_escape_line(self.file)}:{self.line}"
        message = _escape_line(self.message)
        return f"{where}: {_escape_line(self.field)}: {message}" if self.field else f"{where}: {message}"

    def github_annotation(self, level: str = "error") -> str:
        """The same error as a GitHub Actions annotation, shown on the pull request's diff."""
        text = f"{self.field}: {self.message}" if self.field else self.message
        return f"::{level} file={_escape_property(self.file)},line={self.line}::{_escape_data(text)}"


# As GitHub documents for workflow commands: a property value also escapes ':' and ','
# (which would end it), so a file name can never start a second command. The plain
# report (DataError.__str__) escapes its text as the message is escaped.
def _escape_line(text: str) -> str:
    """Line breaks written as the annotations write them, so nothing can start a line of its own; a '%'
    is escaped only where it would read as one of those escapes ('%0A'), so '{%' and '50%' stay readable."""
    return re.sub(r"%(?=[0-9A-Fa-f]{2})", "%25", text).replace("\r", "%0D").replace("\n", "%0A")


def _escape_data(text: str) -> str:
    return text.replace("%", "%25").replace("\r", "%0D").replace("\n", "%0A")


def _escape_property(text: str) -> str:
    return _escape_data(text).replace(":", "%3A").replace(",", "%2C")


def annotate_pull_request(errors, level: str = "error") -> None:
    """In GitHub Actions (GITHUB_ACTIONS=true), print each error where the runner
    turns it into a note at its line of the pull request's diff."""
    if os.environ.get("GITHUB_ACTIONS") == "true":
        for error in errors:
            print(error.github_annotation(level), file=sys.stdout, flush=True)


class DataErrors(Exception):
    """Every data mistake found in one pass, so an editor fixes them in one round."""

    def __init__(self, errors: list[DataError]):
        self.errors = sorted(set(errors))
        super().__init__(self.report())

    def report(self, stopped_build: bool = False) -> str:
        """The list an editor reads; "(nothing was built)" only where a build was stopped."""
        count = len(self.errors)
        head = f"{count} problem{'s' if count != 1 else ''} in the data" + (
            " (nothing was built):" if stopped_build else ":")
        return "\n".join([head, *(f"  {error}" for error in self.errors)])


def field_path(loc: tuple) -> str:
    """('techniques', 1, 'id') -> 'techniques[1].id'."""
    out = ""
    for part in loc:
        if isinstance(part, int):
            out += f"[{part}]"
        else:
            out += f".{part}" if out else str(part)
    return out


def did_you_mean(word: str, choices) -> str:
    match = difflib.get_close_matches(word, list(choices), n=1, cutoff=0.6)
    return f" (did you mean '{match[0]}'?)" if match else ""
