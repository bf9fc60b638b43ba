"""`make serve` rebuilds only the pages an edit changed, and the result is the
same, byte for byte, as a full build of the edited data."""

from __future__ import annotations

import filecmp
import json
import os
import re
import shutil
import subprocess
import sys
from pathlib import Path

import pytest

from conftest import ROOT, copy_project, ignore_built_output, run_build

DRIVER = ROOT / "tests" / "dirty_rebuilds.py"
UNTOUCHED = "editors/data-reference/index.html"  # made from the model alone: no data edit changes it


def differences(left: Path, right: Path) -> list[str]:
    found = []

    def walk(cmp: filecmp.dircmp, prefix: str) -> None:
        found.extend(prefix + name for name in cmp.left_only + cmp.right_only + cmp.funny_files)
        found.extend(prefix + name for name in cmp.common_files
                     if (Path(cmp.left) / name).read_bytes() != (Path(cmp.right) / name).read_bytes())
        for name, sub in cmp.subdirs.items():
            walk(sub, f"{prefix}{name}/")

    walk(filecmp.dircmp(left, right), "")
    return sorted(found)


def rebuilt(messages: list[str]) -> tuple[int, int]:
    line = next(m for m in messages if "Rebuilt" in m)
    done, total = re.search(r"Rebuilt (\d+) of (\d+) pages", line).groups()
    return int(done), int(total)


def serve_builds(project: Path, site: Path, steps: list[dict]) -> list[dict]:
    steps_file = project.parent / "steps.json"
    steps_file.write_text(json.dumps(steps))
    env = dict(os.environ, NO_MKDOCS_2_WARNING="1", DISABLE_MKDOCS_2_WARNING="true", PYTHONDONTWRITEBYTECODE="1")
    result = subprocess.run([sys.executable, str(DRIVER), str(project), str(site), str(steps_file)],
                            cwd=project, env=env, capture_output=True, text=True, timeout=600)
    assert result.returncode == 0, result.stderr[-4000:]
    return json.loads(result.stdout.strip().splitlines()[-1])


_META_POLICY = re.compile(r'\n *<meta http-equiv="Content-Security-Policy" content="[^"]*">')


def full_build_of(project: Path, tmp_path: Path, name: str) -> Path:
    """A clean `mkdocs build` of the project as it is now, in a copy of its own."""
    copy = tmp_path / name
    shutil.copytree(project, copy, ignore=ignore_built_output(project))
    result = run_build(copy, copy / "site")
    assert result.returncode == 0, result.stderr[-4000:]
    # Pages built by `mkdocs serve` carry no <meta> policy (it would block live reload;
    # tests/test_meta_policy.py): take exactly that tag out to compare the rest.
    for page in (copy / "site").rglob("*.html"):
        html = page.read_text(encoding="utf-8")
        without, count = _META_POLICY.subn("", html)
        assert count == 1, f"{page}: {count} <meta> policies"
        page.write_text(without, encoding="utf-8")
    return copy / "site"


@pytest.fixture
def served(tmp_path, fixture_data):
    project = copy_project(tmp_path / "project", fixture_data)
    return project, tmp_path / "served-site"


def test_an_edit_rebuilds_few_pages_and_matches_a_full_build(served, tmp_path):
    project, site = served
    first, second = serve_builds(project, site, [
        {"snapshot": str(tmp_path / "before")},
        {"file": "data/conditions/sore-back.yml", "old": "It often gets better on its own.",
         "new": "It often gets better within a few weeks."},
    ])
    assert first["passed"] and second["passed"], second["messages"]
    done, total = rebuilt(first["messages"])
    assert done == total, "the first build builds every page"
    done, total = rebuilt(second["messages"])
    assert 0 < done < total / 2, second["messages"]
    # A page the edit did not change was not written again.
    assert (site / UNTOUCHED).stat().st_mtime_ns == (tmp_path / "before" / UNTOUCHED).stat().st_mtime_ns
    page = (site / "conditions" / "sore-back" / "index.html").read_text(encoding="utf-8")
    assert "within a few weeks" in page
    assert differences(site, full_build_of(project, tmp_path, "full")) == []


def test_a_new_name_reaches_every_page_that_shows_it(served, tmp_path):
    project, site = served
    steps = serve_builds(project, site, [
        {},
        {"file": "data/conditions/sore-back.yml", "old": "name: Sore back", "new": "name: Aching back"},
    ])
    assert all(step["passed"] for step in steps), steps[-1]["messages"]
    full = full_build_of(project, tmp_path, "full")
    assert differences(site, full) == []
    technique = (site / "techniques" / "gentle-rub" / "index.html").read_text(encoding="utf-8")
    assert "Aching back" in technique, "the technique page lists the condition by its new name"
    # Readers' search index (macros/reader_search.py): skipped pages keep their entries.
    index = json.loads((site / "search" / "reader_index.json").read_text(encoding="utf-8"))
    locations = {doc["location"] for doc in index["docs"]}
    assert "techniques/gentle-rub/" in locations
    assert locations == {
        doc["location"] for doc in json.loads((full / "search" / "reader_index.json").read_text())["docs"]}


def test_after_a_failed_build_the_next_one_builds_everything(served, tmp_path):
    project, site = served
    steps = serve_builds(project, site, [
        {},
        {"file": "data/conditions/sore-back.yml", "old": "certainty: low", "new": "certainty: maybe"},
        {"file": "data/conditions/sore-back.yml", "old": "certainty: maybe", "new": "certainty: low"},
    ])
    assert steps[0]["passed"]
    assert not steps[1]["passed"]
    assert any("data/conditions/sore-back.yml" in m and "certainty" in m for m in steps[1]["messages"])
    assert steps[2]["passed"], steps[2]["messages"]
    done, total = rebuilt(steps[2]["messages"])
    assert done == total
    assert differences(site, full_build_of(project, tmp_path, "full")) == []


def test_a_plain_build_never_skips_a_page(tmp_path, fixture_data):
    """`mkdocs build` cleans the site folder and builds all; the dirty-build bookkeeping stays silent."""
    project = copy_project(tmp_path / "project", fixture_data)
    result = run_build(project)
    assert result.returncode == 0, result.stderr[-4000:]
    assert "Rebuilt" not in result.stderr
