"""In a real browser: every handout prints on one page of Letter and of A4 (printed first on one
sheet as narrow as A4 and as short as Letter, which fits both; see `printed`), with a QR code
that scans to the page (and its numbered references only when the reader asks for them), the
checklist prints on one page, and /connect/ takes a record system's diagnosis code to its condition."""

from __future__ import annotations

import asyncio
import re
import subprocess
from concurrent.futures import ThreadPoolExecutor
from pathlib import Path

import pytest

from conftest import ROOT, needed_tool as needed
from macros.data.model import level_action
from macros.render.reader_labels import CERTAINTY, LEVEL_HEADING

from .site_audit import FULL_AUDIT

SITE_URL = "https://medical-massage-guide.github.io/guide/"
SITE_NAME = "Medical Massage Guide"
# From the file names, so that collecting the tests never reads the data (a data mistake is
# reported by the data tests, not as a collection error here).
HANDOUTS = [f"conditions/{p.stem}/" for p in sorted((ROOT / "data" / "conditions").glob("*.yml"))] + \
           [f"techniques/{p.stem}/" for p in sorted((ROOT / "data" / "techniques").glob("*.yml"))]
ONE_PAGERS = HANDOUTS + ["checklist/"]
# What the "Print with references" button does before it opens the print dialog, kept from
# opening here: window.print is replaced by a stub that records that it was called.
CLICK_PRINT = """async (selector) => {
  window.printed = 0;
  window.print = () => { window.printed += 1; };
  document.querySelector(selector).click();
  return window.printed;
}"""


async def print_all(browser, base: str, paths: list[str], papers: list[str], out: Path,
                    button: str | None = None) -> dict[str, dict[str, Path]]:
    """{paper: {path: its PDF}}: each page is loaded once and printed on each paper (PAPERS);
    with `button`, after clicking that print button."""
    limit = asyncio.Semaphore(4)
    # One browser context for all the tabs (a context per tab costs a new renderer each); the
    # pages are only loaded and printed, and the print button keeps nothing between pages.
    context = await browser.new_context()

    async def one(path: str) -> tuple[str, dict[str, Path]]:
        async with limit:
            page = await context.new_page()
            await page.goto(base + path, wait_until="load")
            if button:
                assert await page.evaluate(CLICK_PRINT, button) == 1, f"{path}: {button} did not print"
            targets = {}
            for paper in papers:
                name = path.strip("/").replace("/", "--") + f"-{paper.replace(' ', '')}{'-refs' if button else ''}.pdf"
                targets[paper] = out / name
                await page.pdf(path=str(targets[paper]), **PAPERS[paper])
            await page.close()
            return path, targets

    try:
        done = dict(await asyncio.gather(*(one(p) for p in paths)))
    finally:
        await context.close()
    return {paper: {path: targets[paper] for path, targets in done.items()} for paper in papers}


def pdf_text(pdf: Path) -> str:
    pdftotext = needed("pdftotext", "poppler-utils")
    text = subprocess.run([pdftotext, str(pdf), "-"], capture_output=True, text=True, check=True).stdout
    return " ".join(text.split())


def pdf_pages(pdf: Path) -> int:
    info = subprocess.run([needed("pdfinfo", "poppler-utils"), str(pdf)], capture_output=True, text=True, check=True)
    return int(next(line.split()[-1] for line in info.stdout.splitlines() if line.startswith("Pages:")))


# A sheet as narrow as A4 and as short as Letter: a page that fits on it fits on both, since a
# wider sheet gives each line more room and a taller one more lines (measured on 2026-12-07 on 20
# pages of one to 43 sheets: this sheet never needed fewer sheets than Letter or A4, and needed
# more than both on 2). So each handout is printed on it first, and only one that does not fit on
# it is printed on real Letter and A4, which decide. The nightly run (FULL_AUDIT=1, `make
# test-full`) prints every handout on real Letter and A4 as well.
BOTH = "A4 width, Letter height"
PAPERS = {"Letter": {"format": "Letter"}, "A4": {"format": "A4"}, BOTH: {"width": "210mm", "height": "279.4mm"}}


