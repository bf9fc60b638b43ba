"""/feed.xml is a valid Atom feed (RFC 4287's required elements, read with a real XML
parser), has one entry per change note in the data, and every entry leads to a live page;
every page links the feed from its <head>, and For clinics links it."""

from __future__ import annotations

import re
from pathlib import Path
from urllib.parse import urljoin, urlsplit

import pytest
from bs4 import BeautifulSoup
from lxml import etree

from conftest import ROOT, page_soup
from macros.data.knowledge_base import load_knowledge_base
from macros.data.kinds import KIND_FOLDERS, PAGE_KINDS

SITE_URL = "https://medical-massage-guide.github.io/guide/"
A = "{http://www.w3.org/2005/Atom}"
# RFC 3339 date-time, as RFC 4287 section 3.3 requires.
DATE_TIME = re.compile(r"^\d{4}-\d{2}-\d{2}T\d{2}:\d{2}:\d{2}(\.\d+)?(Z|[+-]\d{2}:\d{2})$")


def is_uri(text: str | None) -> bool:
    return bool(text) and bool(urlsplit(text).scheme) and not re.search(r"\s", text)


def feed_problems(xml: bytes) -> list[str]:
    """What RFC 4287 requires of a feed and its entries (sections 4.1.1, 4.1.2, 4.2), checked."""
    problems = []
    try:
        root = etree.fromstring(xml)
    except etree.XMLSyntaxError as exc:
        return [f"not well-formed XML: {exc}"]
    if root.tag != f"{A}feed":
        return [f"the root is {root.tag}, not atom:feed"]

    def single(parent, name, where):
        found = parent.findall(f"{A}{name}")
        if len(found) != 1:
            problems.append(f"{where}: {len(found)} atom:{name} (exactly one required)")
            return None
        return found[0]

    def text_of(parent, name, where):
        element = single(parent, name, where)
        if element is not None and not (element.text or "").strip():
            problems.append(f"{where}: atom:{name} is empty")
        return None if element is None else (element.text or "").strip()

    feed_id = text_of(root, "id", "feed")
    text_of(root, "title", "feed")
    updated = text_of(root, "updated", "feed")
    if updated and not DATE_TIME.match(updated):
        problems.append(f"feed: updated {updated!r} is not an RFC 3339 date-time")
    if not is_uri(feed_id):
        problems.append(f"feed: id {feed_id!r} is not a URI")
    feed_authors = [a for a in root.findall(f"{A}author") if (a.findtext(f"{A}name") or "").strip()]
    if not [l for l in root.findall(f"{A}link") if l.get("rel") == "self"]:
        problems.append("feed: no atom:link rel=self (RFC 4287 says it SHOULD have one)")
    ids = [feed_id]
    for n, entry in enumerate(root.findall(f"{A}entry"), 1):
        where = f"entry {n}"
        entry_id = text_of(entry, "id", where)
        text_of(entry, "title", where)
        updated = text_of(entry, "updated", where)
        if updated and not DATE_TIME.match(updated):
            problems.append(f"{where}: updated {updated!r} is not an RFC 3339 date-time")
        if not is_uri(entry_id):
            problems.append(f"{where}: id {entry_id!r} is not a URI")
        ids.append(entry_id)
        alternates = [l for l in entry.findall(f"{A}link") if l.get("rel", "alternate") == "alternate"]
        if not alternates and entry.find(f"{A}content") is None:
            problems.append(f"{where}: neither atom:content nor an alternate atom:link")
        if not all(is_uri(l.get("href")) for l in entry.findall(f"{A}link")):
            problems.append(f"{where}: a link without an href URI")
        if not feed_authors and not [a for a in entry.findall(f"{A}author") if a.findtext(f"{A}name")]:
            problems.append(f"{where}: no author, and the feed has none")
    duplicates = {i for i in ids if ids.count(i) > 1}
    if duplicates:
        problems.append(f"ids used more than once: {sorted(duplicates)[:5]}")
    return problems


@pytest.fixture(scope="module")
def feed(built_site) -> bytes:
    return (built_site / "feed.xml").read_bytes()


def test_the_feed_has_every_element_rfc_4287_requires(feed):
    assert feed_problems(feed) == []


@pytest.mark.parametrize("breakage", [
    (b"<id>https://medical-massage-guide.github.io/guide/feed.xml</id>", b""),
    (b"<updated>", b"<published>"),
    (b"</entry>", b"</entry"),
])
def test_the_check_catches_a_broken_feed(feed, breakage):
    old, new = breakage
    assert old in feed
    assert feed_problems(feed.replace(old, new, 1))


def test_the_check_catches_a_repeated_entry_id(feed):
    ids = re.findall(rb"<id>(tag:[^<]+)</id>", feed)
    assert len(ids) >= 2
    assert any("more than once" in p for p in feed_problems(feed.replace(ids[1], ids[0])))


