"""The GitHub workflows: pinned actions, no stored token, deploys only from main, and
nothing attached for preview before the tests pass.

Each rule is a function that returns the problems it finds in one workflow, so the
same rules run over the real files and over small broken examples (which must fail).
"""

from __future__ import annotations

import re
from pathlib import Path

import pytest
import yaml

from conftest import ROOT

WORKFLOWS = sorted((ROOT / ".github" / "workflows").glob("*.y*ml"))
_PINNED = re.compile(r"^\s*-?\s*uses:\s*([\w.-]+/[\w./-]+)@([0-9a-f]{40})\s+#\s*v\d+(\.\d+)*\s*$")
_USES_LINE = re.compile(r"^\s*-?\s*uses:\s*(\S+)")
_MAIN_ONLY = re.compile(r"""^\$?\{?\{?\s*github\.ref\s*==\s*'refs/heads/main'\s*\}?\}?$""")
_RUNS_TESTS = re.compile(r"(\.ci/run|make test|pytest)")


def steps(workflow: dict):
    for job_name, job in (workflow.get("jobs") or {}).items():
        for index, step in enumerate(job.get("steps") or []):
            yield job_name, job, index, step


def unpinned_actions(text: str) -> list[str]:
    """Every `uses:` names a full commit SHA, with the release tag in a comment."""
    problems = []
    for number, line in enumerate(text.splitlines(), 1):
        used = _USES_LINE.match(line)
        if used and not used.group(1).startswith("./") and not _PINNED.match(line):
            problems.append(f"line {number}: '{line.strip()}' is not pinned to a full commit SHA "
                            f"with its tag in a comment (uses: owner/name@<40 hex> # vX.Y.Z)")
    return problems


def checkouts_that_keep_the_token(workflow: dict) -> list[str]:
    problems = []
    for job_name, _, index, step in steps(workflow):
        if str(step.get("uses", "")).startswith("actions/checkout@"):
            if (step.get("with") or {}).get("persist-credentials") is not False:
                problems.append(f"job {job_name}, step {index + 1}: checkout without persist-credentials: false")
    return problems


def deploys_from_other_branches(workflow: dict) -> list[str]:
    """A job that publishes (or packages for publishing) runs only for refs/heads/main, whatever the trigger."""
    problems = []
    for job_name, job in (workflow.get("jobs") or {}).items():
        publishes = "pages" in (job.get("permissions") or {}) or any(
            str(step.get("uses", "")).startswith(("actions/deploy-pages@", "actions/upload-pages-artifact@"))
            for step in job.get("steps") or [])
        if publishes and not _MAIN_ONLY.match(str(job.get("if", "")).strip()):
            problems.append(f"job {job_name} publishes but does not have if: github.ref == 'refs/heads/main'")
    return problems


PREVIEW = "site-preview"  # what the artifact readers and reviewers open is called


def _runs_tests(job: dict) -> bool:
    return any(_RUNS_TESTS.search(str(step.get("run", ""))) for step in job.get("steps") or [])


def previews_before_tests(workflow: dict) -> list[str]:
    """The site is attached for preview (an artifact named site-preview...) only once the tests
    passed: later in the same job than a test step, or in a job that needs every job that runs
    tests; never when they failed. Other artifacts (a build handed to the test jobs) may come first."""
    jobs = workflow.get("jobs") or {}
    testing_jobs = {name for name, job in jobs.items() if _runs_tests(job)}
    problems = []
    for job_name, job in jobs.items():
        needs = job.get("needs") or []
        needs = {needs} if isinstance(needs, str) else set(needs)
        tested = bool(testing_jobs) and testing_jobs - {job_name} <= needs and job_name not in testing_jobs
        for index, step in enumerate(job.get("steps") or []):
            if _RUNS_TESTS.search(str(step.get("run", ""))):
                tested = True
            if not str(step.get("uses", "")).startswith("actions/upload-artifact@"):
                continue
            named = str((step.get("with") or {}).get("name", PREVIEW))
            condition = str(step.get("if", ""))
            if named.startswith(PREVIEW) and (
                    not tested or re.search(r"always\(\)|failure\(\)|cancelled\(\)", condition)):
                problems.append(f"job {job_name}, step {index + 1}: uploads an artifact before the tests pass")
    return problems


def problems_in(text: str) -> list[str]:
    workflow = yaml.safe_load(text)
    return (unpinned_actions(text) + checkouts_that_keep_the_token(workflow)
            + deploys_from_other_branches(workflow) + previews_before_tests(workflow))


