"""Data files are plain data: YAML features editors never need are refused by name,
at their line, before anything walks the document (an alias bomb must not expand)."""

from __future__ import annotations

import pytest

from conftest import edit, errors_for, line_of

SORE_BACK = ("conditions", "sore-back.yml")


def sore_back(fixture_data):
    return fixture_data.joinpath(*SORE_BACK)


def test_an_anchor_is_refused_by_name(fixture_data):
    f = sore_back(fixture_data)
    edit(f, "also_called: [Backache]", "also_called: &names [Backache]")
    [error] = errors_for(fixture_data)
    assert error.startswith(f"data/conditions/sore-back.yml:{line_of(f, '&names')}: also_called: ")
    assert "anchors ('&') and aliases ('*') are not allowed: write the value out" in error


def test_an_alias_is_refused_at_its_line(fixture_data):
    f = sore_back(fixture_data)
    edit(f, "also_called: [Backache]", "also_called: &n [Backache]")
    edit(f, "sources: [agency-page]\nlast", "sources: *n\nlast")
    errors = errors_for(fixture_data)
    assert any(e.startswith(f"data/conditions/sore-back.yml:{line_of(f, '*n')}: sources: anchors") for e in errors)


def test_an_alias_bomb_is_refused_without_expanding_it(fixture_data):
    # Nine levels of nine: expanded, 387 million strings. Refused from the event stream.
    lines = ['a0: &a0 ["x","x","x","x","x","x","x","x","x"]']
    lines += [f"a{i}: &a{i} [" + ",".join([f"*a{i - 1}"] * 9) + "]" for i in range(1, 9)]
    f = sore_back(fixture_data)
    f.write_text("\n".join(lines) + "\n" + f.read_text())
    errors = errors_for(fixture_data)
    assert errors[0].startswith("data/conditions/sore-back.yml:1: a0: anchors")
    assert all("anchors ('&') and aliases ('*') are not allowed" in e for e in errors)


def test_a_recursive_alias_is_refused(fixture_data):
    f = sore_back(fixture_data)
    edit(f, "also_called: [Backache]", "also_called: &loop [Backache, *loop]")
    errors = errors_for(fixture_data)
    assert errors and all("anchors ('&') and aliases ('*') are not allowed" in e for e in errors)
    assert errors[0].startswith("data/conditions/sore-back.yml:2: also_called")


def test_a_merge_key_is_refused_by_name(fixture_data):
    f = sore_back(fixture_data)
    edit(f, "sections:\n  - heading: What else helps\n",
         "sections:\n  - <<: {heading: What else helps}\n    heading: What else helps\n")
    errors = errors_for(fixture_data)
    assert f"data/conditions/sore-back.yml:{line_of(f, '<<:')}: sections[0].<<: merge keys ('<<') are not " \
           "allowed: write each field out" in errors


@pytest.mark.parametrize("field, old, new", [
    ("last_reviewed", "last_reviewed: 2026-11-01", "last_reviewed: !!timestamp 2026-02-30"),
    ("next_review", "next_review: 2027-11-01", "next_review: !!int 20x5"),
    ("name", "name: Sore back", "name: !!bool maybe"),
    ("also_called", "also_called: [Backache]", "also_called: !!set {Backache}"),
    ("summary", "summary: >", "summary: !custom >"),
])
def test_an_explicit_tag_is_refused_by_name(fixture_data, field, old, new):
    f = sore_back(fixture_data)
    edit(f, old, new)
    errors = errors_for(fixture_data)
    assert f"data/conditions/sore-back.yml:{line_of(f, new)}: {field}: tags such as " \
           f"'{new.split()[1]}' are not allowed: write the plain value" in errors
    assert not any("Traceback" in e for e in errors)


@pytest.mark.parametrize("key_text, shown", [
    ("? [a, b]\n: x\n", "[a, b]"),
    ("? {a: b}\n: x\n", "{a: b}"),
    ("2020: x\n", "2020"),
    ("true: x\n", "true"),
    ("null: x\n", "null"),
])
def test_a_field_name_that_is_not_a_word_is_refused(fixture_data, key_text, shown):
    f = sore_back(fixture_data)
    f.write_text(f.read_text() + key_text)
    errors = errors_for(fixture_data)
    line = len(f.read_text().splitlines()) - key_text.count("\n") + 1
    [error] = [e for e in errors if "field names" in e]
    assert error.startswith(f"data/conditions/sore-back.yml:{line}: ")
    assert "field names are plain words" in error


def test_nesting_deeper_than_the_model_needs_is_refused(fixture_data):
    f = sore_back(fixture_data)
    edit(f, "also_called: [Backache]", "also_called: [[[[[[[[[[[[Backache]]]]]]]]]]]]")
    [error] = errors_for(fixture_data)
    assert error.startswith("data/conditions/sore-back.yml:2: also_called")
    assert "nested more than 6 levels deep" in error


def test_very_deep_nesting_stops_early_without_a_crash(fixture_data):
    f = sore_back(fixture_data)
    edit(f, "also_called: [Backache]", "also_called: " + "{a: " * 12_000 + "b" + "}" * 12_000)
    [error] = errors_for(fixture_data)
    assert "nested more than 6 levels deep" in error


def test_two_documents_in_one_file_are_refused(fixture_data):
    f = sore_back(fixture_data)
    f.write_text(f.read_text() + "---\nname: Other\n")
    [error] = errors_for(fixture_data)
    assert error.startswith(f"data/conditions/sore-back.yml:{line_of(f, '---')}: ")
    assert "one file holds one page" in error


@pytest.mark.parametrize("written, words", [
    ("012", "'012' would be read as the number 10 (a leading 0 makes it octal): write 12, or put it in quotes"),
    ("0x7E4", "'0x7E4' would be read as the number 2020: write the number in plain digits"),
    ("33:40", "'33:40' would be read as the number 2020: write the number in plain digits"),
    ("2_020", "'2_020' would be read as the number 2020: write 2020, or put it in quotes"),
])
def test_a_number_is_reported_as_written(fixture_data, written, words):
    """YAML 1.1 reads 012 as 10: the message says what was written, not "found 10"."""
    f = fixture_data / "sources" / "review-one.yml"
    edit(f, "year: 2020", f"year: {written}")
    [error] = errors_for(fixture_data)
    assert words in error, error
    assert error.startswith(f"data/sources/review-one.yml:{line_of(f, 'year:')}: year: ")
    assert "found" not in error


def test_plain_numbers_and_quoted_digits_are_fine(fixture_data):
    from macros.data.knowledge_base import load_knowledge_base

    f = fixture_data / "sources" / "review-one.yml"
    f.write_text(f.read_text() + 'doi: "10.1000/0123"\n')
    assert load_knowledge_base(fixture_data)["source"]["review-one"].year == 2020
