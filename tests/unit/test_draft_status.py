"""Drafts: what is not written yet is a warning; what is wrong is an error, as on any page."""

from __future__ import annotations

import pytest

from conftest import edit, errors_for, line_of
from macros.cli import check
from macros.data.knowledge_base import load_knowledge_base


def make_draft(path):
    path.write_text(path.read_text() + "status: draft\n")


def test_a_blank_required_field_in_a_draft_is_a_warning(fixture_data):
    f = fixture_data / "benefits" / "less-pain.yml"
    make_draft(f)
    edit(f, "claim: Massage takes pain away.", "claim:")
    edit(fixture_data / "conditions" / "sore-back.yml", "benefits:\n  - id: less-pain\n    certainty: very low\n"
         "    finding: Pain eased for a few days in one small trial.\n    sources: [review-one]\n"
         "    direction: benefit\n    evidence: direct\n    searched: 2026-11-27\n", "")
    edit(fixture_data / "techniques" / "gentle-rub.yml", "benefits:\n  - id: less-pain\n    certainty: low\n"
         "    finding: Some people feel less pain for a short time.\n    sources: [review-one]\n"
         "    direction: benefit\n    evidence: direct\n    searched: 2026-11-27\n", "")
    kb = load_knowledge_base(fixture_data)
    assert [str(w) for w in kb.warnings] == [
        f"data/benefits/less-pain.yml:{line_of(f, 'claim:')}: claim: draft: blank: fill it in before you publish"]
    assert "less-pain" in kb.drafts["benefit"] and "less-pain" not in kb["benefit"]


def test_the_same_blank_in_a_published_page_is_an_error(fixture_data):
    f = fixture_data / "benefits" / "less-pain.yml"
    edit(f, "claim: Massage takes pain away.", "claim:")
    assert errors_for(fixture_data) == [
        f"data/benefits/less-pain.yml:{line_of(f, 'claim:')}: claim: this field is blank: fill it in"]


def test_a_wrong_value_in_a_draft_is_still_an_error(fixture_data):
    f = fixture_data / "conditions" / "sore-back.yml"
    make_draft(f)
    edit(f, "certainty: low", "certainty: lowish")
    [error] = errors_for(fixture_data)
    assert error.startswith(f"data/conditions/sore-back.yml:{line_of(f, 'lowish')}: techniques[0].certainty: "
                            "unknown certainty 'lowish'")


@pytest.mark.parametrize("placeholder", ["TODO", "TODO: write the summary", "...", "TBD"])
def test_placeholder_text_warns_in_a_draft_and_fails_a_published_page(fixture_data, placeholder):
    f = fixture_data / "conditions" / "sore-back.yml"
    edit(f, "  - The pain lasts more than six weeks.", f'  - "{placeholder}"')
    line = line_of(f, placeholder)
    [error] = errors_for(fixture_data)
    assert error.startswith(f"data/conditions/sore-back.yml:{line}: see_a_doctor[0]: placeholder text")
    assert error.endswith("write the real text, or set status: draft")
    make_draft(f)
    kb = load_knowledge_base(fixture_data)
    assert [w.line for w in kb.warnings if w.field == "see_a_doctor[0]"] == [line]


def test_a_published_page_may_not_link_to_an_unfinished_draft(fixture_data):
    f = fixture_data / "techniques" / "gentle-rub.yml"
    make_draft(f)
    edit(f, "summary: A light, slow massage with long strokes.", "summary:")
    errors = errors_for(fixture_data)
    assert any(e.startswith("data/conditions/sore-back.yml:") and "technique 'gentle-rub' is still a draft" in e
               for e in errors), errors


def test_make_check_lists_warnings_and_passes(fixture_data, capsys, monkeypatch):
    monkeypatch.delenv("GITHUB_ACTIONS", raising=False)
    f = fixture_data / "conditions" / "sore-back.yml"
    make_draft(f)
    edit(f, "  - The pain lasts more than six weeks.", "  - TODO")
    assert check.main([str(fixture_data)]) == 0
    out = capsys.readouterr().out
    assert "1 draft (not published)" in out
    assert f"  data/conditions/sore-back.yml:{line_of(f, 'TODO')}: see_a_doctor[0]: draft: placeholder text" in out
    assert "::warning" not in out


def test_in_github_actions_warnings_become_annotations(fixture_data, capsys, monkeypatch):
    monkeypatch.setenv("GITHUB_ACTIONS", "true")
    f = fixture_data / "conditions" / "sore-back.yml"
    make_draft(f)
    edit(f, "  - The pain lasts more than six weeks.", "  - TODO")
    assert check.main([str(fixture_data)]) == 0
    out = capsys.readouterr().out
    assert f"::warning file=data/conditions/sore-back.yml,line={line_of(f, 'TODO')}::see_a_doctor[0]: draft:" in out
