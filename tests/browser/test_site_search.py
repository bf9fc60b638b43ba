"""The site search, typed as readers type, in Chromium: the query set in tests/search_queries.yml.

Each query is typed into the theme's search box on a condition page; the expected page
must be among the first 3 results for at least MIN_TOP3 of the set (the level reached,
README "Search"). Every misspelling in the set is one edit from a condition or technique
name and must find it; a diagnosis-code page never ranks above its condition; a search
with nothing found offers the A to Z lists; and the first visit to a page loads no index.
"""

from __future__ import annotations

import gzip
from pathlib import Path
from urllib.parse import urlparse

import pytest
import yaml

from conftest import ROOT

QUERIES = yaml.safe_load((ROOT / "tests" / "search_queries.yml").read_text(encoding="utf-8"))
# Measured: 108 of 109 (the README lists the miss). Lower it only with a reason in the README.
MIN_TOP3 = 0.99
START = "conditions/sciatica/"


async def _search_all(browser, base_url: str, queries: list[str]) -> dict[str, list[str]]:
    """query -> the page paths of the results, in order, as the reader sees them."""
    context = await browser.new_context(viewport={"width": 1280, "height": 900})
    page = await context.new_page()
    results = {}
    try:
        await page.goto(base_url + START)
        box = page.locator("input.md-search__input")
        await box.focus()
        for query in queries:
            await box.fill("")
            await page.keyboard.press("Backspace")  # the theme reads the box on keyup
            await page.wait_for_function(
                "() => !document.querySelector('.md-search-result__list').children.length")
            # The count line is blanked, so the wait below sees this query's results, not the last.
            await page.eval_on_selector(".md-search-result__meta", "m => { m.textContent = ''; }")
            # The whole query, then one key: the theme searches once, for all of it.
            await box.fill(query)
            await page.keyboard.press("End")
            # Done when the theme has written its count line for this query's results.
            await page.wait_for_function(
                "() => /match|No /.test(document.querySelector('.md-search-result__meta').textContent)",
                timeout=15000)
            hrefs = await page.eval_on_selector_all(
                ".md-search-result__item > a.md-search-result__link:first-child",
                "links => links.map(a => a.href)")
            results[query] = [urlparse(h).path.lstrip("/") for h in hrefs]
    finally:
        await context.close()
    return results


@pytest.fixture(scope="module")
def results(browser_session, served_site):
    return browser_session.run(_search_all(browser_session.browser, served_site, [q["query"] for q in QUERIES]))


def _misses(results, queries):
    return [f"{q['query']!r} ({q['kind']}): wanted {q['expect']}, got {results[q['query']][:3] or 'nothing'}"
            for q in queries if q["expect"] not in results[q["query"]][:3]]


def test_readers_find_the_page_in_the_top_three(results):
    misses = _misses(results, QUERIES)
    rate = 1 - len(misses) / len(QUERIES)
    print(f"\nsite search: {len(QUERIES) - len(misses)} of {len(QUERIES)} in the top 3 ({rate:.1%})")
    assert rate >= MIN_TOP3, f"top-3 rate {rate:.1%} < {MIN_TOP3:.0%}; misses:\n" + "\n".join(misses)


def test_every_one_letter_misspelling_of_a_name_finds_it(results):
    misses = _misses(results, [q for q in QUERIES if q["kind"] == "typo"])
    assert not misses, "\n".join(misses)


def test_the_query_set_misspells_every_condition_and_technique(kb):
    wanted = {f"conditions/{i}/" for i in kb["condition"]} | {f"techniques/{i}/" for i in kb["technique"]}
    assert wanted <= {q["expect"] for q in QUERIES if q["kind"] == "typo"}
    assert len(QUERIES) >= 80


def test_a_code_page_never_ranks_above_its_condition(results):
    for q in (q for q in QUERIES if q["kind"] == "code"):
        found = results[q["query"]]
        assert found and found[0] == q["expect"], f"{q['query']}: {found[:3]}"
        assert not any(path.startswith("icd10/") and path != "icd10/" for path in found), f"{q['query']}: {found}"


async def _nothing_found(browser, base_url: str) -> list[str]:
    context = await browser.new_context(viewport={"width": 375, "height": 800})
    page = await context.new_page()
    try:
        await page.goto(base_url + START)
        await page.locator("label.md-header__button[for='__search']").click()
        await page.keyboard.type("qwxzzv")
        await page.wait_for_function(
            "() => /No /.test(document.querySelector('.md-search-result__meta').textContent)", timeout=15000)
        links = page.locator(".search-browse a")
        assert await page.locator(".search-browse").is_visible()
        return [urlparse(h).path.lstrip("/") for h in await links.evaluate_all("a => a.map(x => x.href)")]
    finally:
        await context.close()


def test_a_search_with_no_results_offers_the_a_to_z_lists(browser_session, served_site):
    paths = browser_session.run(_nothing_found(browser_session.browser, served_site))
    assert {"conditions/", "techniques/", "cautions/"} <= set(paths), paths


async def _first_visit(browser, base_url: str) -> list[str]:
    context = await browser.new_context(viewport={"width": 375, "height": 800})
    page = await context.new_page()
    requested = []
    page.on("request", lambda r: requested.append(urlparse(r.url).path.lstrip("/")))
    try:
        await page.goto(base_url + START, wait_until="networkidle")
    finally:
        await context.close()
    return requested


def test_the_first_visit_loads_no_index_and_stays_under_100_kb(browser_session, served_site, built_site: Path):
    requested = browser_session.run(_first_visit(browser_session.browser, served_site))
    assert not any("reader_index" in p or "minisearch" in p for p in requested), requested
    total = 0
    for path in requested:
        file = built_site / (path + "index.html" if path.endswith("/") or not path else path)
        if file.is_file():
            total += len(gzip.compress(file.read_bytes(), 9))
    print(f"\nfirst visit to {START}: {total / 1024:.1f} KB compressed, {len(requested)} requests")
    assert total <= 100 * 1024, f"first visit {total / 1024:.0f} KB compressed: {requested}"


async def _crafted_result(browser, base_url: str) -> tuple[bool, str]:
    """Search a crafted index whose title and text are markup: they must show as text."""
    import json

    index = {"codes": {}, "docs": [{"location": "conditions/sciatica/", "kind": "condition",
                                    "title": '<img src="x" id="injected"> Sciatica', "names": [], "terms": [],
                                    "codes": [], "text": '<b id="bold">leg pain</b>'}]}
    context = await browser.new_context(viewport={"width": 1280, "height": 900})
    # On the context: the worker's own requests are routed there, not through the page.
    await context.route("**/search/reader_index.json",
                        lambda route: route.fulfill(content_type="application/json", body=json.dumps(index)))
    page = await context.new_page()
    try:
        await page.goto(base_url + START)
        await page.locator("input.md-search__input").focus()
        await page.keyboard.type("sciatica")
        await page.wait_for_selector(".md-search-result__item h1", timeout=15000)
        injected = await page.evaluate("() => !!document.querySelector('#injected, #bold')")
        return injected, await page.locator(".md-search-result__item h1").first.inner_text()
    finally:
        await context.close()


def test_markup_in_the_index_shows_as_text_in_the_results(browser_session, served_site):
    """The theme writes a result's title and text as HTML: the worker escapes them."""
    injected, title = browser_session.run(_crafted_result(browser_session.browser, served_site))
    assert not injected, "markup from the index became elements in the page"
    assert title.startswith('<img src="x" id="injected">'), title
