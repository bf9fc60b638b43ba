"""In a real browser: the finder filters in place from the keyboard and works without
JavaScript, the evidence map is a table on wide screens and a list by condition on a phone and
prints on one landscape sheet, and the new pages pass axe (light, dark, 375 px) with no policy
violations and no requests to other hosts."""

from __future__ import annotations

import subprocess

import pytest

from conftest import ROOT, needed_tool as needed
from macros.data.knowledge_base import load_knowledge_base

from .site_audit import RECORD_CSP_VIOLATIONS, STRUCTURE_VARIANT, VARIANTS, format_violations, template_of
from .test_structure import structure_problems

# for-clinics/ is a prose page: the largest prose page stands for them all in four variants.
NEW_PAGES = ["find/", "evidence-map/", "conditions/"]


@pytest.fixture(scope="module")
def new_pages_audit(site_audit):
    """These pages' part of the session's audit of every page: find/ and evidence-map/ are
    templates of their own and conditions/ is one of the A to Z lists, so that audit already saw
    each of them, or the largest page of its template, in all four variants (auditing them again
    here cost half a minute and found nothing more)."""
    return site_audit


@pytest.mark.parametrize("variant", VARIANTS)
def test_the_new_pages_have_no_wcag_violations(new_pages_audit, variant):
    templates = {template_of(path) for path in NEW_PAGES}
    results = [r for r in new_pages_audit.results if r.variant == variant and template_of(r.path) in templates]
    assert {template_of(r.path) for r in results} == templates, f"not every template was audited in {variant}"
    if variant == STRUCTURE_VARIANT:
        assert set(NEW_PAGES) <= {r.path for r in results}, "a new page was not audited"
    broken = [f"/{r.path}: {r.error}" for r in results if r.error]
    assert not broken, broken
    failing = [f"/{r.path}:\n    {format_violations(r)}" for r in results if r.violations]
    assert not failing, f"axe-core ({variant}):\n" + "\n".join(failing)


def test_the_new_pages_have_the_structure_assistive_technology_needs(new_pages_audit):
    audited = [r for r in new_pages_audit.results if r.structure is not None and r.path in NEW_PAGES]
    assert len(audited) == len(NEW_PAGES)
    report = [f"/{r.path}: {problem}" for r in audited for problem in structure_problems(r.structure)]
    assert not report, "\n".join(report)


def test_the_new_pages_stay_on_this_site_and_within_the_policy(new_pages_audit):
    mine = lambda check: (lambda r: r.path in NEW_PAGES and check(r))  # noqa: E731
    assert not new_pages_audit.where(mine(lambda r: r.foreign_requests), lambda r: r.foreign_requests)
    assert not new_pages_audit.where(mine(lambda r: r.csp_violations), lambda r: r.csp_violations)
    assert not new_pages_audit.where(mine(lambda r: r.console_errors), lambda r: r.console_errors)


_VISIBLE_CARDS = """() => [...document.querySelectorAll(".finder-card")]
  .filter((c) => c.offsetHeight > 0).map((c) => c.id.replace(/^for-/, "")).sort()"""


def names(ids) -> list[str]:
    return sorted(ids)


async def _use_the_finder(browser, base: str) -> dict:
    context = await browser.new_context(viewport={"width": 375, "height": 740})
    await context.add_init_script(RECORD_CSP_VIOLATIONS)
    page = await context.new_page()
    requests: list[str] = []
    seen = {}
    try:
        # Chromium fetches the page's icon on its own, at some moment after "load": waiting
        # for the network to settle, and leaving out that one address, keeps the browser's
        # own fetch out of what the finder is checked for (it once made this test fail).
        await page.goto(base + "find/", wait_until="networkidle")
        icon = await page.evaluate("() => document.querySelector('link[rel~=icon]')?.href || ''")
        storage_before = await page.evaluate("() => JSON.stringify(localStorage) + '|' + document.cookie")
        page.on("request", lambda r: r.url == icon or requests.append(r.url))
        seen["controls_shown"] = await page.locator("#finder-controls").is_visible()
        seen["groups_shown"] = await page.locator("#finder-groups").is_visible()
        seen["all"] = await page.evaluate(_VISIBLE_CARDS)
        seen["count_all"] = await page.locator("#finder-count").inner_text()
        # From the keyboard: tab to the "Back and spine" checkbox and press Space.
        back = page.get_by_role("checkbox", name="Back and spine")
        await back.focus()
        await page.keyboard.press("Space")
        seen["back"] = await page.evaluate(_VISIBLE_CARDS)
        seen["count_back"] = await page.locator("#finder-count").inner_text()
        await page.keyboard.press("Space")  # off again
        await page.get_by_role("checkbox", name="Better sleep").check()
        seen["sleep"] = await page.evaluate(_VISIBLE_CARDS)
        await page.get_by_role("checkbox", name="Stress, mood and sleep").check()
        seen["sleep_and_mind"] = await page.evaluate(_VISIBLE_CARDS)
        await page.get_by_role("button", name="Clear choices").click()
        seen["cleared"] = await page.evaluate(_VISIBLE_CARDS)
        seen["focus_after_clear"] = await page.evaluate("() => document.activeElement.value")
        seen["live"] = await page.get_attribute("#finder-count", "aria-live")
        seen["storage_changed"] = storage_before != await page.evaluate(
            "() => JSON.stringify(localStorage) + '|' + document.cookie")
        seen["requests"] = requests
        seen["csp"] = await page.evaluate("window.__cspViolations")
    finally:
        await context.close()
    return seen


