"""WCAG 2.0/2.1/2.2 A and AA (axe-core) on every page, light and dark, desktop and phone."""

from __future__ import annotations

import pytest

from .site_audit import VARIANTS, format_violations


def test_every_page_was_audited(site_audit):
    broken = site_audit.where(lambda r: r.error, lambda r: r.error)
    if broken:
        pytest.fail("pages that could not be loaded or audited:\n" + "\n".join(broken), pytrace=False)
    assert len(site_audit.paths) >= 10, f"the sitemap lists only {site_audit.paths}"
    assert len(site_audit.results) == len(site_audit.paths) * len(VARIANTS)


@pytest.mark.parametrize("variant", VARIANTS)
def test_no_wcag_violations(site_audit, variant):
    failing = [r for r in site_audit.results if r.variant == variant and r.violations]
    if failing:
        pytest.fail(
            f"axe-core found WCAG A/AA violations ({variant}) on {len(failing)} of {len(site_audit.paths)} pages.\n"
            "Fix colours in docs/assets/extra.css, markup in overrides/ or the templates; do not disable rules.\n"
            + "\n".join(f"/{r.path}:\n    {format_violations(r)}" for r in failing),
            pytrace=False,
        )
