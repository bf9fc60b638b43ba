"""`make new`: a new data file with every field, as a draft that `make check` accepts with warnings."""

from __future__ import annotations

import datetime as dt
import re
import os
import shutil
import subprocess
import sys
from pathlib import Path

import pytest

from conftest import ROOT
from macros.data.knowledge_base import load_knowledge_base
from macros.data.kinds import KIND_FOLDERS, KIND_MODELS, PAGE_KINDS
from macros.cli.new_entity import NewFileRefused, id_from_name, main, new_entity_file
from macros.data.yaml_source import read_yaml_file

TODAY = dt.date(2026, 11, 27)


def keys_in(path: Path) -> set[str]:
    data, _, errors = read_yaml_file(path, path.name)
    assert not errors, errors
    found = set(data)
    for value in data.values():
        if isinstance(value, dict):
            found |= set(value)
    return found


def line_of(path: Path, start: str) -> int:
    return next(i for i, line in enumerate(path.read_text().splitlines(), 1) if line.startswith(start))


@pytest.mark.parametrize("kind", list(KIND_MODELS))
def test_every_field_of_the_kind_is_in_the_new_file(fixture_data, kind):
    path = new_entity_file(kind, "Plantar fasciitis", fixture_data, today=TODAY)
    assert path == fixture_data / KIND_FOLDERS[kind] / "plantar-fasciitis.yml"
    assert set(KIND_MODELS[kind].model_fields) <= keys_in(path)
    lines = path.read_text().splitlines()
    assert lines[0] == f"# yaml-language-server: $schema=../../docs/schemas/{kind}.schema.json"
    for name, info in KIND_MODELS[kind].model_fields.items():
        at = lines.index(next(line for line in lines if line.split(":")[0] == name))
        comment = []
        for line in reversed(lines[:at]):
            if not line.startswith("#"):
                break
            comment.insert(0, line.removeprefix("#").strip())
        assert " ".join(info.description.split()[:4]) in " ".join(comment), f"{name} is not explained above it"


@pytest.mark.parametrize("kind", PAGE_KINDS)
def test_a_new_page_is_a_draft_that_passes_with_warnings(fixture_data, kind):
    path = new_entity_file(kind, "Plantar fasciitis", fixture_data, today=TODAY)
    assert "\nstatus: draft\n" in path.read_text()
    kb = load_knowledge_base(fixture_data)  # no DataErrors: a fresh draft is not an error
    assert "plantar-fasciitis" in kb.drafts[kind] and "plantar-fasciitis" not in kb[kind]
    shown = f"data/{KIND_FOLDERS[kind]}/plantar-fasciitis.yml"
    warnings = [str(w) for w in kb.warnings if w.file == shown]
    assert f"{shown}:{line_of(path, 'summary:')}: summary: draft: blank: fill it in before you publish" in warnings
    assert f"{shown}:{line_of(path, 'sources:')}: sources: draft: empty: list at least one before you publish" \
        in warnings


def test_a_new_condition_says_what_it_still_lacks_at_each_line(fixture_data):
    path = new_entity_file("condition", "Plantar fasciitis", fixture_data, today=TODAY)
    kb = load_knowledge_base(fixture_data)
    warnings = {w.field: w for w in kb.warnings}
    assert set(warnings) == {"", "summary", "body_area", "population_phrase", "red_flags", "sources"}
    assert warnings["body_area"].line == line_of(path, "body_area:")
    assert "choose one of 'back', 'neck-and-shoulders'" in warnings["body_area"].message
    assert warnings["red_flags"].line == line_of(path, "red_flags:")
    # No finding names the new condition yet: the page would say nothing has been studied.
    assert warnings[""].line == 1 and "no finding names it yet" in warnings[""].message


def test_a_filled_in_draft_publishes(fixture_data):
    path = new_entity_file("condition", "Plantar fasciitis", fixture_data, today=TODAY)
    text = path.read_text()
    for old, new in [
        ("\nsummary:\n", "\nsummary: Heel pain that is worst with your first steps in the morning.\n"),
        ("\nbody_area:\n", "\nbody_area: muscles-and-joints\n"),
        ("\npopulation_phrase:\n", "\npopulation_phrase: in plantar fasciitis\n"),
        # No sign is specific to it: the page then points to the general emergency advice.
        ("\nred_flags:\n", "\nred_flags: none\n"),
        ("\nsources: []\n", "\nsources: [agency-page]\n"),
    ]:
        assert old in text, old
        text = text.replace(old, new)
    path.write_text(text)
    # The finding about it (a file of its own, on a trial of its own) waits with the draft.
    (fixture_data / "sources" / "review-two.yml").write_text(
        (fixture_data / "sources" / "review-one.yml").read_text().replace("review used", "second review used"))
    (fixture_data / "findings" / "plantar-fasciitis-gentle-rub.yml").write_text(
        "intervention: gentle-rub\npopulation: plantar-fasciitis\noutcome: less-pain\ncomparator: usual-care\n"
        "certainty: very low\ndirection: benefit\nevidence: direct\nfinding: One small trial.\n"
        "sources: [review-two]\nsearched: 2026-11-30\n")
    kb = load_knowledge_base(fixture_data)
    assert [w.message for w in kb.warnings] == ["draft: waits for the draft condition 'plantar-fasciitis': it is "
                                                "published with it"]
    assert "plantar-fasciitis" in kb.drafts["condition"] and "plantar-fasciitis-gentle-rub" in kb.drafts["finding"]
    path.write_text(text.replace("\nstatus: draft\n", "\nstatus: published\n"))
    kb = load_knowledge_base(fixture_data)
    assert kb["condition"]["plantar-fasciitis"].name == "Plantar fasciitis" and not kb.warnings
    assert "plantar-fasciitis-gentle-rub" in kb["finding"]


