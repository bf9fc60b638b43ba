"""The search index keeps summaries and headings, not whole pages (it is fetched on every first visit)."""

from __future__ import annotations

import html
import json
import re

import yaml

from conftest import ROOT
from macros.site.docs_input import front_matter_text, page_url
from macros.site.search_index import trim_entry, trim_search_index


def test_a_page_keeps_its_opening_paragraphs_without_citation_numbers():
    text = "<p>Sciatica is leg pain. [1, 2]</p> <p>Also called: radiculopathy.</p> <ul> <li>Both legs</li> </ul>"
    assert trim_entry("conditions/sciatica/", text) == "<p>Sciatica is leg pain.</p> <p>Also called: radiculopathy.</p>"


def test_a_section_keeps_only_its_heading():
    assert trim_entry("conditions/sciatica/#what-else-helps", "<p>Keep moving.</p>") == ""


def test_trimming_rewrites_the_index_file(tmp_path):
    (tmp_path / "search").mkdir()
    index = {"config": {"lang": ["en"]}, "docs": [
        {"location": "a/", "title": "A", "text": "<p>Short.</p><ul><li>long list</li></ul>"},
        {"location": "a/#b", "title": "B", "text": "<p>Body.</p>"},
    ]}
    (tmp_path / "search" / "search_index.json").write_text(json.dumps(index))
    before, after = trim_search_index(tmp_path)
    assert after < before
    trimmed = json.loads((tmp_path / "search" / "search_index.json").read_text())
    assert trimmed["config"] == index["config"]
    assert [(d["title"], d["text"]) for d in trimmed["docs"]] == [("A", "<p>Short.</p>"), ("B", "")]


def words(text: str) -> list[str]:
    """The words of Markdown or HTML text, without markup or link targets."""
    text = re.sub(r"\]\([^)]*\)", "]", html.unescape(re.sub(r"<[^>]+>", " ", text)))
    return re.findall(r"[A-Za-z0-9]+", text)


def test_the_built_index_finds_every_entity_by_name_summary_and_search_terms(built_site, kb):
    """Readers' search index (macros/render/reader_search.py): the theme's own file is left empty."""
    docs = json.loads((built_site / "search" / "reader_index.json").read_text())["docs"]
    pages = {d["location"]: d for d in docs if "#" not in d["location"]}
    for kind, folder in (("condition", "conditions"), ("technique", "techniques"), ("caution", "cautions")):
        for entity_id, entity in kb[kind].items():
            entry = pages[f"{folder}/{entity_id}/"]
            assert entry["title"] == entity.name
            assert entry["kind"] == kind
            opening = " ".join(words(entity.summary)[:8])
            assert opening in " ".join(words(entry["text"])), f"{kind} {entity_id}: summary not indexed"
            assert entry["names"] == list(entity.also_called) and entry["terms"] == list(entity.search_terms)
    assert all(d["text"] == "" for d in docs if "#" in d["location"]), "section text is still indexed"
    assert any(d["title"] == "References" for d in docs), "section headings must stay searchable"
    assert json.loads((built_site / "search" / "search_index.json").read_text())["docs"] == []


def test_the_search_dialog_has_an_accessible_name(built_site):
    """Lighthouse's aria-dialog-name audit: the theme's search dialog had no name."""
    from bs4 import BeautifulSoup

    for page in ("index.html", "conditions/sciatica/index.html"):
        dialog = BeautifulSoup((built_site / page).read_text(), "lxml").select_one('[data-md-component="search"]')
        assert dialog["role"] == "dialog" and dialog.get("aria-label") == "Search", page


def test_the_sources_page_is_left_out_of_the_search_index(built_site):
    """One heading per source made the theme's search plugin quadratic; readers search for topics."""
    docs = json.loads((built_site / "search" / "reader_index.json").read_text())["docs"]
    assert not any(d["location"].startswith("sources/") for d in docs)
    assert (built_site / "sources" / "index.html").exists()


