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
from markupsafe import Markup

TABLES = Path(__file__).parent / "words"
LANGUAGE = "en"


@lru_cache(maxsize=None)
def words(language: str = LANGUAGE) -> dict:
    """The whole table for a language."""
    return yaml.safe_load((TABLES / f"{language}.yml").read_text(encoding="utf-8"))


def vocabulary(name: str, language: str = LANGUAGE) -> dict:
    """One vocabulary's words: {value in the data: what readers see}."""
    return words(language)["vocabulary"][name]


def phrase(name: str, language: str = LANGUAGE) -> str:
    """One phrase the code puts together around the data, such as "compared with {what}"."""
    return words(language)["phrase"][name]


def month_year(date, language: str = LANGUAGE) -> str:
    """A date as a month and a year ("November 2026"), in the table's words, not the system's."""
    table = words(language)["date"]
    return table["month_year"].format(month=table["months"][date.month - 1], year=date.year)


def day_month_year(date, language: str = LANGUAGE) -> str:
    """A date as day, month and year ("20 November 2026"), in the table's words."""
    table = words(language)["date"]
    return table["day_month_year"].format(day=date.day, month=table["months"][date.month - 1], year=date.year)


def fill(text: str, **names) -> Markup:
    """A phrase from the table with its {name} marks filled in. The table's own text is trusted
    (it is code, reviewed as code); each value put in is escaped."""
    return Markup(text).format(**names)


def trusted(table):
    """The table with each text marked safe, for templates that escape what they put in: its
    words are code, and "What's new" should stay an apostrophe, not a character reference."""
    if isinstance(table, dict):
        return {key: trusted(value) for key, value in table.items()}
    return Markup(table) if isinstance(table, str) else table


def keys_of(table, prefix: str = "") -> set[str]:
    """Every key path in a table ("verdict.high.benefit"), to compare two languages' tables."""
    if not isinstance(table, dict):
        return {prefix}
    found = set()
    for key, value in table.items():
        found |= keys_of(value, f"{prefix}.{key}" if prefix else str(key))
    return found
