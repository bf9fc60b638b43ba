"""Each data mistake an editor can make gets file, line, field and a clear message."""

from __future__ import annotations

import re

import pytest

from conftest import copy_project, edit, errors_for, line_of, only_error, run_build
from macros.data.knowledge_base import load_knowledge_base


def test_the_fixture_itself_is_valid(fixture_data):
    kb = load_knowledge_base(fixture_data)
    assert list(kb["condition"]) == ["sore-back"]


def test_yaml_syntax_error_names_file_and_line(fixture_data):
    error, f = only_error(fixture_data, "conditions/sore-back.yml", "body_area: back", "body_area: [back")
    assert error.startswith("data/conditions/sore-back.yml:")
    assert "YAML syntax" in error


def test_unknown_key_suggests_the_right_one(fixture_data):
    f = fixture_data / "conditions" / "sore-back.yml"
    edit(f, "summary:", "sumary:")
    errors = errors_for(fixture_data)
    line = line_of(f, "sumary:")
    assert f"data/conditions/sore-back.yml:{line}: sumary: unknown field 'sumary' (did you mean 'summary'?)" in errors[0] + "".join(errors)


def test_missing_required_field(fixture_data):
    error, f = only_error(fixture_data, "cautions/blood-clot.yml", "checklist: you have had a blood clot\n", "")
    assert error == "data/cautions/blood-clot.yml:1: checklist: this required field is missing"


def test_wrong_type(fixture_data):
    error, f = only_error(fixture_data, "techniques/gentle-rub.yml", "cautions: [blood-clot]", "cautions: blood-clot")
    assert error.startswith(f"data/techniques/gentle-rub.yml:{line_of(f, 'cautions:')}: cautions: ")
    assert "list" in error


def test_unknown_certainty_word_suggests_one(fixture_data):
    finding = "findings/sore-back-gentle-rub-less-pain.yml"
    error, f = only_error(fixture_data, finding, "certainty: low", "certainty: lowish")
    line = line_of(f, "lowish")
    assert error.startswith(f"data/{finding}:{line}: certainty: unknown certainty 'lowish'")
    assert "(did you mean 'low'?)" in error
    assert "high, moderate, low, very low, insufficient" in error


def test_impossible_date(fixture_data):
    f = fixture_data / "benefits" / "less-pain.yml"
    edit(f, "last_reviewed: 2026-11-01", "last_reviewed: 2026-02-30")
    errors = errors_for(fixture_data)
    assert f"data/benefits/less-pain.yml:{line_of(f, 'last_reviewed')}: last_reviewed: '2026-02-30' is not a real date" in errors[0]


def test_review_dates_out_of_order(fixture_data):
    error, f = only_error(fixture_data, "benefits/less-pain.yml", "next_review: 2027-11-01", "next_review: 2025-01-01")
    assert "data/benefits/less-pain.yml" in error
    assert "next_review: 2025-01-01 must come after last_reviewed 2026-11-01" in error


def test_unknown_technique_suggests_the_near_miss(fixture_data):
    finding = "findings/sore-back-gentle-rub-less-pain.yml"
    error, f = only_error(fixture_data, finding, "intervention: gentle-rub", "intervention: gentel-rub")
    line = line_of(f, "gentel-rub")
    assert error == (f"data/{finding}:{line}: intervention: "
                     "unknown technique 'gentel-rub' (did you mean 'gentle-rub'?): write a technique id, or one of "
                     "massage")


def test_unknown_source(fixture_data):
    error, f = only_error(fixture_data, "techniques/gentle-rub.yml", "sources: [agency-page]", "sources: [agency-pages]")
    assert "sources[0]: unknown source 'agency-pages' (did you mean 'agency-page'?)" in error
    assert error.startswith("data/techniques/gentle-rub.yml:")


def test_duplicate_id_across_kinds(fixture_data):
    (fixture_data / "benefits" / "gentle-rub.yml").write_text((fixture_data / "benefits" / "less-pain.yml").read_text())
    errors = errors_for(fixture_data)
    assert any("duplicate id 'gentle-rub'" in e and "data/techniques/gentle-rub.yml" in e for e in errors)


def test_empty_file(fixture_data):
    (fixture_data / "cautions" / "blood-clot.yml").write_text("# nothing yet\n")
    errors = errors_for(fixture_data)
    assert "data/cautions/blood-clot.yml:1: the file is empty: fill in the fields or delete it" in errors


def test_bytes_that_are_not_utf8(fixture_data):
    f = fixture_data / "conditions" / "sore-back.yml"
    line = line_of(f, "A sore")
    f.write_bytes(f.read_bytes().replace(b"A sore back is", b"A sore back \xe9is"))
    errors = errors_for(fixture_data)
    assert f"data/conditions/sore-back.yml:{line}: the file is not UTF-8 text: save it as UTF-8" in errors


@pytest.mark.parametrize("url", ["http://example.org/x", "javascript:alert(1)", "https://"])
def test_urls_must_be_https(fixture_data, url):
    error, f = only_error(fixture_data, "sources/review-one.yml", "url: https://example.org/review-one", f"url: '{url}'")
    assert error.startswith(f"data/sources/review-one.yml:{line_of(f, 'url:')}: url: ")
    assert "is not a valid https:// address" in error


