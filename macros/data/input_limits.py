"""How big a data file and its parts may be.

A data file is untrusted input from a pull request. Each limit is far above what
a real page needs (the largest file is under 8 KB, the longest body under 1,400
characters) and low enough that every later step stays fast. The limits are
checked while the file is read, before anything renders it.
"""

from __future__ import annotations

MAX_FILE_BYTES = 64 * 1024
# Mappings inside lists inside mappings: a page needs 4 levels (techniques[0].sources[0]).
MAX_DEPTH = 6
MAX_LIST_ITEMS = 100
MAX_FIELDS = 100  # keys in one mapping
# data/redirects.yml is one line per renamed page and only grows: it gets room for thousands.
REDIRECTS_MAX_FILE_BYTES = 512 * 1024
REDIRECTS_MAX_FIELDS = 10_000
# Longest text, in characters, by field name; other text fields get DEFAULT_TEXT_LIMIT.
TEXT_LIMITS = {
    "name": 120,
    "also_called": 120,
    "search_terms": 120,
    "heading": 120,
    "claim": 300,
    "checklist": 300,
    "summary": 2000,
    "finding": 2000,
    "body": 8000,
}
DEFAULT_TEXT_LIMIT = 3000
# Python-Markdown's time grows with the number of '[' times the length of the text
# after them, and its nesting is recursive, so both are capped: per field, and '['
# per file (YAML lists use them too; the most any real file has is 11).
MAX_BRACKETS = 100
MAX_BRACKETS_PER_FILE = 200
MAX_NESTING_MARKS = 24


def text_limit(field: str | None) -> int:
    return TEXT_LIMITS.get(field or "", DEFAULT_TEXT_LIMIT)
