"""`python -m macros.check`: validate data/ alone and say what is wrong.

Exit 0 when the data is valid, 1 when it is not. With GITHUB_ACTIONS=true each
error is also printed as an annotation so it shows on the pull request's diff.
"""

from __future__ import annotations

import os
import sys
from pathlib import Path

from .data_errors import DataErrors
from .knowledge_base import load_knowledge_base


def main(argv: list[str] | None = None) -> int:
    argv = sys.argv[1:] if argv is None else argv
    data_dir = Path(argv[0]) if argv else Path(__file__).resolve().parent.parent / "data"
    try:
        kb = load_knowledge_base(data_dir)
    except DataErrors as exc:
        print(exc.report(), file=sys.stderr)
        if os.environ.get("GITHUB_ACTIONS") == "true":
            for error in exc.errors:
                print(error.github_annotation())
        return 1
    counts = ", ".join(f"{len(items)} {kind}s" for kind, items in kb.entities.items())
    drafts = sum(len(items) for items in kb.drafts.values())
    print(f"data is valid: {counts}" + (f"; {drafts} drafts (not published)" if drafts else ""))
    return 0


if __name__ == "__main__":
    sys.exit(main())
