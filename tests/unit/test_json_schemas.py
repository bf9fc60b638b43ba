"""The JSON Schemas editors' tools use: current, catching real mistakes, named on every data file."""

from __future__ import annotations

import json

import pytest
from jsonschema import Draft7Validator, FormatChecker

from conftest import FIXTURE_DATA, ROOT
from macros.data.data_errors import DataErrors
from macros.editors.json_schemas import link_data_files, schema_line, schema_text, with_schema_line
from macros.data.knowledge_base import load_knowledge_base
from macros.data.kinds import KIND_FOLDERS, KIND_MODELS
from macros.data.yaml_source import read_yaml_file

SCHEMAS = ROOT / "docs" / "schemas"


def validator(kind: str) -> Draft7Validator:
    schema = json.loads((SCHEMAS / f"{kind}.schema.json").read_text())
    Draft7Validator.check_schema(schema)
    return Draft7Validator(schema, format_checker=FormatChecker())


def fixture_file(kind: str) -> dict:
    path = next((FIXTURE_DATA / KIND_FOLDERS[kind]).glob("*.yml"))
    data, _, errors = read_yaml_file(path, path.name)  # as an editor's tool reads it: dates are text
    assert not errors
    return data


def problems(kind: str, data: dict) -> list[str]:
    return [f"{'/'.join(map(str, e.absolute_path))}: {e.message}" for e in validator(kind).iter_errors(data)]


@pytest.mark.parametrize("kind", list(KIND_MODELS))
def test_committed_schema_is_current(kind):
    path = SCHEMAS / f"{kind}.schema.json"
    assert path.exists(), f"{path.relative_to(ROOT)} is missing: run `make schemas`"
    assert path.read_text() == schema_text(kind), f"{path.relative_to(ROOT)} is out of date: run `make schemas`"


def test_no_stray_schema_files():
    assert {p.name for p in SCHEMAS.glob("*.json")} == {f"{kind}.schema.json" for kind in KIND_MODELS}


@pytest.mark.parametrize("kind", list(KIND_MODELS))
def test_valid_files_pass_the_schema(kind):
    assert problems(kind, fixture_file(kind)) == []


@pytest.mark.parametrize("kind, change, where", [
    ("condition", {"sumary": "typo"}, ""),                                   # unknown field
    ("condition", {"body_area": "spine"}, "body_area"),                      # not an allowed word
    ("condition", {"last_reviewed": "2026-13-01"}, "last_reviewed"),         # not a date
    ("condition", {"sources": []}, "sources"),                               # at least one
    ("technique", {"cautions": "blood-clot"}, "cautions"),                   # a list, not text
    ("benefit", {"claim_finding": ["a"]}, "claim_finding"),                 # one id, not a list
    ("finding", {"certainty": "not supported"}, "certainty"),               # a retired word
    ("finding", {"effect": {"measure": "SMD"}}, "effect"),                  # an effect needs its value
    ("red-flag", {"level": "soon"}, "level"),
    ("condition", {"red_flags": "some"}, "red_flags"),                      # ids, or the word none
    ("caution", {"action": "run"}, "action"),
    ("source", {"pmid": "PMC123"}, "pmid"),
    ("source", {"year": "twenty"}, "year"),
])
def test_the_schema_underlines_editors_mistakes(kind, change, where):
    data = {**fixture_file(kind), **change}
    found = problems(kind, data)
    assert found, f"the schema accepted {change}"
    assert any(p.startswith(f"{where}:") for p in found), found


def test_a_missing_required_field_is_underlined():
    data = fixture_file("caution")
    del data["checklist"]
    assert any("'checklist' is a required property" in p for p in problems("caution", data))


def test_schema_fields_carry_help_for_hover():
    schema = json.loads((SCHEMAS / "condition.schema.json").read_text())
    assert schema["properties"]["body_area"]["description"]
    assert schema["additionalProperties"] is False


def test_schema_line_is_added_once_and_fixed_when_wrong(fixture_data):
    changed = link_data_files(fixture_data)
    assert len(changed) == len(list(fixture_data.rglob("*.yml")))
    for kind, folder in KIND_FOLDERS.items():
        for path in (fixture_data / folder).glob("*.yml"):
            assert path.read_text().splitlines()[0] == schema_line(kind)
    assert link_data_files(fixture_data) == [], "running it again changes nothing"
    wrong = fixture_data / "conditions" / "sore-back.yml"
    wrong.write_text(wrong.read_text().replace("condition.schema.json", "source.schema.json"))
    assert link_data_files(fixture_data) == [wrong]
    assert wrong.read_text().splitlines()[0] == schema_line("condition")
    assert wrong.read_text().count("yaml-language-server") == 1


def test_schema_line_keeps_windows_line_endings():
    text = "name: X\r\nsummary: Y\r\n"
    assert with_schema_line(text, "condition") == schema_line("condition") + "\r\n" + text


def test_the_loader_ignores_the_schema_line_and_lines_stay_right(fixture_data):
    link_data_files(fixture_data)
    kb = load_knowledge_base(fixture_data)
    assert list(kb["condition"]) == ["sore-back"]
    f = fixture_data / "conditions" / "sore-back.yml"
    f.write_text(f.read_text().replace("summary:", "sumary:"))
    with pytest.raises(DataErrors) as caught:
        load_knowledge_base(fixture_data)
    line = f.read_text().splitlines().index("sumary: >") + 1
    assert line > 1 and any(e.line == line and e.field == "sumary" for e in caught.value.errors)


def test_every_data_file_names_its_schema():
    """Run `make schema-lines` to fix: it adds or corrects the first line of every data file."""
    wrong = []
    for kind, folder in KIND_FOLDERS.items():
        for path in sorted((ROOT / "data" / folder).glob("*.yml")):
            first = path.read_text(encoding="utf-8").split("\n", 1)[0].rstrip("\r")
            if first != schema_line(kind):
                wrong.append(path.relative_to(ROOT).as_posix())
    assert not wrong, f"{len(wrong)} data files lack their schema line (run `make schema-lines`): {wrong[:5]}"
