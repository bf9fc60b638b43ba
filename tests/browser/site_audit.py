"""Load every page of a served site in Chromium and record what a reader's browser sees.

For each page and each variant (light and dark scheme, desktop and 375 px phone):
axe-core's WCAG A/AA violations, console errors, requests to other hosts,
Content-Security-Policy violations and cookies; on the first variant also the
page's structure (h1, lang, landmarks, alt text, table headers, urgent callouts).
Pages load two at a time: the 2-core machine audits both in parallel.
"""

from __future__ import annotations

import asyncio
import re
import time
from dataclasses import dataclass, field
from pathlib import Path
from urllib.parse import urlsplit

VIEWPORTS = {
    "desktop": {"color_scheme": "light", "viewport": {"width": 1280, "height": 900}},
    "phone 375 px": {"color_scheme": "light", "viewport": {"width": 375, "height": 740},
                     "is_mobile": True, "has_touch": True, "device_scale_factor": 2},
}
SCHEMES = {"light": "default", "dark": "slate"}  # Material's palette names
VARIANTS = [f"{scheme}, {viewport}" for viewport in VIEWPORTS for scheme in SCHEMES]
STRUCTURE_VARIANT = "light, desktop"
WCAG_TAGS = ["wcag2a", "wcag2aa", "wcag21a", "wcag21aa", "wcag22a", "wcag22aa"]
# A scheme changes colours and nothing else in the page, so in the dark scheme only
# the rules about colour can give a different answer from the light one.
COLOUR_RULES = ["color-contrast", "link-in-text-block"]
PARALLEL_PAGES = 2

# Runs before any of the page's own scripts, in every document.
RECORD_CSP_VIOLATIONS = """
window.__cspViolations = [];
document.addEventListener("securitypolicyviolation", (e) => {
  window.__cspViolations.push(`${e.effectiveDirective} blocked ${e.blockedURI || "inline code"}`
    + ` at ${e.sourceFile || "?"}:${e.lineNumber}`);
});
"""

# Switch Material's palette as its toggle does, then let colour transitions finish
# so that axe reads the colours a reader sees.
_SWITCH_SCHEME = """
async (target) => {
  const input = [...document.querySelectorAll('input[name="__palette"]')]
    .find((i) => i.getAttribute("data-md-color-scheme") === target);
  if (!input) return `the page has no palette toggle for the ${target} scheme`;
  if (document.body.getAttribute("data-md-color-scheme") !== target) input.click();
  await new Promise((done) => requestAnimationFrame(() => requestAnimationFrame(done)));
  for (const animation of document.getAnimations()) { try { animation.finish(); } catch (e) {} }
  const now = document.body.getAttribute("data-md-color-scheme");
  return now === target ? "" : `the palette toggle did not switch to ${target} (still ${now})`;
}
"""

# The page's structure as assistive technology meets it.
_STRUCTURE = """
() => {
  const shown = (el) => !!(el.offsetWidth || el.offsetHeight || el.getClientRects().length);
  const name = (el) => {
    const ids = (el.getAttribute("aria-labelledby") || "").split(/\\s+/).filter(Boolean);
    const byId = ids.map((id) => (document.getElementById(id) || {}).textContent || "").join(" ");
    return (el.getAttribute("aria-label") || byId || "").trim();
  };
  const describe = (el) => el.outerHTML.slice(0, 120);
  const topLevel = (el) => !el.parentElement.closest("article, aside, main, nav, section");
  const skip = document.querySelector("a.md-skip");
  const skipTarget = skip && document.getElementById(decodeURIComponent(skip.hash.slice(1)));
  return {
    lang: document.documentElement.getAttribute("lang") || "",
    title: document.title,
    h1: [...document.querySelectorAll("h1")].filter(shown).map((h) => h.textContent.trim()),
    main: document.querySelectorAll("main, [role=main]").length,
    banner: [...document.querySelectorAll("header, [role=banner]")].filter(topLevel).length,
    contentinfo: [...document.querySelectorAll("footer, [role=contentinfo]")].filter(topLevel).length,
    unnamed_nav: [...document.querySelectorAll("nav")].filter((n) => !n.parentElement.closest("nav") && !name(n))
      .map(describe),
    images_without_alt: [...document.querySelectorAll("img")].filter((i) => !i.hasAttribute("alt")).map(describe),
    svg_images_without_name: [...document.querySelectorAll("svg[role=img], [role=img]")]
      .filter((s) => !name(s) && !(s.querySelector("title") || {}).textContent).map(describe),
    tables_without_headers: [...document.querySelectorAll("article table")]
      .filter((t) => !t.querySelector("th")).map(describe),
    urgent_callouts: [...document.querySelectorAll("div.admonition.danger")].map((d) => ({
      role: d.getAttribute("role") || "", name: name(d), html: describe(d) })),
    skip_link: skip ? { href: skip.getAttribute("href"), target_exists: !!skipTarget } : null,
    cookie: document.cookie,
  };
}
"""


