"""The test suite's own rules: a data mistake fails tests, not collection; the link checks
get no needless pauses; the browser audit covers every page on every pull request and every
variant nightly; the benchmark's tests run with `make bench`, not `make test`."""

from __future__ import annotations

import os
import re
import shutil
import subprocess
import sys

import pytest
import yaml

from browser.site_audit import STRUCTURE_VARIANT, VARIANTS, colour_checked_elsewhere, template_of, variant_plan
from conftest import ROOT, ignore_built_output
from site_server import serve
from test_links import UNTHROTTLED, run_linkchecker


def pytest_in(folder, *args) -> subprocess.CompletedProcess:
    env = dict(os.environ, PYTHONDONTWRITEBYTECODE="1")
    env.pop("FULL_AUDIT", None)
    return subprocess.run([sys.executable, "-m", "pytest", "-p", "no:cacheprovider", *args], cwd=folder,
                          env=env, capture_output=True, text=True, timeout=300)


def test_a_data_mistake_does_not_stop_the_tests_being_collected(tmp_path):
    """Test modules read the real data in fixtures, never at import: one typo must not
    turn every module that reads it into a collection error."""
    project = tmp_path / "project"
    shutil.copytree(ROOT, project, symlinks=True, ignore=ignore_built_output(ROOT, ".git", ".venv"))
    broken = project / "data" / "conditions" / "sciatica.yml"
    broken.write_text(broken.read_text().replace("name:", "name: [", 1))
    result = pytest_in(project, "--collect-only", "-q")
    output = result.stdout + result.stderr
    assert result.returncode == 0, output[-3000:]
    assert "error" not in output.splitlines()[-1], output[-3000:]


def wait_times(base: str) -> list[str]:
    """The pauses linkchecker chose between requests to the test server, from its debug log."""
    result = run_linkchecker(base, "--debug=checking")
    assert result.returncode == 0, result.stdout[-2000:] + result.stderr[-2000:]
    return re.findall(r"Min wait time: (\S+) Max wait time: (\S+)", result.stdout + result.stderr)


def test_linkchecker_does_not_pause_for_the_test_server(tmp_path):
    site = tmp_path / "site"
    site.mkdir()
    (site / "index.html").write_text("".join(f'<a href="p{n}.html">{n}</a>' for n in range(3)))
    for n in range(3):
        (site / f"p{n}.html").write_text("<p>page</p>")
    with serve(site, headers=UNTHROTTLED) as base:
        lifted = wait_times(base)
    # The first request is paused as for any host; once the header is seen, the limit goes.
    assert lifted[-1] == ("0.001", "0.006"), lifted
    with serve(site) as base:  # without the header, linkchecker keeps its default pauses
        assert wait_times(base)[-1] == ("0.1", "0.6")


PATHS = ["", "about/", "myths/", "conditions/", "conditions/a/", "conditions/b/", "conditions/c/", "techniques/x/"]


def test_every_page_is_audited_and_every_template_in_every_variant():
    size = {"conditions/b/": 30, "myths/": 20}.get
    plan = variant_plan(PATHS, full=False, size=lambda path: size(path, 10))
    assert set(plan) == set(PATHS)
    assert all(STRUCTURE_VARIANT in variants for variants in plan.values())
    in_all_four = {path for path, variants in plan.items() if variants == VARIANTS}
    # The largest page of the condition pages stands for them, and the largest prose page
    # (docs/*.md) for the prose pages; the others are audited once.
    assert in_all_four == {"", "myths/", "conditions/", "conditions/b/", "techniques/x/"}
    assert {template_of(path) for path in in_all_four} == {template_of(path) for path in PATHS}
    # The A to Z lists come from one template: the largest stands for all of them.
    assert template_of("techniques/") == template_of("conditions/") != template_of("checklist/")
    assert variant_plan(PATHS, full=True) == {path: VARIANTS for path in PATHS}


def test_only_pages_made_from_data_leave_the_colour_rules_to_their_templates_largest_page():
    size = {"conditions/b/": 30}.get
    plan = variant_plan(PATHS + ["editors/x/", "icd10/"], full=False, size=lambda path: size(path, 10))
    # about/ is written in docs/ and may set a colour inline; conditions/b/ is checked in all four.
    assert colour_checked_elsewhere(plan) == {"conditions/a/", "conditions/c/"}
    assert colour_checked_elsewhere(variant_plan(PATHS, full=True)) == set()


def test_the_full_sweep_runs_nightly():
    workflow = yaml.safe_load((ROOT / ".github" / "workflows" / "nightly.yml").read_text())
    triggers = workflow.get("on") or workflow.get(True)  # YAML 1.1 reads the key `on` as true
    assert re.fullmatch(r"\S+ \S+ \* \* \*", triggers["schedule"][0]["cron"]), "not a nightly schedule"
    commands = [step.get("run", "") for job in workflow["jobs"].values() for step in job["steps"]]
    assert "make test-full" in commands
    makefile = (ROOT / "Makefile").read_text()
    recipe = makefile[makefile.index("\ntest-full:"):].split("\n\n")[0]
    assert "FULL_AUDIT=1" in recipe and "$(PYTEST)" in recipe
    assert 'os.environ.get("FULL_AUDIT") == "1"' in (ROOT / "tests" / "browser" / "site_audit.py").read_text()


def test_the_benchmark_tests_run_with_make_bench_not_make_test():
    bench_tests = "tests/benchmark/test_benchmark_tools.py"
    left_out = pytest_in(ROOT, "--collect-only", "-q", bench_tests)
    assert re.search(r"no tests collected \(\d+ deselected\)", left_out.stdout), left_out.stdout[-2000:]
    chosen = pytest_in(ROOT, "--collect-only", "-q", "-m", "bench", bench_tests)
    assert re.search(r"^\d+ tests? collected", chosen.stdout, re.M), chosen.stdout[-2000:]
    makefile = (ROOT / "Makefile").read_text()
    recipe = makefile[makefile.index("\nbench:"):].split("\n\n")[0]
    assert f"-m pytest -m bench {bench_tests}" in recipe


def test_make_test_gives_both_its_processes_one_new_folder_for_the_xss_corpus():
    from xss_corpus import SHARED

    makefile = (ROOT / "Makefile").read_text()
    recipe = makefile[makefile.index("\ntest:"):].split("\n\n")[0]
    assert f"export {SHARED}=$$(mktemp -d)" in recipe, "the corpus would be built twice"
    assert f"$${SHARED}" in recipe.split("cat $$log")[1], "the corpus folder is not removed"
