"""The site search in Chromium: the query sets in tests/.

Each query is handed to the site's search worker from a condition page, as the theme's
search box hands it over, and a sample of them is typed into the box, which must show the
worker's results in the worker's order. The expected page must be among the first 3 results for at least MIN_TOP3 of the tuning set
(tests/search_queries.yml) and MIN_TOP3_HELD_OUT of the held-out set
(tests/search_queries_held_out.yml, the third such set, committed before it was first counted
and never tuned against; its misses and overlaps are counted, not listed: README "Search"). Every one-letter
misspelling of a condition or technique name finds it; a diagnosis-code page never ranks
above its condition; a search typed as a guide page's listed search term puts that page
first; a search with nothing found offers the A to Z lists; and the first visit to a page
loads no index.
"""

from __future__ import annotations

import asyncio
import gzip
import json
from pathlib import Path
from urllib.parse import urlparse

import pytest
import yaml

from conftest import ROOT

QUERIES = yaml.safe_load((ROOT / "tests" / "search_queries.yml").read_text(encoding="utf-8"))
HELD_OUT = yaml.safe_load((ROOT / "tests" / "search_queries_held_out.yml").read_text(encoding="utf-8"))
# Measured: see the README. Lower them only with a reason in the README.
MIN_TOP3 = 0.99
# The target for the held-out set: 95 %. It measured 48 of 51 until the fifth to seventh
# rounds of the tuning set, then 49 of 51 (96.1 %): README "Search".
MIN_TOP3_HELD_OUT = 0.95
START = "conditions/sciatica/"
TABS = 3  # tabs typing at once in the one Chromium: measured, 43 s in one tab, 28 s in three
GUIDE_PAGES = ("is-massage-safe", "what-to-expect", "choosing-a-therapist", "myths", "medical-massage",
               "who-may-benefit")


def guide_search_terms() -> dict[str, list[str]]:
    """The search_terms of the guide's own pages (docs/), from their front matter: page address -> terms."""
    from macros.site.docs_input import front_matter_text, page_url

    found = {}
    for path in sorted((ROOT / "docs").glob("*.md")):
        yaml_text, _ = front_matter_text(path.read_text(encoding="utf-8"))
        terms = (yaml.safe_load(yaml_text) or {}).get("search_terms") if yaml_text else None
        if terms:
            found[page_url(path.name)] = terms
    return found


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


async def _search_in_tabs(browser, base_url: str, queries: list[str], tabs: int = TABS) -> dict[str, list[str]]:
    """The queries shared among a few tabs typing at once: each waits on its own worker most of the time."""
    parts = await asyncio.gather(*(_search_all(browser, base_url, queries[i::tabs]) for i in range(tabs)))
    return {query: found for part in parts for query, found in part.items()}


# Each query handed to the theme's own search worker (the file the page's config names), one
# after another, as the search box hands it over; the first link of each result group is the
# page the reader sees in that place, resolved against the site's base as the theme does.
_ASK_THE_WORKER = """
async (queries) => {
  const config = JSON.parse(document.getElementById("__config").textContent);
  const base = new URL(config.base + "/", location.href);
  const worker = new Worker(new URL(config.search, location.href));
  const ask = (message) => new Promise((resolve) => {
    worker.onmessage = (event) => resolve(event.data);
    worker.postMessage(message);
  });
  await ask({type: 0, data: {}});  // setup; the worker answers "ready"
  const found = {};
  for (const query of queries) {
    const answer = await ask({type: 2, data: query});
    found[query] = answer.data.items.map((group) => new URL(group[0].location, base).pathname.slice(1));
  }
  worker.terminate();
  return found;
}
"""


async def _search_in_the_worker(browser, base_url: str, queries: list[str]) -> dict[str, list[str]]:
    """query -> the page paths of the results, in order, from the site's search worker in Chromium."""
    context = await browser.new_context(viewport={"width": 1280, "height": 900})
    page = await context.new_page()
    try:
        await page.goto(base_url + START)
        return await page.evaluate(_ASK_THE_WORKER, queries)
    finally:
        await context.close()


# Typing 400 searches into the box took about 30 s of the two cores `make test` has; handing them
# to the worker takes a few. The box is still typed into, for every UI_SAMPLE-th search of the
# tuning set and every UI_SAMPLE_TERMS-th search term of a guide page, and must show the worker's order
# (test_the_search_box_shows_the_workers_results_in_its_order).
UI_SAMPLE = 12
UI_SAMPLE_TERMS = 3


def _all_queries() -> list[str]:
    queries = [q["query"] for q in QUERIES + HELD_OUT] + [t for terms in guide_search_terms().values() for t in terms]
    return list(dict.fromkeys(queries))


