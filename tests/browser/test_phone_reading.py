"""On a phone (375 x 812) in real Chromium: the bottom line starts on the first screen, callout
text is at least body size, the header's name is not cut off, and the checklist's boxes can be
ticked with the keyboard, with nothing stored or sent."""

from __future__ import annotations


from conftest import ROOT
from reader_report import measure_pages

PHONE = {"width": 375, "height": 812}
ENTITY_PAGES = [f"conditions/{p.stem}/" for p in sorted((ROOT / "data" / "conditions").glob("*.yml"))] + \
               [f"techniques/{p.stem}/" for p in sorted((ROOT / "data" / "techniques").glob("*.yml"))]

MEASURE = """() => {
  const box = document.querySelector("article section.bottom-line");
  const callouts = [...document.querySelectorAll("article .admonition p, article .admonition li")];
  const body = document.querySelector("article .page-summary p");
  const title = document.querySelector(".md-header__topic:first-child .md-ellipsis");
  return {
    box_top: box ? box.getBoundingClientRect().top + window.scrollY : null,
    body_px: parseFloat(getComputedStyle(body).fontSize),
    callout_px: callouts.map(el => parseFloat(getComputedStyle(el).fontSize)),
    title_clipped: title.scrollWidth > title.clientWidth,
    title_width: title.clientWidth,
  };
}"""


async def measure(browser, base: str, paths: list[str]) -> dict[str, dict]:
    return await measure_pages(browser, base, paths, PHONE, MEASURE)


def test_on_a_phone_the_bottom_line_starts_on_the_first_screen_and_callouts_are_body_size(browser_session, served_site):
    results = browser_session.run(measure(browser_session.browser, served_site, ENTITY_PAGES))
    late = {p: r["box_top"] for p, r in results.items() if r["box_top"] is None or r["box_top"] >= PHONE["height"]}
    assert not late, f"bottom-line box below the first screen (px from top): {late}"
    small = {p: (min(r["callout_px"]), r["body_px"]) for p, r in results.items()
             if r["callout_px"] and min(r["callout_px"]) < r["body_px"]}
    assert not small, f"callout text smaller than body text (callout px, body px): {small}"
    assert any(r["callout_px"] for r in results.values()), "no callout measured"
    clipped = [p for p, r in results.items() if r["title_clipped"] or r["title_width"] == 0]
    assert not clipped, f"header title cut off at 375 px: {clipped}"


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
