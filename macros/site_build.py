"""What the build does with the data: load it once, add one page per entity.

Called from the MkDocs hooks (build_hooks.py) and the macros (__init__.py);
both find this build's graph by its config.
"""

from __future__ import annotations

from dataclasses import dataclass
from pathlib import Path

import yaml
from mkdocs.exceptions import PluginError
from mkdocs.structure.files import File, Files

from .data_errors import DataErrors
from .knowledge_base import load_knowledge_base
from .model import KIND_FOLDERS, PAGE_KINDS
from .page_render import PageRenderer
from .relation_graph import RelationGraph, build_relation_graph, page_path


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
        raise PluginError(exc.report()) from None
    graph = build_relation_graph(kb)
    site = SiteData(graph, PageRenderer(graph))
    _current.clear()  # one build at a time; `mkdocs serve` makes a new config per rebuild
    _current[id(config)] = site
    return site


def site_for(config) -> SiteData:
    return _current.get(id(config)) or prepare(config)


def add_generated_pages(files: Files, config) -> Files:
    """One page per published entity, an A-Z index per kind, and the sources page."""
    site = site_for(config)
    for file in files:
        if not file.generated_by:
            file.edit_uri = f"docs/{file.src_uri}"
    for kind in PAGE_KINDS:
        for entity_id, entity in site.graph.kb[kind].items():
            stub = entity_stub(kind, entity_id, entity)
            file = File.generated(config, page_path(kind, entity_id), content=stub)
            file.edit_uri = site.graph.kb.files[(kind, entity_id)]
            files.append(file)
        files.append(File.generated(config, f"{KIND_FOLDERS[kind]}/index.md", content=index_stub(kind)))
    files.append(File.generated(config, "sources.md", content=macro_stub("Sources", "sources_page()")))
    return files


def entity_stub(kind: str, entity_id: str, entity) -> str:
    meta = {
        "title": entity.name,
        "description": " ".join(entity.summary.split()),
        "last_reviewed": entity.last_reviewed.isoformat(),
        "next_review": entity.next_review.isoformat(),
        "reviewed_by": entity.reviewed_by,
        "entity_kind": kind,
        "render_macros": True,
    }
    return _front_matter(meta) + f'{{{{ entity_page("{kind}", "{entity_id}") }}}}\n'


def index_stub(kind: str) -> str:
    from .reader_labels import KIND_TITLE

    return macro_stub(f"{KIND_TITLE[kind]} A to Z", f'index_page("{kind}")')


def macro_stub(title: str, call: str) -> str:
    return _front_matter({"title": title, "render_macros": True}) + f"{{{{ {call} }}}}\n"


def _front_matter(meta: dict) -> str:
    return "---\n" + yaml.safe_dump(meta, sort_keys=False, allow_unicode=True) + "---\n\n"
