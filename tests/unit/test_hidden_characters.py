"""Invisible and control characters never reach a page, a title or the JSON: they are
refused at the line and field where they are. What is hidden is decided by Unicode's
properties (macros/data/hidden_characters.py), not by a hand-written list."""

from __future__ import annotations

import pytest

from conftest import edit, errors_for, line_of

HIDDEN = ["\x00", "\x1b", "\x07", "\x7f", "\x85", "\x9b", "\u202a", "\u202e", "\u2066", "\u2069",
          "\u200b", "\u200d", "\u2060", "\ufeff",
          # Default-ignorable characters that are not format characters, and the rest of U+206A-206F.
          "\u034f", "\u115f", "\u1160", "\u3164", "\uffa0", "\u206a", "\u206f", "\u180b", "\u17b4",
          "\ufe00", "\ufe0f", "\U000e0100", "\U000e01ef", "\U000e0041",
          # Format characters outside the Default_Ignorable ranges, and the separators.
          "\u0600", "\U000110bd", "\u2028", "\u2029"]


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


def test_the_default_ignorable_table_is_unicodes(tmp_path):
    """The one table of Default_Ignorable_Code_Point ranges matches the property as the regex
    module (its own copy of Unicode's data) has it, code point by code point."""
    import regex

    from macros.data.hidden_characters import DEFAULT_IGNORABLE, is_default_ignorable

    every = "".join(chr(c) for c in range(0x110000) if not 0xD800 <= c <= 0xDFFF)
    unicode = {ord(c) for c in regex.findall(r"\p{Default_Ignorable_Code_Point}", every)}
    table = {c for first, last in DEFAULT_IGNORABLE for c in range(first, last + 1)}
    assert table == unicode, f"missing: {sorted(unicode - table)[:10]}, extra: {sorted(table - unicode)[:10]}"
    assert all(is_default_ignorable(chr(c)) for c in table)
    assert not any(is_default_ignorable(chr(c)) for c in (0x20, 0xAC, 0xAE, 0x3165, 0xE1000, 0x10FFFF))


def test_every_format_character_is_hidden():
    """Format characters (Cf) are hidden by their category, whichever Unicode Python has."""
    import unicodedata

    from macros.data.hidden_characters import is_hidden

    cf = [chr(c) for c in range(0x110000) if unicodedata.category(chr(c)) == "Cf"]
    assert len(cf) > 150 and all(is_hidden(c) for c in cf)
    assert not any(is_hidden(c) for c in "aZ09 \t\n\u00e9\u2013\u201c\u00a0\u4e2d")



def test_a_hidden_character_in_a_docs_page_is_refused_at_its_line(tmp_path):
    from macros.site.docs_input import docs_page_errors

    text = "---\ntitle: Fine\n---\n\n# Fine\n\nA message in\ufe0f\U000e0101 variation selectors.\n"
    errors = [str(e) for e in docs_page_errors("notes.md", text)]
    assert len(errors) == 2 and all(e.startswith("docs/notes.md:7: ") for e in errors), errors
    assert "U+FE0F" in errors[0] and "U+E0101" in errors[1]
