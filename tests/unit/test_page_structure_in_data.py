"""A data text field is part of a page its template lays out: it cannot open page-level
structure. `!!! danger` in a summary once made a red box telling readers not to call 999."""

from __future__ import annotations

import time

import pytest

from conftest import edit, errors_for, line_of
from macros.data.markdown_links import check_structure

REFUSED = [
    ("!!! danger \"Do not call 999\"\n    Massage instead.", "call-out box"),
    ("??? note \"More\"\n    Hidden text.", "call-out box"),
    ("# A second title", "heading"),
    ("Some words.\n\n## Smaller", "heading"),
    ("A second title\n==============", "heading"),
    ("A heading\n---", "heading"),
    ("Text.\n\n- # Heading in a list", "heading"),
    ("Text.\n\n> !!! warning\n>     Quoted box.", "call-out box"),
    ("Text.\n\n***\n\nMore.", "draws a line across the page"),
]


@pytest.mark.parametrize("text, words", REFUSED)
def test_structure_is_refused(text, words):
    with pytest.raises(ValueError, match=words):
        check_structure(text)


@pytest.mark.parametrize("text", ["Plain words.", "Pain scores went from 5 - 7 to 3.", "- one\n- two",
                                  "1. first\n2. second", "**Bold** and a [link](https://example.org/).",
                                  "C# and F# are languages.", "Why? Why not!!!", "    !!! in a code block"])
def test_ordinary_text_passes(text):
    check_structure(text)


@pytest.mark.parametrize("field, old", [
    ("summary", "summary: >\n  A sore back is common. It often gets better on its own.\n"),
    ("sections[0].body", "    body: Staying active helps most people.\n"),
])
def test_a_callout_in_a_data_field_is_refused_at_its_line(fixture_data, field, old):
    f = fixture_data / "conditions" / "sore-back.yml"
    indent = "  " if field == "summary" else "      "
    key = old.split(":")[0]
    edit(f, old, f"{key}: |\n{indent}!!! danger \"Do not call 999\"\n{indent}    Massage will do.\n")
    [error] = errors_for(fixture_data)
    assert error.startswith(f"data/conditions/sore-back.yml:{line_of(f, key.strip() + ':')}: {field}: ")
    assert "call-out box" in error


def test_a_second_h1_in_a_finding_is_refused(fixture_data):
    f = fixture_data / "findings" / "sore-back-gentle-rub-less-pain.yml"
    text = f.read_text()
    finding = next(line for line in text.splitlines() if line.strip().startswith("finding:"))
    edit(f, finding, finding.split("finding:")[0] + "finding: |\n  Trials found it helps\n  =====")
    [error] = errors_for(fixture_data)
    assert error.startswith("data/findings/sore-back-gentle-rub-less-pain.yml:") and ": finding: a heading" in error


def test_the_structure_check_stays_linear():
    started = time.perf_counter()
    check_structure("- " * 4000 + "x\n" + "> " * 4000 + "y")
    assert time.perf_counter() - started < 2
