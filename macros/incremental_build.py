"""Let `mkdocs serve --dirty` (what `make serve` runs) rebuild only the pages an edit changed.

With --dirty, MkDocs skips a page when its File.is_modified() is false, judged by
file times. That misses most of what matters here: every page made from data/
counts as modified (a generated file always does), and a page's look also
depends on mkdocs.yml and overrides/, which file times ignore. So each page is
given its own is_modified(): a page is rebuilt unless its Markdown, the site's
shared parts and its built file are all as the last successful build in this
process left them. The shared parts are mkdocs.yml, overrides/ and the list of
pages (adding or removing a page changes links and the navigation, so it
rebuilds everything). Prose pages that show data through macros are always
rebuilt. A failed build forgets everything, so the next one is a full build.

The theme's search plugin only indexes the pages it builds, so after a dirty
build the index gets back the entries remembered for the pages it skipped.

`mkdocs build` never asks is_modified(), so none of this changes a real build.
"""

from __future__ import annotations

import hashlib
import logging
from dataclasses import dataclass, field
from pathlib import Path

# MkDocs warns on every dirty build that links and navigation may be stale. Here
# they are not (see above), and in strict mode the warning would stop the preview.
_DIRTY_WARNING = "A 'dirty' build is being performed"


@dataclass
class _Build:
    shared: str = ""
    # src_uri -> digest of the page's Markdown (None: always rebuild)
    pages: dict[str, str | None] = field(default_factory=dict)
    urls: dict[str, str] = field(default_factory=dict)
    dest: dict[str, str] = field(default_factory=dict)
    # page url -> its search index entries
    search: dict[str, list[dict]] = field(default_factory=dict)
    skipped: set[str] = field(default_factory=set)
    dirty: bool = False  # MkDocs asked is_modified(): a dirty build, into an uncleaned folder


_last: _Build | None = None  # the last successful build in this process
_previous: _Build | None = None  # what the build under way compares with
_current = _Build()


def start(config) -> None:
    """At the start of every build: forget the last build until this one succeeds."""
    global _last, _previous, _current
    _previous, _last, _current = _last, None, _Build()
    logging.getLogger("mkdocs.commands.build").addFilter(_drop_dirty_warning)
    search = config.plugins.get("material/search") or config.plugins.get("search")
    if search is not None and hasattr(search, "search_index_prev"):
        # The theme's own dirty-build merge assumes one changed page; complete_search_index does it here.
        search.search_index_prev = None


def _drop_dirty_warning(record: logging.LogRecord) -> bool:
    return not str(record.msg).startswith(_DIRTY_WARNING)


def watch_pages(files, config) -> None:
    """Give every page an is_modified() that compares it with the last build."""
    pages = [f for f in files if f.is_documentation_page()]
    shared = hashlib.sha256()
    shared.update(f"{config.config_file_path}\0{config.docs_dir}\0{config.site_dir}\0".encode())
    shared.update(Path(config.config_file_path).read_bytes())
    for folder in config.theme.dirs[:1] if config.theme.custom_dir else []:
        for path in sorted(Path(folder).rglob("*")):
            if path.is_file():
                shared.update(path.as_posix().encode() + b"\0" + path.read_bytes())
    shared.update("\0".join(sorted(f.src_uri for f in pages)).encode())
    _current.shared = shared.hexdigest()
    for file in pages:
        text = file.content_bytes
        _current.pages[file.src_uri] = None if b"render_macros: true" in text else hashlib.sha256(text).hexdigest()
        _current.urls[file.src_uri] = "" if file.url == "./" else file.url  # as the search index writes it
        _current.dest[file.src_uri] = file.abs_dest_path
        file.is_modified = _is_modified_for(file, config)


def _is_modified_for(file, config):
    def is_modified() -> bool:
        _current.dirty = True
        before = _previous
        digest = _current.pages.get(file.src_uri)
        if (before is None or before.shared != _current.shared or digest is None
                or before.pages.get(file.src_uri) != digest or not Path(file.abs_dest_path).is_file()):
            return True
        _current.skipped.add(file.src_uri)
        if file.page is not None and file.page.markdown is None:
            # Still read its front matter: the navigation and other pages show its title.
            file.page.read_source(config)
        return False

    return is_modified


def complete_search_index(docs: list[dict]) -> list[dict]:
    """The search entries to write: after a dirty build, the skipped pages' entries put back.
    Remembers this build's entries by page for the next build."""
    fresh: dict[str, list[dict]] = {}
    for entry in docs:
        fresh.setdefault(entry["location"].split("#")[0], []).append(entry)
    skipped_urls = {_current.urls[uri] for uri in _current.skipped}
    completed = []
    for url in _current.urls.values():
        entries = _previous.search.get(url, []) if url in skipped_urls else fresh.pop(url, [])
        _current.search[url] = entries
        completed += entries
    for entries in fresh.values():  # entries for no known page (none expected): keep them
        completed += entries
    return completed if _current.skipped else docs


def finish(config) -> None:
    """After a successful build: remember it; after a dirty one, remove pages whose source is gone."""
    global _last
    if _current.dirty and _previous is not None:
        site = Path(config.site_dir).resolve()
        for uri in _previous.pages.keys() - _current.pages.keys():
            built = Path(_previous.dest[uri]).resolve()
            if built.is_relative_to(site):
                built.unlink(missing_ok=True)
    if _current.dirty:
        logging.getLogger("mkdocs").info(
            f"Rebuilt {len(_current.pages) - len(_current.skipped)} of {len(_current.pages)} pages "
            "(the others did not change)")
    _last = _current