def test_html_in_text_is_rejected(fixture_data):
    error, f = only_error(fixture_data, "conditions/sore-back.yml", "It often gets better", "It <script>alert(1)</script> often gets better")
    assert "data/conditions/sore-back.yml" in error and "summary: HTML is not allowed here" in error


@pytest.mark.parametrize("payload", ["{{ config }}", "{% include 'x' %}"])
def test_jinja_in_text_is_rejected(fixture_data, payload):
    error, f = only_error(fixture_data, "techniques/gentle-rub.yml", "name: Gentle rub", f'name: "Gentle {payload} rub"')
    assert error.startswith("data/techniques/gentle-rub.yml:1: name: curly braces")


def test_script_link_in_markdown_is_rejected(fixture_data):
    error, f = only_error(fixture_data, "conditions/sore-back.yml", "Staying active helps most people.", "Staying [active](javascript:alert(1)) helps.")
    assert "sections[0].body" in error and "'javascript:' is not allowed" in error


def test_repeated_yaml_key(fixture_data):
    f = fixture_data / "cautions" / "blood-clot.yml"
    f.write_text(f.read_text() + "name: Clots\n")
    [error] = errors_for(fixture_data)
    assert re.match(r"data/cautions/blood-clot\.yml:\d+: name: 'name' appears twice \(first on line 1\)", error)


def test_bad_file_name(fixture_data):
    (fixture_data / "conditions" / "sore-back.yml").rename(fixture_data / "conditions" / "Sore Back.yml")
    errors = errors_for(fixture_data)
    assert any(e.startswith("data/conditions/Sore Back.yml:1:") and "sore-back.yml" in e for e in errors)


@pytest.mark.parametrize("field, value, words", [
    ("doi", "doi:10.1/x", "is not a DOI"),
    ("pmid", "PMID123", "is not a PMID"),
])
def test_malformed_identifiers(fixture_data, field, value, words):
    f = fixture_data / "sources" / "review-one.yml"
    f.write_text(f.read_text() + f"{field}: '{value}'\n")
    [error] = errors_for(fixture_data)
    assert f"data/sources/review-one.yml:{line_of(f, field + ':')}: {field}: '{value}' {words}" in error


def test_link_to_a_draft_is_rejected(fixture_data):
    f = fixture_data / "cautions" / "blood-clot.yml"
    f.write_text(f.read_text() + "status: draft\n")
    errors = errors_for(fixture_data)
    assert errors and all("caution 'blood-clot' is still a draft" in e for e in errors)
    assert {e.split(":")[0] for e in errors} == {"data/conditions/sore-back.yml", "data/techniques/gentle-rub.yml"}


def test_all_errors_are_reported_in_one_pass(fixture_data):
    edit(fixture_data / "conditions" / "sore-back.yml", "body_area: back", "body_area: backside")
    edit(fixture_data / "cautions" / "blood-clot.yml", "action: ask-your-doctor-first", "action: run")
    edit(fixture_data / "sources" / "review-one.yml", "year: 2020", "year: twenty")
    edit(fixture_data / "red-flags" / "numb-bottom.yml", "level: emergency", "level: soon")
    errors = errors_for(fixture_data)
    assert len(errors) == 4
    assert {e.split(":")[0] for e in errors} == {
        "data/conditions/sore-back.yml", "data/cautions/blood-clot.yml", "data/sources/review-one.yml",
        "data/red-flags/numb-bottom.yml"}


def test_a_data_error_stops_the_build_cleanly(tmp_path, fixture_data):
    edit(fixture_data / "findings" / "sore-back-gentle-rub-less-pain.yml", "intervention: gentle-rub",
         "intervention: gentel-rub")
    project = copy_project(tmp_path / "project", data=fixture_data)
    site = tmp_path / "site"
    result = run_build(project, site)
    assert result.returncode != 0
    output = result.stdout + result.stderr
    assert "Traceback" not in output
    assert "data/findings/sore-back-gentle-rub-less-pain.yml:" in output
    assert "unknown technique 'gentel-rub' (did you mean 'gentle-rub'?)" in output
    assert not site.exists(), "nothing half-built may be published"


@pytest.mark.parametrize("code", ["m54.3", "M543", "M54.", "M54.3XXXXX", "54.3"])
def test_malformed_diagnosis_code(fixture_data, code):
    f = fixture_data / "conditions" / "sore-back.yml"
    f.write_text(f.read_text() + f"icd10:\n  - code: '{code}'\n    title: Sciatica\n    confirmed_at: https://example.org/codes\n")
    [error] = errors_for(fixture_data)
    assert error.startswith(f"data/conditions/sore-back.yml:{line_of(f, 'code:')}: icd10[0].code: '{code}'")
    assert "is not an ICD-10-CM code" in error


def test_a_diagnosis_code_claimed_by_two_conditions(fixture_data):
    f = fixture_data / "conditions" / "sore-back.yml"
    f.write_text(f.read_text() + "icd10:\n  - code: M54.5\n    title: Low back pain\n    confirmed_at: https://example.org/codes\n")
    other = fixture_data / "conditions" / "stiff-back.yml"
    other.write_text(f.read_text().replace("name: Sore back", "name: Stiff back"))
    [error] = errors_for(fixture_data)
    assert error.startswith(f"data/conditions/stiff-back.yml:{line_of(other, 'code:')}: icd10[0].code: code M54.5 is already claimed by data/conditions/sore-back.yml")
