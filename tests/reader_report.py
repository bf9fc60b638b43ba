"""How the built site reads on a phone: every page at 375 x 812 in real Chromium.

A measurement, not a test (`make reader-report`, after `make build`). For each page it prints
the page's height in screens, the screen on which the first verdict appears, how many
reference numbers the summary carries, the font size of callout text beside body text, and
whether the header title is cut off; then the medians and worst cases by kind of page.
The README's "Reading on a phone" section quotes these figures.
"""

from __future__ import annotations

import argparse
import asyncio
import shutil
import statistics
import sys
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(Path(__file__).resolve().parent))
sys.path.insert(0, str(Path(__file__).resolve().parent / "browser"))

from site_audit import pages_in_sitemap  # noqa: E402
from site_server import serve  # noqa: E402

WIDTH, HEIGHT = 375, 812

MEASURE = """() => {
  const screen = window.innerHeight;
  const top = el => el.getBoundingClientRect().top + window.scrollY;
  const height = document.documentElement.scrollHeight / screen;
  const verdict = document.querySelector("article .verdict");
  const h1 = document.querySelector("article h1");
  let summary = document.querySelector("article .page-summary");
  if (!summary && h1) {
    let next = h1.nextElementSibling;
    while (next && next.tagName !== "P") next = next.nextElementSibling;
    summary = next;
  }
  const refs = summary ? summary.querySelectorAll('a[href^="#ref-"]').length : 0;
  const callout = document.querySelector("article .admonition p, article .admonition li");
  const body = document.querySelector("article > p, article .page-summary p, article li");
  const size = el => el ? parseFloat(getComputedStyle(el).fontSize) : null;
  const title = document.querySelector(".md-header__topic:first-child .md-ellipsis");
  return {
    screens: height,
    verdict_screen: verdict ? Math.floor(top(verdict) / screen) + 1 : null,
    summary_refs: refs,
    callout_px: size(callout),
    body_px: size(body),
    title_clipped: title ? title.scrollWidth > title.clientWidth : null,
  };
}"""


async def measure_all(base: str, paths: list[str], executable: str) -> dict[str, dict]:
    from playwright.async_api import async_playwright

    async with async_playwright() as p:
        browser = await p.chromium.launch(executable_path=executable, args=["--headless", "--no-sandbox"])
        results = await measure_pages(browser, base, paths, {"width": WIDTH, "height": HEIGHT}, MEASURE)
        await browser.close()
        return results


async def measure_pages(browser, base: str, paths: list[str], viewport: dict, script: str) -> dict[str, dict]:
    """{path: what `script` returns on that page}, four pages at a time, at the given viewport."""
    context = await browser.new_context(viewport=viewport)
    limit = asyncio.Semaphore(4)

    async def one(path):
        async with limit:
            page = await context.new_page()
            await page.goto(base + path, wait_until="load")
            result = await page.evaluate(script)
            await page.close()
            return path, result

    results = dict(await asyncio.gather(*(one(path) for path in paths)))
    await context.close()
    return results


def kind_of(path: str) -> str:
    first = path.split("/")[0]
    return first if path.count("/") == 2 and first in ("conditions", "techniques", "benefits", "cautions") else "other"


def summarise(results: dict[str, dict]) -> list[str]:
    lines = []
    for kind in ("conditions", "techniques", "benefits", "cautions", "other"):
        rows = {p: r for p, r in results.items() if kind_of(p) == kind}
        if not rows:
            continue
        screens = [r["screens"] for r in rows.values()]
        worst = max(rows, key=lambda p: rows[p]["screens"])
        verdicts = [r["verdict_screen"] for r in rows.values() if r["verdict_screen"]]
        late = {p: r["verdict_screen"] for p, r in rows.items() if (r["verdict_screen"] or 1) > 1}
        lines.append(f"{kind} ({len(rows)} pages): median {statistics.median(screens):.1f} screens, "
                     f"worst {rows[worst]['screens']:.1f} ({worst}); first verdict: "
                     + (f"worst screen {max(verdicts)}" if verdicts else "none on these pages")
                     + (f", after screen 1 on {sorted(late)}" if late and kind in ("conditions", "techniques") else ""))
        refs = max(r["summary_refs"] for r in rows.values())
        small = [p for p, r in rows.items() if r["callout_px"] and r["body_px"] and r["callout_px"] < r["body_px"]]
        clipped = [p for p, r in rows.items() if r["title_clipped"]]
        lines.append(f"    most reference numbers in a summary: {refs}; callout text smaller than body: "
                     f"{len(small)} pages; header title clipped: {len(clipped)} pages")
    return lines


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
        results = asyncio.run(measure_all(base, paths, executable))
    print(f"{'page':55} {'screens':>7} {'verdict':>7} {'refs':>4} {'callout/body px':>15} clipped")
    for path in sorted(results):
        r = results[path]
        size = f"{r['callout_px'] or '-'}/{r['body_px'] or '-'}"
        print(f"{'/' + path:55} {r['screens']:7.1f} {r['verdict_screen'] or '-':>7} {r['summary_refs']:4} "
              f"{size:>15} {'yes' if r['title_clipped'] else 'no'}")
    print()
    print("\n".join(summarise(results)))
    return 0


if __name__ == "__main__":
    sys.exit(main())