def test_there_are_workflows_to_check():
    assert {p.name for p in WORKFLOWS} >= {"ci.yml", "deploy.yml"}


@pytest.mark.parametrize("path", WORKFLOWS, ids=lambda p: p.name)
def test_workflow_follows_the_rules(path):
    problems = problems_in(path.read_text(encoding="utf-8"))
    assert not problems, f"{path.relative_to(ROOT)}:\n  " + "\n  ".join(problems)


_GOOD = """\
on: [push, workflow_dispatch]
jobs:
  build:
    runs-on: ubuntu-24.04
    steps:
      - uses: actions/checkout@11bd71901bbe5b1630ceea73d27597364c9af683 # v4.2.2
        with:
          persist-credentials: false
      - run: bash .ci/run
      - uses: actions/upload-artifact@ea165f8d65b6e75b540449e92b4886f43607fa02 # v4.6.2
  deploy:
    if: github.ref == 'refs/heads/main'
    needs: build
    permissions:
      pages: write
    steps:
      - uses: actions/deploy-pages@d6db90164ac5ed86f2b6aed7e0febac5b3c0c03e # v4.0.5
"""


def test_a_workflow_that_follows_the_rules_passes():
    assert problems_in(_GOOD) == []


@pytest.mark.parametrize("old, new, words", [
    ("checkout@11bd71901bbe5b1630ceea73d27597364c9af683 # v4.2.2", "checkout@v4", "not pinned"),
    ("checkout@11bd71901bbe5b1630ceea73d27597364c9af683 # v4.2.2", "checkout@11bd719", "not pinned"),
    ("deploy-pages@d6db90164ac5ed86f2b6aed7e0febac5b3c0c03e # v4.0.5",
     "deploy-pages@d6db90164ac5ed86f2b6aed7e0febac5b3c0c03e", "not pinned"),
    ("          persist-credentials: false\n", "          fetch-depth: 1\n", "persist-credentials"),
    ("          persist-credentials: false\n", "          persist-credentials: 'false'\n", "persist-credentials"),
    ("    if: github.ref == 'refs/heads/main'\n", "", "job deploy publishes"),
    ("    if: github.ref == 'refs/heads/main'\n",
     "    if: github.ref == 'refs/heads/main' || github.event_name == 'workflow_dispatch'\n", "job deploy publishes"),
    ("      - run: bash .ci/run\n", "", "before the tests pass"),
    ("      - uses: actions/upload-artifact@ea165f8d65b6e75b540449e92b4886f43607fa02 # v4.6.2\n",
     "      - uses: actions/upload-artifact@ea165f8d65b6e75b540449e92b4886f43607fa02 # v4.6.2\n"
     "        if: always()\n", "before the tests pass"),
])
def test_each_rule_catches_its_mistake(old, new, words):
    assert old in _GOOD
    problems = problems_in(_GOOD.replace(old, new, 1))
    assert any(words in p for p in problems), problems


_PARALLEL = """\
on: [pull_request]
jobs:
  build:
    steps:
      - run: make build
      - uses: actions/upload-artifact@ea165f8d65b6e75b540449e92b4886f43607fa02 # v4.6.2
        with:
          name: built-site
  unit:
    needs: build
    steps:
      - run: make test-part PART=tests/unit
  browser:
    needs: build
    steps:
      - run: make test-part PART=tests/browser
  preview:
    needs: [unit, browser]
    steps:
      - uses: actions/upload-artifact@ea165f8d65b6e75b540449e92b4886f43607fa02 # v4.6.2
        with:
          name: site-preview-1
"""


def test_a_preview_job_that_waits_for_every_test_job_passes():
    assert problems_in(_PARALLEL) == []


@pytest.mark.parametrize("old, new", [
    ("    needs: [unit, browser]\n", "    needs: [unit]\n"),  # one test job not waited for
    ("    needs: [unit, browser]\n", "    needs: build\n"),
    ("          name: built-site\n", "          name: site-preview-early\n"),  # a preview before any test
])
def test_a_preview_attached_before_every_test_job_passed_is_caught(old, new):
    assert old in _PARALLEL
    assert any("before the tests pass" in p for p in problems_in(_PARALLEL.replace(old, new, 1)))


def test_artifact_attached_before_the_test_step_is_caught():
    text = _GOOD.replace("      - run: bash .ci/run\n", "").replace(
        "# v4.6.2\n", "# v4.6.2\n      - run: bash .ci/run\n", 1)
    assert any("before the tests pass" in p for p in problems_in(text))
