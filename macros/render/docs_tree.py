"""The pages and files made from the data, as a docs tree: each page is its front matter
and one line, the call of one macro of the table (page_macros.py), such as
`{{ entity_page("condition", "sciatica") }}`; the data files are written out.

Made without MkDocs. The MkDocs hook hands these files to MkDocs (site_build.py),
where the macros plugin makes each call, as it does on the prose pages of docs/.
`make markdown` writes the same tree (markdown_tree.py), with every call made
(`expanded`), so that a tool with no hooks and no plugins can build it, or as
these stubs, for a tool with macros support.
"""

from __future__ import annotations

import json
from collections.abc import Callable
from dataclasses import dataclass
from pathlib import Path

import yaml

from . import atom_feed, editor_pages, evidence_map, redirect_pages

from ..data import page_redirects
from ..data.data_errors import DataError
from ..data.kinds import KIND_FOLDERS, PAGE_KINDS
from .open_data import api_files
from .page_check import RENDER_KEY, front_matter_match, renders_macros
from .page_macros import PageMacros, call_text
from .page_render import PageRenderer
from ..data.plain_text import one_line
from ..data.reader_words import words
from .reader_labels import KIND_TITLE
from ..data.relation_graph import RelationGraph, page_path
from ..data.reviewers import review_line


@dataclass(frozen=True)
class DocsFile:
    content: str
    edit_uri: str | None = None  # the file an "edit this page" link opens, when not docs/<path>


class AddressConflict(Exception):
    """An old address in data/redirects.yml that a page of the site owns."""


@dataclass(frozen=True)
class Settings:
    site_url: str
    edit_uri: str
    site_name: str
    root: Path  # the project folder: data/ and docs/ are in it
    nginx_headers: Callable[[], str]  # the security headers as an nginx snippet, for the hosting page


def generated_pages(graph: RelationGraph, render: PageRenderer, settings: Settings,
                    docs_files: set[str]) -> dict[str, DocsFile]:
    """docs path -> file, for every page and data file made from the data.

    Entity pages, A-Z indexes, sources, clinic pages, the open data files, the
    editors' pages and the pages at renamed pages' old addresses. `docs_files` is the
    paths of the files in docs/, so that no page made here silently replaces one, and no
    old address hides one: either is an AddressConflict naming both files.
    """
    files: dict[str, DocsFile] = {}

    def add(path: str, meta: dict, call: str, edit_uri: str | None = None) -> None:
        # The page's one line calls the table; the macros plugin renders only pages that ask.
        files[path] = DocsFile(front_matter({**meta, RENDER_KEY: True}) + call + "\n", edit_uri)

    def put(path: str, content: str) -> None:
        files[path] = DocsFile(content)

    w = words()["page"]
    for kind in PAGE_KINDS:
        for entity_id, entity in graph.kb[kind].items():
            add(page_path(kind, entity_id), entity_meta(kind, entity, graph.kb.reviewers),
                call_text("entity_page", kind, entity_id), edit_uri=graph.kb.files[(kind, entity_id)])
        add(f"{KIND_FOLDERS[kind]}/index.md", {"title": w["a_to_z"]["title"].format(kinds=KIND_TITLE[kind])}, call_text("index_page", kind))
    # Out of the search index: its one heading per source made the theme's search plugin
    # quadratic (31 s of a 3,000-page build), and readers search for topics, not studies.
    add("sources.md", {"title": w["sources"]["title"], "search": {"exclude": True}}, call_text("sources_page"))
    add("checklist.md", {"title": w["checklist"]["title"], "description": w["checklist"]["description"],
                         **checklist_review_dates(graph.kb)},
        call_text("checklist_page"))
    add("connect.md", {"title": w["connect"]["title"], "connect": True, "description": w["connect"]["description"]},
        call_text("connect_page"))
    add("icd10/index.md", {"title": w["codes"]["title"], "description": w["codes"]["description"]},
        call_text("diagnosis_codes_page"))
    for entry in render.codes.values():
        add(f"icd10/{entry['code']}.md",
            {"title": f"{entry['code']}: {entry['title']}", "redirect_to": f"../../conditions/{entry['condition']}/"},
            call_text("diagnosis_code_page", entry["code"]))
    for path, value in api_files(graph, settings.site_url).items():
        put(path, json.dumps(value, indent=1, ensure_ascii=False))
    # The finder, the evidence map in three forms, and the feed of changes. Both pages repeat
    # every condition's name, so they stay out of the search index, where they would come
    # before the condition pages themselves.
    add("find.md", {"title": w["find"]["title"], "finder": True, "search": {"exclude": True},
                    "finder_map_styles": True, "description": w["find"]["description"]},
        call_text("find_page"))
    add("evidence-map.md", {"title": w["evidence_map"]["title"], "finder_map_styles": True, "hide": ["toc"],
                            "search": {"exclude": True}, "description": w["evidence_map"]["description"]},
        call_text("evidence_map_page"))
    put(evidence_map.SVG_FILE, evidence_map.svg(render.evidence_map, settings.site_url))
    for version, path in (("v1", evidence_map.JSON_FILE), ("v2", evidence_map.JSON_FILE_V2)):
        put(path, json.dumps(evidence_map.json_value(render.evidence_map, settings.site_url, version),
                             indent=1, ensure_ascii=False))
    put(atom_feed.FEED_FILE, atom_feed.atom_feed(graph.kb, settings.site_url, settings.site_name))
    for path, (meta, macro, edit_uri) in editor_pages.pages().items():
        add(path, meta, call_text(macro), edit_uri=edit_uri)
    for path, content in editor_pages.starter_files().items():
        put(path, content)
    taken = sorted(set(files) & set(docs_files))
    if taken:
        raise AddressConflict("\n".join(str(DataError(
            f"docs/{path}", 1, "", f"the site makes the file at this address itself, from "
            f"{files[path].edit_uri or 'the data in data/'}: rename or remove docs/{path}")) for path in taken))
    # Last, so that an old address another page owns is caught (and not silently replaced).
    owned = page_redirects.owned_addresses(graph.kb.redirects, lambda path: path in files or path in docs_files,
                                           settings.root / "data")
    if owned:
        raise AddressConflict("\n".join(owned))
    for path, (meta, markdown) in redirect_pages.redirect_pages(graph.kb.redirects).items():
        files[path] = DocsFile(front_matter(meta) + markdown, f"data/{page_redirects.FILE_NAME}")
    return files


