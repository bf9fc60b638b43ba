"""Dates that cannot be true are refused at the line and field that is wrong.
"Today" is decided once, by whoever loads the data, so these tests can fix it."""

from __future__ import annotations

import datetime as dt

import pytest

from conftest import edit, line_of
from macros.data.data_errors import DataErrors
from macros.data.knowledge_base import load_knowledge_base

TODAY = dt.date(2026, 11, 30)


def errors_on(data, today=TODAY) -> list[str]:
    with pytest.raises(DataErrors) as caught:
        load_knowledge_base(data, today=today)
    return [str(e) for e in caught.value.errors]


def test_the_fixture_is_valid_on_the_fixed_day(fixture_data):
    assert load_knowledge_base(fixture_data, today=TODAY)["condition"]


def test_a_source_checked_in_the_future(fixture_data):
    f = fixture_data / "sources" / "review-one.yml"
    edit(f, "checked: 2026-11-01", "checked: 2026-12-01")
    [error] = errors_on(fixture_data)
    assert error == (f"data/sources/review-one.yml:{line_of(f, 'checked:')}: checked: "
                     "2026-12-01 is in the future: write the day you checked the source")
    # The same file is fine once that day has come: "today" is the loader's, not the model's.
    assert load_knowledge_base(fixture_data, today=dt.date(2026, 12, 1))


def test_a_publication_year_after_this_year(fixture_data):
    f = fixture_data / "sources" / "review-one.yml"
    edit(f, "year: 2020", "year: 2027")
    [error] = errors_on(fixture_data)
    assert error.startswith(f"data/sources/review-one.yml:{line_of(f, 'year:')}: year: 2027 is after this year")


def test_next_review_more_than_three_years_out(fixture_data):
    f = fixture_data / "benefits" / "less-pain.yml"
    edit(f, "next_review: 2027-11-01", "next_review: 2030-01-01")
    [error] = errors_on(fixture_data)
    assert error.startswith(f"data/benefits/less-pain.yml:{line_of(f, 'next_review:')}: next_review: ")
    assert "more than 3 years from today" in error
    assert load_knowledge_base(fixture_data, today=dt.date(2027, 1, 2))


@pytest.mark.parametrize("field, written, message", [
    # A last review in the future; review dates out of order, reported at the later date.
    ("last_reviewed", "2026-12-24", "2026-12-24 is in the future: write the day the page was last reviewed"),
    ("next_review", "2026-10-01", "2026-10-01 must come after last_reviewed 2026-11-01"),
])
def test_a_review_date_that_cannot_be_true_is_reported_at_its_own_line(fixture_data, field, written, message):
    f = fixture_data / "benefits" / "less-pain.yml"
    old = next(line for line in f.read_text().splitlines() if line.startswith(f"{field}:"))
    edit(f, old, f"{field}: {written}")
    [error] = errors_on(fixture_data)
    assert error == f"data/benefits/less-pain.yml:{line_of(f, field + ':')}: {field}: {message}"


def test_a_change_note_dated_in_the_future(fixture_data):
    f = fixture_data / "benefits" / "less-pain.yml"
    f.write_text(f.read_text() + "changes:\n  - date: 2026-12-05\n    note: Added a source.\n")
    [error] = errors_on(fixture_data)
    assert error.startswith(f"data/benefits/less-pain.yml:{line_of(f, 'date:')}: changes[0].date: "
                            "2026-12-05 is in the future")


@pytest.mark.parametrize("written, words", [
    ("0", "0 is not a date: write it as YYYY-MM-DD"),
    ("20261130", "20261130 is not a date"),
    ("1.5", "1.5 is not a date"),
    ("yes", "True is not a date"),
    ("2026-11-30T10:00:00", "'2026-11-30T10:00:00' is a date and time: write the day alone"),
    ("2026-11-30 10:00", "'2026-11-30 10:00' is a date and time"),
    ("0001-01-01", "0001-01-01 is not a plausible date: the dates in this guide fall between 1990 and 2036"),
    ("1989-12-31", "1989-12-31 is not a plausible date"),
    ("'30/11/2026'", "30/11/2026 is not a date"),
])
def test_a_date_must_be_a_day_in_a_plausible_year(fixture_data, written, words):
    """`searched: 0` once showed as "January 1970": numbers, dates and times and year 1 are refused
    at the field, for every date field (here a finding's searched and a source's checked)."""
    f = fixture_data / "findings" / "sore-back-gentle-rub-less-pain.yml"
    old = next(line for line in f.read_text().splitlines() if line.strip().startswith("searched:"))
    edit(f, old, old.split("searched:")[0] + f"searched: {written}")
    [error] = errors_on(fixture_data)
    assert error.startswith(f"data/findings/sore-back-gentle-rub-less-pain.yml:{line_of(f, 'searched:')}: searched: ")
    assert words in error, error


def test_a_checked_date_written_as_a_number(fixture_data):
    f = fixture_data / "sources" / "review-one.yml"
    edit(f, "checked: 2026-11-01", "checked: 0")
    [error] = errors_on(fixture_data)
    assert error == f"data/sources/review-one.yml:{line_of(f, 'checked:')}: checked: 0 is not a date: " \
                    "write it as YYYY-MM-DD, e.g. 2026-11-27"


def test_a_guideline_may_expire_years_ahead_but_not_decades(fixture_data):
    f = fixture_data / "sources" / "review-one.yml"
    f.write_text(f.read_text() + "current_until: 2031-11-30\n")
    assert load_knowledge_base(fixture_data, today=TODAY)
    edit(f, "current_until: 2031-11-30", "current_until: 2041-11-30")
    [error] = errors_on(fixture_data)
    assert "current_until: 2041-11-30 is not a plausible date" in error
