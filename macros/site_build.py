"""What the build does with the data: load it once, add one page per entity.

Called from the MkDocs hooks (build_hooks.py) and the macros (__init__.py);
both find this build's graph by its config.
"""

from __future__ import annotations

from dataclasses import dataclass
from pathlib import Path

import json

import yaml
from mkdocs.exceptions import PluginError
from mkdocs.structure.files import File, Files

from . import editor_pages, page_redirects
from .data_errors import DataErrors, annotate_pull_request
from .knowledge_base import load_knowledge_base
from .model import KIND_FOLDERS, PAGE_KINDS
from .open_data import api_files
from .page_render import PageRenderer
from .reader_labels import KIND_TITLE
from .relation_graph import RelationGraph, build_relation_graph, page_path
from .review_schedule import log_overdue
from .reviewers import review_line


@dataclass
class SiteData:
    graph: RelationGraph
    renderer: PageRenderer


_current: dict[int, SiteData] = {}


def prepare(config) -> SiteData:
    """Load and validate data/ for this build; stop the build with the editor's message on error."""
    data_dir = Path(config.config_file_path).parent / "data"
    try:
        kb = load_knowledge_base(data_dir)
    except DataErrors as exc:
        annotate_pull_request(exc.errors)
        raise PluginError(exc.report(stopped_build=True)) from None
    log_overdue(kb)
    graph = build_relation_graph(kb)
    site = SiteData(graph, PageRenderer(graph, config.site_url or "/"))
    _current.clear()  # one build at a time; `mkdocs serve` makes a new config per rebuild
    _current[id(config)] = site
    return site


def site_for(config) -> SiteData:
    return _current.get(id(config)) or prepare(config)


def add_generated_pages(files: Files, config) -> Files:
    """Entity pages, A-Z indexes, sources, clinic pages and the open data files.

    Each page's Markdown is rendered here, once, from its kind's template: the
    macros plugin only renders the few prose pages that ask for it. Knowing every
    page's text before MkDocs reads it also lets `mkdocs serve --dirty` skip the
    pages an edit did not change (incremental_build.py).
    """
    site = site_for(config)
    render = site.renderer
    for file in files:
        if not file.generated_by:
            file.edit_uri = f"docs/{file.src_uri}"

    def add(path: str, meta: dict, markdown: str, edit_uri: str | None = None) -> None:
        file = File.generated(config, path, content=_front_matter(meta) + markdown)
        if edit_uri:
            file.edit_uri = edit_uri
        files.append(file)

    for kind in PAGE_KINDS:
        for entity_id, entity in site.graph.kb[kind].items():
            add(page_path(kind, entity_id), entity_meta(kind, entity, site.graph.kb.reviewers), render.entity_page(kind, entity_id),
                edit_uri=site.graph.kb.files[(kind, entity_id)])
        add(f"{KIND_FOLDERS[kind]}/index.md", {"title": f"{KIND_TITLE[kind]} A to Z"}, render.index_page(kind))
    # Out of the search index: its one heading per source made the theme's search plugin
    # quadratic (31 s of a 3,000-page build), and readers search for topics, not studies.
    add("sources.md", {"title": "Sources", "search": {"exclude": True}}, render.sources_page())
    add("checklist.md", {"title": "Before your massage: a safety checklist",
                         "description": "A printable list of things to tell your massage therapist first.",
                         **checklist_review_dates(site.graph.kb)},
        render.checklist_page())
    add("connect.md", {"title": "Find a page by diagnosis code", "connect": True,
                       "description": "Clinics: send patients here with an ICD-10-CM code."}, render.connect_page())
    add("icd10/index.md", {"title": "Diagnosis codes", "description": "ICD-10-CM codes and the pages they lead to."},
        render.diagnosis_codes_page())
    for code, entry in render.codes.items():
        add(f"icd10/{entry['code']}.md",
            {"title": f"{entry['code']}: {entry['title']}", "redirect_to": f"../../conditions/{entry['condition']}/"},
            render.diagnosis_code_page(code))
    for path, value in api_files(site.graph, config.site_url or "/").items():
        files.append(File.generated(config, path, content=json.dumps(value, indent=1, ensure_ascii=False)))
    for path, (meta, markdown, edit_uri) in editor_pages.pages(render, config.get("edit_uri") or "").items():
        add(path, meta, markdown, edit_uri=edit_uri)
    for path, content in editor_pages.starter_files().items():
        files.append(File.generated(config, path, content=content))
    # Last, so that an old address another page owns is caught (and not silently replaced).
    owned = page_redirects.owned_addresses(site.graph.kb.redirects, files.get_file_from_path,
                                           Path(config.config_file_path).parent / "data")
    if owned:
        raise PluginError("\n".join(owned))
    for path, (meta, markdown) in page_redirects.redirect_pages(site.graph.kb.redirects).items():
        add(path, meta, markdown, edit_uri=f"data/{page_redirects.FILE_NAME}")
    return files


def sitemap_without_private_pages(xml: str, config) -> str:
    """The sitemap without the editors' pages and the old addresses of renamed pages."""
    old_addresses = [f"{old}.md" for old in site_for(config).graph.kb.redirects]
    return editor_pages.drop_private_pages_from_sitemap(xml, config.site_url or "/", also=old_addresses)


def entity_meta(kind: str, entity, reviewers: dict) -> dict:
    """An entity page's front matter: its title, summary and review dates."""
    return {
        "title": entity.name,
        "description": " ".join(entity.summary.split()),
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


def _front_matter(meta: dict) -> str:
    # libyaml's emitter: the pure-Python one cost more than the rest of page generation.
    dumper = getattr(yaml, "CSafeDumper", yaml.SafeDumper)
    return "---\n" + yaml.dump(meta, Dumper=dumper, sort_keys=False, allow_unicode=True) + "---\n\n"
