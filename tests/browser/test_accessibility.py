"""WCAG 2.0/2.1/2.2 A and AA (axe-core) on every page, light and dark, desktop and phone.

Every run audits every page on desktop in the light scheme and one page of each template
in all four variants; FULL_AUDIT=1 (`make test-full`, nightly) audits every page in all four.
"""

from __future__ import annotations

import pytest

from .site_audit import FULL_AUDIT, STRUCTURE_VARIANT, VARIANTS, format_violations, template_of


def test_every_page_was_audited(site_audit):
    broken = site_audit.where(lambda r: r.error, lambda r: r.error)
    if broken:
        pytest.fail("pages that could not be loaded or audited:\n" + "\n".join(broken), pytrace=False)
    assert len(site_audit.paths) >= 10, f"the sitemap lists only {site_audit.paths}"
    audited = {(r.path, r.variant) for r in site_audit.results}
    assert len(audited) == len(site_audit.results), "a page was audited twice in one variant"
    assert {(path, STRUCTURE_VARIANT) for path in site_audit.paths} <= audited, "a page was not audited"
    for template in {template_of(path) for path in site_audit.paths}:
        pages = [path for path in site_audit.paths if template_of(path) == template]
        assert any({(path, v) for v in VARIANTS} <= audited for path in pages), \
            f"no page of the template {template} was audited in all {len(VARIANTS)} variants"
    # A page audited without the colour rules is made from data, and its template's colours were
    # checked on another page in all four variants.
    left_out = {r.path for r in site_audit.results if r.colour_rules_left_out}
    in_all_four = {path for path in site_audit.paths if {(path, v) for v in VARIANTS} <= audited}
    assert not left_out & in_all_four
    assert all(path.count("/") == 2 and not path.startswith("editors/") for path in left_out), left_out
    assert all(any(template_of(p) == template_of(path) for p in in_all_four) for path in left_out)
    # Content past EXTRA_VARIANT_SCREENS screens is left out only after the first variant, which
    # audits all of every page (test_checks_can_fail shows both sides of the limit).
    beyond = sorted({(r.path, r.variant) for r in site_audit.results if r.beyond_limit})
    print(f"\ncontent past the limit left out in later variants: {sorted({p for p, _ in beyond})}")
    assert all(variant != STRUCTURE_VARIANT for _, variant in beyond), beyond
    if FULL_AUDIT:
        assert len(audited) == len(site_audit.paths) * len(VARIANTS)
        assert not left_out, "the nightly audit leaves out no rule"
        assert not beyond, "the nightly audit leaves out no screen"


@pytest.mark.parametrize("variant", VARIANTS)
def test_no_wcag_violations(site_audit, variant):
    audited = [r for r in site_audit.results if r.variant == variant]
    failing = [r for r in audited if r.violations]
    if failing:
        pytest.fail(
            f"axe-core found WCAG A/AA violations ({variant}) on {len(failing)} of {len(audited)} pages audited.\n"
            "Fix colours in docs/assets/extra.css, markup in overrides/ or the templates; do not disable rules.\n"
            + "\n".join(f"/{r.path}:\n    {format_violations(r)}" for r in failing),
            pytrace=False,
        )
