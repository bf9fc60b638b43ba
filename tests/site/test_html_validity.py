"""Every built page passes the W3C Nu HTML Checker (npm vnu-jar, run with Debian's Java).

The only errors allowed are the theme's own, each listed below with the markup it comes from;
any other error, on any page, fails the test.
"""

from __future__ import annotations

import json
import os
import re
import subprocess
from pathlib import Path

import pytest

from conftest import ROOT, needed_tool

VNU_JAR = ROOT / "tests" / "html_check" / "node_modules" / "vnu-jar" / "build" / "dist" / "vnu.jar"

# (message starts with, the offending markup matches): Material for MkDocs' own markup.
THEME_ERRORS = [
    # The drawer and search toggles are checkboxes with autocomplete="off".
    ("Attribute “autocomplete” is only allowed when the input type is",
     re.compile(r'<input class="md-toggle" data-md-toggle="(drawer|search)" type="checkbox" id="__(drawer|search)" '
                r'autocomplete="off">')),
    # The table of contents' title labels the hidden toggle of the mobile table of contents.
    ("The value of the “for” attribute of the “label” element must be the ID of a non-hidden form control.",
     re.compile(r'<label class="md-nav__title" for="__toc">')),
]


def vnu_errors(files: list[Path]) -> list[dict]:
    java = needed_tool("java", "default-jre-headless")
    if not VNU_JAR.exists():
        message = "the W3C Nu HTML Checker is missing (`make test` installs it: npm ci in tests/html_check)"
        if os.environ.get("CI") == "true":
            pytest.fail(message)
        pytest.skip("TEST DID NOT RUN: " + message)
    result = subprocess.run([java, "-jar", str(VNU_JAR), "--errors-only", "--format", "json", *map(str, files)],
                            capture_output=True, text=True, timeout=600)
    return [m for m in json.loads(result.stderr)["messages"] if m.get("type") in ("error", "non-document-error")]


def unexpected(errors: list[dict]) -> list[str]:
    def allowed(m):
        extract = " ".join(m.get("extract", "").split())
        return any(m["message"].startswith(start) and markup.search(extract) for start, markup in THEME_ERRORS)

    return [f"{m.get('url', '?').rsplit('/site/', 1)[-1]}:{m.get('lastLine', '?')}: {m['message']}"
            for m in errors if not allowed(m)]


def test_every_page_passes_the_html_checker_but_for_the_themes_known_errors(built_site):
    pages = sorted(built_site.rglob("*.html"))
    assert len(pages) > 100
    wrong = unexpected(vnu_errors(pages))
    assert not wrong, f"{len(wrong)} HTML errors:\n" + "\n".join(wrong[:60])


def test_the_html_check_finds_an_error_of_ours(built_site, tmp_path):
    page = tmp_path / "bad.html"
    good = (built_site / "conditions" / "sciatica" / "index.html").read_text()
    page.write_text(good.replace("<h1", "<h1 id=\"x\"><p id=\"x\"></p></h1><h1", 1))
    assert unexpected(vnu_errors([page])), "a duplicate id inside a heading was not reported"
