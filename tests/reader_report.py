"""How the built site reads on a phone: every page at 375 x 812 in real Chromium.

`make reader-report` (after `make build`) prints, for each page, its height in screens, the screen
on which the first verdict appears, how many reference numbers the summary carries, the font size
of callout text beside body text, and whether the header title is cut off; then the finder without
JavaScript and after each choice; then the medians and longest pages by kind, and every limit a page
goes over (tests/browser/phone_reading.py holds the measurement and the limits, which the browser
tests hold every page to). It exits with 1 when a page is over a limit. The README's "Reading on a
phone" section quotes these figures.
"""

from __future__ import annotations

import argparse
import asyncio
import shutil
import sys
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(Path(__file__).resolve().parent.parent))  # the project: macros
sys.path.insert(0, str(Path(__file__).resolve().parent))
sys.path.insert(0, str(Path(__file__).resolve().parent / "browser"))

from phone_reading import PHONE, figures, measure_finder, measure_page, over_the_limits  # noqa: E402
from site_audit import pages_in_sitemap  # noqa: E402
from site_server import serve  # noqa: E402

TABS = 2  # one per core


async def measure_all(base: str, paths: list[str], executable: str) -> tuple[dict[str, dict], dict]:
    from playwright.async_api import async_playwright

    async with async_playwright() as p:
        browser = await p.chromium.launch(executable_path=executable, args=["--headless", "--no-sandbox"])
        context = await browser.new_context(viewport=PHONE)
        queue = list(paths)
        readings: dict[str, dict] = {}

        async def worker():
            page = await context.new_page()
            while queue:
                path = queue.pop(0)
                readings[path] = await measure_page(page, base + path)

        await asyncio.gather(*(worker() for _ in range(TABS)))
        await context.close()
        finder = await measure_finder(browser, base)
        await browser.close()
        return readings, finder


def main(argv=None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("site", nargs="?", default=str(ROOT / "site"), help="the built site (default: site/)")
    args = parser.parse_args(argv)
    site = Path(args.site)
    executable = shutil.which("chromium") or shutil.which("chromium-browser")
    if not (site / "sitemap.xml").exists():
        print(f"{site}: no built site here; run `make build` first", file=sys.stderr)
        return 1
    if executable is None:
        print("Chromium is not installed (Debian: apt-get install chromium)", file=sys.stderr)
        return 1
    paths = pages_in_sitemap(site)
    with serve(site) as base:
        readings, finder = asyncio.run(measure_all(base, paths, executable))
    print(f"{'page':55} {'screens':>7} {'verdict':>7} {'refs':>4} {'callout/body px':>15} clipped")
    for path in sorted(readings):
        r = readings[path]
        size = f"{r['callout_px'] or '-'}/{r['body_px'] or '-'}"
        print(f"{'/' + path:55} {r['screens']:7.1f} {r['verdict_screen'] or '-':>7} {r['summary_refs']:4} "
              f"{size:>15} {'yes' if r['title_clipped'] else 'no'}")
    print(f"{'/find/ without JavaScript':55} {finder['without JavaScript']['screens']:7.1f}")
    for label, result in finder["choices"].items():
        print(f"{'/find/ results after: ' + label:55} {result['screens']:7.1f}  ({result['cards']} conditions)")
    print()
    docs = ROOT / "docs"
    print("\n".join(figures(readings, finder, docs)))
    small = [p for p, r in readings.items() if r["callout_px"] and r["body_px"] and r["callout_px"] < r["body_px"]]
    print(f"most reference numbers in a summary: {max(r['summary_refs'] for r in readings.values())}; callout text "
          f"smaller than body: {len(small)} pages; header title clipped: "
          f"{sum(1 for r in readings.values() if r['title_clipped'])} pages")
    problems = over_the_limits(readings, finder, docs)
    print()
    if problems:
        print(f"{len(problems)} over the limits:\n  " + "\n  ".join(problems))
        return 1
    print("every page keeps to the limits")
    return 0


if __name__ == "__main__":
    sys.exit(main())
