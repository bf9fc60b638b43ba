"""On a phone (375 x 812) in real Chromium: every page keeps to the reading limits of its kind
(tests/browser/phone_reading.py: at most 12 screens, a median of at most 8, the first verdict on
screen 1, nothing to scroll sideways; the finder without JavaScript, and its results after any one
choice in 3 screens), and each limit is shown failing on a planted page; the bottom line starts on
the first screen, callout text is at least body size, the header's name is not cut off, and the
checklist's boxes can be ticked with the keyboard, with nothing stored or sent."""

from __future__ import annotations

import shutil

import pytest

from conftest import ROOT
from macros.render.reader_labels import BODY_AREA
from site_server import serve

from .phone_reading import (CHOICE_SCREENS, FINDER, KINDS, MAP, MAX_SCREENS, MEDIAN_KINDS, MEDIAN_SCREENS, PHONE,
                            UNLIMITED, by_kind, kind_of, measure_finder, measure_page, over_the_limits)

DOCS = ROOT / "docs"
ENTITY_PAGES = [f"conditions/{p.stem}/" for p in sorted((ROOT / "data" / "conditions").glob("*.yml"))] + \
               [f"techniques/{p.stem}/" for p in sorted((ROOT / "data" / "techniques").glob("*.yml"))]


def test_every_page_was_measured_on_a_phone_and_every_kind_has_pages(phone_readings, site_audit):
    assert set(phone_readings) == set(site_audit.paths), "pages the audit did not measure"
    grouped = by_kind(phone_readings, DOCS)
    empty = [kind for kind in KINDS if not grouped[kind]]
    assert not empty, f"no page of these kinds was measured: {empty}"
    assert all(r["screens"] >= 1 for r in phone_readings.values())


@pytest.mark.parametrize("kind", [k for k in KINDS if k != "reference lists"])
def test_every_kind_of_page_keeps_to_its_reading_limits(phone_readings, finder_readings, kind):
    pages = by_kind(phone_readings, DOCS)[kind]
    assert pages, f"no {kind} page measured"
    problems = over_the_limits(pages, finder_readings if kind == "finder" else None, DOCS)
    assert not problems, f"{kind} on a phone (375 x 812):\n" + "\n".join(problems)
    assert max(r["screens"] for r in pages.values()) <= MAX_SCREENS


def test_the_finder_was_measured_without_javascript_and_after_every_choice(finder_readings, kb):
    assert finder_readings["without JavaScript"]["screens"] >= 1
    choices = finder_readings["choices"]
    goals = {f.outcome for f in kb["finding"].values() if f.population in kb["condition"]}
    areas = {c.body_area for c in kb["condition"].values()}
    assert len(choices) == len(goals) + len(areas), f"not every choice was tried: {sorted(choices)}"
    assert all(result["cards"] >= 1 for result in choices.values()), "a choice that shows no condition"
    assert max(result["screens"] for result in choices.values()) <= CHOICE_SCREENS


def test_a_page_narrowed_after_loading_reads_as_one_loaded_on_a_phone(browser_session, served_site, phone_readings):
    """The audit measures each page by narrowing the window it loaded on desktop; loaded on a phone,
    the longest page of each kind measures the same."""
    grouped = by_kind(phone_readings, DOCS)
    sample = [max(pages, key=lambda p: pages[p]["screens"]) for pages in grouped.values() if pages]

    async def fresh():
        context = await browser_session.browser.new_context(viewport=PHONE)
        page = await context.new_page()
        found = {path: await measure_page(page, served_site + path) for path in sample}
        await context.close()
        return found

    assert browser_session.run(fresh()) == {path: phone_readings[path] for path in sample}


