"""The registry of kinds and the table of relations are the one place that knows them:
a relation added there (with its field in the model) reaches the checks, the graph and
the API without a change anywhere else; and the one graded relation is the finding."""

from __future__ import annotations

import dataclasses
from pathlib import Path

import pytest

from conftest import errors_for
from macros.data import kinds
from macros.render import reader_labels, structured_data
from macros.data.knowledge_base import load_knowledge_base
from macros.data.model import EntityId, Technique
from macros.render.open_data import api_files
from macros.data.relation_graph import build_relation_graph

USED_WITH = kinds.Relation("used_with", "technique", "caution", reverse="used_by")


class TechniqueUsedWith(Technique):
    used_with: list[EntityId] = []


@pytest.fixture
def new_relation(monkeypatch):
    """One new entry in the table (and its field on the model), undone after the test."""
    monkeypatch.setitem(kinds.KINDS, "technique", dataclasses.replace(kinds.KINDS["technique"],
                                                                      model=TechniqueUsedWith))
    monkeypatch.setitem(kinds.KIND_MODELS, "technique", TechniqueUsedWith)
    saved = list(kinds.RELATIONS)
    kinds.RELATIONS.append(USED_WITH)
    yield USED_WITH
    kinds.RELATIONS[:] = saved


def _write(data, target="blood-clot"):
    path = data / "techniques" / "gentle-rub.yml"
    path.write_text(path.read_text() + f"used_with: [{target}]\n")


def test_a_new_relation_reaches_the_graph_both_ways(new_relation, fixture_data):
    _write(fixture_data)
    graph = build_relation_graph(load_knowledge_base(fixture_data))
    assert graph.ids("technique", "gentle-rub", "used_with") == ["blood-clot"]
    assert graph.ids("caution", "blood-clot", "used_by") == ["gentle-rub"]


def test_a_new_relation_is_checked_like_the_others(new_relation, fixture_data):
    _write(fixture_data, target="blood-clots")
    assert any("techniques/gentle-rub.yml" in e and "used_with[0]: unknown caution 'blood-clots'" in e
               and "did you mean 'blood-clot'" in e for e in errors_for(fixture_data))


def test_a_new_relation_is_published_in_the_api_from_both_ends(new_relation, fixture_data):
    _write(fixture_data)
    files = api_files(build_relation_graph(load_knowledge_base(fixture_data)), "https://example.org/")
    [technique] = files["api/v2/techniques.json"]["items"]
    [caution] = files["api/v2/cautions.json"]["items"]
    assert technique["used_with"] == ["blood-clot"] and caution["used_by"] == ["gentle-rub"]
    assert "used_with" not in files["api/v1/techniques.json"]["items"][0], "v1 keeps the shape it was published with"


def test_without_the_entry_the_field_is_unknown(fixture_data):
    _write(fixture_data)
    assert any("unknown field 'used_with'" in e for e in errors_for(fixture_data))


def test_the_one_graded_relation_is_the_finding_read_from_each_end():
    graded = [r for r in kinds.RELATIONS if r.graded]
    assert {r.source for r in graded} == {"finding"}
    assert {(r.field, r.target) for r in graded} == {("intervention", "technique"), ("population", "condition"),
                                                      ("outcome", "benefit")}
    assert {r.reverse for r in graded} == {"findings"}
    # No page kind carries a grade of its own.
    for name in kinds.PAGE_KINDS:
        fields = kinds.KINDS[name].model.model_fields
        assert not {"certainty", "direction", "evidence", "techniques", "benefits"} & set(fields), name


def test_every_page_kind_has_a_template_a_label_and_a_json_ld_type(kb):
    templates = {p.name for p in (Path(reader_labels.__file__).parent / "templates").iterdir()}
    for name in kinds.PAGE_KINDS:
        kind = kinds.KINDS[name]
        assert kind.template in templates
        assert reader_labels.KIND_TITLE[name] == kind.title
        entity_id, entity = next(iter(kb[name].items()))
        assert structured_data.medical_web_page(name, entity, "https://example.org/")["about"]["@type"] == kind.schema_org


def test_relations_name_kinds_and_fields_that_exist():
    for relation in kinds.RELATIONS:
        assert relation.field in kinds.KINDS[relation.source].model.model_fields
        assert relation.target in kinds.KINDS
