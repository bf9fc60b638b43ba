"""`make markdown` writes the whole docs tree: as plain Markdown, every macro call made, a
build of that folder with no hooks and no plugins but search has the same pages as the
real site; as stubs (`--stubs`), it is exactly what the hook hands MkDocs, and builds with
the macros plugin and no hooks."""

from __future__ import annotations

import re
import shutil
import subprocess
import sys

import pytest
import yaml

from conftest import ROOT, copy_project, edit, run_build
from macros.cli import markdown_tree


@pytest.fixture(scope="module")
def tree(tmp_path_factory):
    out = tmp_path_factory.mktemp("markdown") / "docs"
    assert markdown_tree.write_tree(ROOT, out) > 0
    return out


@pytest.fixture(scope="module")
def stub_tree(tmp_path_factory):
    out = tmp_path_factory.mktemp("stubs") / "docs"
    assert markdown_tree.write_tree(ROOT, out, stubs=True) > 0
    return out


def _pages(site) -> set[str]:
    return {p.relative_to(site).as_posix() for p in site.rglob("*.html")}


def test_the_tree_builds_with_no_hooks_and_no_plugins_but_search(tree, built_site):
    real = yaml.safe_load((ROOT / "mkdocs.yml").read_text(encoding="utf-8"))
    minimal = {"site_name": real["site_name"], "site_url": real["site_url"], "docs_dir": "docs",
               "theme": {"name": "material"}, "plugins": ["search"],
               "markdown_extensions": real["markdown_extensions"]}
    (tree.parent / "mkdocs.yml").write_text(yaml.safe_dump(minimal), encoding="utf-8")
    config = (tree.parent / "mkdocs.yml").read_text()
    assert "hooks" not in config and "macros" not in config
    result = run_build(tree.parent, tree.parent / "site")
    assert result.returncode == 0, result.stderr[-4000:]
    # The real site's theme adds no page of its own beyond what both builds make (404.html).
    assert _pages(tree.parent / "site") == _pages(built_site)


def test_prose_pages_that_show_data_are_filled_in(tree, graph):
    myths = (tree / "myths.md").read_text(encoding="utf-8")
    assert "{{" not in myths and "render_macros" not in myths
    assert graph.claim_verdict("lower-stress-hormones").verdict in myths
    for page in tree.rglob("*.md"):
        assert not re.search(r"{{\s*\w+\(", page.read_text(encoding="utf-8")), page


def test_the_hook_hands_mkdocs_the_stubs(stub_tree):
    from mkdocs.config import load_config
    from mkdocs.structure.files import get_files

    # The build's own steps up to the point where MkDocs reads the files, hooks included.
    config = load_config(config_file=str(ROOT / "mkdocs.yml"))
    config = config.plugins.on_config(config)
    files = config.plugins.on_files(get_files(config), config=config)
    handed = {f.src_uri: f.content_bytes for f in files}
    written = {p.relative_to(stub_tree).as_posix(): p.read_bytes() for p in stub_tree.rglob("*") if p.is_file()}
    assert set(handed) == set(written)
    assert [path for path in handed if handed[path] != written[path]] == []
    sciatica = written["conditions/sciatica.md"].decode()
    assert sciatica.endswith('render_macros: true\n---\n\n{{ entity_page("condition", "sciatica") }}\n')


def test_every_page_made_from_the_data_is_one_call_the_check_allows(stub_tree):
    from macros.render.docs_tree import project_settings
    from macros.render.page_check import page_problems, renders_macros
    from macros.render.page_macros import load_macros

    macros = load_macros(project_settings(ROOT, lambda: ""))
    generated = [p for p in stub_tree.rglob("*.md") if not (ROOT / "docs" / p.relative_to(stub_tree)).exists()]
    stubs = [p for p in generated if renders_macros(p.read_text())]
    assert len(stubs) > 50 and "conditions/index.md" in {p.relative_to(stub_tree).as_posix() for p in stubs}
    for page in stubs:
        text = page.read_text()
        assert len(re.findall(r"{{.*?}}", text)) == 1, page
        assert page_problems(page.name, text, macros) == [], page


def test_the_stubs_build_with_the_macros_plugin_and_no_hooks(stub_tree, built_site):
    """What a generator with macros support and no hooks would do: define_env loads the data itself."""
    project = stub_tree.parent
    shutil.copytree(ROOT / "macros", project / "macros", ignore=shutil.ignore_patterns("__pycache__"))
    shutil.copytree(ROOT / "data", project / "data")
    real = yaml.safe_load((ROOT / "mkdocs.yml").read_text(encoding="utf-8"))
    [macros_plugin] = [p for p in real["plugins"] if isinstance(p, dict) and "macros" in p]
    minimal = {"site_name": real["site_name"], "site_url": real["site_url"], "docs_dir": "docs",
               "edit_uri": real["edit_uri"], "theme": {"name": "material"}, "plugins": ["search", macros_plugin],
               "markdown_extensions": real["markdown_extensions"]}
    (project / "mkdocs.yml").write_text(yaml.safe_dump(minimal), encoding="utf-8")
    assert "hooks" not in (project / "mkdocs.yml").read_text()
    result = run_build(project, project / "site")
    assert result.returncode == 0, result.stderr[-4000:]
    assert _pages(project / "site") == _pages(built_site)
    myths = (project / "site" / "myths" / "index.html").read_text()
    sciatica = (project / "site" / "conditions" / "sciatica" / "index.html").read_text()
    assert "verdict--" in myths and "{{" not in myths and "<h1" in sciatica and "{{" not in sciatica


