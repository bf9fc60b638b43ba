"""`make markdown` (`python -m macros.cli.markdown_tree [--stubs] [FOLDER]`): the complete docs
tree in FOLDER (build/markdown/ by default).

The prose pages of docs/, every page made from the data, the open data files and the
editors' starter files. Every page goes through the one table of macros
(render/page_macros.py), checked first as the build checks it (render/page_check.py):

- by default, with every call made (in Jinja's sandbox), as plain Markdown with front
  matter, so that a tool that runs no hooks and no plugins (MkDocs with only search,
  say) can build the site from FOLDER;
- with --stubs, as the hook hands the files to MkDocs: each page made from the data is
  one call of a macro, for a tool whose macros support runs define_env (macros/__init__.py).
"""

from __future__ import annotations

import shutil
import sys
from pathlib import Path

import yaml

from ..data.data_errors import DataError, DataErrors, annotate_pull_request
from ..render import docs_tree, page_check
from ..render.page_macros import load_macros
from ..site import docs_input, page_markup_rules

ROOT = Path(__file__).resolve().parents[2]


class PageProblems(Exception):
    def __init__(self, problems: list[DataError]):
        self.problems = problems
        super().__init__("\n".join(str(p) for p in problems))


def _nginx_headers(root: Path) -> str:
    # The policy allows the theme's own inline scripts by their hashes, so it is read
    # from the theme named in mkdocs.yml: the one step that asks MkDocs (for its theme).
    from ..site import content_security_policy

    return content_security_policy.nginx_headers(content_security_policy.policy_for_project(root))


def write_tree(root: Path, out: Path, stubs: bool = False) -> int:
    """Write the docs tree of the project at `root` into `out` (emptied first); return the file count."""
    settings = docs_tree.project_settings(root, lambda: _nginx_headers(root))
    macros = load_macros(settings)
    config = yaml.safe_load((root / "mkdocs.yml").read_text(encoding="utf-8"))
    docs = root / config.get("docs_dir", "docs")
    # The same checks as the build's (docs_input.py) before anything is written: symbolic links are
    # refused, never followed, and hidden files are left out, as MkDocs leaves them out.
    published = docs_input.published_files(docs)
    generated = docs_tree.generated_pages(macros.graph, macros.renderer, settings, set(published))
    page_urls = {docs_input.page_url(p) for p in [*published, *generated] if p.endswith(".md")}
    errors = docs_input.docs_tree_errors_with_pages(docs, config.get("markdown_extensions") or [], page_urls)
    if errors:
        annotate_pull_request(errors)
        count = len(set(errors))
        raise page_markup_rules.PageRefused(
            f"{count} problem{'s' if count != 1 else ''} in docs/ (nothing was written):\n"
            + "\n".join(f"  {error}" for error in sorted(set(errors))))
    # And the build's check of every {{ }} and {% %} (page_check.py), before any is run.
    problems = page_check.docs_problems(docs, macros)
    if problems:
        raise PageProblems(problems)
    written: dict[str, bytes] = {relative: (docs / relative).read_bytes() for relative in published}
    for path, page in generated.items():
        written[path] = page.content.encode("utf-8")
    if not stubs:
        for path in [p for p in written if p.endswith(".md")]:
            written[path] = docs_tree.expanded(written[path].decode("utf-8"), macros).encode("utf-8")
    if out.exists():
        shutil.rmtree(out)
    for relative, content in written.items():
        target = out / relative
        target.parent.mkdir(parents=True, exist_ok=True)
        target.write_bytes(content)
    return len(written)


def main(argv: list[str] | None = None) -> int:
    argv = sys.argv[1:] if argv is None else argv
    stubs = "--stubs" in argv
    folders = [a for a in argv if a != "--stubs"]
    out = Path(folders[0]) if folders else ROOT / "build" / "markdown"
    try:
        count = write_tree(ROOT, out, stubs=stubs)
    except DataErrors as exc:
        print(exc.report(), file=sys.stderr)
        return 1
    except PageProblems as exc:
        print(f"{len(exc.problems)} problem{'s' if len(exc.problems) != 1 else ''} in the pages of docs/:",
              file=sys.stderr)
        print("\n".join(f"  {p}" for p in exc.problems), file=sys.stderr)
        return 1
    except (docs_tree.AddressConflict, page_markup_rules.PageRefused) as exc:
        print(exc, file=sys.stderr)
        return 1
    print(f"wrote {count} files to {out}" + (" (pages made from the data as calls of their macros)" if stubs else ""))
    return 0


if __name__ == "__main__":
    sys.exit(main())
