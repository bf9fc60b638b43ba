"""linkchecker, offline, over the whole built site served on loopback."""

import subprocess
import sys
from pathlib import Path

from site_server import serve

LINKCHECKER = Path(sys.executable).parent / "linkchecker"
CONFIG = Path(__file__).resolve().parent.parent / "linkcheckerrc"
# Served with this header, the test server gets no pause between requests (see CONFIG).
UNTHROTTLED = {"LinkChecker": "local test server"}


def run_linkchecker(url: str, *options: str) -> subprocess.CompletedProcess:
    # External links are checked by the weekly workflow, not here: CI has no internet.
    return subprocess.run(
        [str(LINKCHECKER), "--config", str(CONFIG), "--no-status", "--no-warnings", "--threads=4", *options, url],
        capture_output=True, text=True, timeout=900,
    )


def test_no_broken_internal_links_or_images(built_site):
    with serve(built_site, headers=UNTHROTTLED) as base:
        result = run_linkchecker(base)
    assert result.returncode == 0, result.stdout[-6000:] + result.stderr[-2000:]
    assert "0 errors found" in result.stdout


def test_linkchecker_catches_a_dead_link(built_site, tmp_path):
    """The check above can fail: break one link on one page and it must. Only that page and
    the links on it are checked (recursion level 1): the whole-site run above already
    checks every other page, and re-checking them here found nothing new."""
    import shutil
    site = tmp_path / "site"
    shutil.copytree(built_site, site)
    home = site / "index.html"
    home.write_text(home.read_text().replace("</article>", '<a href="conditions/no-such-page/">x</a></article>', 1))
    with serve(site, headers=UNTHROTTLED) as base:
        result = run_linkchecker(base, "--recursion-level=1")
    assert result.returncode == 1
    assert "no-such-page" in result.stdout
    assert "1 error found" in result.stdout, result.stdout[-3000:]
