"""`python -m macros.cli.check`: validate data/ and the macros of docs/, and say what is wrong.

Exit 0 when the data is valid and meets the content standards a machine can
check (content_standards.py), and every {{ }} and {% %} of the pages in docs/ is a
call the table of macros allows (render/page_check.py); 1 when not. What a draft
still lacks is listed as warnings, which never fail the check. With
GITHUB_ACTIONS=true each error and warning is also printed as an annotation, shown
on the pull request's diff.
"""

from __future__ import annotations

import sys
from pathlib import Path

from ..data.content_standards import content_problems
from ..data.data_errors import DataErrors, annotate_pull_request
from ..data.kinds import PAGE_KINDS
from ..data.knowledge_base import load_knowledge_base
from ..data.relation_graph import build_relation_graph
from ..render import docs_tree, page_check
from ..render.page_macros import bound_to

ROOT = Path(__file__).resolve().parents[2]


def main(argv: list[str] | None = None) -> int:
    """`check [DATA_DIR [DOCS_DIR]]`: the project's data/, and the docs/ beside the data (if any)."""
    argv = sys.argv[1:] if argv is None else argv
    data_dir = Path(argv[0]) if argv else ROOT / "data"
    docs_dir = Path(argv[1]) if len(argv) > 1 else data_dir.parent / "docs"
    try:
        kb = load_knowledge_base(data_dir)
        errors, warnings = content_problems(kb)  # reading grade and promise words
        if errors:
            raise DataErrors(errors)
    except DataErrors as exc:
        print(exc.report(), file=sys.stderr)
        annotate_pull_request(exc.errors)
        return 1
    # Only the table's checks of arguments run here, and no page is made: the settings that
    # pages need (the site's address, the nginx headers) are left blank.
    settings = docs_tree.Settings(site_url="/", edit_uri="", site_name="", root=data_dir.parent,
                                  nginx_headers=lambda: "")
    macros = bound_to(build_relation_graph(kb), settings)
    problems = page_check.docs_problems(docs_dir, macros) if docs_dir.is_dir() else []
    if problems:
        count = len(problems)
        print(f"{count} problem{'s' if count != 1 else ''} in the pages of docs/:", file=sys.stderr)
        print("\n".join(f"  {problem}" for problem in problems), file=sys.stderr)
        annotate_pull_request(problems)
        return 1
    kb.warnings = sorted(kb.warnings + warnings)
    counts = ", ".join(f"{len(items)} {kind}s" for kind, items in kb.entities.items())
    drafts = sum(len(kb.drafts[kind]) for kind in PAGE_KINDS)  # pages; what waits with them is in the warnings
    print(f"data is valid: {counts}" + (f"; {drafts} draft{'s' if drafts != 1 else ''} (not published)"
                                        if drafts else ""))
    if kb.warnings:
        count = len(kb.warnings)
        print(f"{count} thing{'s' if count != 1 else ''} the drafts still lack (warnings: drafts are not published):")
        for warning in kb.warnings:
            print(f"  {warning}")
        annotate_pull_request(kb.warnings, level="warning")
    return 0


if __name__ == "__main__":
    sys.exit(main())
