"""What a draft still lacks, as warnings; placeholder text left in a published page, as errors.

A draft (`status: draft`) is validated like any page, so a wrong value is an
error there too. What is only *not written yet* (a blank field, an empty list,
placeholder text) is a warning: an editor can save work in progress, and the
site is built without the draft until it is published.
"""

from __future__ import annotations

import re

from .data_errors import DataError, field_path
from .kinds import RELATIONS, targets
from .yaml_source import line_of

# Text an editor writes to mean "fill this in later".
_PLACEHOLDER = re.compile(r"^\s*(TODO|TBD|FIXME|XXX)\b|^\s*(\.\.\.|…)\s*$")
# pydantic error types that mean "nothing here yet" rather than "something wrong here".
_EMPTY = {"missing", "too_short", "string_too_short"}


class UnfinishedDraft:
    """A draft that cannot be built yet because a required field is still empty.

    It stands in kb.drafts so that links to it are reported as links to a draft."""

    def __init__(self, kind: str, entity_id: str, data: dict | None = None):
        self.kind, self.id = kind, entity_id
        self.data = data or {}  # as written: its links, ids and sources are checked all the same

    def __repr__(self) -> str:
        return f"UnfinishedDraft({self.kind!r}, {self.id!r})"


def is_draft(data) -> bool:
    return isinstance(data, dict) and data.get("status") == "draft"


def is_unwritten(err: dict) -> bool:
    """A validation error that only says a field is still empty."""
    return err["type"] in _EMPTY or ("input" in err and err["input"] is None)


def unwritten_warning(err: dict, error: DataError) -> DataError:
    """Reword an 'empty field' error as what the draft still needs before it is published."""
    kind = err["type"]
    if kind == "missing":
        need = "not written yet: add it before you publish"
    elif kind == "literal_error":
        choices = err.get("ctx", {}).get("expected", "")
        need = f"not chosen yet: choose one of {choices} before you publish"
    elif kind in ("too_short", "list_type"):
        need = "empty: list at least one before you publish"
    else:
        need = "blank: fill it in before you publish"
    return DataError(error.file, error.line, error.field, f"draft: {need}")


def placeholders(data, lines: dict, shown_as: str, path: tuple = ()) -> list[DataError]:
    """Every text value that is still placeholder text (TODO, TBD, ...), at its line."""
    found = []
    if isinstance(data, dict):
        for key, value in data.items():
            found += placeholders(value, lines, shown_as, (*path, key))
    elif isinstance(data, list):
        for index, value in enumerate(data):
            found += placeholders(value, lines, shown_as, (*path, index))
    elif isinstance(data, str) and _PLACEHOLDER.search(data):
        found.append(DataError(shown_as, line_of(lines, path), field_path(path),
                               f"placeholder text '{data.strip()[:40]}' is still here"))
    return found


def draft_warnings(kind: str, data: dict, lines: dict, shown_as: str) -> list[DataError]:
    """What a draft that validates still lacks before it is worth publishing."""
    return [DataError(e.file, e.line, e.field, f"draft: {e.message}: write the real text before you publish")
            for e in placeholders(data, lines, shown_as)]


def unnamed_drafts(kb) -> list[DataError]:
    """Drafts that nothing names yet where a page needs it (a condition no finding is about):
    the relations' `when_empty` says what the page would lack."""
    warnings = []
    for relation in RELATIONS:
        if not relation.when_empty:
            continue
        named = {target for store in (kb.entities, kb.drafts) for entity in store[relation.source].values()
                 if not isinstance(entity, UnfinishedDraft)
                 for _i, target in targets(relation, getattr(entity, relation.field))}
        for draft_id in kb.drafts[relation.target]:
            if draft_id not in named:
                warnings.append(DataError(kb.files[(relation.target, draft_id)], 1, "",
                                          f"draft: {relation.when_empty}"))
    return warnings


def placeholder_errors(kind: str, data, lines: dict, shown_as: str) -> list[DataError]:
    """Placeholder text in a published page or a source is an error: readers would see it."""
    fix = "write the real text" + ("" if kind == "source" else ", or set status: draft")
    return [DataError(e.file, e.line, e.field, f"{e.message}: {fix}") for e in placeholders(data, lines, shown_as)]
