"""What an editor reads and what runs on their pull request: CONTRIBUTING.md, the
pull-request template, and the two GitHub workflows."""

from __future__ import annotations

import re
import shutil

import pytest
import textstat
import yaml

from conftest import ROOT
from macros.data.data_errors import DataErrors
from macros.data.knowledge_base import load_knowledge_base
from macros.data.kinds import KIND_MODELS
from macros.cli.new_entity import new_entity_file

CONTRIBUTING = (ROOT / "CONTRIBUTING.md").read_text()
WORKFLOWS = ROOT / ".github" / "workflows"


def workflow(name: str) -> dict:
    data = yaml.safe_load((WORKFLOWS / name).read_text())
    data["on"] = data.pop(True, data.get("on"))  # YAML 1.1 reads the key `on` as true
    return data


def steps_of(job: dict) -> list[str]:
    return [step.get("run") or step.get("uses", "") for step in job["steps"]]


def macro_example() -> str:
    block = CONTRIBUTING.split("<!-- macro-example", 1)[1]
    return re.search(r"```markdown\n(.*?)```", block, re.S).group(1)


def worked_example() -> str:
    block = CONTRIBUTING.split("<!-- worked-example", 1)[1]
    return re.search(r"```yaml\n(.*?)```", block, re.S).group(1)


def test_the_worked_example_is_a_valid_page_against_the_real_data(tmp_path):
    data = tmp_path / "data"
    shutil.copytree(ROOT / "data", data)
    target = data / "conditions" / "lymphedema.yml"
    assert not target.exists(), "the worked example now exists in data/: choose another example"
    target.write_text(worked_example())
    kb = load_knowledge_base(data)
    page = kb["condition"]["lymphedema"]
    assert page.related_findings and page.red_flags and page.sources and kb.warnings == []
    assert textstat.flesch_kincaid_grade(page.summary) <= 8


def test_the_worked_example_messages_are_the_real_ones(tmp_path):
    """What CONTRIBUTING.md shows `make check` saying is what it says, for the same file and mistakes."""
    data = tmp_path / "data"
    shutil.copytree(ROOT / "data", data)
    path = new_entity_file("condition", "Lymphedema", data)
    for warning in load_knowledge_base(data).warnings:
        assert f"{warning.field}: {warning.message}" in CONTRIBUTING, f"CONTRIBUTING.md does not show: {warning}"

    def messages(*mistakes) -> list[str]:
        text = worked_example().replace("status: published", "status: draft")
        for right, wrong in mistakes:
            assert right in text
            text = text.replace(right, wrong)
        path.write_text(text)
        with pytest.raises(DataErrors) as caught:
            load_knowledge_base(data)
        return [f"{e.field}: {e.message}" for e in caught.value.errors]

    first = messages(("body_area: arms-and-hands", "body_area: arm"), ("population_phrase:", "population_phrse:"))
    second = messages(("sources: [nci-lymphedema]", "sources: [nci-lymphoedema]"))
    assert len(first) == 2 and len(second) == 1
    for message in first + second:
        assert message in CONTRIBUTING, f"CONTRIBUTING.md does not show: {message}"


def test_the_check_output_shown_is_the_real_one_without_its_counts(tmp_path, capsys, monkeypatch):
    from macros.cli import check

    monkeypatch.delenv("GITHUB_ACTIONS", raising=False)
    data = tmp_path / "data"
    shutil.copytree(ROOT / "data", data)
    new_entity_file("condition", "Lymphedema", data)
    assert check.main([str(data)]) == 0
    first = capsys.readouterr().out.splitlines()[0]
    shown = re.sub(r"\b\d+ ([\w-]+s)\b(?=[,;])", r"... \1", first)
    assert shown != first and re.search(rf"(?m)^{re.escape(shown)}$", CONTRIBUTING), shown


def test_the_prose_page_example_is_what_make_check_says(tmp_path, capsys):
    """Showing data on a prose page: the call is valid on the real data, and the mistake gives the message shown."""
    from macros.cli import check

    docs = tmp_path / "docs"
    shutil.copytree(ROOT / "docs", docs)
    myths = docs / "myths.md"
    anchor = "  [Less muscle tension](/benefits/less-muscle-tension.md).\n"
    assert anchor in myths.read_text(), "the example's place on the Myths page moved: update CONTRIBUTING.md"
    myths.write_text(myths.read_text().replace(anchor, anchor + macro_example()))
    assert check.main([str(ROOT / "data"), str(docs)]) == 0
    myths.write_text(myths.read_text().replace('"better-range-of-motion"', '"better-range-of-movement"'))
    assert check.main([str(ROOT / "data"), str(docs)]) == 1
    [problem] = [line.strip() for line in capsys.readouterr().err.splitlines() if line.startswith("  ")]
    # The line number moves with the page's text; the file and the message are what an editor reads.
    where, message = problem.split(": ", 1)
    assert where.startswith("docs/myths.md:")
    assert re.search(r"docs/myths\.md:\d+: " + re.escape(message), CONTRIBUTING), problem


@pytest.mark.parametrize("command", ["make new kind=condition", "make check", "make serve", "make review-report",
                                     "make test", "make schema-lines"])
def test_every_command_contributing_names_exists(command):
    assert command in CONTRIBUTING
    target = command.split()[1]
    assert re.search(rf"(?m)^{re.escape(target)}:", (ROOT / "Makefile").read_text()), f"no `{target}` target"


