"""The one table of the words readers see (words/<language>.yml), read once.

Labels of the fixed vocabularies, the verdict sentences' forms, and the headings, phrases and
buttons of the pages all come from it; the templates and the code only arrange them. A second
language is a second table with the same keys (tests/unit/test_reader_words.py holds every
table to the English one's keys).
"""

from __future__ import annotations

from functools import lru_cache
from pathlib import Path

import yaml

TABLES = Path(__file__).parent / "words"
LANGUAGE = "en"


@lru_cache(maxsize=None)
def words(language: str = LANGUAGE) -> dict:
    """The whole table for a language."""
    return yaml.safe_load((TABLES / f"{language}.yml").read_text(encoding="utf-8"))


def vocabulary(name: str, language: str = LANGUAGE) -> dict:
    """One vocabulary's words: {value in the data: what readers see}."""
    return words(language)["vocabulary"][name]


def keys_of(table, prefix: str = "") -> set[str]:
    """Every key path in a table ("verdict.high.benefit"), to compare two languages' tables."""
    if not isinstance(table, dict):
        return {prefix}
    found = set()
    for key, value in table.items():
        found |= keys_of(value, f"{prefix}.{key}" if prefix else str(key))
    return found
