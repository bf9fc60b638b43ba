"""`python -m macros.cli.check`: validate data/ alone and say what is wrong.

Exit 0 when the data is valid and meets the content standards a machine can
check (content_standards.py), 1 when it does not. What a draft still lacks is
listed as warnings, which never fail the check. With GITHUB_ACTIONS=true each
error and warning is also printed as an annotation, shown on the pull request's diff.
"""

from __future__ import annotations

import sys
from pathlib import Path

from ..data.content_standards import content_problems
from ..data.data_errors import DataErrors, annotate_pull_request
from ..data.kinds import PAGE_KINDS
from ..data.knowledge_base import load_knowledge_base


def main(argv: list[str] | None = None) -> int:
    argv = sys.argv[1:] if argv is None else argv
    data_dir = Path(argv[0]) if argv else Path(__file__).resolve().parents[2] / "data"
    try:
        kb = load_knowledge_base(data_dir)
        errors, warnings = content_problems(kb)  # reading grade and promise words
        if errors:
            raise DataErrors(errors)
    except DataErrors as exc:
        print(exc.report(), file=sys.stderr)
        annotate_pull_request(exc.errors)
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