def test_contributing_covers_every_kind_and_the_rules():
    for kind in KIND_MODELS:
        assert f"kind={kind}" in CONTRIBUTING or f"`{kind}`" in CONTRIBUTING, kind
    for words in ("Never invent or guess a DOI, PMID", "`checked`", "`checked_how`", "not supported",
                  "grade 8", "status: draft", "Files changed", "Edit this page"):
        assert words in CONTRIBUTING, words


def test_pull_request_template_has_the_checklist():
    text = (ROOT / ".github" / "pull_request_template.md").read_text()
    boxes = re.findall(r"(?m)^- \[ \] \*\*(.+?)\*\*", text)
    for item in ("Sources confirmed", "Certainty chosen honestly", "Reading level", "Cautions", "Review date"):
        assert any(b.startswith(item) for b in boxes), f"checklist lacks: {item}"


def test_ci_on_a_pull_request_builds_once_tests_in_parallel_and_then_uploads_the_site():
    ci = workflow("ci.yml")
    assert "pull_request" in ci["on"]
    jobs = ci["jobs"]
    build = steps_of(jobs["build"])
    assert build.index("make check") < build.index("make build"), "data mistakes are annotated first"
    # The test jobs run side by side on the one build, and between them run every test.
    testers = {name: job for name, job in jobs.items() if any("make test-part" in s for s in steps_of(job))}
    parts = set()
    for name, job in testers.items():
        assert job["needs"] == "build", name
        steps = steps_of(job)
        download = next(i for i, s in enumerate(steps) if s.startswith("actions/download-artifact@"))
        assert download < next(i for i, s in enumerate(steps) if "make test-part" in s), name
        parts |= set(next(s for s in steps if "make test-part" in s).split("PART=")[1].strip('"').split())
    assert parts == {"tests/unit", "tests/site", "tests/browser"}
    # The preview is attached by a job that waits for every test job.
    [preview] = [job for job in jobs.values()
                 if any(str(s.get("with", {}).get("name", "")).startswith("site-preview") for s in job["steps"])]
    assert set(preview["needs"]) == set(testers)


def test_deploy_publishes_only_after_the_tests_pass():
    deploy = workflow("deploy.yml")
    assert deploy["on"]["push"]["branches"] == ["main"]
    jobs = deploy["jobs"]
    publisher = next(name for name, job in jobs.items()
                     if any(s.get("uses", "").startswith("actions/deploy-pages@") for s in job["steps"]))
    needed = jobs[publisher]["needs"]
    needed = [needed] if isinstance(needed, str) else needed
    builder = jobs[needed[0]]
    steps = steps_of(builder)
    assert steps.index("bash .ci/run") < steps.index("make build")
    assert any(s.startswith("actions/upload-pages-artifact@") for s in steps)
    assert jobs[publisher]["permissions"] == {"pages": "write", "id-token": "write"}
    assert deploy["permissions"] == {"contents": "read"}


def code_owners(text: str) -> dict[str, list[str]]:
    rules = [line.split() for line in text.splitlines() if line.strip() and not line.startswith("#")]
    return {rule[0]: rule[1:] for rule in rules}


# What runs while the site is built, or shapes every page: a change to any of it asks for a review.
BUILD_INPUTS = ("/docs/", "/macros/", "/overrides/", "/mkdocs.yml", "/.github/workflows/", "/.github/CODEOWNERS")


def unowned(text: str) -> list[str]:
    owners = code_owners(text)
    return [path for path in BUILD_INPUTS if not [o for o in owners.get(path, []) if o.startswith("@")]]


def test_every_data_change_asks_a_clinical_reviewer():
    owners = code_owners((ROOT / ".github" / "CODEOWNERS").read_text())
    assert owners.get("/data/"), "no owner asked to review changes to data/"
    assert all(owner.startswith("@") for owner in owners["/data/"])
    assert owners["/data/"][0] in owners["/docs/"], "prose pages are medical text too"


def test_every_change_to_what_the_build_runs_asks_for_a_review():
    assert unowned((ROOT / ".github" / "CODEOWNERS").read_text()) == []
    # The rule finds a path left out, and a path with no owner.
    assert unowned("/data/ @org/team\n/docs/ @org/team\n") == list(BUILD_INPUTS[1:])
    everything = "\n".join(f"{path} @org/team" for path in BUILD_INPUTS)
    assert unowned(everything) == []
    assert unowned(everything.replace("/macros/ @org/team", "/macros/")) == ["/macros/"]


def front_matter_fields_named(text: str) -> set[str]:
    """The fields CONTRIBUTING's "Pages in docs/" rules say a page's front matter may hold."""
    rules = text.split("**Pages in `docs/`**", 1)[1].split("\n## ", 1)[0]
    sentence = re.search(r"Front matter .*? may hold only (.*?)\.", rules, re.S).group(1)
    return set(re.findall(r"`([a-z_]+)`", sentence))


def test_contributing_names_every_front_matter_field_a_page_may_hold():
    from macros.site.docs_input import FrontMatter

    assert front_matter_fields_named(CONTRIBUTING) == set(FrontMatter.model_fields)
    assert "search_terms" not in front_matter_fields_named(CONTRIBUTING.replace(", `search` and `search_terms`",
                                                                               " and `search`"))
