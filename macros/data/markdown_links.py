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


# A line that could start page structure: after any quote and list markers, '#' (a heading),
# '!!!' or '???' (a call-out box), or a line of only '=', '-', '*' or '_' (a heading's
# underline, or a rule). Atomic, so it stays linear on any line. Only such text is rendered
# to see whether it really makes structure.
_MAY_OPEN_STRUCTURE = re.compile(r"(?m)^(?>[ \t>]*(?:(?:[-*+]|\d{1,9}[.)])[ \t]+)*+)(?:#|!!!|\?\?\?|[-=*_ \t]*$)")
_STRUCTURE = {
    "heading": "a heading ('#' at the start of a line, or a line of '=' or '-' under a line of text) is not "
               "allowed here: the page makes its own headings; write it as a sentence",
    "callout": "'!!!' or '???' at the start of a line makes a call-out box, which is not allowed here: the page "
               "makes its own boxes (warning signs go in warning_signs); write it as a sentence",
    "rule": "a line of only '-', '*' or '_' draws a line across the page, which is not allowed here: remove it",
}


class _Structure(HTMLParser):
    def __init__(self):
        super().__init__(convert_charrefs=True)
        self.found: list[str] = []

    def handle_starttag(self, tag, attrs):
        classes = (dict(attrs).get("class") or "").split()
        if tag in ("h1", "h2", "h3", "h4", "h5", "h6"):
            self.found.append("heading")
        elif tag == "details" or "admonition" in classes:
            self.found.append("callout")
        elif tag == "hr":
            self.found.append("rule")


def check_structure(text: str) -> None:
    """Raise ValueError when a data text would open page-level structure: a heading (a second
    h1 among them), a call-out box or a rule. A field's text is part of a page the template lays out."""
    if not _MAY_OPEN_STRUCTURE.search(text):
        return
    html, _ = _render(text)
    parser = _Structure()
    parser.feed(html)
    parser.close()
    if parser.found:
        raise ValueError(_STRUCTURE[parser.found[0]])


def check_markdown(text: str) -> None:
    """Every check of a Markdown data text: its shape, the structure it opens, its links."""
    check_shape(text)
    check_structure(text)
    check_links(text)


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