def test_code_pages_are_left_out_and_codes_lead_to_their_condition(built_site, kb):
    """A code finds its condition page itself, so a code page can never rank above it."""
    from macros.data.diagnosis_codes import code_table, normalize

    index = json.loads((built_site / "search" / "reader_index.json").read_text())
    locations = {d["location"] for d in index["docs"]}
    assert (built_site / "icd10" / "M54.3" / "index.html").exists()
    assert not any(loc.startswith("icd10/") and loc != "icd10/" for loc in locations)
    assert index["codes"] == {k: f"conditions/{v['condition']}/" for k, v in code_table(kb).items()}
    sciatica = next(d for d in index["docs"] if d["location"] == "conditions/sciatica/")
    assert {"M54.16", normalize("M54.16")} <= set(sciatica["codes"])


def test_reader_records_are_plain_text_without_code_pages(kb):
    """Titles and text go to the worker as plain text (the worker escapes them for the theme)."""
    from macros.render.reader_search import reader_records

    docs = [{"location": "conditions/sciatica/", "title": "Sciatica", "text": "<p>Leg pain &amp; &lt;b&gt;</p>"},
            {"location": "icd10/M54.3/", "title": "M54.3", "text": ""},
            {"location": "glossary/#bm25", "title": "BM25", "text": ""}]
    records = reader_records(docs, kb)
    assert [r["location"] for r in records] == ["conditions/sciatica/", "glossary/#bm25"]
    assert records[0]["text"] == "Leg pain & <b>" and records[0]["kind"] == "condition"
    assert records[1] == {"location": "glossary/#bm25", "title": "BM25", "text": "", "kind": "section"}


def test_a_guide_page_brings_its_front_matter_s_search_terms_and_description(kb):
    """A page written in docs/ is of kind "guide", with its search terms in the field a data page's use."""
    from macros.render.reader_search import reader_records

    docs = [{"location": "is-massage-safe/", "title": "Is massage safe?", "text": "<p>Few risks.</p>"},
            {"location": "is-massage-safe/#who-should-ask-first", "title": "Who should ask first", "text": ""},
            {"location": "conditions/", "title": "Conditions A to Z", "text": ""},
            {"location": "conditions/sciatica/", "title": "Sciatica", "text": ""}]
    guide = {"is-massage-safe/": {"terms": ["is massage safe", "massage safety"],
                                  "description": "Who should ask a doctor &amp; when"},
             "conditions/sciatica/": {"terms": ["not from here"], "description": "nor this"}}
    safe, section, listing, sciatica = reader_records(docs, kb, guide)
    assert safe == {"location": "is-massage-safe/", "title": "Is massage safe?", "text": "Few risks.",
                    "kind": "guide", "terms": ["is massage safe", "massage safety"],
                    "description": "Who should ask a doctor & when"}
    assert section["kind"] == "section" and "terms" not in section
    assert listing["kind"] == "page" and "terms" not in listing  # a page the build lists, not one written in docs/
    assert sciatica["kind"] == "condition" and sciatica["terms"] == list(kb["condition"]["sciatica"].search_terms)


def test_the_built_index_carries_each_guide_page_s_search_terms(built_site):
    """What docs/ pages list in front matter reaches the index the worker loads, for every page written there."""
    docs = json.loads((built_site / "search" / "reader_index.json").read_text())["docs"]
    pages = {d["location"]: d for d in docs if "#" not in d["location"]}
    written = 0
    for path in sorted((ROOT / "docs").glob("*.md")):
        yaml_text, _ = front_matter_text(path.read_text(encoding="utf-8"))
        meta = yaml.safe_load(yaml_text) if yaml_text else {}
        entry = pages.get(page_url(path.name))
        if entry is None:  # left out of search by its front matter (search: exclude)
            continue
        assert entry["kind"] == "guide", path.name
        assert entry["terms"] == meta.get("search_terms", []), path.name
        assert entry["description"] == meta.get("description", ""), path.name
        written += bool(entry["terms"])
    assert written >= 6, "the guide's own pages carry search terms"
