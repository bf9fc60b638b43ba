"""One table of the words readers see (macros/data/words/<language>.yml): every vocabulary of the
model has its words there, every language's table has the same keys, and the code reads it."""

from __future__ import annotations

import copy
import re
from pathlib import Path

import pytest

from macros.data import model
from macros.data.kinds import PAGE_KINDS
from macros.data.reader_words import TABLES, keys_of, vocabulary, words


@pytest.mark.parametrize("name, values", [
    ("certainty", model.CERTAINTY_WORDS), ("direction", model.DIRECTIONS), ("comparator", model.COMPARATORS),
    ("comparator_short", model.COMPARATORS), ("evidence", model.EVIDENCE_KINDS),
    ("indirect", model.INDIRECT_REASONS), ("caution_action", model.CAUTION_ACTIONS),
    ("body_area", model.BODY_AREAS), ("source_type", model.SOURCE_TYPES),
    ("level_heading", model.WARNING_LEVELS), ("level_action", model.WARNING_LEVELS),
    ("population_group", model.POPULATION_GROUPS), ("kind_title", PAGE_KINDS),
])
def test_every_word_of_each_vocabulary_has_what_readers_see(name, values):
    assert list(vocabulary(name)) == list(values), f"words/en.yml, vocabulary.{name}"


def test_every_verdict_form_is_in_the_table():
    forms = words()["verdict"]
    for certainty in ("high", "moderate", "low"):
        assert set(forms[certainty]) == set(model.DIRECTIONS) - {"not-known"}
    assert {"not_known", "very_low", "very_low_harm", "subject_in_general"} <= set(forms)


def test_every_language_has_the_same_keys_as_english():
    english = keys_of(words("en"))
    for table in sorted(TABLES.glob("*.yml")):
        assert keys_of(words(table.stem)) == english, f"{table.name} lacks or adds keys"


def test_a_table_missing_a_key_is_caught(tmp_path, monkeypatch):
    """The check above can fail: a second language that forgot one word."""
    from macros.data import reader_words

    text = (TABLES / "en.yml").read_text(encoding="utf-8").replace("  evidence:\n    direct: Direct evidence\n",
                                                                  "  evidence:\n")
    (tmp_path / "es.yml").write_text(text, encoding="utf-8")
    (tmp_path / "en.yml").write_text((TABLES / "en.yml").read_text(encoding="utf-8"), encoding="utf-8")
    monkeypatch.setattr(reader_words, "TABLES", tmp_path)
    reader_words.words.cache_clear()
    try:
        assert keys_of(words("es")) != keys_of(words("en"))
    finally:
        reader_words.words.cache_clear()


def test_a_word_changed_in_the_table_changes_on_the_page(graph, monkeypatch):
    """The templates read the table, not a copy: a second table's words reach the page."""
    from macros.data import reader_words
    from macros.render import page_render

    table = copy.deepcopy(words())
    table["page"]["checklist"]["title"] = "Antes de su masaje"
    table["page"]["checklist"]["more_about"] = "Más sobre {name}"
    monkeypatch.setattr(page_render, "words", lambda language="en": table)
    page = page_render.PageRenderer(graph, "https://example.org/").checklist_page()
    assert page.splitlines()[0] == "# Antes de su masaje"
    assert "[Más sobre " in page and "Before your massage" not in page
    assert reader_words.words()["page"]["checklist"]["title"] != "Antes de su masaje"


# Templates for editors, not readers: the data reference and the editors' status page explain the
# YAML files, whose field names are English in every edition, so they stay in English.
EDITORS_TEMPLATES = {"data-reference.md.j2", "editors-status.md.j2"}
TEMPLATES = Path(__file__).resolve().parents[2] / "macros" / "render" / "templates"

_NOT_WORDS = [
    re.compile(r"\{#.*?#\}", re.S),           # template comments
    re.compile(r"\{%.*?%\}", re.S),           # template statements
    re.compile(r"\{\{.*?\}\}", re.S),         # what the template puts in
    re.compile(r"<[^>]*>", re.S),             # HTML tags and their attributes
    re.compile(r"\{:[^}]*\}"),                # Markdown attribute lists
    re.compile(r"^\s*(!!!|\?\?\?\+?)\s*\w+", re.M),  # admonition types
    re.compile(r"\]\([^)]*\)"),               # link addresses
    re.compile(r"&\w+;"),                     # character references
]


