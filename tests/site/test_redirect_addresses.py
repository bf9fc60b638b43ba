"""data/redirects.yml may not take an address a page owns, and its redirects are pages
the build generates: the same mechanism as the diagnosis-code pages, no plugin."""

from __future__ import annotations

import json

import pytest
import yaml

from conftest import ROOT, copy_project, errors_for, run_build


@pytest.mark.parametrize("old", ["conditions/index", "techniques/index", "benefits/index", "cautions/index"])
def test_a_kinds_a_to_z_page_cannot_be_redirected(fixture_data, old):
    (fixture_data / "redirects.yml").write_text(f"# renamed pages\n{old}: conditions/sore-back\n")
    [error] = errors_for(fixture_data)
    assert error.startswith(f"data/redirects.yml:2: {old}: ")
    assert "A to Z page" in error


def test_a_page_in_docs_cannot_be_redirected(tmp_path, fixture_data):
    (fixture_data / "redirects.yml").write_text("# renamed pages\n\nconditions/old-name: conditions/sore-back\n")
    project = copy_project(tmp_path / "p", data=fixture_data)
    (project / "docs" / "conditions").mkdir(exist_ok=True)
    (project / "docs" / "conditions" / "old-name.md").write_text("# A page of its own\n")
    result = run_build(project)
    output = result.stdout + result.stderr
    assert result.returncode != 0
    assert "data/redirects.yml:3: conditions/old-name: 'conditions/old-name' is the address of a page" in output
    assert "Traceback" not in output


def test_a_redirect_is_a_generated_page_under_the_sites_policy(tmp_path, fixture_data):
    from test_page_redirects import rename_sore_back

    rename_sore_back(fixture_data)
    (fixture_data / "redirects.yml").write_text("conditions/sore-back: conditions/back-ache\n")
    project = copy_project(tmp_path / "p", data=fixture_data)
    result = run_build(project)
    assert result.returncode == 0, result.stderr[-3000:]
    site = project / "site"
    old = (site / "conditions" / "sore-back" / "index.html").read_text(encoding="utf-8")
    assert '<meta http-equiv="refresh" content="0; url=../back-ache/">' in old
    assert '<meta name="robots" content="noindex">' in old
    assert 'http-equiv="Content-Security-Policy"' in old
    assert '<a href="../back-ache/">Go to the new page</a>' in old
    assert "conditions/sore-back/" not in (site / "sitemap.xml").read_text()
    assert "conditions/back-ache/" in (site / "sitemap.xml").read_text()
    index = json.loads((site / "search" / "reader_index.json").read_text())
    assert not [d for d in index["docs"] if d["location"].startswith("conditions/sore-back/")]
    assert [d for d in index["docs"] if d["location"] == "conditions/back-ache/"]


def test_one_redirect_mechanism_and_no_plugin_patched():
    config = (ROOT / "mkdocs.yml").read_text()
    plugins = yaml.load(config[config.index("plugins:"):config.index("\nwatch:")], Loader=yaml.SafeLoader)["plugins"]
    names = [p if isinstance(p, str) else next(iter(p)) for p in plugins]
    assert "redirects" not in names
    for module in (ROOT / "macros").rglob("*.py"):
        assert "mkdocs_redirects" not in module.read_text(encoding="utf-8"), module