def test_only_the_listed_reference_pages_go_without_a_height_limit(phone_readings):
    unlimited = by_kind(phone_readings, DOCS)["reference lists"]
    assert unlimited, "the reference lists were not measured"
    for prefix in UNLIMITED:
        assert any(path.startswith(prefix) for path in unlimited), f"nothing is listed as {prefix}: drop it"
    # Every other kind is held to the limits, and every page of the site is of one of the kinds.
    assert {kind_of(path, DOCS) for path in phone_readings} == set(KINDS)


def test_the_bottom_line_starts_on_the_first_screen_and_callouts_are_body_size(phone_readings):
    results = {path: phone_readings[path] for path in ENTITY_PAGES}
    late = {p: r["box_screen"] for p, r in results.items() if r["box_screen"] != 1}
    assert not late, f"bottom-line box not on the first screen (screen): {late}"
    small = {p: (r["callout_px"], r["body_px"]) for p, r in results.items()
             if r["callout_px"] and r["callout_px"] < r["body_px"]}
    assert not small, f"callout text smaller than body text (callout px, body px): {small}"
    assert any(r["callout_px"] for r in results.values()), "no callout measured"
    clipped = [p for p, r in results.items() if r["title_clipped"]]
    assert not clipped, f"header title cut off at 375 px: {clipped}"


# Planted in a copy of the built site: a style sheet of tall and wide blocks (the site's policy
# allows no inline style), and one block per limit, each on a page of its own.
PLANTED_CSS = """
.canary-taller-than-the-limit { height: %dpx; }
.canary-a-screen { height: %dpx; }
.canary-wide { width: %dpx; }
""" % (PHONE["height"] * (MAX_SCREENS + 1), PHONE["height"], PHONE["width"] * 2)
TALL = '<div class="canary-taller-than-the-limit"></div>'
TECHNIQUES = [p for p in ENTITY_PAGES if p.startswith("techniques/")]


def plant(site, path, marker, block, before=True):
    page = site / path / "index.html"
    text = page.read_text(encoding="utf-8")
    assert marker in text, f"/{path} has no {marker}"
    page.write_text(text.replace(marker, block + marker if before else marker + block, 1), encoding="utf-8")


@pytest.fixture(scope="module")
def planted_readings(browser_session, built_site, tmp_path_factory):
    site = tmp_path_factory.mktemp("long-pages") / "site"
    shutil.copytree(built_site, site)
    with (site / "assets" / "extra.css").open("a") as css:
        css.write(PLANTED_CSS)
    plant(site, "conditions/sciatica/", "</article>", TALL)  # a condition page over 12 screens
    plant(site, "about/", "</article>", TALL)  # a prose page over 12 screens
    for path in TECHNIQUES:  # every technique page over 8 screens: their median too
        plant(site, path, "</article>", '<div class="canary-a-screen"></div>' * (MEDIAN_SCREENS + 1))
    # Two screens between the title and the bottom line: the first verdict on screen 3.
    plant(site, "conditions/migraine/", '<section aria-labelledby="what-the-research-says"', '<div class="canary-a-screen"></div>' * 2)
    plant(site, MAP, '<div class="evidence-map__list">', '<p class="canary-wide">A line too wide</p>', before=False)
    plant(site, FINDER, "</article>", TALL)  # the finder over 12 screens, with and without its script
    # The labor pain card four screens tall: the results of "Pregnancy and birth" go over 3.
    plant(site, FINDER, 'data-goals="pain-relief" id="for-labor-pain">', '<div class="canary-a-screen"></div>' * 4,
          before=False)
    paths = ["conditions/sciatica/", "conditions/migraine/", "about/", MAP, FINDER, *TECHNIQUES]

    async def measure_all(base):
        context = await browser_session.browser.new_context(viewport=PHONE)
        page = await context.new_page()
        readings = {path: await measure_page(page, base + path) for path in paths}
        await context.close()
        return readings, await measure_finder(browser_session.browser, base)

    with serve(site) as base:
        return browser_session.run(measure_all(base))


