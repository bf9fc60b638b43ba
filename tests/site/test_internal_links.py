"""Internal links beyond what test_links.py shows: a broken anchor stops the build,
and a missing image is a broken link, each reported with where it is."""

from __future__ import annotations

import shutil

from conftest import FIXTURE_DATA, copy_project, run_build
from site_server import serve
from test_links import UNTHROTTLED, run_linkchecker


def test_a_link_to_a_missing_heading_stops_the_build(tmp_path):
    project = copy_project(tmp_path / "p", data=FIXTURE_DATA)
    index = project / "docs" / "index.md"
    index.write_text(index.read_text() + "\n[Warning signs](conditions/sore-back.md#no-such-heading)\n")
    result = run_build(project)
    output = result.stdout + result.stderr
    assert result.returncode != 0
    assert "index.md" in output and "no-such-heading" in output


def test_a_missing_image_is_reported_with_its_page(built_site, tmp_path):
    site = tmp_path / "site"
    shutil.copytree(built_site, site)
    page = site / "index.html"
    page.write_text(page.read_text().replace("</article>", '<img src="assets/no-such-image.png" alt="x"></article>', 1))
    with serve(site, headers=UNTHROTTLED) as base:  # that page and the links on it, not the whole site again
        result = run_linkchecker(base, "--recursion-level=1")
    assert result.returncode == 1
    assert "no-such-image.png" in result.stdout
    assert f"Parent URL {base}, line" in result.stdout
