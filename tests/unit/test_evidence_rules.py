"""`make check` refuses a finding or a red flag that would mislead, at the file, line and field to change."""

from __future__ import annotations

import datetime as dt

import pytest

from conftest import edit, errors_for, line_of
from macros.data.evidence_rules import stale_searches
from macros.data.knowledge_base import load_knowledge_base

SORE_BACK = "conditions/sore-back.yml"
FINDING = "findings/sore-back-gentle-rub-less-pain.yml"  # gentle rub for a sore back, on less pain
CLAIM = "findings/adults-massage-less-pain.yml"  # the claim's own finding


def grade(data, certainty="low", direction="benefit", evidence="direct", extra=""):
    """Rewrite the fixture's finding on gentle rub for a sore back with these values."""
    path = data / FINDING
    edit(path, "certainty: low\ndirection: benefit\nevidence: direct\n",
         f"certainty: {certainty}\ndirection: {direction}\nevidence: {evidence}\n{extra}")
    return path


def only_error(data) -> str:
    [error] = errors_for(data)
    return error


def error_at(data, file: str, field: str, words: str) -> str:
    """The one error at this file and field that says `words` (others, such as a grade now differing
    from the fixture's other findings on the same trial, may be reported too)."""
    [error] = [e for e in errors_for(data) if e.startswith(f"data/{file}:") and f": {field}: " in e and words in e]
    return error


@pytest.mark.parametrize("certainty, direction, evidence, field, words", [
    ("low", "benefit", "none", "certainty", "with no trials (evidence: none) the certainty must be insufficient"),
    ("insufficient", "benefit", "none", "direction", "insufficient evidence points nowhere"),
    ("very low", "not-known", "direct", "certainty", "direction not-known means no usable trials"),
    ("low", "benefit", "indirect", "evidence", "indirect evidence must say why"),
])
def test_a_misleading_combination_is_refused_at_its_field(fixture_data, certainty, direction, evidence, field, words):
    path = grade(fixture_data, certainty, direction, evidence)
    error = error_at(fixture_data, FINDING, field, words)
    assert error.startswith(f"data/{FINDING}:{line_of(path, f'{field}:')}: {field}: "), error
    assert words in error


def test_the_retired_certainty_says_what_to_write_instead(fixture_data):
    path = grade(fixture_data, "not supported", "no-difference")
    error = only_error(fixture_data)
    assert error.startswith(f"data/{FINDING}:{line_of(path, 'certainty:')}: certainty: ")
    assert "no longer a certainty" in error and "direction: no-difference" in error


def test_a_finding_with_trials_says_what_massage_was_compared_with(fixture_data):
    path = fixture_data / FINDING
    edit(path, "comparator: usual-care\n", "")
    error = only_error(fixture_data)
    assert error.startswith(f"data/{FINDING}:") and "comparator: say what massage was compared with" in error
    # With no trials there is nothing to compare.
    grade(fixture_data, "insufficient", "not-known", "none")
    load_knowledge_base(fixture_data)


def test_reasons_for_indirect_evidence_need_indirect_evidence(fixture_data):
    grade(fixture_data, extra="indirect: [healthy-volunteers]\n")
    assert "'indirect' is only for evidence: indirect" in only_error(fixture_data)


def test_two_findings_on_the_same_intervention_people_and_outcome_are_refused(fixture_data):
    twin = fixture_data / "findings" / "sore-back-gentle-rub-again.yml"
    twin.write_text((fixture_data / FINDING).read_text().replace("sources: [review-one]", "sources: [agency-page]"))
    error = only_error(fixture_data)
    # Reported at the second of the two files (in name order), naming the first.
    assert error.startswith(f"data/{FINDING}:1: intervention: ")
    assert "data/findings/sore-back-gentle-rub-again.yml already grades gentle-rub for sore-back on less-pain" in error
    assert "one body of evidence is one finding" in error


def test_findings_that_share_most_of_their_sources_get_one_grade(fixture_data):
    """The claim's finding and gentle rub for a sore back share review-one (all of the shorter list)."""
    path = grade(fixture_data, "moderate", "benefit")
    errors = errors_for(fixture_data)
    assert errors and all(e.startswith(f"data/{FINDING}:{line_of(path, 'certainty:')}: certainty: ") for e in errors)
    assert any("shares most of its sources (review-one) with data/findings/adults-massage-less-pain.yml" in e
               and "'low, benefit' where this says 'moderate, benefit'" in e
               and "one body of evidence gets one grade" in e for e in errors), errors