def test_page_problems_write_nothing_and_say_where(tmp_path, monkeypatch, capsys):
    project = copy_project(tmp_path / "project")
    edit(project / "docs" / "myths.md", 'claim_verdict("pain-relief")', 'claim_verdict("pain-releif")')
    line = next(i for i, text in enumerate((project / "docs" / "myths.md").read_text().splitlines(), 1)
                if "pain-releif" in text)
    monkeypatch.setattr(markdown_tree, "ROOT", project)
    out = tmp_path / "markdown"
    assert markdown_tree.main([str(out)]) == 1
    error = capsys.readouterr().err
    assert f"docs/myths.md:{line}: claim_verdict: unknown benefit 'pain-releif' (did you mean 'pain-relief'?)" in error
    assert "Traceback" not in error and not out.exists()


def test_bad_data_writes_nothing_and_says_where(tmp_path, fixture_data, monkeypatch, capsys):
    from conftest import copy_project, edit

    edit(fixture_data / "findings" / "sore-back-gentle-rub-less-pain.yml", "certainty: low", "certainty: lowish")
    monkeypatch.setattr(markdown_tree, "ROOT", copy_project(tmp_path / "project", fixture_data))
    out = tmp_path / "markdown"
    out.mkdir()
    (out / "index.md").write_text("the last good tree\n")
    assert markdown_tree.main([str(out)]) == 1
    error = capsys.readouterr().err
    assert "data/findings/sore-back-gentle-rub-less-pain.yml:" in error and "certainty: unknown certainty" in error
    assert "Traceback" not in error
    assert [p.name for p in out.iterdir()] == ["index.md"] and (out / "index.md").read_text() == "the last good tree\n"


def test_a_fixture_project_tree_has_every_data_page(tmp_path, fixture_data):
    from conftest import copy_project

    out = tmp_path / "markdown"
    markdown_tree.write_tree(copy_project(tmp_path / "project", fixture_data), out)
    for page in ("conditions/sore-back.md", "techniques/gentle-rub.md", "benefits/less-pain.md",
                 "cautions/blood-clot.md", "conditions/index.md", "sources.md", "api/v2/conditions.json"):
        assert (out / page).is_file(), page
    assert (out / "conditions/sore-back.md").read_text().startswith("---\ntitle: Sore back\n")


def test_make_markdown_runs_the_build_s_docs_checks(tmp_path):
    """`make markdown` once skipped every docs/ check and copied a link to .git/config into its
    output: it now refuses what the build refuses, at file and line, and writes nothing."""
    import os

    from conftest import FIXTURE_DATA, copy_project

    project = copy_project(tmp_path / "p", data=FIXTURE_DATA)
    (project / ".git").mkdir()
    (project / ".git" / "config").write_text("[remote]\n  url = https://token@example.org/\n")
    os.symlink("../.git/config", project / "docs" / "config.md")
    (project / "docs" / "evil.md").write_text('---\nsubtitle: <meta http-equiv="refresh">\n---\n\n# Evil\n\n'
                                              '<a href="&#106;avascript:alert(1)">x</a>\n')
    (project / "docs" / "moved.md").write_text("---\nredirect_to: https://evil.example/\n---\n\n# Moved\n")
    (project / "docs" / "assets" / "style.xslt").write_text("<xsl:stylesheet/>")
    (project / "docs" / "conditions").mkdir()
    (project / "docs" / "conditions" / "sore-back.md").write_text("# Another sore back\n")
    out = tmp_path / "out"
    result = subprocess.run([sys.executable, "-m", "macros.cli.markdown_tree", str(out)], cwd=project,
                            capture_output=True, text=True, timeout=120)
    assert result.returncode == 1, result.stdout + result.stderr
    assert "Traceback" not in result.stderr, result.stderr
    assert not out.exists(), "nothing may be written when docs/ is refused"
    for words in ("docs/conditions/sore-back.md:1: the site makes the file at this address itself",):
        assert words in result.stderr, result.stderr
    (project / "docs" / "conditions" / "sore-back.md").unlink()
    result = subprocess.run([sys.executable, "-m", "macros.cli.markdown_tree", str(out)], cwd=project,
                            capture_output=True, text=True, timeout=120)
    assert result.returncode == 1 and not out.exists()
    for words in ("docs/config.md:1: is a symbolic link", "docs/evil.md:2: subtitle: unknown field 'subtitle'",
                  "docs/evil.md:7: <a href=\"&#106;avascript:alert(1)\">: href=: 'javascript:' addresses",
                  "docs/moved.md:2: redirect_to: 'https://evil.example/' leaves this site",
                  "docs/assets/style.xslt:1: '.xslt' files are not published"):
        assert words in result.stderr, result.stderr
