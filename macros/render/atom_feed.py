"""/feed.xml: an Atom feed (RFC 4287) of the changes readers care about, for clinics.

One entry per change note (`changes:` on a page: a new page, a changed verdict, a new
warning sign), linked to the page it is about. The feed is as new as the latest change
note or review date in the data. Entry ids are tag: URIs (RFC 4151) made of the page's
address, the note's date and its place among that page's notes of that day, so an
entry keeps its id when its wording is corrected.
"""

from __future__ import annotations

import datetime as dt
import html
import re
import xml.etree.ElementTree as ET
from urllib.parse import urlsplit

import markdown

from ..data.knowledge_base import KnowledgeBase
from ..data.relation_graph import change_notes
from ..data.kinds import KIND_FOLDERS, PAGE_KINDS

FEED_FILE = "feed.xml"
ATOM = "http://www.w3.org/2005/Atom"
TITLE_LENGTH = 100


def plain_text(note: str) -> str:
    """A change note (Markdown) as plain text: link words kept, markup dropped."""
    rendered = markdown.markdown(note)
    return " ".join(html.unescape(re.sub(r"<[^>]*>", "", rendered)).split())


def _stamp(day: dt.date) -> str:
    return f"{day.isoformat()}T00:00:00Z"


def feed_entries(kb: KnowledgeBase, site_url: str) -> list[dict]:
    """Every change note as an entry, newest first; within a day, A to Z by page name."""
    root = site_url.rstrip("/") + "/"
    host = urlsplit(root).hostname or "localhost"
    entries = []
    seen: dict[tuple, int] = {}
    for kind, entity_id, anchor, change in change_notes(kb):
        entity = kb[kind][entity_id]
        path = f"{KIND_FOLDERS[kind]}/{entity_id}/"
        where = (path, anchor, change.date)
        n = seen[where] = seen.get(where, 0) + 1
        text = plain_text(change.note)
        title = f"{entity.name}: {text}"
        if len(title) > TITLE_LENGTH:
            title = title[: TITLE_LENGTH - 1].rsplit(" ", 1)[0] + "\u2026"
        entries.append({
            "id": f"tag:{host},{change.date.isoformat()}:/{path}{anchor + '-' if anchor else ''}change-{n}",
            "title": title,
            "summary": text,
            "updated": _stamp(change.date),
            "link": root + path + (f"#{anchor}" if anchor else ""),
            "date": change.date,
            "name": entity.name,
        })
    entries.sort(key=lambda e: (e["name"].lower(), e["id"]))
    entries.sort(key=lambda e: e["date"], reverse=True)
    return entries


def latest_date(kb: KnowledgeBase) -> dt.date:
    """The newest change note or review date in the data."""
    days = [entity.last_reviewed for kind in PAGE_KINDS for entity in kb[kind].values()]
    days += [change.date for _kind, _id, _anchor, change in change_notes(kb)]
    return max(days)


def atom_feed(kb: KnowledgeBase, site_url: str, site_name: str) -> str:
    root = site_url.rstrip("/") + "/"
    ET.register_namespace("", ATOM)

    def sub(parent, tag, text=None, **attrs):
        element = ET.SubElement(parent, f"{{{ATOM}}}{tag}", attrs)
        if text is not None:
            element.text = text
        return element

    feed = ET.Element(f"{{{ATOM}}}feed", {"{http://www.w3.org/XML/1998/namespace}lang": "en"})
    sub(feed, "id", root + FEED_FILE)
    sub(feed, "title", f"{site_name}: what's new")
    sub(feed, "subtitle", "New pages, changed verdicts and new warning signs.")
    sub(feed, "updated", _stamp(latest_date(kb)))
    author = sub(feed, "author")
    sub(author, "name", f"{site_name} editors")
    sub(feed, "link", rel="self", type="application/atom+xml", href=root + FEED_FILE)
    sub(feed, "link", rel="alternate", type="text/html", href=root + "whats-new/")
    for item in feed_entries(kb, site_url):
        entry = sub(feed, "entry")
        sub(entry, "id", item["id"])
        sub(entry, "title", item["title"])
        sub(entry, "updated", item["updated"])
        sub(entry, "link", rel="alternate", type="text/html", href=item["link"])
        sub(entry, "summary", item["summary"], type="text")
    ET.indent(feed, space=" ")
    return '<?xml version="1.0" encoding="utf-8"?>\n' + ET.tostring(feed, encoding="unicode") + "\n"