@pytest.fixture(scope="module")
def printed(browser_session, served_site, tmp_path_factory):
    """Every condition and technique page, and the checklist, printed: {paper: {path: PDF}}, on the
    sheet above for every page, and on Letter and A4 for those that need two of it (every page, nightly)."""
    out = tmp_path_factory.mktemp("handouts")
    run = browser_session.run
    first = run(print_all(browser_session.browser, served_site, ONE_PAGERS, [BOTH], out))[BOTH]
    again = ONE_PAGERS if FULL_AUDIT else [path for path, pdf in first.items() if pdf_pages(pdf) != 1]
    real = run(print_all(browser_session.browser, served_site, again, ["Letter", "A4"], out)) if again else \
        {"Letter": {}, "A4": {}}
    return {BOTH: first, **real}


def printout(printed, path: str) -> Path:
    """The handout as printed on Letter, or on the sheet as narrow as A4 and as short as Letter."""
    return printed["Letter"].get(path) or printed[BOTH][path]


WITH_REFERENCES = ["conditions/sciatica/", "conditions/low-back-pain/", "techniques/swedish-massage/"]


@pytest.fixture(scope="module")
def printed_with_references(browser_session, served_site, tmp_path_factory):
    """A few handouts printed with the "Print with references" button, on Letter."""
    out = tmp_path_factory.mktemp("handouts-with-references")
    return browser_session.run(print_all(browser_session.browser, served_site, WITH_REFERENCES, ["Letter"], out,
                                         button='button[data-print="references"]'))["Letter"]


@pytest.mark.parametrize("paper", ["Letter", "A4"])
def test_every_handout_and_the_checklist_print_on_one_page(printed, paper):
    # A page printed on one sheet as narrow as A4 and as short as Letter fits this paper too.
    too_long = {path: n for path in ONE_PAGERS
                if (pdf := printed[paper].get(path, printed[BOTH][path])) and (n := pdf_pages(pdf)) != 1}
    assert not too_long, f"printouts not on exactly one {paper} page: {too_long}"


# Every handout is one page, so its QR code is on page 1: each is scanned, at 100 dpi (a
# handout copied on an office copier is read at about that), two at a time.
def test_every_printed_qr_code_scans_to_its_page(printed, tmp_path):
    zbarimg = needed("zbarimg", "zbar-tools")
    pdftoppm = needed("pdftoppm", "poppler-utils")

    def scanned(path: str) -> set[str]:
        prefix = tmp_path / path.strip("/").replace("/", "--")
        subprocess.run([pdftoppm, "-r", "100", "-f", "1", "-l", "1", "-singlefile", "-png",
                        str(printout(printed, path)), str(prefix)], check=True)
        scan = subprocess.run([zbarimg, "--quiet", "--raw", f"{prefix}.png"], capture_output=True, text=True)
        return set(scan.stdout.split())

    with ThreadPoolExecutor(max_workers=2) as pool:
        found = dict(zip(ONE_PAGERS, pool.map(scanned, ONE_PAGERS)))
    wrong = [f"{path}: scanned {sorted(codes) or 'nothing'}" for path, codes in found.items()
             if codes != {SITE_URL + path}]
    assert not wrong, "QR codes that do not lead to their page:\n" + "\n".join(wrong)


def essentials(kb, graph, path: str) -> list[str]:
    """What page 1 of a handout carries, from the data: never from the page under test."""
    kind, entity_id = {"conditions": "condition", "techniques": "technique"}[path.split("/")[0]], path.split("/")[1]
    e = kb[kind][entity_id]
    views = graph.findings_on(kind, entity_id)
    words = [SITE_NAME, e.name, "What the research says", "Is it safe for me?",
             f"Full references: {SITE_URL}{path}#references", f"Page last reviewed: {e.last_reviewed.isoformat()}"]
    words += [view.verdict for view in views]
    words += [CERTAINTY[view.record.certainty][1] for view in views]  # the plain glosses
    if kind == "condition":
        own = graph.ids("condition", entity_id, "cautions")
        cautions = own or []
        words += [kb["caution"][c].name for c in cautions]
        for flag_id in e.red_flags:
            flag = kb["red-flag"][flag_id]
            action = flag.action or level_action(e, flag.level)
            words += [action.heading if action else LEVEL_HEADING[flag.level], *flag.signs]
        words += [s.heading for s in e.sections if s.heading.lower().startswith(("what else", "what helps"))]
        words += list(e.questions) + list(e.see_a_doctor)
    else:
        words += [kb["caution"][c].name for c in graph.ids("technique", entity_id, "cautions")]
    # As printed: Markdown links show their text, emphasis marks do not show.
    return [re.sub(r"\[([^\]]+)\]\([^)]+\)", r"\1", " ".join(w.split())).replace("**", "") for w in words]


