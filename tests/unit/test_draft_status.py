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
    kb = load_knowledge_base(fixture_data)
    assert f"data/benefits/less-pain.yml:{line_of(f, 'claim:')}: claim: draft: blank: fill it in before you publish" \
        in [str(w) for w in kb.warnings]
    assert "less-pain" in kb.drafts["benefit"] and "less-pain" not in kb["benefit"]


def test_findings_about_a_draft_wait_with_it(fixture_data):
    """The findings on the draft claim are kept off the site with it, and the editor is told."""
    make_draft(fixture_data / "benefits" / "less-pain.yml")
    kb = load_knowledge_base(fixture_data)
    waiting = {"adults-massage-less-pain", "adults-gentle-rub-less-pain", "sore-back-gentle-rub-less-pain"}
    assert set(kb.drafts["finding"]) == waiting and not kb["finding"]
    assert {w.file for w in kb.warnings if "waits for the draft benefit 'less-pain'" in w.message} == \
        {f"data/findings/{f}.yml" for f in waiting}


def test_the_same_blank_in_a_published_page_is_an_error(fixture_data):
    f = fixture_data / "benefits" / "less-pain.yml"
    edit(f, "claim: Massage takes pain away.", "claim:")
    assert errors_for(fixture_data) == [
        f"data/benefits/less-pain.yml:{line_of(f, 'claim:')}: claim: this field is blank: fill it in"]


def test_a_wrong_value_in_a_draft_is_still_an_error(fixture_data):
    f = fixture_data / "conditions" / "sore-back.yml"
    make_draft(f)
    edit(f, "body_area: back", "body_area: backside")
    [error] = errors_for(fixture_data)
    assert error.startswith(f"data/conditions/sore-back.yml:{line_of(f, 'backside')}: body_area: "
                            "'backside' is not allowed")


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
    f = fixture_data / "cautions" / "blood-clot.yml"
    make_draft(f)
    edit(f, "summary: Massage could move a clot. Ask your doctor before you book.", "summary:")
    errors = errors_for(fixture_data)
    assert any(e.startswith("data/conditions/sore-back.yml:") and "caution 'blood-clot' is still a draft" in e
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
