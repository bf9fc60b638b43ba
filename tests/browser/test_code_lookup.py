"""The /connect/ look-up rule, run where it runs: docs/assets/connect.js in Chromium.

Any code a record system sends (any case, with or without the dot, with spaces or a
7th-character extension) finds the condition of its longest listed prefix, or nothing.
The table here is made up, so that each rule has a case; the real table's codes are
checked in test_clinic_handouts.py.
"""

from __future__ import annotations

import json
import shutil

import pytest

from conftest import ROOT
from site_server import serve

TABLE = {
    "M54": {"code": "M54", "title": "Dorsalgia", "condition": "back-pain"},
    "M543": {"code": "M54.3", "title": "Sciatica", "condition": "sciatica"},
    "M544": {"code": "M54.4", "title": "Lumbago with sciatica", "condition": "sciatica"},
    "S134": {"code": "S13.4", "title": "Sprain of ligaments of cervical spine", "condition": "whiplash"},
}
FOUND = [
    ("M54.3", "sciatica"),
    ("M543", "sciatica"),
    ("m54.30", "sciatica"),
    (" M54.31 ", "sciatica"),
    ("M54.41", "sciatica"),
    ("M54.5", "back-pain"),
    ("M54", "back-pain"),
    ("S13.4XXA", "whiplash"),
    ("s134xxd", "whiplash"),
]
NOT_FOUND = ["", "M5", "Z99.9", "S13.5XXA", "not a code", "54.3"]


@pytest.fixture(scope="module")
def look_up(browser_session, tmp_path_factory):
    """Where /connect/?icd10=<code> sends the reader, for every code above."""
    site = tmp_path_factory.mktemp("lookup")
    prefixes = {k: {**v, "path": f"conditions/{v['condition']}/"} for k, v in TABLE.items()}
    (site / "icd10.json").write_text(json.dumps({"prefixes": prefixes}))
    shutil.copy(ROOT / "docs" / "assets" / "connect.js", site / "connect.js")
    (site / "connect").mkdir()
    (site / "connect" / "index.html").write_text(
        '<!doctype html><div id="connect-result" data-table="../icd10.json"></div><script src="../connect.js"></script>')

    async def destinations(base: str) -> dict[str, str]:
        page = await browser_session.browser.new_page()
        found = {}
        for raw in [raw for raw, _ in FOUND] + NOT_FOUND:
            await page.goto(f"{base}connect/?icd10={raw}", wait_until="load")
            # Done when the look-up has said what it found, or has left for another page.
            await page.wait_for_function(
                "() => { const box = document.getElementById('connect-result');"
                " return !box || !/Looking up/.test(box.textContent); }")
            await page.wait_for_load_state("load")
            found[raw] = page.url.removeprefix(base)
        await page.close()
        return found

    with serve(site) as base:
        return browser_session.run(destinations(base))


@pytest.mark.parametrize("raw, expected", FOUND)
def test_longest_listed_prefix_wins(look_up, raw, expected):
    assert look_up[raw] == f"conditions/{expected}/"


@pytest.mark.parametrize("raw", NOT_FOUND)
def test_unknown_codes_find_nothing(look_up, raw):
    assert look_up[raw].startswith("connect/"), f"{raw!r} led to {look_up[raw]}"