def test_one_entry_per_change_note(feed, kb):
    root = etree.fromstring(feed)
    entries = root.findall(f"{A}entry")
    # Each page's own notes, and each finding's, filed under its condition's page (or else its claim's)
    # at the finding's line: counted from the data files, not from the code that files them.
    notes = [(kind, entity_id, "", change.date.isoformat())
             for kind in PAGE_KINDS for entity_id, e in kb[kind].items() for change in e.changes]
    for finding_id, f in kb["finding"].items():
        home = ("condition", f.population) if f.population in kb["condition"] else ("benefit", f.outcome)
        notes += [(*home, f"finding-{finding_id}", change.date.isoformat()) for change in f.changes]
    assert len(notes) >= 10 and any(anchor for _k, _i, anchor, _d in notes), "no finding's note to check"
    got = []
    for entry in entries:
        href = entry.find(f"{A}link").get("href")
        path, _, anchor = href.removeprefix(SITE_URL).partition("#")
        folder, entity_id = path.strip("/").split("/")
        kind = next(k for k, f in KIND_FOLDERS.items() if f == folder)
        got.append((kind, entity_id, anchor, entry.findtext(f"{A}updated")[:10]))
        assert entry.findtext(f"{A}title").startswith(kb[kind][entity_id].name + ": ")
    assert sorted(got) == sorted(notes)
    dates = [e.findtext(f"{A}updated") for e in entries]
    assert dates == sorted(dates, reverse=True), "newest first"
    newest = max([d for _k, _i, _a, d in notes] + [e.last_reviewed.isoformat() for k in PAGE_KINDS for e in kb[k].values()])
    assert root.findtext(f"{A}updated")[:10] == newest


def live_page(site: Path, url: str) -> Path | None:
    """The built page a site address leads to, if it is a real page (not a redirect)."""
    if not url.startswith(SITE_URL):
        return None
    path = url.removeprefix(SITE_URL).split("#")[0]
    html = site / path / "index.html" if path == "" or path.endswith("/") else site / path
    if not html.is_file() or 'http-equiv="refresh"' in html.read_text().split("</head>")[0]:
        return None
    return html


def test_every_entry_links_to_a_live_page(feed, built_site):
    root = etree.fromstring(feed)
    dead = [link.get("href") for entry in root.findall(f"{A}entry") for link in entry.findall(f"{A}link")
            if live_page(built_site, link.get("href")) is None]
    assert not dead, f"entries linking to no live page: {dead[:5]}"
    for link in root.findall(f"{A}link"):
        target = link.get("href").removeprefix(SITE_URL)
        assert (built_site / target).is_file() or (built_site / target / "index.html").is_file(), target


def test_the_live_page_check_can_fail(built_site):
    assert live_page(built_site, SITE_URL + "conditions/sciatica/") is not None
    assert live_page(built_site, SITE_URL + "conditions/no-such-page/") is None
    assert live_page(built_site, "https://example.org/conditions/sciatica/") is None


def test_every_page_links_the_feed_from_its_head(built_site):
    missing = []
    for html in sorted(built_site.rglob("*.html")):
        head = BeautifulSoup(html.read_text().split("</head>")[0], "lxml")
        links = head.select('link[rel="alternate"][type="application/atom+xml"]')
        page_url = SITE_URL + html.relative_to(built_site).as_posix()
        if len(links) != 1 or urljoin(page_url, links[0]["href"]) != SITE_URL + "feed.xml":
            missing.append(html.relative_to(built_site).as_posix())
    assert not missing, f"pages without the feed in <head>: {missing[:10]}"


def test_for_clinics_links_the_feed(built_site):
    article = page_soup(built_site, "for-clinics/index.html").select_one("article")
    assert article.find("a", href="../feed.xml")


def test_notes_become_plain_text_and_special_characters_stay_text(fixture_data):
    from macros.render.atom_feed import atom_feed, plain_text

    assert plain_text("Added **two** [warning signs](../cautions/blood-clot.md) & a note.") == \
        "Added two warning signs & a note."
    path = fixture_data / "conditions" / "sore-back.yml"
    text = path.read_text()
    assert "\nchanges:" not in text, "fixture changed"
    path.write_text(text + 'changes:\n  - date: 2026-11-02\n    note: Rub & "press" is now graded.\n'
                    '  - date: 2026-11-02\n    note: A second note on the same day.\n')
    xml = atom_feed(load_knowledge_base(fixture_data), SITE_URL, "Test <Guide>").encode()
    assert feed_problems(xml) == []
    root = etree.fromstring(xml)
    titles = [e.findtext(f"{A}title") for e in root.findall(f"{A}entry")]
    assert 'Sore back: Rub & "press" is now graded.' in titles
    assert root.findtext(f"{A}title") == "Test <Guide>: what's new"
    ids = [e.findtext(f"{A}id") for e in root.findall(f"{A}entry")]
    assert len(set(ids)) == 2, "two notes on one day keep two ids"
