"""Structure and keyboard: what screen-reader and keyboard users rely on, on every page."""

from __future__ import annotations

import re

import pytest

KEYBOARD_SAMPLE = [r"^$", r"^conditions/[^/]+/$", r"^techniques/[^/]+/$", r"^benefits/[^/]+/$",
                   r"^cautions/[^/]+/$", r"^conditions/$", r"^sources/$", r"^checklist/$"]
TAB_STOPS = 25


def structure_problems(s: dict) -> list[str]:
    problems = []
    if not s["lang"]:
        problems.append("<html> has no lang")
    if len(s["h1"]) != 1:
        problems.append(f"{len(s['h1'])} visible h1 elements {s['h1']} (want exactly one)")
    if s["main"] != 1:
        problems.append(f"{s['main']} main landmarks (want one)")
    if s["banner"] < 1:
        problems.append("no banner landmark (page header)")
    if s["contentinfo"] < 1:
        problems.append("no contentinfo landmark (page footer)")
    problems += [f"navigation without a name: {n}" for n in s["unnamed_nav"]]
    problems += [f"image without alt text: {i}" for i in s["images_without_alt"]]
    problems += [f"role=img without a name: {i}" for i in s["svg_images_without_name"]]
    problems += [f"table without header cells: {t}" for t in s["tables_without_headers"]]
    for callout in s["urgent_callouts"]:
        if callout["role"] not in ("region", "alert", "note") or not callout["name"]:
            problems.append(f"urgent callout not announced (role={callout['role']!r}, name={callout['name']!r}): "
                            f"{callout['html']}")
    if not s["skip_link"]:
        problems.append("no skip link")
    elif not s["skip_link"]["target_exists"]:
        problems.append(f"skip link {s['skip_link']['href']} points at nothing")
    return problems


def test_every_page_has_the_structure_assistive_technology_needs(site_audit):
    audited = [r for r in site_audit.results if r.structure is not None]
    assert len(audited) == len(site_audit.paths)
    report = [f"/{r.path}: {problem}" for r in audited for problem in structure_problems(r.structure)]
    if report:
        pytest.fail("Pages missing structure that screen readers and keyboards need:\n" + "\n".join(report),
                    pytrace=False)


def test_urgent_callouts_were_checked(site_audit):
    """The check above must have met at least one urgent callout, or it proved nothing about them."""
    on_conditions = [c for r in site_audit.results if r.structure and r.path.startswith("conditions/")
                     for c in r.structure["urgent_callouts"]]
    assert on_conditions, "no condition page has an urgent callout (div.admonition.danger)"
    assert all(c["name"].startswith("Emergency:") for c in on_conditions), on_conditions


def keyboard_sample(paths: list[str]) -> list[str]:
    picked = []
    for pattern in KEYBOARD_SAMPLE:
        match = next((p for p in paths if re.match(pattern, p)), None)
        if match is not None:
            picked.append(match)
    return picked


_FOCUSED = """
() => {
  for (const animation of document.getAnimations()) { try { animation.finish(); } catch (e) {} }
  const el = document.activeElement;
  if (!el || el === document.body) return null;
  // A visually hidden input (Material's palette switch) shows its focus on the label after it.
  const hidden = getComputedStyle(el).opacity === "0" || el.offsetWidth === 0;
  const next = el.nextElementSibling;
  const shown = !hidden ? el : next && next.tagName === "LABEL" ? next : (el.labels && el.labels[0]) || el;
  const style = getComputedStyle(shown);
  const box = shown.getBoundingClientRect();
  return {
    html: el.outerHTML.slice(0, 100),
    skip: el.classList.contains("md-skip"),
    outline: `${style.outlineStyle} ${style.outlineWidth} ${style.outlineColor}`,
    ring: style.outlineStyle !== "none" && parseFloat(style.outlineWidth) >= 2,
    on_screen: box.width > 0 && box.height > 0 && box.bottom > 0 && box.right > 0
      && box.top < innerHeight && box.left < innerWidth && parseFloat(style.opacity) > 0,
  };
}
"""

_AFTER_SKIP = """
(targetId) => {
  const target = document.getElementById(targetId);
  const el = document.activeElement;
  if (!target || !el || el === document.body) return "focus is nowhere";
  if (el.closest(".md-header, .md-sidebar--primary, .md-tabs")) return `focus is still in the navigation: ${el.outerHTML.slice(0, 80)}`;
  const after = target.compareDocumentPosition(el) & Node.DOCUMENT_POSITION_FOLLOWING;
  return after ? "" : `focus went before the main content: ${el.outerHTML.slice(0, 80)}`;
}
"""


async def keyboard_problems(browser, base_url: str, path: str) -> list[str]:
    context = await browser.new_context(viewport={"width": 1280, "height": 900})
    page = await context.new_page()
    problems = []
    try:
        await page.goto(base_url + path)
        await page.keyboard.press("Tab")
        first = await page.evaluate(_FOCUSED)
        if not first or not first["skip"]:
            problems.append(f"the first Tab does not reach the skip link (it reached {first and first['html']})")
        else:
            if not first["on_screen"]:
                problems.append("the skip link is focused but not visible")
            href = await page.evaluate("document.activeElement.getAttribute('href')")
            await page.keyboard.press("Enter")
            await page.keyboard.press("Tab")
            where = await page.evaluate(_AFTER_SKIP, href.lstrip("#"))
            if where:
                problems.append(f"after the skip link, {where}")
        await page.goto(base_url + path)
        for stop in range(1, TAB_STOPS + 1):
            await page.keyboard.press("Tab")
            focused = await page.evaluate(_FOCUSED)
            if focused is None:
                break
            if not focused["ring"] or not focused["on_screen"]:
                problems.append(f"Tab stop {stop} has no visible focus ring ({focused['outline']}, "
                                f"on screen: {focused['on_screen']}): {focused['html']}")
    finally:
        await context.close()
    return problems


def test_skip_link_and_visible_focus(browser_session, served_site, site_audit):
    sample = keyboard_sample(site_audit.paths)
    assert len(sample) >= 4, f"too few kinds of page to test the keyboard on: {sample}"
    report = []
    for path in sample:
        problems = browser_session.run(keyboard_problems(browser_session.browser, served_site, path))
        report += [f"/{path}: {p}" for p in problems]
    if report:
        pytest.fail("Keyboard problems:\n" + "\n".join(report), pytrace=False)