@pytest.fixture(scope="module")
def results(browser_session, served_site):
    """Both sets and every search term of the guide's pages, each searched once by the site's worker."""
    return browser_session.run(_search_in_the_worker(browser_session.browser, served_site, _all_queries()))


@pytest.fixture(scope="module")
def typed(browser_session, served_site):
    """A sample of the same searches typed into the search box, as readers type."""
    terms = [t for listed in guide_search_terms().values() for t in listed][::UI_SAMPLE_TERMS]
    # From the tuning set only: a held-out search must never be shown in a message here.
    sample = [q["query"] for i, q in enumerate(QUERIES) if i % UI_SAMPLE == 0] + terms
    return browser_session.run(_search_in_tabs(browser_session.browser, served_site, list(dict.fromkeys(sample))))


def test_the_search_box_shows_the_workers_results_in_its_order(results, typed):
    assert len(typed) >= 60, f"too few searches typed: {len(typed)}"
    differ = [f"{q!r}: typed {typed[q][:5]}, worker {results[q][:5]}" for q in typed if typed[q][:5] != results[q][:5]]
    assert not differ, "the search box and the worker disagree:\n" + "\n".join(differ)


def _misses(results, queries):
    return [f"{q['query']!r} ({q['kind']}): wanted {q['expect']}, got {results[q['query']][:3] or 'nothing'}"
            for q in queries if q["expect"] not in results[q["query"]][:3]]


def _top3_rate(results, queries, name) -> tuple[float, list[str]]:
    misses = _misses(results, queries)
    rate = 1 - len(misses) / len(queries)
    print(f"\nsite search, {name}: {len(queries) - len(misses)} of {len(queries)} in the top 3 ({rate:.1%})")
    return rate, misses


def test_readers_find_the_page_in_the_top_three(results):
    rate, misses = _top3_rate(results, QUERIES, "tuning set")
    assert rate >= MIN_TOP3, f"top-3 rate {rate:.1%} < {MIN_TOP3:.0%}; misses:\n" + "\n".join(misses)


def test_held_out_searches_find_the_page_in_the_top_three(results):
    """Searches nobody tuned the search for: the measure of how it does on readers' own words.
    The misses are counted, not listed: a search read here and then fixed would no longer be held out."""
    rate, misses = _top3_rate(results, HELD_OUT, "held-out set")
    assert rate >= MIN_TOP3_HELD_OUT, (
        f"held-out set: top-3 rate {rate:.1%} < {MIN_TOP3_HELD_OUT:.0%} ({len(misses)} misses, not listed). "
        "Find the cause with the tuning set (tests/search_queries.yml), not by reading the held-out misses.")


def test_the_held_out_set_is_kept_apart_and_covers_every_kind_of_page(built_site):
    # Counted, never listed: a held-out search shown in a message is no longer held out.
    tuning = {q["query"].casefold() for q in QUERIES}
    both = sum(q["query"].casefold() in tuning for q in HELD_OUT)
    assert not both, f"{both} held-out searches are also in the tuning set (not listed here)"
    # No held-out search was copied into a page's search terms (data files and docs/ alike).
    index = json.loads((built_site / "search" / "reader_index.json").read_text(encoding="utf-8"))
    terms = {t.casefold() for doc in index["docs"] for t in doc.get("terms", [])}
    copied = sum(q["query"].casefold() in terms for q in HELD_OUT)
    assert not copied, f"{copied} held-out searches are a page's search term (not listed here)"
    assert len(HELD_OUT) >= 40
    expected = {q["expect"] for q in HELD_OUT}
    assert {f"{page}/" for page in GUIDE_PAGES} <= expected
    assert {e.split("/")[0] for e in expected} >= {"conditions", "techniques", "cautions", "benefits"}
    assert all((built_site / e / "index.html").is_file() for e in expected), "an expected page does not exist"


def test_a_search_typed_as_a_listed_term_of_a_guide_page_puts_it_first(results):
    """Each search term in a docs/ page's front matter, typed as it is, finds that page first: even
    "who is massage for", whose words are all stop words but one."""
    terms = guide_search_terms()
    assert {f"{page}/" for page in GUIDE_PAGES} <= set(terms), "a guide page lists no search terms"
    wrong = [f"{term!r}: wanted {page}, got {results[term][:3]}" for page, listed in terms.items()
             for term in listed if results[term][:1] != [page]]
    assert not wrong, "\n".join(wrong)


def test_every_one_letter_misspelling_of_a_name_finds_it(results):
    misses = _misses(results, [q for q in QUERIES if q["kind"] == "typo"
                               and q["expect"].startswith(("conditions/", "techniques/"))])
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
