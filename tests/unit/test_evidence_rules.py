"""`make check` refuses a verdict that would mislead, at the file, line and field to change."""

from __future__ import annotations

import datetime as dt

import pytest

from conftest import edit, errors_for, line_of
from macros.data.evidence_rules import stale_searches
from macros.data.knowledge_base import load_knowledge_base

SORE_BACK = "conditions/sore-back.yml"
# The first graded link in the fixture: sore-back -> gentle-rub.
FIRST = "  - id: gentle-rub\n    certainty: low\n"


def grade(data, certainty="low", direction="benefit", evidence="direct", extra=""):
    """Rewrite the fixture's first graded link with these values."""
    path = data / SORE_BACK
    text = path.read_text()
    text = text.replace("    certainty: low\n    finding: Small trials", f"    certainty: {certainty}\n    finding: Small trials", 1)
    text = text.replace("    direction: benefit\n    evidence: direct\n    searched: 2026-11-27\nbenefits:",
                        f"    direction: {direction}\n    evidence: {evidence}\n{extra}    searched: 2026-11-27\nbenefits:", 1)
    path.write_text(text)
    return path


def only_error(data) -> str:
    [error] = errors_for(data)
    return error


@pytest.mark.parametrize("certainty, direction, evidence, field, words", [
    ("low", "benefit", "none", "certainty", "with no trials (evidence: none) the certainty must be insufficient"),
    ("insufficient", "benefit", "none", "direction", "insufficient evidence points nowhere"),
    ("very low", "not-known", "direct", "certainty", "direction not-known means no usable trials"),
    ("not supported", "benefit", "direct", "direction", "'not supported' needs direction no-difference or harm"),
    ("low", "benefit", "indirect", "evidence", "indirect evidence must say why"),
])
def test_a_misleading_combination_is_refused_at_its_field(fixture_data, certainty, direction, evidence, field, words):
    path = grade(fixture_data, certainty, direction, evidence)
    error = only_error(fixture_data)
    line = line_of(path, f"    {field}:")
    assert error.startswith(f"data/{SORE_BACK}:{line}: techniques[0].{field}: "), error
    assert words in error


def test_reasons_for_indirect_evidence_need_indirect_evidence(fixture_data):
    grade(fixture_data, extra="    indirect: [healthy-volunteers]\n")
    assert "'indirect' is only for evidence: indirect" in only_error(fixture_data)


def test_indirect_evidence_with_its_reasons_passes(fixture_data):
    grade(fixture_data, "very low", "benefit", "indirect", extra="    indirect: [other-population]\n")
    kb = load_knowledge_base(fixture_data)
    assert kb["condition"]["sore-back"].techniques[0].indirect == ["other-population"]


def test_no_trials_is_insufficient_and_not_known(fixture_data):
    grade(fixture_data, "insufficient", "not-known", "none")
    assert load_knowledge_base(fixture_data)["condition"]["sore-back"].techniques[0].evidence == "none"


def test_one_body_of_evidence_gets_one_grade(fixture_data):
    """The benefit page grades massage for less pain on these two sources as low; the condition may not say very low."""
    path = fixture_data / SORE_BACK
    edit(path, "    finding: Pain eased for a few days in one small trial.\n    sources: [review-one]\n",
         "    finding: Pain eased for a few days in one small trial.\n    sources: [review-one, agency-page]\n")
    error = only_error(fixture_data)
    assert error.startswith(f"data/{SORE_BACK}:") and "benefits[0].certainty" in error or \
        error.startswith("data/benefits/less-pain.yml:") and "evidence.certainty" in error, error
    assert "one body of evidence gets one grade" in error
    edit(path, "  - id: less-pain\n    certainty: very low\n", "  - id: less-pain\n    certainty: low\n")
    load_knowledge_base(fixture_data)  # the same grade on both pages passes


