"""Every handout's QR code scans to its page, with the fixed data mask the guide uses.

The browser tests print five handouts and scan the printed codes; this scans
the code of every condition and technique page, and checks that each page
holds exactly that code.
"""

from __future__ import annotations

import subprocess

import pytest
from bs4 import BeautifulSoup

from conftest import needed_tool, page_soup
from macros.data.kinds import KIND_FOLDERS
from macros.render.qr_codes import MASK, qr_code, qr_svg

SITE_URL = "https://medical-massage-guide.github.io/guide/"


@pytest.fixture(scope="module")
def pages(kb):
    """Every condition and technique page: (kind, id, entity)."""
    return [(kind, entity_id, entity) for kind in ("condition", "technique") for entity_id, entity in kb[kind].items()]


def url_of(kind: str, entity_id: str) -> str:
    return f"{SITE_URL}{KIND_FOLDERS[kind]}/{entity_id}/"


def test_every_page_code_scans_to_its_address(tmp_path, pages):
    zbarimg = needed_tool("zbarimg", "zbar-tools")
    images, expected = [], []
    for kind, entity_id, _ in pages:
        code = qr_code(url_of(kind, entity_id))
        assert code.mask == MASK
        image = tmp_path / f"{kind}-{entity_id}.png"
        code.save(str(image), scale=4, border=4)  # 4 px a module: about what a 150 dpi scan of a handout gives
        images.append(str(image))
        expected.append(url_of(kind, entity_id))
    scan = subprocess.run([zbarimg, "--quiet", "--raw", *images], capture_output=True, text=True)
    assert scan.stdout.split("\n")[:-1] == expected


def test_each_page_holds_its_own_code(built_site, pages):
    for kind, entity_id, entity in pages:
        page = built_site / KIND_FOLDERS[kind] / entity_id / "index.html"
        svg = page_soup(built_site, page.relative_to(built_site).as_posix()).select_one(".share-box svg.qr-code")
        made = BeautifulSoup(qr_svg(url_of(kind, entity_id), f"QR code for {entity.name}"), "lxml").svg
        assert svg is not None, page
        assert svg.find("path")["d"] == made.find("path")["d"], f"{page}: not the code for its address"
        assert svg.title.get_text() == f"QR code for {entity.name}"


def test_a_wrong_code_does_not_scan_as_the_page(tmp_path, pages):
    """The scan check can fail: a code for another address reads as that address."""
    zbarimg = needed_tool("zbarimg", "zbar-tools")
    image = tmp_path / "other.png"
    qr_code(SITE_URL + "conditions/not-this-page/").save(str(image), scale=4, border=4)
    scan = subprocess.run([zbarimg, "--quiet", "--raw", str(image)], capture_output=True, text=True)
    assert scan.stdout.strip() == SITE_URL + "conditions/not-this-page/"
    assert scan.stdout.strip() != url_of(*pages[0][:2])
