"""Editors get the right message at the right moment: a draft's links are checked
while it is unfinished, the content standards run in `make check`, the schemas accept
a fresh draft, and `make new` and `make check` behave as an editor expects."""

from __future__ import annotations

import os
import shutil
import subprocess
import sys

import pytest
import textstat
import yaml

from conftest import ROOT, copy_project, edit, errors_for, line_of, run_build
from macros.cli import check

HARD = ("Musculoskeletal discomfort in the lumbosacral region frequently demonstrates "
        "spontaneous resolution following conservative multidisciplinary management.")


def make_unfinished_draft(fixture_data):
    f = fixture_data / "conditions" / "sore-back.yml"
    edit(f, "summary: >\n  A sore back is common. It often gets better on its own.\n", "summary:\n")
    f.write_text(f.read_text() + "status: draft\n")
    return f


def test_an_unfinished_draft_still_has_its_links_checked(fixture_data):
    f = make_unfinished_draft(fixture_data)
    edit(f, "red_flags: [numb-bottom]", "red_flags: [numb-botom]")
    [error] = errors_for(fixture_data)
    assert error == (f"data/conditions/sore-back.yml:{line_of(f, 'numb-botom')}: red_flags[0]: "
                     "unknown red-flag 'numb-botom' (did you mean 'numb-bottom'?)")


def test_an_unfinished_draft_still_has_its_sources_checked(fixture_data):
    f = make_unfinished_draft(fixture_data)
    edit(f, "sources: [agency-page]\nlast", "sources: [no-such-source]\nlast")
    errors = errors_for(fixture_data)
    assert any(e.startswith(f"data/conditions/sore-back.yml:{line_of(f, 'no-such-source')}: sources[0]: ")
               for e in errors)


def test_an_unfinished_draft_still_has_its_caution_ids_checked(fixture_data):
    f = make_unfinished_draft(fixture_data)
    edit(f, "cautions: [blood-clot]", "cautions: [blood-clots]")
    [error] = errors_for(fixture_data)
    assert "cautions[0]: unknown caution 'blood-clots'" in error


def test_an_unknown_source_says_how_to_add_one(fixture_data):
    f = fixture_data / "techniques" / "gentle-rub.yml"
    edit(f, "sources: [agency-page]", "sources: [smith-2024]")
    [error] = errors_for(fixture_data)
    assert error.endswith("unknown source 'smith-2024': if it is a new source, add it with "
                          "make new kind=source name=smith-2024")


def test_make_check_reports_a_summary_above_grade_8(fixture_data, capsys):
    f = fixture_data / "conditions" / "sore-back.yml"
    edit(f, "  A sore back is common. It often gets better on its own.", "  " + HARD)
    grade = round(textstat.flesch_kincaid_grade(HARD), 1)
    assert grade > 8
    assert check.main([str(fixture_data)]) == 1
    err = capsys.readouterr().err
    assert (f"data/conditions/sore-back.yml:{line_of(f, 'summary:')}: summary: reads at US grade {grade}; "
            "the limit is 8: use shorter sentences and everyday words") in err
    assert "Traceback" not in err


@pytest.mark.parametrize("text, word", [("Massage cures a sore back.", "cures"),
                                        ("A detox rub for your back.", "detox"),
                                        ("This therapy heals the spine.", "heals")])
def test_make_check_reports_a_promise_word(fixture_data, capsys, text, word):
    f = fixture_data / "conditions" / "sore-back.yml"
    edit(f, "    body: Staying active helps most people.", f"    body: {text}")
    assert check.main([str(fixture_data)]) == 1
    err = capsys.readouterr().err
    assert f"data/conditions/sore-back.yml:{line_of(f, 'body:')}: sections[0].body: promises" in err
    assert f"'{word}'" in err


def test_a_quoted_myth_is_not_a_promise(fixture_data, capsys):
    f = fixture_data / "conditions" / "sore-back.yml"
    edit(f, "    body: Staying active helps most people.",
         "    body: 'Some say massage \"cures\" back pain. It does not.'")
    assert check.main([str(fixture_data)]) == 0


