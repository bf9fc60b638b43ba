"""Find the condition page for any ICD-10-CM code a health record sends.

Record systems send full codes (S13.4XXA, m5416, "M54.16 "); the data lists
code prefixes. The longest listed prefix wins, so M54.3 (sciatica) beats a
broader M54 if both are listed. This module writes the table
(/api/v1/icd10.json); /connect/ looks codes up in it in the browser
(docs/assets/connect.js, tested in tests/browser/test_code_lookup.py).
"""

from __future__ import annotations

import re

from .knowledge_base import KnowledgeBase


def normalize(code: str) -> str:
    """'s13.4xxa ' -> 'S134XXA': no dot, no spaces, capitals."""
    return re.sub(r"[^0-9A-Z]", "", code.upper())


def code_table(kb: KnowledgeBase) -> dict[str, dict]:
    """Normalized prefix -> {code, title, condition}, for every listed code."""
    table = {}
    for condition_id, condition in sorted(kb["condition"].items()):
        for item in condition.icd10:
            table[normalize(item.code)] = {"code": item.code, "title": item.title, "condition": condition_id}
    return table
