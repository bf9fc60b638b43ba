"""Pages made from the data for editors and returning readers: What's new, the
data reference, and the editors' status page (reviews due, drafts).

docs_tree.py adds each page as the call of its macro (page_macros.py), which renders it here.
"""

from __future__ import annotations

import datetime as dt
import re
from collections import defaultdict

from markupsafe import Markup

from . import data_reference
from ..data.us_english import UK_TERMS
from ..data.kinds import KIND_MODELS
from ..editors.data_file_template import template
from ..data.review_schedule import DUE_SOON_DAYS, reviews_due
from .whats_new import change_log

WHATS_NEW = "whats-new.md"
DATA_REFERENCE = "editors/data-reference.md"
EDITORS_STATUS = "editors/status.md"
# Only for editors: kept out of the site search, the sitemap and search engines.
PRIVATE_PAGES = (EDITORS_STATUS,)


def pages() -> dict[str, tuple[dict, str, str | None]]:
    """docs path -> (front matter, the macro that renders the page, file an 'edit' link opens or None)."""
    return {
        WHATS_NEW: ({"title": "What's new"}, "whats_new_page", None),
        DATA_REFERENCE: ({"title": "Data reference"}, "data_reference_page", "macros/data/model.py"),
        EDITORS_STATUS: ({"title": "Editors' status", "search": {"exclude": True}, "robots": "noindex"},
                         "editors_status_page", None),
    }


def starter_files(today: dt.date | None = None) -> dict[str, str]:
    """editors/starters/<kind>.yml: what `make new` writes, for editors who work in the web editor."""
    today = today or dt.date.today()
    return {f"editors/starters/{kind}.yml": template(kind, "", f"your-{kind}-id", today) for kind in KIND_MODELS}


def whats_new_page(renderer) -> str:
    return renderer.env.get_template("whats-new.md.j2").render(news=change_log(renderer.graph.kb))


def data_reference_page(renderer, table) -> str:
    """Every field of every data file, and every entry of the table of macros (`table`)."""
    return renderer.env.get_template("data-reference.md.j2").render(
        kinds=data_reference.kind_tables(), blocks=data_reference.block_tables(), ref=data_reference,
        macros=data_reference.macro_groups(table), uk_terms=UK_TERMS)


def editors_status_page(renderer, edit_uri: str, today: dt.date | None = None) -> str:
    today = today or dt.date.today()
    kb = renderer.graph.kb
    notes = defaultdict(list)
    for warning in kb.warnings:
        notes[warning.file].append(warning)
    drafts = sorted((kb.files[(kind, entity_id)], notes[kb.files[(kind, entity_id)]])
                    for kind, items in kb.drafts.items() for entity_id in items)

    def edit_link(file: str) -> Markup:
        if not edit_uri.startswith("https://"):
            return Markup("<code>{}</code>").format(file)
        return Markup("[{}]({}{})").format(file, edit_uri.rstrip("/") + "/", file)

    return renderer.env.get_template("editors-status.md.j2").render(
        today=today, days=DUE_SOON_DAYS, due=reviews_due(kb, today), drafts=drafts, edit_link=edit_link)


def drop_private_pages_from_sitemap(xml: str, site_url: str, also=()) -> str:
    """sitemap.xml without the editors' pages (and the docs paths in `also`)."""
    for path in (*PRIVATE_PAGES, *also):
        address = (site_url or "/").rstrip("/") + "/" + path.removesuffix(".md") + "/"
        xml = re.sub(r"\s*<url>\s*<loc>" + re.escape(address) + r"</loc>.*?</url>", "", xml, flags=re.S)
    return xml
