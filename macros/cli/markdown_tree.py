"""`make markdown` (`python -m macros.cli.markdown_tree [FOLDER]`): the complete docs tree as
plain Markdown with front matter, in FOLDER (build/markdown/ by default).

Prose pages from docs/ (with their data filled in where they show data), every page
made from the data, the open data files and the editors' starter files: what the
MkDocs hook hands MkDocs, written out, so a tool that runs no hooks and no plugins
(Zensical, say, or MkDocs with only search) can build the site from FOLDER.
"""

from __future__ import annotations

import shutil
import sys
from pathlib import Path

import yaml

from ..render import docs_tree
from ..data.data_errors import DataErrors, annotate_pull_request
from ..data.knowledge_base import load_knowledge_base
from ..render.page_render import PageRenderer
from ..data.relation_graph import build_relation_graph
from ..site import docs_input, page_markup_rules

ROOT = Path(__file__).resolve().parents[2]


def _nginx_headers(root: Path) -> str:
    # The policy allows the theme's own inline scripts by their hashes, so it is read
    # from the theme named in mkdocs.yml: the one step that asks MkDocs (for its theme).
    from ..site import content_security_policy

    return content_security_policy.nginx_headers(content_security_policy.policy_for_project(root))


def write_tree(root: Path, out: Path) -> int:
    """Write the docs tree of the project at `root` into `out` (emptied first); return the file count."""
    config = yaml.safe_load((root / "mkdocs.yml").read_text(encoding="utf-8"))
    settings = docs_tree.Settings(site_url=config.get("site_url") or "/", edit_uri=config.get("edit_uri") or "",
                                  site_name=config.get("site_name") or "",
                                  root=root, nginx_headers=lambda: _nginx_headers(root))
    graph = build_relation_graph(load_knowledge_base(root / "data"))
    render = PageRenderer(graph, settings.site_url)
    functions = docs_tree.prose_functions(render, settings)
    docs = root / config.get("docs_dir", "docs")
    written: dict[str, bytes] = {}
    # The same checks as the build's (docs_input.py) before anything is written: symbolic links are
    # refused, never followed, and hidden files are left out, as MkDocs leaves them out.
    published = docs_input.published_files(docs)
    generated = docs_tree.generated_pages(graph, render, settings, set(published))
    page_urls = {docs_input.page_url(p) for p in [*published, *generated] if p.endswith(".md")}
    errors = docs_input.docs_tree_errors_with_pages(docs, config.get("markdown_extensions") or [], page_urls)
    if errors:
        annotate_pull_request(errors)
        count = len(set(errors))
        raise page_markup_rules.PageRefused(
            f"{count} problem{'s' if count != 1 else ''} in docs/ (nothing was written):\n"
            + "\n".join(f"  {error}" for error in sorted(set(errors))))
    for relative in published:
        path = docs / relative
        content = path.read_bytes()
        if path.suffix == ".md" and docs_tree.shows_data(content.decode("utf-8")):
            content = docs_tree.render_prose(content.decode("utf-8"), functions, f"docs/{relative}").encode("utf-8")
        written[relative] = content
    for path, page in generated.items():
        written[path] = page.content.encode("utf-8")
    if out.exists():
        shutil.rmtree(out)
    for relative, content in written.items():
        target = out / relative
        target.parent.mkdir(parents=True, exist_ok=True)
        target.write_bytes(content)
    return len(written)


def main(argv: list[str] | None = None) -> int:
    argv = sys.argv[1:] if argv is None else argv
    out = Path(argv[0]) if argv else ROOT / "build" / "markdown"
    try:
        count = write_tree(ROOT, out)
    except DataErrors as exc:
        print(exc.report(), file=sys.stderr)
        return 1
    except (docs_tree.AddressConflict, docs_tree.ProseError, page_markup_rules.PageRefused) as exc:
        print(exc, file=sys.stderr)
        return 1
    print(f"wrote {count} files to {out}")
    return 0


if __name__ == "__main__":
    sys.exit(main())
