"""Links in data text are judged on the parsed Markdown, so no syntax can hide one:
only https:// addresses and this site's own .md pages may be linked."""

from __future__ import annotations

import pytest
import yaml

from conftest import ROOT, edit, errors_for, line_of

BODY = "    body: Staying active helps most people."


def set_body(fixture_data, body: str):
    f = fixture_data / "conditions" / "sore-back.yml"
    indented = "\n".join("      " + line if line else "" for line in body.splitlines())
    edit(f, BODY, "    body: |\n" + indented)
    return f


@pytest.mark.parametrize("body, target", [
    ("Read more.\n\n- [r]: //evil.example/x\n\n[here][r]", "//evil.example/x"),
    ("1. [r]: data:text/html;base64,PHNjcmlwdD4=\n\n[here][r]", "data:text/html;base64,PHNjcmlwdD4="),
    ("[]: //evil.example/y\n\nText.", "//evil.example/y"),
    ("- item\n\n    [deep]: //evil.example/z", "//evil.example/z"),
    ("See [this](//evil.example/p).", "//evil.example/p"),
    ("See [this](data:text/html,hi).", "data:text/html,hi"),
    ("See [this](http://example.org/a).", "http://example.org/a"),
    ("See [this](ftp://example.org/a).", "ftp://example.org/a"),
    ("See [this](conditions/sciatica/).", "conditions/sciatica/"),
    ("> [q]: //evil.example/q", "//evil.example/q"),
])
def test_a_smuggled_link_is_refused(fixture_data, body, target):
    f = set_body(fixture_data, body)
    [error] = errors_for(fixture_data)
    assert error.startswith(f"data/conditions/sore-back.yml:{line_of(f, 'body:')}: sections[0].body: ")
    assert f"link target '{target}' is not allowed" in error


def test_a_definition_in_a_summary_used_from_another_field_is_refused(fixture_data):
    f = fixture_data / "conditions" / "sore-back.yml"
    edit(f, "summary: >\n  A sore back is common. It often gets better on its own.\n",
         "summary: |\n  A sore back is common.\n\n  * [s]: //evil.example/s\n")
    [error] = errors_for(fixture_data)
    assert "summary: link target '//evil.example/s' is not allowed" in error


@pytest.mark.parametrize("text", ["Some text [s]: //evil.example/t", "Text\n* [s]: //evil.example/t"])
def test_a_definition_the_field_alone_would_not_make_is_refused_too(fixture_data, text):
    # In another place on the page the same words could become a definition.
    f = fixture_data / "conditions" / "sore-back.yml"
    edit(f, "The pain lasts more than six weeks.", text.replace("\n", "\\n").join('""'))
    [error] = errors_for(fixture_data)
    assert "see_a_doctor[0]: link target '//evil.example/t' is not allowed" in error


def test_an_image_is_refused(fixture_data):
    set_body(fixture_data, "A picture: ![pixel](https://evil.example/p.png)")
    [error] = errors_for(fixture_data)
    assert "sections[0].body: pictures are not allowed" in error


@pytest.mark.parametrize("body", [
    "Read [the NHS page](https://www.nhs.uk/conditions/back-pain/).",
    "See [sciatica](/conditions/sciatica.md) and [its signs](/conditions/sciatica.md#warning-signs).",
    "Read [the review][r].\n\n[r]: https://example.org/review",
    "- one\n- two [three](https://example.org/3)",
    "Brackets [like this] are just text.",
])
def test_allowed_links_pass(fixture_data, body):
    set_body(fixture_data, body)
    assert errors_for_or_none(fixture_data) == []


def errors_for_or_none(data):
    from macros.data.data_errors import DataErrors
    from macros.data.knowledge_base import load_knowledge_base
    try:
        load_knowledge_base(data)
    except DataErrors as exc:
        return [str(e) for e in exc.errors]
    return []


def test_the_check_renders_with_the_sites_markdown_extensions():
    from macros.data import markdown_links
    config = yaml.load((ROOT / "mkdocs.yml").read_text(), Loader=yaml.BaseLoader)
    names = [next(iter(e)) if isinstance(e, dict) else e for e in config["markdown_extensions"]]
    assert sorted(markdown_links.EXTENSIONS) == sorted(names)
