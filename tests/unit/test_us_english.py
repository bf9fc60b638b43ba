"""US English in reader text (content standards, section 7): `make check` refuses British spellings and
terms on a published page, warns on a draft, and leaves readers' search words, brackets, quotes and ids alone."""

from __future__ import annotations

import pytest

from conftest import edit, errors_for, line_of
from macros.cli import check
from macros.data.content_standards import content_problems
from macros.data.knowledge_base import load_knowledge_base
from macros.data.us_english import UK_TERMS, uk_terms_in


@pytest.mark.parametrize("text, found", [
    ("Talk to your midwife about labour.", ["labour"]),
    ("A caesarean birth.", ["caesarean"]),
    ("A tumour in the arm.", ["tumour"]),
    ("Oedema in the legs.", ["Oedema"]),
    ("If you feel sick after a session.", ["feel sick"]),
    ("Pethidine is a pain medicine.", ["Pethidine"]),
    ("Antenatal classes help.", ["Antenatal"]),
    ("Gas and air works quickly.", ["Gas and air"]),
    ("See your GP.", ["GP"]),
    ("Go to A&E now.", ["A&E"]),
    ("Call your maternity unit.", ["maternity unit"]),
    ("See a physiotherapist.", ["physiotherapist"]),
])
def test_each_british_term_on_the_list_is_found(text, found):
    assert [word for word, _instead in uk_terms_in(text)] == found


@pytest.mark.parametrize("text", [
    "Take acetaminophen (paracetamol) if you need it.",       # the British word in brackets
    'A trial called "Massage in labour" found this.',       # a quoted title
    "See [the leaflet](https://www.nhs.uk/labour/pain/).",  # a link's address
    "Labor, tumor, edema, cesarean (C-section), meperidine, nitrous oxide.",
    "A GPS watch and the GPU.",                              # whole words only
])
def test_what_a_reader_may_read_in_british_is_left_alone(text):
    assert uk_terms_in(text) == []


def test_every_term_says_what_to_write_instead():
    assert all(instead and instead != pattern for pattern, instead in UK_TERMS)


def test_a_british_term_on_a_published_page_is_an_error_at_its_line(fixture_data):
    f = fixture_data / "conditions" / "sore-back.yml"
    edit(f, "Staying active helps most people.", "Staying active helps most people, says your GP.")
    kb = load_knowledge_base(fixture_data)
    errors, warnings = content_problems(kb)
    assert [str(e) for e in errors] == [
        f"data/conditions/sore-back.yml:{line_of(f, 'says your GP')}: sections[0].body: 'GP' is British English: "
        "write primary care doctor (GP) (US English for every reader; the British word may follow in brackets, "
        "or go in also_called)"]
    assert warnings == []


def test_the_same_term_in_a_draft_is_a_warning(fixture_data, capsys, monkeypatch):
    monkeypatch.delenv("GITHUB_ACTIONS", raising=False)
    f = fixture_data / "conditions" / "sore-back.yml"
    edit(f, "Staying active helps most people.", "Staying active helps most people, says your GP.")
    f.write_text(f.read_text() + "status: draft\n")
    assert check.main([str(fixture_data)]) == 0
    assert f"data/conditions/sore-back.yml:{line_of(f, 'says your GP')}: sections[0].body: draft: 'GP' is British" \
        in capsys.readouterr().out


def test_findings_red_flags_and_sources_are_reader_text_too(fixture_data):
    edit(fixture_data / "findings" / "sore-back-gentle-rub-less-pain.yml",
         "finding: Small trials found short-term relief.", "finding: Small trials found short-term relief in labour.")
    edit(fixture_data / "red-flags" / "numb-bottom.yml", "  - Numbness around your bottom", "  - Numbness, see your GP")
    errors, _ = content_problems(load_knowledge_base(fixture_data))
    assert {e.file for e in errors} == {"data/findings/sore-back-gentle-rub-less-pain.yml",
                                        "data/red-flags/numb-bottom.yml"}


def test_readers_search_words_titles_and_ids_may_stay_british(fixture_data):
    edit(fixture_data / "conditions" / "sore-back.yml", "also_called: [Backache]", "also_called: [Backache, lumbago in labour]")
    edit(fixture_data / "sources" / "review-one.yml", "title: A made-up review", "title: A made-up labour review")
    kb = load_knowledge_base(fixture_data)
    assert content_problems(kb) == ([], [])
