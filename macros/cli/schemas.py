"""`make schemas` and `make schema-lines`: write the editors' JSON Schemas from the model, or link them from every data file."""

from __future__ import annotations

import sys
from pathlib import Path

from ..editors.json_schemas import ROOT, link_data_files, write_schemas

USAGE = """  python -m macros.cli.schemas write   (make schemas)
  python -m macros.cli.schemas link    (make schema-lines)"""


def main(argv: list[str] | None = None) -> int:
    argv = sys.argv[1:] if argv is None else argv
    command = argv[0] if argv else ""
    if command == "write":
        for path in write_schemas():
            print(f"wrote {path.relative_to(ROOT)}")
        return 0
    if command == "link":
        data_dir = Path(argv[1]) if len(argv) > 1 else ROOT / "data"
        changed = link_data_files(data_dir)
        print(f"schema line added or fixed in {len(changed)} file{'s' if len(changed) != 1 else ''}")
        for path in changed:
            print(f"  {path}")
        return 0
    print("usage:\n" + USAGE, file=sys.stderr)
    return 2


if __name__ == "__main__":
    sys.exit(main())
