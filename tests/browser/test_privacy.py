"""Reading a page tells no one else: no requests to other hosts, no cookies, no errors."""

from __future__ import annotations

import pytest


def fail_with(lines: list[str], headline: str):
    if lines:
        pytest.fail(headline + "\n" + "\n".join(lines[:60]), pytrace=False)


def test_no_request_leaves_the_site(site_audit):
    """No fonts, CDNs, analytics or GitHub API: every request goes to the site itself."""
    fail_with(
        site_audit.where(lambda r: r.foreign_requests, lambda r: "requested " + ", ".join(sorted(set(r.foreign_requests)))),
        "Pages made requests to other hosts (readers' health topics would leak to them):",
    )


def test_no_cookies(site_audit):
    fail_with(
        [f"{viewport}: {cookie['name']} for {cookie['domain']}" for viewport, cookies in site_audit.cookies.items()
         for cookie in cookies]
        + site_audit.where(lambda r: r.structure and r.structure["cookie"], lambda r: "document.cookie = "
                           + r.structure["cookie"]),
        "The site set cookies:",
    )


def test_no_console_errors(site_audit):
    fail_with(
        site_audit.where(lambda r: r.console_errors, lambda r: " | ".join(r.console_errors)),
        "Pages logged errors in the browser console:",
    )


def test_referrer_policy_on_every_page(site_audit, built_site):
    missing = [path for path in site_audit.paths
               if '<meta name="referrer" content="same-origin">' not in (built_site / path / "index.html").read_text()]
    assert not missing, f"pages without <meta name=\"referrer\" content=\"same-origin\">: {missing}"
