"""How each page reads on a phone (375 x 812 in Chromium), and the limits the pages are held to.

One measurement, two users: the browser tests (tests/browser/test_phone_reading.py, on the
measurements the session's audit of every page takes) fail when a page goes over a limit, and
`make reader-report` (tests/reader_report.py) prints the figures and exits non-zero over a limit.

A page's height is counted in screens of 812 px. Its kind says which limits hold:

- condition, technique, claim (benefit) and caution pages, the hand-written prose pages in docs/,
  and the A to Z pages and tools: at most MAX_SCREENS each, and a median of at most MEDIAN_SCREENS
  for each kind;
- the finder (/find/) and the evidence map: at most MAX_SCREENS, the finder also without
  JavaScript, and the finder's results after any one choice in at most CHOICE_SCREENS;
- every page with a verdict shows its first one on screen 1; no page scrolls sideways;
- reference lists (UNLIMITED) are measured and reported, with no limit on their height.
"""

from __future__ import annotations

import statistics
from functools import lru_cache
from pathlib import Path

from macros.data.kinds import KINDS as KINDS_OF_DATA
from macros.site.docs_input import written_pages

# Read once per docs folder, not once per page measured.
_written_pages = lru_cache(maxsize=None)(written_pages)

PHONE = {"width": 375, "height": 812}
MAX_SCREENS = 12
MEDIAN_SCREENS = 8
CHOICE_SCREENS = 3

# The kinds with a page per entity, by folder (conditions/sciatica/ is of kind "conditions").
ENTITY_KINDS = {kind.folder: kind.folder for kind in KINDS_OF_DATA.values() if kind.has_pages}
# The kinds in the order the report lists them; a median is held for the kinds of many pages.
KINDS = ("conditions", "techniques", "benefits", "cautions", "prose", "indexes and tools", "finder",
         "evidence map", "reference lists")
MEDIAN_KINDS = ("conditions", "techniques", "benefits", "cautions", "prose", "indexes and tools")
# Pages that grow with the data and are not read from the top: a reader reaches an entry from a
# link (a citation leads to its source, a change note to its date), or is an editor.
UNLIMITED = {
    "sources/": "every source the guide cites; each citation links to its entry",
    "whats-new/": "every change note, newest first",
    "editors/": "editors' pages (the data reference lists every field), not for readers",
}

# What a reader meets on the page at 375 x 812: its height, where the first verdict and the
# bottom-line box start, reference numbers in the summary, callout and body text sizes, whether the
# header's title is cut off, and how far the page scrolls sideways. Only what is drawn counts: a
# verdict inside a closed fold is not on any screen.
MEASURE = """() => {
  const screen = window.innerHeight;
  const drawn = (el) => el.checkVisibility();  // false inside a closed fold, where boxes may still be laid out
  const top = (el) => el.getBoundingClientRect().top + window.scrollY;
  const screenOf = (el) => el ? Math.floor(top(el) / screen) + 1 : null;
  const verdict = [...document.querySelectorAll("article .verdict")].find(drawn);
  const box = document.querySelector("article section.bottom-line");
  const h1 = document.querySelector("article h1");
  let summary = document.querySelector("article .page-summary");
  if (!summary && h1) {
    let next = h1.nextElementSibling;
    while (next && next.tagName !== "P") next = next.nextElementSibling;
    summary = next;
  }
  const callouts = [...document.querySelectorAll("article .admonition p, article .admonition li")].filter(drawn);
  const body = document.querySelector("article .page-summary p") || document.querySelector("article p:not(.print-only)");
  const size = (el) => parseFloat(getComputedStyle(el).fontSize);
  const title = document.querySelector(".md-header__topic:first-child .md-ellipsis");
  return {
    screens: document.documentElement.scrollHeight / screen,
    verdict_screen: screenOf(verdict),
    box_screen: screenOf(box),
    summary_refs: summary ? summary.querySelectorAll('a[href^="#ref-"]').length : 0,
    callout_px: callouts.length ? Math.min(...callouts.map(size)) : null,
    body_px: body ? size(body) : null,
    title_clipped: title ? title.scrollWidth > title.clientWidth || title.clientWidth === 0 : null,
    sideways_px: document.documentElement.scrollWidth - document.documentElement.clientWidth,
  };
}"""

# The finder's results after a choice: from the count it announces to the end of the last card shown.
_RESULTS = """() => {
  const count = document.getElementById("finder-count");
  const cards = [...document.querySelectorAll(".finder-card")].filter((c) => c.checkVisibility());
  const bottom = Math.max(count.getBoundingClientRect().bottom, ...cards.map((c) => c.getBoundingClientRect().bottom));
  return {screens: (bottom - count.getBoundingClientRect().top) / window.innerHeight, cards: cards.length};
}"""

FINDER = "find/"
MAP = "evidence-map/"