@dataclass
class PageResult:
    path: str
    variant: str
    violations: list[dict] = field(default_factory=list)
    console_errors: list[str] = field(default_factory=list)
    foreign_requests: list[str] = field(default_factory=list)
    csp_violations: list[str] = field(default_factory=list)
    structure: dict | None = None
    error: str | None = None


@dataclass
class Audit:
    base_url: str
    paths: list[str]
    variants: list[str]
    results: list[PageResult]
    cookies: dict[str, list] = field(default_factory=dict)
    seconds: float = 0.0

    def where(self, predicate, describe) -> list[str]:
        """One line per page and variant where predicate(result) holds, saying what was found."""
        return [f"{r.variant:20} /{r.path}: {describe(r)}" for r in self.results if predicate(r)]


def pages_in_sitemap(site: Path) -> list[str]:
    """Site-relative paths of the sitemap's pages, less the ones that only redirect."""
    locs = re.findall(r"<loc>([^<]+)</loc>", (site / "sitemap.xml").read_text(encoding="utf-8"))
    prefix = urlsplit(locs[0]).path if locs else "/"  # the site_url's path: the home page comes first
    paths = []
    for loc in locs:
        path = urlsplit(loc).path.removeprefix(prefix)
        html = site / path / "index.html" if path == "" or path.endswith("/") else site / path
        if 'http-equiv="refresh"' not in html.read_text(encoding="utf-8")[:4000]:
            paths.append(path)
    return paths


def headers_from_file(path: Path) -> dict[str, str]:
    """The headers a `_headers` file sets for every path (`/*`)."""
    headers, applies = {}, False
    for line in path.read_text(encoding="utf-8").splitlines():
        if line and not line[0].isspace():
            applies = line.strip() == "/*"
        elif applies and ":" in line:
            name, value = line.strip().split(":", 1)
            headers[name.strip()] = value.strip()
    return headers


def _summarise(violation: dict) -> dict:
    nodes = []
    for node in violation["nodes"]:
        messages = [m["message"] for m in node.get("any", []) + node.get("all", []) + node.get("none", [])]
        nodes.append({"target": " ".join(str(t) for t in node["target"]), "message": "; ".join(messages)[:300]})
    return {"id": violation["id"], "impact": violation.get("impact"), "help": violation["help"], "nodes": nodes}


def format_violations(result: PageResult, limit: int = 4) -> str:
    lines = []
    for v in result.violations:
        lines.append(f"{v['id']} ({v['impact']}): {v['help']}, {len(v['nodes'])} element(s)")
        for node in v["nodes"][:limit]:
            lines.append(f"      at {node['target']}: {node['message']}")
    return "\n    ".join(lines)


