"""The weekly external-link check: its workflow and its documented ignore list.

The check itself needs the internet, so it runs on a schedule, not here; these
tests make sure it is set up to run, and that its ignore list works and says why.
"""

from __future__ import annotations

import re
import subprocess
import sys
from pathlib import Path

import yaml

from conftest import ROOT
from site_server import serve

WORKFLOW = ROOT / ".github" / "workflows" / "links.yml"
CONFIG = ROOT / ".github" / "linkcheckerrc"
LINKCHECKER = Path(sys.executable).parent / "linkchecker"


def ignore_entries() -> list[tuple[str, str]]:
    """(pattern, reason) for each entry of the ignore list; a missing reason is ''."""
    lines = CONFIG.read_text().splitlines()
    start = next(i for i, line in enumerate(lines) if line.strip() == "ignore=")
    entries, reason = [], []
    for line in lines[start + 1:]:
        if not line.startswith((" ", "\t")) or not line.strip():
            break
        text = line.strip()
        if text.startswith("#"):
            reason = [text.removeprefix("# Reason:").strip()] if text.startswith("# Reason:") else reason + [
                text.lstrip("# ")]
        else:
            entries.append((text, " ".join(reason)))
            reason = []
    return entries


def test_workflow_runs_weekly_and_checks_external_links():
    workflow = yaml.safe_load(WORKFLOW.read_text())
    triggers = workflow.get("on") or workflow.get(True)  # YAML 1.1 reads the key `on` as true
    assert re.fullmatch(r"\S+ \S+ \* \* [0-6]", triggers["schedule"][0]["cron"]), "not a weekly schedule"
    assert "pull_request" not in triggers and "push" not in triggers
    commands = "\n".join(step.get("run", "") for job in workflow["jobs"].values() for step in job["steps"])
    assert "make build" in commands
    assert "linkchecker --config .github/linkcheckerrc --check-extern" in commands


def test_offline_ci_does_not_check_external_links():
    for path in (ROOT / ".github" / "workflows").glob("*.yml"):
        if path != WORKFLOW:
            assert "--check-extern" not in path.read_text(), f"{path.name} checks external links"
    assert "--check-extern" not in (ROOT / "tests" / "site" / "test_links.py").read_text()


def test_every_ignore_entry_has_a_reason_and_compiles():
    entries = ignore_entries()
    assert entries, "the ignore list is empty or unreadable"
    for pattern, reason in entries:
        re.compile(pattern)
        assert len(reason.split()) >= 5, f"ignore entry {pattern!r} needs a '# Reason:' line above it"


def run(tmp_path, links: list[str]) -> subprocess.CompletedProcess:
    site = tmp_path / "site"
    site.mkdir()
    body = "".join(f'<a href="{link}">x</a>' for link in links)
    (site / "index.html").write_text(f"<html><body>{body}</body></html>")
    with serve(site) as base:
        return subprocess.run([str(LINKCHECKER), "--config", str(CONFIG), "--check-extern", "--no-status", base],
                              capture_output=True, text=True, timeout=120)


def test_linkchecker_reads_the_list_and_skips_its_entries(tmp_path):
    """Offline, any external link fails unless the list skips it: so these pass only if it is read."""
    result = run(tmp_path, ["https://github.com/medical-massage-guide/guide/edit/main/data/x.yml",
                            "https://medical-massage-guide.github.io/guide/conditions/"])
    assert result.returncode == 0, result.stdout[-3000:] + result.stderr[-1000:]


def test_a_link_not_on_the_list_is_checked(tmp_path):
    result = run(tmp_path, ["https://example.invalid/a-source"])
    assert result.returncode == 1
    assert "example.invalid/a-source" in result.stdout
