"""Load every page of a served site in Chromium and record what a reader's browser sees.

For each page and each of its variants (light and dark scheme, desktop and 375 px
phone): axe-core's WCAG A/AA violations, console errors, requests to other hosts,
Content-Security-Policy violations and cookies; on the first variant also the
page's structure (h1, lang, landmarks, alt text, table headers, urgent callouts).
Each page loads once: the window is then narrowed to 375 px and the colour scheme
switched with Material's own toggle, as a reader would. Two tabs work at once, one
per core.

Which variants: every page is audited in the light scheme on desktop, and one page
of each template (the largest) in all four (`variant_plan`). A page made from a data
file that is audited only so leaves out the colour rules (`colour_checked_elsewhere`):
its colours are its template's, checked on that largest page in all four. In the three
variants after the first, a page's content beyond its first EXTRA_VARIANT_SCREENS screens
is left out (`PageResult.beyond_limit`): only the long lists go so far (the sources, the
editors' data reference, what's new), each entry from one template, and the first variant
checks all of them; the sources page alone took a quarter of the audit's time. With
FULL_AUDIT=1 (`make test-full`, run nightly) every page is audited in all four, colour
rules, every screen and all.

The same load serves other measurements: `audit_site(..., measure=...)` hands each tab, once
audited, to a function whose result is kept (the session measures every page on a phone so).
"""

from __future__ import annotations

import asyncio
import os
import re
import time
from dataclasses import dataclass, field
from pathlib import Path
from urllib.parse import urlsplit

from macros.data.kinds import KINDS
from macros.site.docs_input import written_pages

VIEWPORTS = {"desktop": {"width": 1280, "height": 900}, "phone 375 px": {"width": 375, "height": 740}}
SCHEMES = {"light": "default", "dark": "slate"}  # Material's palette names
VARIANTS = [f"{scheme}, {viewport}" for viewport in VIEWPORTS for scheme in SCHEMES]
STRUCTURE_VARIANT = "light, desktop"
WCAG_TAGS = ["wcag2a", "wcag2aa", "wcag21a", "wcag21aa", "wcag22a", "wcag22aa"]
# A scheme changes colours and nothing else in the page, so in the dark scheme only
# the rules about colour can give a different answer from the light one.
COLOUR_RULES = ["color-contrast", "link-in-text-block"]
PARALLEL_PAGES = 2
FULL_AUDIT = os.environ.get("FULL_AUDIT") == "1"
# The screens of a page's content audited in the variants after the first (none left out nightly).
EXTRA_VARIANT_SCREENS = None if FULL_AUDIT else 20

# Marks the blocks of the page's content that start below `limit` pixels, for axe to leave
# out; returns how many. With no limit, clears the marks.
_MARK_BEYOND = """
(limit) => {
  const content = document.querySelector("article.md-content__inner") || document.querySelector("main");
  let marked = 0;
  for (const el of content ? content.children : []) {
    const beyond = limit !== null && el.getBoundingClientRect().top + window.scrollY > limit;
    if (beyond) { el.setAttribute("data-audit-beyond", ""); marked++; }
    else el.removeAttribute("data-audit-beyond");
  }
  return marked;
}
"""

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
    measured: dict | None = None  # on the first variant: what audit_site's `measure` found on the page
    colour_rules_left_out: bool = False  # see colour_checked_elsewhere
    beyond_limit: int = 0  # blocks of content past EXTRA_VARIANT_SCREENS screens that axe left out


@dataclass
class Audit:
    base_url: str
    paths: list[str]
    variants: list[str]
    results: list[PageResult]
    plan: dict[str, list[str]] = field(default_factory=dict)  # path -> the variants it was audited in
    cookies: dict[str, list] = field(default_factory=dict)
    seconds: float = 0.0

    def measured(self) -> dict[str, dict]:
        """{path: what audit_site's `measure` found on it}, for every page it measured."""
        return {r.path: r.measured for r in self.results if r.measured is not None}

    def where(self, predicate, describe) -> list[str]:
        """One line per page and variant where predicate(result) holds, saying what was found."""
        return [f"{r.variant:20} /{r.path}: {describe(r)}" for r in self.results if predicate(r)]


def html_file(site: Path, path: str) -> Path:
    """The file a site-relative page path is served from."""
    return site / path / "index.html" if path == "" or path.endswith("/") else site / path