def test_a_finding_needs_a_source(fixture_data):
    path = fixture_data / SORE_BACK
    edit(path, "    finding: Small trials found short-term relief.\n    sources: [review-one]\n",
         "    finding: Small trials found short-term relief.\n    sources: []\n")
    error = only_error(fixture_data)
    assert error == f"data/{SORE_BACK}:{line_of(path, '    sources: []')}: techniques[0].sources: " \
                    "must list at least one item"


def test_a_retracted_paper_backs_no_finding(fixture_data):
    edit(fixture_data / "sources" / "review-one.yml", "reuse:", "retracted: https://example.org/notice\nreuse:")
    errors = errors_for(fixture_data)
    assert errors and all("'review-one' was retracted" in e for e in errors)
    assert any(e.startswith(f"data/{SORE_BACK}:") and "techniques[0].sources[0]" in e for e in errors)


def test_an_expired_guideline_is_history_not_current_advice(fixture_data):
    edit(fixture_data / "sources" / "review-one.yml", "reuse:", "current_until: 2022-04-04\nreuse:")
    errors = errors_for(fixture_data)
    assert any("'review-one' expired on 2022-04-04" in e and "as history" in e for e in errors), errors
    # Before its expiry it is current evidence.
    # (Five years ahead: a date decades ahead is refused as implausible, test_impossible_dates.py.)
    edit(fixture_data / "sources" / "review-one.yml", "current_until: 2022-04-04",
         f"current_until: {dt.date.today().year + 5}-04-04")
    load_knowledge_base(fixture_data)


def test_a_search_date_in_the_future_is_refused(fixture_data):
    path = fixture_data / SORE_BACK
    errors = errors_for_on(fixture_data, dt.date(2026, 11, 20))
    assert any(e.startswith(f"data/{SORE_BACK}:{line_of(path, '    searched:')}: techniques[0].searched: ")
               and "in the future" in e for e in errors), errors


def errors_for_on(data, today):
    from macros.data.data_errors import DataErrors
    with pytest.raises(DataErrors) as caught:
        load_knowledge_base(data, today=today)
    return [str(e) for e in caught.value.errors]


def test_searches_older_than_a_year_are_listed(fixture_data):
    kb = load_knowledge_base(fixture_data)
    assert stale_searches(kb, dt.date(2027, 11, 27)) == []
    stale = stale_searches(kb, dt.date(2027, 11, 28))
    assert {(p.kind, p.entity_id) for p, _ in stale} >= {("condition", "sore-back"), ("benefit", "less-pain")}


def test_a_published_condition_needs_warning_signs(fixture_data):
    path = fixture_data / SORE_BACK
    text = path.read_text()
    start = text.index("warning_signs:")
    end = text.index("see_a_doctor:")
    path.write_text(text[:start] + text[end:])
    assert only_error(fixture_data) == f"data/{SORE_BACK}:1: warning_signs: this required field is missing"


def test_a_blank_level_of_warning_signs_says_to_write_none(fixture_data):
    path = fixture_data / SORE_BACK
    edit(path, "  urgent: none", "  urgent:")
    error = only_error(fixture_data)
    assert error.startswith(f"data/{SORE_BACK}:{line_of(path, '  urgent:')}: warning_signs.urgent: ")
    assert "write none" in error


def test_a_reviewer_must_be_listed(fixture_data):
    path = fixture_data / SORE_BACK
    edit(path, "next_review: 2027-11-01", "next_review: 2027-11-01\nreviewed_by: dr-nobody")
    error = only_error(fixture_data)
    assert error.startswith(f"data/{SORE_BACK}:{line_of(path, 'reviewed_by:')}: reviewed_by: unknown reviewer 'dr-nobody'")
    (fixture_data / "reviewers.yml").write_text(
        "dr-nobody:\n  name: Alex Example\n  credentials: PT\n  registration: Board 1\n  conflicts: none\n")
    kb = load_knowledge_base(fixture_data)
    assert kb.reviewers["dr-nobody"].name == "Alex Example"
