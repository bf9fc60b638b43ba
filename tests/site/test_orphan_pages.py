"""Every page can be found: each is reachable from the home page by following links."""

from __future__ import annotations

import posixpath
import re
import shutil
from collections import deque
from pathlib import Path
from urllib.parse import unquote, urlsplit

from bs4 import BeautifulSoup

# Not pages a reader navigates to: the 404 page, and pages that only send the browser
# on (meta refresh: renamed pages' old addresses, /icd10/<code>/). The editors' pages
# (robots noindex) are kept out of search engines, not out of reach: About links them.
_NOT_FOR_READERS = re.compile(r'http-equiv="refresh"')


def page_file(site: Path, url_path: str) -> Path | None:
    target = site / url_path.lstrip("/")
    if url_path.endswith("/") or url_path == "":
        target = target / "index.html"
    return target if target.is_file() and target.suffix == ".html" else None


def _parse(site: Path):
    return lambda path: BeautifulSoup((site / path).read_text(encoding="utf-8"), "lxml")


def reachable_pages(site: Path, soup_of=None) -> set[str]:
    """Site-relative paths of the HTML files reached from index.html by following <a href>.
    `soup_of(path)` gives a page's parsed tree (by default, parsed from the file)."""
    soup_of = soup_of or _parse(site)
    seen, queue = {"index.html"}, deque(["index.html"])
    while queue:
        current = queue.popleft()
        soup = soup_of(current)
        for a in soup.find_all("a", href=True):
            parts = urlsplit(a["href"])
            if parts.scheme or parts.netloc or not parts.path:
                continue
            resolved = posixpath.normpath(posixpath.join(posixpath.dirname(current), unquote(parts.path)))
            if parts.path.endswith("/"):
                resolved += "/"
            target = page_file(site, resolved if resolved not in (".", "./") else "")
            if target is not None:
                key = target.relative_to(site).as_posix()
                if key not in seen:
                    seen.add(key)
                    queue.append(key)
    return seen


def orphan_pages(site: Path, soup_of=None) -> list[str]:
    pages = {p.relative_to(site).as_posix() for p in site.rglob("*.html")
             if p.name != "404.html" and not _NOT_FOR_READERS.search(p.read_text(encoding="utf-8")[:6000])}
    return sorted(pages - reachable_pages(site, soup_of))


def test_no_orphan_pages(built_site, built_pages):
    orphans = orphan_pages(built_site, built_pages.soup)
    assert not orphans, ("pages no link leads to (add them to the nav in mkdocs.yml, or link to them "
                         "from an index or a page that is reached):\n" + "\n".join(orphans))


def test_an_orphan_is_found(built_site, built_pages, tmp_path):
    site = tmp_path / "site"
    shutil.copytree(built_site, site)
    (site / "lost").mkdir()
    (site / "lost" / "index.html").write_text("<html><body><h1>Nobody links here</h1></body></html>")
    # The copy's other pages are the built pages unchanged: their parsed trees are shared.
    def soup_of(path):
        return built_pages.soup(path) if (built_site / path).exists() else _parse(site)(path)
    assert set(orphan_pages(site, soup_of)) - set(orphan_pages(built_site, built_pages.soup)) == {"lost/index.html"}
