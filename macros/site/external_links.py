"""Give every link that leaves the site rel="noopener noreferrer".

noopener stops the other site from steering this tab; noreferrer keeps the
address of the page a reader was on (often a health topic) out of its logs.
Applied to each built page, so links from prose, data, and the theme (the
"edit this page" button, the footer) are all covered.
"""

from __future__ import annotations

import re

_A_TAG = re.compile(r"<a\b[^>]*>", re.IGNORECASE)
_ATTR = re.compile(r"""\s([a-zA-Z_:][-a-zA-Z0-9_:.]*)\s*=\s*("[^"]*"|'[^']*'|[^\s"'=<>`]+)""")
_EXTERNAL = re.compile(r"^\s*(https?:)?//", re.IGNORECASE)
REQUIRED = ("noopener", "noreferrer")


def is_external(href: str) -> bool:
    return bool(_EXTERNAL.match(href))


def _with_rel(tag: str) -> str:
    if "//" not in tag:  # no address that leaves the site; most links on a page are internal
        return tag
    attrs = {m.group(1).lower(): m for m in _ATTR.finditer(tag)}
    href = attrs.get("href")
    if href is None or not is_external(href.group(2).strip("\"'")):
        return tag
    rel = attrs.get("rel")
    if rel is None:
        end = -2 if tag.endswith("/>") else -1
        return tag[:end].rstrip() + ' rel="noopener noreferrer"' + tag[end:]
    words = rel.group(2).strip("\"'").split()
    words += [w for w in REQUIRED if w not in (x.lower() for x in words)]
    start, stop = rel.span(0)
    return tag[:start] + f' rel="{" ".join(words)}"' + tag[stop:]


def add_rel_to_external_links(html: str) -> str:
    """Return the HTML with rel="noopener noreferrer" on every <a> whose href leaves the site."""
    return _A_TAG.sub(lambda m: _with_rel(m.group(0)), html)
