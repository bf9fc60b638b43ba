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


def previews_before_tests(workflow: dict) -> list[str]:
    """An artifact for preview is attached only by a later step than the tests, and never when they failed."""
    problems = []
    for job_name, job in (workflow.get("jobs") or {}).items():
        tested = False
        for index, step in enumerate(job.get("steps") or []):
            if _RUNS_TESTS.search(str(step.get("run", ""))):
                tested = True
            if str(step.get("uses", "")).startswith("actions/upload-artifact@"):
                condition = str(step.get("if", ""))
                if not tested or re.search(r"always\(\)|failure\(\)|cancelled\(\)", condition):
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


def test_artifact_attached_before_the_test_step_is_caught():
    text = _GOOD.replace("      - run: bash .ci/run\n", "").replace(
        "# v4.6.2\n", "# v4.6.2\n      - run: bash .ci/run\n", 1)
    assert any("before the tests pass" in p for p in problems_in(text))