def entity_meta(kind: str, entity, reviewers: dict) -> dict:
    """An entity page's front matter: its title, summary and review dates."""
    return {
        "title": entity.name,
        "description": one_line(entity.summary),
        "last_reviewed": entity.last_reviewed.isoformat(),
        "next_review": entity.next_review.isoformat(),
        "review": review_line(entity, reviewers),
        "entity_kind": kind,
    }


def checklist_review_dates(kb) -> dict:
    """The checklist is made from every caution: reviewed when the newest was, due when the first falls due."""
    cautions = list(kb["caution"].values())
    if not cautions:
        return {}
    return {
        "last_reviewed": max(c.last_reviewed for c in cautions).isoformat(),
        "next_review": min(c.next_review for c in cautions).isoformat(),
        "review": "Made from the guide's caution pages; reviewed with them.",
    }


def front_matter(meta: dict) -> str:
    # libyaml's emitter: the pure-Python one cost more than the rest of page generation.
    dumper = getattr(yaml, "CSafeDumper", yaml.SafeDumper)
    return "---\n" + yaml.dump(meta, Dumper=dumper, sort_keys=False, allow_unicode=True) + "---\n\n"


def expanded(text: str, macros: PageMacros) -> str:
    """A page as the macros plugin hands it on, for a tool that runs no plugin: its calls made,
    and its front matter no longer asking for them. Any other file is returned as it is."""
    if not renders_macros(text):
        return text
    match = front_matter_match(text)
    head = "".join(line for line in match.group(1).splitlines(keepends=True) if not line.startswith(f"{RENDER_KEY}:"))
    return text[: match.start(1)] + head + text[match.end(1): match.end()] + macros.expand(text[match.end():])


def project_settings(root: Path, nginx_headers: Callable[[], str]) -> Settings:
    """The settings of the project at `root`, read from its mkdocs.yml (without MkDocs)."""
    class Tolerant(yaml.SafeLoader):
        """Reads the few settings here whatever tags the rest of the file uses."""

    Tolerant.add_multi_constructor("", lambda loader, suffix, node: None)
    config = yaml.load((root / "mkdocs.yml").read_text(encoding="utf-8"), Loader=Tolerant)
    return Settings(site_url=config.get("site_url") or "/", edit_uri=config.get("edit_uri") or "",
                    site_name=config.get("site_name") or "", root=root, nginx_headers=nginx_headers)
