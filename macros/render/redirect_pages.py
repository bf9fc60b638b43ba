"""The page at each old address in data/redirects.yml, which sends the reader on.

`redirect_to:` in its front matter does it, the same way the diagnosis-code pages
do (overrides/main.html writes the refresh). The addresses are read and checked
in data/page_redirects.py.
"""

from __future__ import annotations

import posixpath


def redirect_pages(redirects: dict[str, str]) -> dict[str, tuple[dict, str]]:
    """docs path -> (front matter, Markdown) of the page at each old address."""
    pages = {}
    for old, new in redirects.items():
        meta = {"title": "This page has moved", "robots": "noindex", "search": {"exclude": True},
                "redirect_to": posixpath.relpath(new, old) + "/"}
        link = posixpath.relpath(f"{new}.md", posixpath.dirname(old))
        pages[f"{old}.md"] = (meta, f"# This page has moved\n\n[Go to the new page]({link}).\n")
    return pages
