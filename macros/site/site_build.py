"""What the build does with the data: load it once, hand MkDocs the pages made from it.

Called from the MkDocs hooks (build_hooks.py), which find this build's data by its
config, and from define_env (macros/__init__.py), which registers the table of
macros with the same data. The pages themselves are made without MkDocs, in
docs_tree.py, each as one call of a macro that the macros plugin renders.
"""

from __future__ import annotations

import logging
from dataclasses import dataclass, field
from pathlib import Path

from mkdocs.exceptions import PluginError
from mkdocs.structure.files import File, Files

from . import content_security_policy

from ..render import docs_tree, editor_pages, page_check
from ..data.data_errors import DataErrors, annotate_pull_request
from ..render.page_macros import PageMacros, load_macros
from ..render.page_render import PageRenderer
from ..data.relation_graph import RelationGraph
from ..data.review_schedule import log_overdue


@dataclass
class SiteData:
    settings: docs_tree.Settings
    macros: PageMacros  # the table bound to this build's data: its graph and renderer too
    # The pages written in docs/, by address, with their search words (record_guide_pages), for the search index.
    guide_pages: dict[str, dict] = field(default_factory=dict)

    @property
    def graph(self) -> RelationGraph:
        return self.macros.graph

    @property
    def renderer(self) -> PageRenderer:
        return self.macros.renderer


log = logging.getLogger("mkdocs.plugins.guide")
_current: dict[int, SiteData] = {}
# What this build's hook loaded, for define_env to take: one load per build (see macros_for).
_for_macros: dict[Path, SiteData] = {}


def load(settings: docs_tree.Settings) -> SiteData:
    """Load and validate data/ from the project root; stop the build with the editor's message on error."""
    try:
        macros = load_macros(settings)
    except DataErrors as exc:
        annotate_pull_request(exc.errors)
        raise PluginError(exc.report(stopped_build=True)) from None
    log_overdue(macros.graph.kb)
    return SiteData(settings, macros)


def prepare(config) -> SiteData:
    """Load this build's data (the hook's on_config, before the macros plugin's)."""
    site = load(settings_of(config))
    _current.clear()  # one build at a time; `mkdocs serve` makes a new config per rebuild
    _current[id(config)] = site
    _for_macros.clear()
    _for_macros[site.settings.root] = site
    return site


def site_for(config) -> SiteData:
    return _current.get(id(config)) or prepare(config)


def macros_for(root: Path) -> PageMacros:
    """The table bound to this build's data, for define_env.

    The hook loads the data first in every MkDocs build and leaves it here; define_env
    takes it, so a later build can never find it. Where no hook runs (a build of the
    `make markdown --stubs` tree, or another generator's macros support), the data is
    loaded here, from the project root.
    """
    site = _for_macros.pop(Path(root).resolve(), None)
    if site is None:
        settings = docs_tree.project_settings(Path(root).resolve(), lambda: content_security_policy.nginx_headers(
            content_security_policy.policy_for_project(root)))
        site = load(settings)
    return site.macros


def settings_of(config) -> docs_tree.Settings:
    return docs_tree.Settings(site_url=config.site_url or "/", edit_uri=config.get("edit_uri") or "",
                              site_name=config.site_name,
                              root=Path(config.config_file_path).parent.resolve(),
                              nginx_headers=lambda: content_security_policy.nginx_headers(
                                  content_security_policy.policy_for(config)))


def add_generated_pages(files: Files, config) -> Files:
    """Hand MkDocs the pages and files made from the data (docs_tree.py).

    Each page is its front matter and one call of a macro, which the macros plugin
    renders as it renders the prose pages of docs/: exactly what `make markdown --stubs` writes.
    """
    site = site_for(config)
    docs_files = set()  # every file of docs/ (not the theme's own), so none is hidden by a generated one
    for file in files:
        if not file.generated_by:
            file.edit_uri = f"docs/{file.src_uri}"
            if file.abs_src_path and Path(file.abs_src_path).is_relative_to(config["docs_dir"]):
                docs_files.add(file.src_uri)
    try:
        pages = docs_tree.generated_pages(site.graph, site.renderer, site.settings, docs_files)
    except docs_tree.AddressConflict as exc:
        raise PluginError(str(exc)) from None
    for path, page in pages.items():
        file = File.generated(config, path, content=page.content)
        if page.edit_uri:
            file.edit_uri = page.edit_uri
        files.append(file)
    return files


def checked_markdown(markdown: str, page, config) -> str:
    """A prose page's Markdown for the macros plugin, once its every {{ }} and {% %} passed page_check.py.

    Otherwise each problem is logged as an error (`docs/myths.md:128: claim_verdict: ...`),
    so a strict build stops after the last page, with every problem listed (even with -q,
    which hides warnings from strict mode's count), while `make serve` goes on; and the
    page keeps nothing that could run: it says what is wrong instead.
    """
    if page.file.generated_by:
        return markdown  # one call of the table, written by docs_tree.py
    where = f"{Path(config.docs_dir).name}/{page.file.src_uri}"
    problems = page_check.page_problems(where, page.file.content_string, site_for(config).macros)
    for problem in problems:
        log.error(str(problem))
    return page_check.problems_notice(problems) if problems else markdown


def record_guide_pages(files: Files, config) -> dict[str, dict]:
    """Every page written in docs/, by address: the search_terms and description of its front
    matter (checked by docs_input.py), kept for the search index the build writes last
    (reader_search.py). Called once every page has been read; the pages made from the data
    carry their words in the data instead."""
    pages = {}
    for file in files.documentation_pages():
        page = file.page
        if page is None or file.generated_by:
            continue
        pages[page.url] = {"terms": [str(term) for term in page.meta.get("search_terms") or []],
                           "description": str(page.meta.get("description") or "")}
    site_for(config).guide_pages = pages
    return pages


def sitemap_without_private_pages(xml: str, config) -> str:
    """The sitemap without the editors' pages and the old addresses of renamed pages."""
    old_addresses = [f"{old}.md" for old in site_for(config).graph.kb.redirects]
    return editor_pages.drop_private_pages_from_sitemap(xml, config.site_url or "/", also=old_addresses)
