"""The browser checks can fail: break one rule on one page of a copy of the site,
and the audit reports that rule on that page, saying where."""

from __future__ import annotations

import re
import shutil

import pytest

from site_server import serve

from .site_audit import STRUCTURE_VARIANT, VARIANTS, audit_site, format_violations, headers_from_file, pages_in_sitemap
from .test_structure import structure_problems

# Pale grey on the light page, dark grey on the dark one: too faint in every variant.
LOW_CONTRAST_CSS = """
.canary-low-contrast { color: #c8c8c8 !important; }
[data-md-color-scheme="slate"] .canary-low-contrast { color: #3a3a3a !important; }
"""


def insert(page, marker: str, html: str):
    text = page.read_text(encoding="utf-8")
    assert marker in text, f"{page} has no {marker}"
    page.write_text(text.replace(marker, html + marker if marker.startswith("</") else marker + html, 1),
                    encoding="utf-8")


@pytest.fixture(scope="module")
def broken_site(built_site, tmp_path_factory):
    """A copy with four rules broken, each on its own page."""
    site = tmp_path_factory.mktemp("broken") / "site"
    shutil.copytree(built_site, site)
    paths = pages_in_sitemap(site)
    condition = next(p for p in paths if re.match(r"conditions/[^/]+/$", p))
    pages = {"contrast": "", "font": condition, "alt": "glossary/", "script": "conditions/"}
    with (site / "assets" / "extra.css").open("a") as css:
        css.write(LOW_CONTRAST_CSS)
    insert(site / "index.html", "</article>", '<p class="canary-low-contrast">Hard to read</p>')
    insert(site / condition / "index.html", "</head>",
           '<link rel="stylesheet" href="https://fonts.googleapis.com/css?family=Roboto">')
    insert(site / "glossary" / "index.html", "</article>", '<img src="../assets/images/favicon.png">')
    insert(site / "conditions" / "index.html", "</body>", "<script>document.title = 'changed'</script>")
    return site, pages


@pytest.fixture(scope="module")
def broken_audit(browser_session, broken_site):
    site, pages = broken_site
    # The contrast rule is checked in every variant; the others on light desktop, where they are read.
    plan = {path: [STRUCTURE_VARIANT] for path in pages.values()} | {pages["contrast"]: list(VARIANTS)}
    with serve(site, headers=headers_from_file(site / "_headers")) as base:
        with_policy = browser_session.run(audit_site(browser_session.browser, base, list(pages.values()), plan=plan))
    with serve(site) as base:
        without_policy = browser_session.run(audit_site(browser_session.browser, base, [pages["font"]],
                                                        plan={pages["font"]: [STRUCTURE_VARIANT]}))
    return pages, with_policy, without_policy


def result(audit, path, variant="light, desktop"):
    return next(r for r in audit.results if r.path == path and r.variant == variant)


def test_a_low_contrast_colour_is_reported_on_its_page(broken_audit):
    pages, audit, _ = broken_audit
    for variant in audit.variants:
        report = format_violations(result(audit, pages["contrast"], variant))
        assert "color-contrast" in report and "canary-low-contrast" in report, f"{variant}: {report}"


def test_a_third_party_font_is_reported_on_its_page(broken_audit):
    pages, with_policy, without_policy = broken_audit
    assert any("fonts.googleapis.com" in v for v in result(with_policy, pages["font"]).csp_violations)
    requests = result(without_policy, pages["font"]).foreign_requests
    assert any(url.startswith("https://fonts.googleapis.com/") for url in requests), requests
    lines = without_policy.where(lambda r: r.foreign_requests, lambda r: ", ".join(r.foreign_requests))
    assert any(line.split(": ")[0].strip().endswith(f"/{pages['font']}") for line in lines), lines


def test_an_image_without_alt_is_reported_on_its_page(broken_audit):
    pages, audit, _ = broken_audit
    found = result(audit, pages["alt"])
    assert "image-alt" in format_violations(found)
    assert any("image without alt text" in p for p in structure_problems(found.structure))


def test_an_inline_script_outside_the_policy_is_blocked_and_reported(broken_audit):
    pages, audit, _ = broken_audit
    found = result(audit, pages["script"])
    assert any("script-src" in v and "inline" in v for v in found.csp_violations), found.csp_violations


@pytest.fixture(scope="module")
def long_page_audit(browser_session, broken_site):
    """A page of about 60 screens with a faint paragraph at its end, audited on desktop in both
    schemes: with the pull-request limit on the variants after the first, and with none."""
    site, _ = broken_site
    page = site / "long-canary" / "index.html"
    page.parent.mkdir()
    shutil.copy(site / "glossary" / "index.html", page)
    filler = "".join(f"<p>Filler paragraph {n} for a long page.</p>" for n in range(800))
    insert(page, "</article>", filler + '<p class="canary-low-contrast">Hard to read, far down</p>')
    plan = {"long-canary/": [STRUCTURE_VARIANT, "dark, desktop"]}
    with serve(site, headers=headers_from_file(site / "_headers")) as base:
        limited = browser_session.run(audit_site(browser_session.browser, base, ["long-canary/"], plan=plan,
                                                 parallel=1, screens=20))
        whole = browser_session.run(audit_site(browser_session.browser, base, ["long-canary/"], plan=plan,
                                               parallel=1, screens=None))
    return limited, whole


def test_content_past_the_limit_is_audited_in_the_first_variant_and_nightly(long_page_audit):
    limited, whole = long_page_audit
    first, dark = result(limited, "long-canary/"), result(limited, "long-canary/", "dark, desktop")
    assert "canary-low-contrast" in format_violations(first) and not first.beyond_limit
    # The dark variant leaves out what starts past 20 screens, and says how much it left out.
    assert dark.beyond_limit > 100 and "canary-low-contrast" not in format_violations(dark)
    nightly = result(whole, "long-canary/", "dark, desktop")
    assert "canary-low-contrast" in format_violations(nightly) and not nightly.beyond_limit