def pages_in_sitemap(site: Path) -> list[str]:
    """Site-relative paths of the sitemap's pages, less the ones that only redirect."""
    locs = [urlsplit(loc).path for loc in
            re.findall(r"<loc>([^<]+)</loc>", (site / "sitemap.xml").read_text(encoding="utf-8"))]
    common = os.path.commonprefix(locs)
    prefix = common[: common.rfind("/") + 1]  # the site_url's path, e.g. /guide/
    paths = []
    for loc in locs:
        path = loc.removeprefix(prefix)
        if 'http-equiv="refresh"' not in html_file(site, path).read_text(encoding="utf-8").split("</head>")[0]:
            paths.append(path)
    return paths


# The guide's own prose pages (docs/*.md but the home page, whose layout is its own): one template,
# Markdown in it. The reading limits count the home page with them (phone_reading.kind_of).
PROSE_PAGES = written_pages(Path(__file__).resolve().parents[2] / "docs") - {""}


def template_of(path: str) -> str:
    """Pages one folder down (conditions/sciatica/, conditions/migraine/ ...) share their
    folder's template, the A to Z lists of the kinds with pages (conditions/, techniques/ ...)
    share theirs, and the prose pages (about/, myths/ ...) theirs; every other page (home,
    tools) counts as its own."""
    if path in PROSE_PAGES:
        return "prose pages"
    if path in A_TO_Z_PAGES:
        return "A to Z lists"
    parts = path.strip("/").split("/")
    return f"{parts[0]}/*/" if len(parts) == 2 else path


def variant_plan(paths: list[str], full: bool, size=len) -> dict[str, list[str]]:
    """The variants each page is audited in: all four for every page when `full`; otherwise
    the light desktop variant for every page, and all four for the largest page (by `size`)
    of each template."""
    if full:
        return {path: list(VARIANTS) for path in paths}
    largest: dict[str, str] = {}
    for path in paths:
        template = template_of(path)
        if template not in largest or size(path) > size(largest[template]):
            largest[template] = path
    every = set(largest.values())
    return {path: list(VARIANTS) if path in every else [STRUCTURE_VARIANT] for path in paths}


# The kinds whose data files each make a page one folder down (conditions/sciatica/ ...), from
# the one table of kinds; each kind's A to Z list is made from one template for all of them.
DATA_PAGE_TEMPLATES = frozenset(f"{kind.folder}/*/" for kind in KINDS.values() if kind.has_pages)
A_TO_Z_PAGES = frozenset(f"{kind.folder}/" for kind in KINDS.values() if kind.has_pages)


def colour_checked_elsewhere(plan: dict[str, list[str]]) -> set[str]:
    """The pages whose one audit (light, desktop) may leave out the colour rules: pages made from
    a data file through their kind's template, not audited in all four variants. Data text
    reaches a page escaped, with no colour of its own, so such a page has its template's
    colours, and the largest page of the template is checked for colour in all four variants.
    Pages written in docs/ (which may set a colour inline) are always checked."""
    return {path for path, variants in plan.items()
            if variants == [STRUCTURE_VARIANT] and template_of(path) in DATA_PAGE_TEMPLATES}


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

    def __init__(self, page, origin: str, screens: int | None = EXTRA_VARIANT_SCREENS):
        self.page = page
        self.origin = origin
        self.screens = screens  # see EXTRA_VARIANT_SCREENS
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

    async def _axe(self, result: PageResult, scheme: str, colour: bool = True):
        problem = await self.page.evaluate(_SWITCH_SCHEME, SCHEMES[scheme])
        if problem:
            result.error = problem
            return
        rules = {"type": "tag", "values": WCAG_TAGS} if scheme == "light" else {"type": "rule", "values": COLOUR_RULES}
        options = {"runOnly": rules, "resultTypes": ["violations"]}
        if not colour:
            options["rules"] = {rule: {"enabled": False} for rule in COLOUR_RULES}
            result.colour_rules_left_out = True
        context = None  # the whole document
        if result.variant != STRUCTURE_VARIANT and self.screens is not None:
            height = self.page.viewport_size["height"]
            result.beyond_limit = await self.page.evaluate(_MARK_BEYOND, self.screens * height)
            if result.beyond_limit:
                context = {"include": [["html"]], "exclude": [["[data-audit-beyond]"]]}
        found = await self.page.evaluate("([context, options]) => axe.run(context || document, options)",
                                         [context, options])
        if result.beyond_limit:
            await self.page.evaluate(_MARK_BEYOND, None)
        result.violations = [_summarise(v) for v in found["violations"]]

    async def audit(self, base_url: str, path: str, axe_script: str, variants: list[str],
                    measure=None, colour: bool = True) -> list[PageResult]:
        """Load one page, then audit it at each width and in each colour scheme of `variants`
        (which always include the first, light on desktop); then, with `measure`, hand it the tab
        (an async function of the page) and keep what it returns on the first variant."""
        results = {variant: PageResult(path, variant) for variant in VARIANTS}
        first = results[STRUCTURE_VARIANT]
        self.result = first  # what happens while loading is charged to the first variant
        try:
            await self.page.set_viewport_size(VIEWPORTS["desktop"])
            response = await self.page.goto(base_url + path, wait_until="load")
            if response is None or response.status != 200:
                first.error = f"HTTP {response.status if response else 'no response'}"
            await self.page.evaluate(axe_script)
        except Exception as exc:
            first.error = f"{type(exc).__name__}: {exc}".splitlines()[0]
        # Light, dark; then narrow the window and go back: dark, light. Each switch is one toggle.
        order = [("desktop", "light"), ("desktop", "dark"), ("phone 375 px", "dark"), ("phone 375 px", "light")]
        for viewport, scheme in order:
            if f"{scheme}, {viewport}" not in variants:
                continue
            result = results[f"{scheme}, {viewport}"]
            if first.error:
                result.error = result.error or f"not audited: {first.error}"
                continue
            self.result = result
            try:
                if viewport != "desktop" and self.page.viewport_size != VIEWPORTS[viewport]:
                    await self.page.set_viewport_size(VIEWPORTS[viewport])
                await self._axe(result, scheme, colour)
                if result.variant == STRUCTURE_VARIANT:
                    result.structure = await self.page.evaluate(_STRUCTURE)
                result.csp_violations = await self.page.evaluate("window.__cspViolations.splice(0)")
            except Exception as exc:  # a page that cannot be audited is a failure, reported with the rest
                result.error = f"{type(exc).__name__}: {exc}".splitlines()[0]
        if measure is not None and not first.error:
            self.result = first
            try:
                first.measured = await measure(self.page)
            except Exception as exc:
                first.error = f"measuring: {type(exc).__name__}: {exc}".splitlines()[0]
        self.result = None
        return [results[v] for v in VARIANTS if v in variants]


