"""The registry of kinds and the table of relations are the one place that knows them:
a relation added there (with its field in the model) reaches the checks, the graph,
the evidence rules and the API without a change anywhere else."""

from __future__ import annotations

import dataclasses
from pathlib import Path

import pytest

from conftest import errors_for
from macros.data import kinds
from macros.render import reader_labels, structured_data
from macros.data.knowledge_base import load_knowledge_base
from macros.data.model import GradedLink, Technique
from macros.render.open_data import api_files
from macros.data.relation_graph import build_relation_graph

STUDIED_FOR = kinds.Relation("studied_for", "technique", "condition", reverse="studied_techniques", graded=True,
                             tested="source", outcome=lambda technique, condition: f"ease {condition.name.lower()}")

LINK = """studied_for:
  - id: {target}
    certainty: {certainty}
    finding: One small trial found short-term relief.
    sources: [review-one]
    direction: benefit
    evidence: direct
    searched: 2026-11-27
"""


class TechniqueWithStudies(Technique):
    studied_for: list[GradedLink] = []


@pytest.fixture
def new_relation(monkeypatch):
    """One new entry in the table (and its field on the model), undone after the test."""
    monkeypatch.setitem(kinds.KINDS, "technique", dataclasses.replace(kinds.KINDS["technique"],
                                                                      model=TechniqueWithStudies))
    monkeypatch.setitem(kinds.KIND_MODELS, "technique", TechniqueWithStudies)
    monkeypatch.setattr(kinds, "RELATIONS", kinds.RELATIONS)  # restores the list object afterwards
    saved = list(kinds.RELATIONS)
    kinds.RELATIONS.append(STUDIED_FOR)
    yield STUDIED_FOR
    kinds.RELATIONS[:] = saved


def _write(data, target="sore-back", certainty="low"):
    path = data / "techniques" / "gentle-rub.yml"
    path.write_text(path.read_text() + LINK.format(target=target, certainty=certainty))


def test_a_new_relation_reaches_the_graph_both_ways_with_its_verdict(new_relation, fixture_data):
    _write(fixture_data)
    graph = build_relation_graph(load_knowledge_base(fixture_data))
    [forward] = graph.edges("technique", "gentle-rub", "studied_for")
    [back] = graph.edges("condition", "sore-back", "studied_techniques")
    assert (forward.kind, forward.other, back.kind, back.other) == ("condition", "sore-back", "technique", "gentle-rub")
    assert "ease sore back" in forward.verdict and forward.verdict == back.verdict
    assert "review-one" in graph.sources_of("technique", "gentle-rub")


def test_a_new_relation_is_checked_like_the_others(new_relation, fixture_data):
    _write(fixture_data, target="sore-bak")
    assert any("techniques/gentle-rub.yml" in e and "studied_for[0].id: unknown condition 'sore-bak'" in e
               and "did you mean 'sore-back'" in e for e in errors_for(fixture_data))


def test_a_new_graded_relation_is_held_to_the_evidence_rules(new_relation, fixture_data):
    # The same trial on the same technique and condition is graded low in sore-back.yml.
    _write(fixture_data, certainty="moderate")
    assert any("studied_for[0].certainty" in e and "one body of evidence gets one grade" in e
               for e in errors_for(fixture_data))


def test_a_new_relation_is_published_in_the_api_from_both_ends(new_relation, fixture_data):
    _write(fixture_data)
    files = api_files(build_relation_graph(load_knowledge_base(fixture_data)), "https://example.org/")
    [technique] = files["api/v2/techniques.json"]["items"]
    [condition] = files["api/v2/conditions.json"]["items"]
    assert [(i["id"], i["certainty"]) for i in technique["studied_for"]] == [("sore-back", "low")]
    assert [i["id"] for i in condition["studied_techniques"]] == ["gentle-rub"]
    assert "ease sore back" in condition["studied_techniques"][0]["verdict"]
    assert files["api/v2/benefits.json"]["items"][0].get("studied_techniques") is None


def test_without_the_entry_the_field_is_unknown(fixture_data):
    _write(fixture_data)
    assert any("unknown field 'studied_for'" in e for e in errors_for(fixture_data))


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
        assert not relation.graded or relation.outcome is not None

