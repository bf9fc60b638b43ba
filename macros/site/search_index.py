"""Keep the search index small: summaries and headings, not whole pages.

Material's browser code fetches search/search_index.json on every first visit
to any page, before anyone searches. With the full text of every page it was
135 KB compressed for 56 entity pages, and grows with every page. Readers
search for a condition, a technique or a caution by name, and land on its page,
so the index keeps each page's title and the paragraphs before its first heading
(the summary, the names it is also called, the claim on a benefit page), and
each section's heading (which also finds glossary terms), and drops the rest:
lists, section text and citation numbers.
"""

from __future__ import annotations

import json
import re
from pathlib import Path

_PARAGRAPH = re.compile(r"<p>(.*?)</p>", re.S)
_CITATION = re.compile(r"\s*\[\d+(?:,\s*\d+)*\]")


def trim_entry(location: str, text: str) -> str:
    """The text kept for one index entry: a page's opening paragraphs, nothing for a section."""
    if "#" in location:
        return ""
    paragraphs = (_CITATION.sub("", p).strip() for p in _PARAGRAPH.findall(text))
    return " ".join(f"<p>{p}</p>" for p in paragraphs if p)


def trim_search_index(site_dir: Path | str, then=None) -> tuple[int, int]:
    """Rewrite site_dir/search/search_index.json in place; return (bytes before, bytes after).
    `then`, if given, takes the trimmed entries and returns the ones to write."""
    path = Path(site_dir) / "search" / "search_index.json"
    if not path.exists():  # the search plugin is off
        return 0, 0
    before = path.stat().st_size
    index = json.loads(path.read_text(encoding="utf-8"))
    for entry in index["docs"]:
        entry["text"] = trim_entry(entry["location"], entry["text"])
    if then is not None:
        index["docs"] = then(index["docs"])
    path.write_text(json.dumps(index, ensure_ascii=False, separators=(",", ":")), encoding="utf-8")
    return before, path.stat().st_size