@pytest.mark.parametrize("path", HANDOUTS)
def test_the_one_page_handout_carries_the_essentials_and_no_navigation(printed, path, kb, graph):
    text = pdf_text(printout(printed, path))
    # Compared without spaces and hyphens: a printed line may wrap anywhere, even inside an
    # address, and pdftotext drops a hyphen at a line's end (the QR test checks the exact address).
    joined = "".join(text.split()).replace("-", "")
    missing = [w for w in essentials(kb, graph, path) if "".join(w.split()).replace("-", "") not in joined]
    assert not missing, f"the printed {path} lacks: {missing}"
    for words in ("Skip to content", "Print this page", "Print with references", "Copy address",
                  "Suggest a correction", "Other checks before any massage"):
        assert words not in text, f"the printed handout shows '{words}'"
    kind = "condition" if path.startswith("conditions") else "technique"
    longest = max((" ".join(kb["source"][sid].title.split()) for sid in graph.sources_of(kind, path.split("/")[1])),
                  key=len)
    assert longest not in text, "the numbered references print without being asked"


@pytest.mark.parametrize("path", WITH_REFERENCES)
def test_print_with_references_adds_the_numbered_list(printed_with_references, path, kb, graph):
    text = pdf_text(printed_with_references[path])
    kind = "condition" if path.startswith("conditions") else "technique"
    titles = [" ".join(kb["source"][sid].title.split()) for sid in graph.sources_of(kind, path.split("/")[1])]
    assert "References" in text and all(title in text for title in titles), "references missing from the print"
    assert essentials(kb, graph, path)[1] in text


def test_print_this_page_after_print_with_references_prints_without_them(browser_session, served_site):
    async def classes():
        page = await browser_session.browser.new_page()
        await page.goto(served_site + "conditions/sciatica/", wait_until="load")
        await page.evaluate(CLICK_PRINT, 'button[data-print="references"]')
        with_refs = await page.evaluate("document.documentElement.classList.contains('print-references')")
        await page.evaluate(CLICK_PRINT, 'button[data-print=""]')
        after = await page.evaluate("document.documentElement.classList.contains('print-references')")
        await page.close()
        return with_refs, after

    assert browser_session.run(classes()) == (True, False)


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


@pytest.fixture(scope="module")
def visits(browser_session):
    """One browser context for the code look-ups below, each in a tab of its own."""
    context = browser_session.run(browser_session.browser.new_context())
    yield context
    browser_session.run(context.close())


async def visit(context, url: str) -> tuple[str, str]:
    page = await context.new_page()
    await page.goto(url, wait_until="load")
    # Done when /connect/ has said what it found, or the reader has been sent on from it or
    # from a code's own page (/icd10/<code>/, which refreshes to its condition).
    await page.wait_for_function(
        "() => { const box = document.getElementById('connect-result');"
        " return box ? !/Looking up/.test(box.textContent) : !location.pathname.includes('/icd10/'); }")
    await page.wait_for_load_state("load")
    final, text = page.url, await page.inner_text("body")
    await page.close()
    return final, text


@pytest.mark.parametrize("code, destination", CODES)
def test_connect_takes_any_form_of_a_code_to_its_condition(browser_session, visits, served_site, code, destination):
    final, _ = browser_session.run(visit(visits, f"{served_site}connect/?icd10={code}"))
    assert final == served_site + destination


@pytest.mark.parametrize("code", ["Z99.89", "hello", ""])
def test_connect_explains_an_unknown_code_and_offers_the_list(browser_session, visits, served_site, code):
    final, text = browser_session.run(visit(visits, f"{served_site}connect/?icd10={code}"))
    assert final.startswith(served_site + "connect/")
    assert "We don't have a page for the code" in text
    assert "Sciatica" in text and "Low back pain" in text


def test_the_static_code_pages_send_the_reader_on(browser_session, visits, served_site):
    final, _ = browser_session.run(visit(visits, f"{served_site}icd10/M54.3/"))
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
        visible = (await page.get_by_role("button", name="Print this page").is_visible()
                   and await page.get_by_role("button", name="Print with references").is_visible())
        await context.close()
        return copied, visible

    copied, print_visible = browser_session.run(copy_address())
    assert copied == SITE_URL + "conditions/neck-pain/"
    assert print_visible
