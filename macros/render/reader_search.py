"""The site search readers use: an index built from the data, loaded only when someone searches.

The theme's search (lunr) matches word beginnings only, so "sciatca", "migrane"
and "warfarin" found nothing, and it fetched its index on every first visit.
The site keeps the theme's search box and results, and gives it another worker
(docs/assets/search-worker.js, with MiniSearch vendored beside it): fuzzy and
prefix matching, field boosts, and diagnosis codes matched by their longest
listed prefix, as /connect/ does. The README says how the engines compared.

This module writes search/reader_index.json, one record per page and section:
the page's title and opening text (from the theme's own trimmed index), and for
entity pages the data's other names (also_called), search terms, and for
conditions their diagnosis codes. A page written in docs/ (is massage safe,
what to expect, the myths...) is of kind "guide" and brings its front matter's
search terms, in the same field as a data page's, so the worker weighs a
reader's words for it as it weighs them for a data page, and its description
(the sentence written for search engines); the pages the build lists or makes
for other uses (the A to Z lists, the code look-up, the editors' pages) stay of
kind "page". Diagnosis-code pages (icd10/<code>/) are left
out: a code finds its condition page itself, so a code page never ranks above it.
The theme's own index file is emptied, so the first visit to a page no longer
downloads an index nobody may use.
"""

from __future__ import annotations

import html
import json
import re
from pathlib import Path

from ..data.diagnosis_codes import code_table, normalize
from ..data.kinds import KIND_FOLDERS, PAGE_KINDS

INDEX_FILE = "search/reader_index.json"
_TAG = re.compile(r"<[^>]+>")
# Diagnosis-code pages only send readers on: never a search result of their own.
# (Pages the theme leaves out, such as the editors' status page, are not in `docs` at all.)
_LEFT_OUT = re.compile(r"^icd10/[^/]+/")


def _plain(text: str) -> str:
    return " ".join(html.unescape(_TAG.sub(" ", text)).split())


def reader_records(docs: list[dict], kb, guide_pages: dict[str, dict] | None = None) -> list[dict]:
    """The search records: the theme's trimmed entries, with the data's words added to entity pages,
    and to the pages written in docs/ (guide_pages: page address -> {"terms": [...], "description": ...},
    from their front matter) their kind, terms and description."""
    guide_pages = guide_pages or {}
    extra = {}
    for kind in PAGE_KINDS:
        for entity_id, entity in kb[kind].items():
            codes = []
            for item in getattr(entity, "icd10", []):
                codes += [item.code, normalize(item.code)]
            extra[f"{KIND_FOLDERS[kind]}/{entity_id}/"] = {
                "kind": kind, "names": list(entity.also_called), "terms": list(entity.search_terms),
                "codes": codes,
            }
    records = []
    for entry in docs:
        location = entry["location"]
        if _LEFT_OUT.match(location):
            continue
        page, _, anchor = location.partition("#")
        record = {"location": location, "title": _plain(entry["title"]), "text": _plain(entry.get("text", ""))}
        if anchor:
            record["kind"] = "section"
        else:
            record.update(extra.get(page) or (_guide_record(guide_pages[page]) if page in guide_pages
                                              else {"kind": "page"}))
        records.append(record)
    return records


def _guide_record(front_matter: dict) -> dict:
    return {"kind": "guide", "terms": list(front_matter.get("terms", [])),
            "description": _plain(front_matter.get("description", ""))}


def code_prefixes(kb) -> dict[str, str]:
    """Normalized code prefix -> condition page, for the worker's longest-prefix match."""
    return {prefix: f"{KIND_FOLDERS['condition']}/{entry['condition']}/"
            for prefix, entry in sorted(code_table(kb).items())}


def write_reader_index(site_dir: Path | str, docs: list[dict], kb,
                       guide_pages: dict[str, dict] | None = None) -> int:
    """Write search/reader_index.json; return its size in bytes."""
    path = Path(site_dir) / INDEX_FILE
    path.parent.mkdir(parents=True, exist_ok=True)
    data = {"docs": reader_records(docs, kb, guide_pages), "codes": code_prefixes(kb)}
    path.write_text(json.dumps(data, ensure_ascii=False, separators=(",", ":")), encoding="utf-8")
    return path.stat().st_size
