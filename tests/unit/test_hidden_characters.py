"""Invisible and control characters never reach a page, a title or the JSON: they are
refused at the line and field where they are."""

from __future__ import annotations

import pytest

from conftest import edit, errors_for, line_of

HIDDEN = ["\x00", "\x1b", "\x07", "\x7f", "\x85", "\x9b", "\u202a", "\u202e", "\u2066", "\u2069",
          "\u200b", "\u200d", "\u2060", "\ufeff"]


@pytest.mark.parametrize("char", HIDDEN, ids=[f"U+{ord(c):04X}" for c in HIDDEN])
def test_a_hidden_character_is_refused_at_its_line(fixture_data, char):
    f = fixture_data / "conditions" / "sore-back.yml"
    f.write_bytes(f.read_bytes().replace(b"[Backache]", f"[Back{char}ache]".encode()))
    errors = errors_for(fixture_data)
    assert len(errors) == 1, errors
    assert errors[0].startswith("data/conditions/sore-back.yml:2: also_called")
    assert f"U+{ord(char):04X}" in errors[0]


def test_a_hidden_character_deep_in_a_block_is_refused_at_its_own_line(fixture_data):
    f = fixture_data / "conditions" / "sore-back.yml"
    edit(f, "    body: Staying active helps most people.",
         "    body: |\n      Staying active helps.\n\n      Most \u202epeople.\n")
    [error] = errors_for(fixture_data)
    assert error.startswith(f"data/conditions/sore-back.yml:{line_of(f, 'Most')}: sections[0].body: ")
    assert "U+202E" in error and "RIGHT-TO-LEFT OVERRIDE" in error


@pytest.mark.parametrize("escape, code", [("\\e", "U+001B"), ("\\0", "U+0000"), ("\\u202E", "U+202E"),
                                          ("\\u200B", "U+200B"), ("\\x9b", "U+009B"), ("\\r", "U+000D")])
def test_a_hidden_character_written_as_an_escape_is_refused(fixture_data, escape, code):
    f = fixture_data / "techniques" / "gentle-rub.yml"
    edit(f, "name: Gentle rub", f'name: "Gentle{escape} rub"')
    [error] = errors_for(fixture_data)
    assert error.startswith(f"data/techniques/gentle-rub.yml:{line_of(f, 'name:')}: name: ")
    assert code in error


def test_a_byte_order_mark_at_the_start_and_windows_line_ends_are_fine(fixture_data):
    from macros.data.knowledge_base import load_knowledge_base
    f = fixture_data / "techniques" / "gentle-rub.yml"
    f.write_bytes(b"\xef\xbb\xbf" + f.read_bytes().replace(b"\n", b"\r\n"))
    assert "gentle-rub" in load_knowledge_base(fixture_data)["technique"]


def test_tabs_in_a_block_are_fine(fixture_data):
    from macros.data.knowledge_base import load_knowledge_base
    f = fixture_data / "conditions" / "sore-back.yml"
    edit(f, "    body: Staying active helps most people.", "    body: |\n      Staying\tactive helps.")
    assert "sore-back" in load_knowledge_base(fixture_data)["condition"]
