"""Pathological sizes are refused with a limit an editor can act on, before any
slow step: file size, field length, list length and Markdown that is only noise."""

from __future__ import annotations

from conftest import edit, errors_for, line_of
# The limits an editor is told about (macros/data/input_limits.py), written out so that
# changing them is a visible decision.
MAX_FILE_BYTES = 64 * 1024
MAX_LIST_ITEMS = 100
TEXT_LIMITS = {"name": 120, "summary": 2000, "body": 8000}


def test_a_file_over_the_size_limit_is_refused_unread(fixture_data):
    f = fixture_data / "conditions" / "sore-back.yml"
    f.write_text(f.read_text() + "#" + "x" * MAX_FILE_BYTES + "\n")
    [error] = errors_for(fixture_data)
    assert error.startswith("data/conditions/sore-back.yml:1: the file is ")
    assert f"this file may be at most {MAX_FILE_BYTES // 1024} KB" in error


def test_160000_blank_lines_are_refused_by_size(fixture_data):
    f = fixture_data / "conditions" / "sore-back.yml"
    edit(f, "    body: Staying active helps most people.",
         "    body: |\n      Staying active.\n" + "\n" * 160_000 + "      Really.")
    [error] = errors_for(fixture_data)
    assert "this file may be at most" in error


def test_a_long_name_is_refused_at_its_line(fixture_data):
    f = fixture_data / "techniques" / "gentle-rub.yml"
    edit(f, "name: Gentle rub", "name: Gentle " + "rub " * 40)
    [error] = errors_for(fixture_data)
    assert error.startswith(f"data/techniques/gentle-rub.yml:{line_of(f, 'name:')}: name: ")
    assert f"at most {TEXT_LIMITS['name']} characters" in error


def test_a_long_summary_and_a_long_body_are_refused(fixture_data):
    f = fixture_data / "conditions" / "sore-back.yml"
    edit(f, "  A sore back is common.", "  A sore back is common." + " Rest a bit." * 400)
    edit(f, "    body: Staying active helps most people.", "    body: " + "Walk a bit. " * 1000)
    errors = errors_for(fixture_data)
    assert any(e.startswith(f"data/conditions/sore-back.yml:{line_of(f, 'summary:')}: summary: ") and
               f"at most {TEXT_LIMITS['summary']} characters" in e for e in errors)
    assert any(e.startswith(f"data/conditions/sore-back.yml:{line_of(f, 'body:')}: sections[0].body: ") and
               f"at most {TEXT_LIMITS['body']} characters" in e for e in errors)


def test_a_long_list_is_refused_at_the_first_item_too_many(fixture_data):
    f = fixture_data / "conditions" / "sore-back.yml"
    items = "".join(f"  - Question {i}?\n" for i in range(MAX_LIST_ITEMS + 5))
    edit(f, "questions:\n  - Have you treated a sore back before?\n", "questions:\n" + items)
    [error] = errors_for(fixture_data)
    assert error.startswith(f"data/conditions/sore-back.yml:{line_of(f, f'Question {MAX_LIST_ITEMS}?')}: questions: ")
    assert f"at most {MAX_LIST_ITEMS} items" in error


def test_thousands_of_brackets_in_a_file_are_refused(fixture_data):
    f = fixture_data / "conditions" / "sore-back.yml"
    edit(f, "    body: Staying active helps most people.", "    body: \"" + "[" * 5000 + "\"")
    [error] = errors_for(fixture_data)
    assert error.startswith("data/conditions/sore-back.yml:1: the file has 500")
    assert "at most 200 are allowed" in error


def test_too_many_brackets_in_one_field_are_refused(fixture_data):
    f = fixture_data / "conditions" / "sore-back.yml"
    edit(f, "    body: Staying active helps most people.", "    body: \"" + "[a](" * 150 + "\"")
    [error] = errors_for(fixture_data)
    assert error.startswith(f"data/conditions/sore-back.yml:{line_of(f, 'body:')}: sections[0].body: ")
    assert "too many '[' characters (150; at most 100)" in error


def test_deeply_nested_markdown_lists_are_refused_not_crashed(fixture_data):
    f = fixture_data / "conditions" / "sore-back.yml"
    edit(f, "    body: Staying active helps most people.", "    body: \"" + "- " * 2000 + "x\"")
    [error] = errors_for(fixture_data)
    assert "sections[0].body: " in error and "nested too deeply" in error


def test_deeply_nested_quotes_are_refused(fixture_data):
    f = fixture_data / "conditions" / "sore-back.yml"
    edit(f, "The pain lasts more than six weeks.", "'" + "> " * 500 + "x'")
    [error] = errors_for(fixture_data)
    assert "see_a_doctor[0]: " in error and "nested too deeply" in error


def test_thousands_of_field_names_are_refused_once(fixture_data):
    f = fixture_data / "conditions" / "sore-back.yml"
    f.write_text(f.read_text() + "".join(f"extra{i}: x\n" for i in range(3000)))
    errors = errors_for(fixture_data)
    keys = [i for i, text in enumerate(f.read_text().splitlines(), 1) if text and not text.startswith((" ", "#"))]
    assert errors[0].startswith(f"data/conditions/sore-back.yml:{keys[MAX_LIST_ITEMS]}: ")
    assert f"at most {MAX_LIST_ITEMS} fields" in errors[0]
    assert len(errors) == 1


def test_the_redirects_file_has_room_for_thousands_of_renamed_pages(fixture_data):
    from macros.data.knowledge_base import load_knowledge_base
    (fixture_data / "redirects.yml").write_text(
        "".join(f"conditions/old-{i}: conditions/sore-back\n" for i in range(3000)))
    assert len(load_knowledge_base(fixture_data).redirects) == 3000
