"""One table of the words readers see (macros/data/words/<language>.yml): every vocabulary of the
model has its words there, every language's table has the same keys, and the code reads it."""

from __future__ import annotations

import copy

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
