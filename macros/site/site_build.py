"""What the build does with the data: load it once, hand MkDocs the engine's pages.

Called from the MkDocs hooks (build_hooks.py), which find this build's graph by
its config. The pages themselves are made without MkDocs, in docs_tree.py.
"""

from __future__ import annotations

from dataclasses import dataclass
from pathlib import Path

from mkdocs.exceptions import PluginError
from mkdocs.structure.files import File, Files

from . import content_security_policy

from ..render import docs_tree, editor_pages
from ..data.data_errors import DataErrors, annotate_pull_request
from ..data.knowledge_base import load_knowledge_base
from ..render.page_render import PageRenderer
from ..data.relation_graph import RelationGraph, build_relation_graph
from ..data.review_schedule import log_overdue


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


def settings_of(config) -> docs_tree.Settings:
    return docs_tree.Settings(site_url=config.site_url or "/", edit_uri=config.get("edit_uri") or "",
                              site_name=config.site_name,
                              root=Path(config.config_file_path).parent,
                              nginx_headers=lambda: content_security_policy.nginx_headers(
                                  content_security_policy.policy_for(config)))


def add_generated_pages(files: Files, config) -> Files:
    """Hand MkDocs the engine's docs tree (docs_tree.py): the pages made from the data,
    and the prose pages that show data, with their data filled in.

    Each page's Markdown is rendered by the engine, once, from its kind's template,
    exactly as `make markdown` writes it.
    """
    site = site_for(config)
    settings = settings_of(config)
    functions = docs_tree.prose_functions(site.renderer, settings)
    docs_files = set()
    for file in files:
        if not file.generated_by:
            file.edit_uri = f"docs/{file.src_uri}"
            if file.abs_src_path and Path(file.abs_src_path).is_relative_to(config["docs_dir"]):
                docs_files.add(file.src_uri)  # not the theme's own files
        if file.is_documentation_page():
            text = file.content_string
            if docs_tree.shows_data(text):
                try:
                    file.content_string = docs_tree.render_prose(text, functions, f"docs/{file.src_uri}")
                except docs_tree.ProseError as exc:
                    raise PluginError(str(exc)) from None
    try:
        pages = docs_tree.generated_pages(site.graph, site.renderer, settings, docs_files)
    except docs_tree.AddressConflict as exc:
        raise PluginError(str(exc)) from None
    for path, page in pages.items():
        file = File.generated(config, path, content=page.content)
        if page.edit_uri:
            file.edit_uri = page.edit_uri
        files.append(file)
    return files


def sitemap_without_private_pages(xml: str, config) -> str:
    """The sitemap without the editors' pages and the old addresses of renamed pages."""
    old_addresses = [f"{old}.md" for old in site_for(config).graph.kb.redirects]
    return editor_pages.drop_private_pages_from_sitemap(xml, config.site_url or "/", also=old_addresses)
