"""Renamed pages keep their old addresses, and every published address still resolves."""

from __future__ import annotations

import re
from pathlib import Path

import pytest

from conftest import ROOT, copy_project, run_build
from macros.data.data_errors import DataErrors
from macros.data.knowledge_base import load_knowledge_base

LEDGER = ROOT / "tests" / "published_urls.txt"


def rename_sore_back(data: Path) -> None:
    """Rename the page, and name it by its new id where the data names it (its finding)."""
    (data / "conditions" / "sore-back.yml").rename(data / "conditions" / "back-ache.yml")
    finding = data / "findings" / "sore-back-gentle-rub-less-pain.yml"
    finding.write_text(finding.read_text().replace("population: sore-back", "population: back-ache"))


def test_a_renamed_page_redirects_from_its_old_address(tmp_path, fixture_data):
    rename_sore_back(fixture_data)
    (fixture_data / "redirects.yml").write_text("conditions/sore-back: conditions/back-ache\n")
    project = copy_project(tmp_path / "p", data=fixture_data)
    result = run_build(project)
    assert result.returncode == 0, result.stderr
    old = (project / "site/conditions/sore-back/index.html").read_text()
    assert 'http-equiv="refresh" content="0; url=../back-ache/"' in old
    assert (project / "site/conditions/back-ache/index.html").exists()


@pytest.mark.parametrize("line, words", [
    ("conditions/old-name: conditions/gone", "'conditions/gone' does not exist"),
    ("conditions/old-name: conditions/sore-back", None),
    ("techniques/gentle-rub: conditions/sore-back", "'techniques/gentle-rub' is a live page"),
    ("conditions/Old Name: conditions/sore-back", "is not a page address"),
    ("/conditions/old/: conditions/sore-back", "is not a page address"),
])
def test_redirect_mistakes_are_reported_at_their_line(fixture_data, line, words):
    (fixture_data / "redirects.yml").write_text("# renamed pages\n" + line + "\n")
    if words is None:
        assert load_knowledge_base(fixture_data).redirects == {"conditions/old-name": "conditions/sore-back"}
        return
    with pytest.raises(DataErrors) as caught:
        load_knowledge_base(fixture_data)
    [error] = caught.value.errors
    assert str(error).startswith("data/redirects.yml:2: ")
    assert words in error.message


def published_addresses() -> list[str]:
    lines = LEDGER.read_text().splitlines()
    return [line.strip() for line in lines if line.strip() and not line.startswith("#")]


def test_every_address_ever_published_still_resolves(built_site):
    """An address in the ledger must lead to a page, directly or through a redirect."""
    broken = []
    for address in published_addresses():
        page = built_site / address / "index.html"
        if not page.exists():
            broken.append(f"{address}: no page")
            continue
        refresh = re.search(r'http-equiv="refresh" content="0; url=([^"]+)"', page.read_text())
        if refresh and not (page.parent / refresh.group(1) / "index.html").resolve().exists():
            broken.append(f"{address}: redirects to a missing page")
    assert not broken, "published addresses that no longer work (add a line to data/redirects.yml):\n" + "\n".join(broken)
