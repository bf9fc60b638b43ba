"""The built HTML itself: no live script in markup, nothing from other hosts, and a
Content-Security-Policy that covers every inline script the pages carry."""

from __future__ import annotations

import base64
import hashlib
import re
from pathlib import Path

import pytest
from bs4 import BeautifulSoup

_SCRIPT_URL = re.compile(r"^\s*(javascript|vbscript|data\s*:\s*text/html)\s*:?", re.IGNORECASE)
_EXTERNAL = re.compile(r"^\s*(https?:)?//", re.IGNORECASE)
# Browsers run a script of any JavaScript type (application/x-javascript too): only data is never run.
_DATA_SCRIPTS = ("application/json", "application/ld+json")
# Elements and attributes through which a page loads something.
_LOADS = {"script": "src", "img": "src", "iframe": "src", "source": "src", "video": "src", "audio": "src",
          "embed": "src", "object": "data", "track": "src", "input": "src"}
_LOADING_LINK_RELS = {"stylesheet", "preconnect", "preload", "prefetch", "dns-prefetch", "icon", "manifest",
                      "modulepreload", "apple-touch-icon"}


def pages(built_pages):
    """Every built HTML file and its parsed tree (parsed once per session, shared)."""
    paths = built_pages.all_html()
    assert "index.html" in paths
    return [(path, built_pages.soup(path)) for path in paths]


def test_no_inline_event_handlers_or_script_urls(built_pages):
    found = []
    for page, soup in pages(built_pages):
        for element in soup.find_all(True):
            for name, value in element.attrs.items():
                value = " ".join(value) if isinstance(value, list) else value
                if name.lower().startswith("on"):
                    found.append(f"{page}: <{element.name} {name}=\"{value[:50]}\">")
                elif _SCRIPT_URL.match(value or "") and name.lower() in ("href", "src", "action", "formaction",
                                                                         "xlink:href", "data"):
                    found.append(f"{page}: <{element.name} {name}=\"{value[:50]}\">")
    assert not found, "inline event handlers or script URLs in the built site:\n" + "\n".join(found[:40])


def test_external_links_carry_noopener_noreferrer(built_pages):
    found = []
    for page, soup in pages(built_pages):
        for a in soup.find_all("a", href=_EXTERNAL):
            rel = set(a.get("rel") or [])
            if not {"noopener", "noreferrer"} <= rel:
                found.append(f"{page}: <a href=\"{a['href'][:70]}\" rel=\"{' '.join(sorted(rel))}\">")
    assert not found, "external links without rel=\"noopener noreferrer\":\n" + "\n".join(found[:40])


def test_nothing_is_loaded_from_another_host(built_site, built_pages):
    """Fonts, scripts, styles and images all come from the site itself."""
    found = []
    for page, soup in pages(built_pages):
        for tag, attribute in _LOADS.items():
            for element in soup.find_all(tag, attrs={attribute: _EXTERNAL}):
                found.append(f"{page}: <{tag} {attribute}=\"{element[attribute][:70]}\">")
        for link in soup.find_all("link", href=_EXTERNAL):
            if {rel.lower() for rel in link.get("rel") or []} & _LOADING_LINK_RELS:
                found.append(f"{page}: <link rel=\"{' '.join(link['rel'])}\" href=\"{link['href'][:70]}\">")
        for element in soup.find_all(style=re.compile(r"url\(\s*['\"]?\s*(https?:)?//", re.I)):
            found.append(f"{page}: style=\"{element['style'][:70]}\"")
    for css in sorted(built_site.rglob("*.css")):
        for match in re.finditer(r"(@import\s+(url\()?|url\()\s*['\"]?\s*((https?:)?//[^'\")\s]+)", css.read_text()):
            found.append(f"{css.relative_to(built_site).as_posix()}: {match.group(3)[:70]}")
    assert not found, "resources from other hosts (readers' browsers would contact them):\n" + "\n".join(found[:40])


def shipped_policy(site: Path) -> str:
    text = (site / "_headers").read_text(encoding="utf-8")
    [line] = [l for l in text.splitlines() if l.strip().startswith("Content-Security-Policy:")]
    return line.split(":", 1)[1].strip()


def test_every_inline_script_is_allowed_by_the_shipped_policy(built_site, built_pages):
    policy = shipped_policy(built_site)
    script_src = next(d for d in policy.split(";") if d.strip().startswith("script-src")).split()[1:]
    assert "'unsafe-inline'" not in script_src and "'unsafe-eval'" not in script_src
    missing = set()
    for page, soup in pages(built_pages):
        for script in soup.find_all("script", src=False):
            if (script.get("type") or "").strip().lower() in _DATA_SCRIPTS:
                continue
            digest = base64.b64encode(hashlib.sha256(script.string.encode("utf-8")).digest()).decode()
            if f"'sha256-{digest}'" not in script_src:
                missing.add(f"{page}: <script>{script.string[:60]}...")
    assert not missing, "inline scripts the policy blocks:\n" + "\n".join(sorted(missing)[:20])
    hashes = [s for s in script_src if s.startswith("'sha256-")]
    assert 1 <= len(hashes) <= 5, f"the policy should need a few fixed hashes, not one per page: {len(hashes)}"


def test_the_hosting_page_shows_the_shipped_policy(built_site):
    page = built_site / "privacy-and-security" / "index.html"
    if not page.exists():
        pytest.skip("this build has no prose pages")
    text = BeautifulSoup(page.read_text(encoding="utf-8"), "lxml").get_text()
    assert f'add_header Content-Security-Policy "{shipped_policy(built_site)}" always;' in text
    for line in (built_site / "_headers").read_text().splitlines()[2:]:
        name, value = line.strip().split(": ", 1)
        assert f'add_header {name} "{value}" always;' in text
