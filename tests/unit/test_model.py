"""The model's own rules, field by field."""

import datetime as dt

import pytest
from pydantic import ValidationError

from macros.data.model import CERTAINTY_WORDS, Condition, Finding, Source


def link(**overrides):
    """A finding (one body of evidence), with what the test changes."""
    data = {"intervention": "swedish-massage", "population": "low-back-pain", "outcome": "pain-relief",
            "comparator": "usual-care", "certainty": "low", "finding": "It helped a little.", "sources": ["s"],
            "direction": "benefit", "evidence": "direct", "searched": "2026-11-30"}
    return Finding.model_validate({**data, **overrides})


def test_certainty_vocabulary_is_the_five_grade_words():
    assert CERTAINTY_WORDS == ("high", "moderate", "low", "very low", "insufficient")
    for word in CERTAINTY_WORDS:
        assert link(certainty=word).certainty == word
    with pytest.raises(ValidationError):
        link(certainty="strong")


def test_the_retired_word_not_supported_is_refused_with_what_to_write_instead():
    with pytest.raises(ValidationError, match="no longer a certainty: write how sure the studies"):
        link(certainty="not supported")


def test_a_finding_needs_a_source():
    with pytest.raises(ValidationError, match="at least 1 item"):
        link(sources=[])


@pytest.mark.parametrize("effect, words", [
    ({"measure": "SMD", "value": -0.82, "ci_low": -1.17}, "give both ends of the interval"),
    ({"measure": "SMD", "value": -0.82, "ci_low": -0.5, "ci_high": -0.1}, "the value must lie between"),
    ({"value": -0.82}, "Field required"),
])
def test_an_effect_is_as_the_source_reports_it(effect, words):
    with pytest.raises(ValidationError, match=words):
        link(effect=effect)


def test_an_effect_with_its_interval_is_kept_as_written():
    effect = link(effect={"measure": "SMD", "value": -0.82, "ci_low": -1.17, "ci_high": -0.47}).effect
    assert (effect.measure, effect.value, effect.ci_low, effect.ci_high) == ("SMD", -0.82, -1.17, -0.47)


@pytest.mark.parametrize("finding", [
    "See [this](https://example.org/page).",
    "See [sciatica](/conditions/sciatica.md).",
    "See [fascia](/glossary.md#fascia).",
])
def test_safe_links_are_allowed(finding):
    assert link(finding=finding).finding == finding


@pytest.mark.parametrize("finding, words", [
    ("See [x](http://example.org).", "is not allowed"),
    ("See [x](data:text/html,hi).", "is not allowed"),
    ("[x]: javascript:alert(1)", "javascript"),
    ("Click <a href=x>here</a>.", "HTML is not allowed"),
    ("{: onclick=alert(1) }", "curly braces"),
])
def test_unsafe_text_is_rejected(finding, words):
    with pytest.raises(ValidationError, match=words):
        link(finding=finding)


def minimal_condition(**overrides):
    data = {
        "name": "Sore back", "summary": "Short.", "body_area": "back", "sources": ["s"],
        "last_reviewed": "2026-01-01", "next_review": "2027-01-01",
        "population_phrase": "in a sore back", "red_flags": "none",
    }
    return Condition.model_validate({**data, **overrides})


def test_dates_parse_and_default_status_is_published():
    c = minimal_condition()
    assert c.last_reviewed == dt.date(2026, 1, 1)
    assert c.status == "published"


def test_last_reviewed_cannot_be_in_the_future():
    future = (dt.date.today() + dt.timedelta(days=3)).isoformat()
    with pytest.raises(ValidationError, match="in the future"):
        minimal_condition(last_reviewed=future, next_review="2099-01-01")


@pytest.mark.parametrize("name", ["Sore [back]", "Sore *back*", "# Back", ""])
def test_names_are_plain_text(name):
    with pytest.raises(ValidationError):
        minimal_condition(name=name)


def test_body_area_is_a_fixed_list():
    with pytest.raises(ValidationError):
        minimal_condition(body_area="spine")


def test_source_identifier_syntax():
    base = {"title": "T", "publisher": "P", "type": "trial", "url": "https://example.org/a",
            "finding": "F.", "reuse": "copyrighted", "checked": "2026-11-01", "checked_how": "Read it."}
    ok = Source.model_validate({**base, "doi": "10.1002/14651858.CD001929.pub3", "pmid": "25994425"})
    assert ok.doi.startswith("10.")
    for bad in ({"doi": "https://doi.org/10.1/x"}, {"pmid": "0123"}, {"pmid": "PMC123"}, {"url": "ftp://x.org"}):
        with pytest.raises(ValidationError):
            Source.model_validate({**base, **bad})


def _patterns(schema):
    if isinstance(schema, dict):
        if "pattern" in schema:
            yield schema["pattern"]
        for value in schema.values():
            yield from _patterns(value)
    elif isinstance(schema, list):
        for value in schema:
            yield from _patterns(value)


def test_every_pattern_in_the_model_says_what_it_means():
    from macros.data.kinds import KIND_MODELS
    from macros.data.model import PATTERN_MEANINGS

    used = {p for model in KIND_MODELS.values() for p in _patterns(model.model_json_schema())}
    assert used and used <= set(PATTERN_MEANINGS), used - set(PATTERN_MEANINGS)


@pytest.mark.parametrize("field, value, words", [
    ("reviewed_by", "Jane Doe", "'Jane Doe' is not an id: use lowercase letters"),
    ("sources", "[Review One]", "'Review One' is not an id"),
    ("icd10", "[{code: m54, title: Sciatica, confirmed_at: 'https://icd.codes/x'}]", "'m54' is not an ICD-10-CM code"),
])
def test_a_pattern_error_names_the_fields_own_pattern(fixture_data, field, value, words):
    from conftest import errors_for

    path = fixture_data / "conditions" / "sore-back.yml"
    text = "\n".join(line for line in path.read_text().splitlines() if not line.startswith(f"{field}:"))
    path.write_text(text + f"\n{field}: {value}\n")
    errors = errors_for(fixture_data)
    assert any(words in e for e in errors), errors
    assert not any("is not an id" in e for e in errors if "is not an id" not in words)


@pytest.mark.parametrize("words, labels", [
    ("CERTAINTY_WORDS", "CERTAINTY"), ("DIRECTIONS", "DIRECTION"), ("EVIDENCE_KINDS", "EVIDENCE"),
    ("INDIRECT_REASONS", "INDIRECT"), ("BODY_AREAS", "BODY_AREA"), ("CAUTION_ACTIONS", "CAUTION_ACTION"),
    ("SOURCE_TYPES", "SOURCE_TYPE"), ("COMPARATORS", "COMPARATOR"), ("WARNING_LEVELS", "LEVEL_HEADING"),
])
def test_each_vocabulary_is_the_models_and_has_a_label_for_every_word(words, labels):
    from typing import get_args

    from macros.data import model

    from macros.render import reader_labels

    vocabulary = getattr(model, words)
    assert list(getattr(reader_labels, labels)) == list(vocabulary)
    # The model's Literal is made from the same tuple, so it allows exactly these words.
    assert any(get_args(value) == vocabulary for value in vars(model).values() if getattr(value, "__origin__", None)
               is not None and str(value).startswith("typing.Literal"))
