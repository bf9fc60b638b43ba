"""On a host that sends no headers at all (GitHub Pages), the policy in each page's
<meta> tag still stops injected code: an inline script, an inline event handler and a
javascript: link do not run. The same page without the <meta> tag shows that they
would run, so the test can tell."""

from __future__ import annotations

import re
import shutil
import urllib.request

import pytest

from site_server import serve

from .site_audit import RECORD_CSP_VIOLATIONS

_INJECTED = """
<p id="injected">
<script>window.__ran = (window.__ran || []).concat("inline script");</script>
<img alt="" src="no-such-image.png" onerror="window.__ran = (window.__ran || []).concat('event handler')">
<a id="js-link" href="javascript:window.__ran = (window.__ran || []).concat('javascript: link'); void 0">link</a>
</p>
"""
_META_POLICY = re.compile(r'\s*<meta http-equiv="Content-Security-Policy" content="[^"]*">')
_EVERYTHING = ["inline script", "event handler", "javascript: link"]


@pytest.fixture(scope="module")
def headerless_site(built_site, tmp_path_factory):
    """A copy of the built site with two copies of one condition page, code injected into both;
    one keeps its <meta> policy, one has it taken out. Served with no extra headers at all."""
    site = tmp_path_factory.mktemp("headerless") / "site"
    shutil.copytree(built_site, site)
    (site / "_headers").unlink()
    source = sorted((site / "conditions").glob("*/index.html"))[0]
    html = source.read_text(encoding="utf-8")
    assert len(_META_POLICY.findall(html)) == 1, "the page no longer carries one <meta> policy"
    injected = html.replace("</article>", _INJECTED + "</article>", 1)
    assert injected != html
    for name, text in (("injected-with-policy", injected), ("injected-without-policy", _META_POLICY.sub("", injected))):
        (site / "conditions" / name).mkdir()
        (site / "conditions" / name / "index.html").write_text(text, encoding="utf-8")
    with serve(site) as base:
        yield base, source.parent.name


async def _what_ran(browser, url: str) -> tuple[list[str], list[str]]:
    context = await browser.new_context()
    await context.add_init_script(RECORD_CSP_VIOLATIONS)
    page = await context.new_page()
    try:
        await page.goto(url, wait_until="load")
        link = page.locator("#js-link")
        if await link.count():
            await link.click()
        await page.wait_for_timeout(500)
        ran = await page.evaluate("window.__ran || []")
        violations = await page.evaluate("window.__cspViolations || []")
    finally:
        await context.close()
    return sorted(ran), violations


def test_the_site_is_served_with_no_headers(headerless_site):
    base, _ = headerless_site
    with urllib.request.urlopen(base) as response:
        assert response.headers["Content-Security-Policy"] is None


def test_without_the_meta_policy_the_injected_code_runs(browser_session, headerless_site):
    base, _ = headerless_site
    ran, _ = browser_session.run(_what_ran(browser_session.browser, base + "conditions/injected-without-policy/"))
    assert ran == sorted(_EVERYTHING), f"the control page ran only {ran}: this test could not see the policy work"


def test_the_meta_policy_stops_injected_code_with_no_headers(browser_session, headerless_site):
    base, _ = headerless_site
    ran, violations = browser_session.run(_what_ran(browser_session.browser, base + "conditions/injected-with-policy/"))
    assert ran == [], f"with no headers, injected code ran despite the page's <meta> policy: {ran}"
    assert len(violations) >= 3, violations


def test_a_real_page_works_under_its_meta_policy_with_no_headers(browser_session, headerless_site):
    base, original = headerless_site
    _, violations = browser_session.run(_what_ran(browser_session.browser, f"{base}conditions/{original}/"))
    assert violations == [], f"the page's own <meta> policy blocked: {violations}"