async def audit_site(browser, base_url: str, paths: list[str], parallel: int = PARALLEL_PAGES,
                     plan: dict[str, list[str]] | None = None, size=None, measure=None,
                     without_colour: set[str] = frozenset(),
                     screens: int | None = EXTRA_VARIANT_SCREENS) -> Audit:
    """Audit each page in the variants `plan` gives it (by default, all four). With `size`
    (path -> bytes), the costliest pages (size times variants) start first, so that no tab is
    left with one long page at the end while the other waits. With `measure`, an async function
    of the tab, also measure each page once it is audited (Audit.measured), so a page is loaded
    once for both. The pages in `without_colour` are audited without the colour rules
    (colour_checked_elsewhere). In the variants after the first, content past `screens` screens
    is left out (EXTRA_VARIANT_SCREENS; None leaves nothing out)."""
    from axe_playwright_python.base import AXE_SCRIPT

    plan = plan or {path: list(VARIANTS) for path in paths}
    if any(STRUCTURE_VARIANT not in plan[path] for path in paths):
        raise ValueError(f"every page is audited in the {STRUCTURE_VARIANT} variant at least")

    started = time.perf_counter()
    # One context per tab, so a scheme one tab stores in localStorage never greets the other.
    contexts = [await browser.new_context(viewport=VIEWPORTS["desktop"], color_scheme="light")
                for _ in range(parallel)]
    for context in contexts:
        await context.add_init_script(RECORD_CSP_VIOLATIONS)
    probes = [_Probe(await context.new_page(), base_url.rstrip("/"), screens) for context in contexts]
    jobs: asyncio.Queue = asyncio.Queue()
    for path in sorted(paths, key=lambda p: -size(p) * len(plan[p])) if size else paths:
        jobs.put_nowait(path)
    results: list[PageResult] = []

    async def worker(probe: _Probe):
        while not jobs.empty():
            path = jobs.get_nowait()
            results.extend(await probe.audit(base_url, path, AXE_SCRIPT, plan[path], measure,
                                             colour=path not in without_colour))

    await asyncio.gather(*(worker(probe) for probe in probes))
    cookies = {f"tab {n + 1}": await context.cookies() for n, context in enumerate(contexts)}
    for context in contexts:
        await context.close()
    order = {(p, v): i for i, (p, v) in enumerate((p, v) for p in paths for v in VARIANTS)}
    results.sort(key=lambda r: order[(r.path, r.variant)])
    return Audit(base_url, paths, list(VARIANTS), results, plan, cookies, time.perf_counter() - started)
