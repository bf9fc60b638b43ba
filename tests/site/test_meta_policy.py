"""Every built page carries the site's Content-Security-Policy in a <meta> tag (for hosts
such as GitHub Pages that send no headers); `mkdocs serve` pages do not, so its
live-reload script still runs."""

from __future__ import annotations

import os
import socket
import subprocess
import time
import urllib.request

from bs4 import BeautifulSoup

from conftest import FIXTURE_DATA, MKDOCS, copy_project

# Browsers ignore these in a <meta> policy (CSP3, "delivery via meta element").
_HEADER_ONLY = {"frame-ancestors", "report-uri", "sandbox"}


def header_policy(site) -> str:
    for line in (site / "_headers").read_text(encoding="utf-8").splitlines():
        if line.strip().startswith("Content-Security-Policy:"):
            return line.split(":", 1)[1].strip()
    raise AssertionError("no Content-Security-Policy in _headers")


def _is_policy(http_equiv) -> bool:
    return bool(http_equiv) and http_equiv.lower() == "content-security-policy"


def meta_policies(html: str) -> list:
    return BeautifulSoup(html, "lxml").find_all("meta", attrs={"http-equiv": _is_policy})


def test_every_page_carries_the_header_policy_less_what_only_a_header_can_carry(built_site, built_pages):
    header = [d.strip() for d in header_policy(built_site).split(";")]
    expected = "; ".join(d for d in header if d.split()[0] not in _HEADER_ONLY)
    assert "frame-ancestors" in header_policy(built_site) and "frame-ancestors" not in expected
    wrong = []
    pages = sorted(built_site.rglob("*.html"))
    assert len(pages) > 20
    for html in pages:
        page = html.relative_to(built_site).as_posix()
        found = built_pages.soup(page).find_all("meta", attrs={"http-equiv": _is_policy})
        if len(found) != 1:
            wrong.append(f"{page}: {len(found)} <meta> policies")
        elif found[0]["content"] != expected:
            wrong.append(f"{page}: <meta> policy is {found[0]['content'][:80]}...")
    assert not wrong, "pages without the site's policy in a <meta> tag:\n" + "\n".join(wrong[:20])


def test_the_meta_policy_comes_before_anything_it_must_cover(built_site):
    """A <meta> policy covers only what follows it: it must come before every script and stylesheet."""
    late = []
    for html in [built_site / "index.html", built_site / "404.html", *sorted(built_site.glob("conditions/*/index.html"))[:3]]:
        tags = BeautifulSoup(html.read_text(encoding="utf-8"), "lxml").head.find_all(True)
        policy_at = next(i for i, t in enumerate(tags) if t.get("http-equiv", "").lower() == "content-security-policy")
        if any(t.name in ("script", "link", "style") for t in tags[:policy_at]):
            late.append(html.relative_to(built_site).as_posix())
    assert not late, f"the <meta> policy comes after a script or stylesheet on: {late}"


def _free_port() -> int:
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        return s.getsockname()[1]


def _fetch(url: str, deadline: float) -> str:
    while True:
        try:
            with urllib.request.urlopen(url, timeout=5) as response:
                return response.read().decode("utf-8")
        except OSError:
            if time.monotonic() > deadline:
                raise
            time.sleep(0.3)


def test_serve_pages_have_no_meta_policy_so_live_reload_runs(tmp_path):
    project = copy_project(tmp_path / "p", data=FIXTURE_DATA)
    port = _free_port()
    env = dict(os.environ, NO_MKDOCS_2_WARNING="1", DISABLE_MKDOCS_2_WARNING="true", PYTHONDONTWRITEBYTECODE="1")
    server = subprocess.Popen([str(MKDOCS), "serve", "--strict", "--dev-addr", f"127.0.0.1:{port}"],
                              cwd=project, env=env, stdout=subprocess.DEVNULL, stderr=subprocess.PIPE, text=True)
    try:
        base = f"http://127.0.0.1:{port}/guide/"
        first = _fetch(base, time.monotonic() + 90)
        assert "livereload(" in first, "mkdocs serve no longer injects its live-reload script"
        assert meta_policies(first) == [], "a <meta> policy in serve would block the live-reload script"
        (project / "docs" / "index.md").write_text("# Test site, edited\n\n[Conditions](conditions/index.md)\n")
        deadline = time.monotonic() + 60
        while "edited" not in (page := _fetch(base, deadline)) and time.monotonic() < deadline:
            time.sleep(0.5)
        assert "edited" in page, "serve did not rebuild after an edit"
        assert meta_policies(page) == [], "after a rebuild, serve pages carry a <meta> policy"
    finally:
        server.terminate()
        server.wait(timeout=20)
