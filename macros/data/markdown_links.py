"""Links in data text, judged on the Markdown as the site parses it.

A line pattern cannot see every way Markdown makes a link (a reference
definition inside a list item or a quote, an empty label, a definition in one
field used from another), so each field is rendered with the site's own
extensions and every address in the HTML, and every reference definition the
parser stored, is checked. Only https:// addresses and this site's own pages
(/conditions/sciatica.md) may be linked; pictures are not allowed at all.
"""

from __future__ import annotations

import re
from html.parser import HTMLParser

from . import input_limits, url_schemes

# As in mkdocs.yml (a test keeps the two lists the same).
EXTENSIONS = ["admonition", "attr_list", "def_list", "footnotes", "md_in_html", "tables", "toc",
              "pymdownx.details", "pymdownx.superfences", "pymdownx.tasklist"]
# Two are left out of the check, which they made three times slower: toc only gives
# headings their ids (permalink is off, so it adds no link), and superfences only
# makes code blocks, where a link is shown as text: without it the check is stricter.
_CHECKED_WITH = [name for name in EXTENSIONS if name not in ("toc", "pymdownx.superfences")]
_CONFIGS = {"pymdownx.tasklist": {"custom_checkbox": True}}
SAFE_EXTERNAL = re.compile(r"^https://[A-Za-z0-9.-]+\.[A-Za-z]{2,}(:\d+)?([/?#][^\s\"'<>{}\\]*)?$")
SAFE_INTERNAL = re.compile(r"^/[a-z0-9/-]+\.md(#[a-z0-9-]+)?$")
_ADDRESS_ATTRIBUTES = {"href", "src", "srcset", "action", "formaction", "poster", "data", "cite", "background",
                       "xlink:href", "ping"}
# Block markers ('-', '*', '+', '>', '1.') and indents at the start of a line: each is a level of nesting.
_NESTING = re.compile(r"(?m)^(?:[ \t]*(?:[-*+>]|\d{1,9}[.)])(?=[ \t]))+")

# Anything shaped like a reference definition, wherever it is: the same words could
# become one in another place on the page.
_DEFINITION = re.compile(r"\[[^\[\]\n]*\]:[ \t]*<?([^\s>]*)")

_markdown = None


def is_safe_link(target: str) -> bool:
    return bool(SAFE_EXTERNAL.match(target) or SAFE_INTERNAL.match(target))


class _Addresses(HTMLParser):
    def __init__(self):
        super().__init__(convert_charrefs=True)
        self.found: list[str] = []
        self.pictures = 0

    def handle_starttag(self, tag, attrs):
        if tag in ("img", "picture", "svg", "video", "audio", "iframe", "object", "embed"):
            self.pictures += 1
        self.found += [value or "" for name, value in attrs if name in _ADDRESS_ATTRIBUTES]


def _render(text: str):
    global _markdown
    if _markdown is None:
        import markdown

        _markdown = markdown.Markdown(extensions=_CHECKED_WITH, extension_configs=_CONFIGS)
    _markdown.reset()
    html = _markdown.convert(text)
    return html, dict(_markdown.references)


def check_shape(text: str) -> None:
    """Refuse Markdown whose parsing would be slow or recursive; linear in the text."""
    if text.count("[") > input_limits.MAX_BRACKETS:
        raise ValueError(f"too many '[' characters ({text.count('[')}; at most {input_limits.MAX_BRACKETS}): "
                         "a link needs one pair; remove the rest")
    for match in _NESTING.finditer(text):
        marks = len(re.findall(r"[-*+>]|\d+[.)]", match.group()))
        if marks > input_limits.MAX_NESTING_MARKS:
            raise ValueError(f"lists or quotes nested too deeply ({marks} levels): write plain paragraphs "
                             "or a list one level deep")


def check_links(text: str) -> None:
    """Raise ValueError naming the first link target that is not allowed."""
    check_shape(text)
    if "[" not in text:
        return  # without '[' Markdown makes no link ('<' is refused before this)
    html, references = _render(text)
    parser = _Addresses()
    parser.feed(html)
    parser.close()
    if parser.pictures:
        raise ValueError("pictures are not allowed in the data: describe it in words, or link to it "
                         "with [words](https://...)")
    targets = parser.found + [url for url, _title in references.values()] + _DEFINITION.findall(text)
    for target in targets:
        scheme = url_schemes.refused_scheme(target)
        if scheme:
            raise ValueError(f"link target '{target}' is not allowed: {url_schemes.scheme_message(scheme)}")
        if not is_safe_link(target.strip()) or target != target.strip():
            raise ValueError(f"link target '{target}' is not allowed: link to an https:// address "
                             "or to a page of this site such as /conditions/sciatica.md")