def english_left_in(text: str) -> list[str]:
    """The words a template writes itself, outside what it fills in from the table or the data."""
    for pattern in _NOT_WORDS:
        text = pattern.sub(" ", text)
    return re.findall(r"[A-Za-z]{2,}", text)


def reader_templates() -> list[Path]:
    return [p for p in sorted(TEMPLATES.glob("*.j2")) if p.name not in EDITORS_TEMPLATES]


@pytest.mark.parametrize("template", reader_templates(), ids=lambda p: p.name)
def test_no_english_stays_in_a_reader_template(template):
    left = english_left_in(template.read_text(encoding="utf-8"))
    assert not left, f"{template.name} writes its own words {left[:8]}: move them to macros/data/words/en.yml"


def test_the_template_check_finds_words_written_in_a_template():
    """It can fail: a heading typed into a template, or a sentence around a filled-in value."""
    assert english_left_in("## Kinds of massage\n{{ words.caution.applies_to }}") == ["Kinds", "of", "massage"]
    assert english_left_in('<p class="x">{{ w.a }} <a href="y">more</a></p>') == ["more"]
    assert english_left_in('{% set w = words.a %}\n# {{ w.title }}\n- **{{ w.type }}** {{ s.x }}') == []


def test_a_changed_table_changes_a_condition_page_and_the_finder(graph, monkeypatch):
    """The pages ported last read the table too: a condition page's headings, a sentence filled in
    around the condition's name, the shared parts, and the finder's button."""
    from macros.render import page_render

    table = copy.deepcopy(words())
    table["page"]["condition"]["can_massage_help"] = "¿Puede ayudar el masaje?"
    table["page"]["condition"]["found_by_kind"] = "Lo que encontró la investigación sobre {condition}:"
    table["page"]["parts"]["safe_for_me"] = "¿Es seguro para mí?"
    table["page"]["find"]["clear_choices"] = "Borrar selección"
    monkeypatch.setattr(page_render, "words", lambda language="en": table)
    renderer = page_render.PageRenderer(graph, "https://example.org/")
    condition = next(cid for cid in sorted(graph.kb["condition"]) if graph.own_findings(cid))
    page = renderer.entity_page("condition", condition)
    assert "## ¿Puede ayudar el masaje?" in page and "Can massage help?" not in page
    assert "## ¿Es seguro para mí?" in page and "Is it safe for me?" not in page
    assert f"Lo que encontró la investigación sobre {graph.entity('condition', condition).name.lower()}:" in page
    finder = renderer.find_page()
    assert "Borrar selección" in finder and "Clear choices" not in finder


def test_dates_take_their_month_names_and_order_from_the_table(monkeypatch):
    """Month names come from the table, not from the system's locale: "Evidence checked" on a
    finding and the days on "What's new" change with a second table."""
    import datetime as dt

    from macros.data import reader_words
    from macros.render.whats_new import NewsDay

    day = dt.date(2026, 11, 20)
    assert reader_words.month_year(day) == "November 2026"
    assert NewsDay(day).title == "20 November 2026"
    table = copy.deepcopy(words())
    table["date"]["months"] = ["enero", "febrero", "marzo", "abril", "mayo", "junio", "julio", "agosto",
                               "septiembre", "octubre", "noviembre", "diciembre"]
    table["date"]["month_year"] = "{month} de {year}"
    table["date"]["day_month_year"] = "{day} de {month} de {year}"
    monkeypatch.setattr(reader_words, "words", lambda language="en": table)
    assert reader_words.month_year(day) == "noviembre de 2026"
    assert NewsDay(day).title == "20 de noviembre de 2026"


def test_the_evidence_note_says_the_month_from_the_table(graph, monkeypatch):
    from macros.data import reader_words
    from macros.render import page_render

    record = next(f for f in graph.kb["finding"].values())
    english = page_render.evidence_note(record)
    assert reader_words.month_year(record.searched) in english
    table = copy.deepcopy(words())
    table["date"]["months"] = [f"mes{n}" for n in range(1, 13)]
    monkeypatch.setattr(reader_words, "words", lambda language="en": table)
    assert f"mes{record.searched.month} {record.searched.year}" in page_render.evidence_note(record)
