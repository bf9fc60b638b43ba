"""`python -m macros.cli.published_urls`: add every current page address to the ledger.

tests/published_urls.txt lists every address the site has published; a test
proves each one still leads to a page. Maintainers run this after new pages
go live, so their addresses are protected too.
"""

from __future__ import annotations

import sys
from pathlib import Path

from ..data.knowledge_base import load_knowledge_base
from ..data.kinds import KIND_FOLDERS, PAGE_KINDS

ROOT = Path(__file__).resolve().parents[2]
LEDGER = ROOT / "tests" / "published_urls.txt"


def current_addresses(kb) -> list[str]:
    addresses = [f"{KIND_FOLDERS[kind]}/" for kind in PAGE_KINDS]
    addresses += [f"{KIND_FOLDERS[kind]}/{entity_id}/" for kind in PAGE_KINDS for entity_id in sorted(kb[kind])]
    addresses += [f"icd10/{item.code}/" for c in kb["condition"].values() for item in c.icd10]
    return addresses


def main() -> int:
    text = LEDGER.read_text() if LEDGER.exists() else ""
    known = {line.strip() for line in text.splitlines()}
    new = [a for a in current_addresses(load_knowledge_base(ROOT / "data")) if a not in known]
    with LEDGER.open("a") as ledger:
        ledger.writelines(f"{address}\n" for address in new)
    print(f"{len(new)} new address(es) recorded in {LEDGER.relative_to(ROOT)}")
    return 0


if __name__ == "__main__":
    sys.exit(main())