def planted_problems(planted_readings, starting: str) -> list[str]:
    readings, finder = planted_readings
    return [line for line in over_the_limits(readings, finder, DOCS) if line.startswith(starting)]


def test_a_page_over_twelve_screens_fails(planted_readings):
    for path in ("conditions/sciatica/", "about/"):
        [line] = planted_problems(planted_readings, f"/{path}: ")
        assert line.endswith(f"screens (at most {MAX_SCREENS})"), line


def test_a_kind_whose_median_is_over_eight_screens_fails(planted_readings):
    assert "techniques" in MEDIAN_KINDS
    [line] = planted_problems(planted_readings, "techniques: median")
    assert line.endswith(f"over {len(TECHNIQUES)} pages (at most {MEDIAN_SCREENS})"), line


def test_a_verdict_after_the_first_screen_fails(planted_readings):
    [line] = planted_problems(planted_readings, "/conditions/migraine/: ")
    assert line == "/conditions/migraine/: first verdict on screen 3 (on screen 1)"


def test_a_page_that_scrolls_sideways_fails(planted_readings):
    [line] = planted_problems(planted_readings, f"/{MAP}: ")
    assert "sideways" in line, line


def test_the_finder_over_its_limits_fails_with_and_without_javascript_and_after_a_choice(planted_readings, kb):
    assert planted_problems(planted_readings, f"/{FINDER} without JavaScript: ")
    assert [line for line in planted_problems(planted_readings, f"/{FINDER}: ") if "screens (at most" in line]
    # Every choice that shows the labor pain card, and no other.
    labor = kb["condition"]["labor-pain"]
    showing_it = {BODY_AREA[labor.body_area]} | {kb["benefit"][f.outcome].name for f in kb["finding"].values()
                                                  if f.population == "labor-pain"}
    failing = planted_problems(planted_readings, f"/{FINDER} after choosing ")
    assert {line.split("'")[1] for line in failing} == showing_it, failing
    assert all(line.endswith(f"(at most {CHOICE_SCREENS})") for line in failing), failing


async def tab_to_next_checkbox(page, most: int) -> str:
    """Press Tab until a checklist box has the focus (at most `most` times); its id."""
    for _ in range(most):
        await page.keyboard.press("Tab")
        if await page.evaluate("document.activeElement.closest('ul.checklist') !== null && "
                               "document.activeElement.type === 'checkbox'"):
            break
    return await page.evaluate("document.activeElement.id")


async def tick_with_keyboard(browser, base: str):
    context = await browser.new_context(viewport=PHONE)
    page = await context.new_page()
    requests = []
    await page.goto(base + "checklist/", wait_until="networkidle")
    # The browser fetches the page's icon on its own, at a moment of its choosing: not the checklist's doing.
    icon = await page.evaluate("() => document.querySelector('link[rel~=icon]')?.href || ''")
    page.on("request", lambda request: request.url == icon or requests.append(request.url))
    stored_before = await page.evaluate("[Object.keys(localStorage), Object.keys(sessionStorage), document.cookie]")
    count = await page.locator("ul.checklist").get_by_role("checkbox").count()
    # Tab from the top of the page to the first box, then Space ticks it.
    first = await tab_to_next_checkbox(page, 100)
    await page.keyboard.press("Space")
    # Tab on past the "More about" link to the second box.
    second = await tab_to_next_checkbox(page, 5)
    await page.keyboard.press("Space")
    checked = await page.evaluate("[...document.querySelectorAll('ul.checklist input[type=checkbox]:checked')].map(b => b.id)")
    named = await page.evaluate("""[...document.querySelectorAll('ul.checklist input[type=checkbox]')]
        .every(b => b.labels.length === 1 && b.labels[0].textContent.trim().length > 10 && !b.disabled)""")
    stored_after = await page.evaluate("[Object.keys(localStorage), Object.keys(sessionStorage), document.cookie]")
    await context.close()
    return count, first, second, checked, named, stored_before, stored_after, requests