def test_sharing_half_the_sources_or_less_is_not_one_body_of_evidence(fixture_data):
    # Two sources, one of them in the claim's: exactly half of the shorter list is not "most".
    (fixture_data / "findings" / "adults-gentle-rub-less-pain.yml").unlink()  # leave the claim's finding alone
    path = grade(fixture_data, "moderate", "benefit")
    edit(path, "sources: [review-one]", "sources: [review-one, extra-trial]")
    (fixture_data / "sources" / "extra-trial.yml").write_text(
        (fixture_data / "sources" / "review-one.yml").read_text().replace("review-one", "extra-trial"))
    load_knowledge_base(fixture_data)
    # One more shared source makes it most of the shorter list: then it is one body of evidence.
    edit(path, "sources: [review-one, extra-trial]", "sources: [review-one, agency-page, extra-trial]")
    assert "one body of evidence gets one grade" in only_error(fixture_data)


def test_another_group_of_people_may_be_graded_lower_when_marked_indirect_for_it(fixture_data):
    """Gentle rub for a sore back rests on the trial of gentle rub in adults (low): it may say very low,
    pointing the same way, if it says the trials were in other people; not for another reason."""
    edit(fixture_data / CLAIM, "sources: [review-one, agency-page]", "sources: [agency-page]")  # not on the trial
    grade(fixture_data, "very low", "benefit", "indirect", extra="indirect: [other-population]\n")
    load_knowledge_base(fixture_data)
    edit(fixture_data / FINDING, "indirect: [other-population]", "indirect: [lab-markers-only]")
    assert "one body of evidence gets one grade" in only_error(fixture_data)


def test_a_lower_grade_pointing_the_other_way_is_refused_even_when_indirect(fixture_data):
    edit(fixture_data / CLAIM, "sources: [review-one, agency-page]", "sources: [agency-page]")
    grade(fixture_data, "very low", "harm", "indirect", extra="indirect: [other-population]\n")
    assert "one body of evidence gets one grade" in only_error(fixture_data)


def test_no_trials_is_insufficient_and_not_known(fixture_data):
    grade(fixture_data, "insufficient", "not-known", "none")
    assert load_knowledge_base(fixture_data)["finding"]["sore-back-gentle-rub-less-pain"].evidence == "none"


def test_a_finding_needs_a_source(fixture_data):
    path = fixture_data / FINDING
    edit(path, "sources: [review-one]\n", "sources: []\n")
    assert only_error(fixture_data) == f"data/{FINDING}:{line_of(path, 'sources: []')}: sources: must list at least one item"


def test_a_population_that_is_neither_a_condition_nor_a_group_is_named(fixture_data):
    path = fixture_data / FINDING
    edit(path, "population: sore-back", "population: sore-bak")
    error = only_error(fixture_data)
    assert error.startswith(f"data/{FINDING}:{line_of(path, 'population:')}: population: unknown condition 'sore-bak'")
    assert "did you mean 'sore-back'" in error and "adults, healthy-adults" in error


def test_a_claim_names_a_finding_about_itself(fixture_data):
    path = fixture_data / "benefits" / "less-pain.yml"
    (fixture_data / "benefits" / "more-pain.yml").write_text(path.read_text().replace("Less pain", "More pain"))
    edit(fixture_data / "findings" / "adults-gentle-rub-less-pain.yml", "outcome: less-pain", "outcome: more-pain")
    edit(path, "claim_finding: adults-massage-less-pain", "claim_finding: adults-gentle-rub-less-pain")
    errors = errors_for(fixture_data)
    assert any(e.startswith(f"data/benefits/less-pain.yml:{line_of(path, 'claim_finding')}: claim_finding: ")
               and "is about more-pain, not this claim" in e for e in errors), errors


def test_a_related_finding_is_about_other_people(fixture_data):
    path = fixture_data / SORE_BACK
    edit(path, "cautions: [blood-clot]", "cautions: [blood-clot]\nrelated_findings: [sore-back-gentle-rub-less-pain]")
    error = only_error(fixture_data)
    assert error.startswith(f"data/{SORE_BACK}:{line_of(path, 'related_findings')}: related_findings[0]: ")
    assert "shows on this page by itself" in error
    edit(path, "related_findings: [sore-back-gentle-rub-less-pain]", "related_findings: [adults-massage-less-pain]")
    load_knowledge_base(fixture_data)


def test_a_retracted_paper_backs_no_finding(fixture_data):
    edit(fixture_data / "sources" / "review-one.yml", "reuse:", "retracted: https://example.org/notice\nreuse:")
    errors = errors_for(fixture_data)
    assert errors and all("'review-one' was retracted" in e for e in errors)
    assert any(e.startswith(f"data/{FINDING}:") and "sources[0]" in e for e in errors)