def test_make_check_does_not_say_nothing_was_built(fixture_data, capsys):
    edit(fixture_data / "techniques" / "gentle-rub.yml", "sources: [agency-page]", "sources: [agency-pge]")
    assert check.main([str(fixture_data)]) == 1
    err = capsys.readouterr().err
    assert "1 problem in the data:" in err
    assert "nothing was built" not in err


def test_the_build_says_nothing_was_built(tmp_path, fixture_data):
    edit(fixture_data / "techniques" / "gentle-rub.yml", "sources: [agency-page]", "sources: [agency-pge]")
    result = run_build(copy_project(tmp_path / "project", data=fixture_data), tmp_path / "site")
    assert result.returncode != 0
    assert "(nothing was built)" in result.stdout + result.stderr


@pytest.mark.parametrize("kind", ["condition", "technique", "benefit", "caution"])
def test_the_json_schema_accepts_the_draft_make_new_writes(tmp_path, kind):
    import jsonschema
    from macros.editors.json_schemas import schema_for
    from macros.cli.new_entity import new_entity_file
    from macros.data.yaml_source import read_yaml_file

    path = new_entity_file(kind, "Heel pain", tmp_path / "data")
    data, _, errors = read_yaml_file(path, path.name)  # as an editor's tool reads it: dates are text
    assert not errors
    schema = schema_for(kind)
    jsonschema.Draft7Validator.check_schema(schema)
    validator = jsonschema.Draft7Validator(schema, format_checker=jsonschema.FormatChecker())
    assert [e.message for e in validator.iter_errors(data)] == []
    # Published, the same blank file is still underlined; in a draft, a wrong value is too.
    assert list(validator.iter_errors({**data, "status": "published"}))
    assert list(validator.iter_errors({**data, "last_reviewed": "2026-13-01"}))
    assert list(validator.iter_errors({**data, "naem": "typo"}))


def make_in(project, *args):
    env = dict(os.environ, NO_MKDOCS_2_WARNING="1")
    return subprocess.run(["make", "--no-print-directory", *args, f"PY={sys.executable}", "STAMP=",
                           "CHECK_STAMP=", "TEST_STAMP="],
                          cwd=project, env=env, capture_output=True, text=True, timeout=120)


def test_make_new_with_an_unquoted_two_word_name_stops_and_writes_nothing(tmp_path):
    project = tmp_path / "project"
    project.mkdir()
    shutil.copy(ROOT / "Makefile", project / "Makefile")
    shutil.copytree(ROOT / "macros", project / "macros", ignore=shutil.ignore_patterns("__pycache__"))
    (project / "data" / "conditions").mkdir(parents=True)
    result = make_in(project, "new", "kind=condition", "name=Plantar", "fasciitis")
    assert result.returncode != 0
    assert 'name="Plantar fasciitis"' in result.stderr
    assert list((project / "data").rglob("*.yml")) == []


@pytest.mark.parametrize("target, wanted, unwanted", [
    ("check", "requirements.txt", "requirements-dev.txt"),
    ("build", "requirements.txt", "requirements-dev.txt"),
    ("test", "requirements-dev.txt", None),
])
def test_each_target_installs_only_what_it_needs(tmp_path, target, wanted, unwanted):
    result = subprocess.run(["make", "-n", "-B", target, f"VENV={tmp_path}/venv"], cwd=ROOT,
                            capture_output=True, text=True, timeout=60)
    installs = [line for line in result.stdout.splitlines() if "pip install" in line]
    assert installs, result.stdout + result.stderr
    assert any(f"-r {wanted}" in line for line in installs)
    if unwanted:
        assert not any(unwanted in line for line in installs)


def test_the_check_requirements_hold_no_test_or_browser_tools():
    names = {line.split("==")[0].strip().lower() for line in (ROOT / "requirements.txt").read_text().splitlines()
             if line.strip() and not line.startswith(("#", "-r"))}
    assert not names & {"pytest", "playwright", "greenlet", "axe-playwright-python", "beautifulsoup4", "regex",
                        "jsonschema", "linkchecker"}
    assert "textstat" in names  # the content standards run in `make check`
    assert "lxml" in names  # the build reads docs/ SVG images with it (macros/site/docs_input.py)
