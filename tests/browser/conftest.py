"""One Chromium for the whole session, and one audit of every page, shared by the tests.

Chromium is Debian's (`apt-get install chromium`; `make test` installs it). Where it
is missing, the browser tests are skipped with a loud banner; under CI=true they fail.
"""

from __future__ import annotations

import asyncio
import os
import shutil
import time

import pytest

from site_server import serve

from .phone_reading import measure_finder, measure_page
from .site_audit import (FULL_AUDIT, audit_site, colour_checked_elsewhere, headers_from_file, html_file,
                         pages_in_sitemap, variant_plan)

LAUNCH_ARGS = [
    "--headless", "--no-sandbox", "--disable-gpu", "--no-first-run",
    "--disable-background-networking", "--disable-component-update", "--disable-sync",
]
_why_skipped: list[str] = []
_timings: dict[str, float] = {}


def chromium_path() -> str | None:
    return shutil.which("chromium") or shutil.which("chromium-browser")


class BrowserSession:
    """Playwright's async API on one event loop, so one browser can audit pages in parallel."""

    def __init__(self, executable: str):
        from playwright.async_api import async_playwright

        self.loop = asyncio.new_event_loop()
        self._manager = async_playwright()
        self.playwright = self.run(self._manager.start())
        self.browser = self.run(self.playwright.chromium.launch(executable_path=executable, args=LAUNCH_ARGS))

    def run(self, coroutine):
        return self.loop.run_until_complete(coroutine)

    def close(self):
        self.run(self.browser.close())
        self.run(self.playwright.stop())
        self.loop.close()


@pytest.fixture(scope="session")
def browser_session():
    started = time.perf_counter()
    executable = chromium_path()
    problem = None
    if executable is None:
        problem = "Chromium is not installed (Debian: apt-get install chromium; `make test` does it as root)"
    else:
        try:
            import axe_playwright_python  # noqa: F401
            import playwright  # noqa: F401
        except ImportError as exc:
            problem = f"Playwright is not installed ({exc}); run `make install`"
    if problem:
        if os.environ.get("CI") == "true":
            pytest.fail(f"{problem}: in CI the browser tests must run")
        _why_skipped.append(problem)
        pytest.skip(f"BROWSER TESTS DID NOT RUN: {problem}")
    session = BrowserSession(executable)
    yield session
    session.close()
    _timings["browser suite (first browser fixture to last browser test)"] = time.perf_counter() - started


@pytest.fixture(scope="session")
def served_site(built_site):
    """The built site on loopback, sent with the headers its own `_headers` file sets."""
    headers = headers_from_file(built_site / "_headers")
    with serve(built_site, headers=headers) as base:
        yield base


@pytest.fixture(scope="session")
def site_audit(browser_session, served_site, built_site):
    """Every page in the sitemap audited once: in the light scheme on desktop, and one page of
    each template in every colour scheme and viewport; with FULL_AUDIT=1, every page in all four.
    A page made from a data file and audited once leaves out the colour rules, checked on its
    template's largest page in all four (site_audit.colour_checked_elsewhere); nightly, no page does.
    Each page is also measured on a phone as it stands loaded (phone_reading.measure_page)."""
    started = time.perf_counter()
    paths = pages_in_sitemap(built_site)
    size = lambda path: html_file(built_site, path).stat().st_size  # noqa: E731
    plan = variant_plan(paths, full=FULL_AUDIT, size=size)
    audit = browser_session.run(audit_site(browser_session.browser, served_site, paths, plan=plan, size=size,
                                           measure=measure_page, without_colour=colour_checked_elsewhere(plan)))
    full = sum(len(v) == len(audit.variants) for v in plan.values())
    _timings[f"site audit and phone reading ({len(paths)} pages; {full} of them in all {len(audit.variants)} variants, "
             f"{len(audit.results)} page audits)"] = time.perf_counter() - started
    return audit


@pytest.fixture(scope="session")
def phone_readings(site_audit) -> dict[str, dict]:
    """Every page of the sitemap as it reads on a phone (375 x 812): measured once, in the audit's load."""
    return site_audit.measured()


@pytest.fixture(scope="session")
def finder_readings(browser_session, served_site) -> dict:
    """The finder without JavaScript, and its results after each choice alone, on a phone."""
    started = time.perf_counter()
    found = browser_session.run(measure_finder(browser_session.browser, served_site))
    _timings[f"finder on a phone (without JavaScript, and {len(found['choices'])} choices)"] = \
        time.perf_counter() - started
    return found


def pytest_terminal_summary(terminalreporter):
    if _why_skipped:
        bar = "!" * 78
        terminalreporter.write_line(bar, red=True, bold=True)
        terminalreporter.write_line(f"BROWSER TESTS DID NOT RUN: {_why_skipped[0]}", red=True, bold=True)
        terminalreporter.write_line("Accessibility, privacy and CSP were NOT checked in a browser.", red=True, bold=True)
        terminalreporter.write_line(bar, red=True, bold=True)
    for what, seconds in _timings.items():
        terminalreporter.write_line(f"browser timing: {what}: {seconds:.1f} s "
                                    f"(machine load average now {os.getloadavg()[0]:.1f} on {os.cpu_count()} cores)")