def test_an_expired_guideline_is_history_not_current_advice(fixture_data):
    edit(fixture_data / "sources" / "review-one.yml", "reuse:", "current_until: 2022-04-04\nreuse:")
    errors = errors_for(fixture_data)
    assert any("'review-one' expired on 2022-04-04" in e and "as history" in e for e in errors), errors
    # Before its expiry it is current evidence.
    # (Five years ahead: a date decades ahead is refused as implausible, test_impossible_dates.py.)
    edit(fixture_data / "sources" / "review-one.yml", "current_until: 2022-04-04",
         f"current_until: {dt.date.today().year + 5}-04-04")
    load_knowledge_base(fixture_data)


def errors_for_on(data, today):
    from macros.data.data_errors import DataErrors
    with pytest.raises(DataErrors) as caught:
        load_knowledge_base(data, today=today)
    return [str(e) for e in caught.value.errors]


def test_a_search_date_in_the_future_is_refused(fixture_data):
    path = fixture_data / FINDING
    errors = errors_for_on(fixture_data, dt.date(2026, 11, 20))
    assert any(e.startswith(f"data/{FINDING}:{line_of(path, 'searched:')}: searched: ")
               and "in the future" in e for e in errors), errors


def test_searches_older_than_a_year_are_listed(fixture_data):
    kb = load_knowledge_base(fixture_data)
    assert stale_searches(kb, dt.date(2027, 11, 27)) == []
    stale = dict(stale_searches(kb, dt.date(2027, 11, 28)))
    assert set(stale) == {"sore-back-gentle-rub-less-pain", "adults-gentle-rub-less-pain", "adults-massage-less-pain"}


# ---- Red flags -------------------------------------------------------------------------

FLAG = "red-flags/numb-bottom.yml"


def test_one_red_flag_at_two_levels_is_refused(fixture_data):
    other = fixture_data / "red-flags" / "back-trouble.yml"
    other.write_text("name: Back trouble\nlevel: urgent\nsigns:\n  - Numbness around your bottom.\n"
                     "sources: [agency-page]\n")
    error = only_error(fixture_data)
    assert error.startswith(f"data/red-flags/numb-bottom.yml:{line_of(fixture_data / FLAG, 'Numbness')}: signs[0]: ") or \
        error.startswith(f"data/red-flags/back-trouble.yml:{line_of(other, 'Numbness')}: signs[0]: "), error
    assert "one red flag at two levels" in error and "emergency" in error and "urgent" in error


def test_the_same_sign_in_two_red_flags_at_one_level_is_refused(fixture_data):
    (fixture_data / "red-flags" / "again.yml").write_text(
        "name: Again\nlevel: emergency\nsigns:\n  - numbness around your bottom\nsources: [agency-page]\n")
    error = only_error(fixture_data)
    assert "a red flag is written once" in error and "at two levels" not in error


def test_a_red_flag_has_one_level_from_the_fixed_pair(fixture_data):
    path = fixture_data / FLAG
    edit(path, "level: emergency", "level: soon")
    error = only_error(fixture_data)
    assert error.startswith(f"data/{FLAG}:{line_of(path, 'level:')}: level: 'soon' is not allowed")


def test_a_page_names_red_flags_that_exist(fixture_data):
    path = fixture_data / SORE_BACK
    edit(path, "red_flags: [numb-bottom]", "red_flags: [numb-botom]")
    error = only_error(fixture_data)
    assert error.startswith(f"data/{SORE_BACK}:{line_of(path, 'red_flags')}: red_flags[0]: unknown red-flag 'numb-botom'")
    assert "did you mean 'numb-bottom'" in error


def test_a_published_condition_says_its_red_flags_or_none(fixture_data):
    path = fixture_data / SORE_BACK
    edit(path, "red_flags: [numb-bottom]\n", "")
    assert only_error(fixture_data) == f"data/{SORE_BACK}:1: red_flags: this required field is missing"
    path.write_text(path.read_text().replace("see_a_doctor:", "red_flags:\nsee_a_doctor:", 1))
    error = only_error(fixture_data)
    assert error.startswith(f"data/{SORE_BACK}:{line_of(path, 'red_flags:')}: red_flags: ") and "write none" in error
    edit(path, "red_flags:\n", "red_flags: none\n")
    assert load_knowledge_base(fixture_data)["condition"]["sore-back"].red_flags == []


def test_a_reviewer_must_be_listed(fixture_data):
    path = fixture_data / SORE_BACK
    edit(path, "next_review: 2027-11-01", "next_review: 2027-11-01\nreviewed_by: dr-nobody")
    error = only_error(fixture_data)
    assert error.startswith(f"data/{SORE_BACK}:{line_of(path, 'reviewed_by:')}: reviewed_by: unknown reviewer 'dr-nobody'")
    (fixture_data / "reviewers.yml").write_text(
        "dr-nobody:\n  name: Alex Example\n  credentials: PT\n  registration: Board 1\n  conflicts: none\n")
    kb = load_knowledge_base(fixture_data)
    assert kb.reviewers["dr-nobody"].name == "Alex Example"
