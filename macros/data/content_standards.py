"""The content standards a machine can check: reading grade, promise words and US English.

`make check` reports them at the field's line, and the tests use the same
functions on the built pages, so an editor hears about a hard summary or a
promise of a cure before a reviewer does.
"""

from __future__ import annotations

import re

from .data_errors import DataError, field_path
from .kinds import KIND_MODELS, PAGE_KINDS, reference_fields
from .plain_text import one_line
from .us_english import EXEMPT_FIELDS, uk_terms_in
from .yaml_source import line_of

MAX_SUMMARY_GRADE = 8
# Promises no page may make: detox talk anywhere, and massage (or a therapy) as the subject of cure, fix, heal
# or correct. "A healing wound" or "not a cure" are not promises. Quoting a myth to refute it is allowed:
# inside quotation marks, or inside a marked claim (a blockquote or the benefit page's claim box).
PROMISE = re.compile(
    r"\b(cures|detox\w*|flush(es|ing)?\s+(out\s+)?toxins)\b"
    r"|\b(massage|therapy|treatment|session|technique)\s+(will\s+|can\s+|could\s+|may\s+)?"
    r"(cures?|fix(es)?|heals?|corrects?)\b",
    re.I,
)
QUOTED = re.compile(r'"[^"]*"|\u201c[^\u201d]*\u201d')
# Fields shown as a quoted claim (the benefit page's claim box): they state the myth.
QUOTED_FIELDS = ("claim",)


def promises_in(text: str) -> list[str]:
    """The sentences of a text that promise what massage cannot do."""
    sentences = re.split(r"(?<=[.!?])\s+", QUOTED.sub("", one_line(text)))
    return [s for s in sentences if PROMISE.search(s)]


def plain(markdown: str) -> str:
    """Markdown as a reader reads it, for scoring: no link targets or marks."""
    text = re.sub(r"\]\([^)]*\)", "]", markdown).replace("[", "").replace("]", "")
    # A list item is a sentence for a reader; end it like one so it is scored like one.
    return re.sub(r"(?m)^\s*[-*]\s+(.*?)[.:;]?\s*$", r"\1.", text).replace("**", "")


def reading_grade(markdown: str) -> float:
    """The US school grade (Flesch-Kincaid) of a text, rounded to one decimal."""
    import textstat

    return round(textstat.flesch_kincaid_grade(plain(markdown)), 1)


def content_problems(kb) -> tuple[list[DataError], list[DataError]]:
    """(errors in published pages, warnings for drafts), each at its file, line and field."""
    errors, warnings = [], []
    for store, found, prefix in ((kb.entities, errors, ""), (kb.drafts, warnings, "draft: ")):
        for kind in KIND_MODELS:  # every kind readers read: pages, findings, red flags, sources
            for entity_id, entity in store[kind].items():
                if not hasattr(entity, "model_dump"):
                    continue  # an unfinished draft: its text is checked once it validates
                file, lines = kb.files[(kind, entity_id)], kb.lines[(kind, entity_id)]
                for loc, message in _problems(kind, entity):
                    found.append(DataError(file, line_of(lines, loc), field_path(loc), prefix + message))
    return sorted(errors), sorted(warnings)


def _problems(kind: str, entity):
    if kind in PAGE_KINDS:
        grade = reading_grade(entity.summary)
        if grade > MAX_SUMMARY_GRADE:
            yield ("summary",), (f"reads at US grade {grade}; the limit is {MAX_SUMMARY_GRADE}: "
                                 "use shorter sentences and everyday words")
        for loc, text in _texts(entity.model_dump(), ()):
            for sentence in promises_in(text):
                word = PROMISE.search(sentence).group().split()[-1]
                yield loc, (f"promises what massage cannot do ('{word}' in \"{sentence[:120]}\"): "
                            "say what the research found instead")
    # Ids are addresses, not words readers read: never checked.
    for loc, text in _texts(entity.model_dump(), (), skip=EXEMPT_FIELDS | set(reference_fields(kind))):
        for word, instead in uk_terms_in(text):
            yield loc, (f"'{word}' is British English: write {instead} (US English for every reader; the "
                        "British word may follow in brackets, or go in also_called)")


def _texts(value, loc: tuple, skip=frozenset(QUOTED_FIELDS)):
    if isinstance(value, dict):
        for key, inner in value.items():
            if key not in skip:
                yield from _texts(inner, (*loc, key), skip)
    elif isinstance(value, list):
        for index, inner in enumerate(value):
            yield from _texts(inner, (*loc, index), skip)
    elif isinstance(value, str):
        yield loc, value