def test_a_new_source_is_not_a_draft_and_fails_until_filled_in(fixture_data):
    from macros.data.data_errors import DataErrors

    path = new_entity_file("source", "Furlan 2015", fixture_data, today=TODAY)
    assert path.name == "furlan-2015.yml" and "status:" not in path.read_text()
    with pytest.raises(DataErrors) as caught:
        load_knowledge_base(fixture_data)
    errors = [str(e) for e in caught.value.errors]
    assert f"data/sources/furlan-2015.yml:{line_of(path, 'title:')}: title: this field is blank: fill it in" in errors
    assert any(e.startswith(f"data/sources/furlan-2015.yml:{line_of(path, 'type:')}: type: this field is blank")
               and "'systematic-review'" in e for e in errors)
    assert not any(":" + str(line_of(path, "doi:")) + ":" in e for e in errors), "optional fields may stay blank"


def test_it_refuses_to_overwrite(fixture_data):
    before = (fixture_data / "conditions" / "sore-back.yml").read_text()
    with pytest.raises(NewFileRefused, match="data/conditions/sore-back.yml already exists"):
        new_entity_file("condition", "Sore back", fixture_data)
    assert (fixture_data / "conditions" / "sore-back.yml").read_text() == before


def test_it_refuses_an_id_another_kind_uses(fixture_data):
    with pytest.raises(NewFileRefused, match="already used by data/techniques/gentle-rub.yml"):
        new_entity_file("benefit", "Gentle rub", fixture_data)
    assert not (fixture_data / "benefits" / "gentle-rub.yml").exists()


@pytest.mark.parametrize("name, id_, words", [
    ("!!!", "", "gives no usable id"),
    ("日本", "", "choose one with id="),
    ("Sore [back]", "", "the character '[' is not allowed"),
    ("Heel pain", "Heel_Pain", "'Heel_Pain' cannot be an id .*e.g. id=heel-pain"),
    ("Heel pain", "heel--pain", "cannot be an id"),
    ("", "", "give the new file a name"),
])
def test_it_rejects_names_that_make_no_valid_id(fixture_data, name, id_, words):
    with pytest.raises(NewFileRefused, match=words.replace("[", r"\[")):
        new_entity_file("condition", name, fixture_data, entity_id=id_)
    assert sorted(p.name for p in (fixture_data / "conditions").iterdir()) == ["sore-back.yml"]


def test_names_become_ids():
    assert id_from_name("Plantar fasciitis") == "plantar-fasciitis"
    assert id_from_name("Parkinson's disease") == "parkinson-s-disease"
    assert id_from_name("Ménière's disease") == "meniere-s-disease"
    assert id_from_name("  TMJ / jaw pain ") == "tmj-jaw-pain"


def test_unknown_kind_suggests_the_right_one(fixture_data, capsys):
    assert main(["conditon", "Heel pain", "--data-dir", str(fixture_data)]) == 1
    err = capsys.readouterr().err
    assert "unknown kind 'conditon' (did you mean 'condition'?)" in err and "Traceback" not in err


def test_make_new_end_to_end(tmp_path, fixture_data):
    """The Makefile target, as an editor types it, in a copy of the project."""
    project = tmp_path / "project"
    project.mkdir()
    for name in ("Makefile", "requirements.txt", "requirements-dev.txt"):
        shutil.copy2(ROOT / name, project / name)
    shutil.copytree(ROOT / "macros", project / "macros", ignore=shutil.ignore_patterns("__pycache__"))
    shutil.copytree(fixture_data, project / "data")
    venv = Path(sys.executable).parent.parent
    env = dict(os.environ, PYTHONDONTWRITEBYTECODE="1")

    def make(*args):
        # Empty stamps: the shared environment is used as it is, never installed into.
        return subprocess.run(["make", "-s", f"VENV={venv}", "STAMP=", "CHECK_STAMP=", *args], cwd=project, env=env,
                              capture_output=True, text=True, timeout=120)

    made = make("new", "kind=condition", 'name=Plantar fasciitis')
    assert made.returncode == 0, made.stderr
    assert "created data/conditions/plantar-fasciitis.yml as a draft" in made.stdout
    assert (project / "data/conditions/plantar-fasciitis.yml").exists()
    again = make("new", "kind=condition", "name=Plantar fasciitis")
    assert again.returncode != 0 and "already exists" in again.stderr and "Traceback" not in again.stderr
    check = make("check")
    assert check.returncode == 0, check.stderr
    assert "1 draft (not published)" in check.stdout
    assert "data/conditions/plantar-fasciitis.yml:" in check.stdout and "summary: draft: blank" in check.stdout
