"""In a real browser: the light/dark switch in the header (assets/palette.js).

It follows the reader's system setting on a first visit, remembers a switch from
page to page, works from the keyboard, shows nothing without JavaScript, and, for
a reader whose scheme is the one the page is drawn in, leaves the page alone while
it loads (the theme's own switch restyled every page twice on load).
"""

from __future__ import annotations

PAGE = "conditions/sciatica/"
OTHER_PAGE = "techniques/swedish-massage/"

# Records every change to <body>'s colour attributes from the first byte on.
_RECORD_COLOUR_CHANGES = """
window.__colourChanges = [];
new MutationObserver((records) => {
  for (const r of records) {
    if (r.target === document.body) window.__colourChanges.push(r.attributeName);
  }
}).observe(document, { subtree: true, attributes: true,
  attributeFilter: ["data-md-color-scheme", "data-md-color-primary", "data-md-color-accent",
                    "data-md-color-switching"] });
"""

_STATE = """
() => {
  const shown = [...document.querySelectorAll("form[data-md-palette] label")]
    .filter((label) => label.offsetWidth > 0 && label.offsetHeight > 0);
  const meta = document.querySelector('meta[name="color-scheme"]');
  return {
    scheme: document.body.getAttribute("data-md-color-scheme"),
    switching: document.body.hasAttribute("data-md-color-switching"),
    shown: shown.map((label) => label.title),
    meta: meta ? meta.content : null,
    changes: window.__colourChanges || [],
    themeComponent: !!document.querySelector('[data-md-component="palette"]'),
  };
}
"""


async def _open(browser, url: str, *, colour_scheme: str = "light", javascript: bool = True):
    context = await browser.new_context(color_scheme=colour_scheme, java_script_enabled=javascript)
    await context.add_init_script(_RECORD_COLOUR_CHANGES)
    page = await context.new_page()
    await page.goto(url, wait_until="load")
    return context, page


def _state_on_load(session, url: str, **options) -> dict:
    async def run():
        context, page = await _open(session.browser, url, **options)
        state = await page.evaluate(_STATE) if options.get("javascript", True) else None
        if state is None:  # without JavaScript, read the page from outside
            labels = page.locator("form[data-md-palette] label")
            state = {"shown": [await labels.nth(i).get_attribute("title")
                               for i in range(await labels.count()) if await labels.nth(i).is_visible()]}
        await context.close()
        return state

    return session.run(run())


def test_a_light_reader_gets_the_page_as_drawn_and_a_switch_to_dark(browser_session, served_site):
    state = _state_on_load(browser_session, served_site + PAGE)
    assert state["scheme"] == "default"
    assert state["shown"] == ["Switch to dark mode"]
    assert state["changes"] == [], f"the page was restyled while it loaded: {state['changes']}"
    assert not state["themeComponent"], "the theme's palette component is back: it restyles every page on load"


def test_a_dark_reader_gets_the_dark_scheme_on_a_first_visit(browser_session, served_site):
    state = _state_on_load(browser_session, served_site + PAGE, colour_scheme="dark")
    assert state["scheme"] == "slate"
    assert state["meta"] == "dark"
    assert state["shown"] == ["Switch to light mode"]
    assert not state["switching"]


def test_without_javascript_no_switch_shows(browser_session, served_site):
    state = _state_on_load(browser_session, served_site + PAGE, javascript=False)
    assert state["shown"] == []


def test_a_switch_is_kept_on_the_next_page_and_drawn_before_the_script_runs(browser_session, served_site):
    async def run():
        context, page = await _open(browser_session.browser, served_site + PAGE)
        await page.locator("form[data-md-palette] label[title='Switch to dark mode']").click()
        switched = await page.evaluate(_STATE)
        # The theme's inline script at the top of <body> applies the saved scheme,
        # so on the next page the body is dark before any other script runs.
        await page.add_init_script("""
          document.addEventListener("readystatechange", () => {
            if (document.readyState === "interactive")
              window.__schemeWhenParsed = document.body.getAttribute("data-md-color-scheme");
          });
        """)
        await page.goto(served_site + OTHER_PAGE, wait_until="load")
        after = await page.evaluate(_STATE)
        parsed = await page.evaluate("window.__schemeWhenParsed")
        await context.close()
        return switched, after, parsed

    switched, after, parsed = browser_session.run(run())
    assert switched["scheme"] == "slate" and switched["shown"] == ["Switch to light mode"]
    assert not switched["switching"], "transitions were left switched off"
    assert switched["meta"] == "dark"
    assert after["scheme"] == "slate" and after["shown"] == ["Switch to light mode"]
    assert parsed == "slate"


def test_the_switch_works_from_the_keyboard(browser_session, served_site):
    async def run():
        context, page = await _open(browser_session.browser, served_site + PAGE)
        await page.focus("form[data-md-palette] input:checked")
        await page.keyboard.press("Enter")
        once = await page.evaluate(_STATE)
        focused = await page.evaluate("document.activeElement.getAttribute('aria-label')")
        await page.keyboard.press("Enter")
        twice = await page.evaluate(_STATE)
        await context.close()
        return once, focused, twice

    once, focused, twice = browser_session.run(run())
    assert once["scheme"] == "slate"
    assert focused == "Switch to light mode"
    assert twice["scheme"] == "default" and twice["shown"] == ["Switch to dark mode"]


def test_a_browser_that_blocks_storage_still_gets_a_working_switch(browser_session, served_site):
    async def run():
        context = await browser_session.browser.new_context(color_scheme="dark")
        await context.add_init_script("""
          Storage.prototype.getItem = () => { throw new DOMException("blocked", "SecurityError"); };
          Storage.prototype.setItem = () => { throw new DOMException("blocked", "SecurityError"); };
        """)
        page = await context.new_page()
        await page.goto(served_site + PAGE, wait_until="load")
        loaded = await page.evaluate(_STATE)
        await page.locator("form[data-md-palette] label[title='Switch to light mode']").click()
        switched = await page.evaluate(_STATE)
        await context.close()
        return loaded, switched

    loaded, switched = browser_session.run(run())
    assert loaded["scheme"] == "slate" and loaded["shown"] == ["Switch to light mode"]
    assert switched["scheme"] == "default"
