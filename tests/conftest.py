"""Shared helpers: copies of the project in temp folders, and real builds."""

from __future__ import annotations

import os
import shutil
import subprocess
import sys
from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parent.parent
FIXTURE_DATA = ROOT / "tests" / "fixtures" / "kb" / "data"
MKDOCS = Path(sys.executable).parent / "mkdocs"

sys.path.insert(0, str(ROOT))


def copy_project(dest: Path, data: Path = ROOT / "data") -> Path:
    """A throwaway copy of the site's sources, with the given data folder.

    With any data but the real one, the prose pages (which link to real
    entities) are left out and the navigation is built automatically.
    """
    dest.mkdir(parents=True, exist_ok=True)
    for name in ("mkdocs.yml", "docs", "macros", "overrides"):
        src = ROOT / name
        if src.is_dir():
            shutil.copytree(src, dest / name, ignore=shutil.ignore_patterns("__pycache__"))
        else:
            shutil.copy(src, dest / name)
    shutil.copytree(data, dest / "data")
    if Path(data).resolve() != (ROOT / "data").resolve():
        for page in (dest / "docs").glob("*.md"):
            page.unlink()
        (dest / "docs" / "index.md").write_text("# Test site\n\n[Conditions](conditions/index.md)\n")
        config = (dest / "mkdocs.yml").read_text()
        (dest / "mkdocs.yml").write_text(config[: config.index("\nnav:")] + "\n")
    return dest


def ignore_built_output(top: Path, *also):
    """A copytree ignore: the built site folders at the top of the project only (macros/site is code),
    and caches anywhere."""
    top = Path(top)

    def ignore(folder, names):
        at_top = {"site", "site.partial", *also} if Path(folder) == top else set()
        return [n for n in names if n in at_top or n in ("__pycache__", ".pytest_cache", "node_modules")]
    return ignore


def needed_tool(tool: str, package: str) -> str:
    """The path of a command a test needs; `make test` installs it. Missing: fail under CI, else skip loudly."""
    path = shutil.which(tool)
    if path is None:
        message = f"{tool} is missing (Debian package {package}; `make test` installs it)"
        if os.environ.get("CI") == "true":
            pytest.fail(message)
        pytest.skip("TEST DID NOT RUN: " + message)
    return path


def run_build(project: Path, site_dir: Path | None = None) -> subprocess.CompletedProcess:
    site_dir = site_dir or project / "site"
    env = dict(os.environ, NO_MKDOCS_2_WARNING="1", DISABLE_MKDOCS_2_WARNING="true", PYTHONDONTWRITEBYTECODE="1")
    return subprocess.run(
        [str(MKDOCS), "build", "--strict", "--site-dir", str(site_dir)],
        cwd=project, env=env, capture_output=True, text=True, timeout=300,
    )


def errors_for(data) -> list[str]:
    """The messages loading this data folder stops with (it must stop)."""
    from macros.data.data_errors import DataErrors
    from macros.data.knowledge_base import load_knowledge_base

    with pytest.raises(DataErrors) as caught:
        load_knowledge_base(data)
    return [str(e) for e in caught.value.errors]


def edit(path, old, new):
    """Replace the first `old` in a fixture file; fail if the fixture no longer has it."""
    text = path.read_text()
    assert old in text, f"fixture changed: {old!r} not in {path.name}"
    path.write_text(text.replace(old, new, 1))


def only_error(data, file: str, old: str, new: str) -> tuple[str, Path]:
    """Edit one fixture file (`edit`); return the one error loading then stops with, and the file."""
    path = data / file
    edit(path, old, new)
    [error] = errors_for(data)
    return error, path


def line_of(path, needle) -> int:
    return next(i for i, line in enumerate(path.read_text().splitlines(), 1) if needle in line)


@pytest.fixture
def fixture_data(tmp_path) -> Path:
    """A small valid knowledge base that a test may break."""
    data = tmp_path / "data"
    shutil.copytree(FIXTURE_DATA, data)
    return data


@pytest.fixture(scope="session")
def kb():
    """The real knowledge base, loaded when a test first asks for it (never at import,
    so one mistake in data/ fails the tests that read it, not the whole collection)."""
    from macros.data.knowledge_base import load_knowledge_base

    return load_knowledge_base(ROOT / "data")


@pytest.fixture(scope="session")
def graph(kb):
    """The real relation graph."""
    from macros.data.relation_graph import build_relation_graph

    return build_relation_graph(kb)


_SHARED_PAGES: dict = {}  # the session's built site -> BuiltPages, its pages parsed once


@pytest.fixture(scope="session")
def built_site(tmp_path_factory) -> Path:
    """The real site, built once per test session exactly as `make build` does.

    `make test` builds site/ once and passes it as BUILT_SITE, so the tests read that
    build instead of making their own (CI's parallel jobs share one build the same way).
    """
    given = os.environ.get("BUILT_SITE")
    if given:
        site = Path(given).resolve() if Path(given).is_absolute() else (ROOT / given).resolve()
        assert (site / "index.html").is_file(), f"BUILT_SITE={given}: no built site there (run make build)"
    else:
        project = copy_project(tmp_path_factory.mktemp("project"))
        result = run_build(project)
        assert result.returncode == 0, result.stderr[-4000:]
        site = (project / "site").resolve()
    _SHARED_PAGES[site] = BuiltPages(site)  # its pages parsed once, for page_soup and built_pages
    return site


class BuiltPages:
    """Each built page read and parsed once per test session, shared by every test that reads it.

    Tests read these trees and never change them: a test that needs to change a page
    parses its own copy.
    """

    def __init__(self, site: Path):
        self.site = site
        self._text: dict[str, str] = {}
        self._soup: dict[str, object] = {}

    def file(self, path: str) -> Path:
        """A page's file from its address ('conditions/sciatica', 'conditions/sciatica/')
        or its file path ('404.html')."""
        path = path.strip("/")
        if path.endswith(".html"):
            return self.site / path
        return self.site / path / "index.html" if path else self.site / "index.html"

    def text(self, path: str) -> str:
        key = self.file(path).relative_to(self.site).as_posix()
        if key not in self._text:
            self._text[key] = (self.site / key).read_text(encoding="utf-8")
        return self._text[key]

    def soup(self, path: str):
        from bs4 import BeautifulSoup

        key = self.file(path).relative_to(self.site).as_posix()
        if key not in self._soup:
            self._soup[key] = BeautifulSoup(self.text(key), "lxml")
        return self._soup[key]

    def all_html(self) -> list[str]:
        """Every built HTML file, as a path relative to the site, in a stable order."""
        return sorted(p.relative_to(self.site).as_posix() for p in self.site.rglob("*.html"))


@pytest.fixture(scope="session")
def built_pages(built_site) -> BuiltPages:
    return _SHARED_PAGES[built_site]


def page_soup(site: Path, file: str):
    """The page `file` ('conditions/sciatica/index.html') of `site`, parsed: the shared parse
    (read-only; copy it to change it) when `site` is the session's built site, else a new one."""
    shared = _SHARED_PAGES.get(Path(site).resolve())
    if shared is not None:
        return shared.soup(file)
    from bs4 import BeautifulSoup

    return BeautifulSoup((Path(site) / file).read_text(encoding="utf-8"), "lxml")
