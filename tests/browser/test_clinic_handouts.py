"""In a real browser: handouts print on at most two pages with a QR code that scans
to the page, and /connect/ takes a record system's diagnosis code to its condition."""

from __future__ import annotations

import asyncio
import subprocess
from pathlib import Path

import pytest

from conftest import needed_tool as needed

SITE_URL = "https://medical-massage-guide.github.io/guide/"


def handouts(kb) -> list[str]:
    """Every condition and technique page: each prints as a handout."""
    return [f"conditions/{cid}/" for cid in sorted(kb["condition"])] + \
           [f"techniques/{tid}/" for tid in sorted(kb["technique"])]


async def print_all(browser, base: str, paths: list[str], papers: list[str], out: Path) -> dict[str, dict[str, Path]]:
    """{paper: {path: its PDF}}: each page is loaded once and printed on each paper."""
    limit = asyncio.Semaphore(4)

    async def one(path: str) -> tuple[str, dict[str, Path]]:
        async with limit:
            page = await browser.new_page()
            await page.goto(base + path, wait_until="load")
            targets = {}
            for paper in papers:
                targets[paper] = out / (path.strip("/").replace("/", "--") + f"-{paper}.pdf")
                await page.pdf(path=str(targets[paper]), format=paper)
            await page.close()
            return path, targets

    printed = dict(await asyncio.gather(*(one(p) for p in paths)))
    return {paper: {path: targets[paper] for path, targets in printed.items()} for paper in papers}


def pdf_pages(pdf: Path) -> int:
    info = subprocess.run([needed("pdfinfo", "poppler-utils"), str(pdf)], capture_output=True, text=True, check=True)
    return int(next(line.split()[-1] for line in info.stdout.splitlines() if line.startswith("Pages:")))


@pytest.fixture(scope="module")
def printed(browser_session, served_site, tmp_path_factory, kb):
    """Every condition and technique page printed on Letter and on A4 paper."""
    out = tmp_path_factory.mktemp("handouts")
    return browser_session.run(print_all(browser_session.browser, served_site, handouts(kb), ["Letter", "A4"], out))


@pytest.mark.parametrize("paper", ["Letter", "A4"])
def test_every_handout_fits_on_two_pages(printed, paper):
    too_long = {path: n for path, pdf in printed[paper].items() if (n := pdf_pages(pdf)) > 2}
    assert not too_long, f"handouts longer than 2 {paper} pages: {too_long}"


# Every page's QR code comes from the same code path, and the HTML tests check each page's
# address; scanning a few printed handouts of each kind proves the chain end to end.
SCANNED = ["conditions/sciatica/", "conditions/low-back-pain/", "conditions/migraine/",
           "techniques/swedish-massage/", "techniques/manual-lymphatic-drainage/"]


def test_handout_qr_codes_scan_to_their_page(printed, tmp_path):
    zbarimg = needed("zbarimg", "zbar-tools")
    pdftoppm = needed("pdftoppm", "poppler-utils")
    wrong = []
    for path in SCANNED:
        pdf = printed["Letter"][path]
        prefix = tmp_path / path.strip("/").replace("/", "--")
        subprocess.run([pdftoppm, "-r", "150", "-png", str(pdf), str(prefix)], check=True)
        found = set()
        for png in sorted(tmp_path.glob(prefix.name + "-*.png")):
            scan = subprocess.run([zbarimg, "--quiet", "--raw", str(png)], capture_output=True, text=True)
            found |= set(scan.stdout.split())
        if found != {SITE_URL + path}:
            wrong.append(f"{path}: scanned {sorted(found) or 'nothing'}")
    assert not wrong, "QR codes that do not lead to their page:\n" + "\n".join(wrong)


def test_the_handout_leaves_out_navigation_but_keeps_the_essentials(printed):
    pdftotext = needed("pdftotext", "poppler-utils")
    text = subprocess.run([pdftotext, "-layout", str(printed["Letter"]["conditions/sciatica/"]), "-"],
                          capture_output=True, text=True, check=True).stdout
    for words in ("Sciatica", "Emergency: get help now", "Can massage help?", "Is it safe for me?", "References",
                  "Page last reviewed", "This guide is for education only", SITE_URL + "conditions/sciatica/"):
        assert words in text, f"the printed sciatica handout lacks '{words}'"
    for words in ("Skip to content", "Search", "Print this page", "Copy address"):
        assert words not in text, f"the printed handout shows '{words}'"


CODES = [
    ("M54.3", "conditions/sciatica/"),
    ("m5431", "conditions/sciatica/"),
    ("M54.41", "conditions/sciatica/"),
    ("M54.50", "conditions/low-back-pain/"),
    ("S13.4XXA", "conditions/whiplash/"),
    ("g43.909", "conditions/migraine/"),
    ("M79.7", "conditions/fibromyalgia/"),
    ("m5416", "conditions/sciatica/"),
    ("M51.16", "conditions/herniated-disc/"),
]


async def visit(browser, url: str) -> tuple[str, str]:
    page = await browser.new_page()
    await page.goto(url, wait_until="load")
    await page.wait_for_load_state("networkidle")
    final, text = page.url, await page.inner_text("body")
    await page.close()
    return final, text


@pytest.mark.parametrize("code, destination", CODES)
def test_connect_takes_any_form_of_a_code_to_its_condition(browser_session, served_site, code, destination):
    final, _ = browser_session.run(visit(browser_session.browser, f"{served_site}connect/?icd10={code}"))
    assert final == served_site + destination


@pytest.mark.parametrize("code", ["Z99.89", "hello", ""])
def test_connect_explains_an_unknown_code_and_offers_the_list(browser_session, served_site, code):
    final, text = browser_session.run(visit(browser_session.browser, f"{served_site}connect/?icd10={code}"))
    assert final.startswith(served_site + "connect/")
    assert "We don't have a page for the code" in text
    assert "Sciatica" in text and "Low back pain" in text


def test_the_static_code_pages_send_the_reader_on(browser_session, served_site):
    final, _ = browser_session.run(visit(browser_session.browser, f"{served_site}icd10/M54.3/"))
    assert final == served_site + "conditions/sciatica/"


def test_share_box_buttons_work(browser_session, served_site):
    async def copy_address():
        context = await browser_session.browser.new_context(permissions=["clipboard-read", "clipboard-write"])
        page = await context.new_page()
        await page.goto(served_site + "conditions/neck-pain/", wait_until="load")
        button = page.locator("button[data-copy]")
        await button.click()
        await page.wait_for_function("document.querySelector('button[data-copy]').textContent.includes('copied')")
        copied = await page.evaluate("navigator.clipboard.readText()")
        visible = await page.locator("button[data-print]").is_visible()
        await context.close()
        return copied, visible

    copied, print_visible = browser_session.run(copy_address())
    assert copied == SITE_URL + "conditions/neck-pain/"
    assert print_visible
