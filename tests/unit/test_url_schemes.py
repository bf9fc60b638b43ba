"""One URL-scheme check (macros/data/url_schemes.py) decodes entities and percent-encoding
before it judges, and names the scheme it found; the data, docs/ pages and SVG images all
use it."""

from __future__ import annotations

import pytest

from conftest import edit, errors_for, line_of
from macros.data import url_schemes
from macros.site.page_markup_rules import markup_problems

ENCODED = [
    ("javascript:alert(1)", "javascript"),
    ("&#106;avascript:alert(1)", "javascript"),
    ("&#x6A;avascript&colon;alert(1)", "javascript"),
    ("&#106avascript:alert(1)", "javascript"),
    ("java&Tab;script:alert(1)", "javascript"),
    ("jav&#x0A;ascript:alert(1)", "javascript"),
    (" \x01JAVASCRIPT:alert(1)", "javascript"),
    ("%6Aavascript:alert(1)", "javascript"),
    ("&amp;#106;avascript:alert(1)", "javascript"),
    ("java\u200bscript:alert(1)", "javascript"),
    ("vbscript:msgbox(1)", "vbscript"),
    ("&#x76;bscript:msgbox(1)", "vbscript"),
    ("data:text/html;base64,PHNjcmlwdD4=", "data"),
    ("DaTa&colon;image/svg+xml,x", "data"),
]


@pytest.mark.parametrize("address, scheme", ENCODED)
def test_the_scheme_is_judged_once_decoded(address, scheme):
    assert url_schemes.refused_scheme(address) == scheme


@pytest.mark.parametrize("address", ["https://example.org/a?b=c&amp;d=e", "../conditions/sciatica/", "#refs",
                                     "mailto:editors@example.org", "/guide/", "assets/logo.svg"])
def test_ordinary_addresses_pass(address):
    assert url_schemes.refused_scheme(address) is None


@pytest.mark.parametrize("address, scheme", ENCODED)
def test_docs_html_names_the_real_scheme(address, scheme):
    problems = markup_problems(f'<p><a href="{address}">x</a></p>')
    assert any(f"'{scheme}:' addresses are not allowed" in p for p in problems), problems


@pytest.mark.parametrize("written, scheme", [("vbscript:msgbox(1)", "vbscript"),
                                             ("vb&#115;cript:msgbox(1)", "vbscript"),
                                             ("&#106;avascript:alert(1)", "javascript")])
def test_a_data_link_is_refused_with_the_real_scheme_at_its_line(fixture_data, written, scheme):
    f = fixture_data / "conditions" / "sore-back.yml"
    edit(f, "Staying active helps most people.", f"Staying [active]({written}) helps.")
    [error] = errors_for(fixture_data)
    assert error.startswith(f"data/conditions/sore-back.yml:{line_of(f, 'Staying')}: sections[0].body: ")
    assert f"'{scheme}:'" in error and (scheme == "javascript" or "javascript" not in error), error


def test_text_that_only_mentions_data_is_fine():
    assert url_schemes.script_scheme_in_text("Open data: the guide's files") is None
    assert url_schemes.script_scheme_in_text("see VB&#115;cript: here") == "vbscript"
