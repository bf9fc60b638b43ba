"""The payloads that validation lets through, opened in a real browser: nothing runs.

Served without the Content-Security-Policy, so what keeps them inert is the escaping,
not the policy that would also block them.
"""

from __future__ import annotations

import pytest

from site_server import serve
from xss_corpus import corpus_for

_LIVE = """
() => {
  const handlers = [];
  for (const el of document.querySelectorAll("*")) {
    for (const attr of el.attributes) {
      if (attr.name.toLowerCase().startsWith("on")) handlers.push(`<${el.localName} ${attr.name}>`);
      if (/^\\s*javascript:/i.test(attr.value)) handlers.push(`<${el.localName} ${attr.name}="${attr.value.slice(0, 40)}">`);
    }
  }
  return handlers;
}
"""


async def open_pages(browser, base: str, paths: list[str]) -> list[str]:
    context = await browser.new_context()
    page = await context.new_page()
    found: list[str] = []

    async def on_dialog(dialog):
        found.append(f"a dialog opened: {dialog.message!r}")
        await dialog.dismiss()

    page.on("dialog", on_dialog)
    try:
        for path in paths:
            await page.goto(base + path)
            # The live DOM, as the browser parsed it: no event handler or script URL anywhere.
            found += [f"/{path}: {text}" for text in await page.evaluate(_LIVE)]
    finally:
        await context.close()
    return found


def test_accepted_payloads_do_nothing_in_a_browser(browser_session, tmp_path_factory):
    corpus = corpus_for(tmp_path_factory)
    assert corpus.sites, "no payload was accepted, so there is nothing to open"
    report = []
    for payload_name, site in corpus.sites.items():
        markers = [o.marker for o in corpus.accepted(payload_name)]
        paths = sorted(("" if html.parent == site else html.parent.relative_to(site).as_posix() + "/")
                       for html in site.rglob("index.html")
                       if any(m in html.read_text(encoding="utf-8") for m in markers))
        assert paths, f"{payload_name}: accepted, but no page shows it"
        with serve(site) as base:
            report += [f"{payload_name}: {line}" for line in
                       browser_session.run(open_pages(browser_session.browser, base, paths))]
    if report:
        pytest.fail("injected data ran in the browser:\n" + "\n".join(report), pytrace=False)