def kind_of(path: str, docs: Path) -> str:
    """The kind of a site-relative page path ("conditions/sciatica/", "about/", "")."""
    parts = path.strip("/").split("/")
    if len(parts) == 2 and parts[0] in ENTITY_KINDS:
        return ENTITY_KINDS[parts[0]]
    if path == FINDER:
        return "finder"
    if path == MAP:
        return "evidence map"
    if any(path.startswith(prefix) for prefix in UNLIMITED):
        return "reference lists"
    if path in _written_pages(docs):  # the home page too (the audit gives it a template of its own)
        return "prose"
    return "indexes and tools"


async def measure_page(page, url: str | None = None) -> dict:
    """The reading of the page a tab shows (after loading `url`, if given), at the phone's size."""
    if url is not None:
        await page.goto(url, wait_until="load")
    if page.viewport_size != PHONE:
        # The audit loads each page on desktop and narrows it here: the page reads as one loaded on a
        # phone (test_phone_reading.py compares the two).
        await page.set_viewport_size(PHONE)
    return await page.evaluate(MEASURE)


async def measure_finder(browser, base: str) -> dict:
    """The finder without JavaScript (its height), and with it after each choice alone (the height of
    its results): {"without JavaScript": reading, "choices": {label: {"screens", "cards"}}}."""
    found: dict = {"choices": {}}
    context = await browser.new_context(viewport=PHONE, java_script_enabled=False)
    try:
        found["without JavaScript"] = await measure_page(await context.new_page(), base + FINDER)
    finally:
        await context.close()
    context = await browser.new_context(viewport=PHONE)
    try:
        page = await context.new_page()
        await page.goto(base + FINDER, wait_until="load")
        boxes = page.locator("#finder-controls input[type=checkbox]")
        for n in range(await boxes.count()):
            box = boxes.nth(n)
            label = (await page.locator("#finder-controls label").nth(n).inner_text()).strip()
            await box.check()
            found["choices"][label] = await page.evaluate(_RESULTS)
            await box.uncheck()
    finally:
        await context.close()
    return found


def by_kind(readings: dict[str, dict], docs: Path) -> dict[str, dict[str, dict]]:
    grouped: dict[str, dict[str, dict]] = {kind: {} for kind in KINDS}
    for path, reading in readings.items():
        grouped[kind_of(path, docs)][path] = reading
    return grouped


def over_the_limits(readings: dict[str, dict], finder: dict | None, docs: Path) -> list[str]:
    """Every limit a page goes over, one line each; empty when every page keeps to them."""
    problems = []
    for kind, pages in by_kind(readings, docs).items():
        if not pages or kind == "reference lists":
            continue
        for path, r in sorted(pages.items()):
            if r["screens"] > MAX_SCREENS:
                problems.append(f"/{path}: {r['screens']:.1f} screens (at most {MAX_SCREENS})")
        median = statistics.median(r["screens"] for r in pages.values())
        if kind in MEDIAN_KINDS and median > MEDIAN_SCREENS:
            problems.append(f"{kind}: median {median:.1f} screens over {len(pages)} pages (at most {MEDIAN_SCREENS})")
    for path, r in sorted(readings.items()):
        if r["verdict_screen"] not in (None, 1):
            problems.append(f"/{path}: first verdict on screen {r['verdict_screen']} (on screen 1)")
        if r["sideways_px"] > 0:
            problems.append(f"/{path}: scrolls {r['sideways_px']} px sideways")
    if finder is not None:
        alone = finder["without JavaScript"]["screens"]
        if alone > MAX_SCREENS:
            problems.append(f"/{FINDER} without JavaScript: {alone:.1f} screens (at most {MAX_SCREENS})")
        for label, result in finder["choices"].items():
            if result["screens"] > CHOICE_SCREENS:
                problems.append(f"/{FINDER} after choosing {label!r}: results take {result['screens']:.1f} screens "
                                f"for {result['cards']} conditions (at most {CHOICE_SCREENS})")
    return problems


def figures(readings: dict[str, dict], finder: dict | None, docs: Path) -> list[str]:
    """The report's summary: for each kind, the number of pages, the median and the longest."""
    lines = []
    for kind, pages in by_kind(readings, docs).items():
        if not pages:
            continue
        screens = [r["screens"] for r in pages.values()]
        worst = max(pages, key=lambda p: pages[p]["screens"])
        verdicts = [r["verdict_screen"] for r in pages.values() if r["verdict_screen"]]
        lines.append(f"{kind} ({len(pages)} pages): median {statistics.median(screens):.1f} screens, "
                     f"longest {pages[worst]['screens']:.1f} (/{worst}); first verdict: "
                     + (f"latest on screen {max(verdicts)}" if verdicts else "none on these pages"))
    if finder is not None:
        choices = finder["choices"]
        worst = max(choices, key=lambda c: choices[c]["screens"])
        lines.append(f"finder without JavaScript: {finder['without JavaScript']['screens']:.1f} screens; "
                     f"results after one choice ({len(choices)} choices): median "
                     f"{statistics.median(c['screens'] for c in choices.values()):.1f} screens, longest "
                     f"{choices[worst]['screens']:.1f} ({worst!r}, {choices[worst]['cards']} conditions)")
    return lines