def test_checklist_boxes_tick_with_the_keyboard_and_nothing_is_stored_or_sent(browser_session, served_site, kb):
    count, first, second, checked, named, before, after, requests = browser_session.run(
        tick_with_keyboard(browser_session.browser, served_site))
    assert count == len(kb["caution"])
    assert first.startswith("check-") and second.startswith("check-") and first != second
    assert checked == [first, second]
    assert named, "every box has its own label and is enabled"
    assert before == after, "ticking stored something"
    assert not requests, f"ticking sent requests: {requests}"


async def follow_a_citation(browser, base: str):
    page = await browser.new_page(viewport=PHONE)
    await page.goto(base + "conditions/low-back-pain/", wait_until="load")
    folded = await page.evaluate("document.querySelector('details.references-block').open")
    await page.locator("article span.cite a").first.click()
    await page.wait_for_function("document.querySelector('details.references-block').open")
    target = await page.evaluate("location.hash")
    visible = await page.locator(target).is_visible()
    await page.close()
    return folded, visible


def test_a_citation_opens_the_folded_references_at_its_source(browser_session, served_site):
    folded, visible = browser_session.run(follow_a_citation(browser_session.browser, served_site))
    assert folded is False and visible


async def follow_to_a_fold(browser, base: str, javascript: bool = True, theme_script: bool = True) -> dict:
    """A bottom-line row's link and an older address of a finding: each lands on the finding's
    verdict, and with JavaScript opens its detail. theme_script=False blocks the theme's own script,
    which opens folds around a link's target too, so that only the site's (assets/handout.js) can."""
    context = await browser.new_context(viewport=PHONE, java_script_enabled=javascript)
    if not theme_script:
        await context.route("**/assets/javascripts/bundle.*.min.js", lambda route: route.abort())
    page = await context.new_page()
    seen = {}
    try:
        await page.goto(base + "techniques/swedish-massage/", wait_until="load")
        row = page.locator("section.bottom-line li a").first
        target = (await row.get_attribute("href")).lstrip("#")
        seen["closed before"] = not await page.evaluate(f"document.getElementById('{target}').open")
        await row.click()
        seen["row"] = await page.evaluate(
            f"(() => {{ const d = document.getElementById('{target}'); const box = d.getBoundingClientRect();"
            f" return {{open: d.open, on_screen: box.top >= 0 && box.top < innerHeight}}; }})()")
        # An address clinics stored before findings: the first line about that condition.
        await page.goto(base + "techniques/swedish-massage/#finding-condition-low-back-pain", wait_until="load")
        seen["old address"] = await page.evaluate(
            "(() => { const d = document.getElementById('finding-condition-low-back-pain').closest('details');"
            " const box = d.getBoundingClientRect(); return {open: d.open, on_screen: box.top >= 0 && box.top < innerHeight}; })()")
    finally:
        await context.close()
    return seen


@pytest.mark.parametrize("theme_script", [True, False], ids=["with the theme's script", "with the site's alone"])
def test_a_link_to_a_folded_finding_lands_on_its_verdict_and_opens_it(browser_session, served_site, theme_script):
    seen = browser_session.run(follow_to_a_fold(browser_session.browser, served_site, theme_script=theme_script))
    assert seen["closed before"], "the finding's detail was open before anyone asked"
    assert seen["row"] == {"open": True, "on_screen": True}, seen["row"]
    assert seen["old address"] == {"open": True, "on_screen": True}, seen["old address"]


def test_without_javascript_a_link_to_a_folded_finding_still_lands_on_its_verdict(browser_session, served_site):
    seen = browser_session.run(follow_to_a_fold(browser_session.browser, served_site, javascript=False))
    # The verdict is the fold's summary, always drawn: the link lands on it, and a tap opens it.
    assert seen["row"]["on_screen"] and seen["old address"]["on_screen"], seen
