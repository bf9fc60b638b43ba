"""The model's own rules, field by field."""

import datetime as dt

import pytest
from pydantic import ValidationError

from macros.model import CERTAINTY_WORDS, Condition, GradedLink, Source


def link(**overrides):
    data = {"id": "swedish-massage", "certainty": "low", "finding": "It helped a little.", "sources": ["s"],
            "direction": "benefit", "evidence": "direct", "searched": "2026-11-30"}
    return GradedLink.model_validate({**data, **overrides})


def test_certainty_vocabulary_is_the_six_grade_words():
    assert CERTAINTY_WORDS == ("high", "moderate", "low", "very low", "insufficient", "not supported")
    for word in CERTAINTY_WORDS:
        assert link(certainty=word).certainty == word
    with pytest.raises(ValidationError):
        link(certainty="strong")


def test_a_graded_link_needs_a_source():
    with pytest.raises(ValidationError, match="at least 1 item"):
        link(sources=[])


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
        "warning_signs": {"emergency": "none", "urgent": "none"},
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