class _Probe:
    """One reusable browser tab that records what happens while a page loads."""

    def __init__(self, page, origin: str):
        self.page = page
        self.origin = origin
        self.result: PageResult | None = None
        page.on("console", self._on_console)
        page.on("pageerror", lambda exc: self._note("console_errors", f"uncaught: {exc}"))
        page.on("request", self._on_request)

    def _note(self, kind: str, text: str):
        if self.result is not None:
            getattr(self.result, kind).append(text)

    def _on_console(self, message):
        if message.type == "error":
            location = message.location or {}
            self._note("console_errors", f"{message.text} ({location.get('url', '?')}:{location.get('lineNumber', '?')})")

    def _on_request(self, request):
        url = request.url
        if not (url.startswith(self.origin) or url.startswith(("data:", "blob:", "about:"))):
            self._note("foreign_requests", url)

    async def audit(self, base_url: str, path: str, viewport: str, axe_script: str) -> list[PageResult]:
        """Load one page, then audit it in each colour scheme, switched as a reader does."""
        results = []
        self.result = loading = PageResult(path, f"light, {viewport}")
        try:
            response = await self.page.goto(base_url + path, wait_until="load")
            if response is None or response.status != 200:
                loading.error = f"HTTP {response.status if response else 'no response'}"
            await self.page.evaluate(axe_script)
        except Exception as exc:
            loading.error = f"{type(exc).__name__}: {exc}".splitlines()[0]
        for scheme in SCHEMES:
            result = loading if scheme == "light" else PageResult(path, f"{scheme}, {viewport}")
            self.result = result
            results.append(result)
            if loading.error:
                result.error = result.error or f"not audited: {loading.error}"
                continue
            try:
                problem = await self.page.evaluate(_SWITCH_SCHEME, SCHEMES[scheme])
                if problem:
                    result.error = problem
                    continue
                rules = {"type": "tag", "values": WCAG_TAGS} if scheme == "light" else {"type": "rule", "values": COLOUR_RULES}
                found = await self.page.evaluate("(options) => axe.run(document, options)",
                                                 {"runOnly": rules, "resultTypes": ["violations"]})
                result.violations = [_summarise(v) for v in found["violations"]]
                if result.variant == STRUCTURE_VARIANT:
                    result.structure = await self.page.evaluate(_STRUCTURE)
                result.csp_violations = await self.page.evaluate("window.__cspViolations.splice(0)")
            except Exception as exc:  # a page that cannot be audited is a failure, reported with the rest
                result.error = f"{type(exc).__name__}: {exc}".splitlines()[0]
        await self.page.evaluate(_SWITCH_SCHEME, SCHEMES["light"])  # the next page starts light
        self.result = None
        return results


async def audit_site(browser, base_url: str, paths: list[str], parallel: int = PARALLEL_PAGES) -> Audit:
    from axe_playwright_python.base import AXE_SCRIPT

    started = time.perf_counter()
    origin = base_url.rstrip("/")
    contexts, probes = {}, {}
    for viewport, options in VIEWPORTS.items():
        context = await browser.new_context(**options)
        await context.add_init_script(RECORD_CSP_VIOLATIONS)
        contexts[viewport] = context
        probes[viewport] = [_Probe(await context.new_page(), origin) for _ in range(parallel)]
    jobs: asyncio.Queue = asyncio.Queue()
    for path in paths:
        for viewport in VIEWPORTS:
            jobs.put_nowait((path, viewport))
    results: list[PageResult] = []

    async def worker(slot: int):
        while not jobs.empty():
            path, viewport = jobs.get_nowait()
            results.extend(await probes[viewport][slot].audit(base_url, path, viewport, AXE_SCRIPT))

    await asyncio.gather(*(worker(slot) for slot in range(parallel)))
    cookies = {viewport: await context.cookies() for viewport, context in contexts.items()}
    for context in contexts.values():
        await context.close()
    order = {(p, v): i for i, (p, v) in enumerate((p, v) for p in paths for v in VARIANTS)}
    results.sort(key=lambda r: order[(r.path, r.variant)])
    return Audit(base_url, paths, list(VARIANTS), results, cookies, time.perf_counter() - started)
