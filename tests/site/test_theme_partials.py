"""The theme's parts the site changes: whole partials in overrides/partials/, each the
theme's own but for one attribute, and block overrides in overrides/main.html that
never edit the theme's output as a string.

When the theme's partial changes in a new release, the comparison fails: copy the new
partial over ours and make the one change again.
"""

from __future__ import annotations

import re
from pathlib import Path

import material
import pytest

from conftest import ROOT

THEME = Path(material.__file__).parent / "templates"
OVERRIDES = ROOT / "overrides"
_LEADING_COMMENT = re.compile(r"\A\{#-.*?-#\}\n", re.S)

# partial -> (the theme's text, ours): the only difference there may be.
CHANGES = {
    "partials/palette.html": ('data-md-component="palette"', "data-md-palette"),
    "partials/search.html": [('data-md-component="search" role="dialog"',
                              'data-md-component="search" role="dialog" aria-label="Search"'),
                             # A search with no results offers the A to Z lists.
                             # (after the results: the theme writes results into its last child)
                             ('<ol class="md-search-result__list" role="presentation"></ol>\n        </div>',
                              '<ol class="md-search-result__list" role="presentation"></ol>\n        </div>'
                              '<p class="search-browse">')],
}


def test_every_overridden_partial_is_listed_here():
    ours = {p.relative_to(OVERRIDES).as_posix() for p in (OVERRIDES / "partials").rglob("*.html")}
    assert ours == set(CHANGES)


@pytest.mark.parametrize("partial", sorted(CHANGES))
def test_overridden_partial_is_the_themes_but_for_one_attribute(partial):
    theirs = _LEADING_COMMENT.sub("", (THEME / partial).read_text(encoding="utf-8"), count=1)
    ours = _LEADING_COMMENT.sub("", (OVERRIDES / partial).read_text(encoding="utf-8"), count=1)
    changes = CHANGES[partial] if isinstance(CHANGES[partial], list) else [CHANGES[partial]]
    for old, new in changes:
        assert theirs.count(old) == 1, f"the theme's {partial} changed: {old!r} is no longer in it once"
        theirs = theirs.replace(old, new)
    # An added element runs to the end of its line: compare up to its start, and after it.
    for old, new in changes:
        if new.endswith("<p class=\"search-browse\">"):
            ours = re.sub(r'<p class="search-browse">.*?</p>', '<p class="search-browse">', ours)
    assert ours == theirs, (
        f"overrides/{partial} is not the theme's {partial} with only {changes!r}: "
        "copy the theme's partial again and make those changes")


def test_config_block_is_the_themes_but_for_the_search_worker():
    """The search box talks to the site's worker (macros/render/reader_search.py); nothing else differs."""
    def block(text):
        found = re.search(r"\{% block config %\}.*?\{% endblock %\}", text, re.S).group(0)
        return [line.strip() for line in found.splitlines()]

    theirs = block((THEME / "base.html").read_text(encoding="utf-8"))
    ours = block((OVERRIDES / "main.html").read_text(encoding="utf-8"))
    worker = [line for line in theirs if line.startswith('"search": "assets/javascripts/workers/search.')]
    assert len(worker) == 1, "the theme's config block changed: copy it again into overrides/main.html"
    assert ours == [('"search": "assets/search-worker.js" | url,' if line in worker else line) for line in theirs]


def test_main_template_does_not_edit_the_themes_output_as_text():
    template = (OVERRIDES / "main.html").read_text(encoding="utf-8")
    assert not re.search(r"super\(\)\s*\|", template), "filter on super(): override a block or a partial instead"


def test_built_pages_carry_both_changes(built_site):
    html = (built_site / "index.html").read_text(encoding="utf-8")
    assert 'data-md-component="search" role="dialog" aria-label="Search"' in html
    assert '<form class="md-header__option" data-md-palette>' in html
    assert 'data-md-component="palette"' not in html
