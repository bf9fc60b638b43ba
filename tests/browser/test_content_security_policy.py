"""Every page works under the site's own Content-Security-Policy, search included."""

from __future__ import annotations

import urllib.request

import pytest

from .site_audit import RECORD_CSP_VIOLATIONS, headers_from_file


def test_pages_are_served_with_the_shipped_policy(served_site, built_site):
    shipped = headers_from_file(built_site / "_headers")["Content-Security-Policy"]
    with urllib.request.urlopen(served_site) as response:
        assert response.headers["Content-Security-Policy"] == shipped
    assert "'unsafe-inline'" not in shipped and "'unsafe-eval'" not in shipped


def test_no_policy_violations_on_any_page(site_audit):
    found = site_audit.where(lambda r: r.csp_violations, lambda r: " | ".join(r.csp_violations))
    if found:
        pytest.fail("Content-Security-Policy violations (the browser blocked these):\n" + "\n".join(found),
                    pytrace=False)


async def search_results(browser, base_url: str, word: str) -> tuple[list[str], list[str]]:
    context = await browser.new_context(viewport={"width": 1280, "height": 900})
    await context.add_init_script(RECORD_CSP_VIOLATIONS)
    page = await context.new_page()
    violations: list[str] = []
    page.on("console", lambda m: violations.append(m.text) if m.type == "error" else None)
    try:
        await page.goto(base_url)
        await page.focus("input.md-search__input")
        await page.keyboard.type(word, delay=20)
        await page.wait_for_selector(".md-search-result__item", timeout=15000)
        titles = await page.locator(".md-search-result__item h1, .md-search-result__item h2").all_inner_texts()
        violations += await page.evaluate("window.__cspViolations || []")
    finally:
        await context.close()
    return titles, violations


def test_search_works_under_the_policy(browser_session, served_site):
    titles, errors = browser_session.run(search_results(browser_session.browser, served_site, "massage"))
    assert titles, "search showed no results for 'massage'"
    assert not errors, f"errors while searching under the policy: {errors}"