def test_the_finder_filters_in_place_from_the_keyboard(browser_session, served_site, kb):
    seen = browser_session.run(_use_the_finder(browser_session.browser, served_site))
    conditions = kb["condition"]
    assert seen["controls_shown"] and not seen["groups_shown"]
    assert seen["all"] == names(conditions)
    assert seen["count_all"].startswith(f"Showing all {len(conditions)} conditions")
    back = names(c for c, e in conditions.items() if e.body_area == "back")
    assert seen["back"] == back and len(back) < len(conditions)
    assert seen["count_back"] == f"Showing {len(back)} of {len(conditions)} conditions."
    sleep = names({f.population for f in kb["finding"].values() if f.outcome == "better-sleep"} & set(conditions))
    assert seen["sleep"] == sleep and sleep
    assert seen["sleep_and_mind"] == names(c for c in sleep if conditions[c].body_area == "mind-and-sleep")
    assert seen["cleared"] == names(conditions)
    assert seen["focus_after_clear"] == "back"
    assert seen["live"] == "polite"
    assert seen["requests"] == [], "choosing sent requests"
    assert not seen["storage_changed"], "the finder stored something"
    assert seen["csp"] == []


async def _without_javascript(browser, base: str) -> dict:
    context = await browser.new_context(java_script_enabled=False)
    page = await context.new_page()
    try:
        await page.goto(base + "find/", wait_until="load")
        # Each group is folded under its name: open "Arms and hands", then follow its link.
        groups = page.locator("#finder-groups")
        link = groups.get_by_role("link", name="Carpal tunnel syndrome").first
        folded = not await link.is_visible()
        await groups.locator("summary", has_text="Arms and hands").click()
        await link.click()
        return {
            "folded": folded,
            "controls": await page.locator("#finder-controls").is_visible(),
            "groups": await page.locator("#finder-groups").is_visible(),
            "cards": await page.evaluate(_VISIBLE_CARDS),
            "hash": await page.evaluate("() => location.hash"),
        }
    finally:
        await context.close()


def test_the_finder_works_without_javascript(browser_session, served_site, kb):
    seen = browser_session.run(_without_javascript(browser_session.browser, served_site))
    assert not seen["controls"], "checkboxes that do nothing without the script"
    assert seen["groups"]
    assert seen["folded"], "the group's list was open before it was chosen"
    assert seen["cards"] == names(kb["condition"])
    assert seen["hash"] == "#for-carpal-tunnel-syndrome"


async def _map_at(browser, base: str, viewport: dict) -> dict:
    page = await browser.new_page(viewport=viewport)
    try:
        await page.goto(base + "evidence-map/", wait_until="load")
        return await page.evaluate("""() => ({
          table: document.querySelector(".evidence-map__grid").checkVisibility(),
          list: document.querySelector(".evidence-map__list").checkVisibility(),
          items: document.querySelectorAll(".evidence-map__list li").length,
          cells: document.querySelectorAll(".evidence-map__grid li").length,
          sideways: document.documentElement.scrollWidth - document.documentElement.clientWidth,
        })""")
    finally:
        await page.close()


def test_the_evidence_map_is_a_table_on_wide_screens_and_a_list_by_condition_on_a_phone(browser_session,
                                                                                       served_site, kb):
    wide = browser_session.run(_map_at(browser_session.browser, served_site, {"width": 1280, "height": 900}))
    phone = browser_session.run(_map_at(browser_session.browser, served_site, {"width": 375, "height": 812}))
    assert (wide["table"], wide["list"]) == (True, False), wide
    assert (phone["table"], phone["list"]) == (False, True), phone
    assert phone["sideways"] == 0, f"the map scrolls {phone['sideways']} px sideways on a phone"
    mapped = sum(1 for f in kb["finding"].values() if f.population in kb["condition"])
    assert phone["items"] == phone["cells"] == mapped, "the list and the table hold different findings"


async def _print_map(browser, base: str, target) -> None:
    page = await browser.new_page()
    try:
        await page.goto(base + "evidence-map/", wait_until="load")
        await page.pdf(path=str(target), prefer_css_page_size=True, print_background=True)
    finally:
        await page.close()


def test_the_evidence_map_prints_on_one_landscape_page(browser_session, served_site, tmp_path, kb):
    pdf = tmp_path / "evidence-map.pdf"
    browser_session.run(_print_map(browser_session.browser, served_site, pdf))
    info = subprocess.run([needed("pdfinfo", "poppler-utils"), str(pdf)], capture_output=True, text=True,
                          check=True).stdout
    pages = int(next(line.split()[-1] for line in info.splitlines() if line.startswith("Pages:")))
    size = next(line for line in info.splitlines() if line.startswith("Page size:")).split()
    width, height = float(size[2]), float(size[4])
    assert pages == 1, f"the map printed on {pages} pages"
    assert width > height, f"the map printed in portrait ({width} x {height} pt)"
    text = subprocess.run([needed("pdftotext", "poppler-utils"), "-layout", str(pdf), "-"],
                          capture_output=True, text=True, check=True).stdout
    last = sorted(kb["condition"].values(), key=lambda c: c.name.lower())[-1].name
    assert last in text, "the last row of the map did not print"
